//! The terminal UI: the event loop and the terminal's set-up and restoration. State and its
//! updates live in [`app`], drawing in [`ui`], the keys in [`keymap`].
//!
//! The loop blocks on terminal events; it wakes once a second for the expiry countdown (not
//! at all for decoding: a token is explained once, when it is first shown, see [`tokens`])
//! and checks for SIGTERM/SIGHUP then.

pub mod app;
mod cache;
pub mod keymap;
mod open;
mod tokens;
pub mod ui;

use std::io::{self, Write as _};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use chrono::{DateTime, SubsecRound as _, Utc};
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use crossterm::execute;

use jwtscope::report::Report;

pub use app::App;
pub use tokens::TokenList;

/// Fetches the input again (the `R` key of `jwtscope imds`); it reports each wait through the
/// callback, which shows it in the footer.
pub type Refetch = Box<dyn FnMut(&mut dyn FnMut(String)) -> Result<Report, String> + Send>;

/// What the fetching thread tells the loop.
enum Fetched {
    /// A line about the fetch (a retry wait).
    Progress(String),
    /// The outcome, and the fetcher back for the next `R`.
    Done(Box<Result<Report, String>>, Refetch),
}

/// How to run the UI.
pub struct Options {
    /// `--now`: the clock is frozen at this instant.
    pub now: Option<DateTime<Utc>>,
    pub color: bool,
    pub refetch: Option<Refetch>,
    /// Verifies pasted tokens like those given on the command line.
    pub verifier: Option<std::sync::Arc<jwtscope::verify::Verifier>>,
    /// When the process started, for the first-frame measurement.
    pub started: Instant,
    /// `--max-input-size`: a paste larger than this is refused like a larger file.
    pub max_input: u64,
    /// `--sign-key`/`--sign-secret-env`, with how to name it: `e` and `T` sign again with it.
    pub sign_key: Option<(jwtscope::verify::signing::SigningKey, String)>,
    /// Take the mouse (wheel and clicks); `--no-mouse` leaves it to the terminal.
    pub mouse: bool,
}

/// Restores the terminal however the UI ends: return, error or panic (ratatui's panic hook
/// restores too; restoring twice is harmless).
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = execute!(io::stdout(), DisableBracketedPaste, DisableMouseCapture);
        ratatui::restore();
    }
}

/// How the UI ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ended {
    /// The user quit.
    Quit,
    /// A signal ended it (SIGTERM, SIGHUP): the process exits accordingly.
    Signal(i32),
    /// The user quit before a token ever arrived, after the fetch failed: why it failed (the
    /// run fails as it would have without the UI).
    FetchFailed(String),
}

/// Run the UI on `tokens` (the entry to show first with them) until the user quits. Without
/// tokens it fetches them at once when it can (`jwtscope imds`: the UI opens before the first
/// fetch, which runs in the background like `R`), else it opens on the paste screen.
pub fn run(tokens: Option<(TokenList, usize)>, mut opts: Options) -> io::Result<Ended> {
    let started = opts.started;
    let quit_signal = Arc::new(AtomicUsize::new(0));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register_usize(sig, Arc::clone(&quit_signal), sig as usize)?;
    }
    let clock = || Utc::now().trunc_subsecs(0);
    let mut app = App::new(
        None,
        opts.now.unwrap_or_else(clock),
        opts.now.is_some(),
        opts.color,
        &ui::GEOMETRY,
    );
    if let Some((list, first)) = tokens {
        app.set_list(list, first);
    }
    app.can_refetch = opts.refetch.is_some();
    app.home = std::env::var_os("HOME").map(std::path::PathBuf::from);
    app.mouse = opts.mouse;
    app.max_paste = usize::try_from(opts.max_input).unwrap_or(usize::MAX);
    app.verifier.clone_from(&opts.verifier);
    if let Some((key, label)) = opts.sign_key.take() {
        let verifier = jwtscope::verify::Verifier::for_signing_key(&key, label);
        app.signer = Some(Arc::new(app::Signer { key, verifier }));
    }

    let mut terminal = ratatui::try_init()?;
    let _restore = Restore;
    // A panic aborts (release profile) without running `Restore`: the hook hands the mouse
    // and pastes back too, before ratatui's own hook restores the rest.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableBracketedPaste, DisableMouseCapture);
        hook(info);
    }));
    execute!(io::stdout(), EnableBracketedPaste)?;
    if opts.mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }

    let (fetch_tx, fetch_rx) = std::sync::mpsc::channel::<Fetched>();
    if app.report.is_none()
        && let Some(refetch) = opts.refetch.take()
    {
        app.fetch_first();
        spawn_fetch(refetch, fetch_tx.clone());
    }
    let mut first_frame = true;
    let mut dirty = true;
    loop {
        if dirty {
            let frame = terminal.draw(|f| f.render_widget(&app, f.area()))?;
            app.size = frame.area;
            if first_frame {
                first_frame = false;
                first_frame_hook(started);
            }
        }
        let now_instant = Instant::now();
        let mut wait = app.wake_in(Utc::now(), now_instant);
        if app.fetching.is_some() {
            // The spinner turns while a fetch runs in the background.
            wait = wait.min(std::time::Duration::from_millis(100));
        }
        let mut effects = Vec::new();
        if event::poll(wait)? {
            // Take every event already waiting before drawing again: a paste that arrives as
            // ten thousand key presses must not cost ten thousand frames.
            dirty = false;
            loop {
                let ev = event::read()?;
                // The mouse reports every move (capture turns on all-motion tracking): a
                // move changes nothing, so it draws nothing.
                dirty |= !matches!(
                    ev,
                    Event::FocusGained
                        | Event::FocusLost
                        | Event::Mouse(event::MouseEvent {
                            kind: event::MouseEventKind::Moved,
                            ..
                        })
                );
                effects.extend(app.handle(&ev, Instant::now()));
                // Not Duration::ZERO: crossterm's poll then neither hands out events it has
                // already parsed nor reads what is waiting on the terminal.
                if app.quit || !event::poll(std::time::Duration::from_micros(1))? {
                    break;
                }
            }
        } else {
            // The countdown's tick, keys held back in case they were a paste, or the end of a
            // typed paste.
            let before = app.now;
            app.tick(clock());
            let (changed, more) = app.idle(Instant::now());
            effects = more;
            dirty = changed || app.now != before;
        }
        for effect in effects {
            match effect {
                app::Effect::Copy(text) => {
                    execute!(
                        io::stdout(),
                        crossterm::clipboard::CopyToClipboard::to_clipboard_from(text)
                    )?;
                }
                app::Effect::Edit => {
                    let outcome = hand_over(&mut terminal, opts.mouse, || {
                        let token = app.editable()?;
                        let editor =
                            jwtscope::encode::editor::editor_command(&|v| std::env::var(v).ok());
                        let key = app.signer.as_ref().map(|s| &s.key);
                        jwtscope::encode::editor::edit_token(&token, key, &editor)
                    })?;
                    app.edit_done(outcome);
                    dirty = true;
                }
                app::Effect::Refetch => {
                    // In the background: keys keep working, q and Ctrl-C quit at once (the
                    // thread is left behind; the process ends with the UI).
                    if let Some(refetch) = opts.refetch.take() {
                        spawn_fetch(refetch, fetch_tx.clone());
                    }
                }
            }
        }
        while let Ok(msg) = fetch_rx.try_recv() {
            dirty = true;
            match msg {
                Fetched::Progress(line) => app.fetch_progress(&line),
                Fetched::Done(outcome, refetch) => {
                    opts.refetch = Some(refetch);
                    app.fetch_done(*outcome);
                }
            }
        }
        if app.fetching.is_some() {
            app.spin = app.spin.wrapping_add(1);
            dirty = true;
        }
        let signal = quit_signal.load(Ordering::Relaxed);
        if signal != 0 {
            io::stdout().flush()?;
            return Ok(i32::try_from(signal).map_or(Ended::Quit, Ended::Signal));
        }
        if app.quit {
            break;
        }
    }
    io::stdout().flush()?;
    Ok(match app.fetch_error.take() {
        Some(e) if app.report.is_none() => Ended::FetchFailed(e),
        _ => Ended::Quit,
    })
}

/// Fetch on a thread of its own; what it says and its outcome come back through `tx`.
fn spawn_fetch(mut refetch: Refetch, tx: std::sync::mpsc::Sender<Fetched>) {
    std::thread::spawn(move || {
        let progress_tx = tx.clone();
        let mut show = |line: String| {
            let _ = progress_tx.send(Fetched::Progress(line));
        };
        let outcome = refetch(&mut show);
        let _ = tx.send(Fetched::Done(Box::new(outcome), refetch));
    });
}

/// Give the terminal to `run` (an editor): leave the alternate screen and raw mode, run it,
/// then take the terminal back and clear it so the next frame is drawn whole.
fn hand_over<T>(
    terminal: &mut ratatui::DefaultTerminal,
    mouse: bool,
    run: impl FnOnce() -> T,
) -> io::Result<T> {
    execute!(io::stdout(), DisableBracketedPaste, DisableMouseCapture)?;
    ratatui::restore();
    let out = run();
    crossterm::terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        crossterm::terminal::EnterAlternateScreen,
        EnableBracketedPaste
    )?;
    if mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    terminal.clear()?;
    Ok(out)
}

/// Measurement hook for the benchmark script: with `JWTSCOPE_FIRST_FRAME_LOG=path`, the time
/// from start to the first frame drawn is appended to that file. Nothing else is written.
fn first_frame_hook(started: Instant) {
    if let Some(path) = std::env::var_os("JWTSCOPE_FIRST_FRAME_LOG") {
        let us = started.elapsed().as_micros();
        let _ = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .and_then(|mut f| writeln!(f, "{us}"));
    }
}

#[cfg(test)]
mod tests;
