//! The header parameters (panel 3): the same table and detail as the claims.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget};

use jwtscope::report::TokenReport;

use super::super::app::App;
use super::Theme;

pub(super) fn render(app: &App, theme: &Theme, t: &TokenReport, area: Rect, buf: &mut Buffer) {
    if t.header_params.is_empty() {
        Paragraph::new("This token has no JOSE header.").render(area, buf);
        return;
    }
    super::claims::render_fields(app, theme, area, buf);
}
