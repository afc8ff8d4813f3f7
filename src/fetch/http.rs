//! One HTTP exchange with the identity endpoint, and what a failed one means.
//!
//! The agent is built so that nothing in the environment can route the request elsewhere:
//! no proxy (ureq's default config would read `HTTP_PROXY`/`ALL_PROXY`; it is overridden),
//! and a connector chain of plain TCP plus TLS only (no SOCKS or CONNECT connector at all).
//! Redirects are not followed; 4xx/5xx answers are returned, not turned into errors.

use std::time::Duration;

use ureq::Agent;
use ureq::config::Config;
use ureq::unversioned::resolver::DefaultResolver;
use ureq::unversioned::transport::{Connector, RustlsConnector, TcpConnector};

use super::args::FetchArgs;
use super::error::{FetchError, Scrubber, TimeoutPhase};
use super::host::HostKind;
use super::plan::{HeaderValue, Plan};
use super::tls::{PinnedTlsConnector, mismatch_in, tls_problem_in};

/// The largest answer read: a token with thousands of groups stays far below it.
pub const MAX_BODY: u64 = 1 << 20;

/// What came back.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub server: Option<String>,
    pub retry_after: Option<String>,
    pub www_authenticate: Option<String>,
    pub body: Vec<u8>,
}

/// The agent for this plan.
pub fn agent(plan: &Plan, args: &FetchArgs) -> Result<Agent, FetchError> {
    let connect = args.connect_timeout();
    let answer = args.answer_timeout();
    let config = Config::builder()
        .proxy(None)
        .max_redirects(0)
        .http_status_as_error(false)
        .user_agent(format!("jwtscope/{}", env!("CARGO_PKG_VERSION")))
        .accept("application/json")
        .timeout_resolve(Some(connect))
        .timeout_connect(Some(connect))
        .timeout_send_request(Some(answer))
        .timeout_send_body(Some(answer))
        .timeout_recv_response(Some(answer))
        .timeout_recv_body(Some(answer))
        .timeout_global(Some(connect + answer * 3))
        .build();
    let resolver = DefaultResolver::default();
    Ok(match &plan.pinned_thumbprint {
        Some(pin) => {
            let tls = PinnedTlsConnector::new(pin).map_err(|e| FetchError::Certificate {
                endpoint: plan.endpoint.clone(),
                detail: format!("cannot set up TLS: {e}"),
            })?;
            Agent::with_parts(
                config,
                ().chain(TcpConnector::default()).chain(tls),
                resolver,
            )
        }
        None => Agent::with_parts(
            config,
            ().chain(TcpConnector::default())
                .chain(RustlsConnector::default()),
            resolver,
        ),
    })
}

/// Send the planned request once.
pub fn exchange(agent: &Agent, plan: &Plan) -> Result<Answer, ureq::Error> {
    let mut request = ureq::http::Request::builder()
        .method(plan.method)
        .uri(plan.url.as_str());
    for h in &plan.headers {
        let mut v = ureq::http::HeaderValue::from_str(h.value.expose())
            .map_err(|e| ureq::Error::Http(e.into()))?;
        if matches!(h.value, HeaderValue::Secret(_)) {
            v.set_sensitive(true);
        }
        request = request.header(h.name, v);
    }
    let mut response = match &plan.form {
        Some(form) => agent.run(request.body(form.clone().into_bytes())?)?,
        None => agent.run(request.body(())?)?,
    };
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let status = response.status().as_u16();
    let server = header("server");
    let retry_after = header("retry-after");
    let www_authenticate = header("www-authenticate");
    let body = response
        .body_mut()
        .with_config()
        .limit(MAX_BODY)
        .read_to_vec()?;
    Ok(Answer {
        status,
        server,
        retry_after,
        www_authenticate,
        body,
    })
}

/// `host:port` of a URL, for messages.
pub fn address_of(url: &str) -> String {
    let Ok(uri) = url.parse::<ureq::http::Uri>() else {
        return url.to_string();
    };
    let host = uri.host().unwrap_or_default();
    let port = uri
        .port_u16()
        .unwrap_or(if uri.scheme_str() == Some("https") {
            443
        } else {
            80
        });
    format!("{host}:{port}")
}

/// What a failed exchange means. `elapsed` is how long the attempt took.
pub fn classify_transport(
    e: &ureq::Error,
    host: HostKind,
    endpoint: &str,
    given: bool,
    elapsed: Duration,
    scrubber: &Scrubber,
) -> FetchError {
    use std::io::ErrorKind as K;

    let address = address_of(endpoint);
    let unreachable = |detail: &str| FetchError::Unreachable {
        host,
        address: address.clone(),
        detail: detail.to_string(),
        given,
    };
    let transport = |detail: String| FetchError::Transport {
        host,
        endpoint: endpoint.to_string(),
        detail: scrubber.scrub(&detail),
    };
    if let Some(m) = mismatch_in(e) {
        return FetchError::Certificate {
            endpoint: endpoint.to_string(),
            detail: m.to_string(),
        };
    }
    if let Some(tls) = tls_problem_in(e) {
        return transport(format!("TLS failed: {tls}"));
    }
    match e {
        ureq::Error::Timeout(t) => FetchError::Timeout {
            host,
            address,
            given,
            waited: elapsed,
            phase: match t {
                ureq::Timeout::Connect | ureq::Timeout::Resolve => TimeoutPhase::Connect,
                ureq::Timeout::RecvBody => TimeoutPhase::Body,
                _ => TimeoutPhase::Answer,
            },
        },
        ureq::Error::HostNotFound => unreachable("host name not found"),
        ureq::Error::ConnectionFailed => unreachable("connection failed"),
        ureq::Error::Io(io) => match io.kind() {
            K::ConnectionRefused => unreachable("connection refused"),
            K::NetworkUnreachable => unreachable("network unreachable"),
            K::HostUnreachable => unreachable("no route to host"),
            K::AddrNotAvailable => unreachable("address not available"),
            K::TimedOut => FetchError::Timeout {
                host,
                address,
                given,
                waited: elapsed,
                phase: TimeoutPhase::Connect,
            },
            K::ConnectionReset | K::ConnectionAborted | K::UnexpectedEof | K::BrokenPipe => {
                transport("the connection was closed before a complete answer".to_string())
            }
            kind => transport(format!("connection failed: {kind}")),
        },
        ureq::Error::BodyExceedsLimit(_) => {
            transport(format!("the answer is larger than {} KiB", MAX_BODY / 1024))
        }
        ureq::Error::Protocol(p) => transport(format!("the answer is not valid HTTP/1.1: {p}")),
        other => transport(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert_eq!(
            address_of("http://169.254.169.254/metadata/identity/oauth2/token"),
            "169.254.169.254:80"
        );
        assert_eq!(address_of("https://localhost:2377/x"), "localhost:2377");
        assert_eq!(address_of("https://localhost/x"), "localhost:443");
    }
}
