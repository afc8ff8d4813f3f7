//! Which characters of a token's text must not reach a reader raw. The one rule: the output
//! sanitiser (text, JSON, UI) escapes them, and decoding warns about them. It lives here, in
//! the lowest layer, so that every layer above can use it.

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory as _};

/// Characters that must not reach a terminal raw: C0 and C1 controls, DEL, and the Unicode
/// format characters (category Cf: bidirectional controls, zero-width spaces and joiners,
/// U+FEFF, tag characters) and line and paragraph separators (Zl, Zp), which make text read
/// differently from what it is (a spoofed `iss` that looks like the real one).
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || (!c.is_ascii()
            && matches!(
                c.general_category(),
                GeneralCategory::Format
                    | GeneralCategory::LineSeparator
                    | GeneralCategory::ParagraphSeparator
            ))
}

/// Whether `s` holds a character a reader cannot see: [`is_unsafe`] beyond ASCII (the ASCII
/// controls are at least visible as layout or garbage).
pub fn has_invisible(s: &str) -> bool {
    !s.is_ascii() && s.chars().any(|c| !c.is_ascii() && is_unsafe(c))
}
