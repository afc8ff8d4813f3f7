//! Compact JWS and JWE: split, base64url, header and payload JSON.
//!
//! Decoding is faithful: every header member is kept in the token's order, numbers keep their
//! spelling, and nothing is rewritten. Whatever a strict validator would refuse but can still
//! be shown becomes a warning on the [`Token`]; only what cannot be shown at all is a
//! [`TokenError`].

pub mod b64;
pub mod chars;
pub mod json;

use std::fmt;

use json::Members as _;
use serde::Serialize;
use serde_json::{Map, Value};

use b64::{B64Problem, Leniency};
use json::JsonProblem;

/// Longest token decoded. Real tokens stay far below it (a 5000-group Entra token is 260 KB);
/// the limit keeps a hostile input from costing seconds and hundreds of megabytes.
pub const MAX_TOKEN_LEN: usize = 4 * 1024 * 1024;

/// What a compact token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// Signed: `header.payload.signature`.
    Jws,
    /// A JWS with `"alg": "none"`: no integrity protection at all.
    Unsecured,
    /// Encrypted: five segments; only the protected header can be read without the key.
    Jwe,
}

/// The name of a segment, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentName {
    Header,
    Payload,
    Signature,
    EncryptedKey,
    Iv,
    Ciphertext,
    Tag,
    /// Beyond the fifth segment.
    Extra(usize),
}

impl SegmentName {
    /// The name of segment `index` (0-based) of a token with `count` segments. Tokens with a
    /// wrong count are named as JWS up to three segments and as JWE beyond.
    pub fn of(index: usize, count: usize) -> Self {
        let jwe = count >= 4;
        match (index, jwe) {
            (0, _) => SegmentName::Header,
            (1, false) => SegmentName::Payload,
            (2, false) => SegmentName::Signature,
            (1, true) => SegmentName::EncryptedKey,
            (2, true) => SegmentName::Iv,
            (3, _) => SegmentName::Ciphertext,
            (4, _) => SegmentName::Tag,
            (n, _) => SegmentName::Extra(n + 1),
        }
    }
}

impl fmt::Display for SegmentName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SegmentName::Header => f.write_str("header"),
            SegmentName::Payload => f.write_str("payload"),
            SegmentName::Signature => f.write_str("signature"),
            SegmentName::EncryptedKey => f.write_str("encrypted key"),
            SegmentName::Iv => f.write_str("initialization vector"),
            SegmentName::Ciphertext => f.write_str("ciphertext"),
            SegmentName::Tag => f.write_str("authentication tag"),
            SegmentName::Extra(n) => write!(f, "{n}th"),
        }
    }
}

/// Why a token cannot be displayed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("empty token")]
    Empty,
    #[error(
        "token is {len} bytes; jwtscope decodes tokens up to {} MiB (real tokens stay far below)",
        MAX_TOKEN_LEN / 1024 / 1024
    )]
    TooLarge { len: usize },
    #[error("{}", count_message(*.count))]
    SegmentCount { count: usize },
    #[error("{segment} segment{}: {problem}", position(*.token_offset, *.segment_offset))]
    Segment {
        segment: SegmentName,
        /// Byte offset in the token where the problem is.
        token_offset: usize,
        /// The same position within the segment, when it is not the segment's start.
        segment_offset: Option<usize>,
        problem: SegmentProblem,
    },
}

fn position(token_offset: usize, segment_offset: Option<usize>) -> String {
    match segment_offset {
        Some(s) => format!(" (byte {s} of the segment, byte {token_offset} of the token)"),
        None if token_offset == 0 => String::new(),
        None => format!(" (starting at byte {token_offset} of the token)"),
    }
}

fn count_message(count: usize) -> String {
    let hint = match count {
        1 => " (no dots: a token is header.payload.signature)",
        2 => " (an unsecured JWS still ends with a dot: header.payload.)",
        _ => "",
    };
    format!("wrong number of segments: {count}; a JWS has 3 and a JWE has 5{hint}")
}

/// What is wrong inside one segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SegmentProblem {
    Base64(B64Problem),
    Empty,
    /// The segment decodes to bytes that are not JSON; `preview` is the start of the decoded
    /// text when it is text.
    Json(JsonProblem, Option<String>),
    NotAnObject(&'static str),
}

impl fmt::Display for SegmentProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SegmentProblem::Base64(B64Problem::InvalidChars { chars, more, .. }) => {
                let list: Vec<String> = chars.iter().map(|c| describe_char(*c)).collect();
                let plural = if chars.len() + more == 1 { "" } else { "s" };
                write!(f, "invalid base64url character{plural} {}", list.join(", "))?;
                if *more > 0 {
                    write!(f, " and {more} more")?;
                }
                if chars
                    .iter()
                    .any(|c| matches!(c, '{' | '}' | ' ' | '<' | '>' | '…'))
                {
                    f.write_str(
                        " (this looks like a placeholder copied from documentation, not a token)",
                    )?;
                }
                Ok(())
            }
            SegmentProblem::Base64(B64Problem::MisplacedPadding { .. }) => {
                f.write_str("padding '=' in the middle of the segment")
            }
            SegmentProblem::Base64(B64Problem::ImpossibleLength { len }) => write!(
                f,
                "invalid base64url length: {len} characters (4n+1 characters encode no byte string; the segment is truncated or has an extra character)"
            ),
            SegmentProblem::Empty => f.write_str(
                "empty; a token starts with its base64url-encoded JSON header (\"eyJ...\")",
            ),
            SegmentProblem::Json(p, None) => write!(f, "{p}"),
            SegmentProblem::Json(p, Some(text)) => write!(f, "{p} (it decodes to {text:?})"),
            SegmentProblem::NotAnObject(t) => {
                write!(f, "is JSON but {t}; a JOSE header must be a JSON object")
            }
        }
    }
}

/// A character for an error message: printable ones quoted, others as code points, so that
/// nothing from the input reaches the terminal raw.
pub fn describe_char(c: char) -> String {
    if chars::is_unsafe(c) || !c.is_ascii() && c.is_whitespace() {
        format!("U+{:04X}", c as u32)
    } else if c.is_ascii() {
        format!("'{c}'")
    } else {
        format!("'{c}' (U+{:04X})", c as u32)
    }
}

/// The payload of a token as decoded.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    /// Valid JSON (an object for a JWT claims set; anything else gets a warning).
    Json(Value),
    /// UTF-8 text that is not JSON (or an empty, detached payload).
    Text(String),
    /// Bytes that are not UTF-8.
    Binary(Vec<u8>),
    /// A JWE's ciphertext: not readable without the key.
    Encrypted { ciphertext_len: usize },
}

impl Payload {
    /// The claims, when the payload is a JSON object.
    pub fn claims(&self) -> Option<&Map<String, Value>> {
        match self {
            Payload::Json(Value::Object(m)) => Some(m),
            _ => None,
        }
    }
}

/// The five parts of a JWE beyond its header, as byte lengths (their content is opaque).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JweParts {
    pub encrypted_key_len: usize,
    pub iv_len: usize,
    pub ciphertext_len: usize,
    pub tag_len: usize,
}

/// A decoded compact token.
#[derive(Debug, Clone)]
pub struct Token {
    pub kind: TokenKind,
    /// The compact serialization exactly as decoded (what verification signs over).
    pub compact: String,
    /// The protected header, every member in the token's order.
    pub header: Map<String, Value>,
    pub payload: Payload,
    /// The signature segment's text ("" for JWE and unsecured tokens).
    pub signature: String,
    /// The signature bytes.
    pub signature_bytes: Vec<u8>,
    pub jwe: Option<JweParts>,
    /// Everything a strict validator would reject, in words.
    pub warnings: Vec<String>,
}

impl Token {
    /// `header.payload` as transmitted: the bytes a JWS signature covers.
    pub fn signing_input(&self) -> &str {
        match self.compact.match_indices('.').nth(1) {
            Some((second, _)) => &self.compact[..second],
            None => &self.compact,
        }
    }

    /// The segments of the compact serialization, in order.
    pub fn segments(&self) -> impl Iterator<Item = &str> {
        self.compact.split('.')
    }

    /// The header's `alg`, when it is a string.
    pub fn alg(&self) -> Option<&str> {
        self.header.member("alg").and_then(Value::as_str)
    }
}

/// Registered JWS algorithms (IANA "JSON Web Signature and Encryption Algorithms").
pub const JWS_ALGS: &[&str] = &[
    "HS256",
    "HS384",
    "HS512",
    "RS256",
    "RS384",
    "RS512",
    "ES256",
    "ES384",
    "ES512",
    "PS256",
    "PS384",
    "PS512",
    "none",
    "EdDSA",
    "Ed25519",
    "Ed448",
    "ES256K",
    "ML-DSA-44",
    "ML-DSA-65",
    "ML-DSA-87",
];

/// Registered JWE key-management algorithms.
pub const JWE_ALGS: &[&str] = &[
    "RSA1_5",
    "RSA-OAEP",
    "RSA-OAEP-256",
    "RSA-OAEP-384",
    "RSA-OAEP-512",
    "A128KW",
    "A192KW",
    "A256KW",
    "dir",
    "ECDH-ES",
    "ECDH-ES+A128KW",
    "ECDH-ES+A192KW",
    "ECDH-ES+A256KW",
    "A128GCMKW",
    "A192GCMKW",
    "A256GCMKW",
    "PBES2-HS256+A128KW",
    "PBES2-HS384+A192KW",
    "PBES2-HS512+A256KW",
];

/// Registered JWE content-encryption algorithms.
pub const JWE_ENCS: &[&str] = &[
    "A128CBC-HS256",
    "A192CBC-HS384",
    "A256CBC-HS512",
    "A128GCM",
    "A192GCM",
    "A256GCM",
];

/// Header parameters defined by RFC 7515/7516/7519/7797 and friends; anything listed in
/// `crit` must not be one of these (RFC 7515 §4.1.11).
const REGISTERED_HEADER_PARAMS: &[&str] = &[
    "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit", "enc",
    "zip", "epk", "apu", "apv", "iv", "tag", "p2s", "p2c",
];

fn segment_error(
    segment: SegmentName,
    start: usize,
    inner: Option<usize>,
    problem: SegmentProblem,
) -> TokenError {
    TokenError::Segment {
        segment,
        token_offset: start + inner.unwrap_or(0),
        segment_offset: inner,
        problem,
    }
}

/// Characters a segment may hold: base64url, plus what lenient decoding tolerates.
fn is_segment_char(c: char) -> bool {
    c.is_ascii() && b64::segment_lane(c as u8)
}

/// Decode one compact token. `text` must already be free of surrounding wrappers and
/// whitespace (the input layer does that); any other stray character is an error.
pub fn decode(text: &str) -> Result<Token, TokenError> {
    decode_owned(text.to_string())
}

/// As [`decode`], keeping `text` as the token's compact form without copying it.
pub fn decode_owned(owned: String) -> Result<Token, TokenError> {
    let text = owned.as_str();
    if text.is_empty() {
        return Err(TokenError::Empty);
    }
    if text.len() > MAX_TOKEN_LEN {
        return Err(TokenError::TooLarge { len: text.len() });
    }
    let segments = Segments::split(text);
    segments.check_characters()?;
    if segments.count() != 3 && segments.count() != 5 {
        return Err(TokenError::SegmentCount {
            count: segments.count(),
        });
    }
    let mut warnings = Vec::new();
    let header = segments.header(&mut warnings)?;
    let body = if segments.count() == 3 {
        segments.jws_body(&header, &mut warnings)?
    } else {
        segments.jwe_body(&mut warnings)?
    };
    let mut token = Token {
        kind: body.kind,
        compact: owned,
        header,
        payload: body.payload,
        signature: body.signature,
        signature_bytes: body.signature_bytes,
        jwe: body.jwe,
        warnings,
    };
    check_header(&mut token);
    invisible_warnings(&mut token);
    Ok(token)
}

/// The segments of a compact token and where each starts (for error offsets). A token has
/// three or five; the first [`MAX_SEGMENTS`] are kept (in place: no allocation a token), the
/// rest only counted and, for an error, read again from `text`.
struct Segments<'a> {
    text: &'a str,
    parts: [&'a str; MAX_SEGMENTS],
    starts: [usize; MAX_SEGMENTS],
    count: usize,
}

/// The most segments a compact token has (a JWE's five).
const MAX_SEGMENTS: usize = 5;

/// What follows the header: everything of a [`Token`] but the header itself.
struct Body {
    kind: TokenKind,
    payload: Payload,
    signature: String,
    signature_bytes: Vec<u8>,
    jwe: Option<JweParts>,
}

impl<'a> Segments<'a> {
    fn split(text: &'a str) -> Self {
        let mut segments = Segments {
            text,
            parts: [""; MAX_SEGMENTS],
            starts: [0; MAX_SEGMENTS],
            count: 0,
        };
        for (i, (start, part)) in segments_with_starts(text).enumerate() {
            if let (Some(p), Some(s)) = (segments.parts.get_mut(i), segments.starts.get_mut(i)) {
                *p = part;
                *s = start;
            }
            segments.count += 1;
        }
        segments
    }

    fn count(&self) -> usize {
        self.count
    }

    /// Stray characters first: "invalid character '{'" explains a mangled token better than
    /// the segment count its stray dots or missing dots produce.
    fn check_characters(&self) -> Result<(), TokenError> {
        let count = self.count();
        let check = |i: usize, start: usize, p: &str| {
            // A JWS signature that is not base64url still leaves header and payload to show:
            // it becomes a warning.
            if b64::all_segment_bytes(p) || (count == 3 && i == 2) {
                return Ok(());
            }
            match p.char_indices().find(|(_, c)| !is_segment_char(*c)) {
                Some((offset, _)) => {
                    let (chars, more) = b64::distinct_chars(&p[offset..], |c| !is_segment_char(c));
                    Err(segment_error(
                        SegmentName::of(i, count),
                        start,
                        Some(offset),
                        SegmentProblem::Base64(B64Problem::InvalidChars {
                            chars,
                            more,
                            first_offset: offset,
                        }),
                    ))
                }
                None => Ok(()),
            }
        };
        if count <= MAX_SEGMENTS {
            for i in 0..count {
                check(i, self.starts[i], self.parts[i])?;
            }
        } else {
            for (i, (start, p)) in segments_with_starts(self.text).enumerate() {
                check(i, start, p)?;
            }
        }
        Ok(())
    }

    /// base64url-decode segment `i`, leniencies becoming warnings.
    fn bytes(&self, i: usize, warnings: &mut Vec<String>) -> Result<Vec<u8>, TokenError> {
        decode_segment(
            self.parts[i],
            SegmentName::of(i, self.count()),
            self.starts[i],
            warnings,
        )
    }

    /// The protected header: a JSON object, duplicates warned about.
    fn header(&self, warnings: &mut Vec<String>) -> Result<Map<String, Value>, TokenError> {
        let header_error = |problem| segment_error(SegmentName::Header, 0, None, problem);
        if self.parts[0].is_empty() {
            return Err(header_error(SegmentProblem::Empty));
        }
        let header_bytes = self.bytes(0, warnings)?;
        match json::parse(&header_bytes) {
            Ok(p) => {
                warn_duplicates(&p.duplicates, warnings, |name, times, shown| {
                    format!(
                        "header has the parameter \"{name}\" {times} times ({shown}); the last one is shown, but parsers disagree on which wins (RFC 7515 §5.2, RFC 8725 §3.x), so a strict validator must reject this token"
                    )
                });
                match p.value {
                    Value::Object(m) => Ok(m),
                    other => Err(header_error(SegmentProblem::NotAnObject(json::type_name(
                        &other,
                    )))),
                }
            }
            Err(problem) => {
                let preview = std::str::from_utf8(&header_bytes).ok().map(|t| {
                    let cut: String = t.chars().take(40).collect();
                    if cut.len() < t.len() {
                        format!("{cut}...")
                    } else {
                        cut
                    }
                });
                Err(header_error(SegmentProblem::Json(problem, preview)))
            }
        }
    }

    /// Payload and signature of a JWS.
    fn jws_body(
        &self,
        header: &Map<String, Value>,
        warnings: &mut Vec<String>,
    ) -> Result<Body, TokenError> {
        let unencoded = header.member("b64") == Some(&Value::Bool(false));
        let payload = if self.parts[1].is_empty() {
            warnings.push(
                "payload segment is empty: the content is detached (RFC 7515 Appendix F) and must be supplied separately to verify".to_string(),
            );
            Payload::Text(String::new())
        } else if unencoded {
            warnings.push(
                "header says \"b64\": false (RFC 7797): the payload is not base64url-encoded and is shown as it appears".to_string(),
            );
            Payload::Text(self.parts[1].to_string())
        } else {
            let bytes = self.bytes(1, warnings)?;
            payload_from_bytes(bytes, self.starts[1], warnings)?
        };
        let signature_bytes = match self.bytes(2, warnings) {
            Ok(bytes) => bytes,
            Err(e) => {
                // An inspector shows what it can: the header and payload are readable.
                warnings.push(format!(
                    "{e}: the signature cannot be read, so no key can verify this token; the header and payload are shown"
                ));
                Vec::new()
            }
        };
        let kind = if header.member("alg").and_then(Value::as_str) == Some("none") {
            TokenKind::Unsecured
        } else {
            TokenKind::Jws
        };
        Ok(Body {
            kind,
            payload,
            signature: self.parts[2].to_string(),
            signature_bytes,
            jwe: None,
        })
    }

    /// The four opaque parts of a JWE, as lengths.
    fn jwe_body(&self, warnings: &mut Vec<String>) -> Result<Body, TokenError> {
        let ek = self.bytes(1, warnings)?;
        let iv = self.bytes(2, warnings)?;
        let ct = self.bytes(3, warnings)?;
        let tag = self.bytes(4, warnings)?;
        Ok(Body {
            kind: TokenKind::Jwe,
            payload: Payload::Encrypted {
                ciphertext_len: ct.len(),
            },
            signature: String::new(),
            signature_bytes: Vec::new(),
            jwe: Some(JweParts {
                encrypted_key_len: ek.len(),
                iv_len: iv.len(),
                ciphertext_len: ct.len(),
                tag_len: tag.len(),
            }),
        })
    }
}

/// A warning for every header parameter and claim whose name or value holds invisible
/// characters ([`chars::has_invisible`]): `iss` with a zero-width space reads like the real one.
fn invisible_warnings(token: &mut Token) {
    fn hidden(v: &Value) -> bool {
        match v {
            Value::String(s) => chars::has_invisible(s),
            Value::Array(items) => items.iter().any(hidden),
            Value::Object(m) => m.iter().any(|(k, v)| chars::has_invisible(k) || hidden(v)),
            _ => false,
        }
    }
    let mut found = Vec::new();
    for (what, members) in [
        ("header parameter", Some(&token.header)),
        ("claim", token.payload.claims()),
    ] {
        for (name, value) in members.into_iter().flatten() {
            if chars::has_invisible(name) || hidden(value) {
                found.push(format!(
                    "{what} {name} contains invisible characters (shown escaped, like \\u{{200b}}): it may be made to look like another value"
                ));
            }
        }
    }
    token.warnings.extend(found);
}

/// base64url-decode one segment, turning leniencies into warnings and problems into errors.
/// The `.`-separated segments of `text`, each with the byte offset where it starts.
fn segments_with_starts(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    text.split('.').map(move |p| {
        let start = at;
        at += p.len() + 1;
        (start, p)
    })
}

fn decode_segment(
    seg: &str,
    name: SegmentName,
    start: usize,
    warnings: &mut Vec<String>,
) -> Result<Vec<u8>, TokenError> {
    match b64::decode(seg) {
        Ok(d) => {
            for l in d.leniencies {
                warnings.push(match l {
                    Leniency::Padding => format!(
                        "{name} segment has '=' padding, which RFC 7515 §2 forbids in base64url; decoded anyway"
                    ),
                    Leniency::StandardAlphabet => format!(
                        "{name} segment uses '+' or '/' from the standard base64 alphabet instead of base64url's '-' and '_'; decoded anyway"
                    ),
                    Leniency::NonCanonical => format!(
                        "{name} segment is not canonical base64url: its last character has non-zero trailing bits (RFC 4648 §3.5), so several encodings of this token exist"
                    ),
                });
            }
            Ok(d.bytes)
        }
        Err(problem) => {
            let inner = match &problem {
                B64Problem::InvalidChars { first_offset, .. } => Some(*first_offset),
                B64Problem::MisplacedPadding { offset } => Some(*offset),
                B64Problem::ImpossibleLength { .. } => None,
            };
            Err(segment_error(
                name,
                start,
                inner,
                SegmentProblem::Base64(problem),
            ))
        }
    }
}

/// A warning for each name given more than once (`say(name, times, values)`), at most
/// [`DUPLICATES_NAMED`] names and [`DUPLICATE_VALUES_SHOWN`] values each, the rest counted: a
/// hostile token with 100,000 repeats gets a few lines, not a megabyte of them.
fn warn_duplicates(
    duplicates: &[(String, Vec<Value>)],
    warnings: &mut Vec<String>,
    say: impl Fn(&str, usize, &str) -> String,
) {
    for (name, values) in duplicates.iter().take(DUPLICATES_NAMED) {
        let mut shown: Vec<String> = values
            .iter()
            .take(DUPLICATE_VALUES_SHOWN)
            .map(short_json)
            .collect();
        if values.len() > DUPLICATE_VALUES_SHOWN {
            shown.push(format!(
                "and {} more",
                values.len() - DUPLICATE_VALUES_SHOWN
            ));
        }
        warnings.push(say(name, values.len(), &shown.join(", ")));
    }
    if duplicates.len() > DUPLICATES_NAMED {
        warnings.push(format!(
            "and {} more names appear more than once",
            duplicates.len() - DUPLICATES_NAMED
        ));
    }
}

/// Names warned about one by one when a JSON object repeats names.
const DUPLICATES_NAMED: usize = 16;
/// Values listed for a repeated name.
const DUPLICATE_VALUES_SHOWN: usize = 8;

fn payload_from_bytes(
    bytes: Vec<u8>,
    start: usize,
    warnings: &mut Vec<String>,
) -> Result<Payload, TokenError> {
    match json::parse(&bytes) {
        Ok(p) => {
            warn_duplicates(&p.duplicates, warnings, |name, times, shown| {
                format!(
                    "claim \"{name}\" appears {times} times ({shown}); the last one is shown, but parsers disagree on which wins, so a strict validator must reject this token"
                )
            });
            if !p.value.is_object() {
                warnings.push(format!(
                    "payload is JSON but {}, not an object: a JWS may carry it, but it is not a JWT claims set (RFC 7519 §7.2)",
                    json::type_name(&p.value)
                ));
            }
            Ok(Payload::Json(p.value))
        }
        Err(JsonProblem::TooDeep) => Err(segment_error(
            SegmentName::Payload,
            start,
            None,
            SegmentProblem::Json(JsonProblem::TooDeep, None),
        )),
        Err(JsonProblem::NotUtf8 { offset }) => {
            warnings.push(format!(
                "payload is not UTF-8 text (invalid byte at offset {offset} of the decoded payload), so it is not a JWT claims set; shown as hex"
            ));
            Ok(Payload::Binary(bytes))
        }
        Err(problem) => {
            // The bytes are UTF-8 here: only syntax problems remain.
            let text = String::from_utf8_lossy(&bytes).into_owned();
            if nested_token(&text).is_some() {
                warnings.push(
                    "the payload is itself a compact token (a nested JWT); it is decoded as the next token".to_string(),
                );
            } else {
                warnings.push(format!(
                    "payload is {problem}; shown as text. A JWS may carry any bytes, but this is not a JWT claims set"
                ));
            }
            Ok(Payload::Text(text))
        }
    }
}

/// The compact token a payload consists of, when it is one (RFC 7519 §5.2 nesting, with or
/// without `cty: JWT`).
pub fn nested_token(payload: &str) -> Option<&str> {
    let t = payload.trim();
    let dots = t.matches('.').count();
    let segments_and_dots = chars::every_byte(t.as_bytes(), |b| b64::segment_lane(b) || b == b'.');
    (t.starts_with("ey") && (dots == 2 || dots == 4) && segments_and_dots).then_some(t)
}

/// A JSON value shortened for a one-line message.
fn short_json(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 40 {
        let cut: String = s.chars().take(37).collect();
        format!("{cut}...")
    } else {
        s
    }
}

/// Header-level findings that do not stop decoding.
fn check_header(token: &mut Token) {
    let mut w = Vec::new();
    let jwe = token.kind == TokenKind::Jwe;
    check_alg(&token.header, jwe, &mut w);
    if jwe {
        check_jwe(token, &mut w);
    } else {
        check_jws_signature(token, &mut w);
    }
    check_crit(&token.header, &mut w);
    check_types(&token.header, &mut w);
    check_cty(&token.header, jwe, &mut w);
    token.warnings.extend(w);
}

/// `alg`: present, a string, registered, not a case variant of `none`.
fn check_alg(h: &Map<String, Value>, jwe: bool, w: &mut Vec<String>) {
    match h.member("alg") {
        None => w.push(if jwe {
            "header has no \"alg\" (RFC 7516 §4.1.1 requires the key-management algorithm)"
                .to_string()
        } else {
            "header has no \"alg\" (RFC 7515 §4.1.1 requires it): nothing says how the token is signed".to_string()
        }),
        Some(Value::String(alg)) => {
            let known = if jwe { JWE_ALGS } else { JWS_ALGS };
            if !known.contains(&alg.as_str()) {
                if alg.eq_ignore_ascii_case("none") {
                    w.push(format!(
                        "\"alg\": {alg:?} is not \"none\": algorithm names are case-sensitive (RFC 7515 §4.1.1), so this is an unknown algorithm, and a library that lower-cases it would accept an unsigned token"
                    ));
                } else {
                    w.push(format!(
                        "\"alg\": {alg:?} is not a registered {} algorithm",
                        if jwe { "JWE key-management" } else { "JWS" }
                    ));
                }
            }
        }
        Some(other) => w.push(format!(
            "\"alg\" is {}, not a string",
            json::type_name(other)
        )),
    }
}

/// A JWE's `enc` and the shape of its parts.
fn check_jwe(token: &Token, w: &mut Vec<String>) {
    let h = &token.header;
    match h.member("enc") {
        None => w.push(
            "JWE header has no \"enc\" (RFC 7516 §4.1.2 requires the content-encryption algorithm)"
                .to_string(),
        ),
        Some(Value::String(enc)) if !JWE_ENCS.contains(&enc.as_str()) => w.push(format!(
            "\"enc\": {enc:?} is not a registered content-encryption algorithm"
        )),
        _ => {}
    }
    if let Some(parts) = &token.jwe {
        if parts.iv_len == 0 {
            w.push("JWE initialization vector segment is empty".to_string());
        }
        if parts.tag_len == 0 {
            w.push("JWE authentication tag segment is empty: the ciphertext is not integrity-protected".to_string());
        }
        if parts.ciphertext_len == 0 {
            w.push("JWE ciphertext segment is empty".to_string());
        }
        let direct = matches!(
            h.member("alg").and_then(Value::as_str),
            Some("dir" | "ECDH-ES")
        );
        if direct && parts.encrypted_key_len != 0 {
            w.push(
                "JWE encrypted key must be empty with \"alg\": \"dir\" or \"ECDH-ES\"".to_string(),
            );
        } else if !direct && parts.encrypted_key_len == 0 && h.has("alg") {
            w.push("JWE encrypted key segment is empty, but the algorithm wraps a key".to_string());
        }
    }
}

/// A JWS's signature against its `alg`: `none` with a signature, a stripped one.
fn check_jws_signature(token: &Token, w: &mut Vec<String>) {
    let h = &token.header;
    let alg = h.member("alg").and_then(Value::as_str);
    if token.kind == TokenKind::Unsecured {
        w.push("unsecured token: \"alg\": \"none\" means there is no signature, so anyone could have written it".to_string());
        if !token.signature.is_empty() {
            w.push("\"alg\": \"none\" requires an empty signature (RFC 7518 §3.6), but this token has one".to_string());
        }
    } else if token.signature.is_empty() && alg.is_some() {
        w.push(format!(
            "signature segment is empty, but \"alg\" is {:?}: the signature was stripped; this is not an unsecured token and must not be treated as one",
            alg.unwrap_or_default()
        ));
    }
}

/// `crit` (RFC 7515 §4.1.11): a non-empty array naming extensions present and understood.
fn check_crit(h: &Map<String, Value>, w: &mut Vec<String>) {
    if let Some(crit) = h.member("crit") {
        match crit.as_array() {
            Some(names) if !names.is_empty() => {
                let mut listed = Vec::new();
                for n in names {
                    match n.as_str() {
                        Some(s) if REGISTERED_HEADER_PARAMS.contains(&s) => w.push(format!(
                            "\"crit\" lists {s:?}, a parameter the specifications already define, which RFC 7515 §4.1.11 forbids"
                        )),
                        Some(s) if !h.has(s) => w.push(format!(
                            "\"crit\" lists {s:?}, but the header has no such parameter (RFC 7515 §4.1.11)"
                        )),
                        Some(s) => listed.push(format!("{s:?}")),
                        None => w.push("\"crit\" contains a value that is not a string".to_string()),
                    }
                }
                let understood = ["b64"];
                let unknown: Vec<&String> = listed
                    .iter()
                    .filter(|s| !understood.iter().any(|u| format!("{u:?}") == **s))
                    .collect();
                if !unknown.is_empty() {
                    w.push(format!(
                        "critical header extension{} {}: a validator that does not understand {} must reject the token (RFC 7515 §4.1.11)",
                        if unknown.len() == 1 { "" } else { "s" },
                        unknown.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "),
                        if unknown.len() == 1 { "it" } else { "them" }
                    ));
                }
            }
            _ => w.push(
                "\"crit\" must be a non-empty array of parameter names (RFC 7515 §4.1.11)"
                    .to_string(),
            ),
        }
    }
}

/// Registered parameters that must be strings.
fn check_types(h: &Map<String, Value>, w: &mut Vec<String>) {
    for name in ["kid", "typ", "cty", "x5t", "x5t#S256", "jku", "x5u"] {
        if let Some(v) = h.member(name)
            && !v.is_string()
        {
            w.push(format!(
                "header parameter \"{name}\" is {}, but RFC 7515 §4.1 requires a string",
                json::type_name(v)
            ));
        }
    }
}

/// `cty: JWT`: a nested token.
fn check_cty(h: &Map<String, Value>, jwe: bool, w: &mut Vec<String>) {
    if let Some(cty) = h.member("cty").and_then(Value::as_str)
        && cty.eq_ignore_ascii_case("JWT")
    {
        w.push(if jwe {
            "nested token: \"cty\": \"JWT\" says the encrypted content is itself a JWT (RFC 7519 §5.2)".to_string()
        } else {
            "nested token: \"cty\": \"JWT\" says the payload is itself a JWT (RFC 7519 §5.2)".to_string()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const RFC_A1: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    #[test]
    fn repeated_names_are_warned_about_in_a_bounded_number_of_lines() {
        use base64::Engine as _;
        let b64 = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
        // One name 1000 times and 40 names twice each.
        let mut members: Vec<String> = (0..1000).map(|i| format!("\"a\":{i}")).collect();
        members.extend((0..40).flat_map(|i| [format!("\"n{i}\":1"), format!("\"n{i}\":2")]));
        let token = format!(
            "{}.{}.c2ln",
            b64(r#"{"alg":"HS256"}"#),
            b64(&format!("{{{}}}", members.join(",")))
        );
        let t = decode(&token).unwrap();
        let repeats: Vec<&String> = t
            .warnings
            .iter()
            .filter(|w| w.contains("times") || w.contains("more than once"))
            .collect();
        assert_eq!(repeats.len(), DUPLICATES_NAMED + 1, "{repeats:?}");
        assert!(
            repeats[0].starts_with(
                "claim \"a\" appears 1000 times (0, 1, 2, 3, 4, 5, 6, 7, and 992 more)"
            ),
            "{}",
            repeats[0]
        );
        assert_eq!(
            repeats[DUPLICATES_NAMED],
            &format!(
                "and {} more names appear more than once",
                41 - DUPLICATES_NAMED
            )
        );
    }

    #[test]
    fn decodes_the_rfc_7515_a1_token_faithfully() {
        let t = decode(RFC_A1).unwrap();
        assert_eq!(t.kind, TokenKind::Jws);
        assert_eq!(
            Value::Object(t.header.clone()),
            json!({"typ":"JWT","alg":"HS256"})
        );
        assert_eq!(
            t.payload,
            Payload::Json(
                json!({"iss":"joe","exp":1_300_819_380,"http://example.com/is_root":true})
            )
        );
        assert_eq!(t.signature, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        assert_eq!(t.signature_bytes.len(), 32);
        assert!(t.warnings.is_empty(), "{:?}", t.warnings);
        assert_eq!(t.signing_input(), &RFC_A1[..RFC_A1.rfind('.').unwrap()]);
    }

    #[test]
    fn segment_count_errors_name_the_count() {
        assert_eq!(
            decode("a.b").unwrap_err().to_string(),
            "wrong number of segments: 2; a JWS has 3 and a JWE has 5 (an unsecured JWS still ends with a dot: header.payload.)"
        );
        assert!(matches!(
            decode("a.b.c.d").unwrap_err(),
            TokenError::SegmentCount { count: 4 }
        ));
    }

    #[test]
    fn invalid_characters_name_segment_and_offsets() {
        let e = decode("eyJhIjoiYiJ9.eyJ*.x").unwrap_err();
        assert_eq!(
            e.to_string(),
            "payload segment (byte 3 of the segment, byte 16 of the token): invalid base64url character '*'"
        );
    }

    #[test]
    fn many_distinct_invalid_characters_are_capped() {
        // Issue 8.6: every distinct character used to be collected by a linear search and listed.
        let junk: String = (0x4e00u32..0x4e00 + 5000)
            .filter_map(char::from_u32)
            .collect();
        let e = decode(&format!("eyJ{junk}.e30.x")).unwrap_err().to_string();
        assert!(e.ends_with("and 4992 more"), "{e}");
        assert!(e.len() < 300, "{e}");
    }

    #[test]
    fn invisible_characters_get_a_warning_naming_the_claim() {
        // Issue 8.12: {"iss":"https://sts\u200b.windows.net/"}
        let payload =
            b64::encode("{\"iss\":\"https://sts\u{200b}.windows.net/\",\"sub\":\"x\"}".as_bytes());
        let t = decode(&format!("eyJhbGciOiJIUzI1NiJ9.{payload}.c2ln")).unwrap();
        let w: Vec<_> = t
            .warnings
            .iter()
            .filter(|w| w.contains("invisible"))
            .collect();
        assert_eq!(w.len(), 1, "{:?}", t.warnings);
        assert!(
            w[0].starts_with("claim iss contains invisible characters"),
            "{}",
            w[0]
        );
    }

    #[test]
    fn a_signature_that_is_not_base64url_is_a_warning() {
        // Issue 8.18: "...eyJzdWIiOiJ4In0.S" used to make the whole token undecodable.
        for sig in ["S", "a*b"] {
            let t = decode(&format!("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.{sig}")).unwrap();
            assert_eq!(t.payload, Payload::Json(json!({"sub": "x"})));
            assert!(t.signature_bytes.is_empty());
            assert!(
                t.warnings.iter().any(|w| w.starts_with("signature segment")
                    && w.contains("the signature cannot be read")),
                "{:?}",
                t.warnings
            );
        }
    }

    #[test]
    fn registered_header_parameters_of_the_wrong_type_are_warned_about() {
        // Issue 8.19: {"alg":"HS256","kid":123,"x5t#S256":[],"crit":[]}
        let header = b64::encode(br#"{"alg":"HS256","kid":123,"x5t#S256":[],"crit":[]}"#);
        let t = decode(&format!("{header}.e30.c2ln")).unwrap();
        for needle in [
            "header parameter \"kid\" is a number, but RFC 7515 §4.1 requires a string",
            "header parameter \"x5t#S256\" is an array",
            "\"crit\" must be a non-empty array",
        ] {
            assert!(
                t.warnings.iter().any(|w| w.contains(needle)),
                "{needle}: {:?}",
                t.warnings
            );
        }
    }

    #[test]
    fn header_must_be_a_json_object() {
        let e = decode("WyJIUzI1NiJd.eyJpc3MiOiJqb2UifQ.x").unwrap_err();
        assert!(
            e.to_string()
                .contains("a JOSE header must be a JSON object"),
            "{e}"
        );
    }

    #[test]
    fn stripped_signature_is_not_unsecured() {
        let t = decode("eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UifQ.").unwrap();
        assert_eq!(t.kind, TokenKind::Jws);
        assert!(
            t.warnings
                .iter()
                .any(|w| w.contains("signature was stripped"))
        );
    }

    #[test]
    fn jwe_header_is_read_and_payload_stays_encrypted() {
        let t = decode("eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..AAAA.AAAA.AAAA").unwrap();
        assert_eq!(t.kind, TokenKind::Jwe);
        assert_eq!(t.payload, Payload::Encrypted { ciphertext_len: 3 });
        assert!(t.warnings.is_empty(), "{:?}", t.warnings);
    }
}
