//! The team's conformance corpus: 74 real tokens published by others must decode to their
//! published header and payload, and 57 malformed inputs must get what malformed.json says
//! jwtscope does (error / decode with a warning / decode).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use assert_cmd::Command;
use base64::Engine as _;
use serde_json::Value;

use jwtscope::pipeline;
use jwtscope::report::{Kind, PayloadType};
use jwtscope::source::Source;

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(common::NOW)
        .unwrap()
        .into()
}

/// JSON equality where numbers compare by value: the corpus was re-serialised by Python
/// (`1.30081938e+09` became `1300819380.0`), while jwtscope keeps the token's spelling.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            x.to_string() == y.to_string()
                || x.as_f64()
                    .zip(y.as_f64())
                    .is_some_and(|(p, q)| (p - q).abs() < f64::EPSILON * p.abs().max(1.0))
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

#[test]
fn every_corpus_token_decodes_to_its_published_header_and_payload() {
    let tokens = common::conformance_tokens();
    assert_eq!(tokens.len(), 74, "the corpus has 74 tokens");
    for (name, case) in tokens {
        let text = case["token"].as_str().unwrap();
        let report = pipeline::build(text.as_bytes(), Source::Argument, now())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(report.tokens.len(), 1, "{name}");
        let t = &report.tokens[0];
        assert!(
            same(&t.header, &case["header"]),
            "{name}: header {} != {}",
            t.header,
            case["header"]
        );
        let segments = text.split('.').count();
        if segments == 5 {
            assert_eq!(t.kind, Kind::Jwe, "{name}");
            assert_eq!(t.payload_type, PayloadType::Encrypted, "{name}");
            continue;
        }
        match &case["payload"] {
            Value::String(s) => {
                assert_eq!(t.payload_type, PayloadType::Text, "{name}");
                assert_eq!(t.payload_json().as_str().unwrap(), s, "{name}");
            }
            published => {
                assert_eq!(t.payload_type, PayloadType::Json, "{name}");
                let payload = t.payload_json();
                assert!(
                    same(&payload, published),
                    "{name}: payload {payload} != {published}"
                );
                // Member order is the token's, not sorted (serde_json preserve_order).
                let ours: Vec<&String> = payload.as_object().unwrap().keys().collect();
                let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
                    .decode(text.split('.').nth(1).unwrap().trim_end_matches('='))
                    .unwrap();
                let raw = String::from_utf8(raw).unwrap();
                let mut positions: Vec<usize> = ours
                    .iter()
                    .map(|k| raw.find(&format!("\"{k}\"")).unwrap())
                    .collect();
                let sorted = {
                    let mut p = positions.clone();
                    p.sort_unstable();
                    p
                };
                assert_eq!(positions, sorted, "{name}: claims are not in token order");
                positions.clear();
            }
        }
        let expected_kind = if case["header"]["alg"] == "none" {
            Kind::Unsecured
        } else {
            Kind::Jws
        };
        assert_eq!(t.kind, expected_kind, "{name}");
    }
}

#[test]
fn padded_microsoft_samples_decode_with_a_padding_warning() {
    for (name, case) in common::conformance_tokens() {
        let text = case["token"].as_str().unwrap();
        let report = pipeline::build(text.as_bytes(), Source::Argument, now()).unwrap();
        let padded = text.split('.').any(|s| s.ends_with('='));
        let warned = report.tokens[0]
            .warnings
            .iter()
            .any(|w| w.contains("'=' padding"));
        assert_eq!(padded, warned, "{name}: {:?}", report.tokens[0].warnings);
    }
}

/// The bytes of a malformed case: `raw_b64`, or its generator re-implemented.
fn malformed_input(case: &Value) -> Vec<u8> {
    let b64u = |b: &[u8]| common::b64u(b);
    match case["id"].as_str().unwrap() {
        // 10 MiB of pseudo-random bytes (the corpus uses SHA-256 blocks; any noise will do).
        "M47" => {
            let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
            (0..10 * 1024 * 1024)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    (x >> 24) as u8
                })
                .collect()
        }
        "M48" => format!(
            "{}.{}.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
            b64u(br#"{"alg":"HS256","typ":"JWT"}"#),
            "A".repeat(10_485_760)
        )
        .into_bytes(),
        "M49" => format!(
            "{}.{}.",
            b64u(br#"{"alg":"none"}"#),
            b64u("[".repeat(100_000).as_bytes())
        )
        .into_bytes(),
        _ => base64::engine::general_purpose::STANDARD
            .decode(case["raw_b64"].as_str().unwrap())
            .unwrap(),
    }
}

#[test]
fn malformed_inputs_get_what_the_corpus_expects() {
    let doc = common::read_json(&common::conformance_dir().join("malformed.json"));
    let cases = doc["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 57);
    for case in cases {
        let id = case["id"].as_str().unwrap();
        let expect = case["jwtscope"].as_str().unwrap();
        let input = malformed_input(case);
        let out = Command::cargo_bin("jwtscope")
            .unwrap()
            .args(["--output", "json", "--now", common::NOW])
            .write_stdin(input)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        match expect {
            "error" => {
                assert_eq!(out.status.code(), Some(1), "{id}: {stderr}");
                assert!(out.stdout.is_empty(), "{id}: stdout must be empty");
                let first = stderr.lines().next().unwrap_or_default();
                assert!(first.starts_with("error: "), "{id}: {stderr}");
                assert!(first.len() < 400, "{id}: one short line: {first}");
                assert!(!stderr.contains("panicked"), "{id}: {stderr}");
            }
            "decode" | "decode_with_warning" | "decode_then_verification_invalid" => {
                assert_eq!(out.status.code(), Some(0), "{id}: {stderr}");
                let report: Value = serde_json::from_slice(&out.stdout).unwrap();
                let tokens = report["tokens"].as_array().unwrap();
                assert_eq!(tokens.len(), 1, "{id}");
                let warnings = tokens[0]["warnings"].as_array().unwrap();
                if expect == "decode_with_warning" {
                    assert!(!warnings.is_empty(), "{id}: expected a warning");
                }
                if expect == "decode" {
                    assert!(
                        warnings.is_empty(),
                        "{id}: unexpected warnings {warnings:?}"
                    );
                }
            }
            other => panic!("{id}: unknown expectation {other}"),
        }
    }
}

/// The error messages name what is wrong and where.
#[test]
fn malformed_errors_name_the_problem() {
    let doc = common::read_json(&common::conformance_dir().join("malformed.json"));
    let expect = [
        ("M01", "empty input"),
        ("M02", "empty input"),
        ("M03", "wrong number of segments: 1"),
        ("M04", "wrong number of segments: 2"),
        ("M05", "wrong number of segments: 4"),
        ("M07", "wrong number of segments: 6"),
        ("M10", "header segment"),
        ("M20", "invalid base64url characters '*', '&'"),
        ("M25", "invalid base64url length"),
        ("M27", "wrong number of segments: 2"),
        ("M29", "header segment"),
        ("M30", "must be a JSON object"),
        ("M43", "byte 0xFF at offset"),
        ("M44", "U+0000"),
        ("M46", "payload segment"),
        ("M47", "no token found"),
        ("M48", "MiB"),
        ("M49", "nested 128 or more levels"),
    ];
    for (id, needle) in expect {
        let case = doc["cases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap();
        let out = Command::cargo_bin("jwtscope")
            .unwrap()
            .write_stdin(malformed_input(case))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(needle),
            "{id}: {stderr:?} should mention {needle:?}"
        );
    }
}
