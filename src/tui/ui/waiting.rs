//! The screen before the first token arrives (`jwtscope imds` fetches in the background): what
//! is being fetched, with a spinner, or why the fetch failed.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Color;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use jwtscope::output::sanitize::clean;

use super::super::app::App;
use super::{SPINNER, Theme};

pub(super) fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let [title, body, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(5),
        Constraint::Length(1),
    ])
    .areas(area);
    Paragraph::new(super::title_line(app, theme, area.width)).render(title, buf);
    let mut lines = Vec::new();
    if let Some(line) = &app.fetching {
        lines.push(Line::from(Span::styled(
            format!("{} {}", SPINNER[app.spin % SPINNER.len()], clean(line)),
            theme.fg(Color::Cyan),
        )));
        lines.push(Line::from(""));
        lines.push(Line::from(
            "The token appears here when it arrives. q quits at once; p pastes one instead.",
        ));
    } else if let Some(e) = &app.fetch_error {
        lines.push(Line::from(Span::styled(
            format!("fetch failed: {}", clean(e)),
            theme.fg(Color::Red),
        )));
        lines.push(Line::from(""));
        lines.push(Line::from("R fetches again, p pastes a token, q quits."));
    }
    super::text_box(lines, " Fetching ", theme, body, buf);
    super::footer(app, theme, foot, buf);
}
