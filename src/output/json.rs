//! The JSON output: the [`Report`] serialised, pretty-printed, with every character that could
//! act on a terminal escaped (serde_json escapes C0 controls; this also escapes DEL, C1
//! controls and bidirectional overrides, which JSON allows raw).

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use super::sanitize::is_unsafe;

/// A pretty formatter that writes unsafe characters inside strings as `\uXXXX`.
struct SafeFormatter<'a>(PrettyFormatter<'a>);

impl Formatter for SafeFormatter<'_> {
    #[allow(clippy::needless_bitwise_bool)] // branch-free on purpose: it vectorises
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Fast path: printable ASCII is safe (serde_json escapes C0 itself).
        if fragment
            .as_bytes()
            .iter()
            .fold(true, |ok, &b| ok & (b < 0x7f))
        {
            return w.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if is_unsafe(c) {
                w.write_all(&fragment.as_bytes()[start..i])?;
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    write!(w, "\\u{u:04x}")?;
                }
                start = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[start..])
    }
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Write `value` as pretty, terminal-safe JSON followed by a newline.
pub fn write<T: Serialize>(mut w: impl Write, value: &T) -> io::Result<()> {
    write_compact_pretty(&mut w, value)?;
    w.write_all(b"\n")
}

/// Write `value` as pretty, terminal-safe JSON, without the final newline.
pub fn write_compact_pretty<T: Serialize>(mut w: impl Write, value: &T) -> io::Result<()> {
    let mut ser =
        serde_json::Serializer::with_formatter(&mut w, SafeFormatter(PrettyFormatter::new()));
    value
        .serialize(&mut ser)
        .map_err(|e| match e.io_error_kind() {
            // Keep the kind (a closed pipe must stay recognisable as one).
            Some(kind) => io::Error::from(kind),
            None => io::Error::other(e),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn output_is_valid_json_without_raw_controls() {
        let v = json!({"name": "a\u{1b}[31mred\u{9b}\u{202e}\u{7f}", "n": 1.300_819_38e9});
        let mut out = Vec::new();
        write(&mut out, &v).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(!text.chars().any(|c| is_unsafe(c) && c != '\n'), "{text}");
        assert!(text.contains(r"\u001b[31mred\u009b\u202e\u007f"), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], v["name"]);
    }
}
