//! The header parameters (panel 3).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use jwtscope::output::sanitize::clean;
use jwtscope::output::text::value_line;
use jwtscope::report::TokenReport;

use super::super::app::{App, Panel};
use super::Theme;

/// The header on a narrow screen: each parameter with its value and meaning, then its
/// description on the next line (a header has a handful of parameters, so all fit).
fn render_narrow(app: &App, theme: &Theme, t: &TokenReport, area: Rect, buf: &mut Buffer) {
    let w = t
        .header_params
        .iter()
        .map(|f| super::text::width(&f.name))
        .max()
        .unwrap_or(3)
        .min(16);
    let mut lines = Vec::new();
    let width = usize::from(area.width.max(1));
    let rows = |text: &str| super::text::width(text).div_ceil(width).max(1);
    // Scroll so the selected parameter is on screen: count the wrapped rows before it.
    let mut before = 0;
    let mut selected_rows = 0;
    for (i, f) in t.header_params.iter().enumerate() {
        let n = rows(&format!("{:<w$}  {}", f.name, value_line(&f.value)))
            + f.description
                .map_or(0, |d| rows(&format!("{:<w$}  {d}", "")));
        if i < app.header_sel {
            before += n;
        } else if i == app.header_sel {
            selected_rows = n;
        }
    }
    let height = usize::from(area.height);
    let scroll = (before + selected_rows).saturating_sub(height).min(before);
    for (i, f) in t.header_params.iter().enumerate() {
        let mut value = value_line(&f.value);
        if let Some(m) = &f.meaning {
            value.push_str(&format!(" · {}", clean(m)));
        }
        let style = if i == app.header_sel && app.focus == Panel::Header {
            theme.selected()
        } else {
            Style::new()
        };
        lines.push(
            Line::from(vec![
                Span::styled(format!("{:<w$}  ", clean(&f.name)), theme.fg(Color::Cyan)),
                Span::raw(value),
            ])
            .style(style),
        );
        if let Some(d) = f.description {
            lines.push(Line::from(Span::styled(
                format!("{:<w$}  {d}", ""),
                theme.dim(),
            )));
        }
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
        .render(area, buf);
}

/// The header: a table with descriptions when there is room, else one parameter a line.
pub(super) fn render(app: &App, theme: &Theme, t: &TokenReport, area: Rect, buf: &mut Buffer) {
    if area.width < 110 {
        render_narrow(app, theme, t, area, buf);
        return;
    }
    super::claims::render_fields(
        theme,
        &t.header_params,
        app.header_sel,
        app.focus == Panel::Header,
        area,
        buf,
        |f| {
            let mut s = value_line(&f.value);
            if let Some(m) = &f.meaning {
                s.push_str(&format!(" · {}", clean(m)));
            }
            s
        },
    );
}
