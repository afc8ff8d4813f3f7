//! The input layer on its own, with size-bounded inputs: the JSON document walker (fed both
//! the bytes as they are and the bytes wrapped as string members and keys of a nested
//! document) and the text scanner. Nothing may panic, every candidate must come from the
//! input, and origins stay short whatever the keys.
#![no_main]

use std::ops::ControlFlow;

use libfuzzer_sys::fuzz_target;

/// Inputs beyond this are cut: the point is the walker's and scanner's logic, not memory.
const MAX: usize = 64 * 1024;

fn check(input: &[u8]) {
    let _ = jwtscope::input::find_each(input, &mut |f| {
        assert!(f.origin.len() <= 16 * 1024, "origin of {} bytes", f.origin.len());
        ControlFlow::Continue(())
    });
}

fuzz_target!(|data: &[u8]| {
    let data = &data[..data.len().min(MAX)];
    // As given: JSON when it parses, text otherwise.
    check(data);
    let text = String::from_utf8_lossy(data);
    // As string members, keys and nesting of a document, so the walker sees every string.
    let mut doc = serde_json::json!({ "access_token": text, "note": text, "list": [text, {"value": text, "name": text}] });
    for piece in text.split('.').take(64) {
        doc = serde_json::json!({ piece: doc, "id_token": piece });
    }
    check(doc.to_string().as_bytes());
    // As lines of a log.
    check(format!("line one\n{text}\nAuthorization: Bearer {text} : {text}\n").as_bytes());
});
