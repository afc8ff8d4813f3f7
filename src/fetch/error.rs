//! Why a fetch failed, in one line, and what to do about it.
//!
//! Nothing in here ever holds a secret: server-provided text is scrubbed of `IDENTITY_HEADER`,
//! `MSI_SECRET`, the Arc key and anything shaped like a JWT before it is stored (see
//! [`Scrubber`]), and the request's own secrets never enter an error. `Debug` is therefore
//! safe to derive.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use serde_json::Value;

use super::host::{HostKind, Secret};
use super::retry::secs;
use crate::input::errordoc::{ErrorDocument, ErrorKind};
use crate::input::text::compact_tokens;

/// An HTTP answer that is not a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpFailure {
    pub host: HostKind,
    /// The token URL, without the query.
    pub endpoint: String,
    pub status: u16,
    /// The `Server` header (`IMDS/150.870.65.528` from real IMDS).
    pub server: Option<String>,
    /// Requests sent before giving up (retries and the Arc challenge included).
    pub attempts: u32,
    /// The error document in the body, when there is one: only its `error` and
    /// `error_description` (or `message`), redacted.
    pub document: Option<ErrorDocument>,
    /// The body's length. Nothing else of a body is shown: it may echo a secret or hold a
    /// token.
    pub body_len: usize,
    /// The error document had members besides `error` and its description (trace ids,
    /// echoed request fields, ...), which are left out.
    pub omitted: bool,
}

impl HttpFailure {
    /// `error` (or App Service `statusCode`, Service Fabric `error.code`).
    pub fn error(&self) -> Option<&str> {
        self.document.as_ref().and_then(|d| d.error.as_deref())
    }

    /// `error_description` (or `message`).
    pub fn description(&self) -> Option<&str> {
        self.document
            .as_ref()
            .and_then(|d| d.description.as_deref())
    }

    fn kind(&self) -> Option<ErrorKind> {
        self.document.as_ref().map(|d| d.kind)
    }
}

/// The reason phrase of an HTTP status ("Internal Server Error"), or "".
pub fn reason_phrase(status: u16) -> &'static str {
    ureq::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("")
}

impl fmt::Display for HttpFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at {} answered HTTP {}",
            self.host, self.endpoint, self.status
        )?;
        let reason = reason_phrase(self.status);
        if !reason.is_empty() {
            write!(f, " {reason}")?;
        }
        if self.attempts > 1 {
            write!(f, " (attempt {})", self.attempts)?;
        }
        if let Some(s) = &self.server {
            write!(f, " [Server: {s}]")?;
        }
        let len = self.body_len;
        match (self.error(), self.description()) {
            (Some(e), Some(d)) => write!(f, ": {e}: {d}")?,
            (Some(e), None) => write!(f, ": {e}")?,
            (None, Some(d)) => write!(f, ": {d}")?,
            (None, None) if self.document.is_some() => write!(f, ": an error document")?,
            (None, None) if len == 0 => return write!(f, " with an empty body"),
            (None, None) => return write!(f, ": {len} bytes, not an error document"),
        }
        if self.omitted {
            write!(f, " ({len}-byte body, other members not shown)")?;
        }
        Ok(())
    }
}

/// What made a proxy (or some other middlebox) the likely answerer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProxyClue {
    /// 502 Bad Gateway or 504 Gateway Timeout: statuses of a gateway, not of IMDS.
    GatewayStatus,
    /// A 2xx answer that is not a JSON object.
    NotJson,
    /// A redirect: identity endpoints never send one.
    Redirect,
    /// 403 mentioning an unreachable network: Docker Desktop's proxy answering for IMDS.
    UnreachableNetwork,
}

impl fmt::Display for ProxyClue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ProxyClue::GatewayStatus => "a gateway status",
            ProxyClue::NotJson => "a success answer that is not JSON",
            ProxyClue::Redirect => "a redirect",
            ProxyClue::UnreachableNetwork => "a 403 about an unreachable network",
        })
    }
}

/// Which wait ran out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeoutPhase {
    /// No connection within `--timeout`.
    Connect,
    /// Connected, but no answer within `--response-timeout`.
    Answer,
    /// The answer began (its status and headers came) but its body did not finish within
    /// `--response-timeout`.
    Body,
}

/// Why an Azure Arc key file was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArcKeyProblem {
    /// Not in the agent's token directory (the directory is named).
    OutsideTokenDir(PathBuf),
    /// The name does not end in `.key`.
    NotKeyFile,
    /// Larger than 4096 bytes (the size is given).
    TooLarge(u64),
    /// Not a regular file.
    NotAFile,
    /// Not text that can travel in a header.
    NotText,
    /// Reading failed: permission denied, not found...
    Unreadable(String),
    /// The file could not be read for lack of permission.
    PermissionDenied,
}

impl fmt::Display for ArcKeyProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArcKeyProblem::OutsideTokenDir(d) => {
                write!(
                    f,
                    "it is not in the agent's token directory {}",
                    d.display()
                )
            }
            ArcKeyProblem::NotKeyFile => f.write_str("its name does not end in .key"),
            ArcKeyProblem::TooLarge(n) => {
                write!(
                    f,
                    "it is {n} bytes long, more than the 4096 a key file may have"
                )
            }
            ArcKeyProblem::NotAFile => f.write_str("it is not a regular file"),
            ArcKeyProblem::NotText => f.write_str("it does not hold printable text"),
            ArcKeyProblem::Unreadable(e) => write!(f, "it cannot be read: {e}"),
            ArcKeyProblem::PermissionDenied => f.write_str("permission denied"),
        }
    }
}

/// A failed fetch. Every message is one line; [`FetchError::advice`] says how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// `Identity not found` (and the App Service / Service Fabric equivalents).
    #[error("no managed identity: {0}")]
    NoIdentity(HttpFailure),
    /// `Multiple user assigned identities exist`.
    #[error("several user-assigned identities and none selected: {0}")]
    SeveralIdentities(HttpFailure),
    /// `invalid_resource` / AADSTS500011.
    #[error("unknown resource: {0}")]
    BadResource(HttpFailure),
    /// The endpoint says the `Metadata: true` header did not reach it.
    #[error("the Metadata header did not arrive: {0}")]
    MissingMetadataHeader(HttpFailure),
    /// Something other than the identity endpoint seems to have answered.
    #[error("a proxy or gateway seems to be in the way ({clue}): {failure}")]
    ProxyInTheWay {
        clue: ProxyClue,
        failure: HttpFailure,
    },
    /// No connection: refused, no route, unknown host.
    #[error("cannot reach {host} at {address} ({detail}): {}", unreachable_why(*.host, *.given))]
    Unreachable {
        host: HostKind,
        address: String,
        detail: String,
        /// The address is `--endpoint`'s: the user's own tunnel or test server, not the
        /// platform's endpoint.
        given: bool,
    },
    /// A wait ran out.
    #[error("{}", timeout_message(*.host, .address, *.waited, *.phase, *.given))]
    Timeout {
        host: HostKind,
        address: String,
        waited: Duration,
        phase: TimeoutPhase,
        /// As [`FetchError::Unreachable`]'s.
        given: bool,
    },
    /// Any other HTTP status, with the body's `error` and `error_description`.
    #[error("{0}")]
    Http(HttpFailure),
    /// Azure Arc named a key file jwtscope will not read.
    #[error("Azure Arc key file {} refused: {problem}", .path.display())]
    ArcKeyFile {
        path: PathBuf,
        problem: ArcKeyProblem,
    },
    /// Azure Arc's 401 did not say where its key file is.
    #[error(
        "{endpoint} answered 401 without `WWW-Authenticate: Basic realm=<key file>`, so it is not an Azure Arc agent (or not one jwtscope understands)"
    )]
    ArcChallenge { endpoint: String },
    /// Service Fabric: the server's certificate is not the pinned one.
    #[error("{endpoint}: {detail}")]
    Certificate { endpoint: String, detail: String },
    /// The connection broke, or what came back was not usable HTTP.
    #[error("{host} at {endpoint}: {detail}")]
    Transport {
        host: HostKind,
        endpoint: String,
        detail: String,
    },
    /// The flags or the environment ask for something impossible.
    #[error("{0}")]
    Usage(String),
}

fn unreachable_why(host: HostKind, given: bool) -> &'static str {
    if given {
        return "nothing listens at the address --endpoint gives";
    }
    match host {
        HostKind::Imds => "not an Azure VM, or IMDS is blocked",
        HostKind::Arc => "the Azure Connected Machine agent (himds) is not running",
        _ => "the local identity endpoint is not listening",
    }
}

fn timeout_message(
    host: HostKind,
    address: &str,
    waited: Duration,
    phase: TimeoutPhase,
    given: bool,
) -> String {
    match phase {
        TimeoutPhase::Connect => format!(
            "no connection to {host} at {address} within {}: {}",
            secs(waited),
            unreachable_why(host, given)
        ),
        TimeoutPhase::Answer => format!(
            "{host} at {address} accepted the connection but gave no answer within {}",
            secs(waited)
        ),
        TimeoutPhase::Body => format!(
            "{host} at {address} began to answer but did not finish within {}",
            secs(waited)
        ),
    }
}

impl FetchError {
    /// The HTTP answer behind the error, if there was one.
    pub fn failure(&self) -> Option<&HttpFailure> {
        match self {
            FetchError::NoIdentity(f)
            | FetchError::SeveralIdentities(f)
            | FetchError::BadResource(f)
            | FetchError::MissingMetadataHeader(f)
            | FetchError::Http(f)
            | FetchError::ProxyInTheWay { failure: f, .. } => Some(f),
            _ => None,
        }
    }

    /// The HTTP status, if an answer came.
    pub fn http_status(&self) -> Option<u16> {
        self.failure().map(|f| f.status)
    }

    /// How to fix it, in a sentence or two.
    pub fn advice(&self) -> Option<String> {
        let from_doc = || {
            self.failure()
                .and_then(|f| f.document.as_ref())
                .and_then(ErrorDocument::advice)
                .map(str::to_string)
        };
        match self {
            FetchError::NoIdentity(_)
            | FetchError::SeveralIdentities(_)
            | FetchError::BadResource(_) => from_doc(),
            FetchError::MissingMetadataHeader(_) => from_doc().or_else(|| {
                Some("something between jwtscope and the endpoint dropped the `Metadata: true` header".into())
            }),
            FetchError::ProxyInTheWay { failure, .. } => Some(match failure.host {
                HostKind::Imds => "IMDS must be reached directly, and jwtscope never uses HTTP_PROXY, HTTPS_PROXY or ALL_PROXY: look for a transparent proxy, a firewall or a container network that intercepts 169.254.169.254 (Docker Desktop does), and run jwtscope on the VM itself".to_string(),
                _ => "the answer did not come from a managed-identity endpoint: check IDENTITY_ENDPOINT / MSI_ENDPOINT (or --endpoint) and anything that intercepts local traffic".to_string(),
            }),
            FetchError::Unreachable { host, given, .. }
            | FetchError::Timeout {
                host,
                phase: TimeoutPhase::Connect,
                given,
                ..
            } => Some(unreachable_advice(*host, *given)),
            FetchError::Timeout {
                phase: TimeoutPhase::Answer | TimeoutPhase::Body,
                ..
            } => Some(
                "try again; if it keeps happening, raise --response-timeout or check what listens at that address".into(),
            ),
            FetchError::Http(f) => from_doc().or_else(|| status_advice(f)),
            FetchError::ArcKeyFile { problem, .. } => Some(match problem {
                ArcKeyProblem::PermissionDenied | ArcKeyProblem::Unreadable(_) => {
                    "reading the agent's key needs membership of the himds group (`sudo usermod -a -G himds $USER`, then log in again) or root".to_string()
                }
                _ => "jwtscope reads only *.key files of at most 4096 bytes in the agent's token directory, as the Azure SDKs do: check that IDENTITY_ENDPOINT (or --endpoint) is the real agent".to_string(),
            }),
            FetchError::ArcChallenge { .. } => Some(
                "check IDENTITY_ENDPOINT / --endpoint, or choose the host with --source".into(),
            ),
            FetchError::Certificate { .. } => Some(
                "run jwtscope in the environment Service Fabric set up for the application (IDENTITY_SERVER_THUMBPRINT must match the token server's certificate); jwtscope does not talk to a server it cannot identify".into(),
            ),
            FetchError::Transport { .. } => Some(
                "try again; if it persists, something other than the identity endpoint may be answering".into(),
            ),
            FetchError::Usage(_) => None,
        }
    }
}

fn unreachable_advice(host: HostKind, given: bool) -> String {
    if given {
        let default = match host {
            HostKind::Imds => "IMDS at 169.254.169.254",
            _ => "the endpoint IDENTITY_ENDPOINT or MSI_ENDPOINT names",
        };
        return format!(
            "start the tunnel or test server --endpoint names, or check its address and port (without --endpoint, jwtscope asks {default})"
        );
    }
    match host {
        HostKind::Imds => "run jwtscope on an Azure VM or scale-set instance (on one, check that no firewall, proxy rule or route blocks 169.254.169.254 from the primary NIC); elsewhere choose the host with --source or give --endpoint".into(),
        HostKind::Arc => "start the agent (`sudo systemctl start himdsd`) and check `azcmagent show`".into(),
        _ => "run jwtscope inside the app or container the platform set up (IDENTITY_ENDPOINT / MSI_ENDPOINT point at a local endpoint only it serves)".into(),
    }
}

fn status_advice(f: &HttpFailure) -> Option<String> {
    Some(match (f.status, f.host) {
        (401 | 403, HostKind::AppService | HostKind::ServiceFabric | HostKind::AzureMl) => {
            "the endpoint refused the secret header: the platform rotates IDENTITY_HEADER / MSI_SECRET, so run jwtscope in a fresh shell of the app".into()
        }
        (401, HostKind::Arc) => "the agent refused the key: run jwtscope again (keys are single-use), as a member of the himds group".into(),
        (404 | 410, HostKind::Imds) => "IMDS answers this while it is updating: try again in a minute".into(),
        (429, _) => "throttled (IMDS allows 20 token requests per second per VM): wait and try again".into(),
        (500..=599, _) => "the identity service failed: try again later".into(),
        (405, _) => "the endpoint refused the method: check --source".into(),
        (400, _) if f.kind() == Some(ErrorKind::Other) || f.document.is_none() => {
            "check --resource, --api-version and the identity flags".into()
        }
        _ => return None,
    })
}

/// Removes secrets and tokens from text a server sent, before it goes into an error or a
/// report.
#[derive(Debug, Clone, Default)]
pub struct Scrubber {
    secrets: Vec<SecretPattern>,
}

/// One secret, found also when a server broke it with whitespace, line breaks or their JSON
/// escapes (`\n`) while echoing it: text is searched with those breaks left out.
#[derive(Debug, Clone)]
enum SecretPattern {
    /// The secret without breaks (never empty).
    Spread(Secret),
    /// A secret made only of breaks: matched exactly.
    Exact(Secret),
}

/// `text` without what may break an echoed secret: ASCII whitespace (as `\s` in a regex
/// without Unicode), and `\n`, `\r`, `\t` written as escapes. With each kept byte's offset in
/// `text`. Only ASCII is left out, so what is kept is whole characters.
fn unbroken(text: &str) -> (Vec<u8>, Vec<usize>) {
    let bytes = text.as_bytes();
    let mut kept = Vec::with_capacity(bytes.len());
    let mut at = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_whitespace() || b == 0x0b {
            i += 1;
        } else if b == b'\\' && matches!(bytes.get(i + 1), Some(b'n' | b'r' | b't')) {
            i += 2;
        } else {
            kept.push(b);
            at.push(i);
            i += 1;
        }
    }
    (kept, at)
}

impl SecretPattern {
    fn new(secret: &Secret) -> Option<Self> {
        let v = secret.expose();
        if v.is_empty() {
            return None;
        }
        let words: String = v.chars().filter(|c| !c.is_whitespace()).collect();
        let needle = String::from_utf8(unbroken(&words).0).unwrap_or_default();
        Some(if needle.is_empty() {
            SecretPattern::Exact(secret.clone())
        } else {
            SecretPattern::Spread(Secret::new(needle))
        })
    }

    fn redact(&self, text: &str) -> String {
        let needle = match self {
            SecretPattern::Spread(needle) => needle.expose().as_bytes(),
            SecretPattern::Exact(s) => return text.replace(s.expose(), "<redacted>"),
        };
        // Linear: one pass to leave the breaks out, one substring search (memchr's memmem).
        let (kept, at) = unbroken(text);
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for found in memchr::memmem::find_iter(&kept, needle) {
            let (start, end) = (at[found], at[found + needle.len() - 1] + 1);
            // Whole characters (see `unbroken`); checked rather than trusted.
            if let (Some(before), true) = (text.get(last..start), text.is_char_boundary(end)) {
                out.push_str(before);
                out.push_str("<redacted>");
                last = end;
            }
        }
        out.push_str(&text[last..]);
        out
    }
}

impl Scrubber {
    pub fn new(secrets: &[Secret]) -> Self {
        Scrubber {
            secrets: secrets.iter().filter_map(SecretPattern::new).collect(),
        }
    }

    /// The text with every secret replaced by `<redacted>`, tokens left alone (for a token
    /// response, whose tokens are what the user asked for).
    pub fn scrub_secrets(&self, text: &str) -> String {
        let mut s = text.to_string();
        for secret in &self.secrets {
            s = secret.redact(&s);
        }
        s
    }

    /// The text with every secret and token replaced by `<redacted>`.
    pub fn scrub(&self, text: &str) -> String {
        let s = self.scrub_secrets(text);
        let mut out = String::with_capacity(s.len());
        let mut last = 0;
        for m in compact_tokens(&s) {
            out.push_str(&s[last..m.start]);
            out.push_str("<redacted>");
            last = m.end;
        }
        out.push_str(&s[last..]);
        out
    }

    /// Every string in a JSON value with its secrets redacted; `true` when one was. Tokens
    /// are left whole: a short secret's letters are bound to occur in their base64url.
    pub fn scrub_secrets_in(&self, value: &mut Value) -> bool {
        match value {
            Value::String(s) if compact_tokens(s).next() == Some(0..s.len()) => false,
            Value::String(s) => {
                let clean = self.scrub_secrets(s);
                let changed = clean != *s;
                *s = clean;
                changed
            }
            Value::Array(items) => items
                .iter_mut()
                .fold(false, |changed, v| self.scrub_secrets_in(v) | changed),
            Value::Object(members) => members
                .values_mut()
                .fold(false, |changed, v| self.scrub_secrets_in(v) | changed),
            _ => false,
        }
    }

    /// What an error document may show: its `error` and `error_description` (or `message`),
    /// redacted; the other members (trace ids, echoed request fields) are not kept.
    pub fn scrub_document(&self, d: ErrorDocument) -> ErrorDocument {
        ErrorDocument {
            kind: d.kind,
            error: d.error.map(|e| self.scrub(&e)),
            description: d.description.map(|e| self.scrub(&e)),
            details: Vec::new(),
        }
    }
}

/// Turn an answer that is not a token into the error that says what it means.
pub fn classify_answer(
    host: HostKind,
    endpoint: &str,
    status: u16,
    server: Option<&str>,
    body: &[u8],
    attempts: u32,
    scrubber: &Scrubber,
) -> FetchError {
    let document = serde_json::from_slice::<Value>(body)
        .ok()
        .and_then(|v| v.as_object().and_then(ErrorDocument::recognise));
    let omitted = document.as_ref().is_some_and(|d| !d.details.is_empty());
    let document = document.map(|d| scrubber.scrub_document(d));
    let failure = HttpFailure {
        host,
        endpoint: endpoint.to_string(),
        status,
        server: server.map(|s| scrubber.scrub(s)),
        attempts,
        document,
        body_len: body.len(),
        omitted,
    };
    let body_lower = String::from_utf8_lossy(body).to_ascii_lowercase();
    if (300..400).contains(&status) {
        return FetchError::ProxyInTheWay {
            clue: ProxyClue::Redirect,
            failure,
        };
    }
    if status == 502 || status == 504 {
        return FetchError::ProxyInTheWay {
            clue: ProxyClue::GatewayStatus,
            failure,
        };
    }
    if status == 403 && body_lower.contains("unreachable") {
        return FetchError::ProxyInTheWay {
            clue: ProxyClue::UnreachableNetwork,
            failure,
        };
    }
    match failure.kind() {
        Some(
            ErrorKind::IdentityNotFound
            | ErrorKind::AppServiceIdentity
            | ErrorKind::ServiceFabricNoIdentity,
        ) => FetchError::NoIdentity(failure),
        Some(ErrorKind::MultipleIdentities) => FetchError::SeveralIdentities(failure),
        Some(ErrorKind::InvalidResource) => FetchError::BadResource(failure),
        Some(ErrorKind::MissingMetadataHeader) => FetchError::MissingMetadataHeader(failure),
        _ => FetchError::Http(failure),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classify(status: u16, body: &str) -> FetchError {
        classify_answer(
            HostKind::Imds,
            "http://127.0.0.1:9/metadata/identity/oauth2/token",
            status,
            Some("IMDS/150.870.65.528"),
            body.as_bytes(),
            1,
            &Scrubber::new(&[Secret::new("hunter2")]),
        )
    }

    #[test]
    fn imds_error_bodies() {
        let e = classify(
            400,
            r#"{"error":"invalid_request","error_description":"Identity not found"}"#,
        );
        assert!(matches!(e, FetchError::NoIdentity(_)));
        assert_eq!(
            e.to_string(),
            "no managed identity: IMDS at http://127.0.0.1:9/metadata/identity/oauth2/token answered HTTP 400 Bad Request [Server: IMDS/150.870.65.528]: invalid_request: Identity not found"
        );
        assert!(e.advice().unwrap().contains("az vm identity assign"));
        assert_eq!(e.http_status(), Some(400));

        let e = classify(
            400,
            r#"{"error":"invalid_request","error_description":"Multiple user assigned identities exist, please specify the clientId / resourceId of the identity in the token request"}"#,
        );
        assert!(matches!(e, FetchError::SeveralIdentities(_)));
        assert!(e.advice().unwrap().contains("--client-id"));

        let e = classify(
            400,
            r#"{"error":"invalid_resource","error_description":"AADSTS500011: The resource principal named https://managements.azure.com was not found in the tenant named Microsoft.","error_codes":[500011],"trace_id":"t"}"#,
        );
        assert!(matches!(e, FetchError::BadResource(_)));
        // Only error and error_description, and the length: other members may echo the
        // request.
        assert!(
            e.to_string()
                .ends_with("was not found in the tenant named Microsoft. (206-byte body, other members not shown)"),
            "{e}"
        );
        assert!(e.advice().unwrap().contains("--resource"));

        let e = classify(
            400,
            r#"{"error":"invalid_request","error_description":"Required metadata header not specified"}"#,
        );
        assert!(matches!(e, FetchError::MissingMetadataHeader(_)));
    }

    #[test]
    fn proxies_are_suspected() {
        assert!(matches!(
            classify(502, "<html>Bad Gateway</html>"),
            FetchError::ProxyInTheWay {
                clue: ProxyClue::GatewayStatus,
                ..
            }
        ));
        assert!(matches!(
            classify(
                403,
                "connectex: A socket operation was attempted to an unreachable network."
            ),
            FetchError::ProxyInTheWay {
                clue: ProxyClue::UnreachableNetwork,
                ..
            }
        ));
        let e = classify(302, "");
        assert!(matches!(
            e,
            FetchError::ProxyInTheWay {
                clue: ProxyClue::Redirect,
                ..
            }
        ));
        assert!(
            e.to_string()
                .ends_with("HTTP 302 Found [Server: IMDS/150.870.65.528] with an empty body")
        );
        assert!(e.advice().unwrap().contains("never uses HTTP_PROXY"));
    }

    #[test]
    fn other_hosts_bodies() {
        let e = classify_answer(
            HostKind::AppService,
            "http://localhost:4141/MSI/token",
            400,
            Some("Kestrel"),
            br#"{"statusCode":400,"message":"Unable to load the proper Managed Identity.","correlationId":"bf68"}"#,
            1,
            &Scrubber::default(),
        );
        assert!(matches!(e, FetchError::NoIdentity(_)));
        assert_eq!(
            e.to_string(),
            "no managed identity: App Service at http://localhost:4141/MSI/token answered HTTP 400 Bad Request [Server: Kestrel]: 400: Unable to load the proper Managed Identity. (97-byte body, other members not shown)"
        );
        assert!(e.advice().unwrap().contains("Identity page"));
        let e = classify_answer(
            HostKind::ServiceFabric,
            "https://localhost:2377/t",
            401,
            None,
            br#"{"error":{"correlationId":"c","code":"SecretHeaderNotFound","message":"Secret is not found in the request headers."}}"#,
            1,
            &Scrubber::default(),
        );
        assert!(matches!(e, FetchError::Http(_)));
        assert!(
            e.to_string()
                .contains("SecretHeaderNotFound: Secret is not found")
        );
        assert!(e.advice().unwrap().contains("IDENTITY_HEADER"));
    }

    #[test]
    fn secrets_and_tokens_are_scrubbed() {
        let e = classify(
            500,
            r#"{"error":"server_error","error_description":"header hunter2 rejected; token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln"}"#,
        );
        let text = format!("{e} {e:?}");
        assert!(!text.contains("hunter2"), "{text}");
        assert!(!text.contains("eyJhbGciOiJIUzI1NiJ9"), "{text}");
        assert!(text.contains("header <redacted> rejected; token <redacted>"));
        // A body that is not an error document is not quoted at all, only measured.
        let e = classify(
            500,
            "oops hunter2 eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln\n\n  trailing",
        );
        assert!(
            e.to_string().ends_with(": 66 bytes, not an error document"),
            "{e}"
        );
        assert!(e.advice().unwrap().contains("try again"));
    }

    #[test]
    fn the_scrubber_redacts_tokens_and_secrets_however_they_are_broken() {
        let s = Scrubber::new(&[Secret::new("0123-abcd-4567")]);
        for echoed in [
            "0123-abcd-4567",
            "0123-ab\ncd-4567",
            "0123-ab\r\n  cd-4567",
            "0123-ab\\ncd-4567",
            "0123 - abcd - 4567",
        ] {
            let text = format!("header [{echoed}] rejected");
            assert_eq!(s.scrub(&text), "header [<redacted>] rejected", "{echoed:?}");
        }
        assert_eq!(s.scrub("0123-abcd-456"), "0123-abcd-456");
        // Tokens, signed (3 segments) or encrypted (5), whether `eyJ` or `ew`-headed.
        for token in [
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln",
            "eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d",
            "ewogImFsZyI6ICJub25lIgp9.e30.",
        ] {
            assert_eq!(
                Scrubber::default().scrub(&format!("x {token} y")),
                "x <redacted> y"
            );
        }
        assert_eq!(
            Scrubber::default().scrub("plain words. eye.level"),
            "plain words. eye.level"
        );
        // In JSON: every string, nested too; tokens kept when only secrets are scrubbed.
        let mut v = serde_json::json!({
            "access_token": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln",
            "resource": "x 0123-abcd-\n4567",
            "more": [{"echo": "0123-abcd-4567"}],
            "n": 1
        });
        assert!(s.scrub_secrets_in(&mut v));
        assert_eq!(v["resource"], "x <redacted>");
        assert_eq!(v["more"][0]["echo"], "<redacted>");
        assert_eq!(
            v["access_token"],
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln"
        );
        assert!(!s.scrub_secrets_in(&mut v));
        let short = Scrubber::new(&[Secret::new("h")]);
        let mut v =
            serde_json::json!({"access_token": "eyJhbGciOiJIUzI1NiJ9.eyJoIjoxfQ.c2ln", "x": "oh"});
        assert!(short.scrub_secrets_in(&mut v));
        assert_eq!(v["access_token"], "eyJhbGciOiJIUzI1NiJ9.eyJoIjoxfQ.c2ln");
        assert_eq!(v["x"], "o<redacted>");
    }

    /// What `SecretPattern` replaced: the secret's characters joined by a regex of breaks.
    fn redact_by_regex(secret: &str, text: &str) -> String {
        let pattern = secret
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| regex::escape(c.encode_utf8(&mut [0; 4])))
            .collect::<Vec<_>>()
            .join(r"(?-u:\s|\\[nrt])*");
        let re = regex::Regex::new(&pattern).unwrap();
        re.replace_all(text, "<redacted>").into_owned()
    }

    proptest::proptest! {
        #[test]
        fn a_spread_secret_is_found_where_the_regex_found_it(
            secret in "[ab0é-][ab0é -]{0,5}",
            parts in proptest::collection::vec("([ab0é-]{1,3}| |\n|\r\n|\x0b|\\\\n|\\\\t|\\\\r|x)", 0..30),
        ) {
            let text = parts.concat();
            let ours = Scrubber::new(&[Secret::new(secret.clone())]).scrub_secrets(&text);
            proptest::prop_assert_eq!(ours, redact_by_regex(&secret, &text), "{:?}", text);
        }
    }

    #[test]
    fn a_hostile_body_is_searched_in_one_pass() {
        // Every byte starts a near-match: a backtracking search (regex-lite's, measured) took
        // 4 s on each of these; this test would hang rather than pass.
        let secret = format!("{}b", "a".repeat(63));
        let s = Scrubber::new(&[Secret::new(secret.clone())]);
        for unit in ["a", " a", "a\\n"] {
            let text = unit.repeat((1 << 20) / unit.len());
            assert_eq!(s.scrub_secrets(&text), text);
        }
        let text = format!("{} a{}b", "a ".repeat(1000), " a".repeat(62));
        let ours = s.scrub_secrets(&text);
        assert!(ours.ends_with(" <redacted>"), "{ours}");
        assert_eq!(ours, redact_by_regex(&secret, &text));
    }

    #[test]
    fn network_messages_name_the_address_and_the_wait() {
        let e = FetchError::Unreachable {
            host: HostKind::Imds,
            address: "127.0.0.1:9".into(),
            detail: "connection refused".into(),
            given: false,
        };
        assert_eq!(
            e.to_string(),
            "cannot reach IMDS at 127.0.0.1:9 (connection refused): not an Azure VM, or IMDS is blocked"
        );
        let e = FetchError::Timeout {
            host: HostKind::Imds,
            address: "127.0.0.1:9".into(),
            waited: Duration::from_secs(2),
            phase: TimeoutPhase::Connect,
            given: false,
        };
        assert_eq!(
            e.to_string(),
            "no connection to IMDS at 127.0.0.1:9 within 2.0 s: not an Azure VM, or IMDS is blocked"
        );
        assert!(e.advice().unwrap().contains("Azure VM"));
        // An address the user gave (a tunnel, a test server) is not blamed on the platform.
        let e = FetchError::Unreachable {
            host: HostKind::Imds,
            address: "127.0.0.1:9".into(),
            detail: "connection refused".into(),
            given: true,
        };
        assert_eq!(
            e.to_string(),
            "cannot reach IMDS at 127.0.0.1:9 (connection refused): nothing listens at the address --endpoint gives"
        );
        let advice = e.advice().unwrap();
        assert!(
            advice.starts_with("start the tunnel or test server --endpoint names"),
            "{advice}"
        );
        assert!(!advice.contains("give --endpoint"), "{advice}");
        // Headers came, the body did not finish: not "no answer".
        let e = FetchError::Timeout {
            host: HostKind::Imds,
            address: "127.0.0.1:9".into(),
            waited: Duration::from_secs(2),
            phase: TimeoutPhase::Body,
            given: true,
        };
        assert_eq!(
            e.to_string(),
            "IMDS at 127.0.0.1:9 began to answer but did not finish within 2.0 s"
        );
        assert!(e.advice().unwrap().contains("--response-timeout"));
    }
}
