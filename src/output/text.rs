//! The text report: summary first, then warnings, response metadata, header and claims, each
//! with its description and times in readable forms. Written against `impl Write`; colour only
//! when asked (the caller decides from the terminal, `--color` and `NO_COLOR`).

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use serde_json::Value;

use super::sanitize::clean;
use crate::report::{ExpiryStatus, Field, Kind, Report, SignatureStatus, Skipped, TokenReport};
use crate::source::Source;

/// Arrays longer than this are summarised as "[N items]" with the first few shown.
const LIST_PREVIEW: usize = 8;
/// Longer rendered values are cut (the JSON output has them whole).
const MAX_VALUE_CHARS: usize = 400;

/// How to print.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextOptions {
    pub color: bool,
    /// The terminal's width, when the report goes to a terminal: descriptions, meanings and
    /// warnings are broken between words to fit, each line indented under the first, rather
    /// than cut mid-word by the terminal. `None` (a pipe, a file): one line each.
    pub width: Option<usize>,
}

struct Painter {
    color: bool,
    width: Option<usize>,
}

/// Text in a style, written where it is formatted (no string is built for it).
struct Painted<T> {
    style: Option<Style>,
    text: T,
}

impl<T: std::fmt::Display> std::fmt::Display for Painted<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(style) = self.style {
            write!(f, "{}", style.render())?;
            self.text.fmt(f)?;
            write!(f, "{}", style.render_reset())
        } else {
            self.text.fmt(f)
        }
    }
}

impl Painter {
    fn new(opts: TextOptions) -> Self {
        Painter {
            color: opts.color,
            // Narrower than this, breaking lines would leave a word or two a line.
            width: opts.width.map(|w| w.max(40)),
        }
    }
    /// `text` in `style`, starting at column `at`: with a width, broken at spaces so no line
    /// passes it, the lines after the first indented by `indent` spaces (a word longer than a
    /// line stays whole); ends with a line break.
    fn prose(
        &self,
        w: &mut impl Write,
        style: Option<Style>,
        text: &str,
        at: usize,
        indent: usize,
    ) -> io::Result<()> {
        self.broken(w, style, text, " ", at, indent)
    }
    /// As [`Self::prose`], broken only at `sep` (a break keeps its mark: " ·" ends the line).
    fn broken(
        &self,
        w: &mut impl Write,
        style: Option<Style>,
        text: &str,
        sep: &str,
        at: usize,
        indent: usize,
    ) -> io::Result<()> {
        let style = style.filter(|_| self.color);
        let Some(width) = self.width else {
            Self::around(w, style, |w| w.write_all(text.as_bytes()))?;
            return w.write_all(b"\n");
        };
        let sep_cols = columns(sep);
        let mut line_start = 0;
        let mut col = at;
        let mut offset = 0;
        for (i, word) in text.split(sep).enumerate() {
            let cols = columns(word);
            if i > 0 {
                if col + sep_cols + cols > width && col > indent {
                    // The separator's mark stays, at the end of the line (" ·").
                    let end = offset - sep.len() + sep.trim_end().len();
                    Self::around(w, style, |w| w.write_all(&text.as_bytes()[line_start..end]))?;
                    w.write_all(b"\n")?;
                    write_spaces(w, indent)?;
                    line_start = offset;
                    col = indent;
                } else {
                    col += sep_cols;
                }
            }
            col += cols;
            offset += word.len() + sep.len();
        }
        Self::around(w, style, |w| w.write_all(&text.as_bytes()[line_start..]))?;
        w.write_all(b"\n")
    }
    fn paint<T: std::fmt::Display>(&self, style: Style, text: T) -> Painted<T> {
        Painted {
            style: self.color.then_some(style),
            text,
        }
    }
    fn heading<T: std::fmt::Display>(&self, t: T) -> Painted<T> {
        self.paint(
            Style::new().bold().fg_color(Some(AnsiColor::Cyan.into())),
            t,
        )
    }
    /// What `inner` writes, in the heading's style (a heading written in pieces).
    fn heading_around<W: Write>(
        &self,
        w: &mut W,
        inner: impl FnOnce(&mut W) -> io::Result<()>,
    ) -> io::Result<()> {
        let style = self.heading("").style;
        Self::around(w, style, inner)
    }
    /// What `inner` writes, inside `style` when there is one: for rows written in pieces,
    /// without the formatting machinery.
    fn around<W: Write>(
        w: &mut W,
        style: Option<Style>,
        inner: impl FnOnce(&mut W) -> io::Result<()>,
    ) -> io::Result<()> {
        if let Some(style) = style {
            write!(w, "{}", style.render())?;
        }
        inner(w)?;
        if let Some(style) = style {
            write!(w, "{}", style.render_reset())?;
        }
        Ok(())
    }
    /// "  " and a row's label padded to `width` columns inside its style.
    fn label<W: Write>(&self, w: &mut W, text: &str, width: usize) -> io::Result<()> {
        w.write_all(b"  ")?;
        let style = self.color.then(|| Style::new().bold());
        Self::around(w, style, |w| {
            w.write_all(text.as_bytes())?;
            write_spaces(w, width.saturating_sub(columns(text)))
        })
    }
    fn dim<T: std::fmt::Display>(&self, t: T) -> Painted<T> {
        self.paint(Style::new().dimmed(), t)
    }
    fn warn<T: std::fmt::Display>(&self, t: T) -> Painted<T> {
        self.paint(Style::new().fg_color(Some(AnsiColor::Yellow.into())), t)
    }
    fn status<'a>(&self, s: ExpiryStatus, secs: Option<i64>, t: &'a str) -> Painted<&'a str> {
        let color = match s {
            ExpiryStatus::Expired | ExpiryStatus::NotYetValid | ExpiryStatus::Unknown => {
                AnsiColor::Red
            }
            ExpiryStatus::Valid if secs.is_some_and(|s| s < 300) => AnsiColor::Yellow,
            ExpiryStatus::Valid => AnsiColor::Green,
            ExpiryStatus::NoExpiry => AnsiColor::Yellow,
        };
        self.paint(Style::new().bold().fg_color(Some(color.into())), t)
    }
}

/// A value on one line: strings bare, long arrays summarised, everything sanitised.
pub fn value_line(v: &Value) -> String {
    let shown;
    let raw = match v {
        Value::String(s) => s.as_str(),
        Value::Array(items) if items.len() > LIST_PREVIEW => {
            let first: Vec<String> = items.iter().take(3).map(Value::to_string).collect();
            shown = format!("[{} items: {}, ...]", items.len(), first.join(", "));
            &shown
        }
        other => {
            shown = other.to_string();
            &shown
        }
    };
    let s = clean(raw);
    // A string has at least as many bytes as characters: most need no count.
    if s.len() > MAX_VALUE_CHARS && s.chars().count() > MAX_VALUE_CHARS {
        let cut: String = s.chars().take(MAX_VALUE_CHARS).collect();
        format!("{cut}... ({} characters)", s.chars().count())
    } else {
        s.into_owned()
    }
}

/// Write the whole report.
pub fn write(mut w: impl Write, report: &Report, opts: TextOptions) -> io::Result<()> {
    write_header(&mut w, &report.source, &report.now, opts)?;
    for (i, t) in report.tokens.iter().enumerate() {
        write_token(&mut w, t, i + 1, opts)?;
    }
    write_footer(&mut w, report.tokens.len(), &report.skipped, opts)
}

/// The report's first line: where the input came from and the instant times are judged at.
pub fn write_header(
    mut w: impl Write,
    source: &Source,
    now: &str,
    opts: TextOptions,
) -> io::Result<()> {
    let p = Painter::new(opts);
    writeln!(
        w,
        "{}",
        p.dim(format_args!(
            "jwtscope · {} · now {now}",
            clean(&source.to_string()),
        ))
    )?;
    if let Source::Fetch(info) = source {
        writeln!(
            w,
            "{}",
            p.dim(format_args!("fetched: {}", clean(&info.details())))
        )?;
    }
    Ok(())
}

/// Token number `i` (from 1), as the tokens are written one at a time.
pub fn write_token(
    mut w: impl Write,
    t: &TokenReport,
    i: usize,
    opts: TextOptions,
) -> io::Result<()> {
    let p = Painter::new(opts);
    token(&mut w, &p, t, &mut |w| write!(w, "{i}"))
}

/// What [`write_token`] writes, with the token's number left out: returns where in `out` it
/// goes (tokens rendered on other threads are numbered when they are written in order).
pub fn write_token_unnumbered(
    out: &mut Vec<u8>,
    t: &TokenReport,
    opts: TextOptions,
) -> io::Result<usize> {
    let p = Painter::new(opts);
    let mut at = 0;
    token(out, &p, t, &mut |out: &mut Vec<u8>| {
        at = out.len();
        Ok(())
    })?;
    Ok(at)
}

/// What was skipped, and how many tokens were shown.
pub fn write_footer(
    mut w: impl Write,
    tokens: usize,
    skipped: &[Skipped],
    opts: TextOptions,
) -> io::Result<()> {
    let p = Painter::new(opts);
    if !skipped.is_empty() {
        writeln!(w)?;
        writeln!(
            w,
            "{}",
            p.heading("Skipped (looked like tokens, did not decode)")
        )?;
        for s in skipped {
            writeln!(w, "  {}: {}", clean(&s.origin), clean(&s.reason))?;
        }
    }
    writeln!(w)?;
    let mut line = format!("{tokens} token{}", if tokens == 1 { "" } else { "s" });
    if !skipped.is_empty() {
        line.push_str(&format!(", {} skipped", skipped.len()));
    }
    writeln!(w, "{}", p.dim(&line))
}

/// What a token is, in a few words ("JWS (RS256)", "JWE (RSA-OAEP, A256GCM)", ...), written
/// where it is formatted (no string is built for it).
pub fn kind_word(t: &TokenReport) -> KindWord<'_> {
    KindWord(t)
}

/// See [`kind_word`].
pub struct KindWord<'a>(&'a TokenReport);

impl std::fmt::Display for KindWord<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let header = |name| self.0.header.get(name).and_then(Value::as_str);
        match self.0.kind {
            Kind::Jws => match header("alg") {
                Some(a) => write!(f, "JWS ({})", clean(a)),
                None => f.write_str("JWS"),
            },
            Kind::Unsecured => f.write_str("unsecured JWS (alg none)"),
            Kind::Jwe => write!(
                f,
                "JWE ({}, {})",
                clean(header("alg").unwrap_or("?")),
                clean(header("enc").unwrap_or("?"))
            ),
            Kind::Opaque => f.write_str("opaque (not a JWT)"),
        }
    }
}

/// A blank line, then a section's heading on its own line.
fn section(w: &mut impl Write, p: &Painter, title: &str) -> io::Result<()> {
    w.write_all(b"\n")?;
    p.heading_around(w, |w| w.write_all(title.as_bytes()))?;
    w.write_all(b"\n")
}

/// A summary row: its label, then its value in `style` when there is one (a status).
fn painted_row(
    w: &mut impl Write,
    p: &Painter,
    label: &str,
    Painted { style, text }: Painted<&str>,
) -> io::Result<()> {
    row_of_pieces(w, p, label, style, &[text])
}

/// A summary row whose value is written in `pieces`, in `style` when there is one: every
/// summary row is this.
fn row_of_pieces(
    w: &mut impl Write,
    p: &Painter,
    label: &str,
    style: Option<Style>,
    pieces: &[&str],
) -> io::Result<()> {
    p.label(w, label, 11)?;
    w.write_all(b" ")?;
    if p.width.is_some() {
        // For a terminal: broken between words to fit, under the value's first column.
        return p.prose(w, style, &pieces.concat(), 14, 14);
    }
    Painter::around(w, style, |w| {
        pieces
            .iter()
            .try_for_each(|piece| w.write_all(piece.as_bytes()))
    })?;
    w.write_all(b"\n")
}

/// A row whose value is plain text, written without the formatting machinery.
fn text_row(w: &mut impl Write, p: &Painter, label: &str, value: &str) -> io::Result<()> {
    let plain = Painted {
        style: None,
        text: value,
    };
    painted_row(w, p, label, plain)
}

/// A token's report, after a blank line; `number` writes its number into the heading.
fn token<W: Write>(
    w: &mut W,
    p: &Painter,
    t: &TokenReport,
    number: &mut dyn FnMut(&mut W) -> io::Result<()>,
) -> io::Result<()> {
    w.write_all(b"\n")?;
    p.heading_around(w, |w| {
        w.write_all(b"== Token ")?;
        number(w)?;
        write!(w, " · {} · {} ==", clean(&t.origin), kind_word(t))
    })?;
    writeln!(w)?;
    let s = &t.summary;
    if let Some(iss) = &s.issuer {
        text_row(w, p, "Issuer", &clean(iss))?;
        if let Some(k) = &s.issuer_kind {
            painted_row(w, p, "", p.dim(k.as_str()))?;
        }
    }
    if !s.audience.is_empty() {
        let mut aud = clean(&s.audience.join(", ")).into_owned();
        if let Some(name) = &s.audience_name {
            aud.push_str(&format!(" ({name})"));
        }
        text_row(w, p, "Audience", &aud)?;
    }
    for (label, v) in [("User", &s.user), ("Name", &s.name)] {
        if let Some(v) = v {
            text_row(w, p, label, &clean(v))?;
        }
    }
    if let Some(m) = t.signed_in() {
        text_row(w, p, "Signed in", &clean(&m))?;
    }
    if let Some(g) = t.groups_line() {
        text_row(w, p, "Groups", &g)?;
    }
    for (label, v) in [
        ("Subject", &s.subject),
        ("Object ID", &s.object_id),
        ("Tenant", &s.tenant_id),
    ] {
        if let Some(v) = v {
            text_row(w, p, label, &clean(v))?;
        }
    }
    if let Some(app) = &s.app_id {
        let mut line = clean(app).into_owned();
        if let Some(name) = &s.app_name {
            line.push_str(&format!(" ({})", clean(name)));
        }
        text_row(w, p, "App", &line)?;
    }
    if let Some(id) = &s.identity_type {
        text_row(w, p, "Identity", id)?;
    }
    for (label, r) in [
        ("Resource", &s.azure_resource),
        ("Attached to", &s.azure_compute_resource),
    ] {
        if let Some(r) = r {
            text_row(
                w,
                p,
                label,
                &clean(&format!(
                    "{} {} · resource group {} · subscription {}",
                    r.kind.unwrap_or(&r.resource_type),
                    r.name,
                    r.resource_group,
                    r.subscription_id
                )),
            )?;
        }
    }
    if let Some(v) = &s.token_version {
        text_row(w, p, "Version", &clean(v))?;
    }
    if !s.scopes.is_empty() {
        text_row(w, p, "Scopes", &clean(&s.scopes.join(" ")))?;
    }
    if !s.roles.is_empty() {
        text_row(w, p, "Roles", &clean(&s.roles.join(", ")))?;
    }
    let time_row = |w: &mut W, label: &str, name: &str| -> io::Result<()> {
        if let Some(f) = t.claims.iter().find(|f| f.name == name)
            && let Some(ti) = &f.time
        {
            let when = match &ti.utc {
                Some(utc) => std::borrow::Cow::Borrowed(utc.as_str()),
                None => std::borrow::Cow::Owned(value_line(&f.value)),
            };
            row_of_pieces(w, p, label, None, &[&when, " (", &ti.relative, ")"])?;
        }
        Ok(())
    };
    time_row(w, "Issued", "iat")?;
    time_row(w, "Not before", "nbf")?;
    time_row(w, "Expires", "exp")?;
    if t.kind != Kind::Opaque {
        painted_row(
            w,
            p,
            "Status",
            p.status(s.status, s.seconds_to_expiry, &s.expiry),
        )?;
    }
    if let Some(l) = &s.lifetime {
        text_row(w, p, "Lifetime", l)?;
    }
    if t.kind != Kind::Opaque {
        let v = &t.verification;
        let said = v.to_string();
        let text = clean(&said);
        let text: &str = &text;
        let shown = match v.status {
            SignatureStatus::Valid => p.paint(
                Style::new().bold().fg_color(Some(AnsiColor::Green.into())),
                text,
            ),
            SignatureStatus::Invalid => p.paint(
                Style::new().bold().fg_color(Some(AnsiColor::Red.into())),
                text,
            ),
            SignatureStatus::Unverifiable | SignatureStatus::Unsupported => p.warn(text),
            SignatureStatus::NotChecked => p.dim(text),
        };
        painted_row(w, p, "Signature", shown)?;
    }
    if !t.verification.notes.is_empty() || !t.verification.claim_checks.is_empty() {
        section(w, p, "Verification")?;
        for c in &t.verification.claim_checks {
            let mark = if c.ok { "ok  " } else { "FAIL" };
            writeln!(w, "  {mark} {}: {}", clean(&c.name), clean(&c.detail))?;
        }
        for n in &t.verification.notes {
            w.write_all(b"  - ")?;
            p.prose(w, None, &clean(n), 4, 4)?;
        }
    }

    if !t.warnings.is_empty() {
        section(w, p, "Warnings")?;
        let warn = p.warn("").style;
        for warning in &t.warnings {
            write!(w, "  {} ", p.warn("!"))?;
            p.prose(w, warn, &clean(warning), 4, 4)?;
        }
    }
    if !t.context_fields.is_empty() {
        section(w, p, "Response (found around the token)")?;
        fields(w, p, &t.context_fields)?;
    }
    if !t.header_params.is_empty() {
        section(w, p, "Header")?;
        fields(w, p, &t.header_params)?;
    }
    if !t.claims.is_empty() {
        section(w, p, "Claims")?;
        fields(w, p, &t.claims)?;
    } else if t.kind != Kind::Opaque && t.kind != Kind::Jwe {
        section(w, p, "Payload")?;
        writeln!(w, "  {}", value_line(&t.payload_json()))?;
    }
    if let Some(j) = &t.jwe {
        section(w, p, "Encrypted parts")?;
        writeln!(
            w,
            "  encrypted key {} bytes · IV {} bytes · ciphertext {} bytes · tag {} bytes",
            j.encrypted_key_len, j.iv_len, j.ciphertext_len, j.tag_len
        )?;
        writeln!(
            w,
            "  {}",
            p.dim("The payload is encrypted; only the holder of the key can read it.")
        )?;
    }
    Ok(())
}

/// `n` spaces.
/// A time value's forms: "UTC · local · relative" (the relative alone when there are no others).
fn write_times(w: &mut impl Write, t: &crate::report::TimeInfo) -> io::Result<()> {
    if let (Some(u), Some(l)) = (&t.utc, &t.local) {
        w.write_all(u.as_bytes())?;
        w.write_all(" \u{b7} ".as_bytes())?;
        w.write_all(l.as_bytes())?;
        w.write_all(" \u{b7} ".as_bytes())?;
    }
    w.write_all(t.relative.as_bytes())
}

/// How many terminal columns `s` takes: a CJK character or an emoji two, so the values after
/// a label like `名前` line up with the others.
fn columns(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        unicode_width::UnicodeWidthStr::width(s)
    }
}

fn write_spaces(w: &mut impl Write, mut n: usize) -> io::Result<()> {
    const SPACES: &[u8; 32] = b"                                ";
    while n > 0 {
        let k = n.min(SPACES.len());
        w.write_all(&SPACES[..k])?;
        n -= k;
    }
    Ok(())
}

/// [`value_line`], written: a string short enough to need no cut (no more bytes than the
/// limit has characters) goes to `w` without a copy.
fn write_value_line(w: &mut impl Write, v: &Value) -> io::Result<()> {
    if let Value::String(s) = v {
        let shown = clean(s);
        if shown.len() <= MAX_VALUE_CHARS {
            return w.write_all(shown.as_bytes());
        }
    }
    w.write_all(value_line(v).as_bytes())
}

/// The claims or header rows: name, value (and the time in readable forms), then what the
/// value and the name mean. Written in pieces: a log's thousands of tokens print these rows
/// most, and the formatting machinery cost more than the text.
fn fields(w: &mut impl Write, p: &Painter, list: &[Field]) -> io::Result<()> {
    let width = list
        .iter()
        .map(|f| columns(&clean(&f.name)))
        .max()
        .unwrap_or(0)
        .min(24);
    let dim = p.dim("").style;
    for f in list {
        p.label(w, &clean(&f.name), width)?;
        w.write_all(b" ")?;
        write_value_line(w, &f.value)?;
        if let Some(t) = &f.time {
            w.write_all("  \u{2192} ".as_bytes())?;
            if p.width.is_some() {
                // For a terminal: broken between the forms, under the value.
                let mut times = Vec::new();
                write_times(&mut times, t)?;
                let at = width + 3 + columns(&value_line(&f.value)) + 4;
                p.broken(
                    w,
                    None,
                    &String::from_utf8_lossy(&times),
                    " \u{b7} ",
                    at,
                    width + 5,
                )?;
            } else {
                write_times(w, t)?;
                w.write_all(b"\n")?;
            }
        } else {
            w.write_all(b"\n")?;
        }
        if let Some(m) = &f.meaning {
            write_spaces(w, width + 3)?;
            p.prose(w, None, &clean(m), width + 3, width + 3)?;
        }
        if let Some(d) = f.description {
            write_spaces(w, width + 3)?;
            p.prose(w, dim, d, width + 3, width + 3)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::from_timestamp(1_795_510_800, 0).unwrap_or_default()
    }

    fn printed(input: &[u8], color: bool) -> String {
        let mut report = crate::pipeline::build(input, Source::Stdin, now()).expect("decodes");
        // Local time depends on the machine's zone; pin it so snapshots agree everywhere.
        for t in &mut report.tokens {
            for f in t.claims.iter_mut().chain(t.context_fields.iter_mut()) {
                if let Some(time) = &mut f.time {
                    time.local = time
                        .utc
                        .as_ref()
                        .map(|u| format!("{} +00:00", u.replace('T', " ").trim_end_matches('Z')));
                }
            }
        }
        let mut out = Vec::new();
        write(&mut out, &report, TextOptions { color, width: None }).expect("written");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn a_managed_identity_response() {
        insta::assert_snapshot!(printed(
            include_bytes!("../../assets/managedid.json"),
            false
        ));
    }

    #[test]
    fn several_tokens_with_an_opaque_one() {
        insta::assert_snapshot!(printed(
            include_bytes!("../../assets/oauth-response.json"),
            false
        ));
    }

    #[test]
    fn for_a_terminal_prose_is_broken_between_words_to_fit() {
        let input = include_bytes!("../../assets/managedid.json");
        let report = crate::pipeline::build(input, Source::Stdin, now()).expect("decodes");
        let at = |width| {
            let mut out = Vec::new();
            let opts = TextOptions {
                color: false,
                width,
            };
            write(&mut out, &report, opts).expect("written");
            String::from_utf8(out).expect("UTF-8")
        };
        let (piped, narrow) = (at(None), at(Some(60)));
        // The same words in the same order: only where lines break changed.
        assert!(piped.split_whitespace().eq(narrow.split_whitespace()));
        assert!(piped.lines().any(|l| columns(l) > 100));
        for line in narrow.lines() {
            // Longer only for a value that is one word (an ID, a URL) after its label.
            assert!(
                columns(line) <= 60 || line.split_whitespace().count() <= 2,
                "{line:?}\n{narrow}"
            );
        }
        // Continuation lines are indented under the first.
        assert!(
            narrow.contains("  Resource    virtual machine vm-web-01 · resource group\n              rg-web-prod · subscription\n"),
            "{narrow}"
        );
    }

    #[test]
    fn wide_claim_names_are_padded_by_columns() {
        // {"名前":"x","ab":"y"}: the values start in the same column.
        let token = format!(
            "eyJhbGciOiJIUzI1NiJ9.{}.c2ln",
            crate::token::b64::encode("{\"名前\":\"x\",\"ab\":\"y\"}".as_bytes())
        );
        let out = printed(token.as_bytes(), false);
        let column = |prefix: &str| {
            let line = out
                .lines()
                .find(|l| l.trim_start().starts_with(prefix))
                .unwrap();
            let value_at = line.rfind(' ').unwrap();
            unicode_width::UnicodeWidthStr::width(&line[..value_at])
        };
        assert_eq!(column("名前"), column("ab "), "{out}");
    }

    #[test]
    fn skipped_strings_and_the_count_come_last() {
        let log = b"a eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln b\nc eyJhbGciOiJub25lIn0.eyJ4Ijox.x.y d\n";
        insta::assert_snapshot!(printed(log, false));
    }

    #[test]
    fn hostile_text_is_escaped_and_colour_only_when_asked() {
        let payload = crate::token::b64::encode(
            "{\"iss\":\"a\\u001b[2J\u{200b}b\",\"sub\":\"l1\\nl2\"}".as_bytes(),
        );
        let token = format!("eyJhbGciOiJIUzI1NiJ9.{payload}.c2ln");
        let plain = printed(token.as_bytes(), false);
        assert!(!plain.contains('\u{1b}'));
        insta::assert_snapshot!(plain);
        let coloured = printed(token.as_bytes(), true);
        assert!(coloured.contains("\u{1b}[1m"));
        // Colour codes come from the printer only: the token's ESC stays escaped.
        assert!(coloured.contains("a\\e[2J\\u{200b}b"));
    }
}
