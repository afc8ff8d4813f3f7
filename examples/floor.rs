//! The floor under issue 12's large-token target: the least a decoder can do with a token on
//! standard input, nothing of jwtscope's own. It reads the input, base64url-decodes the
//! payload, parses it and writes it once as pretty JSON, the way `jwt decode --json` shows a
//! payload; jwtscope also writes the header, every claim again with its explanation, the
//! summary and the token itself (for the 260 KB token 777 KB of JSON against jwt-cli's
//! 230 KB). `benches/compare-jwt-cli.sh` times it, statically linked as jwtscope's fast build
//! is, beside both. The modes:
//!
//! - `read`: read standard input and decode the payload's base64url; nothing parsed.
//! - `value`: as `read`, then parse into `serde_json::Value` (`preserve_order` and
//!   `arbitrary_precision`, as jwtscope's payloads are) and write it.
//! - `tree`: as `value`, parsed instead into a compact tree (12-byte nodes in one vector,
//!   every string in one text buffer): what a payload model of jwtscope's own would cost at
//!   best. A `serde_json::Value` is 72 bytes and each string and number its own allocation.
//!
//! Built and run:
//!
//!     cargo build-static --locked --example floor
//!     target/x86_64-unknown-linux-gnu/release/examples/floor value < token.jwt
use std::borrow::Cow;
use std::fmt;
use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

fn main() -> ExitCode {
    let mode = std::env::args().nth(1).unwrap_or_default();
    if !matches!(mode.as_str(), "read" | "value" | "tree") {
        eprintln!("usage: floor read|value|tree < TOKEN");
        return ExitCode::from(2);
    }
    match run(&mode) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(mode: &str) -> Result<(), Box<dyn std::error::Error>> {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input)?;
    let payload = input
        .trim()
        .split('.')
        .nth(1)
        .ok_or("no payload segment: a token is header.payload.signature")?;
    let bytes = URL_SAFE_NO_PAD.decode(payload)?;
    let mut out = BufWriter::new(io::stdout().lock());
    match mode {
        "read" => writeln!(out, "{} bytes of payload", bytes.len())?,
        "value" => {
            let v: serde_json::Value = serde_json::from_slice(&bytes)?;
            serde_json::to_writer_pretty(&mut out, &v)?;
        }
        _ => {
            let mut tree = Tree::default();
            let root =
                Build(&mut tree).deserialize(&mut serde_json::Deserializer::from_slice(&bytes))?;
            serde_json::to_writer_pretty(&mut out, &Shown(&tree, root))?;
        }
    }
    out.flush()?;
    Ok(())
}

/// A value: literals in place, text as a range of [`Tree::text`], arrays and objects as a
/// range of [`Tree::nodes`] (an object's members as name, value, name, value...).
#[derive(Clone, Copy)]
enum Node {
    Null,
    Bool(bool),
    Number(u32, u32),
    String(u32, u32),
    Array(u32, u32),
    Object(u32, u32),
}

#[derive(Default)]
struct Tree {
    text: String,
    nodes: Vec<Node>,
    /// Children of the arrays and objects still open, moved to `nodes` when each closes so
    /// that a container's children sit side by side.
    open: Vec<Node>,
}

impl Tree {
    fn push_text(&mut self, s: &str) -> (u32, u32) {
        let at = self.text.len();
        self.text.push_str(s);
        (at as u32, s.len() as u32)
    }

    /// Move the children gathered since `base` to `nodes`: where they start, how many.
    fn close(&mut self, base: usize) -> (u32, u32) {
        let at = self.nodes.len();
        let n = self.open.len() - base;
        self.nodes.extend(self.open.drain(base..));
        (at as u32, n as u32)
    }

    fn str(&self, (at, len): (u32, u32)) -> &str {
        &self.text[at as usize..(at + len) as usize]
    }
}

/// serde_json's name for the map an `arbitrary_precision` number other than an integer that
/// fits 64 bits arrives as.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

struct Build<'t>(&'t mut Tree);

impl<'de> DeserializeSeed<'de> for Build<'_> {
    type Value = Node;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Build<'_> {
    type Value = Node;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("JSON")
    }
    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Node, E> {
        Ok(Node::Bool(b))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Node, E> {
        let (at, len) = self.0.push_text(&n.to_string());
        Ok(Node::Number(at, len))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Node, E> {
        let (at, len) = self.0.push_text(&n.to_string());
        Ok(Node::Number(at, len))
    }
    fn visit_str<E>(self, s: &str) -> Result<Node, E> {
        let (at, len) = self.0.push_text(s);
        Ok(Node::String(at, len))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let base = self.0.open.len();
        while let Some(n) = seq.next_element_seed(Build(&mut *self.0))? {
            self.0.open.push(n);
        }
        let (at, n) = self.0.close(base);
        Ok(Node::Array(at, n))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let base = self.0.open.len();
        while let Some(k) = map.next_key::<Cow<'de, str>>()? {
            if k == NUMBER_TOKEN && self.0.open.len() == base {
                let digits: Cow<'de, str> = map.next_value()?;
                let (at, len) = self.0.push_text(&digits);
                return Ok(Node::Number(at, len));
            }
            let (at, len) = self.0.push_text(&k);
            self.0.open.push(Node::String(at, len));
            let v = map.next_value_seed(Build(&mut *self.0))?;
            self.0.open.push(v);
        }
        let (at, n) = self.0.close(base);
        Ok(Node::Object(at, n / 2))
    }
}

struct Shown<'t>(&'t Tree, Node);

impl Serialize for Shown<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let t = self.0;
        match self.1 {
            Node::Null => s.serialize_unit(),
            Node::Bool(b) => s.serialize_bool(b),
            Node::Number(at, len) => {
                let n: serde_json::Number = t
                    .str((at, len))
                    .parse()
                    .map_err(serde::ser::Error::custom)?;
                n.serialize(s)
            }
            Node::String(at, len) => s.serialize_str(t.str((at, len))),
            Node::Array(at, n) => {
                let mut seq = s.serialize_seq(Some(n as usize))?;
                for node in &t.nodes[at as usize..(at + n) as usize] {
                    seq.serialize_element(&Shown(t, *node))?;
                }
                seq.end()
            }
            Node::Object(at, n) => {
                let mut map = s.serialize_map(Some(n as usize))?;
                for pair in t.nodes[at as usize..(at + 2 * n) as usize].chunks_exact(2) {
                    map.serialize_entry(&Shown(t, pair[0]), &Shown(t, pair[1]))?;
                }
                map.end()
            }
        }
    }
}
