//! The loopback listener of the authorization code flow (RFC 8252 §7.3, §8.3).
//!
//! Bound to 127.0.0.1 only, on the port asked for or one the system picks; it serves one
//! connection at a time with a short read timeout (an idle pre-connected socket cannot stall
//! it), answers requests that carry neither `code` nor `error` (a favicon) without using up
//! the single authorization response, and closes as soon as that response has arrived.

use std::io::{BufRead as _, BufReader, Write as _};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::error::{LoginError, ProviderError, Stage};

/// Largest request head read.
const MAX_HEAD: usize = 16 * 1024;

/// A bound listener and the redirect URI that reaches it.
#[derive(Debug)]
pub struct Listener {
    socket: TcpListener,
    /// Exactly what is sent as `redirect_uri`.
    pub redirect_uri: String,
    path: String,
}

/// What came back. Until it is dropped, the listener stays open and answers every further
/// request with 404 (exactly one authorization response is accepted); then the port closes.
#[derive(Debug)]
pub struct Redirect {
    pub code: String,
    closer: Option<(Arc<AtomicBool>, std::thread::JoinHandle<()>)>,
}

impl Drop for Redirect {
    fn drop(&mut self) {
        if let Some((stop, handle)) = self.closer.take() {
            stop.store(true, Ordering::SeqCst);
            let _ = handle.join();
        }
    }
}

/// Answer 404 to whatever arrives until `stop` is set.
fn refuse_the_rest(socket: &TcpListener, stop: &AtomicBool) {
    while !stop.load(Ordering::SeqCst) {
        match socket.accept() {
            Ok((mut s, _)) => {
                let _ = s.set_nonblocking(false);
                let _ = s.set_read_timeout(Some(Duration::from_millis(500)));
                let mut line = String::new();
                let _ = BufReader::new(&s).read_line(&mut line);
                respond(
                    &mut s,
                    "404 Not Found",
                    &page(
                        "Already signed in",
                        "jwtscope accepts one sign-in response; this one was not used.",
                    ),
                );
            }
            Err(_) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>jwtscope: {t}</title></head><body style=\"font-family:sans-serif;margin:3em\"><h1>{t}</h1><p>{body}</p></body></html>",
        t = html_escape(title)
    )
}

fn respond(stream: &mut TcpStream, status: &str, html: &str) {
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n{html}",
        html.len()
    );
    let _ = stream.flush();
}

fn decode_query(q: &str) -> Vec<(String, String)> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            let dec = |s: &str| {
                percent_encoding::percent_decode_str(&s.replace('+', " "))
                    .decode_utf8_lossy()
                    .into_owned()
            };
            (dec(k), dec(v))
        })
        .collect()
}

impl Listener {
    /// Bind 127.0.0.1. `redirect_uri` is the URI as registered (`http://localhost`,
    /// `http://localhost:8400/cb`); a port in it, or `port`, is used, else the system picks.
    pub fn bind(redirect_uri: Option<&str>, port: Option<u16>) -> Result<Listener, LoginError> {
        let (host, uri_port, path) = match redirect_uri {
            None => ("localhost".to_string(), None, "/".to_string()),
            Some(r) => {
                let uri: ureq::http::Uri = r
                    .parse()
                    .map_err(|_| LoginError::Usage(format!("--redirect-uri {r:?} is not a URL")))?;
                let host = uri.host().unwrap_or_default().to_ascii_lowercase();
                if uri.scheme_str() != Some("http") || !(host == "localhost" || host == "127.0.0.1")
                {
                    return Err(LoginError::Usage(format!(
                        "--redirect-uri {r:?}: jwtscope listens on the loopback interface, so the URI must be http://localhost[:PORT][/PATH] or http://127.0.0.1[:PORT][/PATH]"
                    )));
                }
                if uri.query().is_some() {
                    return Err(LoginError::Usage(format!(
                        "--redirect-uri {r:?}: a query is not supported"
                    )));
                }
                (host, uri.port_u16(), uri.path().to_string())
            }
        };
        if let (Some(a), Some(b)) = (uri_port, port)
            && a != b
        {
            return Err(LoginError::Usage(format!(
                "--port {b} and the port {a} of --redirect-uri differ"
            )));
        }
        let want = uri_port.or(port).unwrap_or(0);
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, want));
        let listener = TcpListener::bind(address).map_err(|source| LoginError::Listen {
            address: address.to_string(),
            source,
        })?;
        let bound = listener
            .local_addr()
            .map_err(|source| LoginError::Listen {
                address: address.to_string(),
                source,
            })?
            .port();
        let shown_path = if path == "/" && redirect_uri.is_none_or(|r| !r.ends_with('/')) {
            ""
        } else {
            path.as_str()
        };
        Ok(Listener {
            socket: listener,
            redirect_uri: format!("http://{host}:{bound}{shown_path}"),
            path: if path.is_empty() {
                "/".to_string()
            } else {
                path
            },
        })
    }

    /// The address bound (always 127.0.0.1).
    pub fn local_addr(&self) -> Option<SocketAddr> {
        self.socket.local_addr().ok()
    }

    /// Wait for the one authorization response. `state` must match. Consumes the listener:
    /// the port is closed when this returns.
    pub fn wait(self, state: &str, timeout: Duration) -> Result<Redirect, LoginError> {
        // No deadline when it lies beyond what an Instant holds (callers bound `timeout`).
        let deadline = Instant::now().checked_add(timeout);
        self.socket
            .set_nonblocking(true)
            .map_err(|source| LoginError::Listen {
                address: self.redirect_uri.clone(),
                source,
            })?;
        // A response with another state (a stray request, a stale tab) is refused and the
        // wait goes on: any local program could otherwise end the sign-in. Said at the end
        // if nothing else came.
        let mut mismatched = false;
        loop {
            if deadline.is_some_and(|d| Instant::now() >= d) {
                return Err(if mismatched {
                    LoginError::StateMismatch
                } else {
                    LoginError::Timeout {
                        redirect_uri: self.redirect_uri.clone(),
                        waited: timeout,
                    }
                });
            }
            let mut stream = match self.socket.accept() {
                Ok((s, _)) => s,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    std::thread::sleep(Duration::from_millis(50));
                    continue;
                }
                Err(_) => continue,
            };
            let served = self.serve(&mut stream, state);
            if matches!(served, Some(Err(LoginError::StateMismatch))) {
                mismatched = true;
                continue;
            }
            if let Some(done) = served {
                return done.map(|code| {
                    let stop = Arc::new(AtomicBool::new(false));
                    let socket = self.socket;
                    let s = stop.clone();
                    let handle = std::thread::spawn(move || refuse_the_rest(&socket, &s));
                    Redirect {
                        code,
                        closer: Some((stop, handle)),
                    }
                });
            }
        }
    }

    /// Answer one connection; `Some` when it carried the authorization response.
    fn serve(&self, stream: &mut TcpStream, state: &str) -> Option<Result<String, LoginError>> {
        let _ = stream.set_nonblocking(false);
        let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
        let _ = stream.set_write_timeout(Some(Duration::from_secs(2)));
        // Bounded: a local program streaming an endless request line cannot grow memory.
        let mut reader = BufReader::new(std::io::Read::take(
            stream.try_clone().ok()?,
            MAX_HEAD as u64,
        ));
        let mut line = String::new();
        let mut head = 0;
        reader.read_line(&mut line).ok()?;
        let request_line = line.clone();
        // Read (and drop) the headers, bounded.
        loop {
            line.clear();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    head += n;
                    if line == "\r\n" || line == "\n" || head > MAX_HEAD {
                        break;
                    }
                }
            }
        }
        let mut parts = request_line.split_whitespace();
        let (method, target) = (parts.next()?, parts.next()?);
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        if method != "GET" || path != self.path {
            respond(
                stream,
                "404 Not Found",
                &page("Not found", "This is jwtscope's sign-in listener."),
            );
            return None;
        }
        let pairs = decode_query(query);
        let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        if get("code").is_none() && get("error").is_none() {
            respond(
                stream,
                "200 OK",
                &page(
                    "Waiting",
                    "jwtscope is waiting for the sign-in to finish in this browser.",
                ),
            );
            return None;
        }
        if get("state") != Some(state) {
            respond(
                stream,
                "400 Bad Request",
                &page(
                    "Sign-in not accepted",
                    "The response does not belong to the sign-in jwtscope started (state mismatch). Start again from the URL jwtscope printed.",
                ),
            );
            return Some(Err(LoginError::StateMismatch));
        }
        if get("error").is_some() {
            // Through the scrubber, as every provider error: a provider may echo a token
            // (or anything shaped like one) back in the description.
            let e = ProviderError::from_pairs(Stage::Authorization, &pairs)
                .scrubbed(&crate::fetch::error::Scrubber::new(&[]));
            let advice = e
                .advice()
                .map(|a| format!("<br><br>What to do: {}", html_escape(&a)))
                .unwrap_or_default();
            respond(
                stream,
                "200 OK",
                &page(
                    "Sign-in failed",
                    &format!(
                        "{}{advice}<br><br>You can close this tab; jwtscope says the same in the terminal.",
                        html_escape(&e.to_string())
                    ),
                ),
            );
            return Some(Err(LoginError::Provider(e)));
        }
        respond(
            stream,
            "200 OK",
            &page(
                "Signed in",
                "jwtscope has the response. You can close this tab and return to the terminal.",
            ),
        );
        Some(Ok(get("code").unwrap_or_default().to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirect_uris() {
        let l = Listener::bind(None, None).unwrap();
        assert!(l.redirect_uri.starts_with("http://localhost:"));
        assert!(l.local_addr().unwrap().ip().is_loopback());
        let l = Listener::bind(Some("http://localhost/cb"), None).unwrap();
        assert!(l.redirect_uri.ends_with("/cb"), "{}", l.redirect_uri);
        assert!(Listener::bind(Some("https://jwt.ms"), None).is_err());
        assert!(Listener::bind(Some("http://0.0.0.0/"), None).is_err());
        assert_eq!(
            html_escape("<a href='x'>&"),
            "&lt;a href=&#39;x&#39;&gt;&amp;"
        );
    }
}
