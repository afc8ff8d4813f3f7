//! Text from a token is untrusted: before it reaches a terminal, every control character,
//! escape sequence introducer, bidirectional override and invisible character becomes a
//! visible escape, for text, JSON and the UI (the rule is [`crate::token::chars`]).

use std::borrow::Cow;

use crate::token::chars::printable_ascii;
pub use crate::token::chars::{has_invisible, is_unsafe};

/// `s` with unsafe characters written as `\n`, `\t`, `\r`, `\e` or `\u{...}`.
pub fn clean(s: &str) -> Cow<'_, str> {
    // Printable ASCII, nearly every string, is checked in blocks (it vectorises).
    if printable_ascii(s.as_bytes()) || !any_unsafe(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{1b}' => out.push_str("\\e"),
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Whether `s` holds a character [`is_unsafe`] refuses, as `s.chars().any(is_unsafe)`: runs
/// of printable ASCII are stepped over byte by byte, and only the characters between them
/// decoded (a line like "not checked · no key given: ..." has one).
fn any_unsafe(s: &str) -> bool {
    let mut rest = s;
    loop {
        let printable = rest
            .bytes()
            .take_while(|b| (b' '..0x7f).contains(b))
            .count();
        let mut chars = rest[printable..].chars();
        match chars.next() {
            None => return false,
            Some(c) if is_unsafe(c) => return true,
            Some(_) => rest = chars.as_str(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters_are_found_as_a_char_by_char_search_finds_them() {
        // What is stepped over unread is safe.
        assert!((b' '..0x7f).all(|b| !is_unsafe(char::from(b))));
        for s in [
            "",
            "plain",
            "not checked · no key given",
            "·",
            "a\u{7f}",
            "\u{1b}[31m",
            "José 日本\n",
            "x\u{200b}y",
            "tab\there",
            "end\u{9b}",
            "\u{e0041}tag",
            "ok · ok · ok\u{202e}",
        ] {
            assert_eq!(any_unsafe(s), s.chars().any(is_unsafe), "{s:?}");
        }
    }

    #[test]
    fn escape_sequences_are_neutralised() {
        assert_eq!(clean("plain"), "plain");
        assert_eq!(clean("a\u{1b}[2Jb"), "a\\e[2Jb");
        assert_eq!(clean("x\u{9b}31m"), "x\\u{9b}31m");
        assert_eq!(clean("evil\u{202e}txt.exe"), "evil\\u{202e}txt.exe");
        assert_eq!(clean("l1\nl2\u{7f}"), "l1\\nl2\\u{7f}");
        assert_eq!(clean("José 日本"), "José 日本");
    }

    #[test]
    fn invisible_characters_are_shown() {
        // Issue 8.12: zero-width, format and separator characters.
        assert_eq!(
            clean("https://sts\u{200b}.windows.net/"),
            "https://sts\\u{200b}.windows.net/"
        );
        for c in [
            '\u{200c}',
            '\u{200d}',
            '\u{2060}',
            '\u{feff}',
            '\u{2028}',
            '\u{2029}',
            '\u{e0041}',
            '\u{e007f}',
            '\u{ad}',
            '\u{180e}',
            '\u{fe0f}',
            '\u{fe00}',
            '\u{e0100}',
            '\u{e01ef}',
        ] {
            assert!(is_unsafe(c), "{c:?}");
            assert!(has_invisible(&format!("a{c}b")), "{c:?}");
        }
        assert!(!has_invisible("José\t日本"));
    }
}
