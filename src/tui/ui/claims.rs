//! The claims table (panel 2), the filter bar and the detail pane.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Color;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Cell, Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap,
};
use serde_json::Value;

use jwtscope::claims::time;
use jwtscope::output::sanitize::clean;
use jwtscope::output::text::value_line;
use jwtscope::report::{Field, Kind, TokenReport};

use super::super::app::{App, Mode, Panel, TimeMode};
use super::{Theme, text};

/// A time value as the time mode shows it.
fn time_text(
    f: &Field,
    t: &time::TimeInfo,
    mode: TimeMode,
    now: chrono::DateTime<chrono::Utc>,
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

pub(super) fn render(app: &App, theme: &Theme, t: &TokenReport, area: Rect, buf: &mut Buffer) {
    let mut area = area;
    let claims = app.visible_claims();
    if (app.mode == Mode::Filter) || !app.filter.is_empty() {
        let [bar, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
        let cursor = if app.mode == Mode::Filter { "▏" } else { "" };
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

pub(super) fn render_fields(
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
        .map(|f| text::width(&f.name))
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
                    text::truncate(&clean(&f.name), name_w).into_owned(),
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
                    Span::raw(text::truncate(&text, width.saturating_sub(6)).into_owned()),
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
