//! The paste screen.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Color;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use jwtscope::output::sanitize::clean;

use super::super::app::App;
use super::{Theme, text};

pub(super) fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let [title, body, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(5),
        Constraint::Length(1),
    ])
    .areas(area);
    Paragraph::new(super::title_line(app, theme, area.width)).render(title, buf);
    let mut lines = vec![
        Line::from(Span::styled(
            "Paste a token, a JSON response, or any text containing one",
            theme.label(),
        )),
        Line::from(""),
        Line::from("A bare token, Bearer eyJ..., an Authorization: line, a URL with #id_token=,"),
        Line::from("the JSON that IMDS or az account get-access-token prints, a log: all work."),
        Line::from("Nothing leaves this machine."),
        Line::from(""),
    ];
    if !app.paste.buffer.is_empty() {
        let first: String = app
            .paste
            .buffer
            .lines()
            .next()
            .unwrap_or_default()
            .chars()
            .take(60)
            .collect();
        lines.push(Line::from(vec![
            Span::styled(
                format!("Received {} characters", app.paste.buffer.chars().count()),
                theme.fg(Color::Cyan),
            ),
            Span::styled(format!("  {}…", clean(&first)), theme.dim()),
        ]));
        lines.push(Line::from(Span::styled(
            "Decoding when the paste ends...",
            theme.dim(),
        )));
    }
    if let Some(e) = &app.paste.error {
        lines.push(Line::from(Span::styled(
            format!("error: {}", clean(e)),
            theme.fg(Color::Red),
        )));
    }
    super::text_box(lines, " Paste ", theme, body, buf);
    // Esc goes back to the token, or to the fetch that brings one (`jwtscope imds`).
    let back = if app.report.is_some() || app.can_refetch {
        "Esc back"
    } else {
        "Esc clear"
    };
    // The way out first: it must survive a narrow screen.
    let line = format!(
        " Ctrl-C quit · {back} · paste with your terminal (Ctrl-Shift-V, Cmd-V, right click)"
    );
    Paragraph::new(Line::from(Span::styled(
        text::truncate(&line, usize::from(foot.width)).into_owned(),
        theme.dim(),
    )))
    .render(foot, buf);
}
