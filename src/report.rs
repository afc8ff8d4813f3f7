//! The one model every output renders: JSON is its serialisation, the text report and the
//! terminal UI draw it. Built once per input by [`build`].

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::claims::{self, azure::AzureResource, time::Status, time::TimeInfo};
use crate::input::{self, Candidate, Found, InputError};
use crate::source::Source;
use crate::token::{self, JweParts, Payload, Token, TokenError, TokenKind};

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

/// One token and everything known about it.
#[derive(Debug, Clone, Serialize)]
pub struct TokenReport {
    /// Where in the input it was found.
    pub origin: String,
    pub kind: Kind,
    /// The protected header as decoded (member order kept); `null` for opaque tokens.
    pub header: Value,
    /// The payload: JSON, text, hex (binary), or `null` (JWE, opaque).
    pub payload: Value,
    pub payload_type: PayloadType,
    /// The signature segment's base64url text; "" when there is none.
    pub signature: String,
    /// The compact token as decoded; `null` for opaque tokens (they are secrets that cannot
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jwe: Option<JweParts>,
    /// Everything a strict validator would object to, and other findings, in words.
    pub warnings: Vec<String>,
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
    from_found(found, source, now)
}

/// Decode and explain candidates already found.
pub fn from_found(found: Vec<Found>, source: Source, now: DateTime<Utc>) -> Result<Report, Error> {
    let mut tokens = Vec::new();
    let mut skipped = Vec::new();
    let mut first_error: Option<(String, TokenError)> = None;
    let candidates = found.len();
    for f in found {
        match &f.candidate {
            Candidate::Opaque(text) => tokens.push(opaque(&f, text, now)),
            Candidate::Lone(text) | Candidate::Embedded(text) => match token::decode(text) {
                Ok(t) => tokens.push(explain_token(&f, &t, now)),
                Err(e) => {
                    if matches!(f.candidate, Candidate::Lone(_)) && candidates == 1 {
                        return Err(Error::Token {
                            origin: f.origin,
                            error: e,
                        });
                    }
                    skipped.push(Skipped {
                        origin: f.origin.clone(),
                        reason: e.to_string(),
                    });
                    first_error.get_or_insert((f.origin, e));
                }
            },
        }
    }
    if tokens.is_empty()
        && let Some((origin, error)) = first_error
    {
        return Err(if skipped.len() == 1 {
            Error::Token { origin, error }
        } else {
            Error::NoneDecodes {
                count: skipped.len(),
                origin,
                error,
            }
        });
    }
    Ok(Report {
        source,
        now: claims::time::format_utc(&now),
        tokens,
        skipped,
    })
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
        payload: Value::Null,
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
    }
}

fn explain_token(f: &Found, t: &Token, now: DateTime<Utc>) -> TokenReport {
    let explained = claims::explain(t, &f.context, now);
    let mut warnings = f.notes.clone();
    warnings.extend(t.warnings.iter().cloned());
    warnings.extend(explained.warnings);
    let (payload, payload_type) = match &t.payload {
        Payload::Json(v) => (v.clone(), PayloadType::Json),
        Payload::Text(s) => (Value::String(s.clone()), PayloadType::Text),
        Payload::Binary(b) => (Value::String(hex(b)), PayloadType::Binary),
        Payload::Encrypted { .. } => (Value::Null, PayloadType::Encrypted),
    };
    TokenReport {
        origin: f.origin.clone(),
        kind: match t.kind {
            TokenKind::Jws => Kind::Jws,
            TokenKind::Unsecured => Kind::Unsecured,
            TokenKind::Jwe => Kind::Jwe,
        },
        header: Value::Object(t.header.clone()),
        payload,
        payload_type,
        signature: t.signature.clone(),
        token: Some(t.compact.clone()),
        summary: explained.summary,
        header_params: explained.header_params,
        claims: explained.claims,
        context: f.context.clone(),
        context_fields: explained.context_fields,
        jwe: t.jwe.clone(),
        warnings,
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
