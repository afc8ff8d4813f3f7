//! The pipeline: find the tokens in an input, decode, verify and explain each into the
//! [`Report`] (shared/DESIGN.md). Built once per input by [`build`].

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use crate::claims;
use crate::input::{self, Candidate, Found, InputError};
use crate::report::{Kind, PayloadData, PayloadType, Report, Skipped, TokenReport, Verification};
use crate::source::Source;
use crate::token::{self, Payload, Token, TokenError, TokenKind};
use crate::verify::Verifier;

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
    let mut skipped = Vec::new();
    let mut first_error: Option<(String, TokenError)> = None;
    let candidates = found.len();
    for mut f in found {
        // Take the text out of the candidate: a 260 KB token moves into the report uncopied.
        let candidate = std::mem::replace(&mut f.candidate, Candidate::Opaque(String::new()));
        let lone = matches!(candidate, Candidate::Lone(_));
        match candidate {
            Candidate::Opaque(text) => tokens.push(opaque(&f, &text, now)),
            Candidate::Lone(text) | Candidate::Embedded(text) => match token::decode_owned(text) {
                Ok(t) => {
                    let nested = match &t.payload {
                        Payload::Text(p) => {
                            token::nested_token(p).and_then(|n| token::decode(n).ok())
                        }
                        _ => None,
                    };
                    let origin = f.origin.clone();
                    tokens.push(explain_token(f, t, now, verifier));
                    if let Some(inner) = nested {
                        let inner_found = Found {
                            origin: format!("{origin} › nested token"),
                            candidate: Candidate::Opaque(String::new()),
                            context: Map::new(),
                            notes: Vec::new(),
                        };
                        tokens.push(explain_token(inner_found, inner, now, verifier));
                    }
                }
                Err(e) => {
                    if lone && candidates == 1 {
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
            PayloadData::Value(Value::String(base16ct::lower::encode_string(&b))),
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
