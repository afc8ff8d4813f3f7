//! The selected claim whole (Enter): description, meaning, times and the value, every line
//! wrapped with a hanging indent, scrolled by rows. Arrays are one item a row (a 5000-group
//! array is never laid out whole: rows are counted from the items' widths once per token,
//! claim and width (kept in a [`RowCache`]), and only the rows on screen are built).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};
use serde_json::Value;

use jwtscope::claims::time;
use jwtscope::output::sanitize::clean;
use jwtscope::report::Field;

use super::super::app::{App, Panel};
use super::{Theme, text};

/// Columns an array item's index takes ("   27 ").
const INDEX_W: usize = 6;

/// Rows an item takes: its width over the room beside the index, at least one.
fn item_rows(v: &Value, item_w: usize) -> usize {
    text::width(&item_text(v)).div_ceil(item_w).max(1)
}

/// The detail of one claim laid out at a width.
pub struct Detail<'a> {
    /// The rows before the items (or the whole detail for a value that is not an array).
    head: Vec<Line<'static>>,
    items: &'a [Value],
    width: usize,
    /// Where each item starts (see `RowCache`).
    starts: std::rc::Rc<[usize]>,
}

fn item_text(v: &Value) -> std::borrow::Cow<'_, str> {
    match v {
        Value::String(s) => clean(s),
        other => std::borrow::Cow::Owned(clean(&other.to_string()).into_owned()),
    }
}

impl<'a> Detail<'a> {
    pub fn new(app: &App, theme: &Theme, f: &'a Field, width: usize) -> Self {
        let width = width.max(1);
        let mut lines: Vec<Line<'static>> = Vec::new();
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
                lines.push(Line::from(vec![
                    Span::raw("       "),
                    Span::styled(n.clone(), theme.warn()),
                ]));
            }
        }
        let items: &[Value] = match &f.value {
            Value::Array(items) => {
                lines.push(Line::from(Span::styled(
                    format!("Value: {} items", items.len()),
                    theme.label(),
                )));
                items
            }
            other => {
                lines.push(Line::from(Span::styled("Value:", theme.label())));
                let text = match other {
                    Value::String(s) => s.clone(),
                    Value::Object(_) => serde_json::to_string_pretty(other).unwrap_or_default(),
                    v => v.to_string(),
                };
                // Real line breaks split the value; they are cut before sanitising, so a
                // backslash followed by n (`C:\new`) stays one line.
                for part in text.split('\n') {
                    let part = clean(part).into_owned();
                    let lead = part.len() - part.trim_start().len();
                    lines.push(Line::from(vec![
                        Span::raw(" ".repeat(lead)),
                        Span::raw(part[lead..].to_string()),
                    ]));
                }
                &[]
            }
        };
        let mut head = Vec::new();
        for l in &lines {
            let indent = if l.spans.len() > 1 && l.spans[0].content.ends_with(' ') {
                text::width(&l.spans[0].content)
            } else {
                0
            };
            head.extend(text::wrap(l, width, indent));
        }
        let w = item_w(width);
        let key = (items.as_ptr() as usize, items.len(), w);
        let starts = app
            .detail_rows
            .starts(key, items.iter().map(|v| item_rows(v, w)));
        Detail {
            head,
            items,
            width,
            starts,
        }
    }

    fn item_w(&self) -> usize {
        item_w(self.width)
    }

    /// Rows item `i` takes.
    fn item_rows(&self, i: usize) -> usize {
        self.starts[i + 1] - self.starts[i]
    }

    /// Rows the whole detail takes.
    pub fn len(&self) -> usize {
        self.head.len() + self.starts.last().copied().unwrap_or(0)
    }

    /// The first row holding `needle` (case-insensitive) at or after row `from`, wrapping
    /// around to the top.
    pub fn find(&self, needle: &str, from: usize) -> Option<usize> {
        if needle.is_empty() {
            return None;
        }
        let needle = needle.to_lowercase();
        let mut hits = Vec::new();
        let mut row = 0;
        for l in &self.head {
            if l.to_string().to_lowercase().contains(&needle) {
                hits.push(row);
            }
            row += 1;
            if hits.last().is_some_and(|h| *h >= from) {
                return hits.last().copied();
            }
        }
        for (i, v) in self.items.iter().enumerate() {
            if item_text(v).to_lowercase().contains(&needle) {
                if row >= from {
                    return Some(row);
                }
                hits.push(row);
            }
            row += self.item_rows(i);
        }
        hits.first().copied()
    }

    /// The rows from `first`, at most `height` of them.
    fn rows(&self, theme: &Theme, first: usize, height: usize) -> Vec<Line<'static>> {
        let mut out: Vec<Line<'static>> =
            self.head.iter().skip(first).take(height).cloned().collect();
        // The first item on screen, found from where the items start.
        let skip = first.saturating_sub(self.head.len());
        let start = self.starts[1..].partition_point(|end| *end <= skip);
        let mut row = self.head.len() + self.starts.get(start).copied().unwrap_or(0);
        for (i, v) in self.items.iter().enumerate().skip(start) {
            if out.len() >= height {
                break;
            }
            let n = self.item_rows(i);
            let text = item_text(v);
            let mut chunks = Vec::with_capacity(n);
            let mut cur = String::new();
            let mut used = 0;
            for c in text.chars() {
                let w = text::width(c.encode_utf8(&mut [0; 4]));
                if used + w > self.item_w() && !cur.is_empty() {
                    chunks.push(std::mem::take(&mut cur));
                    used = 0;
                }
                cur.push(c);
                used += w;
            }
            chunks.push(cur);
            for (k, chunk) in chunks.into_iter().enumerate() {
                if row + k < first {
                    continue;
                }
                if out.len() >= height {
                    break;
                }
                let index = if k == 0 {
                    format!("{i:>5} ")
                } else {
                    " ".repeat(INDEX_W)
                };
                out.push(Line::from(vec![
                    Span::styled(index, theme.dim()),
                    Span::raw(chunk),
                ]));
            }
            row += n;
        }
        out
    }
}

/// Room beside the index for an item's text, in a detail `width` wide.
fn item_w(width: usize) -> usize {
    width.saturating_sub(INDEX_W).max(1)
}

/// Draws the detail of `f` in `area`, scrolled to `app.detail_scroll` (clamped to the end).
pub(super) fn render(app: &App, theme: &Theme, f: &Field, area: Rect, buf: &mut Buffer) {
    let inner = Block::bordered().inner(area);
    let detail = Detail::new(app, theme, f, usize::from(inner.width));
    let height = usize::from(inner.height);
    let total = detail.len();
    let first = app.detail_scroll.min(total.saturating_sub(height));
    let last = (first + height).min(total);
    let position = if total > height {
        format!(" rows {}-{last} of {total} ", first + 1)
    } else {
        String::new()
    };
    let search = if app.detail_search.is_empty() {
        String::new()
    } else {
        format!(" /{} ", clean(&app.detail_search))
    };
    // Open (Enter), it takes the paging keys; docked and not open, it follows the selection.
    let keys = if app.detail_open {
        " PgDn/PgUp g/G / search · Enter closes "
    } else {
        " Enter scrolls this "
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(app.detail_open))
        .title(format!(" {} ", clean(&f.name)))
        .title_bottom(text::truncate_line(
            Line::from(vec![
                Span::styled(search, theme.label()),
                Span::raw(position),
                Span::styled(keys, Style::new()),
            ]),
            usize::from(area.width.saturating_sub(2)),
        ));
    block.render(area, buf);
    let mut rows = detail.rows(theme, first, height);
    // What the search (or the claims filter) matched, marked in the rows on screen only: a
    // 5000-item array is not searched again on every frame.
    let needle = if app.detail_search.is_empty() && app.focus == Panel::Claims {
        app.filter.as_str()
    } else {
        app.detail_search.as_str()
    };
    if !needle.is_empty() {
        for l in &mut rows {
            let spans = std::mem::take(&mut l.spans);
            l.spans = spans
                .into_iter()
                .flat_map(|s| text::highlight(&s.content, needle, s.style, theme.matched()).spans)
                .collect();
        }
    }
    Paragraph::new(rows).render(inner, buf);
}
