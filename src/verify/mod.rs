//! Signature verification: whether to believe what a token says.
//!
//! An optional layer over [`crate::token`]: it reads a decoded [`Token`]'s header and the raw
//! bytes it signs, and answers with a [`Verification`]. Problems with the token or the keys
//! are answers ([`SignatureStatus::Invalid`], [`SignatureStatus::Unverifiable`], ...), never errors; only what
//! the user gave up front (an unreadable key file, a malformed URL) is a [`VerifyError`],
//! from [`prepare`].
//!
//! Safety rules (RFC 8725) that shape the code:
//! - the key decides the algorithm family: a public key is never an HMAC secret, `alg: none`
//!   is never valid, a JWK's own `alg`, `use` and `key_ops` are respected;
//! - keys named or carried by the token (`jku`, `x5u`, `jwk`, `x5c`) are never fetched or
//!   trusted, only reported;
//! - discovery starts only from issuers jwtscope knows or the user names, and the discovery
//!   document must name the token's issuer;
//! - nothing from a token is ever sent anywhere.

pub mod args;
mod claims;
mod crypto;
pub(crate) mod discovery;
pub(crate) mod fetch;
mod keys;
mod shown;
pub mod signing;

use std::collections::HashMap;
use std::ffi::OsString;
use std::io::Read as _;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::report::{SignatureStatus, Verification};
use crate::token::{Token, TokenKind};

pub use args::VerifyArgs;

use claims::Expectations;
use crypto::{Alg, AlgName};
use fetch::{DiskCache, Http};
use keys::{Key, Material, ParsedKeys};
use shown::shown;

/// Largest key or secret file read.
const MAX_KEY_FILE: u64 = 1024 * 1024;

/// What the user gave that cannot be used. The message names the option and the file, URL
/// or variable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    #[error("--key {path}: {problem}")]
    KeyFile { path: String, problem: String },
    #[error("--secret-file {path}: {problem}")]
    SecretFile { path: String, problem: String },
    #[error("--secret-env {var}: {problem}")]
    SecretEnv { var: String, problem: String },
    #[error("--secret: {0}")]
    Secret(String),
    #[error("{option}: {problem}")]
    Url {
        option: &'static str,
        problem: String,
    },
}

impl VerifyError {
    /// A bad value on the command line (an empty or malformed `--secret`, a `--jwks` or
    /// `--trust-issuer` that is not a URL, a `--secret-env` variable that is unset, empty or
    /// not UTF-8) is a usage error: 2. A key or secret file that cannot be read or used is
    /// an input problem, like an unreadable token file: 1.
    pub fn exit_code(&self) -> u8 {
        match self {
            VerifyError::Secret(_) | VerifyError::SecretEnv { .. } | VerifyError::Url { .. } => 2,
            VerifyError::KeyFile { .. } | VerifyError::SecretFile { .. } => 1,
        }
    }
}

/// A set of keys and where it came from.
#[derive(Debug, Clone)]
struct KeySource {
    /// "--key keys.json", or the key-set URL.
    label: String,
    parsed: Arc<ParsedKeys>,
    /// How old the copy is when it came from the disk cache.
    cached_age: Option<Duration>,
    /// Fetched (and so refetchable when a `kid` is missing).
    remote: bool,
}

/// Keys loaded once for a run, and key sets fetched once for every token that needs them.
///
/// `verify` takes `&self`: fetched key sets are kept behind a `Mutex`, so one `Verifier`
/// serves every token (and thread) of a run and fetches each URL once.
#[derive(Debug)]
pub struct Verifier {
    static_sources: Vec<KeySource>,
    jwks: Option<String>,
    /// What `jwks` is called in messages (`--jwks` unless the caller named it).
    jwks_label: String,
    discover: bool,
    trust: Vec<String>,
    expect: Expectations,
    http: Http,
    cache: Option<DiskCache>,
    /// Key sets by URL (errors too, so a dead URL is tried once per run).
    key_sets: Mutex<HashMap<String, Result<KeySource, String>>>,
    /// `jwks_uri` by issuer.
    discovered: Mutex<HashMap<String, Result<String, String>>>,
    /// For a `kid` that names no key: the key (source label, its own `kid`) that verified the
    /// first token carrying it, if one did ([`Verifier::key_under_another_name`]).
    other_names: Mutex<HashMap<String, OtherName>>,
}

/// The key found for a `kid` that names none: its source's label and its own `kid`.
type OtherName = Option<(String, Option<String>)>;

/// How many `kid`s that name no key are looked for among the other keys; beyond that (a
/// hostile input with a new `kid` on every token) no key is tried, so the cost stays one
/// verification a token.
const OTHER_NAMES: usize = 64;

/// Load the keys and secrets the options name. `Ok(None)` when no option asks for
/// verification. `env` reads environment variables (`--secret-env`, the cache directory),
/// as the operating system holds them (`std::env::var_os`).
pub fn prepare(
    args: &VerifyArgs,
    env: &dyn Fn(&str) -> Option<OsString>,
) -> Result<Option<Verifier>, VerifyError> {
    if !args.requested() {
        return Ok(None);
    }
    let mut static_sources = Vec::new();
    let secret = |label: String, bytes: Vec<u8>| KeySource {
        label,
        parsed: Arc::new(ParsedKeys {
            keys: vec![Key::bare(Material::Secret(bytes))],
            is_set: false,
        }),
        cached_age: None,
        remote: false,
    };
    if let Some(text) = &args.secret {
        let bytes = keys::secret_from_text(text).map_err(VerifyError::Secret)?;
        static_sources.push(secret("--secret".to_string(), bytes));
    }
    if let Some(path) = &args.secret_file {
        let problem = |problem: String| VerifyError::SecretFile {
            path: path.display().to_string(),
            problem,
        };
        let bytes = read_capped(path).map_err(problem)?;
        let bytes = match String::from_utf8(bytes) {
            Ok(text) => {
                let text = text
                    .strip_suffix('\n')
                    .map_or(text.as_str(), |t| t.strip_suffix('\r').unwrap_or(t));
                keys::secret_from_text(text).map_err(problem)?
            }
            // Binary secrets are used as they are.
            Err(e) => e.into_bytes(),
        };
        if bytes.is_empty() {
            return Err(problem("the file is empty".to_string()));
        }
        static_sources.push(secret(format!("--secret-file {}", path.display()), bytes));
    }
    if let Some(var) = &args.secret_env {
        let problem = |problem: String| VerifyError::SecretEnv {
            var: var.clone(),
            problem,
        };
        let value = env(var).ok_or_else(|| problem("the variable is not set".to_string()))?;
        let text = value.into_string().map_err(|_| {
            problem(
                "the variable holds bytes that are not UTF-8; use \"b64:\" and base64".to_string(),
            )
        })?;
        let bytes = keys::secret_from_text(&text).map_err(problem)?;
        static_sources.push(secret(format!("--secret-env {var}"), bytes));
    }
    if let Some(path) = &args.key {
        let problem = |problem: String| VerifyError::KeyFile {
            path: path.display().to_string(),
            problem,
        };
        let bytes = read_capped(path).map_err(problem)?;
        let parsed = keys::parse_key_file(&bytes).map_err(problem)?;
        static_sources.push(KeySource {
            label: format!("--key {}", path.display()),
            parsed: Arc::new(parsed),
            cached_age: None,
            remote: false,
        });
    }
    if let Some(url) = &args.jwks {
        fetch::check_url(url).map_err(|problem| VerifyError::Url {
            option: "--jwks",
            // A key set in a file is a key file: say where it goes.
            problem: if url.contains("://") && !url.starts_with("file:") {
                problem
            } else {
                format!("{problem}; a JWK Set in a file is given with --key FILE")
            },
        })?;
    }
    for t in &args.trust_issuer {
        fetch::check_url(t).map_err(|problem| VerifyError::Url {
            option: "--trust-issuer",
            problem,
        })?;
    }
    let cache = if args.no_cache {
        None
    } else {
        DiskCache::default_dir(env).map(DiskCache::new)
    };
    Ok(Some(Verifier {
        static_sources,
        jwks: args.jwks.clone(),
        jwks_label: args
            .jwks_label
            .clone()
            .unwrap_or_else(|| "--jwks".to_string()),
        discover: args.discover || !args.trust_issuer.is_empty(),
        trust: args.trust_issuer.clone(),
        expect: Expectations {
            iss: args.iss.clone(),
            aud: args.aud.clone(),
            leeway: args.leeway,
        },
        http: Http::new(),
        cache,
        key_sets: Mutex::new(HashMap::new()),
        discovered: Mutex::new(HashMap::new()),
        other_names: Mutex::new(HashMap::new()),
    }))
}

fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read it: {e}"))?;
    let mut bytes = Vec::new();
    file.take(MAX_KEY_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read it: {e}"))?;
    if bytes.len() as u64 > MAX_KEY_FILE {
        return Err(format!(
            "larger than {} KiB: not a key file",
            MAX_KEY_FILE / 1024
        ));
    }
    Ok(bytes)
}

/// Notes on header parameters that name or carry keys: never used, always reported.
fn header_notes(token: &Token) -> Vec<String> {
    const NAMED: &str = "keys named by the token are never fetched or trusted: a forger would name their own (RFC 8725 §3.10)";
    const CARRIED: &str =
        "a key carried by the token proves nothing: a forger would carry their own";
    let mut notes = Vec::new();
    for (name, why) in [
        ("jku", NAMED),
        ("x5u", NAMED),
        ("jwk", CARRIED),
        ("x5c", CARRIED),
    ] {
        if let Some(v) = token.header.get(name) {
            notes.push(format!(
                "header carries {name}={}: ignored, {why}",
                shown(v)
            ));
        }
    }
    notes
}

/// `crit` extensions jwtscope does not understand (only `b64`, RFC 7797, is understood).
fn unknown_crit(token: &Token) -> Option<String> {
    let crit = token.header.get("crit")?;
    let Some(names) = crit.as_array() else {
        return Some(format!(
            "\"crit\" is {}, not an array of names",
            shown(crit)
        ));
    };
    let unknown: Vec<String> = names
        .iter()
        .filter(|n| n.as_str() != Some("b64"))
        .map(shown)
        .collect();
    (!unknown.is_empty()).then(|| unknown.join(", "))
}

fn header_str<'a>(token: &'a Token, name: &str) -> Option<&'a str> {
    token.header.get(name).and_then(Value::as_str)
}

fn claim_str<'a>(token: &'a Token, name: &str) -> Option<&'a str> {
    token.payload.claims()?.get(name)?.as_str()
}

/// The keys of `sources` that may have made the token's signature: in a key set, those whose
/// `kid` (or `x5t`) matches the token's, or that have none; a single key always.
fn select<'a>(sources: &'a [KeySource], token: &Token) -> Vec<(&'a KeySource, &'a Key)> {
    let kid = header_str(token, "kid");
    let x5t = header_str(token, "x5t");
    let x5t_s256 = header_str(token, "x5t#S256");
    let mut out = Vec::new();
    for s in sources {
        for k in &s.parsed.keys {
            let fits = !s.parsed.is_set
                || match (kid, x5t, x5t_s256) {
                    (Some(kid), _, _) => k.kid.as_deref().is_none_or(|x| x == kid),
                    // Entra v1 tokens may carry only x5t, which Entra also uses as the kid.
                    (None, Some(t), _) => {
                        k.x5t.as_deref().or(k.kid.as_deref()).is_none_or(|x| x == t)
                    }
                    (None, None, Some(t)) => k.x5t_s256.as_deref().is_none_or(|x| x == t),
                    (None, None, None) => true,
                };
            if fits {
                out.push((s, k));
            }
        }
    }
    out
}

impl Verifier {
    /// Verify one token's signature and check its claims. `now` is the time claims are
    /// judged at. May fetch key sets (`--jwks`, `--discover`) the first time they are needed.
    pub fn verify(&self, token: &Token, now: DateTime<Utc>) -> Verification {
        let mut v = self.judge(token);
        v.algorithm = token.alg().map(str::to_string);
        let mut notes = header_notes(token);
        notes.append(&mut v.notes);
        v.notes = notes;
        v.claim_checks = claims::check(&token.payload, &self.expect, now);
        v
    }

    fn judge(&self, token: &Token) -> Verification {
        use SignatureStatus::{Invalid, NotChecked, Unsupported, Unverifiable};
        if token.kind == TokenKind::Jwe {
            return Verification::new(
                Unverifiable,
                "encrypted token (JWE): jwtscope does not decrypt, so there is no signature to check",
            );
        }
        let Some(alg_name) = token.alg() else {
            return Verification::new(
                Invalid,
                "the header has no \"alg\" string: nothing says how the token was signed",
            );
        };
        if token.kind == TokenKind::Unsecured {
            return Verification::new(
                Invalid,
                "alg \"none\": the token is not signed, and an unsigned token is never valid (RFC 8725 §3.1)",
            );
        }
        if alg_name.eq_ignore_ascii_case("none") {
            return Verification::new(
                Invalid,
                format!(
                    "alg {alg_name:?} is not a signature algorithm: an unsigned token is never valid (and algorithm names are case-sensitive)"
                ),
            );
        }
        let alg = match Alg::parse(alg_name) {
            AlgName::Known(alg) => alg,
            AlgName::Unsupported => {
                return Verification::new(
                    Unsupported,
                    format!(
                        "{alg_name:?} is not an algorithm jwtscope can check (HS256/384/512, RS256/384/512, PS256/384/512, ES256/384/512, EdDSA/Ed25519)"
                    ),
                );
            }
        };
        if let Some(unknown) = unknown_crit(token) {
            return Verification::new(
                Unverifiable,
                format!(
                    "the header marks {unknown} as critical, an extension jwtscope does not understand, so the token must be rejected whatever its signature (RFC 7515 §4.1.11)"
                ),
            );
        }
        if self.static_sources.is_empty() && self.jwks.is_none() && !self.discover {
            return Verification::new(
                NotChecked,
                "no key given (--secret, --key, --jwks or --discover)",
            );
        }
        if token.signature_bytes.is_empty() {
            return Verification::new(
                Invalid,
                if token.signature.is_empty() {
                    format!(
                        "the signature is empty: it was stripped, but the header says {alg_name}"
                    )
                } else {
                    "the signature segment is not base64url, so no key can match it".to_string()
                },
            );
        }

        let mut notes = Vec::new();
        let mut sources = self.static_sources.clone();
        let mut failures = Vec::new();
        self.remote_sources(token, false, &mut sources, &mut failures, &mut notes);
        let mut candidates = select(&sources, token);
        if candidates.is_empty() && sources.iter().any(|s| s.cached_age.is_some()) {
            // Keys rotate: a kid missing from cached keys is worth one fresh fetch.
            sources.retain(|s| !s.remote);
            failures.clear();
            notes.clear();
            self.remote_sources(token, true, &mut sources, &mut failures, &mut notes);
            candidates = select(&sources, token);
        }
        let mut v = Self::choose(token, alg, alg_name, &candidates, &failures);
        if candidates.is_empty()
            && failures.is_empty()
            && let Some(kid) = header_str(token, "kid")
            && let Some(other) = self.key_under_another_name(token, alg, kid, &sources)
            && let Some(reason) = v.reason.as_mut()
        {
            reason.to_mut().push_str(&format!(
                "; {other} verifies the signature: the token was signed by that key under another kid"
            ));
        }
        notes.append(&mut v.notes);
        v.notes = notes;
        v
    }

    /// A key of `sources` that verifies `token` although the token's `kid` names none (a
    /// token signed again under the thumbprint of a key a set names otherwise): said, never
    /// accepted. Looked for once per `kid` (a log's tokens share theirs), then only that key
    /// is tried for each token carrying it; at most [`OTHER_NAMES`] `kid`s are looked for.
    fn key_under_another_name(
        &self,
        token: &Token,
        alg: Alg,
        kid: &str,
        sources: &[KeySource],
    ) -> Option<String> {
        let input = token.signing_input().as_bytes();
        let verifies =
            |k: &Key| crypto::check(alg, &k.material, input, &token.signature_bytes).is_ok();
        let mut keys = sources
            .iter()
            .flat_map(|s| s.parsed.keys.iter().map(move |k| (s, k)));
        let known = {
            let memo = self.other_names.lock().ok()?;
            match memo.get(kid) {
                Some(found) => Some(found.clone()),
                None if memo.len() >= OTHER_NAMES => return None,
                None => None,
            }
        };
        // The lock is not held while verifying: other threads' tokens go on meanwhile.
        let (source, key) = match known {
            Some(None) => return None,
            Some(Some((label, own))) => keys
                .find(|(s, k)| s.label == label && k.kid == own)
                .filter(|(_, k)| verifies(k))?,
            None => {
                let found = keys.find(|(_, k)| verifies(k));
                if let Ok(mut memo) = self.other_names.lock() {
                    memo.insert(
                        kid.to_string(),
                        found.map(|(s, k)| (s.label.clone(), k.kid.clone())),
                    );
                }
                found?
            }
        };
        Some(match &key.kid {
            Some(own) => format!("the key with kid {own:?} from {}", source.label),
            None => format!("a key from {}", source.label),
        })
    }

    /// Try the candidate keys and say what came of it.
    fn choose(
        token: &Token,
        alg: Alg,
        alg_name: &str,
        candidates: &[(&KeySource, &Key)],
        failures: &[String],
    ) -> Verification {
        use SignatureStatus::{Invalid, Unsupported, Unverifiable, Valid};
        let kid = header_str(token, "kid");
        // Which key the answer is about, and what is worth knowing about it.
        let identify = |v: &mut Verification, s: &KeySource, k: &Key| {
            v.key_id.clone_from(&k.kid);
            v.key_source = Some(s.label.clone());
            if !s.parsed.is_set
                && let (Some(want), Some(have)) = (kid, k.kid.as_deref())
                && want != have
            {
                v.notes.push(format!(
                    "the token's kid is {want:?} but the key's is {have:?}; checked anyway, since {} names this one key",
                    s.label
                ));
            }
            if let Some(age) = s.cached_age {
                v.notes.push(format!(
                    "keys from the cache, fetched {} min ago (--no-cache to fetch again)",
                    age.as_secs() / 60
                ));
            }
        };
        if candidates.is_empty() {
            if !failures.is_empty() {
                return Verification::new(Unverifiable, failures.join("; "));
            }
            let which = match (kid, header_str(token, "x5t")) {
                (Some(kid), _) => format!("kid {kid:?}"),
                (None, Some(x5t)) => format!("x5t {x5t:?}"),
                (None, None) => "this token".to_string(),
            };
            return Verification::new(Invalid, format!("no key with {which}"));
        }

        let iss = claim_str(token, "iss");
        let tid = claim_str(token, "tid");
        let mut allowed = Vec::new();
        let mut refused = Vec::new();
        for &(s, k) in candidates {
            let why = crypto::not_allowed(alg, alg_name, k)
                .or_else(|| discovery::key_issuer_fits(k.issuer.as_deref()?, iss, tid).err());
            match why {
                None => allowed.push((s, k)),
                Some(why) => refused.push((s, k, why)),
            }
        }
        if allowed.is_empty() {
            let (s, k, why) = &refused[0];
            let mut v = if !failures.is_empty() {
                let mut v = Verification::new(Unverifiable, failures.join("; "));
                v.notes.push(format!("{}: {why}", s.label));
                v
            } else if refused
                .iter()
                .all(|(_, k, _)| matches!(k.material, Material::Unusable(_)))
            {
                Verification::new(Unverifiable, why.clone())
            } else if refused
                .iter()
                .all(|(_, k, _)| matches!(k.material, Material::Unsupported(_)))
            {
                Verification::new(
                    Unsupported,
                    format!("{why}; jwtscope cannot check signatures with such a key"),
                )
            } else {
                let more = if refused.len() > 1 {
                    format!(" (and {} other keys)", refused.len() - 1)
                } else {
                    String::new()
                };
                Verification::new(
                    Invalid,
                    format!("algorithm not allowed for this key: {why}{more}"),
                )
            };
            identify(&mut v, s, k);
            return v;
        }

        let input = token.signing_input().as_bytes();
        let mut errors = Vec::new();
        for &(s, k) in &allowed {
            match crypto::check(alg, &k.material, input, &token.signature_bytes) {
                Ok(()) => {
                    let mut v = Verification {
                        reason: None,
                        ..Verification::new(Valid, "")
                    };
                    identify(&mut v, s, k);
                    v.notes.extend(crypto::weakness(alg, k));
                    return v;
                }
                Err(e) => errors.push((s, k, e)),
            }
        }

        let (s, k, first) = &errors[0];
        let mut v = if token.header.contains_key("nonce")
            && iss.is_some_and(discovery::is_microsoft_issuer)
        {
            Verification::new(
                Unverifiable,
                "not verifiable outside Microsoft: the header carries a nonce (Microsoft Graph-style), which Microsoft replaces by its hash before signing; this is not a sign of tampering",
            )
        } else if token.segments().nth(1) == Some("") {
            Verification::new(
                Unverifiable,
                "detached payload: the payload segment is empty, and the content that was signed must be supplied separately (RFC 7515 Appendix F, RFC 7797), which jwtscope does not support",
            )
        } else if errors.len() == 1 || errors.iter().all(|(_, _, e)| e == first) {
            Verification::new(Invalid, first.clone())
        } else {
            Verification::new(
                Invalid,
                format!(
                    "signature mismatch with each of the {} keys that fit",
                    errors.len()
                ),
            )
        };
        identify(&mut v, s, k);
        v
    }

    /// Add the fetched key sets (`--jwks`, `--discover`) to `sources`; what could not be had
    /// goes to `failures`. `fresh` skips the disk cache.
    fn remote_sources(
        &self,
        token: &Token,
        fresh: bool,
        sources: &mut Vec<KeySource>,
        failures: &mut Vec<String>,
        notes: &mut Vec<String>,
    ) {
        if let Some(url) = &self.jwks {
            match self.key_set(url, false, fresh) {
                Ok(s) => sources.push(s),
                Err(e) => failures.push(format!("{}: {e}", self.jwks_label)),
            }
        }
        if self.discover {
            match self.discovered_set(token, fresh) {
                Ok((s, note)) => {
                    sources.push(s);
                    notes.push(note);
                }
                Err(e) => failures.push(format!("--discover: {e}")),
            }
        }
    }

    /// The key set at `url`, fetched once per run (once per `fresh` refetch). Discovered
    /// sets (`use_cache`) also go through the disk cache.
    fn key_set(&self, url: &str, use_cache: bool, fresh: bool) -> Result<KeySource, String> {
        let mut memo = self.key_sets.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(known) = memo.get(url) {
            let from_network = known.as_ref().map_or(true, |s| s.cached_age.is_none());
            if !fresh || from_network {
                return known.clone();
            }
        }
        let cache = self.cache.as_ref().filter(|_| use_cache);
        let cached = cache
            .filter(|_| !fresh)
            .and_then(|c| c.get(url))
            .and_then(|(body, age)| Some((parse_key_set(body.as_bytes(), url).ok()?, age)));
        let result = match cached {
            Some((parsed, age)) => Ok((parsed, Some(age))),
            None => self.http.get(url).and_then(|body| {
                let parsed = parse_key_set(&body, url)?;
                if let (Some(c), Ok(text)) = (cache, std::str::from_utf8(&body)) {
                    // A cache that cannot be written only costs a fetch next time.
                    let _ = c.put(url, text);
                }
                Ok((parsed, None))
            }),
        }
        .map(|(parsed, cached_age)| KeySource {
            label: url.to_string(),
            parsed: Arc::new(parsed),
            cached_age,
            remote: true,
        });
        memo.insert(url.to_string(), result.clone());
        result
    }

    /// The key set discovered from the token's issuer, and a note saying how.
    fn discovered_set(&self, token: &Token, fresh: bool) -> Result<(KeySource, String), String> {
        let iss = claim_str(token, "iss")
            .ok_or("the token has no \"iss\" (string) to discover keys from")?;
        let trusted = discovery::trusted(iss, &self.trust)?;
        let jwks_url = {
            let mut memo = self
                .discovered
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            memo.entry(iss.to_string())
                .or_insert_with(|| {
                    let doc = self.document(&trusted.metadata_url)?;
                    let url = discovery::jwks_uri(&doc, iss, claim_str(token, "tid"))?;
                    fetch::check_url(&url)
                        .map_err(|e| format!("the discovery document's jwks_uri: {e}"))?;
                    Ok(url)
                })
                .clone()?
        };
        let set = self.key_set(&jwks_url, true, fresh)?;
        let note = format!(
            "keys discovered for issuer {iss:?} ({}) through {}",
            trusted.why, trusted.metadata_url
        );
        Ok((set, note))
    }

    /// A discovery document, through the disk cache.
    fn document(&self, url: &str) -> Result<Vec<u8>, String> {
        if let Some((body, _)) = self.cache.as_ref().and_then(|c| c.get(url)) {
            return Ok(body.into_bytes());
        }
        let body = self.http.get(url)?;
        if let (Some(c), Ok(text)) = (&self.cache, std::str::from_utf8(&body)) {
            let _ = c.put(url, text);
        }
        Ok(body)
    }
}

fn parse_key_set(body: &[u8], url: &str) -> Result<ParsedKeys, String> {
    let value: Value =
        serde_json::from_slice(body).map_err(|e| format!("{url} did not answer JSON: {e}"))?;
    keys::parse_jwk_or_set(&value).map_err(|e| format!("{url}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use hmac::{Hmac, KeyInit as _, Mac as _};
    use sha2::Sha256;

    const SECRET: &str = "a secret of thirty-two bytes ok!";

    fn now() -> DateTime<Utc> {
        DateTime::<Utc>::from_timestamp(1_700_000_000, 0).unwrap()
    }

    fn signed(header: &str, payload: &str, secret: &[u8]) -> Token {
        let input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header),
            URL_SAFE_NO_PAD.encode(payload)
        );
        let mut mac = Hmac::<Sha256>::new_from_slice(secret).unwrap();
        mac.update(input.as_bytes());
        let sig = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        crate::token::decode(&format!("{input}.{sig}")).unwrap()
    }

    fn verifier(args: VerifyArgs) -> Verifier {
        prepare(
            &VerifyArgs {
                no_cache: true,
                ..args
            },
            &|_| None,
        )
        .unwrap()
        .unwrap()
    }

    fn with_secret() -> Verifier {
        verifier(VerifyArgs {
            secret: Some(SECRET.into()),
            ..Default::default()
        })
    }

    #[test]
    fn nothing_asked_means_no_verifier() {
        assert!(
            prepare(&VerifyArgs::default(), &|_| None)
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn an_hmac_signature_is_checked_with_the_secret() {
        let v = with_secret();
        let good = signed(r#"{"alg":"HS256"}"#, r#"{"sub":"a"}"#, SECRET.as_bytes());
        let answer = v.verify(&good, now());
        assert_eq!(answer.status, SignatureStatus::Valid, "{answer}");
        assert_eq!(answer.key_source.as_deref(), Some("--secret"));
        assert_eq!(answer.algorithm.as_deref(), Some("HS256"));
        let forged = signed(
            r#"{"alg":"HS256"}"#,
            r#"{"sub":"a"}"#,
            b"another secret, also 32 bytes..",
        );
        let answer = v.verify(&forged, now());
        assert_eq!(answer.status, SignatureStatus::Invalid, "{answer}");
    }

    #[test]
    fn tokens_that_can_never_be_valid_say_why() {
        let v = with_secret();
        let none = crate::token::decode("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0.").unwrap();
        let answer = v.verify(&none, now());
        assert_eq!(answer.status, SignatureStatus::Invalid);
        assert!(answer.reason.unwrap().contains("not signed"));
        let stripped = signed(r#"{"alg":"HS256"}"#, "{}", SECRET.as_bytes());
        let stripped = crate::token::decode(&format!(
            "{}.{}.",
            stripped.segments().next().unwrap(),
            stripped.segments().nth(1).unwrap()
        ))
        .unwrap();
        assert!(
            v.verify(&stripped, now())
                .reason
                .unwrap()
                .contains("signature is empty")
        );
        let es256k = signed(r#"{"alg":"ES256K"}"#, "{}", SECRET.as_bytes());
        assert_eq!(
            v.verify(&es256k, now()).status,
            SignatureStatus::Unsupported
        );
        let crit = signed(r#"{"alg":"HS256","crit":["exp"]}"#, "{}", SECRET.as_bytes());
        let answer = v.verify(&crit, now());
        assert_eq!(answer.status, SignatureStatus::Unverifiable);
        assert!(answer.reason.unwrap().contains("critical"));
    }

    #[test]
    fn keys_named_or_carried_by_the_token_are_reported_never_used() {
        let t = signed(
            r#"{"alg":"HS256","jku":"https://evil.example/keys","x5c":["AAAA"]}"#,
            "{}",
            SECRET.as_bytes(),
        );
        let answer = with_secret().verify(&t, now());
        assert_eq!(answer.status, SignatureStatus::Valid);
        assert_eq!(answer.notes.len(), 2, "{:?}", answer.notes);
        assert!(answer.notes[0].contains("jku=\"https://evil.example/keys\": ignored"));
        assert!(answer.notes[1].contains("x5c") && answer.notes[1].contains("proves nothing"));
    }

    #[test]
    fn claim_checks_go_with_the_signature_not_into_it() {
        let v = verifier(VerifyArgs {
            secret: Some(SECRET.into()),
            aud: Some("api".into()),
            leeway: 60,
            ..Default::default()
        });
        let t = signed(
            r#"{"alg":"HS256"}"#,
            r#"{"aud":"web","exp":1699999950}"#,
            SECRET.as_bytes(),
        );
        let answer = v.verify(&t, now());
        assert_eq!(answer.status, SignatureStatus::Valid);
        let checks: Vec<(&str, bool)> = answer
            .claim_checks
            .iter()
            .map(|c| (c.name.as_str(), c.ok))
            .collect();
        // exp passed 50 s ago, within the 60 s leeway.
        assert_eq!(checks, [("aud", false), ("exp", true)]);
        assert!(!answer.claims_ok());
    }

    #[test]
    fn a_key_set_picks_the_key_by_kid() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys.json");
        let k = URL_SAFE_NO_PAD.encode(SECRET);
        std::fs::write(
            &path,
            format!(r#"{{"keys":[{{"kty":"oct","kid":"one","k":"{k}"}},{{"kty":"oct","kid":"two","k":"{k}"}}]}}"#),
        )
        .unwrap();
        let v = verifier(VerifyArgs {
            key: Some(path),
            ..Default::default()
        });
        let t = signed(r#"{"alg":"HS256","kid":"two"}"#, "{}", SECRET.as_bytes());
        let answer = v.verify(&t, now());
        assert_eq!(answer.status, SignatureStatus::Valid, "{answer}");
        assert_eq!(answer.key_id.as_deref(), Some("two"));
        let t = signed(r#"{"alg":"HS256","kid":"three"}"#, "{}", SECRET.as_bytes());
        let answer = v.verify(&t, now());
        assert_eq!(answer.status, SignatureStatus::Invalid);
        // Still invalid (a verifier picks by kid), and the key that would verify it is named.
        assert_eq!(
            answer.reason.as_deref(),
            Some(
                format!(
                    "no key with kid \"three\"; the key with kid \"one\" from --key {} verifies the signature: the token was signed by that key under another kid",
                    dir.path().join("keys.json").display()
                )
                .as_str()
            )
        );
    }
}
