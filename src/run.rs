//! From a parsed command line to output: pick the source, read it, build the report, print
//! it (or hand it to the UI). Errors are typed here and mapped to exit codes in `main`.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use chrono::{SubsecRound as _, Utc};
use clap::CommandFactory;

use jwtscope::output::{self, text::TextOptions};
use jwtscope::pipeline;
use jwtscope::report::SignatureStatus;
use jwtscope::report::{ExpiryStatus, Kind, Report};
use jwtscope::source::{self, ReadError, Source};
use jwtscope::verify::{self, Verifier};
use std::sync::Arc;

use crate::cli::{Cli, ColorChoice, Command, Common, CompletionsArgs, OutputFormat};

/// What went wrong, by layer; `main` maps each to an exit code.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The command line asks for something that cannot be done (exit 2).
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error(transparent)]
    Report(#[from] pipeline::Error),
    #[error("cannot write output: {0}")]
    Output(#[from] io::Error),
    #[error("cannot run the terminal UI: {0} (use --output text or --output json)")]
    Ui(io::Error),
    /// The UI was left before a token arrived, the fetch having failed (exit 1, as without
    /// the UI).
    #[error("fetch failed: {0}")]
    UiFetch(String),
    #[error(transparent)]
    Fetch(#[from] jwtscope::fetch::FetchError),
    #[error(transparent)]
    Verify(#[from] jwtscope::verify::VerifyError),
    #[error(transparent)]
    Login(#[from] jwtscope::login::LoginError),
    #[error(transparent)]
    Encode(#[from] jwtscope::encode::EncodeError),
    #[error(transparent)]
    Keygen(#[from] jwtscope::encode::keygen::KeygenError),
    #[error("cannot save the response to {path}: {source}")]
    Save {
        path: String,
        #[source]
        source: io::Error,
    },
}

impl AppError {
    /// The exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            AppError::Usage(_) | AppError::Fetch(jwtscope::fetch::FetchError::Usage(_)) => 2,
            AppError::Login(e) if e.is_usage() => 2,
            AppError::Verify(e) => e.exit_code(),
            AppError::Encode(e) => e.exit_code(),
            AppError::Keygen(e) => e.exit_code(),
            _ => 1,
        }
    }

    /// A line of advice to print after the error, when there is one.
    pub fn advice(&self) -> Option<String> {
        match self {
            AppError::Fetch(e) => e.advice(),
            AppError::Login(e) => e.advice(),
            AppError::Report(pipeline::Error::Input(
                jwtscope::input::InputError::ErrorDocument(d),
            )) => d.advice().map(str::to_string),
            _ => None,
        }
    }
}

/// How the run ended when it did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    /// `--check` found a token that is expired or not yet valid (exit 3).
    CheckFailed,
    /// `--check` found an invalid signature or a claim that does not match (exit 4).
    VerificationFailed,
    /// The UI was ended by this signal (exit 128 + signal, as shells expect).
    Signal(i32),
}

/// Where the bytes come from, before reading.
enum Input {
    Argument(String),
    Stdin,
    File(PathBuf),
    /// Nothing given and standard input is a terminal: the UI's paste screen.
    Nothing,
}

fn choose_input(cli: &Cli) -> Input {
    if let Some(path) = &cli.input.file {
        return Input::File(path.clone());
    }
    match cli.input.input.as_deref() {
        Some(s) if s == "-" => Input::Stdin,
        Some(s) if Path::new(s).exists() => Input::File(PathBuf::from(s)),
        // A file name need not be UTF-8 (a token must be): an argument that is not UTF-8 and
        // names no file is reported as a missing file.
        Some(s) => match s.to_str() {
            Some(t) => Input::Argument(t.to_string()),
            None => Input::File(PathBuf::from(s)),
        },
        None if !io::stdin().is_terminal() => Input::Stdin,
        None => Input::Nothing,
    }
}

/// A missing file named on the command line reads better as "no such file" than as "no
/// token found in 'managedid.jsn'".
fn looks_like_a_path(s: &str) -> bool {
    let t = s.trim();
    if t.is_empty() || t.contains(char::is_whitespace) || t.starts_with("ey") || t.starts_with("ew")
    {
        return false;
    }
    if t.contains('/') || t.contains('\\') {
        return !t.contains(['?', '#', '=']);
    }
    // name.ext with one dot and a short extension: "managedid.jsn", "token.txt".
    matches!(t.split('.').collect::<Vec<_>>().as_slice(),
        [name, ext] if !name.is_empty()
            && (1..=5).contains(&ext.len())
            && ext.chars().all(|c| c.is_ascii_alphanumeric()))
}

fn color_enabled(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
        }
    }
}

/// What every path needs: the shared options, when the process started, the verifier.
struct Ctx<'a> {
    common: &'a Common,
    /// `--leeway`: seconds of tolerance on exp/nbf, for the claim checks and for exit 3.
    leeway: u64,
    started: std::time::Instant,
    verifier: Option<Arc<Verifier>>,
}

impl Ctx<'_> {
    /// The instant times are judged at: `--now`, or the clock in whole seconds (so the JSON's
    /// `now` and every relative time agree to the second).
    fn now(&self) -> chrono::DateTime<Utc> {
        self.common
            .now
            .unwrap_or_else(|| Utc::now().trunc_subsecs(0))
    }

    fn build(&self, bytes: Vec<u8>, src: Source) -> Result<Report, pipeline::Error> {
        pipeline::build_verified(bytes, src, self.now(), self.verifier.as_deref())
    }
}

/// Run the command line.
pub fn run(cli: &Cli, started: std::time::Instant) -> Result<Outcome, AppError> {
    if let Some(Command::Completions(CompletionsArgs { shell })) = cli.command {
        let mut cmd = Cli::command();
        clap_complete::generate(shell, &mut cmd, "jwtscope", &mut io::stdout());
        return Ok(Outcome::Ok);
    }
    let common = cli.common.clone();
    if let Some(Command::Encode(args)) = &cli.command {
        return encode(args, cli, &common, started);
    }
    if let Some(Command::Keygen(args)) = &cli.command {
        let w = jwtscope::encode::keygen::keygen(args)?;
        let mut out = io::stdout().lock();
        if let Some(p) = &w.private {
            writeln!(out, "private key: {} (mode 0600)", p.display())?;
        }
        writeln!(
            out,
            "key set:     {} (kid {}, alg {})",
            w.jwks.display(),
            w.kid,
            w.alg
        )?;
        return Ok(Outcome::Ok);
    }
    // The edit-signing key serves the UI only: without it, saying nothing would leave the user
    // believing something was signed.
    if (common.sign_key.is_some() || common.sign_secret_env.is_some()) && !wants_ui(&common) {
        return Err(AppError::Usage(
            "--sign-key and --sign-secret-env sign tokens edited in the terminal UI, which is not \
             opened here (--output, --check, or standard output is not a terminal); to make a \
             token, use `jwtscope encode --key FILE`"
                .to_string(),
        ));
    }
    // Keys are loaded once, before anything is read: a bad key file is the first error.
    let verifier = verify::prepare(&cli.verify, &|k| std::env::var_os(k))?.map(Arc::new);
    let ctx = Ctx {
        common: &common,
        leeway: cli.verify.leeway,
        started,
        verifier,
    };
    if let Some(Command::Imds(args)) = &cli.command {
        return imds(args, &ctx);
    }
    if let Some(Command::Login(args)) = &cli.command {
        return login(args, &cli.verify, &ctx);
    }
    let (bytes, src) = match choose_input(cli) {
        Input::Argument(s) => {
            if looks_like_a_path(&s) {
                return Err(AppError::Read(ReadError::Io {
                    what: s,
                    source: io::Error::new(
                        io::ErrorKind::NotFound,
                        "no such file (and the argument does not look like a token)",
                    ),
                }));
            }
            if s.len() as u64 > common.max_input_size {
                return Err(AppError::Read(ReadError::TooLarge {
                    what: "the argument".to_string(),
                    size: format!("{} bytes", s.len()),
                    limit: common.max_input_size,
                }));
            }
            (s.into_bytes(), Source::Argument)
        }
        Input::Stdin => (source::read_stdin(common.max_input_size)?, Source::Stdin),
        Input::File(path) => (
            source::read_file(&path, common.max_input_size)?,
            Source::File { path },
        ),
        Input::Nothing if wants_ui(&common) => {
            return Ok(ui(None, &ctx, None)?.unwrap_or(Outcome::Ok));
        }
        Input::Nothing => {
            return Err(AppError::Usage(
                "no input: pass a token or a file, or pipe one in (see jwtscope --help)"
                    .to_string(),
            ));
        }
    };
    if wants_ui(&common) {
        // The UI keeps the candidates and explains a token when it is shown: a file of a
        // million tokens costs its size, not a million reports. (No --check here: the UI
        // is not for scripts, so there is no verdict to compute.)
        let tokens = crate::tui::TokenList::find(bytes, src, ctx.now(), ctx.verifier.clone())?;
        return Ok(ui(Some(tokens), &ctx, None)?.unwrap_or(Outcome::Ok));
    }
    stream_print(bytes, &src, &ctx)
}

/// Decode, explain and print the tokens one at a time: memory stays flat however many tokens
/// the input holds, and the first token is printed before the last is found.
fn stream_print(bytes: Vec<u8>, src: &Source, ctx: &Ctx) -> Result<Outcome, AppError> {
    let now = ctx.now();
    let now_text = jwtscope::claims::time::format_utc(&now);
    let stdout = io::stdout();
    let out = io::BufWriter::with_capacity(64 * 1024, stdout.lock());
    let mut writer = output::stream::ReportWriter::new(out, format(ctx.common), src, &now_text);
    let mut verdict = Verdict::new(ctx);
    let rule = verdict.rule;
    let skipped = output::parallel::write_tokens(
        bytes,
        now.into(),
        ctx.verifier.as_deref(),
        &mut writer,
        output::parallel::Judge {
            judge: &|t| rule.judge(t),
            record: &mut |j| verdict.record(j),
        },
        // The output is the same on any number of threads: a large input uses every core.
        None,
    )
    .map_err(|e| match e {
        output::parallel::StreamError::Pipeline(e) => AppError::from(e),
        output::parallel::StreamError::Output(e) => AppError::Output(e),
    })?;
    writer.finish(&skipped)?.flush()?;
    Ok(verdict.outcome())
}

fn format(common: &Common) -> output::stream::Format {
    match common.output.unwrap_or(OutputFormat::Text) {
        OutputFormat::Json => output::stream::Format::Json,
        OutputFormat::Text => output::stream::Format::Text(TextOptions {
            color: color_enabled(common.color),
            // Read by a person in a terminal: prose is broken between words to fit it.
            width: std::io::stdout()
                .is_terminal()
                .then(|| crossterm::terminal::size().ok())
                .flatten()
                .map(|(columns, _)| usize::from(columns)),
        }),
    }
}

/// `jwtscope imds`: fetch, then show the answer like a file with the same bytes. The UI
/// opens at once and fetches in the background (a retry can take a minute).
fn imds(args: &jwtscope::fetch::FetchArgs, ctx: &Ctx) -> Result<Outcome, AppError> {
    use jwtscope::fetch::{self, Progress};
    let env = |k: &str| std::env::var(k).ok();
    if wants_ui(ctx.common) {
        let args = args.clone();
        let frozen = ctx.common.now;
        let verifier = ctx.verifier.clone();
        let mut first = true;
        // The first fetch and `R`: the same request, quietly (the UI shows the progress and
        // the outcome). The first also says which endpoint was chosen, and is the one
        // --save keeps, as without the UI.
        let refetch: crate::tui::Refetch = Box::new(move |show| {
            // The first fetch names the endpoint (R's line names it from the last answer),
            // and keeps naming it while it waits to retry.
            let mut chosen: Option<String> = None;
            let mut progress = |p: &Progress| match p {
                Progress::Chosen { .. } if first => {
                    let line = p.to_string();
                    show(line.clone());
                    chosen = Some(line);
                }
                Progress::Waiting { .. } | Progress::ArcChallenge { .. } => match &chosen {
                    Some(c) => show(format!("{c} · {p}")),
                    None => show(p.to_string()),
                },
                _ => {}
            };
            let fetched =
                fetch::fetch(&args, &env, &mut progress).map_err(|e| match e.advice() {
                    Some(a) => format!("{e} ({a})"),
                    None => e.to_string(),
                })?;
            if std::mem::take(&mut first)
                && let Some(path) = &args.save
            {
                fetch::save_response(path, &fetched.body)
                    .map_err(|e| format!("cannot save the response to {}: {e}", path.display()))?;
            }
            let now = frozen.unwrap_or_else(|| Utc::now().trunc_subsecs(0));
            pipeline::build_verified(
                fetched.body,
                Source::Fetch(fetched.info),
                now,
                verifier.as_deref(),
            )
            .map_err(|e| e.to_string())
        });
        return Ok(ui(None, ctx, Some(refetch))?.unwrap_or(Outcome::Ok));
    }
    // Waits are worth a line on stderr (a retry can take a minute); the rest is in the report.
    let mut progress = |p: &Progress| {
        if matches!(p, Progress::Waiting { .. } | Progress::ArcChallenge { .. }) {
            eprintln!(
                "jwtscope: {}",
                jwtscope::output::sanitize::clean(&p.to_string())
            );
        }
    };
    let fetched = fetch::fetch(args, &env, &mut progress)?;
    if let Some(path) = &args.save {
        fetch::save_response(path, &fetched.body).map_err(|source| AppError::Save {
            path: path.display().to_string(),
            source,
        })?;
    }
    let report = ctx.build(fetched.body, Source::Fetch(fetched.info))?;
    print(&report, ctx.common)?;
    Ok(check(&report, ctx))
}

/// `jwtscope login`: sign in, then show the token response like a file with the same bytes,
/// the ID token verified against the discovered keys. `R` in the UI refreshes.
fn login(
    args: &jwtscope::login::LoginArgs,
    user_verify: &verify::VerifyArgs,
    ctx: &Ctx,
) -> Result<Outcome, AppError> {
    use jwtscope::login::{self, Hooks};
    let env = |k: &str| std::env::var(k).ok();
    // One message may be several lines (the URL on its own line, to copy whole).
    let mut progress = |p: &login::Progress| {
        for (i, line) in p.to_string().lines().enumerate() {
            let line = jwtscope::output::sanitize::clean(line);
            if i == 0 {
                eprintln!("jwtscope: {line}");
            } else {
                eprintln!("{line}");
            }
        }
    };
    let hooks = Hooks {
        sleep: &std::thread::sleep,
        open: &login::open_browser,
    };
    let save_error = |path: &Path, source| AppError::Save {
        path: path.display().to_string(),
        source,
    };
    // A path the writer would refuse is found before the sign-in, not after it.
    if let Some(path) = &args.save {
        jwtscope::fetch::check_save_path(path).map_err(|e| save_error(path, e))?;
    }
    let (mut session, body) = login::login(args, &env, &mut progress, &hooks)?;
    // If writing still fails, the tokens are shown all the same, and the error after them.
    let saved = match &args.save {
        Some(path) => jwtscope::fetch::save_response(path, &body).map_err(|e| save_error(path, e)),
        None => Ok(()),
    };
    let verifier =
        verify::prepare(&session.verify_args(user_verify), &|k| std::env::var_os(k))?.map(Arc::new);
    let mut refresh_token = login::refresh_token_of(&body);
    let report = session.report(body, ctx.now(), verifier.as_deref())?;
    if wants_ui(ctx.common) {
        let outcome = check_login(&report, ctx);
        let frozen = ctx.common.now;
        let refresh: Option<crate::tui::Refetch> = refresh_token.is_some().then(|| {
            let refetch: crate::tui::Refetch = Box::new(move |show| {
                show(login::Progress::Refreshing.to_string());
                let rt = refresh_token
                    .clone()
                    .ok_or("the last response had no refresh token")?;
                let body = session.refresh(&rt).map_err(|e| match e.advice() {
                    Some(a) => format!("{e} ({a})"),
                    None => e.to_string(),
                })?;
                // The provider may rotate the refresh token.
                if let Some(next) = login::refresh_token_of(&body) {
                    refresh_token = Some(next);
                }
                let now = frozen.unwrap_or_else(|| Utc::now().trunc_subsecs(0));
                session
                    .report(body, now, verifier.as_deref())
                    .map_err(|e| e.to_string())
            });
            refetch
        });
        let tokens = (crate::tui::TokenList::from_report(report), 0);
        let outcome = ui(Some(tokens), ctx, refresh)?.unwrap_or(outcome);
        saved?;
        return Ok(outcome);
    }
    print(&report, ctx.common)?;
    let outcome = check_login(&report, ctx);
    saved?;
    Ok(outcome)
}

/// `jwtscope encode`: make the token, print it (or its report, with --output).
fn encode(
    args: &jwtscope::encode::EncodeArgs,
    cli: &Cli,
    common: &Common,
    started: std::time::Instant,
) -> Result<Outcome, AppError> {
    let v = &cli.verify;
    if v.jwks.is_some() || v.discover || !v.trust_issuer.is_empty() {
        return Err(AppError::Usage(
            "encode signs with --key or a secret; --jwks, --discover and --trust-issuer are for verifying"
                .to_string(),
        ));
    }
    // The options' command-line order decides the member order: read it from clap's indices,
    // in the matches of the parse that chose `encode`.
    let sub = cli.encode_matches.as_ref();
    let env = |k: &str| std::env::var(k).ok();
    let ctx = jwtscope::encode::Context {
        now: common.now.unwrap_or_else(|| Utc::now().trunc_subsecs(0)),
        max_input: common.max_input_size,
        env: &env,
    };
    let encoded = jwtscope::encode::encode(args, sub, &ctx)?;
    for w in &encoded.warnings {
        eprintln!("jwtscope: warning: {}", output::sanitize::clean(w));
    }
    if common.output.is_none() {
        let mut out = io::stdout().lock();
        writeln!(out, "{}", encoded.token)?;
        out.flush()?;
        return Ok(Outcome::Ok);
    }
    let ctx = Ctx {
        common,
        leeway: cli.verify.leeway,
        started,
        verifier: encoded.verifier.map(Arc::new),
    };
    let report = ctx.build(encoded.token.into_bytes(), Source::Argument)?;
    print(&report, common)?;
    Ok(check(&report, &ctx))
}

/// The UI opens when standard output is a terminal and no --output was asked for; --check
/// is for scripts, so it prints the text report and exits with its code instead.
fn wants_ui(common: &Common) -> bool {
    common.output.is_none() && !common.check && io::stdout().is_terminal()
}

/// Run the UI; `Some(Outcome::Signal)` when a signal ended it.
fn ui(
    tokens: Option<(crate::tui::TokenList, usize)>,
    ctx: &Ctx,
    refetch: Option<crate::tui::Refetch>,
) -> Result<Option<Outcome>, AppError> {
    let sign_key = jwtscope::encode::ui_signing_key(
        ctx.common.sign_key.as_deref(),
        ctx.common.sign_secret_env.as_deref(),
        &|v| std::env::var(v).ok(),
    )
    .map_err(AppError::Encode)?;
    crate::tui::run(
        tokens,
        crate::tui::Options {
            sign_key,
            now: ctx.common.now,
            color: color_enabled(ctx.common.color),
            refetch,
            verifier: ctx.verifier.clone(),
            started: ctx.started,
            max_input: ctx.common.max_input_size,
            mouse: !ctx.common.no_mouse,
        },
    )
    .map_err(AppError::Ui)
    .and_then(|ended| match ended {
        crate::tui::Ended::Quit => Ok(None),
        crate::tui::Ended::Signal(s) => Ok(Some(Outcome::Signal(s))),
        crate::tui::Ended::FetchFailed(e) => Err(AppError::UiFetch(e)),
    })
}

fn print(report: &Report, common: &Common) -> Result<(), AppError> {
    let stdout = io::stdout();
    let out = io::BufWriter::with_capacity(64 * 1024, stdout.lock());
    output::stream::write_report(out, report, format(common))?.flush()?;
    Ok(())
}

/// `--check`: an invalid signature (or a claim asked for that does not match) fails the run
/// with 4, before an expired or not yet valid token with 3.
fn check(report: &Report, ctx: &Ctx) -> Outcome {
    let mut verdict = Verdict::new(ctx);
    for t in &report.tokens {
        verdict.add(t);
    }
    verdict.outcome()
}

/// `--check` of a sign-in: as [`check`], and the ID token, always verified against the
/// provider's keys, must be `valid` (README: anything else exits 4 when verification is asked).
fn check_login(report: &Report, ctx: &Ctx) -> Outcome {
    let mut verdict = Verdict::new(ctx);
    verdict.rule.id_token_keyed = true;
    for t in &report.tokens {
        verdict.add(t);
    }
    verdict.outcome()
}

/// What `--check` has seen so far, token by token.
#[derive(Debug)]
struct Verdict {
    rule: Rule,
    /// Why the run cannot be trusted (exit 4): one line per token, the first few kept.
    untrusted: Vec<String>,
    untrusted_count: usize,
    stale: bool,
    index: usize,
}

/// What `--check` asks of every token; [`Rule::judge`] applies it to one (on any thread).
#[derive(Debug, Clone, Copy)]
struct Rule {
    check: bool,
    /// Verification was asked for (a key, a secret, a JWKS or --discover).
    keyed: bool,
    /// `login`: the ID token is verified against the provider's keys, asked or not.
    id_token_keyed: bool,
    leeway: u64,
    now: chrono::DateTime<Utc>,
}

/// One token's part in the verdict.
struct Judgement {
    /// Why it cannot be trusted (exit 4), with where it was found.
    untrusted: Option<String>,
    /// Expired or not yet valid (exit 3).
    stale: bool,
}

/// At most this many reasons for exit 4 are printed.
const MAX_REASONS: usize = 5;

impl Rule {
    fn judge(&self, t: &jwtscope::report::TokenReport) -> Judgement {
        if !self.check || t.kind == Kind::Opaque {
            return Judgement {
                untrusted: None,
                stale: false,
            };
        }
        let v = &t.verification;
        // Expiry is judged below (exit 3), with or without a key; only the claims asked for
        // (iss, aud) and the signature decide exit 4.
        // Each named as the report names it ("nonce: is not the nonce jwtscope sent ...").
        let failed: Vec<String> = v
            .claim_checks
            .iter()
            .filter(|c| !c.ok && c.name != "exp" && c.name != "nbf")
            .map(|c| format!("{}: {}", c.name, c.detail))
            .collect();
        let keyed = self.keyed || (self.id_token_keyed && jwtscope::login::is_id_token(t));
        let reason = if v.is_invalid() || (keyed && v.status != SignatureStatus::Valid) {
            Some(format!("signature {v}"))
        } else if !failed.is_empty() {
            Some(failed.join("; "))
        } else {
            None
        };
        // The one expiry judgement, with --leeway, as the claim checks use it.
        let s = &t.summary;
        let exp = match (s.exp_unix, s.status) {
            (Some(e), _) => Some(Some(e)),
            (None, ExpiryStatus::NoExpiry) => None,
            (None, _) => Some(None),
        };
        let judged = jwtscope::claims::time::judge(exp, s.nbf_unix, self.now, self.leeway);
        Judgement {
            untrusted: reason
                .map(|reason| format!("({}): {reason}", output::sanitize::clean(&t.origin))),
            stale: judged.expired || judged.early,
        }
    }
}

impl Verdict {
    fn new(ctx: &Ctx) -> Self {
        Self {
            rule: Rule {
                check: ctx.common.check,
                keyed: ctx.verifier.is_some(),
                id_token_keyed: false,
                leeway: ctx.leeway,
                now: ctx.now(),
            },
            untrusted: Vec::new(),
            untrusted_count: 0,
            stale: false,
            index: 0,
        }
    }

    fn add(&mut self, t: &jwtscope::report::TokenReport) {
        let judged = self.rule.judge(t);
        self.record(judged);
    }

    /// Count the next token's judgement.
    fn record(&mut self, judged: Judgement) {
        self.index += 1;
        if let Some(reason) = judged.untrusted {
            self.untrusted_count += 1;
            if self.untrusted.len() < MAX_REASONS {
                self.untrusted
                    .push(format!("token {} {reason}", self.index));
            }
        }
        self.stale |= judged.stale;
    }

    fn outcome(&self) -> Outcome {
        if !self.rule.check {
            Outcome::Ok
        } else if self.untrusted_count > 0 {
            // Why, on stderr: a script sees the exit code, a person the reason.
            let mut err = io::stderr().lock();
            for line in &self.untrusted {
                let _ = writeln!(err, "jwtscope: check failed: {line}");
            }
            if self.untrusted_count > self.untrusted.len() {
                let _ = writeln!(
                    err,
                    "jwtscope: check failed: and {} more tokens",
                    self.untrusted_count - self.untrusted.len()
                );
            }
            Outcome::VerificationFailed
        } else if self.stale {
            Outcome::CheckFailed
        } else {
            Outcome::Ok
        }
    }
}
