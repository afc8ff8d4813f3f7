//! Reports written token by token: the text report and the JSON document are produced as the
//! tokens are decoded, so memory does not grow with the number of tokens. The JSON stays one
//! valid document, byte for byte what serialising the whole [`Report`] gives.

use std::io::{self, Write};

use serde::Serialize;

use super::text::{self, TextOptions};
use crate::report::{Report, Skipped, TokenReport};
use crate::source::Source;

/// Which format to write.
#[derive(Debug, Clone, Copy)]
pub enum Format {
    Json,
    Text(TextOptions),
}

/// Writes one report as its tokens arrive. Nothing is written before the first token (so an
/// input where nothing decodes leaves the output empty and the error alone on stderr).
pub struct ReportWriter<'a, W: Write> {
    w: W,
    format: Format,
    source: &'a Source,
    now: &'a str,
    written: usize,
    /// A reused buffer for one token's JSON.
    buf: Vec<u8>,
}

/// `value` as pretty, terminal-safe JSON, every line after the first indented by `indent`.
fn write_indented<W: Write>(
    w: &mut W,
    buf: &mut Vec<u8>,
    value: &impl Serialize,
    indent: &str,
) -> io::Result<()> {
    buf.clear();
    super::json::write_compact_pretty(&mut *buf, value)?;
    // Pretty JSON has line breaks only between tokens (a string's are escaped), so indenting
    // after each one is exact.
    for (i, line) in buf.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            w.write_all(b"\n")?;
            w.write_all(indent.as_bytes())?;
        }
        w.write_all(line)?;
    }
    Ok(())
}

impl<'a, W: Write> ReportWriter<'a, W> {
    pub fn new(w: W, format: Format, source: &'a Source, now: &'a str) -> Self {
        Self {
            w,
            format,
            source,
            now,
            written: 0,
            buf: Vec::new(),
        }
    }

    fn begin(&mut self) -> io::Result<()> {
        match self.format {
            Format::Json => {
                self.w.write_all(b"{\n  \"source\": ")?;
                write_indented(&mut self.w, &mut self.buf, self.source, "  ")?;
                self.w.write_all(b",\n  \"now\": ")?;
                write_indented(&mut self.w, &mut self.buf, &self.now, "  ")?;
                self.w.write_all(b",\n  \"tokens\": [")
            }
            Format::Text(opts) => text::write_header(&mut self.w, self.source, self.now, opts),
        }
    }

    /// Write the next token.
    pub fn token(&mut self, t: &TokenReport) -> io::Result<()> {
        if self.written == 0 {
            self.begin()?;
        }
        self.written += 1;
        match self.format {
            Format::Json => {
                self.w.write_all(if self.written == 1 {
                    b"\n    "
                } else {
                    b",\n    "
                })?;
                write_indented(&mut self.w, &mut self.buf, t, "    ")
            }
            Format::Text(opts) => text::write_token(&mut self.w, t, self.written, opts),
        }
    }

    /// Finish the report with what was skipped; returns the writer.
    pub fn finish(mut self, skipped: &[Skipped]) -> io::Result<W> {
        if self.written == 0 {
            self.begin()?;
        }
        match self.format {
            Format::Json => {
                self.w
                    .write_all(if self.written == 0 { b"]" } else { b"\n  ]" })?;
                self.w.write_all(b",\n  \"skipped\": ")?;
                write_indented(&mut self.w, &mut self.buf, &skipped, "  ")?;
                self.w.write_all(b"\n}\n")?;
            }
            Format::Text(opts) => text::write_footer(&mut self.w, self.written, skipped, opts)?,
        }
        Ok(self.w)
    }
}

/// Write a whole report (the UI's `w`, `jwtscope imds`, tests).
pub fn write_report<W: Write>(w: W, report: &Report, format: Format) -> io::Result<W> {
    let mut out = ReportWriter::new(w, format, &report.source, &report.now);
    for t in &report.tokens {
        out.token(t)?;
    }
    out.finish(&report.skipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streamed_json_is_the_serialised_report() {
        let now = chrono::DateTime::from_timestamp(1_795_510_800, 0).unwrap_or_default();
        for input in [
            include_str!("../../assets/managedid.json"),
            include_str!("../../assets/oauth-response.json"),
        ] {
            let report =
                crate::pipeline::build(input.as_bytes(), Source::Stdin, now).expect("decodes");
            let mut whole = Vec::new();
            super::super::json::write(&mut whole, &report).expect("written");
            let streamed = write_report(Vec::new(), &report, Format::Json).expect("written");
            assert_eq!(
                String::from_utf8_lossy(&streamed),
                String::from_utf8_lossy(&whole)
            );
        }
    }
}
