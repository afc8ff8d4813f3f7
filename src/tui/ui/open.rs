//! The `o` prompt: a path, what Tab found, and why a file did not open, over the screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use jwtscope::output::sanitize::clean;

use super::super::app::App;
use super::{Theme, text};

pub(super) fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let width = area.width.saturating_sub(4).min(100);
    let inner_w = usize::from(width.saturating_sub(2));
    let o = &app.open;
    // The path's end is what is being typed: a long one is cut at its start.
    let label = "path: ";
    let room = inner_w.saturating_sub(text::width(label) + 1);
    let typed = clean(&o.input);
    let mut shown = String::new();
    let mut used = 0;
    for c in typed.chars().rev() {
        let w = text::width(c.encode_utf8(&mut [0; 4]));
        if used + w > room {
            shown.insert(0, '…');
            break;
        }
        used += w;
        shown.insert(0, c);
    }
    let mut lines = vec![Line::from(vec![
        Span::styled(label, theme.label()),
        Span::raw(shown),
        Span::styled("▏", theme.label()),
    ])];
    // Below it: room for the matches, the error and the hint.
    let max_h = area.height.saturating_sub(2);
    // Borders, the prompt, a blank line before the matches and one before the hint, the hint.
    let fixed = 2 + 1 + 1 + 1 + 1 + u16::from(o.error.is_some()) * 2;
    let rows_room = usize::from(max_h.saturating_sub(fixed));
    if !o.candidates.is_empty() {
        lines.push(Line::from(""));
        lines.extend(columns(&o.candidates, o.more, inner_w, rows_room, theme));
    }
    if let Some(e) = &o.error {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            format!("error: {}", clean(e)),
            theme.fg(Color::Red),
        )));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "Tab completes · Enter opens · Esc cancels",
        theme.dim(),
    )));
    let wrapped: usize = lines
        .iter()
        .map(|l| {
            let w: usize = l.spans.iter().map(|s| text::width(&s.content)).sum();
            w.div_ceil(inner_w.max(1)).max(1)
        })
        .sum();
    let height = u16::try_from(wrapped + 2).unwrap_or(u16::MAX).min(max_h);
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height.saturating_sub(height)) / 3,
        width,
        height,
    };
    Clear.render(popup, buf);
    super::text_box(lines, " Open a file ", theme, popup, buf);
}

/// The matches in columns, as a shell lists them, in at most `rows` rows (the last says how
/// many more there are when they do not fit).
fn columns(
    names: &[String],
    more: usize,
    width: usize,
    rows: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let rows = rows.max(1);
    let col_w = names
        .iter()
        .map(|n| text::width(&clean(n)))
        .max()
        .unwrap_or(1)
        .min(width.saturating_sub(1).max(1))
        + 2;
    let cols = (width / col_w).max(1);
    let needed = names.len().div_ceil(cols);
    let (shown_rows, cut) = if needed > rows {
        (rows.saturating_sub(1), true)
    } else {
        (needed, false)
    };
    let fits = shown_rows * cols;
    let mut out: Vec<Line<'static>> = (0..shown_rows)
        .map(|r| {
            let mut cells = String::new();
            for n in (0..cols).filter_map(|c| names.get(c * shown_rows + r)) {
                let n = text::truncate(&clean(n), col_w - 2).into_owned();
                let pad = col_w.saturating_sub(text::width(&n));
                cells.push_str(&n);
                cells.push_str(&" ".repeat(pad));
            }
            Line::from(cells.trim_end().to_string())
        })
        .collect();
    let hidden = if cut {
        names.len().saturating_sub(fits) + more
    } else {
        more
    };
    if hidden > 0 {
        out.push(Line::from(Span::styled(
            format!("… and {hidden} more: type more of the name"),
            theme.dim(),
        )));
    }
    out
}
