//! The command-line options of signature verification, flattened into the top-level CLI.

use std::path::PathBuf;

/// Options that ask for signature verification and claim checks.
#[derive(clap::Args, Debug, Clone, Default, PartialEq, Eq)]
#[command(next_help_heading = "Signature verification")]
pub struct VerifyArgs {
    /// HMAC secret for HS256/384/512, as text; "b64:..." for a base64 or base64url-encoded
    /// secret. Other users can see command lines: prefer --secret-file or --secret-env. A
    /// secret may start with '-'
    // allow_hyphen_values: `--secret --x` is the secret "--x", never an unknown option that
    // clap's error would echo to the screen.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, conflicts_with_all = ["secret_file", "secret_env"], global = true)]
    pub secret: Option<String>,

    /// Read the HMAC secret from FILE (one final line break is ignored; "b64:" works too)
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with = "secret_env",
        global = true
    )]
    pub secret_file: Option<PathBuf>,

    /// Read the HMAC secret from the environment variable VAR ("b64:" works too)
    #[arg(long, value_name = "VAR", global = true)]
    pub secret_env: Option<String>,

    /// Public key to verify with: PEM (public key, RSA public key or certificate), a JWK
    /// (an "oct" JWK is an HMAC secret) or a JWK Set, from which the token's kid (or x5t)
    /// picks the key
    #[arg(long, value_name = "FILE", global = true)]
    pub key: Option<PathBuf>,

    /// Fetch the JWK Set at URL (HTTPS; plain http only to loopback addresses)
    #[arg(long, value_name = "URL", global = true)]
    pub jwks: Option<String>,

    /// Find the keys through OpenID Connect discovery from the token's issuer: only for
    /// Microsoft Entra ID, Google and issuers named with --trust-issuer. The token itself
    /// is never sent anywhere
    #[arg(long, global = true)]
    pub discover: bool,

    /// Also discover keys from this issuer (exactly as in the token's "iss"); implies
    /// --discover. Repeatable
    #[arg(long = "trust-issuer", value_name = "URL", global = true)]
    pub trust_issuer: Vec<String>,

    /// Require this issuer ("iss")
    #[arg(long, value_name = "ISSUER", global = true)]
    pub iss: Option<String>,

    /// Require this audience (in "aud")
    #[arg(long, value_name = "AUDIENCE", global = true)]
    pub aud: Option<String>,

    /// Clock skew allowed when checking exp and nbf
    #[arg(long, value_name = "SECONDS", default_value_t = 0, global = true)]
    pub leeway: u64,

    /// Do not read or write the cache of discovered keys (kept 24 h in
    /// $XDG_CACHE_HOME/jwtscope or ~/.cache/jwtscope)
    #[arg(long, global = true)]
    pub no_cache: bool,

    /// What to call the key set of `jwks` in messages, when it was not the user's `--jwks`
    /// (`login` names the provider's `jwks_uri`). Not a flag; only code sets it.
    #[arg(skip)]
    pub jwks_label: Option<String>,
}

impl VerifyArgs {
    /// Whether any option asks for verification or claim checks.
    pub fn requested(&self) -> bool {
        self.secret.is_some()
            || self.secret_file.is_some()
            || self.secret_env.is_some()
            || self.key.is_some()
            || self.jwks.is_some()
            || self.discover
            || !self.trust_issuer.is_empty()
            || self.iss.is_some()
            || self.aud.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{CommandFactory as _, Parser};

    #[derive(Parser, Debug)]
    struct Cli {
        #[command(flatten)]
        verify: VerifyArgs,
    }

    #[test]
    fn flattens_and_parses() {
        Cli::command().debug_assert();
        let cli = Cli::try_parse_from([
            "jwtscope",
            "--key",
            "k.pem",
            "--trust-issuer",
            "https://a",
            "--trust-issuer",
            "https://b",
            "--leeway",
            "30",
        ])
        .unwrap();
        assert_eq!(cli.verify.key, Some(PathBuf::from("k.pem")));
        assert_eq!(cli.verify.trust_issuer, ["https://a", "https://b"]);
        assert_eq!(cli.verify.leeway, 30);
        assert!(cli.verify.requested());
        let none = Cli::try_parse_from(["jwtscope", "--leeway", "5"]).unwrap();
        assert!(!none.verify.requested());
        assert_eq!(VerifyArgs::default().leeway, 0);
    }

    #[test]
    fn one_secret_source_at_a_time() {
        assert!(Cli::try_parse_from(["j", "--secret", "a", "--secret-env", "B"]).is_err());
        assert!(Cli::try_parse_from(["j", "--secret-file", "f", "--secret-env", "B"]).is_err());
    }
}
