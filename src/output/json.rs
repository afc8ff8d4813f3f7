//! The JSON output: any `Serialize` value written as pretty JSON (serde_json's
//! `PrettyFormatter` layout, two spaces per level), with every character that could act on a
//! terminal escaped: C0 controls as JSON requires, and also DEL, C1 controls, bidirectional
//! overrides and the other invisible characters of [`is_unsafe`], which JSON allows raw.
//!
//! The writer is a serde `Serializer` of its own rather than serde_json's with a custom
//! `Formatter`: serde_json looks at every byte of every string through a table and then hands
//! the runs to the formatter, which had to look at them again for the characters it escapes
//! too. Strings and keys were a third of the time of a report of many small tokens. Here a
//! string is checked eight bytes at a time and written in runs. Numbers keep their spelling
//! (serde_json's `arbitrary_precision` numbers arrive as its private number struct) and
//! floats are written by serde_json itself, so the bytes are serde_json's.

use std::fmt::Display;
use std::io::{self, Write};

use serde::Serialize;
use serde::ser::{self, Impossible};

use super::sanitize::is_unsafe;

/// Write `value` as pretty, terminal-safe JSON followed by a newline.
pub fn write<T: Serialize + ?Sized>(mut w: impl Write, value: &T) -> io::Result<()> {
    write_compact_pretty(&mut w, value)?;
    w.write_all(b"\n")
}

/// Write `value` as pretty, terminal-safe JSON, without the final newline.
pub fn write_compact_pretty<T: Serialize + ?Sized>(w: impl Write, value: &T) -> io::Result<()> {
    write_at_depth(w, value, 0)
}

/// As [`write_compact_pretty`], for a value that sits `depth` levels deep in a larger
/// document: every line after the first is indented by two spaces per level more.
/// The JSON is built in a buffer that is handed to `w` whenever it holds [`SPILL_AT`] bytes,
/// so a large value is never held whole.
pub fn write_at_depth<T: Serialize + ?Sized>(
    w: impl Write,
    value: &T,
    depth: usize,
) -> io::Result<()> {
    write_at_depth_with(w, value, depth, &mut Vec::new())
}

/// As [`write_at_depth`], gathering in `out` (cleared first): a caller that writes value after
/// value (a report's tokens) keeps one buffer rather than allocating one a value.
pub fn write_at_depth_with<T: Serialize + ?Sized>(
    mut w: impl Write,
    value: &T,
    depth: usize,
    out: &mut Vec<u8>,
) -> io::Result<()> {
    // Room for what is gathered before a spill: grown from nothing, a token's report took ten
    // reallocations.
    out.clear();
    out.reserve(SPILL_AT + 1024);
    let mut ser = Json {
        out: &mut *out,
        depth,
        has_value: false,
        sink: Some(Sink {
            w: &mut w,
            error: None,
        }),
    };
    value.serialize(&mut ser).map_err(|e| e.0)?;
    if let Some(e) = ser.sink.and_then(|s| s.error) {
        return Err(e);
    }
    w.write_all(out)
}

/// How much JSON [`write_at_depth`] gathers before it writes.
const SPILL_AT: usize = 32 * 1024;

/// As [`write_at_depth`], appended to `out`: the writer's own buffer, written with plain
/// pushes rather than a call per piece (a report is hundreds of small pieces).
pub fn append_at_depth<T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    value: &T,
    depth: usize,
) -> io::Result<()> {
    let mut ser = Json {
        out,
        depth,
        has_value: false,
        sink: None,
    };
    value.serialize(&mut ser).map_err(|e| e.0)
}

/// serde_json's name for the struct an `arbitrary_precision` number serialises as.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// A separator, a line break and spaces for indentation, written in one piece per line.
const LINE: [u8; 66] = *b",\n                                                                ";
/// The same without the separator.
const LINE_NO_COMMA: [u8; 66] =
    *b"\n                                                                 ";

/// The serializer: the writer and where in the layout it is (as serde_json's
/// `PrettyFormatter`: the depth, and whether the innermost open array or object has a value).
struct Json<'o> {
    out: &'o mut Vec<u8>,
    depth: usize,
    has_value: bool,
    /// Where the buffer goes when it is full; `None`: the buffer is the destination.
    sink: Option<Sink<'o>>,
}

/// A writer that takes the buffer's contents as they accumulate, and the first error it gave
/// (reported when the value is done: serde's callers cannot be interrupted cleanly).
struct Sink<'o> {
    w: &'o mut dyn Write,
    error: Option<io::Error>,
}

/// An I/O error, or a value JSON cannot hold (a map key that is not a string), as one.
#[derive(Debug)]
pub struct Error(io::Error);

impl Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Self(io::Error::other(msg.to_string()))
    }
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Self(e)
    }
}

type Result<T = ()> = std::result::Result<T, Error>;

impl<'o> Json<'o> {
    /// Hand the buffer to the sink, if there is one and the buffer is full.
    fn spill(&mut self) {
        if self.out.len() >= SPILL_AT
            && let Some(sink) = &mut self.sink
        {
            if sink.error.is_none()
                && let Err(e) = sink.w.write_all(self.out)
            {
                sink.error = Some(e);
            }
            self.out.clear();
        }
    }

    /// `,` when `comma`, a line break and the indentation. For the usual depths a whole
    /// prepared line (of a size known when compiling: a few vector moves, no call) is
    /// appended and cut to length.
    fn newline_indent(&mut self, comma: bool) {
        self.spill();
        let n = self.depth * 2;
        let line = if comma { &LINE } else { &LINE_NO_COMMA };
        let len = line.len() - 64 + n - usize::from(!comma);
        if n <= 64 {
            let at = self.out.len();
            self.out.extend_from_slice(line);
            self.out.truncate(at + len);
            return;
        }
        self.out.extend_from_slice(&line[..len - n]);
        let mut n = n;
        while n > 0 {
            let k = n.min(64);
            self.out.extend_from_slice(&LINE[2..2 + k]);
            n -= k;
        }
    }

    fn open(&mut self, bracket: u8) {
        self.depth += 1;
        self.has_value = false;
        self.out.push(bracket);
    }

    fn close(&mut self, bracket: u8) {
        self.depth -= 1;
        if self.has_value {
            self.newline_indent(false);
        }
        self.out.push(bracket);
    }

    /// Bytes as they are.
    fn raw(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
    }

    /// A string between quotes, escaped. With a sink, a long one (a token's text) goes in
    /// pieces of [`SPILL_AT`] bytes, cut between characters.
    fn string(&mut self, s: &str) {
        self.out.push(b'"');
        let mut rest = s;
        while self.sink.is_some() && rest.len() > SPILL_AT {
            let mut end = SPILL_AT;
            while !rest.is_char_boundary(end) {
                end -= 1;
            }
            write_escaped(self.out, &rest[..end]);
            self.spill();
            rest = &rest[end..];
        }
        self.out.reserve(rest.len() + 1);
        write_escaped(self.out, rest);
        self.out.push(b'"');
    }

    /// A value in an array or object of a compound: the separator before it, then the value.
    fn element<T: Serialize + ?Sized>(&mut self, first: bool, value: &T) -> Result {
        self.newline_indent(!first);
        value.serialize(&mut *self)?;
        self.has_value = true;
        Ok(())
    }

    /// `{"Variant": ` and the opening `bracket` of its values: the object around an enum
    /// variant's values, as serde_json writes it; closing the values closes it too.
    fn variant<'a>(&'a mut self, variant: &'static str, bracket: u8) -> Compound<'a, 'o> {
        self.open(b'{');
        self.newline_indent(false);
        self.string(variant);
        self.out.extend_from_slice(b": ");
        self.open(bracket);
        Compound {
            ser: self,
            first: true,
            variant: true,
        }
    }

    /// A member of an object: the separator, the key, then the value. Inlined (with the
    /// `serialize_field`s that call it) into each derived `Serialize`, where the field's name
    /// is a constant: it is copied by a few moves, not a call to memcpy (20k tokens: 5% fewer
    /// instructions).
    #[allow(clippy::inline_always)] // measured: see above
    #[inline(always)]
    fn entry<T: Serialize + ?Sized>(
        &mut self,
        first: bool,
        key: &'static str,
        value: &T,
    ) -> Result {
        self.newline_indent(!first);
        // A field's name: a Rust identifier or one of our renames, never anything to escape.
        debug_assert!(!needs_escape(key), "field name {key:?}");
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\": ");
        value.serialize(&mut *self)?;
        self.has_value = true;
        Ok(())
    }
}

/// Whether any of the eight bytes of `x` needs a look: `"`, `\`, a control below 0x20, DEL,
/// or any byte of a non-ASCII character.
#[inline]
fn needs_look(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_in = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let below_space = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
    (below_space
        | zero_in(x ^ (ONES * u64::from(b'"')))
        | zero_in(x ^ (ONES * u64::from(b'\\')))
        | zero_in(x ^ (ONES * 0x7f))
        | (x & HIGH))
        != 0
}

/// Whether byte `b` needs a look, as [`needs_look`] asks of eight: written with `|`, not
/// `||`, so that a fold over a block of them vectorises.
#[inline]
#[allow(clippy::needless_bitwise_bool)] // branch-free on purpose: it vectorises
fn byte_needs_look(b: u8) -> bool {
    (b < 0x20) | (b == b'"') | (b == b'\\') | (b >= 0x7f)
}

/// How many leading bytes of `bytes` need no look: the index of the first that does, or the
/// length. The bulk of a long string in 32-byte blocks with one branch each (the compiler
/// turns the fold into vector compares), the rest eight bytes at a time, then byte by byte.
fn plain_run(bytes: &[u8]) -> usize {
    let mut n = 0;
    for block in bytes.chunks_exact(32) {
        if block.iter().fold(false, |any, &b| any | byte_needs_look(b)) {
            break;
        }
        n += 32;
    }
    for word in bytes[n..].chunks_exact(8) {
        let Ok(word) = <[u8; 8]>::try_from(word) else {
            break; // not reached: the words are whole
        };
        if needs_look(u64::from_le_bytes(word)) {
            break;
        }
        n += 8;
    }
    n + bytes[n..]
        .iter()
        .take_while(|&&b| !byte_needs_look(b))
        .count()
}

/// Whether `s` holds anything [`write_escaped`] changes.
fn needs_escape(s: &str) -> bool {
    let mut escaped = Vec::with_capacity(s.len());
    write_escaped(&mut escaped, s);
    escaped != s.as_bytes()
}

/// `s` with `"`, `\` and every unsafe character escaped, written in runs.
fn write_escaped(w: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0; // the run not yet written
    let mut i = 0;
    loop {
        // `i` moves to the next byte that needs a look.
        i += plain_run(&bytes[i..]);
        let Some(&b) = bytes.get(i) else {
            break;
        };
        let short: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0x20..=0x7e => {
                i += 1;
                continue;
            }
            0x80.. => {
                let Some(c) = s[i..].chars().next() else {
                    break; // not reached: `i` is always at a character's start
                };
                if !is_unsafe(c) {
                    i += c.len_utf8();
                    continue;
                }
                w.extend_from_slice(&bytes[start..i]);
                let mut units = [0u16; 2];
                for &u in c.encode_utf16(&mut units).iter() {
                    unicode_escape(w, u);
                }
                i += c.len_utf8();
                start = i;
                continue;
            }
            _ => b"", // other C0 controls and DEL: \u00XX below
        };
        w.extend_from_slice(&bytes[start..i]);
        if short.is_empty() {
            unicode_escape(w, b.into());
        } else {
            w.extend_from_slice(short);
        }
        i += 1;
        start = i;
    }
    w.extend_from_slice(&bytes[start..]);
}

/// `\uXXXX` for one UTF-16 unit, lower-case hex as serde_json writes it.
fn unicode_escape(w: &mut Vec<u8>, unit: u16) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    w.extend_from_slice(b"\\u");
    for shift in [12, 8, 4, 0] {
        w.push(HEX[usize::from((unit >> shift) & 0xf)]);
    }
}

/// An array or object being written; `first` until its first member is.
struct Compound<'a, 'o> {
    ser: &'a mut Json<'o>,
    first: bool,
    /// An object that wraps the value of an enum variant (`{"Variant": ...}`): one more
    /// level to close.
    variant: bool,
}

impl Compound<'_, '_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.ser.element(self.first, value)?;
        self.first = false;
        Ok(())
    }

    #[allow(clippy::inline_always)] // measured: see Json::entry
    #[inline(always)]
    fn entry<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.ser.entry(self.first, key, value)?;
        self.first = false;
        Ok(())
    }

    fn close(self, bracket: u8) {
        self.ser.close(bracket);
        if self.variant {
            self.ser.has_value = true;
            self.ser.close(b'}');
        }
    }
}

impl<'a, 'o> ser::Serializer for &'a mut Json<'o> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, 'o>;
    type SerializeTuple = Compound<'a, 'o>;
    type SerializeTupleStruct = Compound<'a, 'o>;
    type SerializeTupleVariant = Compound<'a, 'o>;
    type SerializeMap = MapCompound<'a, 'o>;
    type SerializeStruct = StructCompound<'a, 'o>;
    type SerializeStructVariant = Compound<'a, 'o>;

    fn serialize_bool(self, v: bool) -> Result {
        self.raw(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result {
        self.raw(itoa::Buffer::new().format(v).as_bytes());
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result {
        self.raw(itoa::Buffer::new().format(v).as_bytes());
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result {
        self.raw(itoa::Buffer::new().format(v).as_bytes());
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result {
        self.raw(itoa::Buffer::new().format(v).as_bytes());
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result {
        // serde_json's own spelling (shortest round trip; null for NaN and infinities).
        serde_json::to_writer(&mut *self.out, &v).map_err(|e| Error(e.into()))
    }
    fn serialize_char(self, v: char) -> Result {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result {
        use ser::SerializeSeq as _;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        self.raw(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        self.open(b'{');
        self.entry(true, variant, value)?;
        self.close(b'}');
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        self.open(b'[');
        Ok(Compound {
            ser: self,
            first: true,
            variant: false,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Ok(self.variant(variant, b'['))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        self.open(b'{');
        Ok(MapCompound {
            ser: self,
            first: true,
        })
    }
    fn serialize_struct(self, name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        if name == NUMBER_TOKEN {
            return Ok(StructCompound::Number(self));
        }
        self.open(b'{');
        Ok(StructCompound::Object(Compound {
            ser: self,
            first: true,
            variant: false,
        }))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Ok(self.variant(variant, b'{'))
    }
}

/// Arrays: a sequence, a tuple, a tuple struct, a tuple variant's values.
macro_rules! array_compound {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
                self.element(value)
            }
            fn end(self) -> Result {
                self.close(b']');
                Ok(())
            }
        }
    )*};
}

array_compound!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeStructVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    #[allow(clippy::inline_always)] // measured: see Json::entry
    #[inline(always)]
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.entry(key, value)
    }
    fn end(self) -> Result {
        self.close(b'}');
        Ok(())
    }
}

/// A struct: an object, or serde_json's private struct that carries a number's text.
enum StructCompound<'a, 'o> {
    Object(Compound<'a, 'o>),
    Number(&'a mut Json<'o>),
}

impl ser::SerializeStruct for StructCompound<'_, '_> {
    type Ok = ();
    type Error = Error;
    #[allow(clippy::inline_always)] // measured: see Json::entry
    #[inline(always)]
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        match self {
            Self::Object(c) => c.entry(key, value),
            Self::Number(ser) => value.serialize(Verbatim(ser.out)),
        }
    }
    fn end(self) -> Result {
        if let Self::Object(c) = self {
            c.close(b'}');
        }
        Ok(())
    }
}

/// An object whose keys come one by one (a map).
struct MapCompound<'a, 'o> {
    ser: &'a mut Json<'o>,
    first: bool,
}

impl ser::SerializeMap for MapCompound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result {
        self.ser.newline_indent(!self.first);
        self.first = false;
        key.serialize(Key(&mut *self.ser))?;
        self.ser.raw(b": ");
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        value.serialize(&mut *self.ser)?;
        self.ser.has_value = true;
        Ok(())
    }
    fn end(self) -> Result {
        self.ser.close(b'}');
        Ok(())
    }
}

/// Unsupported by a restricted serializer: an error naming what was given.
macro_rules! refuse {
    ($what:literal: $($method:ident($($arg:ty),*)),* $(,)?) => {
        $(fn $method(self, $(_: $arg),*) -> Result {
            Err(ser::Error::custom(concat!($what, ", not ", stringify!($method))))
        })*
    };
}

/// Compound serializers a restricted serializer never returns.
macro_rules! no_compounds {
    ($what:literal) => {
        type SerializeSeq = Impossible<(), Error>;
        type SerializeTuple = Impossible<(), Error>;
        type SerializeTupleStruct = Impossible<(), Error>;
        type SerializeTupleVariant = Impossible<(), Error>;
        type SerializeMap = Impossible<(), Error>;
        type SerializeStruct = Impossible<(), Error>;
        type SerializeStructVariant = Impossible<(), Error>;
        fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result {
            Err(ser::Error::custom(concat!($what, ", not an option")))
        }
        fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, _: &T) -> Result {
            Err(ser::Error::custom(concat!($what, ", not a newtype")))
        }
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result {
            Err(ser::Error::custom(concat!($what, ", not a variant")))
        }
        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq> {
            Err(ser::Error::custom(concat!($what, ", not a sequence")))
        }
        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple> {
            Err(ser::Error::custom(concat!($what, ", not a tuple")))
        }
        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleStruct> {
            Err(ser::Error::custom(concat!($what, ", not a tuple")))
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant> {
            Err(ser::Error::custom(concat!($what, ", not a variant")))
        }
        fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap> {
            Err(ser::Error::custom(concat!($what, ", not a map")))
        }
        fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct> {
            Err(ser::Error::custom(concat!($what, ", not a struct")))
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant> {
            Err(ser::Error::custom(concat!($what, ", not a variant")))
        }
    };
}

/// A number's text from serde_json (already valid JSON), written as it is.
struct Verbatim<'a>(&'a mut Vec<u8>);

impl ser::Serializer for Verbatim<'_> {
    type Ok = ();
    type Error = Error;
    no_compounds!("a number's text must be a string");
    fn serialize_str(self, v: &str) -> Result {
        self.0.extend_from_slice(v.as_bytes());
        Ok(())
    }
    refuse!("a number's text must be a string":
        serialize_bool(bool), serialize_i8(i8), serialize_i16(i16), serialize_i32(i32),
        serialize_i64(i64), serialize_u8(u8), serialize_u16(u16), serialize_u32(u32),
        serialize_u64(u64), serialize_f32(f32), serialize_f64(f64), serialize_char(char),
        serialize_bytes(&[u8]), serialize_none(), serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );
}

/// A map key: a string, or a number or bool written as a string (as serde_json does).
struct Key<'a, 'o>(&'a mut Json<'o>);

impl Key<'_, '_> {
    fn quoted(self, text: &str) {
        self.0.string(text);
    }
}

impl ser::Serializer for Key<'_, '_> {
    type Ok = ();
    type Error = Error;
    no_compounds!("a JSON object key must be a string");
    fn serialize_str(self, v: &str) -> Result {
        self.quoted(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result {
        self.quoted(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_bool(self, v: bool) -> Result {
        self.quoted(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result {
        self.quoted(itoa::Buffer::new().format(v));
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Result {
        self.quoted(itoa::Buffer::new().format(v));
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Result {
        self.quoted(itoa::Buffer::new().format(v));
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result {
        self.quoted(itoa::Buffer::new().format(v));
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result {
        self.quoted(itoa::Buffer::new().format(v));
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result {
        self.quoted(itoa::Buffer::new().format(v));
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result {
        self.quoted(itoa::Buffer::new().format(v));
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result {
        self.quoted(itoa::Buffer::new().format(v));
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.quoted(variant);
        Ok(())
    }
    refuse!("a JSON object key must be a string":
        serialize_f32(f32), serialize_f64(f64), serialize_bytes(&[u8]), serialize_none(),
        serialize_unit(), serialize_unit_struct(&'static str),
    );
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

    /// Strings of every kind of character, in values of every shape: the output parses back
    /// to the value, holds no unsafe character, and is byte for byte serde_json's pretty
    /// output wherever serde_json writes nothing unsafe.
    #[test]
    fn strings_and_shapes_match_serde_json() {
        let pieces = [
            "",
            "a",
            "plain ascii text.",
            "\"",
            "\\",
            "\n\r\t\u{8}\u{c}",
            "\u{0}\u{1f}",
            "\u{7f}",
            "é",
            "日本",
            "🦀",
            "\u{9b}",
            "\u{202e}",
            "\u{200b}",
            "\u{feff}",
            "\u{2028}",
            "\u{e0041}",
            "1234567",
            "12345678",
            "123456789",
            "/",
            "<>&'",
        ];
        let mut strings = Vec::new();
        for a in pieces {
            for b in pieces {
                strings.push(format!("{a}{b}"));
                strings.push(format!("0123456789{a}abcdefgh{b}xyz"));
            }
        }
        let v = json!({
            "strings": strings,
            "keys": strings.iter().map(|s| (s.clone(), json!(s.len()))).collect::<serde_json::Map<_, _>>(),
            "numbers": [0, -1, 1.5, 1e300, u64::MAX, i64::MIN],
            "nested": [[], {}, [[]], {"a": {}}, [{"b": [null, true, false]}]],
        });
        let mut out = Vec::new();
        write_compact_pretty(&mut out, &v).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(!text.chars().any(|c| is_unsafe(c) && c != '\n'));
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), v);
        for s in &strings {
            let mut out = Vec::new();
            write_compact_pretty(&mut out, s).unwrap();
            let ours = String::from_utf8(out).unwrap();
            let theirs = serde_json::to_string(s).unwrap();
            if theirs.chars().any(is_unsafe) {
                assert_ne!(ours, theirs, "{s:?}");
            } else {
                assert_eq!(ours, theirs, "{s:?}");
            }
        }
        // Numbers are written as the text serde_json keeps for them (jwtscope's own parser
        // keeps the token's spelling in that text).
        let spelled: serde_json::Value =
            serde_json::from_str("[1E400, 1e5, 1.0E+2, -0, 0.10, 123456789012345678901234567890]")
                .unwrap();
        let mut out = Vec::new();
        write_compact_pretty(&mut out, &spelled).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string_pretty(&spelled).unwrap()
        );
    }

    /// Enum shapes serde_json writes as objects around the variant.
    #[test]
    fn variants_are_laid_out_as_serde_json_does() {
        #[derive(serde::Serialize)]
        enum E {
            Unit,
            New(u8),
            Tuple(u8, &'static str),
            Struct { a: Option<u8>, b: Vec<u8> },
        }
        let v = (
            E::Unit,
            E::New(1),
            E::Tuple(2, "x"),
            E::Struct { a: None, b: vec![] },
            'c',
        );
        let mut out = Vec::new();
        write_compact_pretty(&mut out, &v).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string_pretty(&v).unwrap()
        );
        let map: std::collections::BTreeMap<u32, bool> = [(1, true), (20, false)].into();
        let mut out = Vec::new();
        write_compact_pretty(&mut out, &map).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string_pretty(&map).unwrap()
        );
    }

    /// Every character that needs escaping is found wherever it is: at each position of
    /// plain strings up to three blocks and a tail long (block, word and byte steps).
    #[test]
    fn escapes_are_found_at_every_position() {
        for len in 0..80 {
            for at in 0..=len {
                for piece in ["\"", "\\", "\n", "\u{1}", "\u{7f}", "\u{e9}", "\u{202e}"] {
                    let s = format!("{}{piece}{}", "a".repeat(at), "b".repeat(len - at));
                    let mut out = Vec::new();
                    write_escaped(&mut out, &s);
                    let ours = String::from_utf8(out).unwrap();
                    // serde_json's escaping, plus ours for DEL and the bidirectional override.
                    let theirs = serde_json::to_string(&s).unwrap();
                    let theirs = theirs[1..theirs.len() - 1]
                        .replace('\u{7f}', "\\u007f")
                        .replace('\u{202e}', "\\u202e");
                    assert_eq!(ours, theirs, "{s:?}");
                }
            }
        }
    }

    /// A large value reaches the writer in pieces of about [`SPILL_AT`] bytes, as the same
    /// bytes; a writer's error comes back.
    #[test]
    fn a_large_value_is_written_in_pieces() {
        struct Pieces(Vec<Vec<u8>>);
        impl Write for Pieces {
            fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
                self.0.push(buf.to_vec());
                Ok(buf.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut v: Vec<String> = (0..20_000).map(|i| format!("group-{i:08}")).collect();
        v.push("é\u{202e}日".repeat(30_000)); // 270 KB in one string, cut between characters
        let mut pieces = Pieces(Vec::new());
        write_at_depth(&mut pieces, &v, 2).unwrap();
        let mut whole = Vec::new();
        append_at_depth(&mut whole, &v, 2).unwrap();
        assert!(whole.len() > 10 * SPILL_AT);
        assert!(pieces.0.len() > 10, "{} pieces", pieces.0.len());
        // At most a full buffer plus one piece of a string, escaped (six bytes for one).
        assert!(
            pieces.0.iter().all(|p| p.len() < 7 * SPILL_AT),
            "a piece held too much"
        );
        assert_eq!(pieces.0.concat(), whole);

        let e = write_at_depth(Closed, &v, 0).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::BrokenPipe);
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
        let mut out = Vec::new();
        write_at_depth(&mut out, &json!([1, 2]), 40).unwrap();
        let (inner, outer) = (" ".repeat(82), " ".repeat(80));
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("[\n{inner}1,\n{inner}2\n{outer}]")
        );
    }
}
