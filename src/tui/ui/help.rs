//! The key help, drawn from the keymap table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use super::super::app::App;
use super::super::keymap::{Action, BINDINGS};
use super::Theme;

pub(super) fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let bindings: Vec<_> = BINDINGS
        .iter()
        .filter(|b| b.action != Action::Refetch || app.can_refetch)
        .collect();
    let label_w = bindings
        .iter()
        .map(|b| super::text::width(b.label))
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
