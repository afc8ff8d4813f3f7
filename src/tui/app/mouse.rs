//! The mouse: the wheel scrolls the view under the pointer, a click selects a tab, a token of
//! the strip, a row of a table (a click on the selected row opens its detail, like Enter) or
//! a line of the overview. What is
//! under the pointer is the drawing side's to say ([`super::Geometry::hit`]).

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::{Action, App, Effect, Mode, Panel, Scroll};

/// Rows one notch of the wheel moves.
const NOTCH: isize = 3;

/// What is at a point of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// A panel's name in the body's title.
    Tab(Panel),
    /// A token in the token strip.
    Token(usize),
    /// Row `n` of the focused table (claims after filtering, or header parameters), or line
    /// `n` of the overview.
    Row(usize),
    /// The claim or parameter detail.
    Detail,
    /// Elsewhere in the body: the view it shows.
    Body,
    /// The help, over everything.
    Help,
}

impl App {
    /// Apply a mouse event.
    pub(super) fn mouse(&mut self, m: MouseEvent) -> Vec<Effect> {
        if !matches!(self.mode, Mode::Browse | Mode::Raw | Mode::Help { .. }) {
            return Vec::new();
        }
        let delta = match m.kind {
            MouseEventKind::ScrollDown => NOTCH,
            MouseEventKind::ScrollUp => -NOTCH,
            MouseEventKind::Down(MouseButton::Left) => 0,
            _ => return Vec::new(),
        };
        // Keys held back as a possible paste are keys after all: a person moved the mouse.
        let mut effects = self.flush_pending();
        if !matches!(self.mode, Mode::Browse | Mode::Raw | Mode::Help { .. }) {
            // One of them opened the filter or the paste screen.
            return effects;
        }
        self.flash = None;
        let Some(hit) = (self.geometry.hit)(self, self.size, m.column, m.row) else {
            return effects;
        };
        if delta == 0 {
            effects.extend(self.click(hit));
        } else {
            self.wheel(hit, delta);
        }
        effects
    }

    fn wheel(&mut self, hit: Hit, delta: isize) {
        match hit {
            Hit::Help => {
                let (height, rows) = (self.geometry.help_metrics)(self, self.size);
                self.help_scroll = self
                    .help_scroll
                    .saturating_add_signed(delta)
                    .min(rows.saturating_sub(height));
            }
            Hit::Detail => {
                self.detail_scroll = self.detail_scroll.saturating_add_signed(delta);
                self.clamp_detail();
            }
            Hit::Row(_) | Hit::Body => match self.focus {
                // The token scrolls; the others move their selection (and so their view).
                Panel::Token if !self.raw() => {
                    self.token_scroll = self
                        .token_scroll
                        .saturating_add_signed(delta)
                        .min(self.scroll_max(Scroll::Token));
                }
                _ => self.move_sel(delta),
            },
            Hit::Tab(_) | Hit::Token(_) => {}
        }
    }

    fn click(&mut self, hit: Hit) -> Vec<Effect> {
        if matches!(self.mode, Mode::Help { .. }) {
            return Vec::new();
        }
        match hit {
            Hit::Tab(p) => {
                return self.act(match p {
                    Panel::Summary => Action::FocusSummary,
                    Panel::Claims => Action::FocusClaims,
                    Panel::Header => Action::FocusHeader,
                    Panel::Token => Action::FocusToken,
                });
            }
            Hit::Token(i) => {
                if i != self.token && self.report.as_ref().is_some_and(|r| i < r.len()) {
                    self.show(i, false);
                }
            }
            Hit::Row(i) => {
                let sel = match self.focus {
                    Panel::Claims => self.claim_sel,
                    Panel::Header => self.header_sel,
                    Panel::Summary => {
                        // A line of the overview: selected, for `y`.
                        let delta = i as isize - self.summary_sel as isize;
                        self.move_overview(delta);
                        return Vec::new();
                    }
                    Panel::Token => return Vec::new(),
                };
                if i == sel {
                    // The selected row again: its detail, as Enter.
                    return self.act(Action::Detail);
                }
                self.move_sel(isize::try_from(i).unwrap_or(isize::MAX) - sel as isize);
            }
            Hit::Detail => self.detail_open = true,
            Hit::Body | Hit::Help => {}
        }
        Vec::new()
    }
}
