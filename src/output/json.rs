//! The JSON output: the [`Report`] serialised, pretty-printed, with every character that could
//! act on a terminal escaped (serde_json escapes C0 controls; this also escapes DEL, C1
//! controls and bidirectional overrides, which JSON allows raw).

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::Formatter;

use super::sanitize::is_unsafe;

/// A pretty formatter (two spaces per level, as serde_json's `PrettyFormatter`) that writes
/// unsafe characters inside strings as `\uXXXX`. It can start at a given depth, so that a
/// value written inside a larger document (a token of a streamed report) is indented in place
/// rather than buffered and re-indented.
struct SafeFormatter {
    depth: usize,
    has_value: bool,
}

/// Spaces for indentation, written in one piece per line.
const SPACES: &[u8; 64] = b"                                                                ";

impl SafeFormatter {
    fn at_depth(depth: usize) -> Self {
        Self {
            depth,
            has_value: false,
        }
    }

    fn newline_indent<W: ?Sized + Write>(&self, w: &mut W, comma: bool) -> io::Result<()> {
        w.write_all(if comma { b",\n" } else { b"\n" })?;
        let mut n = self.depth * 2;
        while n > 0 {
            let k = n.min(SPACES.len());
            w.write_all(&SPACES[..k])?;
            n -= k;
        }
        Ok(())
    }
}

impl Formatter for SafeFormatter {
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
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.newline_indent(w, false)?;
        }
        w.write_all(b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.newline_indent(w, !first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.newline_indent(w, false)?;
        }
        w.write_all(b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.newline_indent(w, !first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Write `value` as pretty, terminal-safe JSON followed by a newline.
pub fn write<T: Serialize>(mut w: impl Write, value: &T) -> io::Result<()> {
    write_compact_pretty(&mut w, value)?;
    w.write_all(b"\n")
}

/// Write `value` as pretty, terminal-safe JSON, without the final newline.
pub fn write_compact_pretty<T: Serialize>(w: impl Write, value: &T) -> io::Result<()> {
    write_at_depth(w, value, 0)
}

/// As [`write_compact_pretty`], for a value that sits `depth` levels deep in a larger
/// document: every line after the first is indented by two spaces per level more.
pub fn write_at_depth<T: Serialize>(mut w: impl Write, value: &T, depth: usize) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut w, SafeFormatter::at_depth(depth));
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

    #[test]
    fn layout_is_serde_json_pretty_and_nests_at_a_depth() {
        let v = json!({"a": [], "b": {}, "c": [1, {"d": [true, null]}], "e": {"f": "g"}});
        let mut out = Vec::new();
        write_compact_pretty(&mut out, &v).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string_pretty(&v).unwrap()
        );
        // At depth 2 every line after the first gains four spaces; deeper than the spaces
        // table still indents fully.
        let mut out = Vec::new();
        write_at_depth(&mut out, &v, 2).unwrap();
        let expected = serde_json::to_string_pretty(&v)
            .unwrap()
            .replace('\n', "\n    ");
        assert_eq!(String::from_utf8(out).unwrap(), expected);
        let mut out = Vec::new();
        write_at_depth(&mut out, &json!([1]), 40).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("[\n{}1\n{}]", " ".repeat(82), " ".repeat(80))
        );
    }
}
