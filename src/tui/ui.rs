//! Drawing the [`App`]: everything here reads state and writes cells, nothing changes state.
//! Only what is visible is built (a 5000-group token has 5000 lines of detail; a screen
//! shows forty).

use chrono::{DateTime, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{
    Block, Borders, Cell, Clear, Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap,
};
use serde_json::Value;

use jwtscope::claims::time;
use jwtscope::output::sanitize::clean;
use jwtscope::output::text::{kind_word, value_line};
use jwtscope::report::SignatureStatus as VStatus;
use jwtscope::report::{ExpiryStatus as Status, Field, Kind, TokenReport};

use super::app::{App, Panel, TimeMode};
use super::keymap::{Action, BINDINGS};

/// Smallest usable terminal.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// Styles that collapse to plain text when colour is off (`NO_COLOR`).
struct Theme {
    color: bool,
}

impl Theme {
    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }
    fn label(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }
    fn warn(&self) -> Style {
        self.fg(Color::Yellow)
    }
    fn selected(&self) -> Style {
        // Reversed video reads without colour too.
        let _ = self.color;
        Style::new().add_modifier(Modifier::REVERSED)
    }
    fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            self.dim()
        }
    }
    fn status(&self, status: Status, secs: Option<i64>) -> Style {
        let c = match status {
            Status::Valid if secs.is_some_and(|s| s < 300) => Color::Yellow,
            Status::Valid => Color::Green,
            Status::NoExpiry => Color::Yellow,
            Status::Expired | Status::NotYetValid | Status::Unknown => Color::Red,
        };
        self.fg(c).add_modifier(Modifier::BOLD)
    }
}

/// The expiry at `now`, recomputed from the decoded times (the countdown), with its status.
pub fn expiry_at(t: &TokenReport, now: DateTime<Utc>) -> (Status, Option<i64>, String) {
    let s = &t.summary;
    match s.exp_unix {
        Some(exp) => {
            let j = time::judge(Some(Some(exp)), s.nbf_unix, now, 0);
            (j.status, j.exp_from_now, j.phrase())
        }
        None => (s.status, None, s.expiry.clone()),
    }
}

/// A time value as the time mode shows it.
fn time_text(
    f: &Field,
    t: &jwtscope::report::TimeInfo,
    mode: TimeMode,
    now: DateTime<Utc>,
) -> String {
    let relative = || time::relative(time::seconds_between(t.unix, now));
    match mode {
        TimeMode::Relative => match &t.utc {
            Some(u) => format!("{} ({})", relative(), u.replace('T', " ")),
            None => relative(),
        },
        TimeMode::Utc => t.utc.clone().unwrap_or_else(relative),
        TimeMode::Local => t.local.clone().unwrap_or_else(relative),
        TimeMode::Raw => value_line(&f.value),
    }
}

fn truncate(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_string();
    }
    let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = Theme { color: self.color };
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let msg = format!(
                "Terminal too small: jwtscope needs at least {MIN_WIDTH}x{MIN_HEIGHT}, this one is {}x{}. Enlarge it, or press q to quit.",
                area.width, area.height
            );
            Paragraph::new(msg)
                .wrap(Wrap { trim: true })
                .style(theme.warn())
                .render(area, buf);
            return;
        }
        match (&self.report, self.paste_mode) {
            (Some(_), false) => render_report(self, &theme, area, buf),
            _ => render_paste(self, &theme, area, buf),
        }
        if self.help {
            render_help(self, &theme, area, buf);
        }
    }
}

fn title_line<'a>(app: &App, theme: &Theme, width: u16) -> Line<'a> {
    let source = app.report.as_ref().map_or_else(
        || "paste".to_string(),
        |r| clean(&r.source.to_string()).into_owned(),
    );
    let mut left = format!(" jwtscope │ {source}");
    if let (Some(r), Some(t)) = (&app.report, app.current())
        && !app.paste_mode
    {
        left.push_str(&format!(
            " │ token {}/{}: {} · {}",
            app.token + 1,
            r.tokens.len(),
            clean(&t.origin),
            kind_word(t)
        ));
    }
    let clock = format!(
        "now {}{} ",
        app.now.format("%H:%M:%SZ"),
        if app.frozen { " (--now)" } else { "" }
    );
    let room = usize::from(width).saturating_sub(clock.chars().count() + 1);
    let left = truncate(&left, room);
    let pad = usize::from(width).saturating_sub(left.chars().count() + clock.chars().count());
    Line::from(vec![
        Span::styled(left, theme.label()),
        Span::raw(" ".repeat(pad)),
        Span::styled(clock, theme.dim()),
    ])
}

/// Label/value rows as lines, labels aligned.
fn labelled<'a>(rows: Vec<(&'static str, Line<'a>)>, theme: &Theme) -> Vec<Line<'a>> {
    let label_w = rows.iter().map(|(l, _)| l.len()).max().unwrap_or(8);
    rows.into_iter()
        .map(|(label, value)| {
            let mut spans = vec![Span::styled(format!("{label:<label_w$}  "), theme.label())];
            spans.extend(value.spans);
            Line::from(spans)
        })
        .collect()
}

/// Everything about the token on one scrollable page: all summary rows, every warning, the
/// response fields found around it.
fn render_overview(app: &App, theme: &Theme, t: &TokenReport, area: Rect, buf: &mut Buffer) {
    let mut lines = labelled(summary_rows(app, t, theme), theme);
    if let Some(j) = &t.jwe {
        lines.push(Line::from(format!(
            "Encrypted  key {} bytes · IV {} · ciphertext {} · tag {}",
            j.encrypted_key_len, j.iv_len, j.ciphertext_len, j.tag_len
        )));
    }
    if let Some(l) = &t.summary.lifetime {
        lines.push(Line::from(vec![
            Span::styled("Lifetime   ", theme.label()),
            Span::raw(l.clone()),
        ]));
    }
    if let Some(jwtscope::source::Source::Fetch(info)) = app.report.as_ref().map(|r| &r.source) {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled("Fetched", theme.label())));
        lines.push(Line::from(clean(&info.details()).into_owned()));
    }
    let v = &t.verification;
    if !v.claim_checks.is_empty() || !v.notes.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled("Verification", theme.label())));
        for c in &v.claim_checks {
            let (mark, style) = if c.ok {
                ("ok  ", theme.fg(Color::Green))
            } else {
                ("FAIL", theme.fg(Color::Red).add_modifier(Modifier::BOLD))
            };
            lines.push(Line::from(vec![
                Span::styled(format!("{mark} "), style),
                Span::raw(format!("{}: {}", clean(&c.name), clean(&c.detail))),
            ]));
        }
        for n in &v.notes {
            lines.push(Line::from(format!("- {}", clean(n))));
        }
    }
    if !t.warnings.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            format!("Warnings ({})", t.warnings.len()),
            theme.warn().add_modifier(Modifier::BOLD),
        )));
        for w in &t.warnings {
            lines.push(Line::from(Span::styled(
                format!("! {}", clean(w)),
                theme.warn(),
            )));
        }
    }
    if !t.context_fields.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            "Response fields found around the token",
            theme.label(),
        )));
        let w = t
            .context_fields
            .iter()
            .map(|f| f.name.chars().count())
            .max()
            .unwrap_or(8);
        for f in &t.context_fields {
            let mut value = value_line(&f.value);
            if let Some(ti) = &f.time {
                value.push_str(&format!(
                    "  {} ({})",
                    ti.utc.as_deref().unwrap_or("?"),
                    time::relative(time::seconds_between(ti.unix, app.now))
                ));
            }
            if let Some(m) = &f.meaning {
                value.push_str(&format!("  {}", clean(m)));
            }
            lines.push(Line::from(vec![
                Span::styled(format!("{:<w$}  ", clean(&f.name)), theme.fg(Color::Cyan)),
                Span::raw(value),
            ]));
            if let Some(d) = f.description {
                lines.push(Line::from(Span::styled(
                    format!("{:<w$}  {d}", ""),
                    theme.dim(),
                )));
            }
        }
    }
    let scroll = u16::try_from(app.summary_scroll).unwrap_or(u16::MAX);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0))
        .render(area, buf);
}

/// The summary rows: label and value spans.
fn summary_rows<'a>(app: &App, t: &'a TokenReport, theme: &Theme) -> Vec<(&'static str, Line<'a>)> {
    let s = &t.summary;
    let mut rows: Vec<(&'static str, Line<'a>)> = Vec::new();
    let text = |v: &str| Span::raw(clean(v).into_owned());
    if t.kind == Kind::Opaque {
        rows.push((
            "Token",
            Line::from("opaque: not a JWT, so only its issuer can read it"),
        ));
    }
    if let Some(k) = &s.issuer_kind {
        rows.push((
            "Provider",
            Line::from(Span::styled(k.clone(), theme.fg(Color::Magenta))),
        ));
    }
    if let Some(iss) = &s.issuer {
        rows.push(("Issuer", Line::from(text(iss))));
    }
    if !s.audience.is_empty() {
        let mut spans = vec![text(&s.audience.join(", "))];
        if let Some(n) = &s.audience_name {
            spans.push(Span::styled(format!("  {n}"), theme.fg(Color::Magenta)));
        }
        rows.push(("Audience", Line::from(spans)));
    }
    if t.kind != Kind::Opaque {
        let (status, secs, phrase) = expiry_at(t, app.now);
        let mut spans = Vec::new();
        if let Some(at) = &s.expires_at {
            spans.push(Span::raw(format!("{}  ", at.replace('T', " "))));
        }
        spans.push(Span::styled(phrase, theme.status(status, secs)));
        rows.push(("Expires", Line::from(spans)));
    }
    if let Some(oid) = &s.object_id {
        rows.push(("Object ID", Line::from(text(oid))));
    }
    if let Some(sub) = &s.subject
        && s.object_id.as_ref() != Some(sub)
    {
        rows.push(("Subject", Line::from(text(sub))));
    }
    if let Some(tid) = &s.tenant_id {
        rows.push(("Tenant", Line::from(text(tid))));
    }
    if let Some(app_id) = &s.app_id {
        let mut spans = vec![text(app_id)];
        if let Some(n) = &s.app_name {
            spans.push(Span::styled(
                format!("  {}", clean(n)),
                theme.fg(Color::Magenta),
            ));
        }
        rows.push(("App", Line::from(spans)));
    }
    if let Some(id) = &s.identity_type {
        rows.push(("Identity", Line::from(id.clone())));
    }
    for (label, r) in [
        ("Resource", &s.azure_resource),
        ("Attached to", &s.azure_compute_resource),
    ] {
        if let Some(r) = r {
            rows.push((
                label,
                Line::from(text(&format!(
                    "{} {} · group {} · subscription {}",
                    r.kind.unwrap_or(&r.resource_type),
                    r.name,
                    r.resource_group,
                    r.subscription_id
                ))),
            ));
        }
    }
    if !s.scopes.is_empty() {
        rows.push(("Scopes", Line::from(text(&s.scopes.join(" ")))));
    }
    if !s.roles.is_empty() {
        rows.push(("Roles", Line::from(text(&s.roles.join(", ")))));
    }
    if t.kind != Kind::Opaque {
        let v = &t.verification;
        let style = match v.status {
            VStatus::Valid => theme.fg(Color::Green).add_modifier(Modifier::BOLD),
            VStatus::Invalid => theme.fg(Color::Red).add_modifier(Modifier::BOLD),
            VStatus::Unverifiable | VStatus::Unsupported => theme.warn(),
            VStatus::NotChecked => theme.dim(),
        };
        rows.push((
            "Signature",
            Line::from(Span::styled(clean(&v.to_string()).into_owned(), style)),
        ));
    }
    rows
}

fn render_report(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(report) = &app.report else {
        return;
    };
    let Some(t) = app.current() else {
        Paragraph::new("The input holds no token.").render(area, buf);
        return;
    };
    let rows = summary_rows(app, t, theme);
    let several = report.tokens.len() > 1;
    let width = usize::from(area.width).saturating_sub(4).max(1);
    // Warnings: wrapped to the width, never hidden; on a small screen the first ones and a count.
    let warn_lines: usize = t
        .warnings
        .iter()
        .map(|w| {
            w.chars()
                .count()
                .div_ceil(width.saturating_sub(2).max(1))
                .max(1)
        })
        .sum();
    let fixed = 1 + u16::from(several) + 1; // title, token list, footer
    let body_min: u16 = 8;
    let room = area.height.saturating_sub(fixed + body_min);
    let warn_h = if t.warnings.is_empty() {
        0
    } else {
        u16::try_from(warn_lines)
            .unwrap_or(u16::MAX)
            .min(room / 3)
            .max(1)
            + 2
    };
    let summary_h = u16::try_from(rows.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2)
        .min(room.saturating_sub(warn_h).max(3));
    let chunks = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(u16::from(several)),
        Constraint::Length(summary_h),
        Constraint::Length(warn_h),
        Constraint::Min(body_min),
        Constraint::Length(1),
    ])
    .split(area);

    Paragraph::new(title_line(app, theme, area.width)).render(chunks[0], buf);
    if several {
        token_list(app, theme, report, chunks[1], buf);
    }

    // Summary.
    let mut lines = labelled(rows, theme);
    let fits = usize::from(summary_h.saturating_sub(2));
    if lines.len() > fits && fits > 0 {
        let more = lines.len() - fits + 1;
        lines.truncate(fits - 1);
        lines.push(Line::from(Span::styled(
            format!("… {more} more rows: press 1 to see everything"),
            theme.dim(),
        )));
    }
    let summary_block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(app.focus == Panel::Summary))
        .title(Panel::Summary.title());
    Paragraph::new(lines)
        .block(summary_block)
        .render(chunks[2], buf);

    if !t.warnings.is_empty() {
        let shown_title = if app.focus == Panel::Summary {
            format!("Warnings ({})", t.warnings.len())
        } else {
            format!("Warnings ({}) · all of them with 1", t.warnings.len())
        };
        let text: Vec<Line> = t
            .warnings
            .iter()
            .map(|w| Line::from(Span::styled(format!("! {}", clean(w)), theme.warn())))
            .collect();
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(theme.warn())
                    .title(shown_title),
            )
            .render(chunks[3], buf);
    }

    render_body(app, theme, t, chunks[4], buf);
    footer(app, theme, chunks[5], buf);
}

fn token_list(
    app: &App,
    theme: &Theme,
    report: &jwtscope::report::Report,
    area: Rect,
    buf: &mut Buffer,
) {
    let mut spans = vec![Span::styled(" Tokens ", theme.label())];
    for (i, t) in report.tokens.iter().enumerate() {
        let text = format!(" {} {} ({}) ", i + 1, clean(&t.origin), kind_word(t));
        let style = if i == app.token {
            theme.selected()
        } else {
            Style::new()
        };
        spans.push(Span::styled(text, style));
    }
    spans.push(Span::styled("  [ ] switch", theme.dim()));
    Paragraph::new(Line::from(spans)).render(area, buf);
}

fn body_block<'a>(app: &App, theme: &Theme) -> Block<'a> {
    let mut title = Vec::new();
    for p in [Panel::Summary, Panel::Claims, Panel::Header, Panel::Token] {
        let shown = body_panel(app) == p;
        let style = if shown {
            theme.border(app.focus == p).add_modifier(Modifier::BOLD)
        } else {
            theme.dim()
        };
        let name = if p == Panel::Summary {
            "1 Overview"
        } else {
            p.title()
        };
        title.push(Span::styled(format!(" {name} "), style));
    }
    if app.raw {
        title.push(Span::styled(" raw JSON (r) ", theme.fg(Color::Magenta)));
    }
    if body_panel(app) == Panel::Claims && !app.raw {
        title.push(Span::styled(
            format!(" times: {} (t) ", app.time_mode.word()),
            theme.dim(),
        ));
    }
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(Line::from(title))
}

/// Which panel the body shows: the focused one (the summary's is the overview page).
fn body_panel(app: &App) -> Panel {
    app.focus
}

fn render_body(app: &App, theme: &Theme, t: &TokenReport, area: Rect, buf: &mut Buffer) {
    let block = body_block(app, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    if app.raw {
        render_raw(app, theme, inner, buf);
        return;
    }
    match body_panel(app) {
        Panel::Header if inner.width < 110 => render_header_narrow(app, theme, t, inner, buf),
        Panel::Header => render_fields(
            theme,
            &t.header_params,
            app.header_sel,
            app.focus == Panel::Header,
            inner,
            buf,
            |f| {
                let mut s = value_line(&f.value);
                if let Some(m) = &f.meaning {
                    s.push_str(&format!("  ({})", clean(m)));
                }
                s
            },
        ),
        Panel::Token => render_token(app, theme, t, inner, buf),
        Panel::Summary => render_overview(app, theme, t, inner, buf),
        Panel::Claims => render_claims(app, theme, t, inner, buf),
    }
}

/// The header on a narrow screen: each parameter with its value and meaning, then its
/// description on the next line (a header has a handful of parameters, so all fit).
fn render_header_narrow(app: &App, theme: &Theme, t: &TokenReport, area: Rect, buf: &mut Buffer) {
    let w = t
        .header_params
        .iter()
        .map(|f| f.name.chars().count())
        .max()
        .unwrap_or(3)
        .min(16);
    let mut lines = Vec::new();
    let width = usize::from(area.width.max(1));
    let rows = |text: &str| text.chars().count().div_ceil(width).max(1);
    // Scroll so the selected parameter is on screen: count the wrapped rows before it.
    let mut before = 0;
    let mut selected_rows = 0;
    for (i, f) in t.header_params.iter().enumerate() {
        let n = rows(&format!("{:<w$}  {}", f.name, value_line(&f.value)))
            + f.description
                .map_or(0, |d| rows(&format!("{:<w$}  {d}", "")));
        if i < app.header_sel {
            before += n;
        } else if i == app.header_sel {
            selected_rows = n;
        }
    }
    let height = usize::from(area.height);
    let scroll = (before + selected_rows).saturating_sub(height).min(before);
    for (i, f) in t.header_params.iter().enumerate() {
        let mut value = value_line(&f.value);
        if let Some(m) = &f.meaning {
            value.push_str(&format!("  ({})", clean(m)));
        }
        let style = if i == app.header_sel && app.focus == Panel::Header {
            theme.selected()
        } else {
            Style::new()
        };
        lines.push(
            Line::from(vec![
                Span::styled(format!("{:<w$}  ", clean(&f.name)), theme.fg(Color::Cyan)),
                Span::raw(value),
            ])
            .style(style),
        );
        if let Some(d) = f.description {
            lines.push(Line::from(Span::styled(
                format!("{:<w$}  {d}", ""),
                theme.dim(),
            )));
        }
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
        .render(area, buf);
}

fn render_claims(app: &App, theme: &Theme, t: &TokenReport, area: Rect, buf: &mut Buffer) {
    let mut area = area;
    let claims = app.visible_claims();
    if app.filtering || !app.filter.is_empty() {
        let [bar, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
        let cursor = if app.filtering { "▏" } else { "" };
        Paragraph::new(Line::from(vec![
            Span::styled("/", theme.label()),
            Span::raw(format!("{}{cursor}", clean(&app.filter))),
            Span::styled(
                format!("   {} of {} claims", claims.len(), t.claims.len()),
                theme.dim(),
            ),
        ]))
        .render(bar, buf);
        area = rest;
    }
    if t.claims.is_empty() {
        let what = match t.kind {
            Kind::Jwe => {
                "The payload is encrypted: only the holder of the key can read it.".to_string()
            }
            Kind::Opaque => "An opaque token has no claims.".to_string(),
            _ => format!(
                "The payload is not a JSON object: {}",
                value_line(&t.payload_json())
            ),
        };
        Paragraph::new(what)
            .wrap(Wrap { trim: false })
            .render(area, buf);
        return;
    }
    let (table_area, detail_area) = if app.detail_open {
        if area.width >= 120 {
            let [a, b] =
                Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                    .areas(area);
            (a, Some(b))
        } else {
            let [a, b] = Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)])
                .areas(area);
            (a, Some(b))
        }
    } else {
        (area, None)
    };
    let now = app.now;
    let mode = app.time_mode;
    render_fields_list(
        theme,
        &claims,
        app.claim_sel,
        app.focus == Panel::Claims,
        table_area,
        buf,
        |f| match (&f.time, &f.meaning) {
            (Some(ti), _) => time_text(f, ti, mode, now),
            // Short values read better with their meaning: "2 · client certificate".
            (None, Some(m)) if !f.value.is_array() && !f.value.is_object() => {
                let v = value_line(&f.value);
                let m = clean(m);
                // Meanings read "value: meaning"; the value is already in front.
                let m = m.strip_prefix(&format!("{v}: ")).unwrap_or(&m).to_string();
                format!("{v} · {m}")
            }
            (None, _) => value_line(&f.value),
        },
    );
    if let (Some(detail), Some(field)) = (detail_area, claims.get(app.claim_sel)) {
        render_detail(app, theme, field, detail, buf);
    }
}

fn render_fields(
    theme: &Theme,
    fields: &[Field],
    selected: usize,
    focused: bool,
    area: Rect,
    buf: &mut Buffer,
    value: impl Fn(&Field) -> String,
) {
    let refs: Vec<&Field> = fields.iter().collect();
    render_fields_list(theme, &refs, selected, focused, area, buf, value);
}

/// A name/value/description table showing only the rows that fit.
fn render_fields_list(
    theme: &Theme,
    fields: &[&Field],
    selected: usize,
    focused: bool,
    area: Rect,
    buf: &mut Buffer,
    value: impl Fn(&Field) -> String,
) {
    if area.height < 2 {
        return;
    }
    let rows_h = usize::from(area.height - 1);
    let offset = selected.saturating_sub(rows_h.saturating_sub(1));
    let name_w = fields
        .iter()
        .map(|f| f.name.chars().count())
        .max()
        .unwrap_or(5)
        .clamp(5, 24);
    let describe = area.width >= 110;
    let rows: Vec<Row> = fields
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows_h)
        .map(|(i, f)| {
            let mut cells = vec![
                Cell::from(Span::styled(
                    truncate(&clean(&f.name), name_w),
                    theme.fg(Color::Cyan),
                )),
                Cell::from(value(f)),
            ];
            if describe {
                cells.push(Cell::from(Span::styled(
                    f.description.unwrap_or("—").to_string(),
                    theme.dim(),
                )));
            }
            let row = Row::new(cells);
            if i == selected && focused {
                row.style(theme.selected())
            } else {
                row
            }
        })
        .collect();
    let name_col = Constraint::Length(u16::try_from(name_w).unwrap_or(24));
    let widths: Vec<Constraint> = if describe {
        vec![
            name_col,
            Constraint::Percentage(50),
            Constraint::Percentage(50),
        ]
    } else {
        vec![name_col, Constraint::Min(10)]
    };
    let mut header = vec!["Name", "Value"];
    if describe {
        header.push("Description");
    }
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.label()))
        .column_spacing(2);
    // The window was chosen above; the table itself draws from its first row.
    let mut state = TableState::default();
    StatefulWidget::render(table, area, buf, &mut state);
}

/// The selected claim whole: value (wrapped; arrays one item a line, scrolled), times,
/// meaning and description.
fn render_detail(app: &App, theme: &Theme, f: &Field, area: Rect, buf: &mut Buffer) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(format!(
            " {} (PgUp/PgDn scroll, Enter closes) ",
            clean(&f.name)
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    let mut lines: Vec<Line> = Vec::new();
    if let Some(d) = f.description {
        lines.push(Line::from(Span::styled(d.to_string(), theme.dim())));
    }
    if let Some(m) = &f.meaning {
        lines.push(Line::from(vec![
            Span::styled("Means: ", theme.label()),
            Span::raw(clean(m).into_owned()),
        ]));
    }
    if let Some(t) = &f.time {
        let rel = time::relative(time::seconds_between(t.unix, app.now));
        lines.push(Line::from(vec![
            Span::styled("Time:  ", theme.label()),
            Span::raw(format!(
                "{} · {} · {}",
                t.utc.as_deref().unwrap_or("(beyond the calendar)"),
                t.local.as_deref().unwrap_or("-"),
                rel
            )),
        ]));
        if let Some(n) = &t.note {
            lines.push(Line::from(Span::styled(
                format!("       {n}"),
                theme.warn(),
            )));
        }
    }
    lines.push(Line::from(Span::styled("Value:", theme.label())));
    let head = lines.len();
    let width = usize::from(inner.width.max(1));
    let visible = usize::from(inner.height).saturating_sub(head);
    let scroll = app.detail_scroll;
    match &f.value {
        Value::Array(items) => {
            let total = items.len();
            // One line stays for "N items; showing a-b" when they do not all fit.
            let visible = if total > visible {
                visible.saturating_sub(1)
            } else {
                visible
            };
            let start = scroll.min(total.saturating_sub(1));
            for (i, item) in items.iter().enumerate().skip(start).take(visible) {
                let text = match item {
                    Value::String(s) => clean(s).into_owned(),
                    other => clean(&other.to_string()).into_owned(),
                };
                lines.push(Line::from(vec![
                    Span::styled(format!("{i:>5} "), theme.dim()),
                    Span::raw(truncate(&text, width.saturating_sub(6))),
                ]));
            }
            if total > visible {
                lines.push(Line::from(Span::styled(
                    format!(
                        "      {} items; showing {}-{}",
                        total,
                        start + 1,
                        (start + visible).min(total)
                    ),
                    theme.dim(),
                )));
            }
        }
        other => {
            let text = match other {
                Value::String(s) => s.clone(),
                Value::Object(_) => serde_json::to_string_pretty(other).unwrap_or_default(),
                v => v.to_string(),
            };
            let text = clean(&text).into_owned();
            // Wrap by characters (tokens and IDs have no spaces to break at).
            let mut wrapped: Vec<String> = Vec::new();
            for raw_line in text.split("\\n") {
                let chars: Vec<char> = raw_line.chars().collect();
                if chars.is_empty() {
                    wrapped.push(String::new());
                }
                for chunk in chars.chunks(width) {
                    wrapped.push(chunk.iter().collect());
                }
            }
            for l in wrapped.into_iter().skip(scroll).take(visible) {
                lines.push(Line::from(l));
            }
        }
    }
    Paragraph::new(lines).render(inner, buf);
}

/// The number of dots in `bytes`.
fn bytecount(bytes: &[u8]) -> usize {
    bytes.iter().fold(0, |n, b| n + usize::from(*b == b'.'))
}

/// The encoded token, coloured by segment like jwt.io, wrapped by characters.
fn render_token(app: &App, theme: &Theme, t: &TokenReport, area: Rect, buf: &mut Buffer) {
    let Some(token) = &t.token else {
        Paragraph::new("An opaque token is a secret that cannot be explained; it is not shown.")
            .wrap(Wrap { trim: false })
            .render(area, buf);
        return;
    };
    let colours = [
        Color::Red,
        Color::Magenta,
        Color::Cyan,
        Color::Yellow,
        Color::Green,
    ];
    let width = usize::from(area.width.max(1));
    let height = usize::from(area.height);
    let total_lines = token.len().div_ceil(width);
    let first = app.token_scroll.min(total_lines.saturating_sub(1));
    // Segment index of every byte is found by counting dots before the window once.
    let start_byte = first * width;
    let mut segment = bytecount(&token.as_bytes()[..start_byte.min(token.len())]);
    let mut lines = Vec::with_capacity(height);
    for l in 0..height {
        let from = start_byte + l * width;
        if from >= token.len() {
            break;
        }
        let to = (from + width).min(token.len());
        let mut spans = Vec::new();
        let mut run = String::new();
        for &b in &token.as_bytes()[from..to] {
            if b == b'.' {
                if !run.is_empty() {
                    spans.push(Span::styled(
                        std::mem::take(&mut run),
                        theme.fg(colours[segment % 5]),
                    ));
                }
                spans.push(Span::raw("."));
                segment += 1;
            } else {
                run.push(char::from(b));
            }
        }
        if !run.is_empty() {
            spans.push(Span::styled(run, theme.fg(colours[segment % 5])));
        }
        lines.push(Line::from(spans));
    }
    Paragraph::new(Text::from(lines)).render(area, buf);
}

fn render_raw(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let height = usize::from(area.height);
    let first = app.raw_scroll.min(app.raw_lines.len().saturating_sub(1));
    let lines: Vec<Line> = app
        .raw_lines
        .iter()
        .skip(first)
        .take(height)
        .map(|l| {
            let l = clean(l).into_owned();
            let trimmed = l.trim_start();
            let indent = l.len() - trimmed.len();
            if trimmed.starts_with('"')
                && let Some(colon) = trimmed.find("\": ")
            {
                let (key, rest) = trimmed.split_at(colon + 1);
                let value_style = if rest.trim_start_matches(':').trim_start().starts_with('"') {
                    theme.fg(Color::Green)
                } else {
                    theme.fg(Color::Magenta)
                };
                Line::from(vec![
                    Span::raw(" ".repeat(indent)),
                    Span::styled(key.to_string(), theme.fg(Color::Cyan)),
                    Span::styled(rest.to_string(), value_style),
                ])
            } else if trimmed.starts_with('"') {
                Line::from(Span::styled(l, theme.fg(Color::Green)))
            } else {
                Line::from(l)
            }
        })
        .collect();
    Paragraph::new(lines).render(area, buf);
}

fn footer(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let line = if let Some(flash) = &app.flash {
        Line::from(Span::styled(
            format!(" {}", clean(flash)),
            theme.fg(Color::Green).add_modifier(Modifier::BOLD),
        ))
    } else if app.filtering {
        Line::from(Span::styled(
            " type to filter claims by name or value · Enter keep · Esc clear",
            theme.dim(),
        ))
    } else {
        let mut keys: Vec<&str> = BINDINGS.iter().filter_map(|b| b.footer).collect();
        if app.can_refetch {
            keys.push("R refetch");
        }
        if app.report.as_ref().is_some_and(|r| r.tokens.len() > 1) {
            keys.push("[ ] token");
        }
        Line::from(Span::styled(format!(" {}", keys.join("  ")), theme.dim()))
    };
    Paragraph::new(line).render(area, buf);
}

fn render_paste(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let [title, body, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(5),
        Constraint::Length(1),
    ])
    .areas(area);
    Paragraph::new(title_line(app, theme, area.width)).render(title, buf);
    let mut lines = vec![
        Line::from(Span::styled(
            "Paste a token, a JSON response, or any text containing one",
            theme.label(),
        )),
        Line::from(""),
        Line::from("A bare token, Bearer eyJ..., an Authorization: line, a URL with #id_token=,"),
        Line::from("the JSON that IMDS or az account get-access-token prints, a log: all work."),
        Line::from("Nothing leaves this machine."),
        Line::from(""),
    ];
    if !app.paste.buffer.is_empty() {
        let first: String = app
            .paste
            .buffer
            .lines()
            .next()
            .unwrap_or_default()
            .chars()
            .take(60)
            .collect();
        lines.push(Line::from(vec![
            Span::styled(
                format!("Received {} characters", app.paste.buffer.chars().count()),
                theme.fg(Color::Cyan),
            ),
            Span::styled(format!("  {}…", clean(&first)), theme.dim()),
        ]));
        lines.push(Line::from(Span::styled(
            "Decoding when the paste ends...",
            theme.dim(),
        )));
    }
    if let Some(e) = &app.paste.error {
        lines.push(Line::from(Span::styled(
            format!("error: {}", clean(e)),
            theme.fg(Color::Red),
        )));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.border(true))
                .title(" Paste "),
        )
        .render(body, buf);
    let back = if app.report.is_some() {
        "Esc back"
    } else {
        "Esc quit"
    };
    Paragraph::new(Line::from(Span::styled(
        format!(
            " paste with your terminal (Ctrl-Shift-V, Cmd-V, right click) · {back} · Ctrl-C quit"
        ),
        theme.dim(),
    )))
    .render(foot, buf);
}

fn render_help(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let bindings: Vec<_> = BINDINGS
        .iter()
        .filter(|b| b.action != Action::Refetch || app.can_refetch)
        .collect();
    let label_w = bindings
        .iter()
        .map(|b| b.label.chars().count())
        .max()
        .unwrap_or(8);
    let width = area.width.saturating_sub(4).min(84);
    let height = u16::try_from(bindings.len() + 4)
        .unwrap_or(u16::MAX)
        .min(area.height.saturating_sub(2));
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    Clear.render(popup, buf);
    let mut lines: Vec<Line> = bindings
        .iter()
        .map(|b| {
            Line::from(vec![
                Span::styled(format!(" {:<label_w$}  ", b.label), theme.label()),
                Span::raw(b.help),
            ])
        })
        .collect();
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        " any key closes this help",
        theme.dim(),
    )));
    Paragraph::new(lines)
        .block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.border(true))
                .title(" Keys "),
        )
        .render(popup, buf);
}
