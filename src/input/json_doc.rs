//! Tokens in JSON documents: token responses (IMDS, `az account get-access-token`, OAuth),
//! HAR files, token caches, anything. Every string member is looked at; members named like
//! tokens (`access_token`, `accessToken`, ...) are taken whole, and a non-JWT value there is
//! an opaque token. The scalar members next to a token are kept as its context.

use serde_json::{Map, Value};

use super::{Candidate, ErrorDocument, Found, text};

/// Members whose value is a token whether or not it is a JWT.
const TOKEN_KEYS: &[&str] = &[
    "access_token",
    "id_token",
    "refresh_token",
    "accessToken",
    "idToken",
    "refreshToken",
    "token",
];

/// Context values longer than this are left out: they are payloads, not metadata.
const MAX_CONTEXT_LEN: usize = 512;

fn is_token_key(k: &str) -> bool {
    TOKEN_KEYS.contains(&k)
}

fn child_path(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// The scalar members of `obj` other than `except` and other tokens.
fn context(obj: &Map<String, Value>, except: &str) -> Map<String, Value> {
    obj.iter()
        .filter(|(k, v)| {
            k.as_str() != except
                && !is_token_key(k)
                && match v {
                    Value::String(s) => s.len() <= MAX_CONTEXT_LEN && !s.starts_with("eyJ"),
                    Value::Number(_) | Value::Bool(_) | Value::Null => true,
                    Value::Array(_) | Value::Object(_) => false,
                }
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// Walk `value`, appending every token candidate to `out`; the first error document seen is
/// kept in `error_doc` (it is the answer when no token turns up).
pub(super) fn walk(value: &Value, out: &mut Vec<Found>, error_doc: &mut Option<ErrorDocument>) {
    walk_at(value, "", out, error_doc);
}

fn walk_at(value: &Value, path: &str, out: &mut Vec<Found>, error_doc: &mut Option<ErrorDocument>) {
    match value {
        Value::Object(obj) => {
            if error_doc.is_none() && !obj.keys().any(|k| is_token_key(k)) {
                *error_doc = ErrorDocument::recognise(obj);
            }
            for (k, v) in obj {
                let here = child_path(path, k);
                match v {
                    Value::String(s) => string_member(obj, k, s, &here, out, error_doc),
                    Value::Object(_) | Value::Array(_) => walk_at(v, &here, out, error_doc),
                    _ => {}
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk_at(v, &format!("{path}[{i}]"), out, error_doc);
            }
        }
        Value::String(s) => {
            // A document that is just a JSON string: "eyJ...".
            out.extend(text::find(s, (!path.is_empty()).then_some(path)));
        }
        _ => {}
    }
}

fn string_member(
    obj: &Map<String, Value>,
    key: &str,
    s: &str,
    path: &str,
    out: &mut Vec<Found>,
    error_doc: &mut Option<ErrorDocument>,
) {
    if s.trim().is_empty() {
        return;
    }
    // HAR headers and similar name/value pairs: say which header it was.
    let origin = match (key, obj.get("name").and_then(Value::as_str)) {
        ("value", Some(name)) => format!("{path} ({name})"),
        _ => path.to_string(),
    };
    let trimmed = s.trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        // JSON inside a string (a HAR response body): walk it, so its metadata is kept too.
        if let Ok(inner) = serde_json::from_str::<Value>(s) {
            walk_at(&inner, &origin, out, error_doc);
            return;
        }
    }
    let token_key = is_token_key(key);
    if !(token_key || s.contains("ey") && s.contains('.')) {
        return;
    }
    let mut found = text::find(s, Some(&origin));
    if !token_key {
        // Elsewhere only what decodes counts: a stray "ey..." in a description is no error.
        for f in &mut found {
            if let Candidate::Lone(t) = &f.candidate {
                f.candidate = Candidate::Embedded(t.clone());
            }
        }
    }
    if found.is_empty() && token_key {
        found.push(Found {
            origin: origin.clone(),
            candidate: Candidate::Opaque(s.to_string()),
            context: Map::new(),
            notes: Vec::new(),
        });
    }
    if let [single] = found.as_mut_slice()
        && token_key
        && !single.candidate.text().starts_with("ey")
        && !single.candidate.text().starts_with("ew")
        && matches!(single.candidate, Candidate::Lone(_))
    {
        // "dummytoken", "redacted", an opaque refresh token: not a JWT attempt.
        single.candidate = Candidate::Opaque(single.candidate.text().to_string());
    }
    let ctx = context(obj, key);
    for mut f in found {
        f.context.clone_from(&ctx);
        out.push(f);
    }
}
