//! Finding tokens in what the user gave: a bare token, a token with wrappers (quotes,
//! `Bearer `, an `Authorization:` line, a URL with `id_token=`), a JSON document (IMDS, `az`,
//! OAuth responses, HAR files, anything), or free text (logs, `curl -v` output).
//!
//! The result is a list of [`Found`] candidates in input order, each with where it was found
//! and the metadata around it. Decoding happens later; this layer only decides what to try
//! and how strictly (see [`Candidate`]).

pub mod errordoc;
mod json_doc;
pub(crate) mod text;

use std::ops::ControlFlow;

use crate::token::chars::every_byte;

use serde_json::{Map, Value};

pub use errordoc::{ErrorDocument, ErrorKind};

/// How a candidate was found, which decides what a decode failure means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Candidate {
    /// The whole input (or a whole token field) was one token attempt: a decode failure is the
    /// answer the user needs, so it is an error.
    Lone(String),
    /// Found inside larger text: a decode failure skips it, with the reason kept.
    Embedded(String),
    /// A value in a token field that is not a JWT (an opaque refresh token): listed, not decoded.
    Opaque(String),
}

impl Candidate {
    /// The candidate's text.
    pub fn text(&self) -> &str {
        match self {
            Candidate::Lone(s) | Candidate::Embedded(s) | Candidate::Opaque(s) => s,
        }
    }
}

/// One token candidate and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Where in the input: `access_token`, `line 12`, `log.entries[3].request.headers[1]`, ...
    pub origin: String,
    pub candidate: Candidate,
    /// Metadata around the token in a JSON document (`expires_on`, `resource`, `tenant`, ...).
    pub context: Map<String, Value>,
    /// Things the input layer tolerated for this candidate (a byte-order mark, ...).
    pub notes: Vec<String>,
}

/// Why the input holds nothing to show.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("empty input: paste a token, a JSON token response, or any text containing one")]
    Empty,
    #[error("{0}")]
    ErrorDocument(ErrorDocument),
    #[error(
        "no token found in the input ({lines} line{}, {bytes} bytes): a JWT looks like eyJhbGciOi....eyJ....signature",
        if *.lines == 1 { "" } else { "s" }
    )]
    NothingFound { lines: usize, bytes: usize },
    #[error(
        "the input is not UTF-8 text: byte 0x{byte:02X} at offset {offset} (a token is ASCII base64url and dots)"
    )]
    NotUtf8 { offset: usize, byte: u8 },
    #[error(
        "the input is gzip-compressed: decompress it first (zcat FILE | jwtscope -, or gunzip FILE)"
    )]
    Gzip,
}

/// As [`find`], taking the input. A bare token, the most common input, becomes the candidate
/// without a copy (it matters for 260 KB tokens); everything else goes through [`find`].
pub fn find_owned(bytes: Vec<u8>) -> Result<Vec<Found>, InputError> {
    let mut out = Vec::new();
    find_each_owned(bytes, &mut |f| {
        out.push(f);
        ControlFlow::Continue(())
    })?;
    Ok(out)
}

/// As [`find_each`], taking the input, so that a bare token is not copied.
pub fn find_each_owned(
    mut bytes: Vec<u8>,
    emit: &mut dyn FnMut(Found) -> ControlFlow<()>,
) -> Result<(), InputError> {
    let start = bytes.len() - bytes.trim_ascii_start().len();
    let end = bytes.trim_ascii_end().len();
    let core = &bytes[start..end.max(start)];
    // Exactly the inputs `find` takes whole as one token: no wrapper to remove, no whitespace
    // inside, no URL parameters.
    let bare = core.starts_with(b"ey") && every_byte(core, plain_token_byte);
    if !bare {
        return find_each(&bytes, emit);
    }
    bytes.truncate(end);
    bytes.drain(..start);
    match String::from_utf8(bytes) {
        Ok(text) => {
            let _ = emit(Found {
                origin: "input".to_string(),
                candidate: Candidate::Lone(text),
                context: Map::new(),
                notes: Vec::new(),
            });
            Ok(())
        }
        Err(e) => find_each(e.as_bytes(), emit),
    }
}

/// `bytes` as text when they start with a UTF-16 byte-order mark (FF FE little-endian, FE FF
/// big-endian), without it; what is not UTF-16 (an odd last byte, an unpaired surrogate)
/// becomes U+FFFD, as invalid UTF-8 in a log does.
fn utf16_text(bytes: &[u8]) -> Option<String> {
    let unit: fn([u8; 2]) -> u16 = match bytes {
        [0xFF, 0xFE, ..] => u16::from_le_bytes,
        [0xFE, 0xFF, ..] => u16::from_be_bytes,
        _ => return None,
    };
    let units = bytes[2..].chunks(2).map(|pair| match *pair {
        [a, b] => unit([a, b]),
        _ => 0xFFFD, // an odd last byte
    });
    Some(
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
    )
}

/// No whitespace or control byte, nothing beyond ASCII, no URL punctuation: written
/// branch-free so it vectorises.
#[allow(clippy::needless_bitwise_bool)] // branch-free on purpose: it vectorises
fn plain_token_byte(b: u8) -> bool {
    (b > b' ') & (b < 0x7f) & (b != b'?') & (b != b'#') & (b != b'&') & (b != b';')
}

/// Find every token candidate in `bytes`, in input order.
pub fn find(bytes: &[u8]) -> Result<Vec<Found>, InputError> {
    let mut out = Vec::new();
    find_each(bytes, &mut |f| {
        out.push(f);
        ControlFlow::Continue(())
    })?;
    Ok(out)
}

/// Find the token candidates in `bytes` one at a time, in input order, handing each to `emit`
/// as soon as it is found; `emit` may stop the search (`ControlFlow::Break`). Nothing is
/// collected here, so memory does not grow with the number of tokens. An error means no
/// candidate was found (and `emit` was never called).
pub fn find_each(
    bytes: &[u8],
    emit: &mut dyn FnMut(Found) -> ControlFlow<()>,
) -> Result<(), InputError> {
    let mut notes = Vec::new();
    // The error names the input's size as read, not the text's after decoding (UTF-16, or
    // stray bytes that became U+FFFD, three bytes each).
    let size = bytes.len();
    let mut bytes = bytes;
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        notes.push(
            "the input starts with a UTF-8 byte-order mark (U+FEFF), which is not part of the token; it was removed"
                .to_string(),
        );
        bytes = rest;
    }
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return Err(InputError::Gzip);
    }
    // Windows PowerShell 5.1 writes `az ... > file` as UTF-16 with a byte-order mark.
    let utf16 = utf16_text(bytes);
    if utf16.is_some() {
        notes.push(
            "the input is UTF-16 text (it starts with a UTF-16 byte-order mark); it was read as such"
                .to_string(),
        );
    }
    let text = match (&utf16, std::str::from_utf8(bytes)) {
        (Some(t), _) => std::borrow::Cow::Borrowed(t.as_str()),
        (None, Ok(t)) => std::borrow::Cow::Borrowed(t),
        (None, Err(e)) => {
            let lossy = String::from_utf8_lossy(bytes);
            // A single word with a stray byte is a broken token: say where the byte is.
            if !lossy.trim().contains(char::is_whitespace) {
                let offset = e.valid_up_to();
                return Err(InputError::NotUtf8 {
                    offset,
                    byte: bytes[offset],
                });
            }
            lossy
        }
    };
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(InputError::Empty);
    }

    let json_like = trimmed.starts_with(['{', '[', '"']);
    // A parsed document costs some 80 bytes a value (a `Value`, a map entry, a number's text)
    // whatever the value's size in the text: a 60 MB array of one-digit numbers would take
    // 3 GB. A document with more values than [`MAX_JSON_VALUES`] (counted by their
    // separators) is searched as text instead, which finds the same tokens, with lines for
    // origins.
    let values = if json_like {
        every_separator(trimmed.as_bytes())
    } else {
        0
    };
    // Said only of what is JSON (checked without building it): a log that starts with `[`
    // is just text.
    if values > MAX_JSON_VALUES && serde_json::from_str::<serde::de::IgnoredAny>(trimmed).is_ok() {
        notes.push(format!(
            "the input is a JSON document of about {values} values, more than jwtscope reads as a document (about 80 bytes of memory each); it was searched as text, so origins are lines, not members"
        ));
    }
    let walkable = json_like && values <= MAX_JSON_VALUES;
    let mut count = 0usize;
    let mut counted = |mut f: Found| {
        count += 1;
        if !notes.is_empty() {
            f.notes.extend(notes.iter().cloned());
        }
        emit(f)
    };
    if walkable {
        // Not every text starting with '[' is JSON ("[2026-11-24 10:00] GET ..."): fall back
        // to scanning it as text when it does not parse.
        if let Ok(value) = serde_json::from_str::<Value>(trimmed) {
            let (_, error_doc) = json_doc::walk(&value, &mut counted);
            if count == 0 {
                return Err(match error_doc {
                    Some(doc) => InputError::ErrorDocument(doc),
                    None => nothing_found(&text, size),
                });
            }
            return Ok(());
        }
    }
    let _ = text::find_each(trimmed, None, &mut counted);
    if count == 0 {
        return Err(nothing_found(&text, size));
    }
    Ok(())
}

/// The most values a JSON input is parsed as a document with: at most about 200 MB of parsed
/// values (measured: 3 million one-digit numbers took 316 MB before this bound). Real
/// documents (IMDS and az answers, OAuth responses, HAR files of hundreds of requests) hold
/// thousands to a few hundred thousand.
const MAX_JSON_VALUES: usize = 2_000_000;

/// How many `,` `:` `[` `{` a text holds: a bound on how many values it parses into (each
/// value but the first follows one of them). Branch-free, so it vectorises.
#[allow(clippy::needless_bitwise_bool)] // branch-free on purpose: it vectorises
fn every_separator(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .map(|&b| usize::from((b == b',') | (b == b':') | (b == b'[') | (b == b'{')))
        .sum()
}

/// `s` cut to at most `max` bytes on a character boundary, with `…` when cut.
pub(crate) fn shorten(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    if s.len() <= max {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut cut = max;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    std::borrow::Cow::Owned(format!("{}…", &s[..cut]))
}

fn nothing_found(text: &str, size: usize) -> InputError {
    InputError::NothingFound {
        lines: text::line_count(text),
        bytes: size,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A1: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    fn lone(input: &str) -> Vec<Found> {
        find(input.as_bytes()).unwrap()
    }

    #[test]
    fn find_owned_agrees_with_find() {
        for input in [
            format!("  {A1}\n"),
            A1.to_string(),
            format!("Bearer {A1}"),
            format!("{A1}?x=1"),
            format!("\u{feff}{A1}"),
            "eyJ\u{e9}.a.b".to_string(),
            String::new(),
        ] {
            assert_eq!(
                find_owned(input.clone().into_bytes()),
                find(input.as_bytes()),
                "{input:?}"
            );
        }
    }

    #[test]
    fn wrappers_are_removed() {
        for input in [
            A1.to_string(),
            format!("  {A1}\r\n"),
            format!("\"{A1}\""),
            format!("'{A1}'"),
            format!("Bearer {A1}"),
            format!("bearer {A1}"),
            format!("Authorization: Bearer {A1}"),
        ] {
            let f = lone(&input);
            assert_eq!(f.len(), 1, "{input}");
            assert_eq!(f[0].candidate, Candidate::Lone(A1.to_string()), "{input}");
        }
    }

    #[test]
    fn a_token_inside_one_word_is_found() {
        // One line, no spaces: a .env line, a shell assignment, brackets, a JSON string.
        for (input, origin) in [
            (format!("ACCESS_TOKEN={A1}\n"), "line 1 (access_token)"),
            (format!("ID_TOKEN='{A1}'"), "line 1 (id_token)"),
            (format!("<{A1}>"), "line 1"),
            (format!("({A1})"), "line 1"),
            (format!("a=\"{A1}\""), "line 1"),
            (format!(r#"{{"state":"id={A1}"}}"#), "state"),
            (format!(r#"{{"log":"id={A1}\n"}}"#), "log"),
        ] {
            let f = lone(&input);
            assert_eq!(f.len(), 1, "{input}");
            assert_eq!(f[0].candidate.text(), A1, "{input}");
            assert_eq!(f[0].origin, origin, "{input}");
        }
        // A word that starts like a token is still decoded whole (its error names the stray
        // characters), and any other word is an opaque token.
        let stray = format!("{A1}>");
        assert_eq!(lone(&stray)[0].candidate, Candidate::Lone(stray.clone()));
        assert_eq!(
            lone("opaque-access-token")[0].candidate.text(),
            "opaque-access-token"
        );
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_read_and_gzip_is_named() {
        let doc = format!("{{\r\n  \"accessToken\": \"{A1}\"\r\n}}");
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(doc.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(doc.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        for bytes in [le, be] {
            let f = find(&bytes).unwrap();
            assert_eq!(f.len(), 1);
            assert_eq!(f[0].origin, "accessToken");
            assert_eq!(f[0].candidate.text(), A1);
            assert!(f[0].notes[0].contains("UTF-16"), "{:?}", f[0].notes);
        }
        let gz = [0x1f, 0x8b, 0x08, 0x00, 0x00];
        assert_eq!(find(&gz).unwrap_err(), InputError::Gzip);
        assert!(
            InputError::Gzip
                .to_string()
                .contains("zcat FILE | jwtscope -")
        );
    }

    #[test]
    fn nothing_found_names_the_size_of_the_input_as_read() {
        // Stray bytes become U+FFFD (three bytes each) in the text that is searched.
        let input = b"no token \xff\xfe here\n\xff".to_vec();
        let Err(InputError::NothingFound { lines, bytes }) = find(&input) else {
            panic!("expected NothingFound");
        };
        assert_eq!((lines, bytes), (2, input.len()));
    }

    #[test]
    fn carriage_returns_alone_break_lines() {
        // Pasted into a terminal, line breaks arrive as CR.
        for (text, lines) in [
            (format!("a {A1}\rb\rc {A1}\r"), [1, 3]),
            (format!("a {A1}\r\nb\r\nc {A1}"), [1, 3]),
            (format!("a {A1}\nb\rc\nd {A1}"), [1, 4]),
        ] {
            let origins: Vec<String> = lone(&text).into_iter().map(|f| f.origin).collect();
            let expected: Vec<String> = lines.iter().map(|n| format!("line {n}")).collect();
            assert_eq!(origins, expected, "{text:?}");
        }
        let Err(InputError::NothingFound { lines, .. }) = find(b"x\ry\rz") else {
            panic!("found something in x y z");
        };
        assert_eq!(lines, 3);
    }

    #[test]
    fn a_token_broken_across_lines_of_text_is_joined() {
        let len = A1.len();
        for (text, origin) in [
            // A log line broken by CRLF in the payload.
            (
                format!(
                    "start\nAuthorization: Bearer {}\r\n{}\nend\n",
                    &A1[..60],
                    &A1[60..]
                ),
                "lines 2-3",
            ),
            // A mail client's folding: the continuation lines begin with a tab.
            (
                format!(
                    "Hi,\n\nthe token: {}\n\t{}\n\t{}\n\nBob",
                    &A1[..20],
                    &A1[20..70],
                    &A1[70..]
                ),
                "lines 3-5",
            ),
            // A terminal's fixed-width wrapping, broken in the signature too.
            (
                format!("x {}\n{}\n{} y", &A1[..38], &A1[38..78], &A1[78..]),
                "lines 1-3",
            ),
        ] {
            let f = lone(&text);
            assert_eq!(f.len(), 1, "{text:?}");
            assert_eq!(f[0].candidate.text(), A1, "{text:?} ({len})");
            assert_eq!(f[0].origin, origin);
            assert!(
                f[0].notes[0].contains("broken across lines"),
                "{:?}",
                f[0].notes
            );
        }
        // A whole token at a line's end stays as it is; prose is not joined.
        let f = lone(&format!("a {A1}\nINFO next\n"));
        assert_eq!(f[0].candidate.text(), A1);
        assert!(find(b"they say\nhey\neyJhbGciOi\nsomething else\n").is_err());
    }

    #[test]
    fn a_json_document_of_too_many_values_is_searched_as_text() {
        let small = format!(r#"{{"access_token":"{A1}","x":[1,2,3]}}"#);
        let f = lone(&small);
        assert_eq!(
            (f[0].origin.as_str(), f[0].notes.len()),
            ("access_token", 0)
        );
        let many = format!(
            r#"{{"access_token":"{A1}","x":[{}1]}}"#,
            "1,".repeat(MAX_JSON_VALUES)
        );
        let f = lone(&many);
        assert_eq!(f[0].candidate.text(), A1);
        assert!(f[0].origin.starts_with("line 1"), "{}", f[0].origin);
        assert!(
            f[0].notes[0].contains("searched as text"),
            "{:?}",
            f[0].notes
        );
        // A log that only starts like JSON gets no such note.
        let log = format!(
            "[10:00:00] a=1,b=2,{}\nAuthorization: Bearer {A1}\n",
            "x,".repeat(MAX_JSON_VALUES)
        );
        let f = lone(&log);
        assert_eq!(f[0].candidate.text(), A1);
        assert!(f[0].notes.is_empty(), "{:?}", f[0].notes);
    }

    #[test]
    fn whitespace_inside_a_wrapped_token_is_removed() {
        let broken = format!("{}\r\n{}", &A1[..50], &A1[50..]);
        assert_eq!(lone(&broken)[0].candidate, Candidate::Lone(A1.to_string()));
    }

    #[test]
    fn words_after_a_whole_token_are_not_glued_to_its_signature() {
        // A status code, words on the same line: the token stays as it was. (A line break
        // after the signature's start is the token wrapped, and is joined.)
        for after in [" 200", " staging\n", " hello world"] {
            let f = lone(&format!("{A1}{after}"));
            assert_eq!(f[0].candidate.text(), A1, "{after:?}");
        }
        // Two fragments, each the start of a token of its own, are not made into one.
        let two = "eyJhbGciOiJIUzI1NiJ9.AAAA eyJhbGciOiJIUzI1NiJ9.BBBB";
        assert!(
            find(two.as_bytes()).map_or(true, |f| f.iter().all(
                |f| f.candidate.text() != "eyJhbGciOiJIUzI1NiJ9.AAAAeyJhbGciOiJIUzI1NiJ9.BBBB"
            ))
        );
    }

    #[test]
    fn a_bom_is_removed_with_a_note() {
        let f = find(format!("\u{feff}{A1}").as_bytes()).unwrap();
        assert_eq!(f[0].candidate, Candidate::Lone(A1.to_string()));
        assert!(f[0].notes[0].contains("byte-order mark"));
    }

    #[test]
    fn url_fragments_give_each_token_parameter() {
        let f = lone(&format!(
            "https://jwt.ms/#id_token={A1}&state=abc&access_token={A1}"
        ));
        let origins: Vec<_> = f.iter().map(|f| f.origin.as_str()).collect();
        assert_eq!(origins, ["id_token", "access_token"]);
    }

    #[test]
    fn json_documents_keep_metadata_around_tokens() {
        let doc = format!(
            r#"{{"access_token":"{A1}","refresh_token":"","expires_in":"3599","expires_on":"1506484173","resource":"https://management.azure.com/","token_type":"Bearer"}}"#
        );
        let f = lone(&doc);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].origin, "access_token");
        let keys: Vec<_> = f[0].context.keys().cloned().collect();
        assert_eq!(keys, ["expires_in", "expires_on", "resource", "token_type"]);
    }

    #[test]
    fn opaque_refresh_tokens_are_listed() {
        let doc = format!(r#"{{"access_token":"{A1}","refresh_token":"0.AAAA-opaque"}}"#);
        let f = lone(&doc);
        assert_eq!(f[1].candidate, Candidate::Opaque("0.AAAA-opaque".into()));
        assert_eq!(f[1].origin, "refresh_token");
    }

    #[test]
    fn free_text_is_scanned_line_by_line() {
        let log = format!("10:00 GET /\n> Authorization: Bearer {A1}\n< 200 OK\nid_token={A1}.\n");
        let f = lone(&log);
        let origins: Vec<_> = f.iter().map(|f| f.origin.as_str()).collect();
        assert_eq!(
            origins,
            ["line 2 (Authorization header)", "line 4 (id_token)"]
        );
        assert!(matches!(f[1].candidate, Candidate::Embedded(ref t) if t == A1));
    }

    #[test]
    fn identity_not_found_is_an_error_document() {
        let e = find(br#"{"error":"invalid_request","error_description":"Identity not found"}"#)
            .unwrap_err();
        assert!(
            matches!(e, InputError::ErrorDocument(ref d) if d.kind == ErrorKind::IdentityNotFound)
        );
    }

    #[test]
    fn nothing_found_says_so() {
        assert_eq!(find(b"  \n\t").unwrap_err(), InputError::Empty);
        assert!(matches!(
            find(b"hello\nworld\n").unwrap_err(),
            InputError::NothingFound { lines: 2, .. }
        ));
    }

    #[test]
    fn a_non_utf8_byte_in_a_lone_token_is_located() {
        let mut t = A1.as_bytes().to_vec();
        t.insert(5, 0xFF);
        assert_eq!(
            find(&t).unwrap_err(),
            InputError::NotUtf8 {
                offset: 5,
                byte: 0xFF
            }
        );
    }
}
