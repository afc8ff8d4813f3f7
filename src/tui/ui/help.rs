//! The key help, drawn from the keymap table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::super::app::App;
use super::super::keymap::{Action, BINDINGS};
use super::{Theme, text};

/// Where the help goes at `area` and its rows wrapped to fit: as wide as its longest line
/// needs (up to the screen), as tall as the screen allows.
fn layout(app: &App, theme: &Theme, area: Rect) -> (Rect, Vec<Line<'static>>) {
    let bindings: Vec<_> = BINDINGS
        .iter()
        .filter(|b| b.action != Action::Refetch || app.can_refetch)
        .collect();
    let label_w = bindings
        .iter()
        .map(|b| text::width(b.label))
        .max()
        .unwrap_or(8);
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
    let mouse = if app.mouse {
        "the wheel scrolls what is under the pointer; a click picks a tab, a row or a token \
         (the selected row again: its detail). While jwtscope has the mouse, the terminal \
         cannot select text: Shift+drag selects in most terminals, and --no-mouse leaves the \
         mouse to the terminal."
    } else {
        "off (--no-mouse): the terminal selects text as usual."
    };
    lines.push(Line::from(vec![
        Span::styled(format!(" {:<label_w$}  ", "Mouse"), theme.label()),
        Span::raw(mouse),
    ]));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        " Esc or ? closes this help; j/k, PgDn/PgUp, g/G scroll it",
        theme.dim(),
    )));
    let longest = lines
        .iter()
        .map(|l| {
            l.spans
                .iter()
                .map(|s| text::width(&s.content))
                .sum::<usize>()
        })
        .max()
        .unwrap_or(40);
    let width = u16::try_from(longest + 3)
        .unwrap_or(u16::MAX)
        .min(area.width.saturating_sub(4));
    let inner_w = usize::from(width.saturating_sub(2));
    let rows: Vec<Line<'static>> = lines
        .iter()
        .flat_map(|l| text::wrap(l, inner_w, text::hang(l)))
        .collect();
    let height = u16::try_from(rows.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height.saturating_sub(2));
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    (popup, rows)
}

/// The help's visible rows and its row count at the screen size `area`: the state clamps
/// its scroll with them.
pub(super) fn metrics(app: &App, theme: &Theme, area: Rect) -> (usize, usize) {
    let (popup, rows) = layout(app, theme, area);
    (usize::from(popup.height.saturating_sub(2)), rows.len())
}

pub(super) fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let (popup, rows) = layout(app, theme, area);
    Clear.render(popup, buf);
    let height = usize::from(popup.height.saturating_sub(2));
    let first = app.help_scroll.min(rows.len().saturating_sub(height));
    let total = rows.len();
    let mut block = theme.focused_box(" Keys ");
    if total > height {
        block = block.title_bottom(format!(
            " rows {}-{} of {total} · j/k scroll ",
            first + 1,
            (first + height).min(total)
        ));
    }
    let shown: Vec<Line> = rows.into_iter().skip(first).take(height).collect();
    Paragraph::new(shown).block(block).render(popup, buf);
}
