//! The claims table (panel 2), the filter bar, and the field tables with their detail that
//! the claims and the header (panel 3) share: a table of name, value and description, and the
//! selected row's whole detail, docked on the right from 120 columns (like k9s's describe)
//! and opened below the table with Enter on narrower screens.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
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

/// From this width of the body's inside (a 120-column terminal's) the detail is docked on
/// the right and always shown.
pub const DOCK_WIDTH: u16 = 118;

/// The docked detail is never narrower than this, nor than a quarter of the body.
const DOCK_MIN: u16 = 48;

/// A description column narrower than this says too little to be worth its room.
const DESC_MIN: usize = 20;

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

/// A short value with its meaning: "2 · client certificate" (meanings read "value:
/// meaning"; the value is already in front). Arrays and objects stay as they are.
fn with_meaning(f: &Field) -> String {
    let v = value_line(&f.value);
    match &f.meaning {
        Some(m) if !f.value.is_array() && !f.value.is_object() => {
            let m = clean(m);
            let m = m.strip_prefix(&format!("{v}: ")).unwrap_or(&m).to_string();
            format!("{v} · {m}")
        }
        _ => v,
    }
}

/// The table the focused panel shows (claims or header parameters): its rows, the selected
/// one and how a value reads in it.
pub(super) struct Fields<'a> {
    pub rows: Vec<&'a Field>,
    pub selected: usize,
    value: Box<dyn Fn(&Field) -> String + 'a>,
    /// Text to highlight in names and values (the claims filter).
    pub matching: &'a str,
}

impl<'a> Fields<'a> {
    /// The focused panel's table, when it is one.
    pub fn of(app: &'a App) -> Option<Self> {
        let t = app.current()?;
        match app.focus {
            Panel::Claims => {
                let (mode, now) = (app.time_mode, app.now);
                Some(Fields {
                    rows: app.visible_claims(),
                    selected: app.claim_sel,
                    value: Box::new(move |f: &Field| match &f.time {
                        Some(ti) => time_text(f, ti, mode, now),
                        None => with_meaning(f),
                    }),
                    matching: &app.filter,
                })
            }
            Panel::Header => Some(Fields {
                rows: t.header_params.iter().collect(),
                selected: app.header_sel,
                value: Box::new(with_meaning),
                matching: "",
            }),
            Panel::Summary | Panel::Token => None,
        }
    }

    fn value(&self, f: &Field) -> String {
        (self.value)(f)
    }

    fn selected_field(&self) -> Option<&'a Field> {
        self.rows.get(self.selected).copied()
    }

    /// The first row shown when `height` rows fit: the selected one stays on screen.
    fn offset(&self, height: usize) -> usize {
        self.selected.saturating_sub(height.saturating_sub(1))
    }

    fn name_w(&self) -> usize {
        self.rows
            .iter()
            .map(|f| text::width(&f.name))
            .max()
            .unwrap_or(5)
            .clamp(5, 24)
    }
}

/// Column widths of a table `width` wide whose shown rows need `value_need` columns of value:
/// the value as wide as it needs, a description when what is left is worth it.
fn columns(name_w: usize, width: usize, value_need: usize) -> (usize, usize) {
    let avail = width.saturating_sub(name_w + 2);
    let value_w = value_need.clamp(5, avail.max(5)).min(avail);
    let left = avail.saturating_sub(value_w + 2);
    if left >= DESC_MIN {
        (value_w, left)
    } else {
        (avail, 0)
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
    if claims.is_empty() {
        Paragraph::new(Span::styled(
            "No claim matches the filter: Backspace edits it, Esc clears it.",
            theme.dim(),
        ))
        .render(area, buf);
        return;
    }
    render_fields(app, theme, area, buf);
}

/// The focused table and its detail in `area`.
pub(super) fn render_fields(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(fields) = Fields::of(app) else {
        return;
    };
    let (table_area, detail_area) = split(app, theme, &fields, area);
    if table_area.height > 0 {
        render_table(theme, &fields, table_area, buf);
    }
    if let (Some(d), Some(field)) = (detail_area, fields.selected_field()) {
        detail::render(app, theme, field, d, buf);
    }
}

/// The area below the claims' filter bar (the whole area for the header).
pub(super) fn below_bar(app: &App, area: Rect) -> Rect {
    if app.focus == Panel::Claims && (app.mode == Mode::Filter || !app.filter.is_empty()) {
        let [_, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
        rest
    } else {
        area
    }
}

/// Where the table and the detail go. From `DOCK_WIDTH` columns the detail is always shown,
/// on the right, and the table takes the width its rows need (all of a value that fits
/// beside a readable detail). Below that, the detail shows when opened, under the table:
/// the room it needs and at least half the area, or the whole area when a third of it would
/// be too short to read.
pub(super) fn split(app: &App, theme: &Theme, fields: &Fields, area: Rect) -> (Rect, Option<Rect>) {
    let Some(field) = fields.selected_field() else {
        return (area, None);
    };
    if area.width >= DOCK_WIDTH {
        let dock_min = DOCK_MIN.max(area.width / 4);
        // One blank column between the table and the detail.
        let max_table = usize::from(area.width - dock_min - 1);
        let height = usize::from(area.height.saturating_sub(1));
        let shown: Vec<&Field> = fields
            .rows
            .iter()
            .skip(fields.offset(height))
            .take(height)
            .copied()
            .collect();
        // A value too long to be whole beside the detail (a 5000-group array) is cut
        // anyway: it does not widen the table, which then takes at least half the area.
        let name_w = fields.name_w();
        let widths: Vec<usize> = shown
            .iter()
            .map(|f| text::width(&fields.value(f)))
            .collect();
        let cut_anyway = widths.iter().any(|w| name_w + 2 + w > max_table);
        let value_need = widths
            .into_iter()
            .filter(|w| name_w + 2 + w <= max_table)
            .max()
            .unwrap_or(0);
        let desc_need = shown
            .iter()
            .filter_map(|f| f.description.map(text::width))
            .max()
            .unwrap_or(0);
        let bare = name_w + 2 + value_need;
        // Descriptions when a readable column of them fits beside the values.
        let need = if desc_need > 0 && bare + 2 + DESC_MIN <= max_table {
            bare + 2 + desc_need
        } else {
            bare
        };
        let need = if cut_anyway {
            need.max(usize::from(area.width / 2))
        } else {
            need
        };
        let table_w = u16::try_from(need.min(max_table)).unwrap_or(u16::MAX);
        let [a, b] = Layout::horizontal([Constraint::Length(table_w), Constraint::Min(dock_min)])
            .spacing(1)
            .areas(area);
        return (a, Some(b));
    }
    if !app.detail_open {
        return (area, None);
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

/// Where the focused table's rows are drawn in the body `body`, and the index of the row on
/// the first of them: what a mouse click lands on.
pub(super) fn table_rows(app: &App, theme: &Theme, body: Rect) -> Option<(Rect, usize)> {
    let fields = Fields::of(app)?;
    let (table, _) = split(app, theme, &fields, below_bar(app, body));
    let height = table.height.saturating_sub(1);
    let offset = fields.offset(usize::from(height));
    // Only the rows drawn: below the last one is not a row.
    let drawn = fields.rows.len().saturating_sub(offset);
    let rows = Rect {
        y: table.y + 1,
        height: height.min(u16::try_from(drawn).unwrap_or(u16::MAX)),
        ..table
    };
    (rows.height > 0).then_some((rows, offset))
}

/// The detail's place in the body `body`, when it shows.
pub(super) fn detail_area(app: &App, theme: &Theme, body: Rect) -> Option<Rect> {
    let fields = Fields::of(app)?;
    split(app, theme, &fields, below_bar(app, body)).1
}

/// The detail's inside and how many rows it has, at the terminal size the state knows: what
/// a page is and where End goes.
pub(super) fn detail_metrics(app: &App, theme: &Theme, body: Rect) -> Option<(Rect, usize)> {
    let field = app.selected_field()?;
    let inner = Block::bordered().inner(detail_area(app, theme, body)?);
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
    let field = app.selected_field()?;
    let inner = Block::bordered().inner(detail_area(app, theme, body)?);
    detail::Detail::new(app, theme, field, usize::from(inner.width)).find(needle, from)
}

/// A name/value/description table showing only the rows that fit.
fn render_table(theme: &Theme, fields: &Fields, area: Rect, buf: &mut Buffer) {
    if area.height < 2 {
        return;
    }
    let rows_h = usize::from(area.height - 1);
    let offset = fields.offset(rows_h);
    let name_w = fields.name_w();
    let shown: Vec<(usize, &&Field, String)> = fields
        .rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows_h)
        .map(|(i, f)| (i, f, fields.value(f)))
        .collect();
    let need = shown
        .iter()
        .map(|(_, _, v)| text::width(v))
        .max()
        .unwrap_or(10);
    let (value_w, desc_w) = columns(name_w, usize::from(area.width), need);
    let describe = desc_w > 0;
    let hit = theme.matched();
    let rows: Vec<Row> = shown
        .into_iter()
        .map(|(i, f, v)| {
            // A value without spaces is an ID or a URL: its end tells it apart.
            let v = if v.contains(' ') {
                text::truncate(&v, value_w).into_owned()
            } else {
                text::truncate_middle(&v, value_w).into_owned()
            };
            let name = text::truncate(&clean(&f.name), name_w).into_owned();
            let mut cells = vec![
                Cell::from(text::highlight(
                    &name,
                    fields.matching,
                    theme.fg(Color::Cyan),
                    hit,
                )),
                Cell::from(text::highlight(&v, fields.matching, Style::new(), hit)),
            ];
            if describe {
                cells.push(Cell::from(Span::styled(
                    text::truncate(f.description.unwrap_or("—"), desc_w).into_owned(),
                    theme.dim(),
                )));
            }
            let row = Row::new(cells);
            if i == fields.selected {
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
