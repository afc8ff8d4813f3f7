//! The UI's state and how events change it. Pure: no terminal I/O here; side effects the
//! event loop must carry out (copying to the clipboard, fetching again) come back as
//! [`Effect`]s.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use serde_json::Value;

use jwtscope::encode::edit::Rebuilt;
use jwtscope::encode::editor::EditOutcome;
use jwtscope::pipeline;
use jwtscope::report::SignatureStatus;
use jwtscope::report::{Field, Report, Skipped, TokenReport};
use jwtscope::source::Source;
use jwtscope::token::{self, Token};
use jwtscope::verify::Verifier;
use jwtscope::verify::signing::SigningKey;

use super::keymap::{self, Action};
use super::open::{self, OpenBox};
use super::tokens::{Explained, TokenList};

mod mouse;
pub use mouse::Hit;

/// How long typed (unbracketed) paste input may pause before it is decoded.
pub const PASTE_IDLE: Duration = Duration::from_millis(300);

/// Printable keys closer together than this are a terminal typing a paste, not a person
/// (people manage one key in 30 ms at best, key repeat about the same).
pub const BURST_GAP: Duration = Duration::from_millis(8);

/// This many printable keys in a burst make a paste.
const BURST_LEN: usize = 3;

/// The panels that take focus, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    Summary,
    Claims,
    Header,
    Token,
}

impl Panel {
    const ALL: [Panel; 4] = [Panel::Summary, Panel::Claims, Panel::Header, Panel::Token];

    fn index(self) -> usize {
        Panel::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    /// The panel's name with its number key.
    pub fn title(self) -> &'static str {
        match self {
            Panel::Summary => "1 Overview",
            Panel::Claims => "2 Claims",
            Panel::Header => "3 Header",
            Panel::Token => "4 Token",
        }
    }
}

/// How times are shown in the claims table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeMode {
    Relative,
    Utc,
    Local,
    Raw,
}

impl TimeMode {
    fn next(self) -> Self {
        match self {
            TimeMode::Relative => TimeMode::Utc,
            TimeMode::Utc => TimeMode::Local,
            TimeMode::Local => TimeMode::Raw,
            TimeMode::Raw => TimeMode::Relative,
        }
    }

    /// The mode in words, for the panel title.
    pub fn word(self) -> &'static str {
        match self {
            TimeMode::Relative => "relative",
            TimeMode::Utc => "UTC",
            TimeMode::Local => "local",
            TimeMode::Raw => "raw",
        }
    }
}

/// The overview laid out at a width: its screen rows (wrapped with hanging indents), where
/// each line starts among them, and what `y` copies on each line.
pub struct OverviewPage {
    pub rows: Vec<ratatui::text::Line<'static>>,
    pub starts: Vec<usize>,
    pub copies: Vec<Option<(String, String)>>,
}

/// What the state needs to know about the layout, provided by the drawing side (the view
/// module's `GEOMETRY`) so that the state module does not depend on the view module.
pub struct Geometry {
    pub body_area: fn(&App, Rect) -> Rect,
    pub overview_page: fn(&App, u16) -> Option<OverviewPage>,
    pub detail_metrics: fn(&App, Rect) -> Option<(Rect, usize)>,
    pub detail_find: fn(&App, Rect, &str, usize) -> Option<usize>,
    pub help_metrics: fn(&App, Rect) -> (usize, usize),
    /// What is at a column and row of the screen (for the mouse).
    pub hit: fn(&App, Rect, u16, u16) -> Option<Hit>,
}

/// The views that scroll rather than select.
#[derive(Debug, Clone, Copy)]
enum Scroll {
    Raw,
    Token,
}

/// Something the event loop must do outside the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Fetch the input again (`jwtscope imds`).
    Refetch,
    /// Hand the terminal to the editor on this token, then call [`App::edit_done`].
    Edit,
}

/// What has the keyboard. One at a time, so the order the keys go in is the enum itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The panels.
    Browse,
    /// The raw JSON of header and payload in the body.
    Raw,
    /// Typing a claim filter.
    Filter,
    /// Typing a search inside the open claim detail.
    Search,
    /// The key help, over the panels or over the raw view.
    Help { over_raw: bool },
    /// The paste screen.
    Paste,
    /// Typing the duration `T` shifts the times by.
    Shift,
    /// Typing the path of a file to open (`o`).
    Open,
    /// Typing the number of the token to go to, or a text its origin holds (`:`).
    GoTo,
}

/// The paste screen's state.
#[derive(Debug, Clone, Default)]
pub struct PasteBox {
    /// Text typed so far (terminals without bracketed paste deliver a paste as keys).
    pub buffer: String,
    /// When the last character arrived.
    pub last_input: Option<Instant>,
    /// Why the last attempt did not decode.
    pub error: Option<String>,
}

/// Everything the UI shows.
#[allow(clippy::struct_excessive_bools)] // settings (frozen, color, can_refetch) and two flags; the modes are `Mode`
pub struct App {
    /// The input's tokens, explained when shown; `None` shows the paste screen.
    pub report: Option<TokenList>,
    /// The entry on screen, taken out of the list: its reports (a nested token is the second),
    /// or why it does not decode.
    shown: Explained,
    /// Which of the entry's reports is on screen.
    pub sub: usize,
    /// The entry on screen was edited (`e`, `T`): the list keeps it when another is shown.
    edited: bool,
    /// The instant times are shown against.
    pub now: DateTime<Utc>,
    /// `--now` was given: the clock does not move.
    pub frozen: bool,
    pub color: bool,
    /// Which entry of the list is shown.
    pub token: usize,
    pub focus: Panel,
    pub claim_sel: usize,
    pub header_sel: usize,
    /// The overview's selected line (what `y` copies there).
    pub summary_sel: usize,
    pub summary_scroll: usize,
    /// How far the help is scrolled.
    pub help_scroll: usize,
    pub token_scroll: usize,
    pub detail_open: bool,
    pub detail_scroll: usize,
    /// What `/` looks for inside the open detail.
    pub detail_search: String,
    pub filter: String,
    /// Indexes of the claims that pass `filter` (`None`: no filter), kept by `refilter`.
    filtered: Option<Vec<usize>>,
    pub time_mode: TimeMode,
    pub mode: Mode,
    pub raw_scroll: usize,
    /// The raw JSON lines of the current token, made when the raw view opens.
    pub raw_lines: Vec<String>,
    /// A one-line confirmation in the footer ("copied ..."), until the next key.
    pub flash: Option<String>,
    pub paste: PasteBox,
    pub can_refetch: bool,
    pub quit: bool,
    /// Printable keys held back for `BURST_GAP` in case more follow at once (a paste typed
    /// by a terminal without bracketed paste), with when the last arrived.
    pending: Vec<KeyEvent>,
    pending_at: Option<Instant>,
    /// A fetch (`R`) running in the background, and what it last said.
    pub fetching: Option<String>,
    /// Why the last fetch failed, while no token has arrived (the screen says it until the
    /// next fetch).
    pub fetch_error: Option<String>,
    /// Turns the fetch spinner.
    pub spin: usize,
    /// The layout, as the drawing side works it out.
    pub geometry: &'static Geometry,
    /// The largest paste accepted, in bytes (`--max-input-size`).
    pub max_paste: usize,
    /// The terminal's size, kept up to date by the event loop: pages and scroll limits are
    /// worked out from it, so the state never holds a position the screen cannot show.
    pub size: Rect,
    /// Verifies pasted input with the keys given on the command line.
    pub verifier: Option<std::sync::Arc<jwtscope::verify::Verifier>>,
    /// `--sign-key`/`--sign-secret-env`: edited tokens are signed again with it.
    pub signer: Option<std::sync::Arc<Signer>>,
    /// What is typed in the `T` prompt.
    pub shift_input: String,
    /// What `:` is given: a token's number or a text of its origin.
    pub goto_input: String,
    /// The `o` prompt, and the mode Esc goes back to from it.
    pub open: OpenBox,
    open_back: Mode,
    /// The home directory, for `~` in the `o` prompt.
    pub home: Option<std::path::PathBuf>,
    /// The open detail's row measures, kept between frames (see `RowCache`).
    pub detail_rows: super::cache::RowCache,
    /// The UI has the mouse (not `--no-mouse`): the help says how to select text then.
    pub mouse: bool,
}

/// The key edited tokens are signed with, and a verifier holding its public half (so the
/// rebuilt token shows `valid` when the signature checks out).
pub struct Signer {
    pub key: SigningKey,
    pub verifier: Verifier,
}

impl App {
    /// A UI for `report` (or the paste screen when `None`) at `now`.
    pub fn new(
        report: Option<Report>,
        now: DateTime<Utc>,
        frozen: bool,
        color: bool,
        geometry: &'static Geometry,
    ) -> Self {
        let mut app = App {
            mode: if report.is_none() {
                Mode::Paste
            } else {
                Mode::Browse
            },
            report: None,
            shown: Ok(Vec::new()),
            sub: 0,
            edited: false,
            now,
            frozen,
            color,
            token: 0,
            focus: Panel::Claims,
            claim_sel: 0,
            header_sel: 0,
            summary_sel: 0,
            summary_scroll: 0,
            help_scroll: 0,
            token_scroll: 0,
            detail_open: false,
            detail_scroll: 0,
            detail_search: String::new(),
            filter: String::new(),
            filtered: None,
            time_mode: TimeMode::Relative,
            raw_scroll: 0,
            raw_lines: Vec::new(),
            flash: None,
            paste: PasteBox::default(),
            can_refetch: false,
            quit: false,
            pending: Vec::new(),
            pending_at: None,
            max_paste: 64 << 20,
            geometry,
            fetching: None,
            fetch_error: None,
            spin: 0,
            size: Rect::new(0, 0, 80, 24),
            verifier: None,
            signer: None,
            shift_input: String::new(),
            goto_input: String::new(),
            open: OpenBox::default(),
            open_back: Mode::Browse,
            home: None,
            detail_rows: super::cache::RowCache::default(),
            mouse: false,
        };
        if let Some(r) = report {
            app.set_report(r);
            app.flash = None;
        }
        app
    }

    /// The body shows the raw JSON (also under the help).
    pub fn raw(&self) -> bool {
        matches!(self.mode, Mode::Raw | Mode::Help { over_raw: true })
    }

    /// The token on screen.
    pub fn current(&self) -> Option<&TokenReport> {
        self.report.as_ref()?;
        self.shown.as_ref().ok()?.get(self.sub)
    }

    /// Why the entry on screen does not decode, when it does not.
    pub fn skipped(&self) -> Option<&Skipped> {
        self.report.as_ref()?;
        self.shown.as_ref().err()
    }

    /// How many reports the entry on screen has (two when a token nests another).
    pub fn shown_reports(&self) -> usize {
        self.shown.as_ref().map_or(0, Vec::len)
    }

    /// The token strip's label of entry `i`, made by `make` (from the entry on screen, or
    /// one the list explains for it).
    pub fn label(&self, i: usize, make: &dyn Fn(&Explained) -> String) -> String {
        match &self.report {
            Some(_) if i == self.token => make(&self.shown),
            Some(list) => list.label(i, make),
            None => String::new(),
        }
    }

    /// Show entry `i` of the list (its first report, or its last when `last`).
    pub(super) fn show(&mut self, i: usize, last: bool) {
        let Some(list) = self.report.as_mut() else {
            return;
        };
        let old = std::mem::replace(&mut self.shown, Ok(Vec::new()));
        list.give_back(self.token, old, self.edited);
        self.shown = list.take(i);
        self.token = i;
        self.edited = false;
        self.sub = if last {
            self.shown_reports().saturating_sub(1)
        } else {
            0
        };
        // The row measures name arrays by address, and the reports just replaced may be gone.
        self.detail_rows.clear();
        self.reset_view();
    }

    /// `]` and `[`: the next or previous report, through nested ones, around the end.
    fn step_token(&mut self, forward: bool) {
        let n = self.report.as_ref().map_or(0, TokenList::len);
        let here = self.shown_reports();
        if forward && self.sub + 1 < here {
            self.sub += 1;
            self.reset_view();
        } else if !forward && self.sub > 0 {
            self.sub -= 1;
            self.reset_view();
        } else if n > 1 {
            let next = if forward {
                (self.token + 1) % n
            } else {
                (self.token + n - 1) % n
            };
            self.show(next, !forward);
        } else if here > 1 {
            // One entry holding a nested token: around its reports.
            self.sub = if forward { 0 } else { here - 1 };
            self.reset_view();
        }
    }

    /// The claims that pass the filter.
    pub fn visible_claims(&self) -> Vec<&Field> {
        let Some(t) = self.current() else {
            return Vec::new();
        };
        match &self.filtered {
            None => t.claims.iter().collect(),
            Some(idx) => idx.iter().filter_map(|i| t.claims.get(*i)).collect(),
        }
    }

    /// Recompute which claims pass the filter. Called when the filter or the token changes,
    /// never while drawing: matching a 5000-group array means searching its whole text.
    fn refilter(&mut self) {
        self.filtered = None;
        if self.filter.is_empty() {
            return;
        }
        let needle = self.filter.to_lowercase();
        let Some(t) = self.current() else {
            return;
        };
        let idx = t
            .claims
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                c.name.to_lowercase().contains(&needle)
                    || match &c.value {
                        Value::String(s) => s.to_lowercase().contains(&needle),
                        other => other.to_string().to_lowercase().contains(&needle),
                    }
            })
            .map(|(i, _)| i)
            .collect();
        self.filtered = Some(idx);
    }

    /// The selected claim, after filtering.
    pub fn selected_claim(&self) -> Option<&Field> {
        self.visible_claims().get(self.claim_sel).copied()
    }

    /// The selected row of the focused table (claims or header), whose detail shows.
    pub fn selected_field(&self) -> Option<&Field> {
        match self.focus {
            Panel::Claims => self.selected_claim(),
            Panel::Header => self.current()?.header_params.get(self.header_sel),
            Panel::Summary | Panel::Token => None,
        }
    }

    /// Shows panel `p`; the detail starts at its top.
    fn focus_on(&mut self, p: Panel) {
        if self.focus != p {
            self.focus = p;
            self.detail_scroll = 0;
            self.detail_search.clear();
        }
    }

    /// Replace the input with a new report (a fetch, a sign-in).
    pub fn set_report(&mut self, report: Report) {
        self.set_list(TokenList::from_report(report), 0);
    }

    /// Replace the input with the tokens of another, showing entry `first`.
    pub fn set_list(&mut self, mut list: TokenList, first: usize) {
        self.shown = if list.len() == 0 {
            Ok(Vec::new())
        } else {
            list.take(first)
        };
        self.report = Some(list);
        self.token = first;
        self.sub = 0;
        self.edited = false;
        self.detail_rows.clear();
        self.mode = Mode::Browse;
        self.paste = PasteBox::default();
        self.reset_view();
    }

    fn reset_view(&mut self) {
        self.claim_sel = 0;
        self.header_sel = 0;
        self.summary_sel = 0;
        self.summary_scroll = 0;
        self.token_scroll = 0;
        self.detail_open = false;
        self.detail_scroll = 0;
        self.detail_search.clear();
        self.filter.clear();
        if self.mode != Mode::Paste {
            self.mode = Mode::Browse;
        }
        self.raw_scroll = 0;
        self.raw_lines.clear();
        self.filtered = None;
    }

    /// Move the clock (not when frozen by `--now`).
    pub fn tick(&mut self, now: DateTime<Utc>) {
        if !self.frozen {
            self.now = now;
        }
    }

    /// When the loop should wake without an event: the next whole second for the countdown
    /// (none when the clock is frozen) or the end of a typed paste.
    pub fn wake_in(&self, clock: DateTime<Utc>, at: Instant) -> Duration {
        let mut wait = if self.frozen || self.mode == Mode::Paste {
            Duration::from_secs(1)
        } else {
            let nanos = u64::from(clock.timestamp_subsec_nanos());
            Duration::from_nanos(1_000_000_000 - nanos.min(999_999_999))
        };
        if let Some(last) = self.pending_at {
            let due = (last + BURST_GAP).saturating_duration_since(at);
            wait = wait.min(due.max(Duration::from_millis(1)));
        }
        if let Some(last) = self.paste.last_input
            && !self.paste.buffer.is_empty()
        {
            let due = (last + PASTE_IDLE).saturating_duration_since(at);
            wait = wait.min(due.max(Duration::from_millis(1)));
        }
        wait
    }

    /// What happens when input pauses: held-back keys that were no burst act as keys, and a
    /// typed paste is decoded once it has been idle long enough. Returns whether anything
    /// changed, and what the loop must do.
    pub fn idle(&mut self, at: Instant) -> (bool, Vec<Effect>) {
        let mut effects = Vec::new();
        let mut changed = false;
        if self
            .pending_at
            .is_some_and(|last| at.duration_since(last) >= BURST_GAP)
        {
            effects = self.flush_pending();
            changed = true;
        }
        changed |= self.paste_idle(at);
        (changed, effects)
    }

    /// Held-back keys that turned out to be typed by a person: act on them now.
    fn flush_pending(&mut self) -> Vec<Effect> {
        self.pending_at = None;
        let mut effects = Vec::new();
        for k in std::mem::take(&mut self.pending) {
            effects.extend(self.dispatch(&k, None));
        }
        effects
    }

    /// Decode typed paste input once it has been idle long enough. Returns whether anything
    /// changed.
    fn paste_idle(&mut self, at: Instant) -> bool {
        match self.paste.last_input {
            Some(last)
                if at.duration_since(last) >= PASTE_IDLE && !self.paste.buffer.is_empty() =>
            {
                self.paste.last_input = None;
                let text = std::mem::take(&mut self.paste.buffer);
                match self.decode(text.as_bytes()) {
                    Ok((list, first)) => self.set_list(list, first),
                    Err(e) => {
                        self.paste.error = Some(e.to_string());
                        self.paste.buffer = text;
                    }
                }
                true
            }
            _ => false,
        }
    }

    /// The tokens of pasted bytes, verified like the command line's input.
    fn decode(&self, bytes: &[u8]) -> Result<(TokenList, usize), pipeline::Error> {
        TokenList::find(
            bytes.to_vec(),
            Source::Paste,
            self.now,
            self.verifier.clone(),
        )
    }

    /// Why a paste of `len` bytes is refused, when it is larger than `--max-input-size`.
    fn too_large(&self, len: usize) -> Option<String> {
        (len > self.max_paste).then(|| {
            format!(
                "the paste is larger than the {}-byte input limit ({len} bytes or more); raise it with --max-input-size",
                self.max_paste
            )
        })
    }

    /// Decode pasted text, showing the error on the paste screen when it fails.
    pub fn accept_paste(&mut self, text: &str) {
        if let Some(e) = self.too_large(text.len()) {
            self.mode = Mode::Paste;
            self.paste = PasteBox {
                error: Some(e),
                ..PasteBox::default()
            };
            return;
        }
        match self.decode(text.as_bytes()) {
            Ok((list, first)) => self.set_list(list, first),
            Err(e) => {
                self.mode = Mode::Paste;
                self.paste.buffer.clear();
                self.paste.last_input = None;
                self.paste.error = Some(e.to_string());
            }
        }
    }

    /// "fetching from IMDS at http://...", from the current report's source.
    fn fetch_from(&self) -> String {
        match self.report.as_ref().map(|r| &r.source) {
            Some(Source::Fetch(info)) => format!("fetching from {info}"),
            Some(_) => "fetching the token again".to_string(),
            None => "fetching the token".to_string(),
        }
    }

    /// The UI opened before the first fetch: it runs in the background like `R`.
    pub fn fetch_first(&mut self) {
        self.can_refetch = true;
        self.mode = Mode::Browse;
        self.fetch_error = None;
        self.fetching = Some(self.fetch_from());
    }

    /// The background fetch said something (a retry wait).
    pub fn fetch_progress(&mut self, line: &str) {
        self.fetching = Some(format!("{} · {line}", self.fetch_from()));
    }

    /// The background fetch ended.
    pub fn fetch_done(&mut self, outcome: Result<Report, String>) {
        self.fetching = None;
        let again = self.report.is_some();
        match outcome {
            Ok(r) => {
                let mode = self.mode;
                self.set_report(r);
                self.fetch_error = None;
                if again {
                    self.flash = Some("fetched a new token".to_string());
                } else if mode == Mode::Paste {
                    // The first token arrived while the user was pasting: the paste goes on.
                    self.mode = mode;
                }
            }
            Err(e) if again => self.flash = Some(format!("fetch failed: {e}")),
            Err(e) => self.fetch_error = Some(e),
        }
    }

    /// Apply one terminal event. Returns what the loop must do outside the state.
    pub fn handle(&mut self, event: &Event, at: Instant) -> Vec<Effect> {
        match event {
            Event::Paste(text) if self.mode == Mode::Open => {
                // A path pasted into the prompt: its text, without line breaks.
                self.open
                    .input
                    .extend(text.chars().filter(|c| !c.is_control()));
                Vec::new()
            }
            Event::Paste(text)
                if matches!(
                    self.mode,
                    Mode::Filter | Mode::Search | Mode::Shift | Mode::GoTo
                ) =>
            {
                self.paste_into_prompt(text);
                Vec::new()
            }
            Event::Paste(text) => {
                self.accept_paste(text);
                Vec::new()
            }
            Event::Key(k) if k.kind == KeyEventKind::Press => self.key(k, at),
            Event::Mouse(m) => self.mouse(*m),
            Event::Resize(w, h) => {
                self.size = Rect::new(0, 0, *w, *h);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn key(&mut self, k: &KeyEvent, at: Instant) -> Vec<Effect> {
        self.flash = None;
        if matches!(self.mode, Mode::Browse | Mode::Raw | Mode::Help { .. }) {
            let mut effects = Vec::new();
            let late = self
                .pending_at
                .is_some_and(|last| at.saturating_duration_since(last) > BURST_GAP);
            let printable = matches!(k.code, KeyCode::Char(_))
                && (k.modifiers - KeyModifiers::SHIFT).is_empty();
            if late || (!printable && !self.pending.is_empty()) {
                effects = self.flush_pending();
                if !matches!(self.mode, Mode::Browse | Mode::Raw | Mode::Help { .. }) {
                    // A held-back key opened the filter or the paste screen: this key is its.
                    effects.extend(self.dispatch(k, Some(at)));
                    return effects;
                }
            }
            if printable && !self.quit {
                // Held back: if more printable keys follow within BURST_GAP, this is a paste
                // typed by the terminal (a `q` in it must not quit, nor a `y` copy).
                self.pending.push(*k);
                self.pending_at = Some(at);
                if self.pending.len() >= BURST_LEN {
                    let text: String = self
                        .pending
                        .drain(..)
                        .filter_map(|k| match k.code {
                            KeyCode::Char(c) => Some(c),
                            _ => None,
                        })
                        .collect();
                    self.pending_at = None;
                    self.mode = Mode::Paste;
                    self.paste = PasteBox {
                        buffer: text,
                        last_input: Some(at),
                        error: None,
                    };
                }
                return effects;
            }
            if self.quit {
                return effects;
            }
            effects.extend(self.dispatch(k, Some(at)));
            return effects;
        }
        self.dispatch(k, Some(at))
    }

    /// Hands a key to the mode that has the keyboard.
    fn dispatch(&mut self, k: &KeyEvent, at: Option<Instant>) -> Vec<Effect> {
        let at = at.unwrap_or_else(Instant::now);
        match self.mode {
            Mode::Paste => self.paste_key(k, at),
            Mode::Filter => self.filter_key(k),
            Mode::Search => self.search_key(k),
            Mode::Shift => self.shift_key(k),
            Mode::GoTo => self.goto_key(k),
            Mode::Open => self.open_key(k),
            Mode::Help { over_raw } => {
                // The help scrolls with the moving keys; Esc and ? close it; q quits.
                let (height, rows) = (self.geometry.help_metrics)(self, self.size);
                let max = rows.saturating_sub(height);
                let page = isize::try_from(height.max(1)).unwrap_or(10);
                let delta = match keymap::action_for(k) {
                    Some(Action::Quit) => {
                        self.quit = true;
                        return Vec::new();
                    }
                    Some(Action::Back | Action::Help) => {
                        self.mode = if over_raw { Mode::Raw } else { Mode::Browse };
                        return Vec::new();
                    }
                    Some(Action::Down) => 1,
                    Some(Action::Up) => -1,
                    Some(Action::PageDown) => page,
                    Some(Action::PageUp) => -page,
                    Some(Action::Home) => isize::MIN / 2,
                    Some(Action::End) => isize::MAX / 2,
                    _ => {
                        self.flash = Some("Esc or ? closes the help".to_string());
                        0
                    }
                };
                self.help_scroll = self.help_scroll.saturating_add_signed(delta).min(max);
            }
            Mode::Browse | Mode::Raw => {
                if let Some(action) = keymap::action_for(k) {
                    return self.act(action);
                }
            }
        }
        Vec::new()
    }

    fn paste_key(&mut self, k: &KeyEvent, at: Instant) {
        match k.code {
            KeyCode::Char(_) | KeyCode::Enter if self.paste.buffer.len() >= self.max_paste => {
                // Typed past the limit: the rest is dropped, and the paste refused.
                self.paste.error = self.too_large(self.paste.buffer.len() + 1);
                self.paste.last_input = None;
            }
            KeyCode::Esc => {
                // Esc never quits, here either: it drops what was pasted or typed, and goes
                // back to the token shown before (`p`, or a paste that did not decode) or to
                // the fetch that brings one, as the footer's "Esc back" says.
                self.paste = PasteBox::default();
                if self.report.is_some() || self.can_refetch {
                    self.mode = Mode::Browse;
                }
            }
            KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => self.quit = true,
            KeyCode::Enter => {
                // A paste that arrives as keys carries its line breaks as Enter: they are
                // text. Decoding waits until the input pauses (see `paste_idle`), so half a
                // JSON document is never decoded while the rest is still arriving.
                self.paste.buffer.push('\n');
                self.paste.last_input = Some(at);
            }
            KeyCode::Backspace => {
                self.paste.buffer.pop();
            }
            KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) => {
                self.paste.buffer.push(c);
                self.paste.last_input = Some(at);
                self.paste.error = None;
            }
            KeyCode::Tab => self.paste.buffer.push('\t'),
            _ => {}
        }
    }

    fn filter_key(&mut self, k: &KeyEvent) {
        match k.code {
            KeyCode::Esc => {
                self.filter.clear();
                self.mode = Mode::Browse;
            }
            KeyCode::Enter => self.mode = Mode::Browse,
            KeyCode::Backspace => {
                self.filter.pop();
            }
            KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => self.quit = true,
            KeyCode::Char(c) => self.filter.push(c),
            _ => {}
        }
        self.filter_changed();
    }

    /// The claims again for a changed filter, from the first.
    fn filter_changed(&mut self) {
        self.refilter();
        self.claim_sel = 0;
        self.detail_scroll = 0;
        // A detail on screen (docked on a wide terminal) shows the match.
        self.find_in_detail(0);
    }

    /// A paste while a prompt is open goes into it, as typed (line breaks and other control
    /// characters left out, at most [`PROMPT_PASTE`] characters): a group's GUID into the
    /// filter or the detail's search, a time into `T`, an origin into `:`.
    fn paste_into_prompt(&mut self, text: &str) {
        let pasted: String = text
            .chars()
            .filter(|c| !c.is_control())
            .take(PROMPT_PASTE)
            .collect();
        // The one-line prompts keep their typed limit: a character goes in while they are
        // shorter than it.
        let bounded = |input: &mut String, max: usize| {
            for c in pasted.chars() {
                if input.len() >= max {
                    break;
                }
                input.push(c);
            }
        };
        match self.mode {
            Mode::Filter => {
                self.filter.push_str(&pasted);
                self.filter_changed();
            }
            Mode::Search => {
                self.detail_search.push_str(&pasted);
                self.find_in_detail(0);
            }
            Mode::Shift => bounded(&mut self.shift_input, SHIFT_MAX),
            Mode::GoTo => bounded(&mut self.goto_input, GOTO_MAX),
            _ => {}
        }
    }

    /// The furthest the raw view or the token can scroll: the last row at the bottom.
    fn scroll_max(&self, what: Scroll) -> usize {
        let body = (self.geometry.body_area)(self, self.size);
        let height = usize::from(body.height);
        let rows = match what {
            Scroll::Raw => self.raw_lines.len(),
            Scroll::Token => self
                .current()
                .and_then(|t| t.token.as_ref())
                .map_or(0, |t| t.len().div_ceil(usize::from(body.width.max(1)))),
        };
        rows.saturating_sub(height)
    }

    /// Rows a page key moves: the rows the focused view shows.
    fn page(&self) -> usize {
        let body = usize::from((self.geometry.body_area)(self, self.size).height);
        let table = !self.raw() && matches!(self.focus, Panel::Claims | Panel::Header);
        // A table's header row, and the filter bar above the claims.
        let chrome = usize::from(table)
            + usize::from(self.focus == Panel::Claims && !self.filter.is_empty() && table);
        body.saturating_sub(chrome).max(1)
    }

    fn search_key(&mut self, k: &KeyEvent) {
        match k.code {
            KeyCode::Esc => {
                self.detail_search.clear();
                self.mode = Mode::Browse;
            }
            KeyCode::Enter => self.mode = Mode::Browse,
            KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => self.quit = true,
            KeyCode::Down | KeyCode::Tab => self.find_in_detail(self.detail_scroll + 1),
            KeyCode::Backspace => {
                self.detail_search.pop();
                self.find_in_detail(0);
            }
            KeyCode::Char(c) => {
                self.detail_search.push(c);
                self.find_in_detail(0);
            }
            _ => {}
        }
    }

    /// Scrolls the open detail to the first row at or after `from` that holds the search (or,
    /// without one, the filter).
    fn find_in_detail(&mut self, from: usize) {
        let needle = if self.detail_search.is_empty() {
            self.filter.clone()
        } else {
            self.detail_search.clone()
        };
        if let Some(row) = (self.geometry.detail_find)(self, self.size, &needle, from) {
            self.detail_scroll = row;
            self.clamp_detail();
        } else if self.mode == Mode::Search && !needle.is_empty() {
            // Said, or a search that finds nothing looks like one that did not run.
            self.flash = Some(format!(
                "nothing in this detail matches \"{needle}\" · Backspace edits · Esc clears"
            ));
        }
    }

    /// The detail is open on screen (and so takes the paging keys).
    fn in_detail(&self) -> bool {
        self.detail_open && matches!(self.focus, Panel::Claims | Panel::Header) && !self.raw()
    }

    /// Keeps the detail's scroll where its last row is at the bottom or above.
    fn clamp_detail(&mut self) {
        if let Some((inner, rows)) = (self.geometry.detail_metrics)(self, self.size) {
            let max = rows.saturating_sub(usize::from(inner.height));
            self.detail_scroll = self.detail_scroll.min(max);
        }
    }

    fn move_sel(&mut self, delta: isize) {
        let step = |v: usize, len: usize| -> usize {
            if len == 0 {
                return 0;
            }
            v.saturating_add_signed(delta).min(len - 1)
        };
        if self.raw() && matches!(self.focus, Panel::Claims | Panel::Header) {
            self.raw_scroll = self
                .raw_scroll
                .saturating_add_signed(delta)
                .min(self.scroll_max(Scroll::Raw));
            return;
        }
        match self.focus {
            Panel::Summary => self.move_overview(delta),
            Panel::Claims => {
                // A search kept in the open detail: Down goes to its next match, as it did
                // while the search was typed (README: "↓ next match").
                if delta == 1 && self.in_detail() && !self.detail_search.is_empty() {
                    self.find_in_detail(self.detail_scroll + 1);
                    return;
                }
                let len = self.visible_claims().len();
                let sel = step(self.claim_sel, len);
                // At the first or last row the detail stays where it was scrolled to.
                if sel != self.claim_sel {
                    self.claim_sel = sel;
                    self.detail_scroll = 0;
                    self.detail_search.clear();
                    if !self.filter.is_empty() {
                        self.find_in_detail(0);
                    }
                }
            }
            Panel::Header => {
                let len = self.current().map_or(0, |t| t.header_params.len());
                let sel = step(self.header_sel, len);
                if sel != self.header_sel {
                    self.header_sel = sel;
                    self.detail_scroll = 0;
                    self.detail_search.clear();
                }
            }
            Panel::Token => {
                self.token_scroll = self
                    .token_scroll
                    .saturating_add_signed(delta)
                    .min(self.scroll_max(Scroll::Token));
            }
        }
    }

    /// Moves the overview's selection by `delta` lines and scrolls so it is on screen; at the
    /// last line the page is scrolled to its end.
    fn move_overview(&mut self, delta: isize) {
        let body = (self.geometry.body_area)(self, self.size);
        let Some(page) = (self.geometry.overview_page)(self, body.width) else {
            return;
        };
        let last = page.starts.len().saturating_sub(1);
        self.summary_sel = self.summary_sel.saturating_add_signed(delta).min(last);
        let height = usize::from(body.height);
        let max = page.rows.len().saturating_sub(height);
        let start = page.starts.get(self.summary_sel).copied().unwrap_or(0);
        let end = page
            .starts
            .get(self.summary_sel + 1)
            .copied()
            .unwrap_or(page.rows.len());
        if self.summary_sel == last {
            self.summary_scroll = max;
        } else if start < self.summary_scroll {
            self.summary_scroll = start;
        } else if end > self.summary_scroll + height {
            self.summary_scroll = end.saturating_sub(height).min(start);
        }
        self.summary_scroll = self.summary_scroll.min(max);
    }

    fn page_by(&mut self, sign: isize) {
        if self.in_detail() {
            // Exactly the rows the detail shows: nothing skipped, nothing repeated.
            let page = (self.geometry.detail_metrics)(self, self.size)
                .map_or(1, |(inner, _)| usize::from(inner.height).max(1));
            let page = isize::try_from(page).unwrap_or(10);
            self.detail_scroll = self.detail_scroll.saturating_add_signed(sign * page);
            self.clamp_detail();
        } else {
            let page = isize::try_from(self.page()).unwrap_or(10);
            self.move_sel(sign * page);
        }
    }

    fn act(&mut self, action: Action) -> Vec<Effect> {
        let waiting = !matches!(
            action,
            Action::Quit
                | Action::Back
                | Action::Paste
                | Action::Open
                | Action::Refetch
                | Action::Help
        );
        if self.report.is_none() && waiting {
            // Waiting for the first fetch: there is no token to act on yet.
            self.flash = Some(match &self.fetching {
                Some(_) => "no token yet: it appears when the fetch ends".to_string(),
                None => "no token: R fetches again, p pastes one".to_string(),
            });
            return Vec::new();
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Back => {
                // Esc closes what is open, innermost first, and never quits: a user who
                // presses it once too often must not lose the screen.
                if self.in_detail() && !self.detail_search.is_empty() {
                    self.detail_search.clear();
                } else if self.detail_open {
                    self.detail_open = false;
                } else if self.mode == Mode::Raw {
                    self.mode = Mode::Browse;
                } else if !self.filter.is_empty() {
                    self.filter.clear();
                    self.refilter();
                } else {
                    self.flash = Some("nothing to close: q quits".to_string());
                }
            }
            Action::NextPanel => self.focus_on(Panel::ALL[(self.focus.index() + 1) % 4]),
            Action::PrevPanel => self.focus_on(Panel::ALL[(self.focus.index() + 3) % 4]),
            Action::FocusSummary => self.focus_on(Panel::Summary),
            Action::FocusClaims => self.focus_on(Panel::Claims),
            Action::FocusHeader => self.focus_on(Panel::Header),
            Action::FocusToken => self.focus_on(Panel::Token),
            Action::Down => self.move_sel(1),
            Action::Up => self.move_sel(-1),
            Action::PageDown => self.page_by(1),
            Action::PageUp => self.page_by(-1),
            Action::Home if self.in_detail() => self.detail_scroll = 0,
            Action::End if self.in_detail() => {
                self.detail_scroll = usize::MAX;
                self.clamp_detail();
            }
            Action::Home => self.move_sel(isize::MIN / 2),
            Action::End => self.move_sel(isize::MAX / 2),
            Action::Detail => {
                if matches!(self.focus, Panel::Claims | Panel::Header) && !self.raw() {
                    self.detail_open = !self.detail_open;
                } else {
                    self.focus = Panel::Claims;
                    self.mode = Mode::Browse;
                    self.detail_open = true;
                }
                self.detail_scroll = 0;
                self.detail_search.clear();
                // Opened from a filter: at the first match, not at the top.
                if self.detail_open && !self.filter.is_empty() {
                    self.find_in_detail(0);
                }
            }
            Action::Filter if self.in_detail() => {
                self.detail_search.clear();
                self.mode = Mode::Search;
            }
            Action::Filter => {
                self.focus = Panel::Claims;
                self.mode = Mode::Filter;
            }
            Action::CycleTime => self.time_mode = self.time_mode.next(),
            Action::ToggleRaw => {
                self.mode = if self.mode == Mode::Raw {
                    Mode::Browse
                } else {
                    Mode::Raw
                };
                self.raw_scroll = 0;
                if self.mode == Mode::Raw {
                    self.raw_lines = self.current().map(raw_json_lines).unwrap_or_default();
                    if self.focus != Panel::Header {
                        self.focus = Panel::Claims;
                    }
                }
            }
            Action::CopyValue => return self.copy_value(),
            Action::CopyToken => {
                if let Some(token) = self.current().and_then(|t| t.token.clone()) {
                    self.flash = Some(sent("the whole token", &token));
                    return vec![Effect::Copy(token)];
                }
                self.flash = Some("this token has no compact form to copy".to_string());
            }
            Action::Edit => match self.editable() {
                Ok(_) => return vec![Effect::Edit],
                Err(e) => self.flash = Some(e),
            },
            Action::ShiftTimes => match self.editable() {
                Ok(_) => {
                    self.shift_input.clear();
                    self.mode = Mode::Shift;
                }
                Err(e) => self.flash = Some(e),
            },
            Action::GoToToken => {
                self.goto_input.clear();
                self.mode = Mode::GoTo;
            }
            Action::Paste => {
                self.mode = Mode::Paste;
                self.paste = PasteBox::default();
            }
            Action::Open => {
                self.open = OpenBox::default();
                self.open_back = self.mode;
                self.mode = Mode::Open;
            }
            Action::NextToken => self.step_token(true),
            Action::PrevToken => self.step_token(false),
            Action::Refetch => {
                if self.fetching.is_some() {
                    self.flash = Some("already fetching; the token appears when it arrives".into());
                } else if self.can_refetch {
                    self.fetch_error = None;
                    self.fetching = Some(self.fetch_from());
                    return vec![Effect::Refetch];
                }
            }
            Action::Help => {
                self.help_scroll = 0;
                self.mode = Mode::Help {
                    over_raw: self.mode == Mode::Raw,
                };
            }
        }
        Vec::new()
    }

    /// The token on screen, decoded again for editing, or why it cannot be edited.
    pub fn editable(&self) -> Result<Token, String> {
        let Some(t) = self.current() else {
            return Err("no token to edit".to_string());
        };
        let Some(compact) = &t.token else {
            return Err("this token has no compact form to edit".to_string());
        };
        token::decode(compact).map_err(|e| format!("cannot edit this token: {e}"))
    }

    fn open_key(&mut self, k: &KeyEvent) {
        match k.code {
            KeyCode::Esc => {
                self.open = OpenBox::default();
                self.mode = self.open_back;
            }
            KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => self.quit = true,
            KeyCode::Tab => {
                let c = open::complete(&self.open.input, self.home.as_deref());
                self.open = OpenBox {
                    input: c.input,
                    candidates: c.candidates,
                    more: c.more,
                    error: c.note,
                };
            }
            KeyCode::Backspace => {
                self.open.input.pop();
                self.open.error = None;
            }
            KeyCode::Enter => self.open_file(),
            // A path is at most a few thousand bytes (PATH_MAX is 4096).
            KeyCode::Char(c)
                if !k.modifiers.contains(KeyModifiers::CONTROL) && self.open.input.len() < 4096 =>
            {
                self.open.input.push(c);
                self.open.candidates.clear();
                self.open.more = 0;
                self.open.error = None;
            }
            _ => {}
        }
    }

    /// Open the file the prompt names, as the command line opens a file: the same size limit
    /// (`--max-input-size`), the same reading, the same errors (shown in the prompt).
    fn open_file(&mut self) {
        if self.open.input.is_empty() {
            self.open.error = Some("type a path (Tab completes it)".to_string());
            return;
        }
        let path = open::expand(&self.open.input, self.home.as_deref());
        if let Some(kind) = open::would_block(&path) {
            // Opening a FIFO waits for a writer: the UI would freeze, keys and all.
            self.open.error = Some(format!(
                "{} is {kind}: reading it could wait forever; give it on the command line (jwtscope - < {})",
                path.display(),
                path.display()
            ));
            return;
        }
        let limit = u64::try_from(self.max_paste).unwrap_or(u64::MAX);
        let opened = jwtscope::source::read_file(&path, limit)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                let source = Source::File { path: path.clone() };
                TokenList::find(bytes, source, self.now, self.verifier.clone())
                    .map_err(|e| e.to_string())
            });
        match opened {
            Ok((list, first)) => {
                self.open = OpenBox::default();
                self.set_list(list, first);
                self.flash = Some(format!("opened {}", path.display()));
            }
            Err(e) => {
                self.open.candidates.clear();
                self.open.error = Some(e);
            }
        }
    }

    fn shift_key(&mut self, k: &KeyEvent) {
        let Some(shift) = self.one_line_prompt(k, Prompt::Shift, SHIFT_MAX) else {
            return;
        };
        let key = self.signer.as_ref().map(|s| &s.key);
        let outcome = self
            .editable()
            .and_then(|t| jwtscope::encode::edit::shift_times(&t, shift.trim(), key));
        match outcome {
            Ok((rebuilt, names)) => {
                let what = format!("shifted {} by {}", names.join(", "), shift.trim());
                self.apply_rebuilt(&rebuilt, &what);
            }
            Err(e) => self.flash = Some(format!("times not shifted: {e}")),
        }
    }

    fn goto_key(&mut self, k: &KeyEvent) {
        if let Some(asked) = self.one_line_prompt(k, Prompt::GoTo, GOTO_MAX) {
            self.go_to(asked.trim());
        }
    }

    /// A key typed into a one-line prompt (`T`, `:`): Esc cancels, Ctrl-C quits, Backspace
    /// deletes, a character is added while the text is shorter than `max` bytes. Enter returns
    /// the text, back in the panels.
    fn one_line_prompt(&mut self, k: &KeyEvent, which: Prompt, max: usize) -> Option<String> {
        let input = match which {
            Prompt::Shift => &mut self.shift_input,
            Prompt::GoTo => &mut self.goto_input,
        };
        match k.code {
            KeyCode::Esc => {
                input.clear();
                self.mode = Mode::Browse;
            }
            KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => self.quit = true,
            KeyCode::Backspace => {
                input.pop();
            }
            KeyCode::Enter => {
                let text = std::mem::take(input);
                self.mode = Mode::Browse;
                return Some(text);
            }
            KeyCode::Char(c) if input.len() < max => input.push(c),
            _ => {}
        }
        None
    }

    /// `:` ended with Enter: token `asked` (counted from 1), or the next one after this whose
    /// origin holds `asked` (case aside), around the end.
    fn go_to(&mut self, asked: &str) {
        let n = self.report.as_ref().map_or(0, TokenList::len);
        if asked.is_empty() || n == 0 {
            return;
        }
        if let Ok(number) = asked.parse::<usize>() {
            if (1..=n).contains(&number) {
                self.show(number - 1, false);
                self.flash = Some(format!("token {number} of {n}"));
            } else {
                self.flash = Some(format!("no token {number}: there are {n}"));
            }
            return;
        }
        // Whole words first ("line 4" is line 4, not line 40000), then any part of a word.
        let wanted = asked.to_lowercase();
        let find = |whole: bool| {
            self.report.as_ref().and_then(|list| {
                (1..=n)
                    .map(|step| (self.token + step) % n)
                    .find(|&i| holds(&list.origin(i).to_lowercase(), &wanted, whole))
            })
        };
        let found = find(true).or_else(|| find(false));
        match found {
            Some(i) => {
                self.show(i, false);
                self.flash = Some(format!("token {} of {n}: {asked:?} in its origin", i + 1));
            }
            None => self.flash = Some(format!("no token's origin holds {asked:?}")),
        }
    }

    /// The editor (`e`) ended: show the rebuilt token, or why nothing changed.
    pub fn edit_done(&mut self, outcome: Result<EditOutcome, String>) {
        match outcome {
            Ok(EditOutcome::Rebuilt(r)) => self.apply_rebuilt(&r, "edited"),
            Ok(EditOutcome::Unchanged) => self.flash = Some("not changed".to_string()),
            Ok(EditOutcome::Cancelled(why)) => self.flash = Some(why),
            Err(e) => self.flash = Some(format!("not edited: {e}")),
        }
    }

    /// Replace the token on screen by `rebuilt`, through the pipeline like any input: signed
    /// again, it is verified with the signing key; else its verification is `invalid`.
    pub fn apply_rebuilt(&mut self, rebuilt: &Rebuilt, what: &str) {
        let verifier = match (&self.signer, rebuilt.signed) {
            (Some(s), true) => Some(&s.verifier),
            _ => self.verifier.as_deref(),
        };
        let built = pipeline::build_verified(
            rebuilt.token.clone().into_bytes(),
            Source::Paste,
            self.now,
            verifier,
        );
        let mut new = match built.map(|r| r.tokens.into_iter().next()) {
            Ok(Some(t)) => t,
            Ok(None) => {
                self.flash = Some(format!("{what}, but the new token does not decode"));
                return;
            }
            Err(e) => {
                self.flash = Some(format!("{what}, but the new token does not decode: {e}"));
                return;
            }
        };
        let sub = self.sub;
        let Some(slot) = self.shown.as_mut().ok().and_then(|r| r.get_mut(sub)) else {
            return;
        };
        new.origin.clone_from(&slot.origin);
        let note = if rebuilt.signed && !new.verification.notes.is_empty() {
            // A short secret, a small RSA key: the Overview's Verification says which.
            format!("{what}: signed again, with a weak key (1 Overview says why)")
        } else if rebuilt.signed {
            format!("{what}: signed again")
        } else {
            new.verification.status = SignatureStatus::Invalid;
            new.verification.reason = Some(NOT_RECOMPUTED.into());
            format!("{what}: signature not recomputed")
        };
        *slot = new;
        self.edited = true;
        self.refilter();
        let claims = self.visible_claims().len();
        self.claim_sel = self.claim_sel.min(claims.saturating_sub(1));
        let params = self.current().map_or(0, |t| t.header_params.len());
        self.header_sel = self.header_sel.min(params.saturating_sub(1));
        self.detail_scroll = 0;
        if self.raw() {
            self.raw_lines = self.current().map(raw_json_lines).unwrap_or_default();
            self.raw_scroll = 0;
        }
        self.flash = Some(format!("{note} · Y copies the new token"));
    }

    /// What `y` copies in the view on screen: the overview's selected line, the selected
    /// claim or header parameter, the token, or in the raw view the whole decoded JSON.
    fn copy_value(&mut self) -> Vec<Effect> {
        let picked = if self.raw() {
            self.current().map(|t| {
                (
                    "the decoded header and payload".to_string(),
                    raw_json_lines(t).join("\n"),
                )
            })
        } else {
            match self.focus {
                Panel::Summary => {
                    let width = (self.geometry.body_area)(self, self.size).width;
                    (self.geometry.overview_page)(self, width)
                        .and_then(|p| p.copies.into_iter().nth(self.summary_sel).flatten())
                }
                Panel::Header => self
                    .current()
                    .and_then(|t| t.header_params.get(self.header_sel))
                    .map(|f| (f.name.clone(), plain(&f.value))),
                Panel::Token => self
                    .current()
                    .and_then(|t| t.token.clone())
                    .map(|t| ("the token".to_string(), t)),
                Panel::Claims => self
                    .selected_claim()
                    .map(|f| (f.name.clone(), plain(&f.value))),
            }
        };
        if let Some((name, text)) = picked {
            self.flash = Some(sent(&name, &text));
            vec![Effect::Copy(text)]
        } else {
            self.flash = Some("nothing to copy here".to_string());
            Vec::new()
        }
    }
}

/// The verification reason of an edited token that was not signed again.
pub const NOT_RECOMPUTED: &str = "edited: signature not recomputed";

/// The footer's note for a copy: the terminal may ignore OSC 52, so it says what was sent,
/// not that it arrived.
fn sent(name: &str, text: &str) -> String {
    format!(
        "sent {name} ({} characters) to the clipboard (OSC 52)",
        text.chars().count()
    )
}

/// A value as a person would paste it: strings bare, everything else as JSON.
pub fn plain(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Pretty JSON of a token's header and payload, one string per line.
pub fn raw_json_lines(t: &TokenReport) -> Vec<String> {
    let doc = serde_json::json!({"header": t.header, "payload": t.payload_json()});
    serde_json::to_string_pretty(&doc)
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect()
}

/// Characters a paste gives a prompt at most.
const PROMPT_PASTE: usize = 256;
/// Bytes the `T` prompt holds.
const SHIFT_MAX: usize = 64;
/// Bytes the `:` prompt holds.
const GOTO_MAX: usize = 256;

/// The one-line prompts, for [`App::one_line_prompt`].
#[derive(Clone, Copy)]
enum Prompt {
    Shift,
    GoTo,
}

/// A key press event, for tests and for feeding typed text.
#[cfg(test)]
pub fn press(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Whether `text` holds `part`; with `whole`, not inside a longer word or number (neither
/// side next to a letter or digit).
fn holds(text: &str, part: &str, whole: bool) -> bool {
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(part).any(|(at, _)| {
        !whole
            || !(alnum(text[..at].chars().next_back())
                || alnum(text[at + part.len()..].chars().next()))
    })
}
