//! Text from a token is untrusted: before it reaches a terminal, every control character,
//! escape sequence introducer and bidirectional override becomes a visible escape.

use std::borrow::Cow;

/// Characters that must not reach a terminal raw: C0 and C1 controls, DEL, and the Unicode
/// bidirectional controls that can make text read differently from what it is.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// `s` with unsafe characters written as `\n`, `\t`, `\r`, `\e` or `\u{...}`.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_neutralised() {
        assert_eq!(clean("plain"), "plain");
        assert_eq!(clean("a\u{1b}[2Jb"), "a\\e[2Jb");
        assert_eq!(clean("x\u{9b}31m"), "x\\u{9b}31m");
        assert_eq!(clean("evil\u{202e}txt.exe"), "evil\\u{202e}txt.exe");
        assert_eq!(clean("l1\nl2\u{7f}"), "l1\\nl2\\u{7f}");
        assert_eq!(clean("José 日本"), "José 日本");
    }
}
