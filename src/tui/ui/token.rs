//! The encoded token (panel 4), coloured by segment.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use jwtscope::report::TokenReport;

use super::super::app::App;
use super::Theme;

/// The number of dots in `bytes`.
fn bytecount(bytes: &[u8]) -> usize {
    bytes.iter().fold(0, |n, b| n + usize::from(*b == b'.'))
}

/// The segments' colours, in order (a JWE has five segments).
const COLOURS: [Color; 5] = [
    Color::Red,
    Color::Magenta,
    Color::Cyan,
    Color::Yellow,
    Color::Green,
];

/// "header.payload.signature" in the segments' colours: the key to the coloured token.
pub(super) fn legend(theme: &Theme) -> Vec<Span<'static>> {
    vec![
        Span::raw(" "),
        Span::styled("header", theme.fg(COLOURS[0])),
        Span::raw("."),
        Span::styled("payload", theme.fg(COLOURS[1])),
        Span::raw("."),
        Span::styled("signature", theme.fg(COLOURS[2])),
        Span::raw(" "),
    ]
}

/// The encoded token, coloured by segment like jwt.io, wrapped by characters.
pub(super) fn render(app: &App, theme: &Theme, t: &TokenReport, area: Rect, buf: &mut Buffer) {
    let Some(token) = &t.token else {
        Paragraph::new("An opaque token is a secret that cannot be explained; it is not shown.")
            .wrap(Wrap { trim: false })
            .render(area, buf);
        return;
    };
    let colours = COLOURS;
    let width = usize::from(area.width.max(1));
    let height = usize::from(area.height);
    let total_lines = token.len().div_ceil(width);
    let first = app.token_scroll.min(total_lines.saturating_sub(1));
    // Segment index of every byte is found by counting dots before the window once.
    let start_byte = first * width;
    let mut segment = bytecount(&token.as_bytes()[..start_byte.min(token.len())]);
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
        // Straight into the buffer: the rows are already cut to the width, so a Paragraph's
        // line layout would only cost time (this view is the slowest to draw: every cell of
        // the body holds a character).
        let y = area.y + u16::try_from(l).unwrap_or(u16::MAX);
        buf.set_line(area.x, y, &Line::from(spans), area.width);
    }
}
