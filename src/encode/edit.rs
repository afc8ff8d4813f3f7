//! Editing a token's JSON in place, for `encode` and for the UI (`e` edits the header and
//! payload in an editor, `T` shifts the times): member order kept, numbers as spelled, and
//! a part's original bytes kept when it is not changed.

use serde_json::{Map, Value};

use super::when;
use crate::token::{Token, b64};
use crate::verify::signing::SigningKey;

/// Set `name`: in place when present, appended otherwise.
pub fn set(map: &mut Map<String, Value>, name: &str, value: Value) {
    map.insert(name.to_string(), value);
}

/// Set `name`: in place when present, first otherwise (for `alg`).
pub fn set_first(map: &mut Map<String, Value>, name: &str, value: Value) {
    if let Some(v) = map.get_mut(name) {
        *v = value;
    } else {
        map.shift_insert(0, name.to_string(), value);
    }
}

/// Remove `name`, keeping the order of the others.
pub fn remove(map: &mut Map<String, Value>, name: &str) -> Option<Value> {
    map.shift_remove(name)
}

/// The header parameters that name the key a token was signed with (RFC 7515 §4.1.2-8).
pub const KEY_IDS: [&str; 7] = ["kid", "x5t", "x5t#S256", "jku", "x5u", "x5c", "jwk"];

/// A header about to be signed with another key than the one that signed `old` (the header
/// of the token it started from): every key identifier it still has from `old` named the
/// old key, so it goes, and `kid` becomes `kid` (the signing key's
/// [`SigningKey::header_kid`]), in place when there was one. An identifier that differs from
/// `old` was set by the user and stays; a `kid` already equal to `kid` (the same key) too.
/// Returns the identifiers removed or replaced.
pub fn rekey(
    header: &mut Map<String, Value>,
    old: &Map<String, Value>,
    kid: Option<&str>,
) -> Vec<&'static str> {
    let mut changed = Vec::new();
    for name in KEY_IDS {
        let Some(value) = header.get(name) else {
            continue;
        };
        if old.get(name) != Some(value) || (name == "kid" && value.as_str() == kid) {
            continue;
        }
        match kid.filter(|_| name == "kid") {
            Some(kid) => set(header, name, Value::String(kid.to_string())),
            None => {
                remove(header, name);
            }
        }
        changed.push(name);
    }
    if let Some(kid) = kid
        && !header.contains_key("kid")
    {
        set(header, "kid", Value::String(kid.to_string()));
    }
    changed
}

/// The document an editor is given for a token: `{"header": {...}, "payload": {...}}`, pretty
/// printed, members in the token's order, numbers as spelled. `None` when the payload is not
/// a JSON object (an encrypted or non-JSON token cannot be edited this way).
pub fn editor_document(token: &Token) -> Option<String> {
    let claims = token.payload.claims()?;
    let mut doc = Map::new();
    doc.insert("header".to_string(), Value::Object(token.header.clone()));
    doc.insert("payload".to_string(), Value::Object(claims.clone()));
    serde_json::to_string_pretty(&Value::Object(doc))
        .ok()
        .map(|s| s + "\n")
}

/// A token rebuilt after an edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rebuilt {
    /// The compact token.
    pub token: String,
    /// Whether it was signed again (else the old signature was kept, and is now most likely
    /// invalid: "edited: signature not recomputed").
    pub signed: bool,
}

/// Rebuild `original` from an edited [`editor_document`]: parts that did not change keep
/// their bytes; signed again with `key` when there is one (with the header's `alg`), else the
/// old signature is kept. `Err` is a message for the top of the reopened editor.
pub fn rebuild_from_document(
    original: &Token,
    edited: &str,
    key: Option<&SigningKey>,
) -> Result<Rebuilt, String> {
    // Read as the decoder reads a token's JSON: numbers keep their spelling (`1e3`).
    let doc = crate::token::json::parse_str(edited)
        .map_err(|e| e.to_string())?
        .value;
    let Value::Object(mut doc) = doc else {
        return Err("the document must be a JSON object with \"header\" and \"payload\"".into());
    };
    let Some(Value::Object(header)) = doc.shift_remove("header") else {
        return Err("\"header\" must be a JSON object".into());
    };
    let Some(Value::Object(payload)) = doc.shift_remove("payload") else {
        return Err("\"payload\" must be a JSON object".into());
    };
    if let Some(extra) = doc.keys().next() {
        return Err(format!(
            "unexpected member {extra:?}: only \"header\" and \"payload\" are edited"
        ));
    }
    rebuild(original, &header, payload, key)
}

/// Shift the times (`exp`, `nbf`, `iat`) of `original` by `shift` (a duration as `+1h`,
/// `-5m`), then rebuild it as [`rebuild_from_document`] does. Returns the names shifted too.
pub fn shift_times(
    original: &Token,
    shift: &str,
    key: Option<&SigningKey>,
) -> Result<(Rebuilt, Vec<&'static str>), String> {
    let secs = when::parse_duration(shift)?;
    let mut payload = original
        .payload
        .claims()
        .cloned()
        .ok_or("the payload is not a JSON object: it has no times to shift")?;
    let mut shifted = Vec::new();
    for name in ["exp", "nbf", "iat"] {
        let Some(Value::Number(n)) = payload.get(name) else {
            continue;
        };
        let new = if let Some(i) = n.as_i64() {
            i.checked_add(secs).map(Value::from)
        } else {
            n.as_f64()
                .map(|f| f + secs as f64)
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number)
        };
        let new = new.ok_or_else(|| format!("{name} {n} cannot be shifted by {shift}"))?;
        payload.insert(name.to_string(), new);
        shifted.push(name);
    }
    if shifted.is_empty() {
        return Err("the token has no numeric exp, nbf or iat to shift".to_string());
    }
    let rebuilt = rebuild(original, &original.header, payload, key)?;
    Ok((rebuilt, shifted))
}

fn rebuild(
    original: &Token,
    header: &Map<String, Value>,
    payload: Map<String, Value>,
    key: Option<&SigningKey>,
) -> Result<Rebuilt, String> {
    // Signed again: the old key's identifiers would send a verifier to the wrong key.
    let rekeyed;
    let header = match key {
        Some(k) => {
            let mut h = header.clone();
            rekey(&mut h, &original.header, k.header_kid().as_deref());
            // The old token's algorithm, unless edited, becomes one this key signs with (as
            // encode --from chooses); an edited one is the user's, refused if it does not fit.
            let alg =
                |h: &Map<String, Value>| h.get("alg").and_then(Value::as_str).map(String::from);
            let given = alg(&h);
            if given == alg(&original.header) {
                let fits = k.alg_for(given.as_deref());
                if given.as_deref() != Some(fits.as_str()) {
                    set_first(&mut h, "alg", Value::String(fits));
                }
            }
            rekeyed = h;
            &rekeyed
        }
        None => header,
    };
    let mut segments = original.compact.split('.');
    let old_header = segments.next().unwrap_or_default();
    let old_payload = segments.next().unwrap_or_default();
    let header_seg = if *header == original.header {
        old_header.to_string()
    } else {
        b64::encode(Value::Object(header.clone()).to_string().as_bytes())
    };
    let payload_seg = if original.payload.claims() == Some(&payload) {
        old_payload.to_string()
    } else {
        b64::encode(Value::Object(payload).to_string().as_bytes())
    };
    let input = format!("{header_seg}.{payload_seg}");
    match key {
        Some(k) => {
            let alg = header
                .get("alg")
                .and_then(Value::as_str)
                .map_or_else(|| k.default_alg(), str::to_string);
            let sig = k.sign(&alg, input.as_bytes())?;
            Ok(Rebuilt {
                token: format!("{input}.{}", b64::encode(&sig)),
                signed: true,
            })
        }
        None => Ok(Rebuilt {
            token: format!("{input}.{}", original.signature),
            signed: false,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token;

    const TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

    #[test]
    fn an_unchanged_document_gives_the_same_token() {
        let t = token::decode(TOKEN).unwrap();
        let doc = editor_document(&t).unwrap();
        assert!(doc.find("\"sub\"").unwrap() < doc.find("\"iat\"").unwrap());
        let r = rebuild_from_document(&t, &doc, None).unwrap();
        assert_eq!(r.token, TOKEN);
        assert!(!r.signed);
    }

    #[test]
    fn edits_keep_order_and_spelling_and_resign() {
        let t = token::decode(TOKEN).unwrap();
        let doc = editor_document(&t)
            .unwrap()
            .replace("\"John Doe\"", "\"Jane\", \"n\": 1.50, \"e\": 1E5");
        let key = SigningKey::from_secret_text("your-256-bit-secret").unwrap();
        let r = rebuild_from_document(&t, &doc, Some(&key)).unwrap();
        let new = token::decode(&r.token).unwrap();
        let payload = r.token.split('.').nth(1).unwrap();
        let text = String::from_utf8(b64::decode(payload).unwrap().bytes).unwrap();
        assert_eq!(
            text,
            r#"{"sub":"1234567890","name":"Jane","n":1.50,"e":1E5,"iat":1516239022}"#
        );
        // The header did not change: its bytes are the original's.
        assert_eq!(new.compact.split('.').next(), TOKEN.split('.').next());
        assert!(r.signed);
        assert_ne!(new.signature, t.signature);
    }

    #[test]
    fn signing_again_replaces_the_old_keys_identifiers_but_not_the_users() {
        // A token whose header names the key that signed it (kid, x5t).
        let header = b64::encode(br#"{"typ":"JWT","alg":"ES256","kid":"old-key","x5t":"abc"}"#);
        let payload = b64::encode(br#"{"sub":"x","exp":1800000000}"#);
        let t = token::decode(&format!("{header}.{payload}.c2ln")).unwrap();
        let pem = SigningKey::generate(crate::verify::signing::KeyKind::Ec(
            crate::verify::signing::Curve::P256,
        ))
        .unwrap();
        let thumb = pem.thumbprint();
        let header_of = |r: &Rebuilt| token::decode(&r.token).unwrap().header;

        // Unchanged by the user: the old identifiers go, the kid becomes the key's own, in place.
        let doc = editor_document(&t).unwrap();
        let r = rebuild_from_document(&t, &doc, Some(&pem)).unwrap();
        let h = header_of(&r);
        assert_eq!(h.keys().collect::<Vec<_>>(), ["typ", "alg", "kid"]);
        assert_eq!(h["kid"], thumb.as_str());

        // Set by the user in the editor: theirs.
        let mine = doc.replace("\"old-key\"", "\"mine\"");
        let h = header_of(&rebuild_from_document(&t, &mine, Some(&pem)).unwrap());
        assert_eq!(h["kid"], "mine");
        assert!(!h.contains_key("x5t"));

        // Shifting times signs again too.
        let (r, _) = shift_times(&t, "+1h", Some(&pem)).unwrap();
        assert_eq!(header_of(&r)["kid"], thumb.as_str());

        // Not signed again (no key): the header is left as it was.
        let r = rebuild_from_document(&t, &doc, None).unwrap();
        assert_eq!(header_of(&r), t.header);

        // The old algorithm does not fit the key: the key's own, unless the user chose one.
        let rs = b64::encode(br#"{"alg":"RS256","kid":"old-key"}"#);
        let t = token::decode(&format!("{rs}.{payload}.c2ln")).unwrap();
        let doc = editor_document(&t).unwrap();
        let h = header_of(&rebuild_from_document(&t, &doc, Some(&pem)).unwrap());
        assert_eq!(h["alg"], "ES256");
        let chosen = doc.replace("RS256", "ES384");
        let err = rebuild_from_document(&t, &chosen, Some(&pem)).unwrap_err();
        assert!(err.contains("ES384"), "{err}");
        let t = token::decode(&format!("{header}.{payload}.c2ln")).unwrap();
        let doc = editor_document(&t).unwrap();
        // A secret has no kid of its own: the old identifiers just go.
        let secret = SigningKey::from_secret_text("a-secret-of-32-bytes-for-hs256!!").unwrap();
        let doc = doc.replace("ES256", "HS256");
        let h = header_of(&rebuild_from_document(&t, &doc, Some(&secret)).unwrap());
        assert_eq!(h.keys().collect::<Vec<_>>(), ["typ", "alg"]);
    }

    #[test]
    fn syntax_errors_and_wrong_shapes_are_messages() {
        let t = token::decode(TOKEN).unwrap();
        assert!(
            rebuild_from_document(&t, "{", None)
                .unwrap_err()
                .contains("not JSON")
        );
        assert!(rebuild_from_document(&t, "[]", None).is_err());
        assert!(
            rebuild_from_document(&t, r#"{"header":{},"payload":1}"#, None)
                .unwrap_err()
                .contains("payload")
        );
        assert!(
            rebuild_from_document(&t, r#"{"header":{},"payload":{},"x":1}"#, None)
                .unwrap_err()
                .contains("\"x\"")
        );
    }

    #[test]
    fn times_shift_together() {
        let t = token::decode(TOKEN).unwrap();
        let (r, names) = shift_times(&t, "+1h", None).unwrap();
        assert_eq!(names, ["iat"]);
        let new = token::decode(&r.token).unwrap();
        assert_eq!(new.payload.claims().unwrap()["iat"], 1_516_242_622);
        assert!(shift_times(&t, "1h", None).is_err());
        assert!(shift_times(&t, "+99999999999999999d", None).is_err());
    }
}
