//! JSON parsing that keeps what a plain `serde_json::Value` would lose: duplicate member
//! names at the top level of an object (RFC 7515 §5.2, RFC 8725 §3.x: a token whose header
//! says `alg` twice is an attack surface, so it must be visible).

use std::collections::HashMap;
use std::fmt;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::map::Entry;
use serde_json::{Map, Value};

/// An object's members looked up by name: the answer of `Map::get`, found by comparing names
/// in a small object (a header, many payloads) rather than hashing the name with serde_json's
/// SipHash. Explaining a token looks up some fifty names; in a one-claim token the hashing was
/// 6% of the work.
pub trait Members {
    fn member(&self, name: &str) -> Option<&Value>;
    fn has(&self, name: &str) -> bool {
        self.member(name).is_some()
    }
}

/// Objects of up to this many members are searched name by name (measured: a 13-claim token
/// is explained 2% faster scanned than hashed; 32 gains nothing more on it).
const SCANNED: usize = 16;

impl Members for Map<String, Value> {
    fn member(&self, name: &str) -> Option<&Value> {
        if self.len() <= SCANNED {
            self.iter().find_map(|(k, v)| (k == name).then_some(v))
        } else {
            self.get(name)
        }
    }
}

/// A top-level JSON value, with any member names that occurred more than once.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub value: Value,
    /// Each duplicated name with every value it had, in order. The map in `value` keeps the
    /// first position and the last value, as most JSON parsers do.
    pub duplicates: Vec<(String, Vec<Value>)>,
}

/// Why bytes are not a JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonProblem {
    /// Not UTF-8; the offset of the first bad byte.
    NotUtf8 { offset: usize },
    /// Nested deeper than serde_json's recursion limit (128).
    TooDeep,
    /// Any other syntax error, with serde_json's own wording and position.
    Syntax {
        message: String,
        line: usize,
        column: usize,
    },
}

impl fmt::Display for JsonProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsonProblem::NotUtf8 { offset } => {
                write!(f, "not UTF-8 text (invalid byte at offset {offset})")
            }
            JsonProblem::TooDeep => f.write_str("JSON nested 128 or more levels deep"),
            JsonProblem::Syntax {
                message,
                line,
                column,
            } => write!(f, "not JSON: {message} at line {line} column {column}"),
        }
    }
}

/// A JSON object read member by member: the map (first position, last value) and the names
/// that came more than once, with every value they had.
struct Object {
    map: Map<String, Value>,
    duplicates: Vec<(String, Vec<Value>)>,
}

impl<'de> serde::Deserialize<'de> for Object {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Object;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Object, A::Error> {
                let mut map = Map::with_capacity(access.size_hint().unwrap_or(0));
                let mut duplicates: Vec<(String, Vec<Value>)> = Vec::new();
                // Where each duplicated name is in `duplicates`: one lookup per repeat, not a
                // search.
                let mut seen: HashMap<String, usize> = HashMap::new();
                while let Some(k) = access.next_key::<String>()? {
                    let v = access.next_value::<Value>()?;
                    // One lookup per member: a first occurrence goes in, a repeat is recorded.
                    let mut repeat = match map.entry(k) {
                        Entry::Vacant(e) => {
                            e.insert(v);
                            continue;
                        }
                        Entry::Occupied(e) => e,
                    };
                    let k = repeat.key();
                    if let Some(&i) = seen.get(k) {
                        duplicates[i].1.push(v.clone());
                    } else {
                        seen.insert(k.clone(), duplicates.len());
                        duplicates.push((k.clone(), vec![repeat.get().clone(), v.clone()]));
                    }
                    repeat.insert(v);
                }
                Ok(Object { map, duplicates })
            }
        }
        d.deserialize_map(V)
    }
}

fn problem(e: &serde_json::Error) -> JsonProblem {
    let message = e.to_string();
    if message.starts_with("recursion limit exceeded") {
        return JsonProblem::TooDeep;
    }
    // serde_json appends " at line L column C"; keep only the reason.
    let reason = message
        .rfind(" at line ")
        .map_or(message.as_str(), |i| &message[..i])
        .to_string();
    JsonProblem::Syntax {
        message: reason,
        line: e.line(),
        column: e.column(),
    }
}

/// Parse bytes as one JSON value (any type), reporting duplicate top-level member names.
pub fn parse(bytes: &[u8]) -> Result<Parsed, JsonProblem> {
    let text = std::str::from_utf8(bytes).map_err(|e| JsonProblem::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    parse_str(text)
}

/// As [`parse`], for text already known to be UTF-8.
pub fn parse_str(text: &str) -> Result<Parsed, JsonProblem> {
    if text.trim_start().starts_with('{') {
        let Object {
            map,
            mut duplicates,
        } = serde_json::from_str::<Object>(text).map_err(|e| problem(&e))?;
        let mut value = Value::Object(map);
        if let Some(mut spellings) = exponent_spellings(text) {
            respell(&mut value, &mut spellings);
            for (_, values) in &mut duplicates {
                for v in values {
                    respell(v, &mut spellings);
                }
            }
        }
        return Ok(Parsed { value, duplicates });
    }
    let mut value = serde_json::from_str::<Value>(text).map_err(|e| problem(&e))?;
    if let Some(mut spellings) = exponent_spellings(text) {
        respell(&mut value, &mut spellings);
    }
    Ok(Parsed {
        value,
        duplicates: Vec::new(),
    })
}

/// Numbers whose spelling serde_json changes, by the spelling it gives them: its parser
/// writes every exponent as `e` with a sign (`1E400` becomes `1e+400`), everything else as
/// written. `None` when the document has no such number (nearly always).
fn exponent_spellings(text: &str) -> Option<HashMap<String, Vec<String>>> {
    let b = text.as_bytes();
    if !may_have_exponent(b) {
        return None;
    }
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                // Skip the string, escapes included (memchr: a 5000-group token is mostly
                // strings, and a byte-by-byte walk cost a tenth of its whole decode).
                i += 1;
                loop {
                    match b
                        .get(i..)
                        .and_then(|rest| memchr::memchr2(b'"', b'\\', rest))
                    {
                        Some(at) if b[i + at] == b'"' => {
                            i += at + 1;
                            break;
                        }
                        Some(at) => i += at + 2,
                        None => {
                            i = b.len();
                            break;
                        }
                    }
                }
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                while i < b.len() && matches!(b[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                {
                    i += 1;
                }
                let original = &text[start..i];
                if let Some(e) = original.find(['e', 'E']) {
                    let signed = matches!(b.get(start + e + 1), Some(b'+' | b'-'));
                    if b[start + e] == b'E' || !signed {
                        let normal = format!(
                            "{}e{}{}",
                            &original[..e],
                            if signed { "" } else { "+" },
                            &original[e + 1..]
                        );
                        let list = out.entry(normal).or_default();
                        if !list.iter().any(|o| o == original) {
                            list.push(original.to_string());
                        }
                    }
                }
            }
            _ => i += 1,
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Whether `b` may hold a number with an exponent: an `e` or `E` after a digit, in a run of
/// number characters that starts the text or follows `:`, `[`, `,` or white space. A quick
/// look (a UUID's `8e2b` is not one) that spares the walk below nearly every document; a
/// string that only looks like that (`"a, 1e5"`), or a document with many `e`s after digits,
/// costs the walk, never a wrong answer.
fn may_have_exponent(b: &[u8]) -> bool {
    // A document full of hex (5000 group IDs) has an `e` after a digit every few bytes:
    // after this many looks the walk is no dearer, so it is left to decide.
    const LOOKS: usize = 16;
    let mut looks = 0;
    let mut look = |at: usize| {
        if at == 0 || !b[at - 1].is_ascii_digit() {
            return false;
        }
        looks += 1;
        if looks > LOOKS {
            return true;
        }
        let run = b[..at]
            .iter()
            .rposition(|c| !matches!(c, b'0'..=b'9' | b'.' | b'-'))
            .map_or(0, |i| i + 1);
        run == 0
            || matches!(
                b[run - 1],
                b':' | b'[' | b',' | b' ' | b'\t' | b'\n' | b'\r'
            )
    };
    // A short document is looked at byte by byte: memchr's first call asks the processor
    // what it supports (CPUID, tens of microseconds on a virtual machine, where each one
    // traps to the hypervisor), a cost only a longer search repays.
    if b.len() < 256 {
        return (0..b.len()).any(|at| matches!(b[at], b'e' | b'E') && look(at));
    }
    memchr::memchr2_iter(b'e', b'E', b).any(look)
}

/// Give the numbers in `v` back the spelling they had in the token (see
/// [`exponent_spellings`]). When one value was spelled several ways, the spellings are used in
/// document order.
fn respell(v: &mut Value, spellings: &mut HashMap<String, Vec<String>>) {
    match v {
        Value::Number(n) => {
            if let Some(list) = spellings.get_mut(n.as_str()) {
                let original = if list.len() > 1 {
                    list.remove(0)
                } else {
                    list[0].clone()
                };
                // serde_json has no public constructor for a number with a given spelling;
                // this one is stable across 1.x and the test below notices if it changes.
                *n = serde_json::Number::from_string_unchecked(original);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| respell(i, spellings)),
        Value::Object(m) => m.values_mut().for_each(|i| respell(i, spellings)),
        _ => {}
    }
}

/// A short name for a JSON value's type, for messages.
pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn members_are_found_as_the_map_finds_them_at_every_size() {
        let mut m = Map::new();
        for n in 0..20 {
            for probe in ["k0", "k7", "k8", "k19", "k", "", "k00", "K0"] {
                assert_eq!(m.member(probe), m.get(probe), "{probe} in {n} members");
                assert_eq!(m.has(probe), m.contains_key(probe));
            }
            m.insert(format!("k{n}"), json!(n));
        }
    }

    #[test]
    fn member_order_is_the_documents() {
        let p = parse(br#"{"z":1,"a":2,"m":3}"#).unwrap();
        let keys: Vec<_> = p.value.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, ["z", "a", "m"]);
    }

    #[test]
    fn duplicates_are_reported_with_every_value() {
        let p = parse(br#"{"sub":"alice","x":1,"sub":"admin"}"#).unwrap();
        assert_eq!(p.value, json!({"sub":"admin","x":1}));
        assert_eq!(
            p.duplicates,
            vec![("sub".to_string(), vec![json!("alice"), json!("admin")])]
        );
    }

    #[test]
    fn numbers_keep_their_spelling() {
        let p = parse(br#"{"exp":1.30081938e+09,"big":123456789012345678901234567890}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&p.value).unwrap(),
            r#"{"exp":1.30081938e+09,"big":123456789012345678901234567890}"#
        );
    }

    #[test]
    fn many_duplicates_are_each_reported_once_in_order() {
        // Issue 8.3: each repeat used to search the list of duplicates.
        let n = 20_000;
        let mut doc = String::from("{");
        for round in 0..3 {
            for i in 0..n {
                doc.push_str(&format!("\"c{i}\":{round},"));
            }
        }
        doc.push_str("\"end\":0}");
        let p = parse_str(&doc).unwrap();
        assert_eq!(p.duplicates.len(), n);
        assert_eq!(
            p.duplicates[7],
            ("c7".to_string(), vec![json!(0), json!(1), json!(2)])
        );
    }

    #[test]
    fn the_quick_look_for_exponents_misses_none() {
        let with = [
            "1E5",
            "[1e5]",
            r#"{"a":1E400}"#,
            r#"{"a": -1.5E3}"#,
            "{\"a\":\n\t2e7}",
            r#"{"b":[2,3e1]}"#,
            r#"{"s":"x","n":{"m":[0.5E-3]}}"#,
        ];
        for doc in with {
            assert!(exponent_spellings(doc).is_some(), "{doc}");
            assert!(may_have_exponent(doc.as_bytes()), "{doc}");
        }
        // Letters after digits in strings are not numbers: the walk is spared.
        let without = [
            r#"{"oid":"8e2b5c1d-0e12-4e5f-9e0a-1234567e9abc","name":"Eve"}"#,
            r#"{"exp":1700000000,"iat":1.5,"true":true,"false":false}"#,
            r#"{"v":"v1e5","w":"a-1e5"}"#,
        ];
        for doc in without {
            assert!(!may_have_exponent(doc.as_bytes()), "{doc}");
            assert!(exponent_spellings(doc).is_none(), "{doc}");
        }
        // A short document is looked at byte by byte, a long one with memchr: they agree.
        for doc in with.iter().chain(without.iter()) {
            let long = format!("{doc}{}", " ".repeat(300));
            assert_eq!(
                may_have_exponent(long.as_bytes()),
                may_have_exponent(doc.as_bytes()),
                "{doc}"
            );
        }
        // Many group IDs: the walk decides, and finds nothing.
        let ids: Vec<String> = (0..40).map(|i| format!("\"{i}e{i}-0e1\"")).collect();
        let doc = format!(r#"{{"groups":[{}]}}"#, ids.join(","));
        assert!(may_have_exponent(doc.as_bytes()));
        assert!(exponent_spellings(&doc).is_none());
    }

    #[test]
    fn exponents_keep_their_spelling() {
        // Issue 8.11: serde_json writes 1E400 as 1e+400.
        let doc = r#"{"a":1E400,"b":[1e5,{"c":1.0E+2}],"d":"1E5","e":1e-7,"f":2E-3,"a":1E400}"#;
        let p = parse_str(doc).unwrap();
        assert_eq!(
            serde_json::to_string(&p.value).unwrap(),
            r#"{"a":1E400,"b":[1e5,{"c":1.0E+2}],"d":"1E5","e":1e-7,"f":2E-3}"#
        );
        assert_eq!(p.duplicates[0].1[0].to_string(), "1E400");
        assert_eq!(parse_str("[1E3]").unwrap().value.to_string(), "[1E3]");
        // Escaped quotes and backslashes inside strings do not end them.
        let escaped = r#"{"s":"q\"1E5\\","t":"\\","n":3E2}"#;
        assert_eq!(parse_str(escaped).unwrap().value.to_string(), escaped);
    }

    #[test]
    fn deep_nesting_is_a_distinct_problem() {
        let deep = "[".repeat(100_000);
        assert_eq!(parse(deep.as_bytes()).unwrap_err(), JsonProblem::TooDeep);
    }

    #[test]
    fn other_problems_carry_a_position() {
        let e = parse(br#"{"iss":"joe"}xyz"#).unwrap_err();
        assert!(matches!(e, JsonProblem::Syntax { line: 1, .. }), "{e:?}");
        assert_eq!(
            parse(b"{\"a\":\"\xe9\"}").unwrap_err(),
            JsonProblem::NotUtf8 { offset: 6 }
        );
    }
}
