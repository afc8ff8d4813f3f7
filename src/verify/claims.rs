//! The claim checks that go with a signature check: `iss`, `aud`, `exp`, `nbf`.
//!
//! They are reported next to the signature result, never folded into it: "the signature is
//! valid, but the token expired" is two facts.

use crate::token::json::Members as _;
use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::shown::shown;
use crate::claims::time::judge;
use crate::report::ClaimCheck;
use crate::token::Payload;
use crate::token::json::type_name;

/// What the user asked to check.
#[derive(Debug, Clone, Default)]
pub(crate) struct Expectations {
    pub iss: Option<String>,
    pub aud: Option<String>,
    pub leeway: u64,
}

/// Check `exp` and `nbf` when the token has them, and `iss`/`aud` when the user named them.
pub(crate) fn check(payload: &Payload, want: &Expectations, now: DateTime<Utc>) -> Vec<ClaimCheck> {
    let Some(claims) = payload.claims() else {
        let mut out = Vec::new();
        for (name, asked) in [("iss", want.iss.is_some()), ("aud", want.aud.is_some())] {
            if asked {
                out.push(ClaimCheck::new(
                    name,
                    false,
                    "no claims to check: the payload is not a JSON object".to_string(),
                ));
            }
        }
        return out;
    };
    let mut out = Vec::new();
    if let Some(iss) = &want.iss {
        out.push(check_iss(claims, iss));
    }
    if let Some(aud) = &want.aud {
        out.push(check_aud(claims, aud));
    }
    let numeric = |name: &str| {
        claims
            .member(name)
            .filter(|v| v.is_number())
            .and_then(Value::as_f64)
    };
    let judged = judge(numeric("exp").map(Some), numeric("nbf"), now, want.leeway);
    if let Some(exp) = claims.member("exp") {
        out.push(match exp.as_f64() {
            Some(t) if exp.is_number() => {
                let ok = !judged.expired;
                let when = describe_time(t);
                ClaimCheck::new(
                    "exp",
                    ok,
                    if ok {
                        format!("expires {when} (leeway {} s)", want.leeway)
                    } else {
                        format!("expired {when} (leeway {} s)", want.leeway)
                    },
                )
            }
            _ => ClaimCheck::new(
                "exp",
                false,
                format!(
                    "\"exp\" is {}, not a NumericDate (RFC 7519 §2): a validator cannot tell when the token expires",
                    type_name(exp)
                ),
            ),
        });
    }
    if let Some(nbf) = claims.member("nbf") {
        out.push(match nbf.as_f64() {
            Some(t) if nbf.is_number() => {
                let ok = !judged.early;
                let when = describe_time(t);
                ClaimCheck::new(
                    "nbf",
                    ok,
                    if ok {
                        format!("valid since {when} (leeway {} s)", want.leeway)
                    } else {
                        format!("not valid before {when} (leeway {} s)", want.leeway)
                    },
                )
            }
            _ => ClaimCheck::new(
                "nbf",
                false,
                format!(
                    "\"nbf\" is {}, not a NumericDate (RFC 7519 §2)",
                    type_name(nbf)
                ),
            ),
        });
    }
    out
}

fn check_iss(claims: &Map<String, Value>, want: &str) -> ClaimCheck {
    match claims.member("iss") {
        Some(Value::String(iss)) if iss == want => {
            ClaimCheck::new("iss", true, format!("iss is {iss:?}"))
        }
        Some(Value::String(iss)) => {
            ClaimCheck::new("iss", false, format!("iss is {iss:?}, expected {want:?}"))
        }
        Some(other) => ClaimCheck::new(
            "iss",
            false,
            format!("iss is {}, not a string", type_name(other)),
        ),
        None => ClaimCheck::new("iss", false, format!("no iss claim; expected {want:?}")),
    }
}

fn check_aud(claims: &Map<String, Value>, want: &str) -> ClaimCheck {
    match claims.member("aud") {
        Some(Value::String(aud)) if aud == want => {
            ClaimCheck::new("aud", true, format!("aud is {aud:?}"))
        }
        Some(Value::String(aud)) => {
            ClaimCheck::new("aud", false, format!("aud is {aud:?}, expected {want:?}"))
        }
        Some(Value::Array(items)) => {
            let ok = items.iter().any(|v| v.as_str() == Some(want));
            ClaimCheck::new(
                "aud",
                ok,
                if ok {
                    format!("aud contains {want:?}")
                } else {
                    format!(
                        "aud {} does not contain {want:?}",
                        shown(&Value::Array(items.clone()))
                    )
                },
            )
        }
        Some(other) => ClaimCheck::new(
            "aud",
            false,
            format!("aud is {}, not a string or an array", type_name(other)),
        ),
        None => ClaimCheck::new("aud", false, format!("no aud claim; expected {want:?}")),
    }
}

fn describe_time(t: f64) -> String {
    if t.is_finite() && t.abs() < 1e13 {
        let secs = t.floor() as i64;
        if let Some(dt) = DateTime::<Utc>::from_timestamp(secs, 0) {
            return dt.format("%Y-%m-%d %H:%M:%S UTC").to_string();
        }
    }
    format!("at {t} (outside the calendar)")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap()
    }

    fn payload(v: Value) -> Payload {
        Payload::Json(v)
    }

    #[test]
    fn exp_and_nbf_honour_the_leeway() {
        let p = payload(json!({"exp": 1000, "nbf": 900}));
        let strict = Expectations::default();
        let c = check(&p, &strict, at(1000));
        assert!(!c[0].ok, "exp is exclusive: {c:?}");
        assert_eq!(c[0].detail, "expired 1970-01-01 00:16:40 UTC (leeway 0 s)");
        let lenient = Expectations {
            leeway: 30,
            ..Expectations::default()
        };
        assert!(check(&p, &lenient, at(1029))[0].ok);
        assert!(!check(&p, &lenient, at(1030))[0].ok);
        assert!(!check(&p, &strict, at(899))[1].ok);
        assert!(check(&p, &lenient, at(870))[1].ok);
    }

    #[test]
    fn odd_dates_are_failures_not_panics() {
        let p = payload(json!({"exp": "1300819380", "nbf": 1.5}));
        let c = check(&p, &Expectations::default(), at(2));
        assert!(!c[0].ok && c[0].detail.contains("a string"), "{c:?}");
        assert!(c[1].ok);
        let huge = payload(json!({"exp": 9_223_372_036_854_775_807_i64}));
        let c = check(&huge, &Expectations::default(), at(2));
        assert!(c[0].ok, "{c:?}");
    }

    #[test]
    fn iss_and_aud_are_compared_exactly() {
        let p = payload(json!({"iss": "joe", "aud": ["a", null, 3, "b"]}));
        let want = Expectations {
            iss: Some("joe".into()),
            aud: Some("b".into()),
            leeway: 0,
        };
        let c = check(&p, &want, at(0));
        assert!(c.iter().all(|c| c.ok), "{c:?}");
        let wrong = Expectations {
            iss: Some("Joe".into()),
            aud: Some("c".into()),
            leeway: 0,
        };
        let c = check(&p, &wrong, at(0));
        assert!(c.iter().all(|c| !c.ok), "{c:?}");
    }
}
