//! The one model every output renders: JSON is its serialisation, the text report and the
//! terminal UI draw it. Built once per input by [`build`].

use std::ops::ControlFlow;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::claims::{self, azure::AzureResource, time::Status, time::TimeInfo};
use crate::input::{self, Candidate, Found, InputError};
use crate::source::Source;
use crate::token::{self, JweParts, Payload, Token, TokenError, TokenKind};
use crate::verify::{Verification, Verifier};

/// Everything found in one input.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Where the input came from.
    pub source: Source,
    /// The instant all relative times are computed against (RFC 3339 UTC).
    pub now: String,
    /// Tokens in input order.
    pub tokens: Vec<TokenReport>,
    /// Strings that looked like tokens but could not be decoded, and why.
    pub skipped: Vec<Skipped>,
}

/// A token-looking string that was passed over.
#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub origin: String,
    pub reason: String,
}

/// What kind of token an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Jws,
    Jwe,
    Unsecured,
    /// Not a JWT (an opaque refresh token): listed, not decoded.
    Opaque,
}

/// How the payload is represented in [`TokenReport::payload`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PayloadType {
    /// JSON (an object for a JWT claims set).
    Json,
    /// UTF-8 text that is not JSON.
    Text,
    /// Not UTF-8: `payload` is the bytes in hex.
    Binary,
    /// JWE: encrypted, `payload` is null.
    Encrypted,
    /// Opaque token: no payload.
    None,
}

/// One named value with what it means: a header parameter, a claim, or a response field.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub name: String,
    /// The value exactly as decoded.
    pub value: Value,
    /// What the name means, in words; `null` for names we do not know.
    pub description: Option<&'static str>,
    /// What this particular value means ("pwd: password", "Global Administrator", ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meaning: Option<String>,
    /// For time values: the instant in readable forms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<TimeInfo>,
}

/// The headline facts of a token.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub issuer: Option<String>,
    /// Which provider that is, recognised from the issuer's shape.
    pub issuer_kind: Option<String>,
    pub audience: Vec<String>,
    /// The audience in words when it is a well-known service ("Azure Resource Manager").
    pub audience_name: Option<String>,
    pub subject: Option<String>,
    pub object_id: Option<String>,
    pub tenant_id: Option<String>,
    /// The client application (`appid`, `azp`, `client_id`, `cid`).
    pub app_id: Option<String>,
    /// Its name, from `app_displayname` or a well-known first-party ID.
    pub app_name: Option<String>,
    /// "application (app-only) · managed identity", "user (delegated)", ...
    pub identity_type: Option<String>,
    pub token_version: Option<String>,
    pub scopes: Vec<String>,
    pub roles: Vec<String>,
    /// The managed identity's resource (`xms_mirid`).
    pub azure_resource: Option<AzureResource>,
    /// The compute resource a user-assigned identity is attached to (`xms_az_rid`).
    pub azure_compute_resource: Option<AzureResource>,
    pub issued_at: Option<String>,
    pub not_before: Option<String>,
    pub expires_at: Option<String>,
    pub status: Status,
    /// Negative once expired.
    pub seconds_to_expiry: Option<i64>,
    /// The expiry in words at `now`: "valid · expires in 42m 10s", "EXPIRED 3h 2m ago".
    pub expiry: String,
    /// `exp - iat` in words.
    pub lifetime: Option<String>,
    /// `exp` as Unix seconds, for live countdowns (the JSON has it in `claims`).
    #[serde(skip)]
    pub exp_unix: Option<f64>,
    /// `nbf` as Unix seconds.
    #[serde(skip)]
    pub nbf_unix: Option<f64>,
}

/// The payload as a report holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum PayloadData {
    /// A JSON object: its members are the report's `claims` (values included), in the token's
    /// order. Held there only, so a 5000-group token is not held twice.
    Claims,
    /// Anything else: other JSON, text, hex (binary) as a string, or null (JWE, opaque).
    Value(Value),
}

/// One token and everything known about it. Serialises as documented in README.md (the
/// `payload` member is rebuilt from `claims` for object payloads).
#[derive(Debug, Clone)]
pub struct TokenReport {
    /// Where in the input it was found.
    pub origin: String,
    pub kind: Kind,
    /// The protected header as decoded (member order kept); `null` for opaque tokens.
    pub header: Value,
    /// The payload; see [`PayloadData`] and [`TokenReport::payload_json`].
    pub payload: PayloadData,
    pub payload_type: PayloadType,
    /// The signature segment's base64url text; "" when there is none.
    pub signature: String,
    /// The compact token as decoded; `None` for opaque tokens (they are secrets that cannot
    /// be explained, so they are not repeated).
    pub token: Option<String>,
    pub summary: Summary,
    /// Every header parameter with its description.
    pub header_params: Vec<Field>,
    /// Every claim, in the token's order.
    pub claims: Vec<Field>,
    /// Metadata found around the token (IMDS `expires_on`, `resource`, ...), as it was.
    pub context: Map<String, Value>,
    /// The same metadata explained.
    pub context_fields: Vec<Field>,
    /// For JWE: the sizes of the encrypted parts.
    pub jwe: Option<JweParts>,
    /// Everything a strict validator would object to, and other findings, in words.
    pub warnings: Vec<String>,
    /// Whether to believe the token: the signature checked against the keys given (or why
    /// it was not), and the claim checks asked for.
    pub verification: Verification,
}

impl TokenReport {
    /// The payload as JSON, whatever its form.
    pub fn payload_json(&self) -> Value {
        match &self.payload {
            PayloadData::Claims => Value::Object(
                self.claims
                    .iter()
                    .map(|c| (c.name.clone(), c.value.clone()))
                    .collect(),
            ),
            PayloadData::Value(v) => v.clone(),
        }
    }

    /// The claim named `name`.
    pub fn claim(&self, name: &str) -> Option<&Field> {
        self.claims.iter().find(|c| c.name == name)
    }
}

/// The payload member of the JSON output.
struct PayloadView<'a>(&'a TokenReport);

impl Serialize for PayloadView<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        match &self.0.payload {
            PayloadData::Claims => {
                let mut map = s.serialize_map(Some(self.0.claims.len()))?;
                for c in &self.0.claims {
                    map.serialize_entry(&c.name, &c.value)?;
                }
                map.end()
            }
            PayloadData::Value(v) => v.serialize(s),
        }
    }
}

/// The JSON shape of a [`TokenReport`], member order as documented.
#[derive(Serialize)]
struct TokenView<'a> {
    origin: &'a str,
    kind: Kind,
    header: &'a Value,
    payload: PayloadView<'a>,
    payload_type: PayloadType,
    signature: &'a str,
    token: &'a Option<String>,
    summary: &'a Summary,
    header_params: &'a [Field],
    claims: &'a [Field],
    context: &'a Map<String, Value>,
    context_fields: &'a [Field],
    #[serde(skip_serializing_if = "Option::is_none")]
    jwe: &'a Option<JweParts>,
    warnings: &'a [String],
    verification: &'a Verification,
}

impl Serialize for TokenReport {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        TokenView {
            origin: &self.origin,
            kind: self.kind,
            header: &self.header,
            payload: PayloadView(self),
            payload_type: self.payload_type,
            signature: &self.signature,
            token: &self.token,
            summary: &self.summary,
            header_params: &self.header_params,
            claims: &self.claims,
            context: &self.context,
            context_fields: &self.context_fields,
            jwe: &self.jwe,
            warnings: &self.warnings,
            verification: &self.verification,
        }
        .serialize(s)
    }
}

/// Why nothing could be shown.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Input(#[from] InputError),
    /// The input was one token and it does not decode.
    #[error("{}{error}", origin_prefix(origin))]
    Token { origin: String, error: TokenError },
    /// Several candidates and none decodes.
    #[error("none of the {count} token-like strings decodes; the first, at {origin}: {error}")]
    NoneDecodes {
        count: usize,
        origin: String,
        error: TokenError,
    },
}

fn origin_prefix(origin: &str) -> String {
    if origin == "input" {
        String::new()
    } else {
        format!("{origin}: ")
    }
}

/// Find, decode and explain every token in `bytes`.
pub fn build(bytes: &[u8], source: Source, now: DateTime<Utc>) -> Result<Report, Error> {
    let found = input::find(bytes)?;
    from_found(found, source, now, None)
}

/// As [`build`], taking the input so that a bare token is not copied.
pub fn build_owned(bytes: Vec<u8>, source: Source, now: DateTime<Utc>) -> Result<Report, Error> {
    build_verified(bytes, source, now, None)
}

/// As [`build_owned`], verifying every token with `verifier` (when verification was asked for).
pub fn build_verified(
    bytes: Vec<u8>,
    source: Source,
    now: DateTime<Utc>,
    verifier: Option<&Verifier>,
) -> Result<Report, Error> {
    let found = input::find_owned(bytes)?;
    from_found(found, source, now, verifier)
}

/// Decode and explain candidates already found.
pub fn from_found(
    found: Vec<Found>,
    source: Source,
    now: DateTime<Utc>,
    verifier: Option<&Verifier>,
) -> Result<Report, Error> {
    let mut tokens = Vec::new();
    let mut run = Stream::new(now, verifier);
    for f in found {
        let _ = run.candidate(f, &mut |t| {
            tokens.push(t);
            ControlFlow::Continue(())
        });
    }
    let skipped = run.finish()?;
    Ok(Report {
        source,
        now: claims::time::format_utc(&now),
        tokens,
        skipped,
    })
}

/// Find, decode and explain the tokens in `bytes` one at a time, handing each report to
/// `on_token` as soon as it is ready (it may stop the run with `ControlFlow::Break`). Only the
/// skipped candidates are collected: memory does not grow with the number of tokens. The
/// errors are [`build`]'s: nothing found, or nothing that decodes.
pub fn stream(
    bytes: Vec<u8>,
    now: DateTime<Utc>,
    verifier: Option<&Verifier>,
    on_token: &mut dyn FnMut(TokenReport) -> ControlFlow<()>,
) -> Result<Vec<Skipped>, Error> {
    let mut run = Stream::new(now, verifier);
    input::find_each_owned(bytes, &mut |f| run.candidate(f, on_token))?;
    run.finish()
}

/// Decode and explain one candidate: the UI calls this when a token is shown. A candidate
/// gives one report, two for a nested token, or the reason it does not decode.
pub fn explain_found(
    f: Found,
    now: DateTime<Utc>,
    verifier: Option<&Verifier>,
) -> Result<Vec<TokenReport>, Skipped> {
    let mut out = Vec::new();
    let mut run = Stream::new(now, verifier);
    let _ = run.candidate(f, &mut |t| {
        out.push(t);
        ControlFlow::Continue(())
    });
    match run.skipped.pop() {
        Some(s) => Err(s),
        None => Ok(out),
    }
}

/// The state of a run over candidates: what was skipped, and the first decode error.
struct Stream<'v> {
    now: DateTime<Utc>,
    verifier: Option<&'v Verifier>,
    tokens: usize,
    skipped: Vec<Skipped>,
    first_error: Option<(String, TokenError)>,
}

impl<'v> Stream<'v> {
    fn new(now: DateTime<Utc>, verifier: Option<&'v Verifier>) -> Self {
        Self {
            now,
            verifier,
            tokens: 0,
            skipped: Vec::new(),
            first_error: None,
        }
    }

    fn candidate(
        &mut self,
        mut f: Found,
        emit: &mut dyn FnMut(TokenReport) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        let (now, verifier) = (self.now, self.verifier);
        // Take the text out of the candidate: a 260 KB token moves into the report uncopied.
        let candidate = std::mem::replace(&mut f.candidate, Candidate::Opaque(String::new()));
        match candidate {
            Candidate::Opaque(text) => {
                self.tokens += 1;
                emit(opaque(&f, &text, now))
            }
            Candidate::Lone(text) | Candidate::Embedded(text) => match token::decode_owned(text) {
                Ok(t) => {
                    let nested = match &t.payload {
                        Payload::Text(p) => {
                            token::nested_token(p).and_then(|n| token::decode(n).ok())
                        }
                        _ => None,
                    };
                    let origin = f.origin.clone();
                    self.tokens += 1;
                    emit(explain_token(f, t, now, verifier))?;
                    if let Some(inner) = nested {
                        let inner_found = Found {
                            origin: format!("{origin} › nested token"),
                            candidate: Candidate::Opaque(String::new()),
                            context: Map::new(),
                            notes: Vec::new(),
                        };
                        self.tokens += 1;
                        emit(explain_token(inner_found, inner, now, verifier))?;
                    }
                    ControlFlow::Continue(())
                }
                Err(e) => {
                    self.skipped.push(Skipped {
                        origin: f.origin.clone(),
                        reason: e.to_string(),
                    });
                    self.first_error.get_or_insert((f.origin, e));
                    ControlFlow::Continue(())
                }
            },
        }
    }

    /// What was skipped, or the error when nothing decoded.
    fn finish(self) -> Result<Vec<Skipped>, Error> {
        if self.tokens == 0
            && let Some((origin, error)) = self.first_error
        {
            return Err(if self.skipped.len() == 1 {
                Error::Token { origin, error }
            } else {
                Error::NoneDecodes {
                    count: self.skipped.len(),
                    origin,
                    error,
                }
            });
        }
        Ok(self.skipped)
    }
}

fn opaque(f: &Found, text: &str, now: DateTime<Utc>) -> TokenReport {
    let mut warnings = f.notes.clone();
    warnings.push(format!(
        "opaque token ({} characters): not a JWT, so only its issuer can read it",
        text.chars().count()
    ));
    let (summary, context_fields, mut more) = claims::explain_opaque(&f.context, now);
    warnings.append(&mut more);
    TokenReport {
        origin: f.origin.clone(),
        kind: Kind::Opaque,
        header: Value::Null,
        payload: PayloadData::Value(Value::Null),
        payload_type: PayloadType::None,
        signature: String::new(),
        token: None,
        summary,
        header_params: Vec::new(),
        claims: Vec::new(),
        context: f.context.clone(),
        context_fields,
        jwe: None,
        warnings,
        verification: Verification::not_checked(
            None,
            "an opaque token: only its issuer can check it",
        ),
    }
}

/// Verification when no key was given: what the token's shape alone allows to say.
fn unverified(t: &Token) -> Verification {
    let reason = match t.kind {
        TokenKind::Unsecured => {
            "alg none: there is no signature, so the token can never be trusted"
        }
        TokenKind::Jwe => "an encrypted token: its content and integrity need the decryption key",
        TokenKind::Jws if t.signature.is_empty() => "the signature is missing",
        TokenKind::Jws => {
            "no key given: --key, --secret, --jwks or --discover checks the signature"
        }
    };
    Verification::not_checked(t.alg(), reason)
}

fn explain_token(
    f: Found,
    t: Token,
    now: DateTime<Utc>,
    verifier: Option<&Verifier>,
) -> TokenReport {
    // Verification reads the token as decoded, before its parts move into the report.
    let verification = match verifier {
        Some(v) => v.verify(&t, now),
        None => unverified(&t),
    };
    let Token {
        kind,
        compact,
        header,
        payload,
        signature,
        jwe,
        warnings: token_warnings,
        ..
    } = t;
    // The payload moves into the report, not copied: a 260 KB token is held once.
    let (claims_map, payload, payload_type) = match payload {
        Payload::Json(Value::Object(m)) => (m, PayloadData::Claims, PayloadType::Json),
        Payload::Json(v) => (Map::new(), PayloadData::Value(v), PayloadType::Json),
        Payload::Text(s) => (
            Map::new(),
            PayloadData::Value(Value::String(s)),
            PayloadType::Text,
        ),
        Payload::Binary(b) => (
            Map::new(),
            PayloadData::Value(Value::String(hex(&b))),
            PayloadType::Binary,
        ),
        Payload::Encrypted { .. } => (
            Map::new(),
            PayloadData::Value(Value::Null),
            PayloadType::Encrypted,
        ),
    };
    let explained = claims::explain(&header, claims_map, &f.context, now);
    let mut warnings = f.notes;
    warnings.extend(token_warnings);
    warnings.extend(explained.warnings);
    TokenReport {
        origin: f.origin,
        kind: match kind {
            TokenKind::Jws => Kind::Jws,
            TokenKind::Unsecured => Kind::Unsecured,
            TokenKind::Jwe => Kind::Jwe,
        },
        header: Value::Object(header),
        payload,
        payload_type,
        signature,
        token: Some(compact),
        summary: explained.summary,
        header_params: explained.header_params,
        claims: explained.claims,
        context: f.context,
        context_fields: explained.context_fields,
        jwe,
        warnings,
        verification,
    }
}

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}
