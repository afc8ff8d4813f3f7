//! The command line, as clap derive definitions.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::error::ErrorKind;
use clap::{ArgMatches, Args, FromArgMatches, Parser, Subcommand, ValueEnum};

use jwtscope::source::DEFAULT_MAX_INPUT;

const EXAMPLES: &str = "\
Examples:
  jwtscope eyJhbGciOi...                  decode a token given as an argument
  pbpaste | jwtscope                      decode what is piped in (clipboard, curl, ...)
  jwtscope - < token.txt                  read standard input explicitly
  jwtscope managedid.json                 find the tokens in a file: IMDS/az/OAuth JSON, HAR, logs
  jwtscope -f eyJ.looks.like.a.token      read a file whose name could pass for a token
  jwtscope 'https://jwt.ms/#id_token=...' a URL carrying id_token= or access_token=
  jwtscope 'Authorization: Bearer eyJ...' a header line (quotes and Bearer are removed)
  jwtscope --output json token.txt        one JSON document for scripts
  jwtscope --check token.txt              exit 3 when a token is expired or not yet valid
  jwtscope                                open the terminal UI and paste a token
  jwtscope imds                           fetch a managed identity token on an Azure VM (see imds --help)
  jwtscope login --tenant T --client-id C sign in and show the tokens issued (see login --help)
  jwtscope --key keys.json token.txt      verify the signature with a PEM, JWK or JWK Set
  jwtscope --discover token.txt           verify with the issuer's published keys (Entra, Google)
  jwtscope encode --key k.pem --exp +1h   make a signed token (see encode --help)
  jwtscope keygen ec --out test           a test key pair: test.pem and test.jwks.json

Exit codes: 0 decoded · 1 unreadable input, nothing decodable, or an error document
(e.g. IMDS \"Identity not found\") · 2 usage · 3 with --check: expired or not yet valid ·
4 with --check: signature invalid or, with a key, not verified (or --iss/--aud not matching).";

/// Inspect JSON Web Tokens: decode JWS/JWE, explain every claim (Entra ID, OIDC, managed
/// identity), and show when they expire. Decoding is offline; only `imds`, --jwks and
/// --discover use the network, and a token is never sent anywhere.
#[derive(Debug, Parser)]
#[command(
    name = "jwtscope",
    version,
    about,
    after_help = EXAMPLES
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub common: Common,

    #[command(flatten)]
    pub verify: jwtscope::verify::VerifyArgs,

    /// What `encode` matched: it reads the options' command-line order from it (their
    /// indices). Empty for every other command line.
    #[arg(skip)]
    pub encode_matches: Option<ArgMatches>,
}

impl Cli {
    /// Parse the process's arguments. A command line that names no subcommand and asks for
    /// no help or version (nearly every decode) is parsed by a command without the
    /// subcommands: building them and copying the global options into each was a third of a
    /// small token's start-up. Such a command line means the same to both commands (clap
    /// takes a subcommand only from an argument equal to its name); anything else, and any
    /// error, goes through the whole command, so messages, help and suggestions are clap's.
    pub fn parse_args() -> Self {
        let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
        if let Some(cli) = Self::parse_lean(&args) {
            return cli;
        }
        // As `parse_from`, with one more check between matching and reading the matches. The
        // command is matched in place, not cloned first (cloning and dropping a second copy
        // of every subcommand cost a fifth of an `encode` run's instructions).
        let mut cmd = <Self as clap::CommandFactory>::command();
        let mut m = cmd
            .try_get_matches_from_mut(args)
            .unwrap_or_else(|e| e.exit());
        if let Err(e) = refuse_idle_options(&cmd, &m) {
            // With the subcommand's usage line, as clap's own errors about it have.
            let name = m.subcommand_name().unwrap_or_default().to_string();
            match cmd.find_subcommand_mut(&name) {
                Some(sub) => e.format(sub).exit(),
                None => e.format(&mut cmd).exit(),
            }
        }
        // Reading the matches takes their values out: `encode`'s are kept first.
        let encode_matches = m.subcommand_matches("encode").cloned();
        let mut cli =
            Self::from_arg_matches_mut(&mut m).unwrap_or_else(|e| e.format(&mut cmd).exit());
        cli.encode_matches = encode_matches;
        cli
    }

    /// The lean parse: `None` when the whole command must decide.
    fn parse_lean(args: &[std::ffi::OsString]) -> Option<Self> {
        if needs_whole_command(args) {
            return None;
        }
        let m = Self::lean_command().try_get_matches_from(args).ok()?;
        Self::from_arg_matches(&m).ok()
    }

    /// The root options without subcommands, help or version.
    fn lean_command() -> clap::Command {
        let cmd = clap::Command::new("jwtscope")
            .disable_help_flag(true)
            .disable_help_subcommand(true);
        jwtscope::verify::VerifyArgs::augment_args(Common::augment_args(InputArgs::augment_args(
            cmd,
        )))
        // Nothing to propagate to: clap would otherwise copy every global's value once more.
        .mut_args(|a| a.global(false))
    }
}

/// `keygen` and `completions` only write files or a script: an option of decoding (`--output`,
/// `--key`, `--now`, ...) given to them would do nothing, so it is a usage error rather than
/// silently ignored. `--color` stays allowed (clap's own messages follow it).
fn refuse_idle_options(whole: &clap::Command, m: &ArgMatches) -> Result<(), clap::Error> {
    let Some((name, sub)) = m.subcommand() else {
        return Ok(());
    };
    let own = match name {
        "keygen" => jwtscope::encode::keygen::KeygenArgs::augment_args(clap::Command::new("k")),
        "completions" => CompletionsArgs::augment_args(clap::Command::new("c")),
        _ => return Ok(()),
    };
    let given = |ms: &ArgMatches, id: &str| {
        ms.ids().any(|i| i == id)
            && ms.value_source(id) == Some(clap::parser::ValueSource::CommandLine)
    };
    for arg in whole.get_arguments() {
        let id = arg.get_id().as_str();
        if id == "color" || own.get_arguments().any(|a| a.get_id() == id) {
            continue;
        }
        if given(m, id) || given(sub, id) {
            let shown = arg
                .get_long()
                .map_or_else(|| id.to_string(), |l| format!("--{l}"));
            return Err(clap::Error::raw(
                ErrorKind::ArgumentConflict,
                format!("{shown} does nothing for `jwtscope {name}`; leave it out"),
            ));
        }
    }
    Ok(())
}

/// Whether an argument could select a subcommand or ask for help or the version.
fn needs_whole_command(args: &[std::ffi::OsString]) -> bool {
    args.iter().skip(1).any(|a| {
        ["help", "-h", "--help", "-V", "--version"]
            .iter()
            .any(|w| a == w)
            || SUBCOMMANDS.iter().any(|(name, _)| a == name)
    })
}

/// What to read.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// A token, a file holding tokens, or "-" for standard input. With no INPUT, standard
    /// input is read when it is not a terminal; otherwise the UI opens with a paste box.
    pub input: Option<std::ffi::OsString>,

    /// Read this file (even when its name could pass for a token).
    #[arg(
        short = 'f',
        long = "file",
        value_name = "PATH",
        conflicts_with = "input"
    )]
    pub file: Option<PathBuf>,
}

/// Options that apply to every way in.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Output and checks")]
pub struct Common {
    /// Output format. Without it: the terminal UI when standard output is a terminal, text
    /// otherwise.
    #[arg(short = 'o', long, value_enum, global = true)]
    pub output: Option<OutputFormat>,

    /// When to colour the text output. NO_COLOR (non-empty) turns "auto" off.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    /// Judge times against this instant instead of the clock: RFC 3339
    /// (2026-11-24T09:00:00Z) or Unix seconds.
    #[arg(long, value_name = "TIME", value_parser = parse_now, global = true)]
    pub now: Option<DateTime<Utc>>,

    /// Exit 3 when any token is expired or not yet valid (with --leeway); exit 4 when a
    /// signature is invalid or a claim asked for with --iss/--aud does not match, and, when a
    /// key, secret, JWKS or --discover was given, when a signature could not be verified.
    #[arg(long, global = true)]
    pub check: bool,

    /// Refuse inputs larger than this (bytes, or with a KiB/MiB/GiB suffix).
    #[arg(long, value_name = "SIZE", default_value_t = DEFAULT_MAX_INPUT, value_parser = parse_size, global = true)]
    pub max_input_size: u64,

    /// In the UI, sign tokens edited with `e` or `T` again with this private key (PEM or
    /// JWK); without a key they keep the old signature, which is then invalid.
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with = "sign_secret_env",
        help_heading = "Editing in the UI"
    )]
    pub sign_key: Option<PathBuf>,

    /// In the UI, sign edited tokens again with the HMAC secret in this environment variable.
    #[arg(long, value_name = "VAR", help_heading = "Editing in the UI")]
    pub sign_secret_env: Option<String>,

    /// Leave the mouse to the terminal: the UI does not take wheel and clicks, and the
    /// terminal selects text as usual (with the mouse on, Shift+drag selects in most
    /// terminals).
    #[arg(long, global = true)]
    pub no_mouse: bool,
}

/// The subcommands. Written out rather than derived so that `imds`, `login` and
/// `completions` build their options only when they run (`Command::defer`): building every
/// subcommand's options was a third of a decode's start-up (see README's performance
/// section). `encode` and `keygen` are built at once: they reuse ids of global options
/// (`--key`, `--jwks`, ...) on purpose so that clap does not propagate those into them, and
/// propagation happens before a deferred subcommand has its own options.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)] // parsed once per run; boxing would only add noise
pub enum Command {
    Imds(jwtscope::fetch::FetchArgs),
    Login(jwtscope::login::LoginArgs),
    Encode(jwtscope::encode::EncodeArgs),
    Keygen(jwtscope::encode::keygen::KeygenArgs),
    Completions(CompletionsArgs),
}

/// Print a shell completion script.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Each subcommand: its name, the one line the root `--help` lists it with (its own `--help`
/// gives the whole description from the options' doc comment), and the one-line summary.
const SUBCOMMANDS: [(&str, &str); 5] = [
    (
        "imds",
        "Fetch a managed identity token on this machine and show it",
    ),
    (
        "login",
        "Sign in with OpenID Connect / OAuth 2.0 and show the tokens issued",
    ),
    (
        "encode",
        "Make a signed token from claims or from an existing token",
    ),
    (
        "keygen",
        "Make a test key pair: NAME.pem and NAME.jwks.json",
    ),
    ("completions", "Print a shell completion script"),
];

/// A subcommand's options added to it, with the one-line `about` kept for lists and the
/// doc comment's text as the `long_about` its `--help` shows.
fn with_args<A: Args>(cmd: clap::Command) -> clap::Command {
    let short = cmd.get_about().cloned();
    let mut cmd = A::augment_args(cmd);
    if let Some(long) = cmd.get_about().cloned() {
        cmd = cmd.long_about(long);
    }
    match short {
        Some(short) => cmd.about(short),
        None => cmd,
    }
}

impl Subcommand for Command {
    fn augment_subcommands(cmd: clap::Command) -> clap::Command {
        use jwtscope::{encode, fetch, login};
        let [imds, login, encode, keygen, completions] =
            SUBCOMMANDS.map(|(name, about)| clap::Command::new(name).about(about));
        cmd.subcommand(imds.defer(with_args::<fetch::FetchArgs>))
            .subcommand(login.defer(with_args::<login::LoginArgs>))
            .subcommand(with_args::<encode::EncodeArgs>(encode))
            .subcommand(with_args::<encode::keygen::KeygenArgs>(keygen))
            .subcommand(completions.defer(with_args::<CompletionsArgs>))
    }

    fn augment_subcommands_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_subcommands(cmd)
    }

    fn has_subcommand(name: &str) -> bool {
        SUBCOMMANDS.iter().any(|(n, _)| *n == name)
    }
}

impl FromArgMatches for Command {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        let Some((name, sub)) = m.subcommand() else {
            return Err(clap::Error::new(ErrorKind::MissingSubcommand));
        };
        Ok(match name {
            "imds" => Self::Imds(FromArgMatches::from_arg_matches(sub)?),
            "login" => Self::Login(FromArgMatches::from_arg_matches(sub)?),
            "encode" => Self::Encode(FromArgMatches::from_arg_matches(sub)?),
            "keygen" => Self::Keygen(FromArgMatches::from_arg_matches(sub)?),
            "completions" => Self::Completions(FromArgMatches::from_arg_matches(sub)?),
            _ => return Err(clap::Error::new(ErrorKind::InvalidSubcommand)),
        })
    }

    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(m)?;
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// A readable report.
    Text,
    /// One JSON document (schema in README.md).
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// `--now`: RFC 3339 or Unix seconds (fractions allowed).
pub fn parse_now(s: &str) -> Result<DateTime<Utc>, String> {
    jwtscope::encode::when::parse_instant(s).ok_or_else(|| {
        format!("{s:?} is neither an RFC 3339 time (2026-11-24T09:00:00Z) nor Unix seconds")
    })
}

/// `--max-input-size`: bytes with an optional K/M/G suffix (powers of 1024).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (digits, unit) = t.split_at(split);
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("{s:?} is not a size (e.g. 1048576, 512KiB, 64MiB)"))?;
    let mult: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => {
            return Err(format!(
                "{s:?}: unknown unit {unit:?} (use KiB, MiB or GiB)"
            ));
        }
    };
    n.checked_mul(mult)
        .ok_or_else(|| format!("{s:?} is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    /// Every command line the lean parse accepts means exactly what the whole command makes
    /// of it; the others (subcommands, help, version, errors) are left to the whole command.
    #[test]
    fn the_lean_parse_agrees_with_the_whole_command() {
        let lines: &[&[&str]] = &[
            &[],
            &["eyJ.x.y"],
            &["-", "--output", "json"],
            &[
                "-o", "text", "--check", "--leeway", "30", "--key", "k.pem", "tok",
            ],
            &["--now", "1700000000", "--color", "never", "-f", "file.json"],
            &[
                "--secret",
                "s",
                "--iss",
                "https://i",
                "--aud",
                "a",
                "--trust-issuer",
                "https://a",
            ],
            &[
                "--discover",
                "--no-cache",
                "--no-mouse",
                "--max-input-size",
                "2MiB",
                "t",
            ],
            &[
                "--sign-key",
                "k.pem",
                "--jwks",
                "https://k",
                "--",
                "--looks-like-a-flag",
            ],
        ];
        for line in lines {
            let args: Vec<std::ffi::OsString> = std::iter::once("jwtscope")
                .chain(line.iter().copied())
                .map(Into::into)
                .collect();
            let lean = Cli::parse_lean(&args).unwrap_or_else(|| panic!("{line:?} not lean"));
            let whole = Cli::try_parse_from(&args).unwrap();
            assert_eq!(format!("{lean:?}"), format!("{whole:?}"), "{line:?}");
        }
        let whole: &[&[&str]] = &[
            &["imds"],
            &["--output", "json", "encode", "--sub", "x"],
            &["help"],
            &["--help"],
            &["-V"],
            &["--bogus"],
            &["-f", "a", "b"],
            &["--output", "yaml", "t"],
        ];
        for line in whole {
            let args: Vec<std::ffi::OsString> = std::iter::once("jwtscope")
                .chain(line.iter().copied())
                .map(Into::into)
                .collect();
            assert!(Cli::parse_lean(&args).is_none(), "{line:?} parsed lean");
        }
    }

    #[test]
    fn sizes_and_times_parse() {
        assert_eq!(parse_size("64MiB"), Ok(64 << 20));
        assert_eq!(parse_size("1024"), Ok(1024));
        assert!(parse_size("ten").is_err());
        assert_eq!(
            parse_now("1700000000").unwrap().to_rfc3339(),
            "2023-11-14T22:13:20+00:00"
        );
        assert_eq!(
            parse_now("2026-11-24T09:00:00+01:00").unwrap().to_rfc3339(),
            "2026-11-24T08:00:00+00:00"
        );
        assert!(parse_now("tomorrow").is_err());
    }
}
