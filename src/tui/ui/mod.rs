//! Drawing the [`App`]: everything here reads state and writes cells, nothing changes state.
//! This file lays the screen out (title, summary, warnings, body, footer); each view draws
//! itself in its own file.
//! Only what is visible is built (a 5000-group token has 5000 lines of detail; a screen
//! shows forty).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget,
    Widget, Wrap,
};

use jwtscope::output::sanitize::clean;
use jwtscope::output::text::kind_word;
use jwtscope::report::ExpiryStatus as Status;
use jwtscope::report::{Kind, TokenReport};

use super::app::{App, Mode, Panel};
use super::keymap::BINDINGS;

mod claims;
mod detail;
mod header;
mod help;
mod open;
mod overview;
mod paste;
mod raw;
mod text;
mod token;
mod waiting;

/// `lines` wrapped in the focused box titled `title` (the paste, fetch and open dialogs).
fn text_box(lines: Vec<Line<'_>>, title: &str, theme: &Theme, area: Rect, buf: &mut Buffer) {
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(theme.focused_box(title))
        .render(area, buf);
}

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
    // A method like every other style of the theme, though it is the same with or without
    // colour: reversed video reads without colour too.
    #[allow(clippy::unused_self)]
    fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    /// Text that matches the filter or a search: underlined and bold, so it reads without
    /// colour and on the reversed selection too.
    fn matched(&self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
    }
    fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            self.dim()
        }
    }
    /// The bordered box of the panel or dialog that has the keys.
    fn focused_box<'a>(&self, title: impl Into<Line<'a>>) -> Block<'a> {
        Block::default()
            .borders(Borders::ALL)
            .border_style(self.border(true))
            .title(title)
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
        match (&self.report, self.mode == Mode::Paste) {
            (Some(_), false) => render_report(self, &theme, area, buf),
            // Before the first token of `jwtscope imds`.
            (None, false) if self.can_refetch => waiting::render(self, &theme, area, buf),
            _ => paste::render(self, &theme, area, buf),
        }
        if matches!(self.mode, Mode::Help { .. }) {
            help::render(self, &theme, area, buf);
        }
        if self.mode == Mode::Open {
            open::render(self, &theme, area, buf);
        }
    }
}

fn title_line<'a>(app: &App, theme: &Theme, width: u16) -> Line<'a> {
    let source = app.report.as_ref().map_or_else(
        || if app.can_refetch { "fetch" } else { "paste" }.to_string(),
        |r| clean(&r.source.to_string()).into_owned(),
    );
    let mut left = format!(" jwtscope │ {source}");
    if let Some(r) = &app.report
        && app.mode != Mode::Paste
    {
        let what = match (app.current(), app.skipped()) {
            (Some(t), _) => format!("{} · {}", clean(&t.origin), kind_word(t)),
            (None, Some(s)) => format!("{} · does not decode", clean(&s.origin)),
            (None, None) => "no token".to_string(),
        };
        left.push_str(&format!(" │ token {}/{}: {what}", app.token + 1, r.len()));
    }
    let clock = format!(
        "now {}{} ",
        app.now.format("%H:%M:%SZ"),
        if app.frozen { " (--now)" } else { "" }
    );
    let room = usize::from(width).saturating_sub(text::width(&clock) + 1);
    let left = text::truncate(&left, room).into_owned();
    let pad = usize::from(width).saturating_sub(text::width(&left) + text::width(&clock));
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

/// How much a summary row matters when the box cannot hold them all (lower first): whether
/// the token still works, whose it is, for what, from whom, and whether it is genuine.
fn importance(label: &str) -> usize {
    const ORDER: [&str; 11] = [
        "Token",
        "Expires",
        "Object ID",
        "User",
        "Audience",
        "Issuer",
        "Signature",
        "Name",
        "Subject",
        "Tenant",
        "App",
    ];
    ORDER
        .iter()
        .position(|l| *l == label)
        .unwrap_or(ORDER.len())
}

/// Where each part of the report screen goes.
struct Areas {
    title: Rect,
    tokens: Rect,
    summary: Rect,
    warnings: Rect,
    body: Rect,
    footer: Rect,
}

/// The report screen's layout at `area`; `None` when there is no token to lay out.
fn layout(app: &App, theme: &Theme, area: Rect) -> Option<Areas> {
    let report = app.report.as_ref()?;
    let t = app.current()?;
    let rows = overview::summary_rows(app, t, theme);
    let several = report.len() > 1 || app.shown_reports() > 1;
    let width = usize::from(area.width).saturating_sub(4).max(1);
    // Warnings: wrapped to the width, never hidden; on a small screen the first ones and a count.
    let warn_lines: usize = t
        .warnings
        .iter()
        .map(|w| {
            text::width(w)
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
    let [title, tokens, summary, warnings, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(u16::from(several)),
        Constraint::Length(summary_h),
        Constraint::Length(warn_h),
        Constraint::Min(body_min),
        Constraint::Length(1),
    ])
    .areas(area);
    Some(Areas {
        title,
        tokens,
        summary,
        warnings,
        body,
        footer,
    })
}

/// The inside of the body panel when the screen is `area`: what a page is, and how far a view
/// can scroll. The state asks this so it can clamp its scroll positions itself.
pub fn body_area(app: &App, area: Rect) -> Rect {
    let theme = Theme { color: app.color };
    layout(app, &theme, area).map_or(Rect::ZERO, |a| Block::bordered().inner(a.body))
}

/// The layout as the state needs it.
pub static GEOMETRY: super::app::Geometry = super::app::Geometry {
    body_area,
    overview_page,
    detail_metrics,
    detail_find,
    help_metrics,
    hit,
};

/// The body's tabs in its title, in order, with their text.
fn tabs(app: &App) -> impl Iterator<Item = (Panel, String)> + '_ {
    [Panel::Summary, Panel::Claims, Panel::Header, Panel::Token]
        .into_iter()
        .map(|p| {
            let name = p.title();
            // The shown panel is marked in text too, so it reads without colour.
            let name = if body_panel(app) == p {
                format!("[{name}]")
            } else {
                format!(" {name} ")
            };
            (p, name)
        })
}

/// What is at column `x`, row `y` of a screen of size `size`: a tab, a token of the strip,
/// a row of the table, the detail or the rest of the body (for the mouse).
pub fn hit(app: &App, size: Rect, x: u16, y: u16) -> Option<super::app::Hit> {
    use super::app::Hit;
    let theme = Theme { color: app.color };
    let at = ratatui::layout::Position::new(x, y);
    if matches!(app.mode, Mode::Help { .. }) {
        return Some(Hit::Help);
    }
    let areas = layout(app, &theme, size)?;
    if areas.tokens.contains(at) {
        let report = app.report.as_ref()?;
        let (_, entries) = strip_entries(app, report, areas.tokens.width);
        let mut from = areas.tokens.x + u16::try_from(text::width(STRIP_LEAD)).ok()?;
        let end = from.saturating_add(u16::try_from(strip_room(areas.tokens.width)).ok()?);
        for (i, e) in &entries {
            let i = *i;
            let to = from
                .saturating_add(u16::try_from(text::width(e)).unwrap_or(u16::MAX))
                .min(end);
            if (from..to).contains(&x) {
                return Some(Hit::Token(i));
            }
            from = to;
        }
        return None;
    }
    if y == areas.body.y {
        let mut from = areas.body.x + 1;
        for (p, name) in tabs(app) {
            let to = from + u16::try_from(text::width(&name)).unwrap_or(0);
            if (from..to).contains(&x) {
                return Some(Hit::Tab(p));
            }
            from = to;
        }
        return None;
    }
    let inner = Block::bordered().inner(areas.body);
    if !inner.contains(at) {
        return None;
    }
    if !app.raw() {
        if claims::detail_area(app, &theme, inner).is_some_and(|d| d.contains(at)) {
            return Some(Hit::Detail);
        }
        if let Some((rows, offset)) = claims::table_rows(app, &theme, inner)
            && rows.contains(at)
        {
            return Some(Hit::Row(offset + usize::from(y - rows.y)));
        }
        if app.focus == Panel::Summary
            && let Some(t) = app.current()
        {
            // The overview's line under the pointer (a line may wrap to several rows).
            let page = overview::page(app, &theme, t, usize::from(inner.width));
            let height = usize::from(inner.height);
            let first = app
                .summary_scroll
                .min(page.rows.len().saturating_sub(height));
            let row = first + usize::from(y - inner.y);
            if row < page.rows.len() {
                let line = page.starts.partition_point(|s| *s <= row).saturating_sub(1);
                return Some(Hit::Row(line));
            }
        }
    }
    Some(Hit::Body)
}

/// Columns `s` takes on screen.
#[cfg(test)]
pub fn text_width(s: &str) -> usize {
    text::width(s)
}

/// The help's visible rows and row count at the terminal size `size`.
pub fn help_metrics(app: &App, size: Rect) -> (usize, usize) {
    let theme = Theme { color: app.color };
    help::metrics(app, &theme, size)
}

/// The open claim detail's inside and its number of rows, at the terminal size `size`.
pub fn detail_metrics(app: &App, size: Rect) -> Option<(Rect, usize)> {
    let theme = Theme { color: app.color };
    claims::detail_metrics(app, &theme, body_area(app, size))
}

/// The first row of the open claim detail at or after `from` that holds `needle`.
pub fn detail_find(app: &App, size: Rect, needle: &str, from: usize) -> Option<usize> {
    let theme = Theme { color: app.color };
    claims::detail_find(app, &theme, body_area(app, size), needle, from)
}

/// The overview laid out at `width`: the state moves its selection and scroll with it.
pub fn overview_page(app: &App, width: u16) -> Option<super::app::OverviewPage> {
    let theme = Theme { color: app.color };
    app.current()
        .map(|t| overview::page(app, &theme, t, usize::from(width)))
}

fn render_report(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(report) = &app.report else {
        return;
    };
    let several = report.len() > 1;
    let Some(t) = app.current() else {
        // An entry of the list that does not decode: where it is, why, and the way on.
        let [title, tokens, body, foot] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(u16::from(several)),
            Constraint::Min(3),
            Constraint::Length(1),
        ])
        .areas(area);
        Paragraph::new(title_line(app, theme, area.width)).render(title, buf);
        if several {
            token_list(app, theme, report, tokens, buf);
        }
        let text = match app.skipped() {
            Some(s) => vec![
                Line::from(Span::styled(
                    format!("{} does not decode: {}", clean(&s.origin), clean(&s.reason)),
                    theme.warn(),
                )),
                Line::from(""),
                Line::from("It looked like a token, so it is listed; ] and [ show the others."),
            ],
            None => vec![Line::from("The input holds no token.")],
        };
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().border_style(theme.warn()))
            .render(body, buf);
        footer(app, theme, foot, buf);
        return;
    };
    let Some(areas) = layout(app, theme, area) else {
        return;
    };
    let rows = overview::summary_rows(app, t, theme);
    let several = several || app.shown_reports() > 1;
    let summary_h = areas.summary.height;
    let chunks = [
        areas.title,
        areas.tokens,
        areas.summary,
        areas.warnings,
        areas.body,
        areas.footer,
    ];

    Paragraph::new(title_line(app, theme, area.width)).render(chunks[0], buf);
    if several {
        token_list(app, theme, report, chunks[1], buf);
    }

    // Summary: one row each, cut with "…"; identifiers and URLs in the middle, since their
    // end tells them apart (`/v2.0`, the last digits of an ID).
    let inner_w = usize::from(area.width.saturating_sub(2));
    let label_w = rows.iter().map(|(l, _)| l.len()).max().unwrap_or(8) + 2;
    let rows: Vec<_> = rows
        .into_iter()
        .map(|(label, line)| {
            let room = inner_w.saturating_sub(label_w);
            let line = match (label, &line.spans[..]) {
                ("Issuer" | "Object ID" | "Subject" | "Tenant", [only]) => {
                    Line::from(Span::styled(
                        text::truncate_middle(&only.content, room).into_owned(),
                        only.style,
                    ))
                }
                _ => text::truncate_line(line, room),
            };
            (label, line)
        })
        .collect();
    let fits = usize::from(summary_h.saturating_sub(2));
    let total = rows.len();
    // With room for one or two rows, rows beat a line saying rows are missing.
    let room_for_more = fits > 2;
    let keep_n = if room_for_more { fits - 1 } else { fits };
    let rows: Vec<_> = if total > fits && fits > 0 {
        // Too many for the box: keep the most important, in their usual order.
        let mut by_rank: Vec<usize> = (0..total).collect();
        by_rank.sort_by_key(|&i| importance(rows[i].0));
        let mut keep = vec![false; total];
        for &i in by_rank.iter().take(keep_n) {
            keep[i] = true;
        }
        rows.into_iter()
            .zip(keep)
            .filter_map(|(r, k)| k.then_some(r))
            .collect()
    } else {
        rows
    };
    let mut lines = labelled(rows, theme);
    if total > fits && room_for_more {
        lines.push(Line::from(Span::styled(
            format!(
                "… {} more rows: press 1 to see everything",
                total - fits + 1
            ),
            theme.dim(),
        )));
    }
    let summary_block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(app.focus == Panel::Summary))
        // Not "1 ...": 1 opens the overview, which holds this and more.
        .title("Summary");
    Paragraph::new(lines)
        .block(summary_block)
        .render(chunks[2], buf);

    if !t.warnings.is_empty() {
        let n = t.warnings.len();
        // Pointing at the overview only when some of them do not fit.
        let width = usize::from(area.width).saturating_sub(2).max(1);
        let rows: usize = t
            .warnings
            .iter()
            .map(|w| {
                text::width(&format!("! {}", clean(w)))
                    .div_ceil(width)
                    .max(1)
            })
            .sum();
        let cut = rows > usize::from(chunks[3].height.saturating_sub(2));
        let shown_title = match (n, cut && app.focus != Panel::Summary) {
            (1, false) => "1 warning".to_string(),
            (1, true) => "1 warning · press 1 to read it all".to_string(),
            (_, false) => format!("{n} warnings"),
            (_, true) => format!("{n} warnings · press 1 to read them all"),
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

const STRIP_LEAD: &str = " Tokens ";
const STRIP_TAIL: &str = " [ ] switch ";

/// The token strip's entries on screen ("2 id_token · EXPIRED · api://app"), each with its
/// index, from the first one shown: as far left as lets the selected one fit in `width`
/// columns, then to the right until the strip is full. Only these are labelled (a list of a
/// million is explained when shown).
fn strip_entries(
    app: &App,
    report: &super::tokens::TokenList,
    width: u16,
) -> (usize, Vec<(usize, String)>) {
    let entry = |i: usize, t: &TokenReport| {
        let status = match t.kind {
            Kind::Opaque => "opaque".to_string(),
            Kind::Jwe => "encrypted".to_string(),
            _ => t.summary.status.word().to_string(),
        };
        let mut text = format!(" {} {} · {status}", i + 1, clean(&t.origin));
        if let Some(aud) = t.summary.audience.first() {
            text.push_str(&format!(" · {}", text::truncate_middle(&clean(aud), 30)));
        }
        text.push(' ');
        text
    };
    let make = |i: usize| {
        app.label(i, &|e: &super::tokens::Explained| match e {
            Ok(reports) => match reports.as_slice() {
                [] => format!(" {} no token ", i + 1),
                [t] => entry(i, t),
                [t, nested @ ..] => format!("{}+ {} nested ", entry(i, t), nested.len()),
            },
            Err(s) => format!(" {} {} · does not decode ", i + 1, clean(&s.origin)),
        })
    };
    let n = report.len();
    let room = strip_room(width);
    let mut first = app.token.min(n.saturating_sub(1));
    let mut used = text::width(&make(first));
    while first > 0 {
        let w = text::width(&make(first - 1));
        if used + w > room {
            break;
        }
        first -= 1;
        used += w;
    }
    let mut entries = Vec::new();
    let mut filled = 0;
    for i in first..n {
        if filled > room {
            break;
        }
        let e = make(i);
        filled += text::width(&e);
        entries.push((i, e));
    }
    (first, entries)
}

/// Columns the strip's entries have in a strip `width` wide.
fn strip_room(width: u16) -> usize {
    usize::from(width).saturating_sub(text::width(STRIP_LEAD) + text::width(STRIP_TAIL))
}

/// The token strip: each token with its status and audience, scrolled so the shown one is
/// on screen, and `[ ]` at every width.
fn token_list(
    app: &App,
    theme: &Theme,
    report: &super::tokens::TokenList,
    area: Rect,
    buf: &mut Buffer,
) {
    let (first, entries) = strip_entries(app, report, area.width);
    let (lead, tail, room) = (STRIP_LEAD, STRIP_TAIL, strip_room(area.width));
    let mut spans = vec![Span::styled(
        if first > 0 { " Tokens…" } else { lead },
        theme.label(),
    )];
    let mut strip = Vec::new();
    for (i, e) in entries {
        let style = if i == app.token {
            theme.selected()
        } else {
            Style::new()
        };
        strip.push(Span::styled(e, style));
    }
    spans.push(Span::raw(""));
    let strip = text::truncate_line(Line::from(strip), room);
    let pad = room.saturating_sub(strip.spans.iter().map(|s| text::width(&s.content)).sum());
    spans.extend(strip.spans);
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(tail, theme.dim()));
    Paragraph::new(Line::from(spans)).render(area, buf);
}

fn body_block<'a>(app: &App, theme: &Theme, width: u16) -> Block<'a> {
    let mut title = Vec::new();
    for (p, name) in tabs(app) {
        let style = if body_panel(app) == p {
            theme.border(app.focus == p).add_modifier(Modifier::BOLD)
        } else {
            theme.dim()
        };
        title.push(Span::styled(name, style));
    }
    if app.raw() {
        title.push(Span::styled(" raw JSON (r) ", theme.fg(Color::Magenta)));
    }
    if body_panel(app) == Panel::Claims && !app.raw() {
        // The longest wording that fits beside the tabs: a title is cut without "…".
        let used: usize = title.iter().map(|s| text::width(&s.content)).sum();
        let room = usize::from(width.saturating_sub(2)).saturating_sub(used);
        let word = app.time_mode.word();
        if let Some(times) = [format!(" times: {word} (t) "), format!(" {word} (t) ")]
            .into_iter()
            .find(|t| text::width(t) <= room)
        {
            title.push(Span::styled(times, theme.dim()));
        }
    }
    theme.focused_box(Line::from(title))
}

/// Which panel the body shows: the focused one (the summary's is the overview page).
fn body_panel(app: &App) -> Panel {
    app.focus
}

/// Where the body's view is: the position as text ("7/19": the selected row of a list, the
/// first row shown of a scrolled view) and the scrollbar's (content length, position).
fn position(
    app: &App,
    theme: &Theme,
    t: &TokenReport,
    inner: Rect,
) -> Option<(String, usize, usize)> {
    let height = usize::from(inner.height);
    let rows = |first: usize, total: usize| {
        let first = first.min(total.saturating_sub(height));
        (
            format!(
                "rows {}-{} of {total}",
                first + 1,
                (first + height).min(total)
            ),
            total,
            first,
        )
    };
    if app.raw() {
        return Some(rows(app.raw_scroll, app.raw_lines.len()));
    }
    match body_panel(app) {
        Panel::Claims => {
            let n = app.visible_claims().len();
            (n > 0).then(|| (format!("{}/{n}", app.claim_sel + 1), n, app.claim_sel))
        }
        Panel::Header => {
            let n = t.header_params.len();
            (n > 0).then(|| (format!("{}/{n}", app.header_sel + 1), n, app.header_sel))
        }
        Panel::Summary => {
            let n = overview::page(app, theme, t, usize::from(inner.width))
                .starts
                .len();
            Some((format!("{}/{n}", app.summary_sel + 1), n, app.summary_sel))
        }
        Panel::Token => t.token.as_ref().map(|tok| {
            rows(
                app.token_scroll,
                tok.len().div_ceil(usize::from(inner.width.max(1))),
            )
        }),
    }
}

fn render_body(app: &App, theme: &Theme, t: &TokenReport, area: Rect, buf: &mut Buffer) {
    let mut block = body_block(app, theme, area.width);
    let inner = block.inner(area);
    let pos = position(app, theme, t, inner);
    if let Some((text, _, _)) = &pos {
        block = block.title_bottom(Line::from(format!(" {text} ")).right_aligned());
    }
    if body_panel(app) == Panel::Token && !app.raw() && t.token.is_some() {
        // The colour key, in words too: the segments are coloured like jwt.io's.
        let parts = token::legend(theme);
        block = block.title_bottom(Line::from(parts).left_aligned());
    }
    block.render(area, buf);
    if let Some((_, len, at)) = pos
        && len > usize::from(inner.height)
    {
        // On the right border: shows where the view is even without reading the numbers.
        let mut state = ScrollbarState::new(len)
            .position(at)
            .viewport_content_length(usize::from(inner.height));
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .render(
                area.inner(ratatui::layout::Margin::new(0, 1)),
                buf,
                &mut state,
            );
    }
    if app.raw() {
        raw::render(app, theme, inner, buf);
        return;
    }
    match body_panel(app) {
        Panel::Header => header::render(app, theme, t, inner, buf),
        Panel::Token => token::render(app, theme, t, inner, buf),
        Panel::Summary => overview::render(app, theme, t, inner, buf),
        Panel::Claims => claims::render(app, theme, t, inner, buf),
    }
}

/// The fetch spinner's frames.
const SPINNER: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

fn footer(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let line = if let Some(flash) = &app.flash {
        let line = format!(" {}", clean(flash));
        Line::from(Span::styled(
            text::truncate(&line, usize::from(area.width)).into_owned(),
            theme.fg(Color::Green).add_modifier(Modifier::BOLD),
        ))
    } else if let Some(line) = &app.fetching {
        let line = format!(
            " {} {} · q quits",
            SPINNER[app.spin % SPINNER.len()],
            clean(line)
        );
        Line::from(Span::styled(
            text::truncate(&line, usize::from(area.width)).into_owned(),
            theme.fg(Color::Cyan),
        ))
    } else if app.mode == Mode::Search {
        Line::from(Span::styled(
            " type to search the value · ↓ next match · Enter keep · Esc clear",
            theme.dim(),
        ))
    } else if app.mode == Mode::Shift {
        let line = format!(
            " shift exp/nbf/iat by (+1h, -5m): {}▏ · Enter apply · Esc cancel",
            clean(&app.shift_input)
        );
        Line::from(Span::styled(
            text::truncate(&line, usize::from(area.width)).into_owned(),
            theme.label(),
        ))
    } else if app.mode == Mode::GoTo {
        let line = format!(
            " go to token (1-{}) or the next whose origin holds: {}▏ · Enter go · Esc cancel",
            app.report.as_ref().map_or(0, super::tokens::TokenList::len),
            clean(&app.goto_input)
        );
        Line::from(Span::styled(
            text::truncate(&line, usize::from(area.width)).into_owned(),
            theme.label(),
        ))
    } else if app.mode == Mode::Filter {
        Line::from(Span::styled(
            " type to filter claims by name or value · Enter keep · Esc clear",
            theme.dim(),
        ))
    } else {
        let mut keys: Vec<&str> = BINDINGS
            .iter()
            .filter_map(|b| b.footer)
            .filter(|k| *k != "? help")
            .collect();
        if app
            .report
            .as_ref()
            .is_some_and(|r| r.len() > 1 || app.shown_reports() > 1)
        {
            keys.insert(0, "[ ] token");
        }
        if app.can_refetch {
            keys.insert(0, "R refetch");
        }
        // As many as fit, and "? help" always: it lists the rest.
        let room = usize::from(area.width).saturating_sub(" ? help".len() + 2);
        let mut shown = String::new();
        for k in keys {
            if text::width(&shown) + 2 + text::width(k) > room {
                break;
            }
            shown.push_str("  ");
            shown.push_str(k);
        }
        Line::from(vec![
            Span::styled(shown, theme.dim()),
            Span::styled("  ? help", theme.label()),
        ])
    };
    Paragraph::new(line).render(area, buf);
}
