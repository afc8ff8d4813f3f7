//! Live fetch of a token from an Azure managed-identity endpoint: `jwtscope imds`.
//!
//! This is "just another source": [`fetch`] asks the endpoint and returns the body of its
//! answer, which goes to the same input step as a file (`jwtscope managedid.json`), together
//! with a description of the request ([`FetchInfo`]) for the report and the UI title.
//!
//! - [`plan`] decides the request from the flags and the environment (host detection in the
//!   Azure SDKs' order, URL, query, headers); pure, unit-tested from a map of variables.
//! - [`http`] sends it: never through a proxy, never following a redirect.
//! - [`retry`] decides when to ask again (Microsoft's IMDS guidance).
//! - [`arc`] answers Azure Arc's key-file challenge; [`tls`] pins Service Fabric's certificate.
//! - [`error`] says what a failure means and how to fix it, reusing
//!   [`crate::input::errordoc`] for the bodies.
//! - [`save`] writes `--save FILE` with mode 0600.
//!
//! No secret (`IDENTITY_HEADER`, `MSI_SECRET`, the Arc key) and no token ever appears in a
//! message, a `Debug` output or a [`Progress`] line.

pub mod arc;
pub mod args;
pub mod error;
pub mod host;
pub mod http;
pub mod plan;
pub mod retry;
pub mod save;
pub mod tls;

use std::fmt;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde::Serialize;
use serde_json::Value;

pub use args::{FetchArgs, SourceChoice};
pub use error::{ArcKeyProblem, FetchError, HttpFailure, ProxyClue, TimeoutPhase};
pub use host::HostKind;
pub use plan::EndpointOrigin;
pub use retry::WaitReason;
pub use save::{check_save_path, save_response};

use crate::input::errordoc::ErrorDocument;
use error::{ProxyClue as Clue, Scrubber, classify_answer};
use host::Secret;
use plan::{Header, HeaderValue, Plan};
use retry::{RetryPolicy, parse_retry_after, secs};

/// What was asked, of whom, and what came back (no secrets, no token).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FetchInfo {
    /// The host kind: `imds`, `app_service`, `arc`, `cloud_shell`, `azure_ml`, `service_fabric`.
    pub host: HostKind,
    /// Why this host, in words: `--source imds`, `IDENTITY_ENDPOINT + IDENTITY_HEADER set`, ...
    pub detected_by: String,
    /// The environment variables that decided the host or supplied part of the request
    /// (names only, never values).
    pub env_vars: Vec<&'static str>,
    /// The token URL, without the query.
    pub endpoint: String,
    /// Where the token URL came from.
    pub endpoint_from: EndpointOrigin,
    /// `GET`, or `POST` for Cloud Shell.
    pub method: &'static str,
    pub resource: String,
    /// The user-assigned identity selector as sent, e.g. `client_id=...`.
    pub selector: Option<String>,
    pub api_version: Option<String>,
    /// HTTP status of the answer.
    pub status: u16,
    /// Requests sent (retries and Arc's challenge included).
    pub attempts: u32,
    /// The `Server` header of the answer (`IMDS/...` from real IMDS).
    pub server: Option<String>,
}

impl FetchInfo {
    /// How the request went, in one line: why this host, the answer's status and server,
    /// the attempts. (`Display` is the short form for titles.)
    pub fn details(&self) -> String {
        let mut s = format!("{} · {} {}", self.detected_by, self.method, self.endpoint);
        if let Some(v) = &self.api_version {
            s.push_str(&format!(" · api-version {v}"));
        }
        s.push_str(&format!(" · HTTP {}", self.status));
        if let Some(server) = &self.server {
            s.push_str(&format!(" · Server {server}"));
        }
        s.push_str(&format!(
            " · {} attempt{}",
            self.attempts,
            if self.attempts == 1 { "" } else { "s" }
        ));
        s
    }
}

impl fmt::Display for FetchInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} · resource {}",
            self.host, self.endpoint, self.resource
        )?;
        if let Some(s) = &self.selector {
            write!(f, " · {s}")?;
        }
        Ok(())
    }
}

/// A successful fetch: the body of the answer, to be handed to the input step as a file's
/// bytes would be, and the request that produced it.
#[derive(Clone, PartialEq, Eq)]
pub struct Fetched {
    pub body: Vec<u8>,
    pub info: FetchInfo,
}

impl fmt::Debug for Fetched {
    // The body holds the token.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fetched")
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .field("info", &self.info)
            .finish()
    }
}

/// Something worth telling while a fetch is under way. Its `Display` is one line, meant for
/// stderr (or the UI's status line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// The host chosen, and why; sent once, before the first request, so that the choice can
    /// be shown even when the fetch then fails.
    Chosen {
        host: HostKind,
        endpoint: String,
        /// As [`FetchInfo::detected_by`].
        detected_by: String,
    },
    /// A request is about to go out. Detail for `--verbose`-style output.
    Sending {
        attempt: u32,
        host: HostKind,
        method: &'static str,
        /// The URL with its query (which holds no secret).
        url: String,
    },
    /// The answer says "try again later"; jwtscope waits before the next attempt. Always
    /// worth showing: otherwise a wait of up to a minute looks like a hang.
    Waiting {
        /// The attempt that just failed (1-based).
        attempt: u32,
        status: u16,
        wait: Duration,
        reason: WaitReason,
        /// Attempts allowed by `--retries` (410 is retried by time instead).
        max_attempts: Option<u32>,
    },
    /// Azure Arc answered with its key-file challenge; the key is being read.
    ArcChallenge { key_file: PathBuf },
}

impl fmt::Display for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Progress::Chosen {
                host,
                endpoint,
                detected_by,
            } => write!(f, "{host} at {endpoint} ({detected_by})"),
            Progress::Sending {
                attempt,
                host,
                method,
                url,
            } => write!(f, "{host}: {method} {url} (attempt {attempt})"),
            Progress::Waiting {
                attempt,
                status,
                wait,
                reason,
                max_attempts,
            } => {
                let phrase = ureq::http::StatusCode::from_u16(*status)
                    .ok()
                    .and_then(|s| s.canonical_reason())
                    .unwrap_or("");
                write!(f, "attempt {attempt} answered HTTP {status}")?;
                if !phrase.is_empty() {
                    write!(f, " {phrase}")?;
                }
                write!(
                    f,
                    "; waiting {} ({reason}) before attempt {}",
                    secs(*wait),
                    attempt + 1
                )?;
                if let Some(m) = max_attempts {
                    write!(f, " of {m}")?;
                }
                Ok(())
            }
            Progress::ArcChallenge { key_file } => write!(
                f,
                "Azure Arc asked for the key in {}; asking again with it",
                key_file.display()
            ),
        }
    }
}

/// Fetch a token. `env` reads an environment variable (pass `|k| std::env::var(k).ok()`;
/// tests pass a map, so the process environment is never changed); `progress` hears about
/// each request, wait and challenge. Blocking; callable again for a fresh token.
pub fn fetch(
    args: &FetchArgs,
    env: &dyn Fn(&str) -> Option<String>,
    progress: &mut dyn FnMut(&Progress),
) -> Result<Fetched, FetchError> {
    fetch_with_sleep(args, env, progress, &mut std::thread::sleep)
}

/// [`fetch`] with the waits between retries handed to `sleep` (tests record them instead of
/// sleeping).
#[doc(hidden)]
pub fn fetch_with_sleep(
    args: &FetchArgs,
    env: &dyn Fn(&str) -> Option<String>,
    progress: &mut dyn FnMut(&Progress),
    sleep: &mut dyn FnMut(Duration),
) -> Result<Fetched, FetchError> {
    let mut plan = plan::plan(args, env, &arc::agent_on_disk)?;
    let agent = http::agent(&plan, args)?;
    let policy = RetryPolicy {
        retries: args.retry_count(),
        base: args.retry_base(),
    };
    let host = plan.detection.kind;
    let started = Instant::now();
    let mut waited = Duration::ZERO;
    let mut attempts = 0u32;
    let mut retries = 0u32;
    let mut gone_retries = 0u32;
    let mut challenged = false;
    progress(&Progress::Chosen {
        host,
        endpoint: plan.endpoint.clone(),
        detected_by: plan.detection.reason(),
    });

    loop {
        attempts += 1;
        let scrubber = Scrubber::new(&plan.secrets);
        progress(&Progress::Sending {
            attempt: attempts,
            host,
            method: plan.method,
            url: plan.url.clone(),
        });
        let t0 = Instant::now();
        let answer = http::exchange(&agent, &plan).map_err(|e| {
            let given = plan.endpoint_from == EndpointOrigin::Flag;
            http::classify_transport(&e, host, &plan.endpoint, given, t0.elapsed(), &scrubber)
        })?;
        let status = answer.status;

        if (200..300).contains(&status) {
            return success(&plan, answer, attempts, &scrubber);
        }

        if status == 401 && host == HostKind::Arc && !challenged {
            challenged = true;
            let key_file = answer
                .www_authenticate
                .as_deref()
                .and_then(arc::realm_path)
                .ok_or_else(|| FetchError::ArcChallenge {
                    endpoint: plan.endpoint.clone(),
                })?;
            progress(&Progress::ArcChallenge {
                key_file: key_file.clone(),
            });
            let dir = args.arc_token_dir.clone().unwrap_or_else(arc::token_dir);
            let key = arc::read_key(&key_file, &dir)?;
            plan.secrets.push(key.clone());
            plan = plan.with_header(Header {
                name: "Authorization",
                value: HeaderValue::Secret(Secret::new(format!("Basic {}", key.expose()))),
            });
            continue;
        }

        let retry_after = answer
            .retry_after
            .as_deref()
            .and_then(|v| parse_retry_after(v, chrono::Utc::now()));
        // With a real sleep the clock covers the waits; with a recorded one it does not.
        let elapsed = started.elapsed().max(waited);
        let done = if status == 410 { gone_retries } else { retries };
        if let Some((wait, reason)) = policy.decide(status, retry_after, done, elapsed) {
            progress(&Progress::Waiting {
                attempt: attempts,
                status,
                wait,
                reason,
                max_attempts: (status != 410).then_some(policy.retries + 1),
            });
            sleep(wait);
            waited += wait;
            if status == 410 {
                gone_retries += 1;
            } else {
                retries += 1;
            }
            continue;
        }

        return Err(classify_answer(
            host,
            &plan.endpoint,
            status,
            answer.server.as_deref(),
            &answer.body,
            attempts,
            &scrubber,
        ));
    }
}

fn info(plan: &Plan, status: u16, attempts: u32, server: Option<String>) -> FetchInfo {
    FetchInfo {
        host: plan.detection.kind,
        detected_by: plan.detection.reason(),
        env_vars: plan.detection.vars.clone(),
        endpoint: plan.endpoint.clone(),
        endpoint_from: plan.endpoint_from,
        method: plan.method,
        resource: plan.resource.clone(),
        selector: plan.selector.clone(),
        api_version: plan.api_version.clone(),
        status,
        attempts,
        server,
    }
}

/// A 2xx answer: a JSON object is the token response (or, oddly, an error document); anything
/// else came from something that is not an identity endpoint.
fn success(
    plan: &Plan,
    answer: http::Answer,
    attempts: u32,
    scrubber: &Scrubber,
) -> Result<Fetched, FetchError> {
    let host = plan.detection.kind;
    let parsed = serde_json::from_slice::<Value>(&answer.body).ok();
    let Some(Value::Object(mut obj)) = parsed else {
        return Err(FetchError::ProxyInTheWay {
            clue: Clue::NotJson,
            failure: HttpFailure {
                host,
                endpoint: plan.endpoint.clone(),
                status: answer.status,
                server: answer.server.as_deref().map(|s| scrubber.scrub(s)),
                attempts,
                document: None,
                body_len: answer.body.len(),
                omitted: false,
            },
        });
    };
    if !obj.contains_key("access_token") && ErrorDocument::recognise(&obj).is_some() {
        return Err(classify_answer(
            host,
            &plan.endpoint,
            answer.status,
            answer.server.as_deref(),
            &answer.body,
            attempts,
            scrubber,
        ));
    }
    let server = answer.server.as_deref().map(|s| scrubber.scrub(s));
    // A secret the endpoint echoed (in `resource`, say) would be shown as token context:
    // redact it. The body is rewritten only then, so a clean answer reaches the report as sent.
    let mut members = Value::Object(std::mem::take(&mut obj));
    let body = if scrubber.scrub_secrets_in(&mut members) {
        serde_json::to_vec(&members).unwrap_or_default()
    } else {
        answer.body
    };
    Ok(Fetched {
        info: info(plan, answer.status, attempts, server),
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_lines() {
        let p = Progress::Waiting {
            attempt: 1,
            status: 429,
            wait: Duration::from_secs(2),
            reason: WaitReason::RetryAfter,
            max_attempts: Some(5),
        };
        assert_eq!(
            p.to_string(),
            "attempt 1 answered HTTP 429 Too Many Requests; waiting 2.0 s (Retry-After) before attempt 2 of 5"
        );
        let p = Progress::Waiting {
            attempt: 3,
            status: 410,
            wait: Duration::from_millis(20),
            reason: WaitReason::Gone,
            max_attempts: None,
        };
        assert_eq!(
            p.to_string(),
            "attempt 3 answered HTTP 410 Gone; waiting 20 ms (IMDS is updating) before attempt 4"
        );
    }

    #[test]
    fn chosen_line() {
        let p = Progress::Chosen {
            host: HostKind::AppService,
            endpoint: "http://localhost:4141/MSI/token".into(),
            detected_by: "IDENTITY_ENDPOINT + IDENTITY_HEADER set".into(),
        };
        assert_eq!(
            p.to_string(),
            "App Service at http://localhost:4141/MSI/token (IDENTITY_ENDPOINT + IDENTITY_HEADER set)"
        );
    }

    #[test]
    fn titles_and_debug() {
        let info = FetchInfo {
            host: HostKind::Imds,
            detected_by: "no managed-identity variables set".into(),
            env_vars: vec![],
            endpoint: plan::IMDS_TOKEN_URL.into(),
            endpoint_from: EndpointOrigin::Default,
            method: "GET",
            resource: "https://management.azure.com/".into(),
            selector: None,
            api_version: Some("2018-02-01".into()),
            status: 200,
            attempts: 1,
            server: Some("IMDS/150.870.65.528".into()),
        };
        assert_eq!(
            info.to_string(),
            "IMDS http://169.254.169.254/metadata/identity/oauth2/token · resource https://management.azure.com/"
        );
        let json = serde_json::to_value(&info).unwrap();
        assert_eq!(json["host"], "imds");
        assert_eq!(json["endpoint_from"], "default");
        let f = Fetched {
            body: b"{\"access_token\":\"eyJsecret\"}".to_vec(),
            info,
        };
        let d = format!("{f:?}");
        assert!(!d.contains("eyJsecret"), "{d}");
    }
}
