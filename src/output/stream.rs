//! Reports written token by token: the text report and the JSON document are produced as the
//! tokens are decoded, so memory does not grow with the number of tokens. The JSON stays one
//! valid document, byte for byte what serialising the whole [`Report`] gives.

use std::io::{self, Write};

use super::json;
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
    /// Where a token's JSON is gathered, kept from token to token.
    scratch: Vec<u8>,
}

impl<'a, W: Write> ReportWriter<'a, W> {
    pub fn new(w: W, format: Format, source: &'a Source, now: &'a str) -> Self {
        Self {
            w,
            format,
            source,
            now,
            written: 0,
            scratch: Vec::new(),
        }
    }

    fn begin(&mut self) -> io::Result<()> {
        match self.format {
            Format::Json => {
                self.w.write_all(b"{\n  \"source\": ")?;
                json::write_at_depth(&mut self.w, self.source, 1)?;
                self.w.write_all(b",\n  \"now\": ")?;
                json::write_at_depth(&mut self.w, &self.now, 1)?;
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
        // Straight to the writer: a large token is not held rendered whole.
        match self.format {
            Format::Json => {
                self.w.write_all(json_separator(self.written))?;
                json::write_at_depth_with(&mut self.w, t, 2, &mut self.scratch)
            }
            Format::Text(opts) => text::write_token(&mut self.w, t, self.written, opts),
        }
    }

    /// Write tokens rendered by [`render_unnumbered`] into one buffer, numbered after the
    /// tokens written so far: `marks` holds what [`render_unnumbered`] returned for each.
    pub fn rendered(&mut self, bytes: &[u8], marks: &[usize]) -> io::Result<()> {
        if marks.is_empty() {
            return Ok(());
        }
        if self.written == 0 {
            self.begin()?;
        }
        match self.format {
            // Each token comes with the separator of one that is not the first: the batch goes
            // out in one piece (past the output buffer, uncopied), but for the very first token.
            Format::Json => {
                let mut bytes = bytes;
                if self.written == 0 {
                    self.w.write_all(FIRST_SEPARATOR)?;
                    bytes = bytes.get(NEXT_SEPARATOR.len()..).unwrap_or_default();
                }
                self.written += marks.len();
                self.w.write_all(bytes)
            }
            // The number goes into each token's heading.
            Format::Text(_) => {
                let mut from = 0;
                for &at in marks {
                    self.w.write_all(&bytes[from..at])?;
                    self.written += 1;
                    let mut number = itoa::Buffer::new();
                    self.w.write_all(number.format(self.written).as_bytes())?;
                    from = at;
                }
                self.w.write_all(&bytes[from..])
            }
        }
    }

    /// How many tokens were written.
    pub fn written(&self) -> usize {
        self.written
    }

    /// The format written.
    pub fn format(&self) -> Format {
        self.format
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
                json::write_at_depth(&mut self.w, &skipped, 1)?;
                self.w.write_all(b"\n}\n")?;
            }
            Format::Text(opts) => text::write_footer(&mut self.w, self.written, skipped, opts)?,
        }
        Ok(self.w)
    }
}

/// Append what [`ReportWriter::token`] writes for a token, without its number (in JSON, the
/// separator is the one of a token that is not the first; in text, the heading's number is
/// left out): returns where in `out` the token begins (JSON) or its number goes (text), for
/// [`ReportWriter::rendered`]. Tokens are rendered apart (on other threads) and written in
/// order.
pub fn render_unnumbered(out: &mut Vec<u8>, format: Format, t: &TokenReport) -> io::Result<usize> {
    match format {
        Format::Json => {
            let at = out.len();
            out.extend_from_slice(NEXT_SEPARATOR);
            json::append_at_depth(out, t, 2)?;
            Ok(at)
        }
        Format::Text(opts) => text::write_token_unnumbered(out, t, opts),
    }
}

/// What comes before the first token in the JSON document's `tokens`...
const FIRST_SEPARATOR: &[u8] = b"\n    ";
/// ... and before each later one.
const NEXT_SEPARATOR: &[u8] = b",\n    ";

/// What comes before token number `index` (from 1) in the JSON document's `tokens`.
fn json_separator(index: usize) -> &'static [u8] {
    if index == 1 {
        FIRST_SEPARATOR
    } else {
        NEXT_SEPARATOR
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
