//! The pipeline: find the tokens in an input, decode, verify and explain each into the
//! [`Report`] (shared/DESIGN.md). Built once per input by [`build`].

use std::ops::ControlFlow;

use serde_json::{Map, Value};

use crate::claims::{self, time::Now};
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

/// Find, decode and explain every token in `bytes` at `now`: a `DateTime<Utc>` (local times
/// in the machine's zone) or a [`Now`] naming the zone.
pub fn build(bytes: &[u8], source: Source, now: impl Into<Now>) -> Result<Report, Error> {
    let found = input::find(bytes)?;
    from_found(found, source, now, None)
}

/// As [`build`], taking the input so that a bare token is not copied.
pub fn build_owned(bytes: Vec<u8>, source: Source, now: impl Into<Now>) -> Result<Report, Error> {
    build_verified(bytes, source, now, None)
}

/// As [`build_owned`], verifying every token with `verifier` (when verification was asked for).
pub fn build_verified(
    bytes: Vec<u8>,
    source: Source,
    now: impl Into<Now>,
    verifier: Option<&Verifier>,
) -> Result<Report, Error> {
    let found = input::find_owned(bytes)?;
    from_found(found, source, now, verifier)
}

/// Decode and explain candidates already found.
pub fn from_found(
    found: Vec<Found>,
    source: Source,
    now: impl Into<Now>,
    verifier: Option<&Verifier>,
) -> Result<Report, Error> {
    let now = now.into();
    let mut tokens = Vec::new();
    let mut run = Run::new();
    for d in found.into_iter().filter_map(|f| run.decode(f)) {
        let _ = explain_decoded(d, now, verifier, &mut |t| {
            tokens.push(t);
            ControlFlow::Continue(())
        });
    }
    let skipped = run.finish()?;
    Ok(Report {
        source,
        now: claims::time::format_utc(&now.utc),
        tokens,
        skipped,
    })
}

/// Decode and explain one candidate: the UI calls this when a token is shown. A candidate
/// gives one report, two for a nested token, or the reason it does not decode.
pub fn explain_found(
    f: Found,
    now: impl Into<Now>,
    verifier: Option<&Verifier>,
) -> Result<Vec<TokenReport>, Skipped> {
    let mut out = Vec::new();
    let mut run = Run::new();
    match run.decode(f) {
        Some(d) => {
            let _ = explain_decoded(d, now.into(), verifier, &mut |t| {
                out.push(t);
                ControlFlow::Continue(())
            });
            Ok(out)
        }
        // A candidate that does not decode is always listed as skipped.
        None => Err(run.skipped.pop().unwrap_or_else(|| Skipped {
            origin: String::new(),
            reason: "does not decode".to_string(),
        })),
    }
}

/// A candidate that decoded (or an opaque one), ready to be explained: [`explain_decoded`]
/// does the rest.
pub struct Decoded {
    found: Found,
    what: DecodedKind,
}

// Nearly every candidate is a token; boxing it would cost an allocation per token.
#[allow(clippy::large_enum_variant)]
enum DecodedKind {
    Opaque(String),
    Token {
        token: Token,
        /// The tokens nested in it, outermost first (RFC 7519 §5.2: a JWT whose payload is a
        /// JWT), at most [`MAX_NESTED`].
        nested: Vec<Token>,
    },
}

/// Nested tokens unwrapped at most (each is smaller than the one holding it, so the work
/// stays linear); a deeper one is named in a warning.
const MAX_NESTED: usize = 8;

impl Decoded {
    /// How many reports [`explain_decoded`] gives: one, and one more for each nested token.
    pub fn reports(&self) -> usize {
        match &self.what {
            DecodedKind::Token { nested, .. } => 1 + nested.len(),
            DecodedKind::Opaque(_) => 1,
        }
    }
}

/// Explain a decoded candidate into its reports, in order.
pub fn explain_decoded(
    d: Decoded,
    now: Now,
    verifier: Option<&Verifier>,
    emit: &mut dyn FnMut(TokenReport) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let Decoded { found, what } = d;
    match what {
        DecodedKind::Opaque(text) => emit(opaque(&found, &text, now)),
        DecodedKind::Token { token, nested } => {
            let mut origin = if nested.is_empty() {
                String::new()
            } else {
                found.origin.clone()
            };
            emit(explain_token(found, token, now, verifier))?;
            for inner in nested {
                origin.push_str(" › nested token");
                let inner_found = Found {
                    origin: origin.clone(),
                    candidate: Candidate::Opaque(String::new()),
                    context: Map::new(),
                    notes: Vec::new(),
                };
                emit(explain_token(inner_found, inner, now, verifier))?;
            }
            ControlFlow::Continue(())
        }
    }
}

/// A candidate that does not decode: where it was and why.
pub struct Undecodable {
    origin: String,
    error: TokenError,
}

/// Decode one candidate (the half of the work that decides how many reports it gives); see
/// [`Run::count`] for counting it.
pub fn decode(mut f: Found) -> Result<Decoded, Undecodable> {
    // Take the text out of the candidate: a 260 KB token moves into the report uncopied.
    let candidate = std::mem::replace(&mut f.candidate, Candidate::Opaque(String::new()));
    let what = match candidate {
        Candidate::Opaque(text) => DecodedKind::Opaque(text),
        Candidate::Lone(text) | Candidate::Embedded(text) => match token::decode_owned(text) {
            Ok(token) => {
                let inside = |t: &Token| match &t.payload {
                    Payload::Text(p) => token::nested_token(p).and_then(|n| token::decode(n).ok()),
                    _ => None,
                };
                let mut nested: Vec<Token> = Vec::new();
                while let Some(inner) = inside(nested.last().unwrap_or(&token)) {
                    if nested.len() == MAX_NESTED {
                        if let Some(last) = nested.last_mut() {
                            last.warnings.push(format!(
                                "its payload is a nested token too (a {}-byte {}); jwtscope unwraps at most {MAX_NESTED} nested tokens",
                                inner.compact.len(),
                                if inner.kind == token::TokenKind::Jwe { "JWE" } else { "JWS" }
                            ));
                        }
                        break;
                    }
                    nested.push(inner);
                }
                DecodedKind::Token { token, nested }
            }
            Err(error) => {
                return Err(Undecodable {
                    origin: f.origin,
                    error,
                });
            }
        },
    };
    Ok(Decoded { found: f, what })
}

/// A run over candidates: decodes each in input order, keeping what was skipped and the first
/// decode error, so that [`Run::finish`] gives [`build`]'s errors.
pub struct Run {
    tokens: usize,
    skipped: Vec<Skipped>,
    first_error: Option<(String, TokenError)>,
}

impl Default for Run {
    fn default() -> Self {
        Self::new()
    }
}

impl Run {
    pub fn new() -> Self {
        Self {
            tokens: 0,
            skipped: Vec::new(),
            first_error: None,
        }
    }

    /// Decode one candidate; `None` when it does not decode (it is then listed as skipped).
    pub fn decode(&mut self, f: Found) -> Option<Decoded> {
        match decode(f) {
            Ok(d) => {
                self.count(Ok(d.reports()));
                Some(d)
            }
            Err(u) => {
                self.count(Err(u));
                None
            }
        }
    }

    /// Count a candidate decoded and explained elsewhere, in input order: the number of
    /// reports it gave, or why it did not decode (it is then listed as skipped).
    pub fn count(&mut self, outcome: Result<usize, Undecodable>) {
        match outcome {
            Ok(reports) => self.tokens += reports,
            Err(Undecodable { origin, error }) => {
                self.skipped.push(Skipped {
                    origin: origin.clone(),
                    reason: error.to_string(),
                });
                self.first_error.get_or_insert((origin, error));
            }
        }
    }

    /// What was skipped, or the error when nothing decoded.
    pub fn finish(self) -> Result<Vec<Skipped>, Error> {
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

fn opaque(f: &Found, text: &str, now: Now) -> TokenReport {
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

fn explain_token(f: Found, t: Token, now: Now, verifier: Option<&Verifier>) -> TokenReport {
    // Verification reads the token as decoded, before its parts move into the report.
    let verification = match verifier {
        Some(v) => v.verify(&t, now.utc),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::time::Zone;
    use crate::report::SignatureStatus;
    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use chrono::{DateTime, Utc};

    fn now() -> Now {
        Now::new(
            DateTime::<Utc>::from_timestamp(1_700_000_000, 0).unwrap(),
            Zone::utc(),
        )
    }

    fn seg(bytes: &[u8]) -> String {
        URL_SAFE_NO_PAD.encode(bytes)
    }

    fn jws(payload: &[u8]) -> String {
        format!("{}.{}.c2ln", seg(br#"{"alg":"HS256"}"#), seg(payload))
    }

    fn build_str(s: &str) -> Result<Report, Error> {
        build(s.as_bytes(), Source::Argument, now())
    }

    #[test]
    fn a_token_becomes_one_report_item() {
        let r = build_str(&jws(br#"{"sub":"a","exp":1700000600}"#)).unwrap();
        assert_eq!(r.now, "2023-11-14T22:13:20Z");
        assert_eq!(r.tokens.len(), 1);
        let t = &r.tokens[0];
        assert_eq!((t.kind, t.payload_type), (Kind::Jws, PayloadType::Json));
        assert_eq!(t.payload, PayloadData::Claims);
        assert_eq!(t.claim("sub").map(|f| &f.value), Some(&Value::from("a")));
        assert_eq!(t.summary.expiry, "valid · expires in 10m");
        assert_eq!(t.signature, "c2ln");
        assert_eq!(
            t.token.as_deref(),
            Some(jws(br#"{"sub":"a","exp":1700000600}"#).as_str())
        );
        assert_eq!(t.verification.status, SignatureStatus::NotChecked);
        assert!(
            t.verification
                .reason
                .as_deref()
                .unwrap()
                .contains("no key given")
        );
    }

    #[test]
    fn payloads_that_are_not_json_objects_keep_their_form() {
        let r = build_str(&jws(b"\xe9\x00\xff")).unwrap();
        let t = &r.tokens[0];
        assert_eq!(t.payload_type, PayloadType::Binary);
        assert_eq!(t.payload, PayloadData::Value(Value::from("e900ff")));
        assert!(
            t.warnings.iter().any(|w| w.contains("not UTF-8")),
            "{:?}",
            t.warnings
        );
        let r = build_str(&jws(b"hello")).unwrap();
        assert_eq!(r.tokens[0].payload_type, PayloadType::Text);
        assert_eq!(r.tokens[0].payload_json(), Value::from("hello"));
        let r = build_str(&jws(b"[1,2]")).unwrap();
        assert_eq!(r.tokens[0].payload_type, PayloadType::Json);
        assert!(r.tokens[0].claims.is_empty());
    }

    #[test]
    fn nested_tokens_are_unwrapped_to_a_bounded_depth() {
        let wrap = |inner: &str| {
            format!(
                "{}.{}.",
                seg(br#"{"alg":"none","cty":"JWT"}"#),
                seg(inner.as_bytes())
            )
        };
        let mut t = jws(br#"{"sub":"innermost"}"#);
        for _ in 0..2 {
            t = wrap(&t);
        }
        let r = build_str(&t).unwrap();
        let origins: Vec<&str> = r.tokens.iter().map(|t| t.origin.as_str()).collect();
        assert_eq!(
            origins,
            [
                "input",
                "input › nested token",
                "input › nested token › nested token"
            ]
        );
        assert_eq!(r.tokens[2].summary.subject.as_deref(), Some("innermost"));
        // Eleven levels: the outer token and eight nested ones, the last saying there is more.
        for _ in 0..8 {
            t = wrap(&t);
        }
        let r = build_str(&t).unwrap();
        assert_eq!(r.tokens.len(), 1 + MAX_NESTED);
        let last = r.tokens.last().unwrap();
        assert!(
            last.warnings
                .iter()
                .any(|w| w.contains("at most 8 nested tokens")),
            "{:?}",
            last.warnings
        );
    }

    #[test]
    fn a_nested_token_is_reported_after_its_container() {
        let inner = jws(br#"{"sub":"inner"}"#);
        let outer = format!(
            "{}.{}.",
            seg(br#"{"alg":"none","cty":"JWT"}"#),
            seg(inner.as_bytes())
        );
        let r = build_str(&outer).unwrap();
        assert_eq!(r.tokens.len(), 2);
        assert_eq!(r.tokens[0].kind, Kind::Unsecured);
        assert_eq!(r.tokens[1].origin, "input › nested token");
        assert_eq!(r.tokens[1].summary.subject.as_deref(), Some("inner"));
        assert!(
            r.tokens[0]
                .verification
                .reason
                .as_deref()
                .unwrap()
                .contains("alg none")
        );
    }

    #[test]
    fn undecodable_candidates_are_errors_or_skipped() {
        // One token that does not decode: its error, with no origin prefix.
        let e = build_str("eyJhbGciOiJIUzI1NiJ9.e30").unwrap_err();
        assert!(matches!(e, Error::Token { .. }));
        assert!(e.to_string().starts_with("wrong number of segments"), "{e}");
        // Several, none decodes: how many, and the first.
        let two = r#"{"a":"eyJhbGciOiJIUzI1NiJ9.e30.x.y","b":"eyJhbGciOiJIUzI1NiJ9.eyJ.x.y.z"}"#;
        let e = build_str(two).unwrap_err();
        assert!(matches!(e, Error::NoneDecodes { count: 2, .. }), "{e}");
        // Some decode: the others are listed as skipped.
        let mixed = format!(
            r#"{{"a":"{}","b":"eyJhbGciOiJIUzI1NiJ9.e30.x.y"}}"#,
            jws(b"{}")
        );
        let r = build_str(&mixed).unwrap();
        assert_eq!(r.tokens.len(), 1);
        assert_eq!(r.skipped.len(), 1);
        assert!(r.skipped[0].origin.contains('b'), "{:?}", r.skipped);
    }

    #[test]
    fn an_opaque_token_is_listed_with_its_context() {
        let r = build_str(r#"{"refresh_token":"0.AAAA-opaque","expires_in":"3599"}"#).unwrap();
        let t = &r.tokens[0];
        assert_eq!(t.kind, Kind::Opaque);
        assert_eq!(t.token, None);
        assert_eq!(t.header, Value::Null);
        assert!(t.warnings.iter().any(|w| w.contains("opaque token")));
        assert_eq!(t.verification.status, SignatureStatus::NotChecked);
        assert_eq!(t.context_fields[0].meaning.as_deref(), Some("59m 59s"));
    }
}
