//! The command-line options of `jwtscope encode`.
//!
//! `--key`, `--secret*`, `--iss` and `--aud` share their ids with verification's global
//! options on purpose: clap then does not propagate those into this subcommand, so here they
//! mean "sign with" and "set the claim", with their own help.

use std::path::PathBuf;

use super::when;

/// Make a signed token from claims (or from an existing token), for testing an API with a
/// token that has one more role, an expiry in 30 seconds, or a deliberately broken signature.
#[derive(clap::Args, Debug, Clone, Default, PartialEq, Eq)]
#[command(after_help = ENCODE_EXAMPLES)]
pub struct EncodeArgs {
    /// The claims: JSON text, @FILE, or "-" for standard input. Member order and number
    /// spelling are kept
    #[arg(long, value_name = "JSON|@FILE|-", help_heading = "Claims")]
    pub payload: Option<String>,

    /// Start from this token's header and payload: a token, a file holding one (IMDS or
    /// OAuth JSON, a Bearer line, ...), or "-" for standard input
    #[arg(long, value_name = "TOKEN|FILE|-", help_heading = "Claims")]
    pub from: Option<String>,

    /// Set a claim; VALUE is JSON when it parses as JSON (42, true, `["a","b"]`), a string
    /// otherwise. Repeatable
    #[arg(long, value_name = "NAME=VALUE", help_heading = "Claims")]
    pub claim: Vec<String>,

    /// Set a claim to a string, even when it would parse as JSON. Repeatable
    #[arg(long, value_name = "NAME=VALUE", help_heading = "Claims")]
    pub claim_str: Vec<String>,

    /// Remove a claim. Repeatable
    #[arg(long, value_name = "NAME", help_heading = "Claims")]
    pub drop: Vec<String>,

    /// Set "iss"
    #[arg(long, value_name = "ISSUER", help_heading = "Claims")]
    pub iss: Option<String>,

    /// Set "sub"
    #[arg(long, value_name = "SUBJECT", help_heading = "Claims")]
    pub sub: Option<String>,

    /// Set "aud" (an array when given more than once)
    #[arg(long, value_name = "AUDIENCE", help_heading = "Claims")]
    pub aud: Vec<String>,

    /// Set "jti"; "auto" for a random UUID
    #[arg(long, value_name = "ID|auto", help_heading = "Claims")]
    pub jti: Option<String>,

    /// Set "exp": RFC 3339, Unix seconds, "now", or a duration from now (+1h, -5m, +30s, +2d)
    #[arg(long, value_name = "TIME", value_parser = when::check, allow_hyphen_values = true, help_heading = "Claims")]
    pub exp: Option<String>,

    /// Set "nbf" (same forms as --exp)
    #[arg(long, value_name = "TIME", value_parser = when::check, allow_hyphen_values = true, help_heading = "Claims")]
    pub nbf: Option<String>,

    /// Set "iat" (same forms as --exp); without it, a new token gets "iat": now
    #[arg(long, value_name = "TIME", value_parser = when::check, allow_hyphen_values = true, help_heading = "Claims")]
    pub iat: Option<String>,

    /// Do not add "iat"
    #[arg(long, conflicts_with = "iat", help_heading = "Claims")]
    pub no_iat: bool,

    /// The algorithm (default from the key: HS256 for a secret, RS256 for RSA, ES256/384/512
    /// by curve, EdDSA for Ed25519; a JWK's own "alg" first)
    #[arg(long, value_name = "ALG", help_heading = "Header")]
    pub alg: Option<String>,

    /// Set "kid" (default: the JWK's kid, or none)
    #[arg(long, value_name = "KID", help_heading = "Header")]
    pub kid: Option<String>,

    /// Set "typ" (default "JWT" for a new header)
    #[arg(long, value_name = "TYP", help_heading = "Header")]
    pub typ: Option<String>,

    /// Set a header parameter (VALUE as for --claim). Repeatable
    #[arg(long, value_name = "NAME=VALUE", help_heading = "Header")]
    pub header: Vec<String>,

    /// Set "x5t" and "x5t#S256" to this certificate's SHA-1 and SHA-256 thumbprints (PEM or
    /// DER)
    #[arg(long, value_name = "CERT", help_heading = "Header")]
    pub x5t: Option<PathBuf>,

    /// The whole header: JSON text, @FILE or "-" (kept byte for byte when nothing changes it)
    #[arg(long, value_name = "JSON|@FILE|-", help_heading = "Header")]
    pub header_json: Option<String>,

    /// Private key to sign with: PEM (PKCS#8, PKCS#1 RSA, SEC1 EC), a private JWK, or a JWK
    /// Set (--kid picks the key)
    #[arg(long, value_name = "FILE", help_heading = "Signing")]
    pub key: Option<PathBuf>,

    /// HMAC secret as text ("b64:..." for base64). Other users can see command lines:
    /// prefer --secret-file or --secret-env. A secret may start with '-'
    // allow_hyphen_values: `--secret --x` is the secret "--x", never an unknown option that
    // clap's error would echo to the screen.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, conflicts_with_all = ["secret_file", "secret_env", "key"], help_heading = "Signing")]
    pub secret: Option<String>,

    /// Read the HMAC secret from FILE (one final line break is ignored; "b64:" works too)
    #[arg(long, value_name = "FILE", conflicts_with_all = ["secret_env", "key"], help_heading = "Signing")]
    pub secret_file: Option<PathBuf>,

    /// Read the HMAC secret from the environment variable VAR ("b64:" works too)
    #[arg(
        long,
        value_name = "VAR",
        conflicts_with = "key",
        help_heading = "Signing"
    )]
    pub secret_env: Option<String>,

    /// Make an unsigned token (alg "none"); never accepted by a correct verifier
    #[arg(long, conflicts_with_all = ["key", "secret", "secret_file", "secret_env", "keep_signature"], help_heading = "Signing")]
    pub unsigned: bool,

    /// With --from: keep the old signature, making a deliberately invalid token
    #[arg(long, requires = "from", conflicts_with_all = ["key", "secret", "secret_file", "secret_env"], help_heading = "Signing")]
    pub keep_signature: bool,
}

const ENCODE_EXAMPLES: &str = "\
Examples:
  jwtscope encode --secret-env JWT_SECRET --sub alice --exp +1h
  jwtscope encode --key test.pem --payload @claims.json --aud api://a --aud api://b
  jwtscope encode --from managedid.json --exp +30s --key test.pem
  jwtscope encode --from token.txt --claim roles='[\"admin\"]' --keep-signature
  jwtscope keygen ec --out test && jwtscope encode --key test.pem --iss me | jwtscope --key test.jwks.json

Output: the token and a newline (so $(jwtscope encode ...) works); --output json or text
prints the usual report of the new token instead.";

/// The ids of the options that set or remove claims, in no particular order; their
/// command-line order is read from clap's indices.
pub(crate) const CLAIM_IDS: &[&str] = &[
    "claim",
    "claim_str",
    "drop",
    "iss",
    "sub",
    "aud",
    "jti",
    "exp",
    "nbf",
    "iat",
];

/// The ids of the options that set header parameters.
pub(crate) const HEADER_IDS: &[&str] = &["kid", "typ", "header", "x5t"];
