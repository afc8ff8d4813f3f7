//! Making tokens: the decode pipeline run backwards, on the same parts.
//!
//! A header and a payload are built (from `--payload`, `--from` or nothing, then the options
//! in command-line order; member order and number spelling as given, and the original bytes
//! kept when nothing changes them), signed with a key read by the same key module verification
//! uses ([`crate::verify::signing`]), and assembled into the compact form. The caller hands
//! the token to [`crate::report`] for `--output json|text`.

pub mod args;
pub mod edit;
pub mod editor;
pub mod keygen;
pub mod when;

use std::path::Path;

use chrono::{DateTime, Utc};
use clap::ArgMatches;
use serde_json::{Map, Value};

use crate::input::{self, Candidate};
use crate::source::{self, ReadError};
use crate::token::{self, Payload, TokenKind, b64};
use crate::verify::Verifier;
use crate::verify::signing::{SigningKey, SigningKeyError};

pub use args::EncodeArgs;

/// Largest key or secret file read (as for verification).
const MAX_KEY_FILE: u64 = 1024 * 1024;

/// Why no token could be made. Messages name the option; they never hold key material.
#[derive(Debug, thiserror::Error)]
pub enum EncodeError {
    /// The command line asks for something that cannot be done (exit 2).
    #[error("{0}")]
    Usage(String),
    /// An input (payload, token, header file) could not be read (exit 1).
    #[error(transparent)]
    Read(#[from] ReadError),
    /// A key or secret could not be read (exit 1).
    #[error("{option}: {problem}")]
    Key { option: String, problem: String },
    /// `--from` holds no token to start from (exit 1).
    #[error("--from: {0}")]
    From(String),
}

impl EncodeError {
    /// The exit code, as README says: 2 for usage, 1 for what could not be read.
    pub fn exit_code(&self) -> u8 {
        match self {
            EncodeError::Usage(_) => 2,
            _ => 1,
        }
    }
}

/// What the environment gives: the time, the input limit, environment variables.
pub struct Context<'a> {
    pub now: DateTime<Utc>,
    pub max_input: u64,
    pub env: &'a dyn Fn(&str) -> Option<String>,
}

/// A new token.
#[derive(Debug)]
pub struct Encoded {
    /// The compact serialization.
    pub token: String,
    /// What the user should know (a short secret, a kept signature, dropped key ids, ...).
    pub warnings: Vec<String>,
    /// A verifier holding the signing key's public half, so the report of the new token says
    /// whether its signature checks out (`None` for unsigned tokens).
    pub verifier: Option<Verifier>,
}

/// One change to a JSON object, from one command-line option.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Set(String, Value),
    Drop(String),
}

/// A JSON object and the exact text it was read from (kept when nothing changes it).
#[derive(Debug, Clone)]
struct Part {
    map: Map<String, Value>,
    raw: Option<String>,
    changed: bool,
    /// Names the text gave more than once, with how many times.
    duplicates: Vec<(String, usize)>,
}

impl Part {
    fn new(map: Map<String, Value>, raw: Option<String>) -> Self {
        Part {
            map,
            raw,
            changed: false,
            duplicates: Vec::new(),
        }
    }

    /// A warning for each name the text gave more than once: kept as given when the part is
    /// unchanged (a token that tests a validator), else once, with its last value.
    fn duplicate_warnings(&self, option: &str, warnings: &mut Vec<String>) {
        for (name, times) in &self.duplicates {
            warnings.push(if self.changed {
                format!(
                    "{option} has the member {name:?} {times} times: the token has it once, with the last value"
                )
            } else {
                format!(
                    "{option} has the member {name:?} {times} times, and so does the token: decoders disagree on which wins"
                )
            });
        }
    }

    fn apply(&mut self, change: &Change) {
        match change {
            Change::Set(name, value) => {
                if self.map.get(name) != Some(value) {
                    edit::set(&mut self.map, name, value.clone());
                    self.changed = true;
                }
            }
            Change::Drop(name) => {
                if edit::remove(&mut self.map, name).is_some() {
                    self.changed = true;
                }
            }
        }
    }

    /// The JSON text: as read when unchanged, else compact with members in order. Consumes
    /// the part, so a large payload's tree is freed before its text is encoded.
    fn into_text(self) -> String {
        match self.raw {
            Some(raw) if !self.changed => raw,
            _ => Value::Object(self.map).to_string(),
        }
    }
}

/// Make the token `args` describes. `matches` are the subcommand's matches, to apply options
/// in command-line order (without them, the order of [`args::CLAIM_IDS`]).
pub fn encode(
    args: &EncodeArgs,
    matches: Option<&ArgMatches>,
    ctx: &Context,
) -> Result<Encoded, EncodeError> {
    use EncodeError::Usage;
    let stdin_users = [&args.payload, &args.from, &args.header_json]
        .iter()
        .filter(|a| a.as_deref() == Some("-"))
        .count();
    if stdin_users > 1 {
        return Err(Usage(
            "only one of --payload, --from and --header-json can read standard input (\"-\")"
                .to_string(),
        ));
    }
    let mut warnings = Vec::new();

    // The starting point.
    let from = match &args.from {
        Some(spec) => Some(read_token(spec, ctx.max_input, &mut warnings)?),
        None => None,
    };
    let fresh_header = args.header_json.is_none() && from.is_none();
    let (from_header, from_payload, old_signature) = match from {
        Some(f) => (Some(f.header), Some(f.payload), Some(f.signature)),
        None => (None, None, None),
    };
    let mut header = match (&args.header_json, from_header) {
        (Some(spec), _) => object_part("--header-json", spec, ctx.max_input)?,
        (None, Some(h)) => h,
        (None, None) => Part::new(Map::new(), None),
    };
    let mut payload = match (&args.payload, from_payload) {
        (Some(spec), _) => object_part("--payload", spec, ctx.max_input)?,
        (None, Some(p)) => p,
        (None, None) => Part::new(Map::new(), None),
    };

    // The key, and the algorithm.
    let key = signing_key(args, ctx, &mut warnings)?;
    let alg = choose_alg(args, key.as_ref(), &header.map)?;
    if let (Some(given), Some(k)) = (header.map.get("alg").and_then(Value::as_str), &key)
        && given != alg
        && args.header_json.is_some()
        && args.alg.is_none()
    {
        // A header given whole named an algorithm this key cannot sign with.
        warnings.push(format!(
            "--header-json says alg {given:?}, which {} cannot sign with: signed with {alg} (--alg chooses)",
            k.describe()
        ));
    }
    if let Some(k) = &key {
        if let Some(why) = k.not_allowed(&alg) {
            return Err(Usage(format!("--alg {alg}: {why}")));
        }
        warnings.extend(k.weakness(&alg));
    }

    // The header: alg first in a new header, in place in a given one.
    if fresh_header {
        header
            .map
            .insert("alg".to_string(), Value::String(alg.clone()));
        header
            .map
            .insert("typ".to_string(), Value::String("JWT".to_string()));
    } else if header.map.get("alg").and_then(Value::as_str) != Some(alg.as_str()) {
        edit::set_first(&mut header.map, "alg", Value::String(alg.clone()));
        header.changed = true;
    }
    let kid = match &key {
        // --kid is set below, with the other header options.
        _ if args.kid.is_some() => None,
        // A header given whole is the user's: only a JWK's own kid joins it, never a
        // thumbprint (RFC 7515 A.2 comes out byte for byte from its header and key).
        Some(k) if args.header_json.is_some() => k.kid().map(str::to_string),
        Some(k) => k.header_kid(),
        None => None,
    };
    if old_signature.is_some() && !args.keep_signature && args.header_json.is_none() {
        // The old token's key identifiers name the key that signed it, not this one.
        let old = header.map.clone();
        let changed = edit::rekey(&mut header.map, &old, kid.as_deref());
        // Also when only a kid was added (the old token had none).
        header.changed |= header.map != old;
        if !changed.is_empty() && args.kid.is_none() {
            warnings.push(match &kid {
                Some(kid) => format!(
                    "replaced the header's {} (they named the key that signed the old token) with this key's kid {kid}; --kid sets another",
                    changed.join(", ")
                ),
                None => format!(
                    "removed the header's {} (they named the key that signed the old token); --kid sets one",
                    changed.join(", ")
                ),
            });
        }
    } else if let Some(kid) = kid.filter(|_| !args.keep_signature) {
        header.apply(&Change::Set("kid".to_string(), Value::String(kid)));
    }
    for change in changes(args, matches, args::HEADER_IDS, ctx.now)? {
        header.apply(&change);
    }

    // The payload.
    for change in changes(args, matches, args::CLAIM_IDS, ctx.now)? {
        payload.apply(&change);
    }
    // A new token is issued now, as jwt-cli does (a token started --from keeps its own).
    if old_signature.is_none()
        && !args.no_iat
        && args.iat.is_none()
        && !payload.map.contains_key("iat")
    {
        payload.apply(&Change::Set(
            "iat".to_string(),
            Value::from(ctx.now.timestamp()),
        ));
    }

    // Assemble and sign.
    // One buffer from here on: a 50 MB payload is not copied once more per step.
    header.duplicate_warnings("the header", &mut warnings);
    payload.duplicate_warnings("the payload", &mut warnings);
    let mut token = b64::encode(header.into_text().as_bytes());
    token.push('.');
    token.push_str(&b64::encode(payload.into_text().as_bytes()));
    let signing_input = token.as_str();
    let (signature, verifier) = if args.keep_signature {
        let old = old_signature.clone().unwrap_or_default();
        warnings.push(
            "kept the old signature: the token is deliberately invalid (unless nothing changed)"
                .to_string(),
        );
        (old, None)
    } else if let Some(k) = &key {
        let sig = k
            .sign(&alg, signing_input.as_bytes())
            .map_err(|why| Usage(format!("--alg {alg}: {why}")))?;
        (
            b64::encode(&sig),
            Some(Verifier::for_signing_key(k, key_label(args))),
        )
    } else {
        warnings.push(
            "the token is unsigned (alg \"none\"): no correct verifier accepts it".to_string(),
        );
        (String::new(), None)
    };
    Ok(Encoded {
        token: {
            token.push('.');
            token.push_str(&signature);
            token
        },
        warnings,
        verifier,
    })
}

/// How the report names the signing key: "the signing key (--key test.pem)".
fn key_label(args: &EncodeArgs) -> String {
    let what = if let Some(p) = &args.key {
        format!("--key {}", p.display())
    } else if let Some(p) = &args.secret_file {
        format!("--secret-file {}", p.display())
    } else if let Some(v) = &args.secret_env {
        format!("--secret-env {v}")
    } else {
        "--secret".to_string()
    };
    format!("the signing key ({what})")
}

/// The algorithm: `--alg`; else the starting header's, when it fits the key; else the key's
/// default. `none` only with `--unsigned`.
fn choose_alg(
    args: &EncodeArgs,
    key: Option<&SigningKey>,
    header: &Map<String, Value>,
) -> Result<String, EncodeError> {
    use EncodeError::Usage;
    let given = header.get("alg").and_then(Value::as_str);
    if args.unsigned {
        return match args.alg.as_deref() {
            None | Some("none") => Ok("none".to_string()),
            Some(other) => Err(Usage(format!(
                "--unsigned makes an alg \"none\" token, not {other}"
            ))),
        };
    }
    if let Some(alg) = &args.alg {
        if alg.eq_ignore_ascii_case("none") {
            return Err(Usage(
                "--alg none makes an unsigned token: say so with --unsigned".to_string(),
            ));
        }
        if key.is_none() && !args.keep_signature {
            return Err(no_key());
        }
        return Ok(alg.clone());
    }
    if args.keep_signature {
        return Ok(given.unwrap_or("none").to_string());
    }
    let Some(key) = key else {
        return Err(no_key());
    };
    Ok(key.alg_for(given))
}

fn no_key() -> EncodeError {
    EncodeError::Usage(
        "no key to sign with: give --key FILE, --secret-file FILE, --secret-env VAR or --secret TEXT (or --unsigned, or --from with --keep-signature)".to_string(),
    )
}

/// The key or secret the options name, if any.
fn signing_key(
    args: &EncodeArgs,
    ctx: &Context,
    warnings: &mut Vec<String>,
) -> Result<Option<SigningKey>, EncodeError> {
    let key_err = |option: String| {
        move |problem: String| EncodeError::Key {
            option: option.clone(),
            problem,
        }
    };
    // A secret given on the command line or by a variable is a value of the command line: an
    // empty or malformed one, or an unset variable, is a usage error (exit 2), as in decoding.
    let usage =
        |option: String| move |problem: String| EncodeError::Usage(format!("{option}: {problem}"));
    if let Some(text) = &args.secret {
        return SigningKey::from_secret_text(text)
            .map(Some)
            .map_err(usage("--secret".to_string()));
    }
    if let Some(path) = &args.secret_file {
        let err = key_err(format!("--secret-file {}", path.display()));
        let bytes = read_key_file(path).map_err(&err)?;
        let key = match String::from_utf8(bytes) {
            Ok(text) => {
                if text.trim_start().starts_with("-----BEGIN ") {
                    // Deliberate in a key-confusion test (HS256 keyed with an RSA public key),
                    // a slip otherwise.
                    warnings.push(format!(
                        "--secret-file {} holds a PEM block: its text (less a last line break) is the HMAC secret; to sign with the key it holds, give it with --key",
                        path.display()
                    ));
                }
                let text = text
                    .strip_suffix('\n')
                    .map_or(text.as_str(), |t| t.strip_suffix('\r').unwrap_or(t));
                SigningKey::from_secret_text(text)
            }
            Err(e) => SigningKey::from_secret_bytes(e.into_bytes()),
        };
        return key.map(Some).map_err(err);
    }
    if let Some(var) = &args.secret_env {
        let err = usage(format!("--secret-env {var}"));
        let text = (ctx.env)(var).ok_or_else(|| err("the variable is not set".to_string()))?;
        return SigningKey::from_secret_text(&text).map(Some).map_err(err);
    }
    if let Some(path) = &args.key {
        let option = format!("--key {}", path.display());
        let bytes = read_key_file(path).map_err(key_err(option.clone()))?;
        return match SigningKey::parse_file(&bytes, args.kid.as_deref()) {
            Ok(k) => Ok(Some(k)),
            Err(SigningKeyError::NotPrivate(p)) => {
                Err(EncodeError::Usage(format!("{option}: {p}")))
            }
            Err(SigningKeyError::Unreadable(problem)) => Err(EncodeError::Key { option, problem }),
        };
    }
    Ok(None)
}

/// The UI's `--sign-key FILE` or `--sign-secret-env VAR` (edited tokens are signed again with
/// it), with how reports name it.
pub fn ui_signing_key(
    key: Option<&Path>,
    secret_env: Option<&str>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<(SigningKey, String)>, EncodeError> {
    if let Some(var) = secret_env {
        let option = format!("--sign-secret-env {var}");
        // A usage error (exit 2), as `--secret-env`'s.
        let usage = |problem: String| EncodeError::Usage(format!("{option}: {problem}"));
        let text = env(var).ok_or_else(|| usage("the variable is not set".to_string()))?;
        let key = SigningKey::from_secret_text(&text).map_err(usage)?;
        return Ok(Some((key, format!("the signing key ({option})"))));
    }
    let Some(path) = key else {
        return Ok(None);
    };
    let option = format!("--sign-key {}", path.display());
    let bytes = read_key_file(path).map_err(|problem| EncodeError::Key {
        option: option.clone(),
        problem,
    })?;
    match SigningKey::parse_file(&bytes, None) {
        Ok(k) => Ok(Some((k, format!("the signing key ({option})")))),
        Err(SigningKeyError::NotPrivate(p)) => Err(EncodeError::Usage(format!("{option}: {p}"))),
        Err(SigningKeyError::Unreadable(problem)) => Err(EncodeError::Key { option, problem }),
    }
}

fn read_key_file(path: &Path) -> Result<Vec<u8>, String> {
    match source::read_file(path, MAX_KEY_FILE) {
        Ok(bytes) => Ok(bytes),
        Err(ReadError::TooLarge { .. }) => Err(format!(
            "larger than {} KiB: not a key file",
            MAX_KEY_FILE / 1024
        )),
        Err(ReadError::Io { source, .. }) => Err(format!("cannot read it: {source}")),
    }
}

/// The bytes of `--payload`/`--header-json`: text, @FILE, or "-".
fn read_spec(option: &str, spec: &str, limit: u64) -> Result<String, EncodeError> {
    let bytes = if spec == "-" {
        source::read_stdin(limit)?
    } else if let Some(path) = spec.strip_prefix('@') {
        // Named by the option as well as the file: "cannot read --payload @claims.json: ...".
        source::read_file(Path::new(path), limit)
            .map_err(|e| e.named(format!("{option} {spec}")))?
    } else {
        if spec.len() as u64 > limit {
            return Err(ReadError::TooLarge {
                what: option.to_string(),
                size: format!("{} bytes", spec.len()),
                limit,
            }
            .into());
        }
        return Ok(spec.to_string());
    };
    String::from_utf8(bytes)
        .map_err(|e| EncodeError::Usage(format!("{option} {spec}: not UTF-8 text ({e})")))
}

/// A JSON object option (`--payload`, `--header-json`), keeping its exact text (numbers as
/// spelled, read as the decoder reads a token's JSON), and the names it gives twice.
fn object_part(option: &str, spec: &str, limit: u64) -> Result<Part, EncodeError> {
    let mut text = read_spec(option, spec, limit)?;
    let end = text
        .trim_end_matches(|c: char| c.is_ascii_whitespace())
        .len();
    text.truncate(end);
    let start = text.len()
        - text
            .trim_start_matches(|c: char| c == '\u{feff}' || c.is_ascii_whitespace())
            .len();
    text.drain(..start);
    let raw = text;
    let parsed = crate::token::json::parse_str(&raw)
        .map_err(|e| EncodeError::Usage(format!("{option}: {e}")))?;
    let duplicates = parsed
        .duplicates
        .iter()
        .map(|(name, values)| (name.clone(), values.len()))
        .collect();
    match parsed.value {
        Value::Object(map) => Ok(Part {
            duplicates,
            ..Part::new(map, Some(raw))
        }),
        other => Err(EncodeError::Usage(format!(
            "{option}: a JSON object is needed, not {}",
            crate::token::json::type_name(&other)
        ))),
    }
}

/// What `--from` gives: the token's parts.
struct From {
    header: Part,
    payload: Part,
    signature: String,
}

/// Find the token to start from, the way decoding finds tokens.
fn read_token(spec: &str, limit: u64, warnings: &mut Vec<String>) -> Result<From, EncodeError> {
    let bytes = if spec == "-" {
        source::read_stdin(limit)?
    } else if Path::new(spec).exists() {
        source::read_file(Path::new(spec), limit)?
    } else {
        if spec.len() as u64 > limit {
            return Err(ReadError::TooLarge {
                what: "--from".to_string(),
                size: format!("{} bytes", spec.len()),
                limit,
            }
            .into());
        }
        spec.as_bytes().to_vec()
    };
    let found = input::find_owned(bytes).map_err(|e| EncodeError::From(e.to_string()))?;
    let total = found.len();
    let mut first_error = None;
    for f in found {
        let text = match f.candidate {
            Candidate::Lone(t) | Candidate::Embedded(t) => t,
            Candidate::Opaque(_) => continue,
        };
        let t = match token::decode_owned(text) {
            Ok(t) => t,
            Err(e) => {
                first_error.get_or_insert(format!("{}: {e}", f.origin));
                continue;
            }
        };
        if t.kind == TokenKind::Jwe {
            first_error.get_or_insert(format!(
                "{}: an encrypted token (JWE) cannot be re-signed: its payload cannot be read",
                f.origin
            ));
            continue;
        }
        let Payload::Json(Value::Object(claims)) = t.payload else {
            first_error.get_or_insert(format!(
                "{}: the payload is not a JSON object, so it is not a JWT claims set",
                f.origin
            ));
            continue;
        };
        if total > 1 {
            warnings.push(format!(
                "--from: {total} token candidates in the input; started from the first that decodes ({})",
                f.origin
            ));
        }
        let mut segments = t.compact.split('.');
        let raw = |seg: Option<&str>| {
            seg.and_then(|s| b64::decode(s).ok())
                .and_then(|d| String::from_utf8(d.bytes).ok())
        };
        let header_raw = raw(segments.next());
        let payload_raw = raw(segments.next());
        return Ok(From {
            header: Part::new(t.header, header_raw),
            payload: Part::new(claims, payload_raw),
            signature: t.signature,
        });
    }
    Err(EncodeError::From(first_error.unwrap_or_else(|| {
        "no token in the input (only opaque values)".to_string()
    })))
}

/// A `NAME=VALUE` option's value: JSON when it parses, a string otherwise (always a string
/// when `force_string`).
pub fn name_value(option: &str, text: &str, force_string: bool) -> Result<Change, String> {
    let (name, value) = text
        .split_once('=')
        .ok_or_else(|| format!("{option} {text:?}: expected NAME=VALUE"))?;
    if name.is_empty() {
        return Err(format!("{option} {text:?}: the name is empty"));
    }
    let value = if force_string {
        Value::String(value.to_string())
    } else {
        crate::token::json::parse_str(value)
            .map_or_else(|_| Value::String(value.to_string()), |p| p.value)
    };
    Ok(Change::Set(name.to_string(), value))
}

/// The changes the options with `ids` make, in command-line order.
fn changes(
    args: &EncodeArgs,
    matches: Option<&ArgMatches>,
    ids: &[&str],
    now: DateTime<Utc>,
) -> Result<Vec<Change>, EncodeError> {
    let usage = EncodeError::Usage;
    let mut out: Vec<(usize, Change)> = Vec::new();
    // The position of the n-th value of option `id` on the command line.
    let position = |id: &str, n: usize| -> usize {
        let fallback = ids.iter().position(|i| *i == id).unwrap_or(0) * 100_000 + n;
        matches
            .and_then(|m| m.indices_of(id))
            .and_then(|mut i| i.nth(n))
            .unwrap_or(fallback)
    };
    let time = |name: &str, v: &Option<String>| -> Result<Option<Change>, EncodeError> {
        v.as_deref()
            .map(|s| {
                when::parse(s)
                    .map(|w| Change::Set(name.to_string(), w.resolve(now)))
                    .map_err(|e| usage(format!("--{name}: {e}")))
            })
            .transpose()
    };
    for id in ids {
        match *id {
            "claim" | "claim_str" | "header" => {
                let (values, option, force) = match *id {
                    "claim" => (&args.claim, "--claim", false),
                    "claim_str" => (&args.claim_str, "--claim-str", true),
                    _ => (&args.header, "--header", false),
                };
                for (n, v) in values.iter().enumerate() {
                    let change = name_value(option, v, force).map_err(usage)?;
                    if *id == "header" && matches!(&change, Change::Set(name, _) if name == "alg") {
                        // The signature is made with the algorithm --alg chose; a header that
                        // said otherwise would be a token no verifier accepts, by accident.
                        return Err(usage(
                            "--header alg=...: set the algorithm with --alg".to_string(),
                        ));
                    }
                    out.push((position(id, n), change));
                }
            }
            "drop" => {
                for (n, v) in args.drop.iter().enumerate() {
                    out.push((position(id, n), Change::Drop(v.clone())));
                }
            }
            "aud" => match args.aud.as_slice() {
                [] => {}
                [one] => out.push((
                    position(id, 0),
                    Change::Set("aud".to_string(), Value::String(one.clone())),
                )),
                many => out.push((
                    position(id, 0),
                    Change::Set(
                        "aud".to_string(),
                        Value::Array(many.iter().cloned().map(Value::String).collect()),
                    ),
                )),
            },
            "x5t" => {
                if let Some(path) = &args.x5t {
                    let option = format!("--x5t {}", path.display());
                    let bytes = read_key_file(path).map_err(|problem| EncodeError::Key {
                        option: option.clone(),
                        problem,
                    })?;
                    let (sha1, sha256) = crate::verify::signing::certificate_thumbprints(&bytes)
                        .map_err(|problem| EncodeError::Key { option, problem })?;
                    let at = position(id, 0);
                    out.push((at, Change::Set("x5t".to_string(), Value::String(sha1))));
                    out.push((
                        at,
                        Change::Set("x5t#S256".to_string(), Value::String(sha256)),
                    ));
                }
            }
            "jti" => {
                if let Some(j) = &args.jti {
                    let value = if j == "auto" {
                        uuid::Uuid::new_v4().to_string()
                    } else {
                        j.clone()
                    };
                    out.push((
                        position(id, 0),
                        Change::Set("jti".to_string(), Value::String(value)),
                    ));
                }
            }
            "exp" | "nbf" | "iat" => {
                let v = match *id {
                    "exp" => &args.exp,
                    "nbf" => &args.nbf,
                    _ => &args.iat,
                };
                if let Some(c) = time(id, v)? {
                    out.push((position(id, 0), c));
                }
            }
            other => {
                let v = match other {
                    "iss" => &args.iss,
                    "sub" => &args.sub,
                    "kid" => &args.kid,
                    _ => &args.typ,
                };
                if let Some(v) = v {
                    out.push((
                        position(other, 0),
                        Change::Set(other.to_string(), Value::String(v.clone())),
                    ));
                }
            }
        }
    }
    out.sort_by_key(|(i, _)| *i);
    Ok(out.into_iter().map(|(_, c)| c).collect())
}
