//! Which characters of a token's text must not reach a reader raw. The one rule: the output
//! sanitiser (text, JSON, UI) escapes them, and decoding warns about them. It lives here, in
//! the lowest layer, so that every layer above can use it.

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory as _};

/// Characters that must not reach a terminal raw: C0 and C1 controls, DEL, and the Unicode
/// format characters (category Cf: bidirectional controls, zero-width spaces and joiners,
/// U+FEFF, tag characters) and line and paragraph separators (Zl, Zp), which make text read
/// differently from what it is (a spoofed `iss` that looks like the real one). Also the
/// variation selectors (U+FE00-FE0F, U+E0100-E01EF): invisible, they can carry hidden bytes
/// (one selector a byte), and terminals disagree on the width of an emoji they follow, which
/// shifted the UI's rows and left stray glyphs.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || (!c.is_ascii()
            && (matches!(
                c.general_category(),
                GeneralCategory::Format
                    | GeneralCategory::LineSeparator
                    | GeneralCategory::ParagraphSeparator
            ) || matches!(c, '\u{fe00}'..='\u{fe0f}' | '\u{e0100}'..='\u{e01ef}')))
}

/// Whether `s` holds a character a reader cannot see: [`is_unsafe`] beyond ASCII (the ASCII
/// controls are at least visible as layout or garbage).
pub fn has_invisible(s: &str) -> bool {
    !s.is_ascii() && s.chars().any(|c| !c.is_ascii() && is_unsafe(c))
}

/// Whether `test` holds for every byte: each 64-byte block folded without a branch (the
/// compiler turns the fold into vector compares when `test` is branch-free, written with `|`
/// and `&`), one branch a block. The one home of that loop: tokens reach 260 KB and logs 50 MB.
pub fn every_byte(bytes: &[u8], test: impl Fn(u8) -> bool) -> bool {
    bytes
        .chunks(64)
        .all(|block| block.iter().fold(true, |ok, &b| ok & test(b)))
}

/// Whether every byte is printable ASCII (space to `~`), as nearly every claim is: text no
/// rule here touches.
pub fn printable_ascii(bytes: &[u8]) -> bool {
    // One comparison: bytes below the space wrap around to large values.
    every_byte(bytes, |b| b.wrapping_sub(b' ') < 0x7f - b' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The block test agrees with a byte-by-byte one for every length up to three blocks and
    /// one byte outside the range (each edge of it) at every position, across block edges.
    #[test]
    fn printable_ascii_agrees_with_a_byte_at_a_time() {
        let plain = |b: u8| (b' '..0x7f).contains(&b);
        for len in 0..100 {
            let text = vec![b'a'; len];
            assert!(printable_ascii(&text));
            for at in 0..len {
                for odd in [0x00, 0x1f, b' ', b'~', 0x7f, 0x80, 0xff] {
                    let mut t = text.clone();
                    t[at] = odd;
                    assert_eq!(
                        printable_ascii(&t),
                        plain(odd),
                        "len {len} at {at} byte {odd:#x}"
                    );
                }
            }
        }
    }
}
