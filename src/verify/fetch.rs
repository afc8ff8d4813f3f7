//! Fetching key sets and discovery documents: HTTPS only (plain http only to loopback), no
//! proxy, no redirect to another origin, bounded time and size; and the on-disk cache of
//! discovered documents.
//!
//! Nothing but a GET of a key-set or discovery URL ever leaves the machine: no token, no
//! claim, no header from a token is sent.

use std::ffi::OsString;
use std::io::Write as _;
use std::net::IpAddr;
use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};
use ureq::http::Uri;

/// Largest response read (a big Entra key set is ~10 KB).
pub(crate) const MAX_BODY: u64 = 1024 * 1024;
/// Deadline for one request, connection included.
pub(crate) const TIMEOUT: Duration = Duration::from_secs(5);
/// Same-origin redirects followed at most.
const MAX_REDIRECTS: usize = 3;
/// How long a cached discovery document or key set is used.
pub(crate) const CACHE_TTL: Duration = Duration::from_secs(24 * 60 * 60);

/// Whether `url` may be fetched: `https://`, or `http://` to a loopback address (a local
/// identity provider, a test). `Err` says why not.
pub(crate) fn check_url(url: &str) -> Result<Uri, String> {
    let uri: Uri = url
        .parse()
        .map_err(|_| format!("{url:?} is not an https URL"))?;
    let host = uri.host().ok_or_else(|| format!("{url:?} has no host"))?;
    match uri.scheme_str() {
        Some("https") => Ok(uri),
        Some("http") if is_loopback(host) => Ok(uri),
        Some("http") => Err(format!(
            "{url:?} is plain http: keys are fetched over HTTPS only (http is allowed to loopback addresses)"
        )),
        _ => Err(format!("{url:?} is not an https URL")),
    }
}

/// What went wrong with a request, in words: a timeout as the deadline that ran out (ureq
/// says "timeout: global").
fn failure(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(_) => {
            format!("no complete answer within {} s", TIMEOUT.as_secs())
        }
        e => e.to_string(),
    }
}

fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.eq_ignore_ascii_case("localhost")
        || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The HTTP client: environment proxies are not used (a proxy could swap the keys of a
/// plain-http loopback fetch, and key fetches are rare enough to go direct), redirects are
/// followed only within the same origin.
#[derive(Debug, Clone)]
pub(crate) struct Http {
    agent: ureq::Agent,
}

impl Http {
    pub(crate) fn new() -> Self {
        let config = ureq::Agent::config_builder()
            .proxy(None)
            .max_redirects(0)
            .http_status_as_error(false)
            .timeout_global(Some(TIMEOUT))
            .user_agent(concat!("jwtscope/", env!("CARGO_PKG_VERSION")))
            .accept("application/json")
            .build();
        Http {
            agent: ureq::Agent::new_with_config(config),
        }
    }

    /// GET `url` and return its body.
    pub(crate) fn get(&self, url: &str) -> Result<Vec<u8>, String> {
        let mut current = check_url(url)?;
        for _ in 0..=MAX_REDIRECTS {
            let mut response = self
                .agent
                .get(&current)
                .call()
                .map_err(|e| format!("could not fetch {current}: {}", failure(&e)))?;
            let status = response.status();
            if status.is_redirection() {
                let location = response
                    .headers()
                    .get("location")
                    .and_then(|v| v.to_str().ok())
                    .ok_or_else(|| format!("{current} answered {status} without a Location"))?;
                let next = resolve(&current, location)?;
                if next.scheme() != current.scheme() || next.authority() != current.authority() {
                    return Err(format!(
                        "{current} redirects to another origin ({next}); not followed"
                    ));
                }
                current = next;
                continue;
            }
            if !status.is_success() {
                return Err(format!("{current} answered HTTP {}", status.as_u16()));
            }
            return response
                .body_mut()
                .with_config()
                .limit(MAX_BODY)
                .read_to_vec()
                .map_err(|e| match e {
                    ureq::Error::BodyExceedsLimit(_) => format!(
                        "{current} answered more than {} KiB; not read",
                        MAX_BODY / 1024
                    ),
                    e => format!("could not read the answer of {current}: {}", failure(&e)),
                });
        }
        Err(format!("{url} redirects more than {MAX_REDIRECTS} times"))
    }
}

/// A Location header resolved against the URL that sent it.
fn resolve(base: &Uri, location: &str) -> Result<Uri, String> {
    let bad = || format!("{base} redirects to {location:?}, which is not a URL");
    if location.starts_with("http://") || location.starts_with("https://") {
        return location.parse().map_err(|_| bad());
    }
    if !location.starts_with('/') || location.starts_with("//") {
        return Err(bad());
    }
    let scheme = base.scheme_str().unwrap_or("https");
    let authority = base
        .authority()
        .map(ureq::http::uri::Authority::as_str)
        .unwrap_or_default();
    format!("{scheme}://{authority}{location}")
        .parse()
        .map_err(|_| bad())
}

/// Cached documents: one JSON file per URL under the user's cache directory. Only discovery
/// documents and the key sets they name are cached; tokens never are.
#[derive(Debug, Clone)]
pub(crate) struct DiskCache {
    dir: PathBuf,
    ttl: Duration,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    url: String,
    /// Seconds since the Unix epoch.
    fetched_at: u64,
    body: String,
}

impl DiskCache {
    pub(crate) fn new(dir: PathBuf) -> Self {
        DiskCache {
            dir,
            ttl: CACHE_TTL,
        }
    }

    /// The directory: `$XDG_CACHE_HOME/jwtscope`, else `~/.cache/jwtscope` (on Windows
    /// `%LOCALAPPDATA%\jwtscope`). `None` when none of them is set.
    pub(crate) fn default_dir(env: &dyn Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
        let non_empty = |name: &str| env(name).filter(|v| !v.is_empty()).map(PathBuf::from);
        if let Some(x) = non_empty("XDG_CACHE_HOME").filter(|p| p.is_absolute()) {
            return Some(x.join("jwtscope"));
        }
        non_empty("HOME").map(|h| h.join(".cache").join("jwtscope"))
    }

    fn path(&self, url: &str) -> PathBuf {
        let digest = Sha256::digest(url.as_bytes());
        let name = base16ct::lower::encode_string(&digest[..16]);
        self.dir.join(format!("{name}.json"))
    }

    /// A fresh cached body for `url` and its age, if any.
    pub(crate) fn get(&self, url: &str) -> Option<(String, Duration)> {
        let text = std::fs::read_to_string(self.path(url)).ok()?;
        let entry: Entry = serde_json::from_str(&text).ok()?;
        let age = Duration::from_secs(now_secs().checked_sub(entry.fetched_at)?);
        (entry.url == url && age < self.ttl).then_some((entry.body, age))
    }

    /// Store `body` for `url`. Failing to cache is not an error worth reporting beyond a note.
    pub(crate) fn put(&self, url: &str, body: &str) -> Result<(), String> {
        self.put_at(url, body, now_secs())
    }

    fn put_at(&self, url: &str, body: &str, fetched_at: u64) -> Result<(), String> {
        let entry = Entry {
            url: url.to_string(),
            fetched_at,
            body: body.to_string(),
        };
        let text = serde_json::to_string(&entry).map_err(|e| e.to_string())?;
        std::fs::create_dir_all(&self.dir)
            .map_err(|e| format!("cannot create {}: {e}", self.dir.display()))?;
        let path = self.path(url);
        // Write then rename, so a concurrent reader never sees half a file.
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        let write = || -> std::io::Result<()> {
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(text.as_bytes())?;
            f.sync_all()?;
            std::fs::rename(&tmp, &path)
        };
        write().map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            format!("cannot write {}: {e}", path.display())
        })
    }
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_or_loopback_http() {
        assert!(check_url("https://login.microsoftonline.com/x").is_ok());
        // Neither a path nor a file: URL is fetched; the message says what is wanted.
        for not_https in ["keys.json", "file:///tmp/keys.json", "ftp://h/keys"] {
            let e = check_url(not_https).unwrap_err();
            assert!(e.ends_with("is not an https URL"), "{e}");
        }
        assert!(check_url("http://127.0.0.1:8080/keys").is_ok());
        assert!(check_url("http://127.1.2.3/keys").is_ok());
        assert!(check_url("http://[::1]:9/keys").is_ok());
        assert!(check_url("http://localhost/keys").is_ok());
        assert!(check_url("http://example.com/keys").is_err());
        assert!(check_url("http://10.0.0.1/keys").is_err());
        assert!(check_url("http://127.0.0.1.example.com/keys").is_err());
        assert!(check_url("file:///etc/passwd").is_err());
        assert!(check_url("ftp://example.com/").is_err());
        assert!(check_url("not a url").is_err());
    }

    #[test]
    fn relative_redirects_resolve_on_the_same_origin() {
        let base: Uri = "https://a.example/x/y".parse().unwrap();
        assert_eq!(
            resolve(&base, "/z").unwrap().to_string(),
            "https://a.example/z"
        );
        assert!(resolve(&base, "//evil.example/z").is_err());
        assert_eq!(
            resolve(&base, "https://b.example/").unwrap().host(),
            Some("b.example")
        );
    }

    #[test]
    fn cache_dir_follows_xdg_then_home() {
        let env = |k: &str| match k {
            "XDG_CACHE_HOME" => Some("/x/cache".into()),
            "HOME" => Some("/home/u".into()),
            _ => None,
        };
        assert_eq!(
            DiskCache::default_dir(&env),
            Some(PathBuf::from("/x/cache/jwtscope"))
        );
        let relative = |k: &str| match k {
            "XDG_CACHE_HOME" => Some("rel".into()),
            "HOME" => Some("/home/u".into()),
            _ => None,
        };
        if !cfg!(windows) {
            assert_eq!(
                DiskCache::default_dir(&relative),
                Some(PathBuf::from("/home/u/.cache/jwtscope"))
            );
        }
        assert_eq!(DiskCache::default_dir(&|_| None), None);
    }

    #[test]
    fn cache_entries_expire() {
        let dir = tempfile::tempdir().unwrap();
        let cache = DiskCache::new(dir.path().join("c"));
        assert!(cache.get("https://a/").is_none());
        cache.put("https://a/", "{\"keys\":[]}").unwrap();
        assert_eq!(cache.get("https://a/").unwrap().0, "{\"keys\":[]}");
        assert!(cache.get("https://b/").is_none());
        let old = now_secs() - CACHE_TTL.as_secs() - 1;
        cache.put_at("https://a/", "old", old).unwrap();
        assert!(cache.get("https://a/").is_none());
    }
}
