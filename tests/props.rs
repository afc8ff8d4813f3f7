//! Property tests: no input panics, and what is encoded decodes back unchanged.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use proptest::prelude::*;
use serde_json::{Map, Value};

use jwtscope::pipeline;
use jwtscope::report::PayloadType;
use jwtscope::source::Source;

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(common::NOW)
        .unwrap()
        .into()
}

/// JSON values without floats (their text form may legitimately change).
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        ".{0,20}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(("[a-z_]{1,8}", inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = pipeline::build(&bytes, Source::Stdin, now());
    }

    #[test]
    fn token_shaped_noise_never_panics(s in "[A-Za-z0-9_=+/. \\-\"'{}]{0,300}") {
        let _ = pipeline::build(s.as_bytes(), Source::Argument, now());
        let _ = pipeline::build(format!("eyJ{s}").as_bytes(), Source::Argument, now());
    }

    #[test]
    fn claims_round_trip_in_order(
        claims in prop::collection::vec(("[a-z_]{1,10}", json_value()), 1..12),
        kid in "[a-zA-Z0-9]{1,16}",
    ) {
        let mut payload = Map::new();
        for (k, v) in claims {
            payload.insert(k, v);
        }
        let payload = Value::Object(payload);
        let header = serde_json::json!({"alg": "RS256", "kid": kid});
        let token = common::token(&header.to_string(), &payload.to_string());
        let r = pipeline::build(token.as_bytes(), Source::Argument, now()).unwrap();
        let t = &r.tokens[0];
        prop_assert_eq!(t.payload_type, PayloadType::Json);
        prop_assert_eq!(&t.payload_json(), &payload);
        prop_assert_eq!(&t.header, &header);
        let names: Vec<&String> = t.claims.iter().map(|c| &c.name).collect();
        let expected: Vec<&String> = payload.as_object().unwrap().keys().collect();
        prop_assert_eq!(names, expected);
    }

    #[test]
    fn wrapping_does_not_change_the_result(prefix in prop_oneof![Just(""), Just("Bearer "), Just("Authorization: Bearer "), Just("  ")],
                                           quote in prop_oneof![Just(""), Just("\""), Just("'")],
                                           break_at in 10usize..100) {
        let token = common::token(r#"{"alg":"HS256"}"#, r#"{"sub":"x","exp":1795593900}"#);
        let mut broken = token.clone();
        broken.insert_str(break_at.min(token.len() - 1), "\r\n");
        let input = format!("{prefix}{quote}{broken}{quote}\n");
        let r = pipeline::build(input.as_bytes(), Source::Stdin, now()).unwrap();
        prop_assert_eq!(r.tokens.len(), 1);
        prop_assert_eq!(r.tokens[0].token.as_deref(), Some(token.as_str()));
    }
}

/// Strings the JSON walker and the text scanner meet in HAR files and logs: URLs, dotted
/// keys, sentences, tokens, on one line or many.
fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln".to_string()),
            Just("eyJhbGciOiJIUzI1NiJ9..".to_string()),
            Just("https://journey.example.com/p/1".to_string()),
            Just("key.0".to_string()),
            Just("Authorization: Bearer ".to_string()),
            Just("id_token=".to_string()),
            Just(" : ".to_string()),
            Just("\n".to_string()),
            "[a-zA-Z0-9._ =\u{200b}\u{e9}-]{0,12}",
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The walker and scanner never panic, every candidate's text comes from the input, and
    /// origins stay bounded however long and deep the keys.
    #[test]
    fn the_walker_and_scanner_stay_within_the_input(
        text in hostile_text(),
        keys in prop::collection::vec("[a-z.]{0,200}", 0..20),
    ) {
        let mut doc = serde_json::json!({"access_token": text, "note": text, "list": [text, {"value": text, "name": text}]});
        for k in &keys {
            doc = serde_json::json!({ k.as_str(): doc, "id_token": text });
        }
        for input in [text.clone(), doc.to_string()] {
            let _ = jwtscope::input::find_each(input.as_bytes(), &mut |f| {
                assert!(f.origin.len() <= 20 * 64 + 200, "{}", f.origin);
                let t = f.candidate.text();
                assert!(t.is_empty() || text.contains(t) || t.chars().all(|c| !c.is_whitespace()), "{t}");
                std::ops::ControlFlow::Continue(())
            });
            let _ = pipeline::build(input.as_bytes(), Source::Stdin, now());
        }
    }
}
