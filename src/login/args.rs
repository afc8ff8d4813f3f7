//! The flags of `jwtscope login`.

use std::path::PathBuf;
use std::time::Duration;

use clap::ValueEnum;
use serde::Serialize;

/// How long to wait for the browser (or the device-code user) by default.
pub const DEFAULT_TIMEOUT_SECS: u64 = 300;

/// The longest `--timeout`, and the longest a device code is waited for: an hour, longer than
/// any provider keeps a sign-in open (Entra's device codes last 15 minutes).
pub const MAX_TIMEOUT_SECS: u64 = 3600;

/// How long to wait for a sign-in: `timeout` seconds (the default when `None`), within 1 s to
/// [`MAX_TIMEOUT_SECS`]. The command line refuses other values; code may pass anything.
pub fn sign_in_wait(timeout: Option<u64>) -> Duration {
    Duration::from_secs(
        timeout
            .unwrap_or(DEFAULT_TIMEOUT_SECS)
            .clamp(1, MAX_TIMEOUT_SECS),
    )
}

/// Which OAuth 2.0 grant to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flow {
    /// Authorization code with PKCE, through the system browser and a loopback listener.
    AuthCode,
    /// Device code: sign in on another device with a short code.
    DeviceCode,
    /// The application's own token (a client secret or a certificate).
    ClientCredentials,
}

impl Flow {
    pub fn name(self) -> &'static str {
        match self {
            Flow::AuthCode => "auth-code",
            Flow::DeviceCode => "device-code",
            Flow::ClientCredentials => "client-credentials",
        }
    }
}

/// How a client secret is sent to the token endpoint.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ClientAuth {
    /// As the `client_secret` form field (client_secret_post).
    #[default]
    Post,
    /// As HTTP Basic authentication (client_secret_basic).
    Basic,
}

/// Sign in through OpenID Connect / OAuth 2.0 and show the tokens the provider issued, as
/// `jwtscope response.json` would. The ID token is verified against the provider's keys.
/// Tokens are only shown (and written with --save); nothing else is stored.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct LoginArgs {
    /// Microsoft Entra ID tenant: a GUID, a domain (contoso.onmicrosoft.com), common,
    /// organizations or consumers.
    #[arg(long, value_name = "TENANT", conflicts_with = "authority")]
    pub tenant: Option<String>,

    /// The Entra cloud of --tenant: public, usgov, china, or the URL of an authority host
    /// (https://login.example; plain http only to loopback addresses).
    #[arg(long, value_name = "CLOUD", requires = "tenant")]
    pub cloud: Option<String>,

    /// Any other OpenID Connect provider, by the URL its discovery document is under
    /// (URL/.well-known/openid-configuration): an Azure AD B2C user flow
    /// (https://T.b2clogin.com/T.onmicrosoft.com/B2C_1_signin/v2.0), Google, Okta, Keycloak...
    #[arg(long, value_name = "URL")]
    pub authority: Option<String>,

    /// The application (client) ID of the app registration.
    #[arg(long, value_name = "ID", required = true)]
    pub client_id: Option<String>,

    /// A scope to ask for (repeatable), besides openid profile offline_access, which user
    /// sign-ins always ask for (client credentials: only the scopes given, RESOURCE/.default).
    #[arg(long = "scope", value_name = "SCOPE")]
    pub scopes: Vec<String>,

    /// A v1-style resource (audience); it is asked for as RESOURCE/.default.
    #[arg(long, value_name = "URI")]
    pub resource: Option<String>,

    /// The grant. Default: auth-code when a browser can be opened, device-code otherwise.
    #[arg(long, value_enum)]
    pub flow: Option<Flow>,

    /// The loopback port to listen on (auth-code). Default: one the system picks.
    #[arg(long, value_name = "PORT")]
    pub port: Option<u16>,

    /// The redirect URI exactly as registered (auth-code), e.g. http://localhost or
    /// http://localhost:8400/callback. Default: http://localhost:PORT.
    #[arg(long, value_name = "URI")]
    pub redirect_uri: Option<String>,

    /// Only print the sign-in URL; do not open a browser.
    #[arg(long)]
    pub no_browser: bool,

    /// How long to wait for the sign-in, 1 to 3600 seconds. Default: 300 for auth-code; for
    /// device code, as long as the code is valid (at most 3600).
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=MAX_TIMEOUT_SECS))]
    pub timeout: Option<u64>,

    /// Read a client secret from the environment variable VAR (confidential clients).
    #[arg(long, value_name = "VAR", conflicts_with_all = ["client_secret_file", "certificate"])]
    pub client_secret_env: Option<String>,

    /// Read a client secret from FILE (one final line break is ignored).
    #[arg(long, value_name = "FILE", conflicts_with = "certificate")]
    pub client_secret_file: Option<PathBuf>,

    /// A PEM file with the app's certificate and its RSA private key: the app
    /// authenticates with a signed client assertion (private_key_jwt, PS256).
    #[arg(long, value_name = "FILE")]
    pub certificate: Option<PathBuf>,

    /// How a client secret is sent.
    #[arg(long, value_enum, default_value_t = ClientAuth::Post)]
    pub client_auth: ClientAuth,

    /// Write the raw token response to FILE (readable by you only).
    #[arg(long, value_name = "FILE")]
    pub save: Option<PathBuf>,
}
