//! A mock managed-identity endpoint on 127.0.0.1, for the fetch tests.
//!
//! Built on `std::net::TcpListener` (plus rustls for the Service Fabric case): it parses the
//! request line, headers and body itself, records every request for the test to assert on,
//! and answers from a script. Each connection is served on its own thread and closed after
//! one answer (`Connection: close`), so a "hang" reply never blocks the next connection.
//! Only loopback addresses are ever bound or contacted.

#![allow(dead_code)] // each test binary uses a different part of it

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// One request as the mock saw it.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    /// The query exactly as sent (still percent-encoded).
    pub raw_query: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    /// A header by name, case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The decoded query pairs.
    pub fn query(&self) -> Vec<(String, String)> {
        decode_pairs(&self.raw_query)
    }

    /// One decoded query value; panics when the name appears more than once.
    pub fn query_value(&self, name: &str) -> Option<String> {
        let all: Vec<String> = self
            .query()
            .into_iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v)
            .collect();
        assert!(all.len() <= 1, "duplicate query parameter {name}: {all:?}");
        all.into_iter().next()
    }

    /// The query names, in order.
    pub fn query_names(&self) -> Vec<String> {
        self.query().into_iter().map(|(k, _)| k).collect()
    }
}

/// Decode `a=b&c=d` (percent-encoding and `+` for space).
pub fn decode_pairs(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            let dec = |x: &str| {
                percent_encoding::percent_decode_str(&x.replace('+', " "))
                    .decode_utf8()
                    .expect("query is UTF-8")
                    .into_owned()
            };
            (dec(k), dec(v))
        })
        .collect()
}

/// What the mock does with a request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// Answer with this status, headers and body.
    Respond {
        status: u16,
        headers: Vec<(String, String)>,
        body: String,
    },
    /// Read the request, then say nothing for a long while.
    Hang,
}

impl Reply {
    pub fn json(status: u16, body: &str) -> Reply {
        Reply::Respond {
            status,
            headers: vec![(
                "Content-Type".into(),
                "application/json; charset=utf-8".into(),
            )],
            body: body.into(),
        }
    }

    #[must_use]
    pub fn with_header(mut self, name: &str, value: &str) -> Reply {
        if let Reply::Respond { headers, .. } = &mut self {
            headers.push((name.into(), value.into()));
        }
        self
    }
}

/// A fake token: three base64url segments (never a real one).
pub const FAKE_TOKEN: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL21hbmFnZW1lbnQuYXp1cmUuY29tLyIsImV4cCI6MTUwNjQ4NDE3M30.c2lnbmF0dXJl";

/// An IMDS-style success body (numeric fields as strings, as IMDS sends them).
pub fn token_body(resource: &str) -> String {
    format!(
        r#"{{"access_token":"{FAKE_TOKEN}","client_id":"fake-client-id","expires_in":"85771","expires_on":"1506484173","ext_expires_in":"86399","not_before":"1506480273","resource":"{resource}","token_type":"Bearer"}}"#
    )
}

/// The handler decides the reply from the request and its 0-based index.
pub type Handler = Box<dyn FnMut(&Request, usize) -> Reply + Send>;

/// A running mock.
pub struct Mock {
    pub addr: SocketAddr,
    requests: Arc<Mutex<Vec<Request>>>,
    connections: Arc<AtomicUsize>,
}

impl Mock {
    /// Start a plain-HTTP mock on 127.0.0.1 with a free port.
    pub fn start(handler: impl FnMut(&Request, usize) -> Reply + Send + 'static) -> Mock {
        Self::start_with(None, Box::new(handler))
    }

    /// Replies in order; the last one repeats.
    pub fn script(replies: Vec<Reply>) -> Mock {
        Self::start(move |_, i| replies[i.min(replies.len() - 1)].clone())
    }

    /// Start an HTTPS mock with this server configuration.
    pub fn start_tls(
        config: Arc<rustls::ServerConfig>,
        handler: impl FnMut(&Request, usize) -> Reply + Send + 'static,
    ) -> Mock {
        Self::start_with(Some(config), Box::new(handler))
    }

    fn start_with(tls: Option<Arc<rustls::ServerConfig>>, handler: Handler) -> Mock {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local addr");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let connections = Arc::new(AtomicUsize::new(0));
        let handler = Arc::new(Mutex::new(handler));
        {
            let requests = requests.clone();
            let connections = connections.clone();
            thread::spawn(move || {
                for stream in listener.incoming() {
                    let Ok(stream) = stream else { continue };
                    connections.fetch_add(1, Ordering::SeqCst);
                    let requests = requests.clone();
                    let handler = handler.clone();
                    let tls = tls.clone();
                    thread::spawn(move || serve(stream, tls, &requests, &handler));
                }
            });
        }
        Mock {
            addr,
            requests,
            connections,
        }
    }

    /// `http://127.0.0.1:PORT` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// `https://localhost:PORT` + `path` (the certificate names localhost).
    pub fn https_url(&self, path: &str) -> String {
        format!("https://localhost:{}{path}", self.addr.port())
    }

    /// The requests seen so far.
    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().expect("lock").clone()
    }

    /// Connections accepted so far (a TLS handshake that failed still counts).
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

fn serve(
    stream: TcpStream,
    tls: Option<Arc<rustls::ServerConfig>>,
    requests: &Mutex<Vec<Request>>,
    handler: &Mutex<Handler>,
) {
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    match tls {
        None => serve_stream(stream, requests, handler),
        Some(config) => {
            let conn = rustls::ServerConnection::new(config).expect("server connection");
            serve_stream(rustls::StreamOwned::new(conn, stream), requests, handler);
        }
    }
}

fn serve_stream<S: Read + Write>(
    stream: S,
    requests: &Mutex<Vec<Request>>,
    handler: &Mutex<Handler>,
) {
    let mut reader = BufReader::new(stream);
    let Some(request) = read_request(&mut reader) else {
        return;
    };
    let index = {
        let mut all = requests.lock().expect("lock");
        all.push(request.clone());
        all.len() - 1
    };
    let reply = (handler.lock().expect("lock"))(&request, index);
    let stream = reader.get_mut();
    match reply {
        Reply::Hang => thread::sleep(Duration::from_secs(20)),
        Reply::Respond {
            status,
            headers,
            body,
        } => {
            let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
            for (n, v) in &headers {
                head.push_str(&format!("{n}: {v}\r\n"));
            }
            head.push_str(&format!(
                "Content-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            ));
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body.as_bytes());
            let _ = stream.flush();
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        410 => "Gone",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        _ => "Whatever",
    }
}

fn read_request<R: BufRead>(r: &mut R) -> Option<Request> {
    let mut line = String::new();
    r.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        r.read_line(&mut h).ok()?;
        let h = h.trim_end_matches(['\r', '\n']);
        if h.is_empty() {
            break;
        }
        let (n, v) = h.split_once(':')?;
        headers.push((n.trim().to_string(), v.trim().to_string()));
    }
    let len = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0; len];
    r.read_exact(&mut body).ok()?;
    let (path, raw_query) = match target.split_once('?') {
        Some((p, q)) => (p.to_string(), q.to_string()),
        None => (target, String::new()),
    };
    Some(Request {
        method,
        path,
        raw_query,
        headers,
        body,
    })
}

/// A listener that only counts who connects to it: the proxy trap, or the target of a
/// redirect that must not be followed.
pub struct Trap {
    pub addr: SocketAddr,
    hits: Arc<AtomicUsize>,
}

impl Trap {
    pub fn start() -> Trap {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local addr");
        let hits = Arc::new(AtomicUsize::new(0));
        let h = hits.clone();
        thread::spawn(move || {
            for s in listener.incoming() {
                h.fetch_add(1, Ordering::SeqCst);
                drop(s);
            }
        });
        Trap { addr, hits }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }
}

/// A port nothing listens on (bound, then released).
pub fn closed_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = l.local_addr().expect("addr").port();
    drop(l);
    port
}

/// An environment accessor over a fixed list of variables.
pub fn env_of(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
    let vars: Vec<(String, String)> = vars
        .iter()
        .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
        .collect();
    move |k| vars.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
}

/// Every variable that steers host detection; tests clear them so the mock is what is asked.
pub const IDENTITY_VARS: [&str; 7] = [
    "IDENTITY_ENDPOINT",
    "IDENTITY_HEADER",
    "IDENTITY_SERVER_THUMBPRINT",
    "IMDS_ENDPOINT",
    "MSI_ENDPOINT",
    "MSI_SECRET",
    "AZURE_POD_IDENTITY_AUTHORITY_HOST",
];
