//! base64url as RFC 7515 §2 defines it, with the leniencies an inspector needs.
//!
//! Strict RFC 7515 decoding refuses `=` padding, the standard alphabet (`+`, `/`) and
//! non-zero trailing bits. Real tokens carry all three (Microsoft's published samples are
//! padded), so each is accepted and reported as a [`Leniency`] that the caller turns into a
//! warning. Characters outside both alphabets are errors with their byte offset.

use base64::Engine as _;

use super::chars::every_byte;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::{DecodePaddingMode, general_purpose};

/// Strict decoder: no padding, trailing bits must be zero.
const STRICT: GeneralPurpose = general_purpose::URL_SAFE_NO_PAD;
/// Same alphabet, but non-canonical trailing bits are accepted (the bits are dropped).
const LOOSE_BITS: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::RequireNone)
        .with_decode_allow_trailing_bits(true),
);

/// Something RFC 7515 forbids that was accepted anyway.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leniency {
    /// `=` padding at the end of the segment.
    Padding,
    /// `+` or `/` from the standard base64 alphabet.
    StandardAlphabet,
    /// The last character carries non-zero bits that decoding discards (RFC 4648 §3.5).
    NonCanonical,
}

/// Why a segment is not base64url at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum B64Problem {
    /// Characters outside base64url/base64: every distinct one, and the offset of the first.
    InvalidChars {
        /// The first [`MAX_LISTED_CHARS`] distinct ones, in order of appearance.
        chars: Vec<char>,
        /// How many more distinct ones there are.
        more: usize,
        first_offset: usize,
    },
    /// `=` in the middle of the segment, or more than two of them.
    MisplacedPadding { offset: usize },
    /// A length no byte string encodes to (4n+1 characters).
    ImpossibleLength { len: usize },
}

/// An error lists at most this many distinct invalid characters, then "and N more".
pub const MAX_LISTED_CHARS: usize = 8;

/// The distinct characters of `s` for which `bad` holds: the first [`MAX_LISTED_CHARS`] in
/// order of appearance, and how many more distinct ones follow. Linear in `s`.
pub fn distinct_chars(s: &str, bad: impl Fn(char) -> bool) -> (Vec<char>, usize) {
    let mut seen = std::collections::HashSet::new();
    let mut listed = Vec::new();
    for c in s.chars().filter(|c| bad(*c)) {
        if seen.insert(c) && listed.len() < MAX_LISTED_CHARS {
            listed.push(c);
        }
    }
    let more = seen.len() - listed.len();
    (listed, more)
}

/// The decoded bytes of one segment and what had to be tolerated to get them.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub bytes: Vec<u8>,
    pub leniencies: Vec<Leniency>,
}

/// The base64url alphabet as a lookup table: one load per byte on 260 KB tokens.
const B64URL: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = b64url_lane(b as u8);
        b += 1;
    }
    t
};

/// Whether `b` is in the base64url alphabet, branch-free: for folds over whole chunks that the
/// compiler vectorises (tokens reach 260 KB). The one statement of the alphabet:
/// [`is_b64url`]'s table is built from it.
#[inline]
#[allow(clippy::needless_bitwise_bool)] // branch-free on purpose: it vectorises
pub const fn b64url_lane(b: u8) -> bool {
    let digit = b.wrapping_sub(b'0') < 10;
    let letter = (b | 0x20).wrapping_sub(b'a') < 26;
    digit | letter | (b == b'-') | (b == b'_')
}

/// Whether `b` may stand in a segment: base64url or one of the tolerated `+`, `/`, `=`.
#[inline]
#[allow(clippy::needless_bitwise_bool)] // branch-free on purpose: it vectorises
pub fn segment_lane(b: u8) -> bool {
    b64url_lane(b) | (b == b'+') | (b == b'/') | (b == b'=')
}

/// Whether every byte of `s` is base64url or one of the tolerated `+`, `/`, `=`.
pub fn all_segment_bytes(s: &str) -> bool {
    every_byte(s.as_bytes(), segment_lane)
}

/// Whether every byte of `s` is base64url proper.
fn all_b64url(s: &str) -> bool {
    every_byte(s.as_bytes(), b64url_lane)
}

/// Whether a byte is in the base64url alphabet.
pub fn is_b64url(b: u8) -> bool {
    B64URL[usize::from(b)]
}

/// Decode one segment. Offsets in errors are byte offsets within `seg`.
pub fn decode(seg: &str) -> Result<Decoded, B64Problem> {
    let mut leniencies = Vec::new();
    // Fast path: plain base64url, the shape of nearly every real segment.
    if all_b64url(seg) {
        if seg.len() % 4 == 1 {
            return Err(B64Problem::ImpossibleLength { len: seg.len() });
        }
        if let Ok(bytes) = STRICT.decode(seg) {
            return Ok(Decoded { bytes, leniencies });
        }
        leniencies.push(Leniency::NonCanonical);
        return LOOSE_BITS
            .decode(seg)
            .map(|bytes| Decoded { bytes, leniencies })
            .map_err(|_| B64Problem::ImpossibleLength { len: seg.len() });
    }
    let mut first_invalid = None;
    let mut first_pad = None;
    for (i, c) in seg.char_indices() {
        match c {
            c if c.is_ascii() && is_b64url(c as u8) => {
                if let Some(p) = first_pad {
                    // Data after padding: the padding was in the middle.
                    return Err(B64Problem::MisplacedPadding { offset: p });
                }
            }
            '+' | '/' => {
                if let Some(p) = first_pad {
                    return Err(B64Problem::MisplacedPadding { offset: p });
                }
                if !leniencies.contains(&Leniency::StandardAlphabet) {
                    leniencies.push(Leniency::StandardAlphabet);
                }
            }
            '=' => {
                first_pad.get_or_insert(i);
            }
            _ => {
                first_invalid.get_or_insert(i);
            }
        }
    }
    if let Some(first_offset) = first_invalid {
        let (chars, more) = distinct_chars(&seg[first_offset..], |c| {
            !(c.is_ascii() && is_b64url(c as u8) || matches!(c, '+' | '/' | '='))
        });
        return Err(B64Problem::InvalidChars {
            chars,
            more,
            first_offset,
        });
    }
    let body = match first_pad {
        Some(p) => {
            if seg.len() - p > 2 {
                return Err(B64Problem::MisplacedPadding { offset: p });
            }
            leniencies.push(Leniency::Padding);
            &seg[..p]
        }
        None => seg,
    };
    if body.len() % 4 == 1 {
        return Err(B64Problem::ImpossibleLength { len: body.len() });
    }
    let translated;
    let body = if leniencies.contains(&Leniency::StandardAlphabet) {
        translated = body.replace('+', "-").replace('/', "_");
        translated.as_str()
    } else {
        body
    };
    match STRICT.decode(body) {
        Ok(bytes) => Ok(Decoded { bytes, leniencies }),
        Err(base64::DecodeError::InvalidLastSymbol { .. }) => {
            leniencies.push(Leniency::NonCanonical);
            LOOSE_BITS
                .decode(body)
                .map(|bytes| Decoded { bytes, leniencies })
                .map_err(|_| B64Problem::ImpossibleLength { len: body.len() })
        }
        // The characters and length were checked above; anything else is a length problem.
        Err(_) => Err(B64Problem::ImpossibleLength { len: body.len() }),
    }
}

/// Encode bytes as unpadded base64url.
pub fn encode(bytes: &[u8]) -> String {
    STRICT.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_input_has_no_leniency() {
        let d = decode("eyJhIjoiYiJ9").unwrap();
        assert_eq!(d.bytes, br#"{"a":"b"}"#);
        assert!(d.leniencies.is_empty());
    }

    #[test]
    fn padding_and_standard_alphabet_are_tolerated_and_reported() {
        let d = decode("-_8=").unwrap();
        assert_eq!(d.bytes, [0xfb, 0xff]);
        assert_eq!(d.leniencies, [Leniency::Padding]);
        let d = decode("+/8").unwrap();
        assert_eq!(d.bytes, [0xfb, 0xff]);
        assert_eq!(d.leniencies, [Leniency::StandardAlphabet]);
    }

    #[test]
    fn non_canonical_trailing_bits_decode_with_a_leniency() {
        // "QQ" is canonical for "A"; "QR" has a non-zero trailing bit.
        let d = decode("QR").unwrap();
        assert_eq!(d.bytes, b"A");
        assert_eq!(d.leniencies, [Leniency::NonCanonical]);
    }

    #[test]
    fn invalid_characters_are_listed_with_the_first_offset() {
        assert_eq!(
            decode("eyJ{a lot}x").unwrap_err(),
            B64Problem::InvalidChars {
                chars: vec!['{', ' ', '}'],
                more: 0,
                first_offset: 3
            }
        );
    }

    #[test]
    fn impossible_length_and_misplaced_padding_are_errors() {
        assert_eq!(
            decode("abcde").unwrap_err(),
            B64Problem::ImpossibleLength { len: 5 }
        );
        assert_eq!(
            decode("ab=cd").unwrap_err(),
            B64Problem::MisplacedPadding { offset: 2 }
        );
        assert_eq!(
            decode("ab===").unwrap_err(),
            B64Problem::MisplacedPadding { offset: 2 }
        );
    }
}
