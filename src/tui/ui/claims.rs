//! The claims table (panel 2), the filter bar and the detail pane.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Color;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Cell, Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap,
};

use jwtscope::claims::time;
use jwtscope::output::sanitize::clean;
use jwtscope::output::text::value_line;
use jwtscope::report::{Field, Kind, TokenReport};

use super::super::app::{App, Mode, Panel, TimeMode};
use super::{Theme, detail, text};

/// A time value as the time mode shows it.
fn time_text(
    f: &Field,
    t: &jwtscope::report::TimeInfo,
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
    let (table_area, detail_area) = split(app, theme, area);
    if table_area.height == 0 {
        if let (Some(d), Some(field)) = (detail_area, claims.get(app.claim_sel)) {
            detail::render(app, theme, field, d, buf);
        }
        return;
    }
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
    if let (Some(d), Some(field)) = (detail_area, claims.get(app.claim_sel)) {
        detail::render(app, theme, field, d, buf);
    }
}

/// The claims area without the filter bar.
fn below_bar(app: &App, area: Rect) -> Rect {
    if app.mode == Mode::Filter || !app.filter.is_empty() {
        let [_, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
        rest
    } else {
        area
    }
}

/// Where the table and the open detail go. The detail takes the room it needs and at least
/// half the area: docked on the right from 120 columns (like k9s's describe), below the table on narrower
/// screens, and the whole area when a third of it would be too short to read.
fn split(app: &App, theme: &Theme, area: Rect) -> (Rect, Option<Rect>) {
    let Some(field) = app.selected_claim().filter(|_| app.detail_open) else {
        return (area, None);
    };
    if area.width >= 120 {
        let [a, b] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .areas(area);
        return (a, Some(b));
    }
    if area.height < 14 {
        return (Rect { height: 0, ..area }, Some(area));
    }
    let need =
        detail::Detail::new(app, theme, field, usize::from(area.width.saturating_sub(2))).len() + 2;
    let half = area.height.div_ceil(2);
    // The table keeps its header and three rows.
    let detail_h = u16::try_from(need)
        .unwrap_or(u16::MAX)
        .clamp(half, area.height.saturating_sub(4));
    let [a, b] = Layout::vertical([Constraint::Min(4), Constraint::Length(detail_h)]).areas(area);
    (a, Some(b))
}

/// The open detail's inside and how many rows it has, at the terminal size the state
/// knows: what a page is and where End goes.
pub(super) fn detail_metrics(app: &App, theme: &Theme, body: Rect) -> Option<(Rect, usize)> {
    let field = app.selected_claim()?;
    let (_, detail) = split(app, theme, below_bar(app, body));
    let inner = Block::bordered().inner(detail?);
    let rows = detail::Detail::new(app, theme, field, usize::from(inner.width)).len();
    Some((inner, rows))
}

/// The first detail row at or after `from` holding `needle`.
pub(super) fn detail_find(
    app: &App,
    theme: &Theme,
    body: Rect,
    needle: &str,
    from: usize,
) -> Option<usize> {
    let field = app.selected_claim()?;
    let (_, detail) = split(app, theme, below_bar(app, body));
    let inner = Block::bordered().inner(detail?);
    detail::Detail::new(app, theme, field, usize::from(inner.width)).find(needle, from)
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
    let shown: Vec<(usize, &&Field, String)> = fields
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows_h)
        .map(|(i, f)| (i, f, value(f)))
        .collect();
    // Columns: the value as wide as the values on screen need, the description the rest.
    let avail = usize::from(area.width).saturating_sub(name_w + 2);
    let (value_w, desc_w) = if describe {
        let avail = avail.saturating_sub(2);
        let need = shown
            .iter()
            .map(|(_, _, v)| text::width(v))
            .max()
            .unwrap_or(10);
        let value_w = need.clamp(20, avail.saturating_sub(30).max(20));
        (value_w, avail.saturating_sub(value_w))
    } else {
        (avail, 0)
    };
    let rows: Vec<Row> = shown
        .into_iter()
        .map(|(i, f, v)| {
            // A value without spaces is an ID or a URL: its end tells it apart.
            let v = if v.contains(' ') {
                text::truncate(&v, value_w).into_owned()
            } else {
                text::truncate_middle(&v, value_w).into_owned()
            };
            let mut cells = vec![
                Cell::from(Span::styled(
                    text::truncate(&clean(&f.name), name_w).into_owned(),
                    theme.fg(Color::Cyan),
                )),
                Cell::from(v),
            ];
            if describe {
                cells.push(Cell::from(Span::styled(
                    text::truncate(f.description.unwrap_or("—"), desc_w).into_owned(),
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
    let col = |w: usize| Constraint::Length(u16::try_from(w).unwrap_or(u16::MAX));
    let widths: Vec<Constraint> = if describe {
        vec![col(name_w), col(value_w), col(desc_w)]
    } else {
        vec![col(name_w), col(value_w)]
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
