//! The raw JSON of header and payload (`r`).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use jwtscope::output::sanitize::clean;

use super::super::app::App;
use super::Theme;

pub(super) fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let height = usize::from(area.height);
    // Clamped again here: the terminal may have grown since the state clamped it.
    let first = app
        .raw_scroll
        .min(app.raw_lines.len().saturating_sub(height));
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
        .map(|l| super::text::truncate_line(l, usize::from(area.width)))
        .collect();
    Paragraph::new(lines).render(area, buf);
}
