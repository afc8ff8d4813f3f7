//! The HTTP client of sign-in: ureq 3 on rustls, as `imds` and key discovery use it.
//!
//! No proxy from the environment, no redirects, bounded time and size; HTTPS only, plain
//! http only to loopback addresses. 4xx and 5xx answers are passed to `oauth2` with their
//! bodies (device-code polling learns `authorization_pending` from a 400), never turned into
//! transport errors. The last body is kept, so the token response reaches the pipeline
//! byte for byte.

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use oauth2::{HttpRequest, HttpResponse, SyncHttpClient};

use crate::verify::fetch::check_url;

use super::error::LoginError;

/// Largest answer read.
pub const MAX_BODY: u64 = 1 << 20;
/// Deadline for one exchange.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// A transport failure (never an HTTP status).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct TransportError(pub String);

/// The client.
#[derive(Debug)]
pub struct Http {
    agent: ureq::Agent,
    last_body: Mutex<Vec<u8>>,
    /// The HTTP status of the last answer.
    last_status: Mutex<Option<u16>>,
}

impl Default for Http {
    fn default() -> Self {
        Self::new()
    }
}

impl Http {
    pub fn new() -> Self {
        let config = ureq::Agent::config_builder()
            .proxy(None)
            .max_redirects(0)
            .http_status_as_error(false)
            .timeout_global(Some(TIMEOUT))
            .user_agent(concat!("jwtscope/", env!("CARGO_PKG_VERSION")))
            .build();
        Http {
            agent: ureq::Agent::new_with_config(config),
            last_body: Mutex::new(Vec::new()),
            last_status: Mutex::new(None),
        }
    }

    /// The body of the last answer (the token response after a successful exchange).
    pub fn take_last_body(&self) -> Vec<u8> {
        std::mem::take(
            &mut *self
                .last_body
                .lock()
                .unwrap_or_else(PoisonError::into_inner),
        )
    }

    /// The HTTP status of the last answer, if one came.
    pub fn last_status(&self) -> Option<u16> {
        *self
            .last_status
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// GET a JSON document: its status and body.
    pub fn get(&self, url: &str) -> Result<(u16, Vec<u8>), LoginError> {
        let request = ureq::http::Request::get(url)
            .header("accept", "application/json")
            .body(Vec::new())
            .map_err(|e| LoginError::Http {
                url: url.to_string(),
                detail: e.to_string(),
            })?;
        let response = self.call(request).map_err(|e| LoginError::Http {
            url: url.to_string(),
            detail: e
                .0
                .strip_prefix(&format!("{url}: "))
                .map_or_else(|| e.0.clone(), str::to_string),
        })?;
        Ok((response.status().as_u16(), response.into_body()))
    }
}

impl SyncHttpClient for Http {
    type Error = TransportError;

    fn call(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let url = request.uri().to_string();
        check_url(&url).map_err(TransportError)?;
        *self
            .last_status
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = None;
        let mut response = self
            .agent
            .run(request)
            .map_err(|e| TransportError(format!("{url}: {e}")))?;
        *self
            .last_status
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(response.status().as_u16());
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_BODY)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => {
                    TransportError(format!("{url} answered more than {} KiB", MAX_BODY / 1024))
                }
                e => TransportError(format!("{url}: {e}")),
            })?;
        let mut builder = ureq::http::Response::builder().status(response.status());
        if let Some(ct) = response.headers().get("content-type") {
            builder = builder.header("content-type", ct.clone());
        }
        self.last_body
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone_from(&body);
        builder
            .body(body)
            .map_err(|e| TransportError(e.to_string()))
    }
}
