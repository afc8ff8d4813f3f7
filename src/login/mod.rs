//! `jwtscope login`: sign in through OpenID Connect / OAuth 2.0 and hand the token response to
//! the same pipeline as `jwtscope response.json`.
//!
//! Discovery first (its `issuer` checked by the rules of [`authority`]), then one of three
//! grants, all through the `oauth2` crate on the project's ureq client ([`http`]):
//! - authorization code with PKCE (S256), `state` and `nonce`, the browser coming back to a
//!   127.0.0.1 [`listener`];
//! - device code (RFC 8628), `authorization_pending` and `slow_down` handled by `oauth2`'s
//!   poller, which sees 4xx bodies because [`http`] passes them through;
//! - client credentials with a secret (Basic or form) or a certificate ([`assertion`]).
//!
//! The raw token response becomes a [`Report`] whose source is [`LoginInfo`]; the ID token
//! is verified against the discovered `jwks_uri` by [`crate::verify`], and its `iss`, `aud`
//! and `nonce` are checked here (failures are claim checks, so `--check` exits 4).

pub mod args;
pub mod assertion;
pub mod authority;
pub mod error;
pub mod http;
pub mod listener;

use std::fmt;
use std::time::Duration;

use chrono::{DateTime, Utc};
use oauth2::basic::{BasicErrorResponse, BasicTokenType};
use oauth2::{
    AccessToken, AuthType, AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken,
    DeviceAuthorizationUrl, PkceCodeChallenge, RedirectUrl, RefreshToken, RequestTokenError, Scope,
    StandardDeviceAuthorizationResponse, TokenUrl,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::fetch::error::Scrubber;
use crate::fetch::host::Secret;
use crate::pipeline;
use crate::report::ClaimCheck;
use crate::report::Report;
use crate::source::Source;
use crate::verify::{Verifier, VerifyArgs};

pub use crate::source::LoginInfo;
pub use args::{ClientAuth, Flow, LoginArgs};
pub use authority::{Authority, Issuer};
pub use error::{LoginError, ProviderError, Stage};

use assertion::Credential;
use http::Http;
use listener::Listener;

/// Scopes every user sign-in asks for: an ID token and a refresh token.
pub const DEFAULT_SCOPES: [&str; 3] = ["openid", "profile", "offline_access"];

/// What happens while signing in, for standard error (and the UI's footer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    Chosen {
        flow: Flow,
        why: String,
    },
    /// The sign-in URL; `opened` says whether a browser was started.
    Browser {
        url: String,
        opened: Result<(), String>,
    },
    Waiting {
        redirect_uri: String,
        timeout: Duration,
    },
    DeviceCode {
        verification_uri: String,
        user_code: String,
        complete: Option<String>,
        expires_in: Duration,
    },
    Refreshing,
}

impl fmt::Display for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Progress::Chosen { flow, why } => write!(f, "using the {} flow: {why}", flow.name()),
            Progress::Browser {
                url,
                opened: Ok(()),
            } => {
                write!(
                    f,
                    "opened the browser to sign in; if it did not appear, open this URL:\n  {url}"
                )
            }
            Progress::Browser {
                url,
                opened: Err(why),
            } => {
                write!(f, "{why}; open this URL to sign in:\n  {url}")
            }
            Progress::Waiting {
                redirect_uri,
                timeout,
            } => write!(
                f,
                "waiting up to {} s for the sign-in to come back to {redirect_uri}\n  {}",
                timeout.as_secs(),
                error::registration_hint(redirect_uri)
            ),
            Progress::DeviceCode {
                verification_uri,
                user_code,
                complete,
                expires_in,
            } => {
                write!(
                    f,
                    "to sign in, open {verification_uri} and enter the code {user_code}"
                )?;
                if let Some(c) = complete {
                    write!(f, " (or open {c})")?;
                }
                write!(
                    f,
                    "; the code expires in {}",
                    crate::claims::time::duration(expires_in.as_secs())
                )
            }
            Progress::Refreshing => f.write_str("refreshing the tokens"),
        }
    }
}

/// A token response read leniently: B2C and Entra v1 send `expires_in` as a string, B2C may
/// answer with an ID token only. Only used to let `oauth2` accept the answer; the pipeline
/// reads the raw bytes.
#[derive(Debug, Serialize, Deserialize)]
pub struct LenientTokenResponse {
    #[serde(default = "no_access_token")]
    access_token: AccessToken,
    #[serde(default = "bearer")]
    token_type: BasicTokenType,
    #[serde(default, deserialize_with = "number_or_string")]
    expires_in: Option<u64>,
    refresh_token: Option<RefreshToken>,
}

fn no_access_token() -> AccessToken {
    AccessToken::new(String::new())
}

fn bearer() -> BasicTokenType {
    BasicTokenType::Bearer
}

fn number_or_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    })
}

impl oauth2::TokenResponse for LenientTokenResponse {
    type TokenType = BasicTokenType;
    fn access_token(&self) -> &AccessToken {
        &self.access_token
    }
    fn token_type(&self) -> &BasicTokenType {
        &self.token_type
    }
    fn expires_in(&self) -> Option<Duration> {
        self.expires_in.map(Duration::from_secs)
    }
    fn refresh_token(&self) -> Option<&RefreshToken> {
        self.refresh_token.as_ref()
    }
    fn scopes(&self) -> Option<&Vec<Scope>> {
        None
    }
}

type Client<HasAuth, HasDevice> = oauth2::Client<
    BasicErrorResponse,
    LenientTokenResponse,
    oauth2::basic::BasicTokenIntrospectionResponse,
    oauth2::StandardRevocableToken,
    oauth2::basic::BasicRevocationErrorResponse,
    HasAuth,
    HasDevice,
    oauth2::EndpointNotSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointSet,
>;

/// The endpoints of a discovery document.
#[derive(Debug, Clone)]
pub struct Endpoints {
    pub authorization: Option<String>,
    pub token: String,
    pub device_authorization: Option<String>,
    pub jwks_uri: String,
}

/// How the client proves who it is at the token endpoint.
#[derive(Debug)]
enum ClientCredential {
    None,
    Secret(String, ClientAuth),
    Certificate(Box<Credential>),
}

/// What `nonce` the ID token must carry.
#[derive(Debug, Clone, PartialEq, Eq)]
enum NonceRule {
    /// No ID token is expected (client credentials).
    Unchecked,
    /// The first sign-in: exactly this one.
    Required(String),
    /// After a refresh: this one if there is one (OIDC Core §12.2).
    IfPresent(String),
    /// The device flow sends none: `iss` and `aud` are still checked.
    NotSent,
}

/// A finished sign-in: what is needed to explain its tokens and to refresh them.
#[derive(Debug)]
pub struct Session {
    pub info: LoginInfo,
    pub issuer: Issuer,
    pub endpoints: Endpoints,
    client_id: String,
    credential: ClientCredential,
    nonce: NonceRule,
    http: Http,
}

fn usage(s: impl Into<String>) -> LoginError {
    LoginError::Usage(s.into())
}

/// Whether a browser can be opened here, and why (reference §10).
pub fn browser_available(env: &dyn Fn(&str) -> Option<String>) -> Result<String, String> {
    let set = |k: &str| env(k).is_some_and(|v| !v.is_empty());
    if !cfg!(target_os = "linux") {
        return Ok("a browser can be opened on this system".into());
    }
    if set("BROWSER") {
        return Ok("$BROWSER is set".into());
    }
    if set("DISPLAY") || set("WAYLAND_DISPLAY") {
        return Ok("a graphical display is available".into());
    }
    if std::fs::read_to_string("/proc/sys/fs/binfmt_misc/WSLInterop")
        .is_ok_and(|s| s.contains("enabled"))
    {
        return Ok("WSL can open the Windows browser".into());
    }
    if set("SSH_CONNECTION") || set("SSH_CLIENT") || set("SSH_TTY") {
        return Err("an SSH session without a display or $BROWSER".into());
    }
    Err("no display (DISPLAY, WAYLAND_DISPLAY) and no $BROWSER".into())
}

fn read_secret(
    args: &LoginArgs,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<String>, LoginError> {
    if let Some(var) = &args.client_secret_env {
        let v = env(var)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| LoginError::Secret {
                option: "--client-secret-env",
                problem: format!("the variable {var} is not set"),
            })?;
        return Ok(Some(v));
    }
    if let Some(path) = &args.client_secret_file {
        let problem = |problem: String| LoginError::Secret {
            option: "--client-secret-file",
            problem: format!("{}: {problem}", path.display()),
        };
        let bytes =
            crate::source::read_file(path, 64 * 1024).map_err(|e| problem(e.to_string()))?;
        let text = String::from_utf8(bytes).map_err(|_| problem("not text".into()))?;
        let text = text
            .strip_suffix('\n')
            .map_or(text.as_str(), |t| t.strip_suffix('\r').unwrap_or(t));
        if text.is_empty() {
            return Err(problem("the file is empty".into()));
        }
        return Ok(Some(text.to_string()));
    }
    Ok(None)
}

/// Fetch and read the discovery document, checking its issuer. Nothing else is sent before
/// this succeeds.
pub fn discover(authority: &Authority, http: &Http) -> Result<(Issuer, Endpoints), LoginError> {
    let url = authority.metadata_url();
    let (status, body) = http.get(&url)?;
    if status != 200 {
        if let Some(p) = ProviderError::from_json(Stage::Discovery, &body) {
            return Err(LoginError::Provider(p));
        }
        return Err(LoginError::Discovery {
            url,
            problem: format!("answered HTTP {status}"),
        });
    }
    let doc: serde_json::Map<String, Value> =
        serde_json::from_slice(&body).map_err(|e| LoginError::Discovery {
            url: url.clone(),
            problem: format!("is not a JSON object: {e}"),
        })?;
    let get = |k: &str| doc.get(k).and_then(Value::as_str).map(str::to_string);
    let need = |k: &str| {
        get(k).ok_or_else(|| LoginError::Discovery {
            url: url.clone(),
            problem: format!("has no {k:?}"),
        })
    };
    let issuer = authority.accept_issuer(&need("issuer")?)?;
    let endpoints = Endpoints {
        authorization: get("authorization_endpoint"),
        token: need("token_endpoint")?,
        device_authorization: get("device_authorization_endpoint"),
        jwks_uri: need("jwks_uri")?,
    };
    for (name, u) in [
        ("token_endpoint", Some(&endpoints.token)),
        ("jwks_uri", Some(&endpoints.jwks_uri)),
        ("authorization_endpoint", endpoints.authorization.as_ref()),
        (
            "device_authorization_endpoint",
            endpoints.device_authorization.as_ref(),
        ),
    ] {
        if let Some(u) = u {
            crate::verify::fetch::check_url(u).map_err(|e| LoginError::Discovery {
                url: url.clone(),
                problem: format!("names a {name} that cannot be used: {e}"),
            })?;
        }
    }
    Ok((issuer, endpoints))
}

/// The scopes to ask for.
fn scopes_for(args: &LoginArgs, flow: Flow) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if flow != Flow::ClientCredentials {
        out.extend(DEFAULT_SCOPES.iter().map(|s| (*s).to_string()));
    }
    for s in args.scopes.iter().flat_map(|s| s.split_whitespace()) {
        if !out.iter().any(|o| o == s) {
            out.push(s.to_string());
        }
    }
    if let Some(r) = &args.resource {
        let s = format!("{}/.default", r.trim_end_matches('/'));
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// The error for a failed token request. Everything in it that the provider sent goes
/// through `scrubber` first: a provider may echo the request's secrets back.
fn map_token_error(
    e: RequestTokenError<http::TransportError, impl oauth2::ErrorResponse>,
    http: &Http,
    stage: Stage,
    scrubber: &Scrubber,
) -> LoginError {
    let body = http.take_last_body();
    match e {
        RequestTokenError::Request(t) => LoginError::Http {
            url: "the token endpoint".into(),
            detail: scrubber.scrub(&t.0),
        },
        RequestTokenError::ServerResponse(_) | RequestTokenError::Parse(..) => {
            let mut said = ProviderError::from_json(stage, &body);
            // Device code: when the wait ends, oauth2 answers expired_token itself; the last
            // body is then the provider's "still waiting", which is not what went wrong.
            if let RequestTokenError::ServerResponse(own) = &e
                && said.as_ref().is_some_and(|p| {
                    matches!(p.error.as_str(), "authorization_pending" | "slow_down")
                })
            {
                said = serde_json::to_vec(own)
                    .ok()
                    .and_then(|own| ProviderError::from_json(stage, &own));
            }
            match said {
                Some(p) => LoginError::Provider(p.scrubbed(scrubber)),
                // An HTML error page from a gateway, say: its status says more than a parser.
                None if serde_json::from_slice::<serde::de::IgnoredAny>(&body).is_err() => {
                    LoginError::BadResponse(not_json(http.last_status(), body.len()))
                }
                None => LoginError::BadResponse(scrubber.scrub(&match e {
                    RequestTokenError::Parse(p, _) => p.to_string(),
                    other => other.to_string(),
                })),
            }
        }
        RequestTokenError::Other(o) => LoginError::BadResponse(scrubber.scrub(&o)),
    }
}

/// What is said of an answer that is not JSON: its status and length, never its text.
fn not_json(status: Option<u16>, len: usize) -> String {
    let status = status.map_or_else(String::new, |s| {
        let reason = crate::fetch::error::reason_phrase(s);
        format!("HTTP {s} {reason}").trim_end().to_string() + ", "
    });
    if len == 0 {
        format!("{status}an empty body, not JSON")
    } else {
        format!("{status}{len} bytes that are not JSON")
    }
}

/// The value of the `client_assertion` parameter among `params`, if any.
fn assertion_of<'a>(params: &'a [(&'static str, String)]) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| *k == "client_assertion")
        .map(|(_, v)| v.as_str())
}

impl Session {
    fn client<A, D>(&self, client: Client<A, D>) -> Client<A, D>
    where
        A: oauth2::EndpointState,
        D: oauth2::EndpointState,
    {
        match &self.credential {
            ClientCredential::Secret(s, how) => client
                .set_client_secret(ClientSecret::new(s.clone()))
                .set_auth_type(match how {
                    ClientAuth::Basic => AuthType::BasicAuth,
                    ClientAuth::Post => AuthType::RequestBody,
                }),
            _ => client.set_auth_type(AuthType::RequestBody),
        }
    }

    fn base(&self) -> Result<Client<oauth2::EndpointNotSet, oauth2::EndpointNotSet>, LoginError> {
        let token = TokenUrl::new(self.endpoints.token.clone())
            .map_err(|e| LoginError::BadResponse(format!("token_endpoint: {e}")))?;
        Ok(self.client(
            oauth2::Client::new(ClientId::new(self.client_id.clone())).set_token_uri(token),
        ))
    }

    /// What a provider's answer to a request of this session must not show: the client
    /// secret, the client assertion among
    /// `params`, and `sent` (the code, PKCE verifier, device code or refresh token).
    fn scrubber(&self, params: &[(&'static str, String)], sent: &[&str]) -> Scrubber {
        let mut secrets: Vec<Secret> = sent
            .iter()
            .chain(assertion_of(params).as_slice())
            .map(|s| Secret::new(*s))
            .collect();
        if let ClientCredential::Secret(s, _) = &self.credential {
            // As sent: in the form body, percent-encoded; in a Basic header, base64 of the
            // encoded `id:secret` (RFC 6749 §2.3.1, as oauth2 builds it). An answer that
            // echoes the request may hold any of them.
            let encode = |v: &str| -> String {
                oauth2::url::form_urlencoded::byte_serialize(v.as_bytes()).collect()
            };
            let basic = format!("{}:{}", encode(&self.client_id), encode(s));
            for form in [
                s.clone(),
                encode(s),
                base64::Engine::encode(&base64::engine::general_purpose::STANDARD, basic),
            ] {
                secrets.push(Secret::new(form));
            }
        }
        Scrubber::new(&secrets)
    }

    /// The `client_assertion` parameters, when the client has a certificate.
    fn assertion_params(&self) -> Result<Vec<(&'static str, String)>, LoginError> {
        let ClientCredential::Certificate(c) = &self.credential else {
            return Ok(Vec::new());
        };
        let jwt = c
            .assertion(
                &self.client_id,
                &self.endpoints.token,
                Utc::now().timestamp(),
            )
            .map_err(|problem| LoginError::Certificate {
                path: "(the certificate)".into(),
                problem,
            })?;
        Ok(vec![
            (
                "client_assertion_type",
                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer".to_string(),
            ),
            ("client_assertion", jwt),
        ])
    }

    /// Use the refresh token for new tokens (`R` in the UI). The raw response.
    pub fn refresh(&mut self, refresh_token: &str) -> Result<Vec<u8>, LoginError> {
        let client = self.base()?;
        let rt = RefreshToken::new(refresh_token.to_string());
        let mut req = client.exchange_refresh_token(&rt);
        for s in &self.info.scopes {
            req = req.add_scope(Scope::new(s.clone()));
        }
        let params = self.assertion_params()?;
        let scrubber = self.scrubber(&params, &[refresh_token]);
        for (k, v) in params {
            req = req.add_extra_param(k, v);
        }
        req.request(&self.http)
            .map_err(|e| map_token_error(e, &self.http, Stage::Token, &scrubber))?;
        if let NonceRule::Required(n) = &self.nonce {
            self.nonce = NonceRule::IfPresent(n.clone());
        }
        self.info.refreshed = true;
        Ok(self.http.take_last_body())
    }

    /// The verification options for this sign-in's tokens: the user's, plus the discovered
    /// key set (unless a key set was named).
    pub fn verify_args(&self, user: &VerifyArgs) -> VerifyArgs {
        let mut v = user.clone();
        if v.jwks.is_none() {
            v.jwks = Some(self.endpoints.jwks_uri.clone());
            v.jwks_label = Some("the provider's jwks_uri".into());
        }
        v
    }

    /// The report of a token response: the pipeline of `jwtscope response.json`, then the ID
    /// token's `iss`, `aud` and `nonce` checked against this sign-in.
    pub fn report(
        &self,
        body: Vec<u8>,
        now: DateTime<Utc>,
        verifier: Option<&Verifier>,
    ) -> Result<Report, pipeline::Error> {
        let mut report =
            pipeline::build_verified(body, Source::Login(self.info.clone()), now, verifier)?;
        self.check_id_tokens(&mut report);
        Ok(report)
    }

    /// Add this sign-in's checks to the ID token of `report`.
    pub fn check_id_tokens(&self, report: &mut Report) {
        if self.nonce == NonceRule::Unchecked {
            return;
        }
        // A refresh may leave the ID token out (OIDC Core §12.2); a sign-in that asked for
        // openid and got none has nothing that says who signed in.
        let first = matches!(self.nonce, NonceRule::Required(_) | NonceRule::NotSent);
        if first
            && self.info.scopes.iter().any(|s| s == "openid")
            && !report.tokens.iter().any(is_id_token)
            && let Some(t) = report.tokens.first_mut()
        {
            t.warnings.push(
                "the sign-in asked for the openid scope, but the response has no id_token: \
                 nothing in it says who signed in (is openid granted to the app, and does \
                 the provider support OpenID Connect for this flow?)"
                    .into(),
            );
        }
        for t in report.tokens.iter_mut().filter(|t| is_id_token(t)) {
            let claim = |n: &str| {
                t.claim(n)
                    .and_then(|c| c.value.as_str())
                    .map(str::to_string)
            };
            let mut checks = Vec::new();
            let iss = claim("iss");
            let tid = claim("tid");
            checks.push(
                match self.issuer.check_token(iss.as_deref(), tid.as_deref()) {
                    Ok(()) => ClaimCheck {
                        name: "iss".into(),
                        ok: true,
                        detail: format!(
                            "{:?} is the issuer signed in with",
                            iss.unwrap_or_default()
                        ),
                    },
                    Err(e) => ClaimCheck {
                        name: "iss".into(),
                        ok: false,
                        detail: e,
                    },
                },
            );
            let aud_ok = t.claim("aud").is_some_and(|c| match &c.value {
                Value::String(s) => *s == self.client_id,
                Value::Array(a) => a.iter().any(|v| v.as_str() == Some(&self.client_id)),
                _ => false,
            });
            checks.push(ClaimCheck {
                name: "aud".into(),
                ok: aud_ok,
                detail: if aud_ok {
                    format!("names the client {}", self.client_id)
                } else {
                    format!(
                        "does not name the client {}: this ID token was not issued to this app",
                        self.client_id
                    )
                },
            });
            let got = claim("nonce");
            let nonce = match (&self.nonce, got) {
                (NonceRule::Required(n) | NonceRule::IfPresent(n), Some(g)) if g == *n => {
                    Some(ClaimCheck { name: "nonce".into(), ok: true, detail: "equals the nonce sent".into() })
                }
                (NonceRule::Required(_) | NonceRule::IfPresent(_), Some(_)) => Some(ClaimCheck {
                    name: "nonce".into(),
                    ok: false,
                    detail: "is not the nonce jwtscope sent: this ID token does not belong to this sign-in (replayed?)".into(),
                }),
                (NonceRule::Required(_), None) => Some(ClaimCheck {
                    name: "nonce".into(),
                    ok: false,
                    detail: "is missing, but a nonce was sent: the ID token does not prove it belongs to this sign-in".into(),
                }),
                _ => None,
            };
            checks.extend(nonce);
            for c in &checks {
                if !c.ok {
                    t.warnings
                        .push(format!("ID token {}: {}", c.name, c.detail));
                }
            }
            t.verification
                .claim_checks
                .retain(|c| !checks.iter().any(|n| n.name == c.name));
            t.verification.claim_checks.extend(checks);
        }
    }
}

/// Options of a sign-in that tests set and the command line does not.
pub struct Hooks<'a> {
    /// How to wait between device-code polls (tests record instead of sleeping).
    pub sleep: &'a dyn Fn(Duration),
    /// Open the sign-in URL (the command line uses the system browser).
    pub open: &'a (dyn Fn(&str) -> Result<(), String> + Sync),
}

/// Open `url` in the system browser. A browser that cannot be started says so at once; a text
/// browser runs until it is closed, so after two seconds without an answer it counts as opened
/// (and the sign-in goes on beside it).
pub fn open_browser(url: &str) -> Result<(), String> {
    let url = url.to_string();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(webbrowser::open(&url));
    });
    match rx.recv_timeout(Duration::from_secs(2)) {
        Ok(Err(e)) => Err(format!("could not open a browser ({e})")),
        _ => Ok(()),
    }
}

/// Sign in. Returns the session and the raw token response.
pub fn login(
    args: &LoginArgs,
    env: &dyn Fn(&str) -> Option<String>,
    progress: &mut dyn FnMut(&Progress),
    hooks: &Hooks,
) -> Result<(Session, Vec<u8>), LoginError> {
    let client_id = args
        .client_id
        .clone()
        .filter(|c| !c.trim().is_empty())
        .ok_or_else(|| usage("--client-id is required"))?;
    let authority = Authority::from_args(
        args.tenant.as_deref(),
        args.cloud.as_deref(),
        args.authority.as_deref(),
    )?;
    let secret = read_secret(args, env)?;
    let certificate = args
        .certificate
        .as_deref()
        .map(Credential::from_pem_file)
        .transpose()?;
    let flow = match args.flow {
        Some(f) => f,
        None => match browser_available(env) {
            _ if args.no_browser => {
                progress(&Progress::Chosen {
                    flow: Flow::AuthCode,
                    why: "--no-browser: open the printed URL yourself".into(),
                });
                Flow::AuthCode
            }
            Ok(why) => {
                progress(&Progress::Chosen {
                    flow: Flow::AuthCode,
                    why,
                });
                Flow::AuthCode
            }
            Err(why) => {
                progress(&Progress::Chosen {
                    flow: Flow::DeviceCode,
                    why: format!(
                        "{why} (pass --flow auth-code --no-browser to sign in through a browser elsewhere)"
                    ),
                });
                Flow::DeviceCode
            }
        },
    };
    let scopes = scopes_for(args, flow);
    if flow == Flow::ClientCredentials {
        if secret.is_none() && certificate.is_none() {
            return Err(usage(
                "--flow client-credentials needs --client-secret-env, --client-secret-file or --certificate",
            ));
        }
        if scopes.is_empty() && authority.is_entra() {
            return Err(usage(
                "--flow client-credentials needs a scope for Entra: --scope RESOURCE/.default (e.g. https://graph.microsoft.com/.default) or --resource",
            ));
        }
    }
    if flow != Flow::AuthCode && (args.redirect_uri.is_some() || args.port.is_some()) {
        return Err(usage("--redirect-uri and --port are for --flow auth-code"));
    }
    let credential = match (secret, certificate) {
        (Some(s), _) => ClientCredential::Secret(s, args.client_auth),
        (None, Some(c)) => ClientCredential::Certificate(Box::new(c)),
        (None, None) => ClientCredential::None,
    };
    let http = Http::new();
    let (issuer, endpoints) = discover(&authority, &http)?;
    let mut session = Session {
        info: LoginInfo {
            flow: flow.name().to_string(),
            authority: authority.url(),
            issuer: issuer.discovered.clone(),
            client_id: client_id.clone(),
            scopes: scopes.clone(),
            redirect_uri: None,
            refreshed: false,
        },
        issuer,
        endpoints,
        client_id,
        credential,
        nonce: NonceRule::Unchecked,
        http,
    };
    let timeout = args::sign_in_wait(args.timeout);
    let scope_list = || {
        scopes
            .iter()
            .map(|s| Scope::new(s.clone()))
            .collect::<Vec<_>>()
    };
    match flow {
        Flow::AuthCode => {
            let auth =
                session
                    .endpoints
                    .authorization
                    .clone()
                    .ok_or_else(|| LoginError::Discovery {
                        url: authority.metadata_url(),
                        problem: "has no \"authorization_endpoint\"".into(),
                    })?;
            let listener = Listener::bind(args.redirect_uri.as_deref(), args.port)?;
            let redirect = listener.redirect_uri.clone();
            session.info.redirect_uri = Some(redirect.clone());
            let client = session
                .base()?
                .set_auth_uri(
                    AuthUrl::new(auth).map_err(|e| LoginError::BadResponse(e.to_string()))?,
                )
                .set_redirect_uri(
                    RedirectUrl::new(redirect.clone()).map_err(|e| usage(e.to_string()))?,
                );
            let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
            let nonce = CsrfToken::new_random();
            let (url, state) = client
                .authorize_url(CsrfToken::new_random)
                .add_scopes(scope_list())
                .set_pkce_challenge(challenge)
                .add_extra_param("nonce", nonce.secret().clone())
                .url();
            let url = url.to_string();
            let opened = if args.no_browser {
                Err("not opening a browser (--no-browser)".to_string())
            } else {
                (hooks.open)(&url)
            };
            progress(&Progress::Browser { url, opened });
            progress(&Progress::Waiting {
                redirect_uri: redirect,
                timeout,
            });
            let back = listener.wait(state.secret(), timeout)?;
            session.nonce = NonceRule::Required(nonce.secret().clone());
            let params = session.assertion_params()?;
            let scrubber = session.scrubber(&params, &[&back.code, verifier.secret()]);
            let mut req = client
                .exchange_code(AuthorizationCode::new(back.code.clone()))
                .set_pkce_verifier(verifier);
            for (k, v) in params {
                req = req.add_extra_param(k, v);
            }
            let exchanged = req
                .request(&session.http)
                .map_err(|e| map_token_error(e, &session.http, Stage::Token, &scrubber));
            // The listener answered 404 to anything else until now; dropping closes it.
            drop(back);
            exchanged?;
        }
        Flow::DeviceCode => {
            let device = session
                .endpoints
                .device_authorization
                .clone()
                .ok_or(LoginError::NoDeviceEndpoint)?;
            let client = session.base()?.set_device_authorization_url(
                DeviceAuthorizationUrl::new(device)
                    .map_err(|e| LoginError::BadResponse(e.to_string()))?,
            );
            let mut req = client.exchange_device_code().add_scopes(scope_list());
            let params = session.assertion_params()?;
            let scrubber = session.scrubber(&params, &[]);
            for (k, v) in params {
                req = req.add_extra_param(k, v);
            }
            let details: StandardDeviceAuthorizationResponse =
                req.request(&session.http).map_err(|e| {
                    map_token_error(e, &session.http, Stage::DeviceAuthorization, &scrubber)
                })?;
            progress(&Progress::DeviceCode {
                verification_uri: details.verification_uri().to_string(),
                user_code: details.user_code().secret().clone(),
                complete: details
                    .verification_uri_complete()
                    .map(|c| c.secret().clone()),
                expires_in: details.expires_in(),
            });
            // An ID token from the device flow carries no nonce (none was sent); iss and aud
            // are still checked.
            session.nonce = NonceRule::NotSent;
            let mut poll = client.exchange_device_access_token(&details);
            let params = session.assertion_params()?;
            let scrubber = session.scrubber(&params, &[details.device_code().secret()]);
            for (k, v) in params {
                poll = poll.add_extra_param(k, v);
            }
            // The provider's expires_in is bounded too: oauth2 turns the wait into a
            // chrono::Duration, which a huge one overflows after the sign-in succeeded.
            let wait = match args.timeout {
                Some(_) => timeout,
                None => details.expires_in().min(args::sign_in_wait(Some(u64::MAX))),
            };
            poll.request(&session.http, hooks.sleep, Some(wait))
                .map_err(|e| map_token_error(e, &session.http, Stage::Token, &scrubber))?;
        }
        Flow::ClientCredentials => {
            let client = session.base()?;
            let mut req = client
                .exchange_client_credentials()
                .add_scopes(scope_list());
            let params = session.assertion_params()?;
            let scrubber = session.scrubber(&params, &[]);
            for (k, v) in params {
                req = req.add_extra_param(k, v);
            }
            req.request(&session.http)
                .map_err(|e| map_token_error(e, &session.http, Stage::Token, &scrubber))?;
        }
    }
    let body = session.http.take_last_body();
    Ok((session, body))
}

/// Whether `t` is the ID token of a token response (its `id_token` member).
pub fn is_id_token(t: &crate::report::TokenReport) -> bool {
    t.origin.ends_with("id_token")
}

/// The `refresh_token` of a token response, if any.
pub fn refresh_token_of(body: &[u8]) -> Option<String> {
    let v: Value = serde_json::from_slice(body).ok()?;
    v.get("refresh_token")?.as_str().map(str::to_string)
}
