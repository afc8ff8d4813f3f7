//! base64url as RFC 7515 §2 defines it, with the leniencies an inspector needs.
//!
//! Strict RFC 7515 decoding refuses `=` padding, the standard alphabet (`+`, `/`) and
//! non-zero trailing bits. Real tokens carry all three (Microsoft's published samples are
//! padded), so each is accepted and reported as a [`Leniency`] that the caller turns into a
//! warning. Characters outside both alphabets are errors with their byte offset.

use base64::Engine as _;
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
        chars: Vec<char>,
        first_offset: usize,
    },
    /// `=` in the middle of the segment, or more than two of them.
    MisplacedPadding { offset: usize },
    /// A length no byte string encodes to (4n+1 characters).
    ImpossibleLength { len: usize },
}

/// The decoded bytes of one segment and what had to be tolerated to get them.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub bytes: Vec<u8>,
    pub leniencies: Vec<Leniency>,
}

fn is_b64url(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// Decode one segment. Offsets in errors are byte offsets within `seg`.
pub fn decode(seg: &str) -> Result<Decoded, B64Problem> {
    let mut leniencies = Vec::new();
    let mut invalid: Vec<char> = Vec::new();
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
            other => {
                first_invalid.get_or_insert(i);
                if !invalid.contains(&other) {
                    invalid.push(other);
                }
            }
        }
    }
    if let Some(first_offset) = first_invalid {
        return Err(B64Problem::InvalidChars {
            chars: invalid,
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
