//! Snapshot tests of every view and state, drawn on ratatui's `TestBackend` and driven by
//! synthetic key events with the time injected (gitui-style).

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use jwtscope::claims::time::{Now, Zone};
use jwtscope::pipeline;
use jwtscope::report::Report;
use jwtscope::source::Source;

use super::app::{App, Effect, press};

#[path = "../../tests/common/mod.rs"]
mod common;

const NOW: &str = "2026-11-24T09:00:00Z";

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(NOW).unwrap().into()
}

fn asset(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/assets/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// Local time depends on the machine's zone; pin it so snapshots are the same everywhere.
fn pinned(at: DateTime<Utc>) -> Now {
    Now::new(at, Zone::utc())
}

fn report_of(bytes: &[u8], source: Source, at: DateTime<Utc>) -> Report {
    pipeline::build(bytes, source, pinned(at)).unwrap()
}

fn app_for(name: &str) -> App {
    let r = report_of(
        &asset(name),
        Source::File {
            path: format!("assets/{name}").into(),
        },
        now(),
    );
    App::new(Some(r), now(), true, false, &super::ui::GEOMETRY)
}

fn draw(app: &App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| f.render_widget(app, f.area())).unwrap();
    terminal.backend().to_string()
}

/// The screen with its styles: every run of cells drawn in other than the default style is
/// written `«style|text»` (reverse video `rev`, `bold`, underline `ul`, colours by name), so a snapshot shows
/// what only style tells (the selection, the active tab, expiry colours).
fn styled(app: &App, w: u16, h: u16) -> String {
    use ratatui::style::{Modifier, Style};
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| f.render_widget(app, f.area())).unwrap();
    let buf = terminal.backend().buffer().clone();
    let name = |s: Style| {
        let mut parts = Vec::new();
        if let Some(fg) = s.fg.filter(|c| *c != ratatui::style::Color::Reset) {
            parts.push(format!("{fg}"));
        }
        if s.add_modifier.contains(Modifier::REVERSED) {
            parts.push("rev".to_string());
        }
        if s.add_modifier.contains(Modifier::BOLD) {
            parts.push("bold".to_string());
        }
        if s.add_modifier.contains(Modifier::UNDERLINED) {
            parts.push("ul".to_string());
        }
        parts.join(",")
    };
    let mut out = String::new();
    for y in 0..h {
        let mut run = String::new();
        let mut style = String::new();
        let flush = |out: &mut String, run: &mut String, style: &str| {
            if style.is_empty() {
                out.push_str(run);
            } else {
                out.push_str(&format!("«{style}|{run}»"));
            }
            run.clear();
        };
        for x in 0..w {
            let cell = &buf[(x, y)];
            let s = name(cell.style());
            if s != style {
                flush(&mut out, &mut run, &style);
                style = s;
            }
            run.push_str(cell.symbol());
        }
        flush(&mut out, &mut run, &style);
        out.push('\n');
    }
    out
}

/// Keys as a person types them: 50 ms apart (closer, they would be a typed paste), and the
/// pause after the last one.
fn keys(app: &mut App, keys: &[KeyCode]) -> Vec<Effect> {
    let mut effects = Vec::new();
    let mut at = Instant::now();
    for k in keys {
        effects.extend(app.handle(&press(*k), at));
        at += Duration::from_millis(50);
    }
    effects.extend(app.idle(at).1);
    effects
}

fn chars(app: &mut App, text: &str) {
    let codes: Vec<KeyCode> = text.chars().map(KeyCode::Char).collect();
    keys(app, &codes);
}

#[test]
fn summary_of_a_valid_managed_identity_token() {
    let app = app_for("managedid.json");
    let small = draw(&app, 80, 24);
    for needle in [
        "Microsoft Entra ID · v1",
        "https://management.azure.com/",
        "b1e2c3d4-5f60-4718-9a2b-3c4d5e6f7081",
        "valid · expires in 23h 5m",
        "virtual machine vm-web-01",
    ] {
        assert!(small.contains(needle), "{needle} missing:\n{small}");
    }
    insta::assert_snapshot!("summary_valid_80x24", small);
    insta::assert_snapshot!("summary_valid_160x48", draw(&app, 160, 48));
}

#[test]
fn summary_of_an_expired_token() {
    let later: DateTime<Utc> = DateTime::parse_from_rfc3339("2026-11-26T11:07:00Z")
        .unwrap()
        .into();
    let r = report_of(&asset("managedid.json"), Source::Stdin, later);
    let app = App::new(Some(r), later, true, false, &super::ui::GEOMETRY);
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("EXPIRED 27h 2m ago"), "{screen}");
    insta::assert_snapshot!("summary_expired_80x24", screen);
}

#[test]
fn the_countdown_moves_with_the_clock_without_decoding_again() {
    let r = report_of(&asset("managedid.json"), Source::Stdin, now());
    let mut app = App::new(Some(r), now(), false, false, &super::ui::GEOMETRY);
    assert!(draw(&app, 80, 24).contains("expires in 23h 5m"));
    let t = app.current().unwrap().clone();
    app.tick(now() + chrono::Duration::seconds(83_100 - 252));
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("valid · expires in 4m 12s"), "{screen}");
    app.tick(now() + chrono::Duration::seconds(83_100 + 10_920));
    assert!(draw(&app, 80, 24).contains("EXPIRED 3h 2m ago"));
    // The report itself is untouched by ticking.
    assert_eq!(app.current().unwrap().summary.expiry, t.summary.expiry);
}

#[test]
fn claims_with_a_selection_and_the_detail_pane() {
    let mut app = app_for("managedid.json");
    keys(&mut app, &[KeyCode::Char('j'); 4]);
    keys(&mut app, &[KeyCode::Enter]);
    let small = draw(&app, 80, 24);
    assert!(small.contains("Expiry time"), "{small}");
    insta::assert_snapshot!("claims_detail_80x24", small);
    keys(&mut app, &[KeyCode::Char('G')]);
    insta::assert_snapshot!("claims_detail_last_160x48", draw(&app, 160, 48));
}

#[test]
fn header_token_raw_and_help_views() {
    let mut app = app_for("managedid.json");
    keys(&mut app, &[KeyCode::Char('3')]);
    let header = draw(&app, 80, 24);
    assert!(header.contains("RSASSA-PKCS1-v1_5"), "{header}");
    insta::assert_snapshot!("header_80x24", header);
    keys(&mut app, &[KeyCode::Char('G')]);
    let last = draw(&app, 80, 24);
    assert!(
        last.contains("kid "),
        "the last parameter scrolls into view:\n{last}"
    );
    keys(&mut app, &[KeyCode::Char('4')]);
    insta::assert_snapshot!("token_80x24", draw(&app, 80, 24));
    keys(&mut app, &[KeyCode::Char('2'), KeyCode::Char('r')]);
    let raw = draw(&app, 80, 24);
    assert!(raw.contains("\"header\": {"), "{raw}");
    insta::assert_snapshot!("raw_80x24", raw);
    keys(&mut app, &[KeyCode::Char('r'), KeyCode::Char('?')]);
    let help = draw(&app, 80, 24);
    assert!(help.contains("close the detail"), "{help}");
    insta::assert_snapshot!("help_80x24", help);
    // With the mouse taken, the help says how to select text anyway.
    app.mouse = true;
    let wide = draw(&app, 160, 48);
    assert!(wide.contains("Shift+drag selects"), "{wide}");
    assert!(wide.contains("--no-mouse leaves the"), "{wide}");
    insta::assert_snapshot!("help_160x48", wide);
    app.mouse = false;
    keys(&mut app, &[KeyCode::Char('x')]);
    assert!(
        matches!(app.mode, super::app::Mode::Help { .. }),
        "a key that is not Esc, ? or q leaves the help open"
    );
    keys(&mut app, &[KeyCode::Esc]);
    assert_eq!(app.mode, super::app::Mode::Browse);
}

#[test]
fn filter_and_time_modes() {
    let mut app = app_for("managedid.json");
    keys(&mut app, &[KeyCode::Char('/')]);
    chars(&mut app, "xms");
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("/xms"), "{screen}");
    assert_eq!(app.visible_claims().len(), 3);
    insta::assert_snapshot!("filter_80x24", screen);
    keys(&mut app, &[KeyCode::Esc]);
    assert_eq!(app.visible_claims().len(), 19);
    for (mode, needle) in [
        ("UTC", "2026-11-25T08:05:00Z"),
        ("local", "2026-11-25 08:05:00 +00:00"),
        ("raw", "1795593900"),
    ] {
        keys(&mut app, &[KeyCode::Char('t')]);
        let screen = draw(&app, 100, 30);
        assert!(screen.contains(&format!("times: {mode}")), "{screen}");
        assert!(screen.contains(needle), "{mode}: {screen}");
    }
}

#[test]
fn a_paste_into_an_open_prompt_goes_into_the_prompt() {
    let mut app = app_for("managedid.json");
    let at = Instant::now();
    // The filter: the claims that hold what was pasted, line breaks left out.
    keys(&mut app, &[KeyCode::Char('/')]);
    app.handle(&Event::Paste("xms\r\n".into()), at);
    assert_eq!(app.mode, super::app::Mode::Filter);
    assert_eq!(app.visible_claims().len(), 3);
    assert!(draw(&app, 80, 24).contains("/xms"));
    keys(&mut app, &[KeyCode::Esc]);
    // `:` and `T` take a paste too, and Enter acts on it.
    keys(&mut app, &[KeyCode::Char(':')]);
    app.handle(&Event::Paste("1".into()), at);
    assert_eq!(app.mode, super::app::Mode::GoTo);
    keys(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.mode, super::app::Mode::Browse);
    keys(&mut app, &[KeyCode::Char('T')]);
    app.handle(&Event::Paste("+1h".into()), at);
    assert_eq!(app.mode, super::app::Mode::Shift);
    assert!(draw(&app, 80, 24).contains("+1h"));
    keys(&mut app, &[KeyCode::Esc]);
    // Without a prompt, a paste is a new input, as before.
    app.handle(&Event::Paste("garbage".into()), at);
    assert_eq!(app.mode, super::app::Mode::Paste);
}

#[test]
fn paste_screen_paste_and_error() {
    let mut app = App::new(None, now(), true, false, &super::ui::GEOMETRY);
    insta::assert_snapshot!("paste_80x24", draw(&app, 80, 24));
    app.handle(
        &Event::Paste("not a token at all\nreally".into()),
        Instant::now(),
    );
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("error: no token found"), "{screen}");
    insta::assert_snapshot!("paste_error_80x24", screen);
    let doc = String::from_utf8(asset("managedid.json")).unwrap();
    app.handle(&Event::Paste(doc), Instant::now());
    assert!(draw(&app, 80, 24).contains("valid · expires in 23h 5m"));
}

#[test]
fn a_paste_typed_as_keys_is_decoded_when_it_pauses() {
    let mut app = App::new(None, now(), true, false, &super::ui::GEOMETRY);
    let start = Instant::now();
    let doc = String::from_utf8(asset("managedid.json")).unwrap();
    for c in doc.chars() {
        let ev = if c == '\n' {
            press(KeyCode::Enter)
        } else {
            press(KeyCode::Char(c))
        };
        app.handle(&ev, start);
    }
    // Nothing is decoded while the keys keep coming...
    assert!(app.report.is_none());
    assert!(!app.idle(start + Duration::from_millis(10)).0);
    // ...and everything once they pause.
    assert!(app.idle(start + Duration::from_millis(400)).0);
    assert_eq!(app.current().unwrap().origin, "access_token");
}

#[test]
fn several_tokens_and_switching() {
    let mut app = app_for("oauth-response.json");
    let first = draw(&app, 100, 30);
    assert!(first.contains("1 access_token"), "{first}");
    insta::assert_snapshot!("tokens_first_100x30", first);
    keys(&mut app, &[KeyCode::Char(']')]);
    let opaque = draw(&app, 100, 30);
    assert!(opaque.contains("opaque: not a JWT"), "{opaque}");
    insta::assert_snapshot!("tokens_opaque_100x30", opaque);
    keys(&mut app, &[KeyCode::Char(']')]);
    assert_eq!(app.current().unwrap().origin, "id_token");
    keys(&mut app, &[KeyCode::Char('[')]);
    assert_eq!(app.current().unwrap().origin, "refresh_token");
}

#[test]
fn warnings_are_always_visible() {
    let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSIsInN1YiI6ImFkbWluIn0.";
    let r = report_of(token.as_bytes(), Source::Argument, now());
    let app = App::new(Some(r), now(), true, false, &super::ui::GEOMETRY);
    let screen = draw(&app, 80, 24);
    // Both fit whole: no pointer to the overview.
    assert!(screen.contains("┌2 warnings──"), "{screen}");
    assert!(screen.contains("claim \"sub\" appears 2 times"), "{screen}");
    insta::assert_snapshot!("warnings_80x24", screen);
    // Cut on a small screen: the title says where the rest is.
    let small = draw(&app, 60, 16);
    assert!(
        small.contains("2 warnings · press 1 to read them all"),
        "{small}"
    );
}

#[test]
fn the_signature_row_shows_the_verification() {
    let args = jwtscope::verify::VerifyArgs {
        key: Some(format!("{}/assets/sample-jwks.json", env!("CARGO_MANIFEST_DIR")).into()),
        ..Default::default()
    };
    let verifier = jwtscope::verify::prepare(&args, &|_| None)
        .unwrap()
        .unwrap();
    let r = pipeline::build_verified(
        asset("managedid.json"),
        Source::Stdin,
        pinned(now()),
        Some(&verifier),
    )
    .unwrap();
    let app = App::new(Some(r), now(), true, false, &super::ui::GEOMETRY);
    let screen = draw(&app, 100, 30);
    assert!(
        screen.contains("Signature  valid · RS256 · kid GZkmL_IZk"),
        "{screen}"
    );
}

#[test]
fn every_conformance_token_draws_in_every_view_at_every_size() {
    let dir = format!("{}/tests/conformance", env!("CARGO_MANIFEST_DIR"));
    let mut drawn = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let case: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        let token = case["token"].as_str().unwrap();
        let r = report_of(token.as_bytes(), Source::Argument, now());
        for keys_to_press in [
            &[][..],
            &[KeyCode::Enter],
            &[KeyCode::Char('G'), KeyCode::Enter, KeyCode::PageDown],
            &[KeyCode::Char('1')],
            &[KeyCode::Char('3'), KeyCode::Char('G')],
            &[KeyCode::Char('4'), KeyCode::End],
            &[KeyCode::Char('r')],
            &[KeyCode::Char('?')],
        ] {
            let mut app = App::new(Some(r.clone()), now(), true, true, &super::ui::GEOMETRY);
            keys(&mut app, keys_to_press);
            for (w, h) in [(60, 16), (80, 24), (200, 60)] {
                let screen = draw(&app, w, h);
                assert!(!screen.contains('\u{1b}'), "{name}: raw escape drawn");
                drawn += 1;
            }
        }
    }
    assert!(drawn >= 74 * 8 * 3, "{drawn}");
}

#[test]
fn the_readme_lists_every_key_of_the_keymap() {
    let readme =
        std::fs::read_to_string(format!("{}/README.md", env!("CARGO_MANIFEST_DIR"))).unwrap();
    for b in super::keymap::BINDINGS {
        // Each binding's first key appears in the README's key table.
        let first = b.label.split(" / ").next().unwrap_or(b.label);
        assert!(
            readme.contains(&format!("`{first}`")),
            "README.md lacks the key {first} ({})",
            b.help
        );
    }
}

#[test]
fn too_small_a_terminal_says_so() {
    let app = app_for("managedid.json");
    let screen = draw(&app, 50, 12);
    assert!(screen.contains("Terminal too small"), "{screen}");
}

#[test]
fn big_tokens_render_only_what_is_visible() {
    let big = common::big_token(5000);
    let r = report_of(big.as_bytes(), Source::Stdin, now());
    let mut app = App::new(Some(r), now(), true, false, &super::ui::GEOMETRY);
    let screen = draw(&app, 200, 60);
    assert!(screen.contains("[5000 items"), "{screen}");
    keys(
        &mut app,
        &[KeyCode::Char('G'), KeyCode::Enter, KeyCode::PageDown],
    );
    let detail = draw(&app, 200, 60);
    assert!(detail.contains(" of 500"), "{detail}");
    keys(&mut app, &[KeyCode::Char('4'), KeyCode::End]);
    let token = draw(&app, 200, 60);
    assert!(token.contains("4 Token"), "{token}");
}

#[test]
fn y_copies_what_is_selected_in_the_view_on_screen() {
    let mut app = app_for("managedid.json");
    let copy = |app: &mut App| match &keys(app, &[KeyCode::Char('y')])[..] {
        [Effect::Copy(text)] => text.clone(),
        other => panic!("{other:?}"),
    };
    // Claims: the selected claim.
    assert_eq!(copy(&mut app), "https://management.azure.com/");
    let screen = draw(&app, 100, 30);
    assert!(
        screen.contains("sent aud (29 characters) to the clipboard (OSC 52)"),
        "{screen}"
    );
    // Overview, moved down to Object ID: the object ID, not the hidden claim selection.
    keys(&mut app, &[KeyCode::Char('1')]);
    assert_eq!(
        copy(&mut app),
        "Microsoft Entra ID · v1 · public or US Government cloud"
    );
    keys(&mut app, &[KeyCode::Char('j'); 4]);
    assert_eq!(copy(&mut app), "b1e2c3d4-5f60-4718-9a2b-3c4d5e6f7081");
    keys(&mut app, &[KeyCode::Char('j')]);
    assert_eq!(copy(&mut app), "8c3dad1d-b6bc-4f8b-939b-8263372eced6");
    keys(
        &mut app,
        &[KeyCode::Char('j'), KeyCode::Char('j'), KeyCode::Char('j')],
    );
    // Resource: the whole resource ID, which the row shows only in parts.
    assert!(copy(&mut app).starts_with("/subscriptions/5f1d2a7e-0b1c-4e8a-9f0d-2c3b4a5d6e7f/"));
    for (w, h) in [(60, 16), (80, 24), (120, 40), (200, 50)] {
        app.size = ratatui::layout::Rect::new(0, 0, w, h);
        insta::assert_snapshot!(format!("overview_selected_{w}x{h}"), styled(&app, w, h));
    }
    // Header: the selected parameter.
    keys(&mut app, &[KeyCode::Char('3')]);
    assert_eq!(copy(&mut app), "JWT");
    // Token: the token.
    keys(&mut app, &[KeyCode::Char('4')]);
    assert!(copy(&mut app).starts_with("eyJ"));
    // Raw: the whole decoded JSON, not the claim selected underneath.
    keys(&mut app, &[KeyCode::Char('2'), KeyCode::Char('r')]);
    let raw = copy(&mut app);
    assert!(raw.starts_with("{\n  \"header\": {"), "{raw}");
    assert!(raw.contains("\"xms_mirid\""), "{raw}");
    let effects = keys(&mut app, &[KeyCode::Char('Y')]);
    assert!(matches!(&effects[..], [Effect::Copy(t)] if t.starts_with("eyJ")));
    keys(&mut app, &[KeyCode::Char('j')]);
    assert!(
        app.flash.is_none(),
        "the confirmation lasts until the next key"
    );
}

#[test]
fn esc_closes_what_is_open_and_never_quits() {
    let mut app = app_for("managedid.json");
    // Close a detail with Enter, then Esc: the issue's first report.
    keys(&mut app, &[KeyCode::Enter, KeyCode::Enter, KeyCode::Esc]);
    assert!(!app.quit, "Esc after closing the detail quit");
    assert!(draw(&app, 80, 24).contains("nothing to close: q quits"));
    // Two Escs after a filter.
    keys(&mut app, &[KeyCode::Char('/')]);
    chars(&mut app, "xms");
    keys(&mut app, &[KeyCode::Esc, KeyCode::Esc]);
    assert!(!app.quit, "two Escs after a filter quit");
    // The detail, the raw view and help each close with one Esc.
    keys(&mut app, &[KeyCode::Enter, KeyCode::Esc]);
    assert!(!app.detail_open && !app.quit);
    keys(&mut app, &[KeyCode::Char('r'), KeyCode::Esc]);
    assert!(app.mode == super::app::Mode::Browse && !app.quit);
    keys(&mut app, &[KeyCode::Char('?'), KeyCode::Esc, KeyCode::Esc]);
    assert!(app.mode == super::app::Mode::Browse && !app.quit);
    // The paste screen: Esc clears or goes back, never quits.
    let mut paste = App::new(None, now(), true, false, &super::ui::GEOMETRY);
    chars(&mut paste, "abc");
    keys(&mut paste, &[KeyCode::Esc, KeyCode::Esc, KeyCode::Esc]);
    assert!(!paste.quit && paste.paste.buffer.is_empty());
    // q and Ctrl-C quit.
    keys(&mut app, &[KeyCode::Char('q')]);
    assert!(app.quit);
    let mut app = app_for("managedid.json");
    app.handle(
        &Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        Instant::now(),
    );
    assert!(app.quit);
}

#[test]
fn end_stops_at_the_last_row_and_up_moves_at_once() {
    for view in [KeyCode::Char('1'), KeyCode::Char('4'), KeyCode::Char('r')] {
        for (w, h) in [(60, 16), (80, 24), (120, 40), (200, 50)] {
            let mut app = app_for("managedid.json");
            app.size = ratatui::layout::Rect::new(0, 0, w, h);
            keys(&mut app, &[view]);
            let top = draw(&app, w, h);
            keys(&mut app, &[KeyCode::Char('G')]);
            let end = draw(&app, w, h);
            keys(&mut app, &[KeyCode::Char('G'), KeyCode::End]);
            assert_eq!(end, draw(&app, w, h), "{view:?} {w}x{h}: End twice moved");
            // The body is full at the end: its last inside row is not blank.
            let rows: Vec<&str> = end.lines().collect();
            let body_last = rows[rows.len() - 3];
            assert!(
                !body_last.trim_matches(|c| c == '│' || c == ' ').is_empty() || top == end,
                "{view:?} {w}x{h}: blank at the end:\n{end}"
            );
            let sel = app.summary_sel;
            keys(&mut app, &[KeyCode::Up]);
            if view == KeyCode::Char('1') {
                // The selection moves (shown in reverse video, which this text lacks).
                assert_eq!(
                    app.summary_sel + 1,
                    sel,
                    "{w}x{h}: Up after End did nothing"
                );
            } else if top != end {
                assert_ne!(
                    end,
                    draw(&app, w, h),
                    "{view:?} {w}x{h}: Up after End did nothing"
                );
            }
        }
    }
    // The state itself is clamped, not just the drawing.
    let mut app = app_for("managedid.json");
    keys(&mut app, &[KeyCode::Char('1'), KeyCode::Char('G')]);
    assert!(app.summary_scroll < 100, "{}", app.summary_scroll);
}

/// The array indexes shown in a detail pane ("   27 0002f5f1-..." rows).
fn shown_items(screen: &str) -> Vec<usize> {
    let re = regex::Regex::new(r"[│ ] *(\d+) [0-9a-f]{8}-[0-9a-f]{4}-").unwrap();
    screen
        .lines()
        .filter_map(|l| re.captures(l).map(|c| c[1].parse().unwrap()))
        .collect()
}

fn group(i: usize) -> String {
    format!("{:08x}-{:04x}-4{:03x}", i * 7919, i % 65536, i % 4096)
}

#[test]
fn the_detail_pages_exactly_and_g_end_and_search_work_inside_it() {
    let big = common::big_token(5000);
    let r = report_of(big.as_bytes(), Source::Stdin, now());
    for (w, h) in [(60, 16), (80, 24), (120, 40), (200, 50)] {
        let mut app = App::new(Some(r.clone()), now(), true, false, &super::ui::GEOMETRY);
        app.size = ratatui::layout::Rect::new(0, 0, w, h);
        keys(&mut app, &[KeyCode::Char('G'), KeyCode::Enter]);
        assert_eq!(app.selected_claim().unwrap().name, "groups");
        // Three pages down and back: every item once, in order, none skipped.
        let mut seen = Vec::new();
        for _ in 0..3 {
            seen.extend(shown_items(&draw(&app, w, h)));
            keys(&mut app, &[KeyCode::PageDown]);
        }
        seen.dedup();
        assert!(seen.len() > 6, "{w}x{h}: {seen:?}");
        assert_eq!(seen, (0..seen.len()).collect::<Vec<_>>(), "{w}x{h}");
        keys(
            &mut app,
            &[KeyCode::PageUp, KeyCode::PageUp, KeyCode::PageUp],
        );
        assert_eq!(app.detail_scroll, 0, "{w}x{h}");
        // End and Home inside the detail, not the claim selection.
        keys(&mut app, &[KeyCode::Char('G')]);
        let end = draw(&app, w, h);
        assert_eq!(shown_items(&end).last(), Some(&4999), "{w}x{h}:\n{end}");
        assert_eq!(app.selected_claim().unwrap().name, "groups");
        if (w, h) == (120, 40) {
            insta::assert_snapshot!("detail_end_120x40", end);
        }
        keys(&mut app, &[KeyCode::Char('g')]);
        assert_eq!(app.detail_scroll, 0, "{w}x{h}");
        // / searches inside the open detail.
        keys(&mut app, &[KeyCode::Char('/')]);
        chars(&mut app, &group(4000));
        keys(&mut app, &[KeyCode::Enter]);
        let found = draw(&app, w, h);
        assert!(shown_items(&found).contains(&4000), "{w}x{h}:\n{found}");
        assert!(!app.quit);
    }
    // A search kept with Enter: Down goes on to its next match, not to the next claim or the
    // top; on the last row, j keeps the detail where it was paged to.
    let mut app = App::new(Some(r.clone()), now(), true, false, &super::ui::GEOMETRY);
    app.size = ratatui::layout::Rect::new(0, 0, 80, 24);
    keys(
        &mut app,
        &[KeyCode::Char('G'), KeyCode::Enter, KeyCode::Char('/')],
    );
    chars(&mut app, "-4");
    keys(&mut app, &[KeyCode::Enter]);
    let first = app.detail_scroll;
    keys(&mut app, &[KeyCode::Down, KeyCode::Down]);
    assert!(
        app.detail_scroll > first,
        "{first} -> {}",
        app.detail_scroll
    );
    assert_eq!(app.selected_claim().unwrap().name, "groups");
    keys(&mut app, &[KeyCode::Char('/'), KeyCode::Esc]);
    keys(&mut app, &[KeyCode::PageDown, KeyCode::PageDown]);
    let paged = app.detail_scroll;
    assert!(paged > 0);
    keys(&mut app, &[KeyCode::Char('j')]);
    assert_eq!(app.detail_scroll, paged);
    assert_eq!(app.selected_claim().unwrap().name, "groups");
    // Filtering for an item opens the detail at the match, not at item 0.
    let mut app = App::new(Some(r), now(), true, false, &super::ui::GEOMETRY);
    app.size = ratatui::layout::Rect::new(0, 0, 120, 40);
    keys(&mut app, &[KeyCode::Char('/')]);
    chars(&mut app, &group(1387));
    keys(&mut app, &[KeyCode::Enter, KeyCode::Enter]);
    let screen = draw(&app, 120, 40);
    assert!(shown_items(&screen).contains(&1387), "{screen}");
}

#[test]
fn the_detail_wraps_long_values_and_pages_without_losing_a_character() {
    // xms_mirid at 80x24: the whole value is on screen.
    let mut app = app_for("managedid.json");
    let at = app
        .visible_claims()
        .iter()
        .position(|f| f.name == "xms_mirid")
        .unwrap();
    keys(&mut app, &vec![KeyCode::Char('j'); at]);
    keys(&mut app, &[KeyCode::Enter]);
    for (w, h) in [(60, 16), (80, 24), (120, 40), (200, 50)] {
        app.size = ratatui::layout::Rect::new(0, 0, w, h);
        if w == 60 {
            // Four rows of detail: the value is a page or two down, and End reaches it.
            keys(&mut app, &[KeyCode::End]);
        } else {
            keys(&mut app, &[KeyCode::Home]);
        }
        let screen = draw(&app, w, h);
        assert!(screen.contains("vm-web-01"), "{w}x{h}:\n{screen}");
        insta::assert_snapshot!(format!("detail_mirid_{w}x{h}"), screen);
    }
    // A 3000-character value paged through at 80x24: every character once, in order.
    let long = (0..500).fold(String::new(), |mut s, n| {
        s.push_str(&format!("{n:05}|"));
        s
    });
    let token = common::token(
        r#"{"alg":"none"}"#,
        &format!(r#"{{"path":"C:\\new","s":"{long}"}}"#),
    );
    let r = report_of(token.as_bytes(), Source::Argument, now());
    let mut app = App::new(Some(r), now(), true, false, &super::ui::GEOMETRY);
    keys(&mut app, &[KeyCode::Char('j'), KeyCode::Enter]);
    let mut text = String::new();
    let mut last = String::new();
    for _ in 0..200 {
        let screen = draw(&app, 80, 24);
        if screen == last {
            break;
        }
        let rows: Vec<&str> = screen.lines().collect();
        // The detail's rows: between its top border (named "s") and its bottom border.
        let top = rows.iter().position(|l| l.contains("┌ s ")).unwrap();
        for row in &rows[top + 1..] {
            let inner = row
                .trim_matches('"')
                .trim_start_matches('│')
                .trim_end_matches('│');
            if inner.starts_with('└') {
                break;
            }
            if inner.starts_with(|c: char| c.is_ascii_digit()) {
                text.push_str(inner.trim_end());
            }
        }
        last = screen;
        keys(&mut app, &[KeyCode::PageDown]);
    }
    // Pages overlap only where the end is clamped; drop the repeat.
    let mut dedup = String::new();
    for chunk in text.split_inclusive('|') {
        if !dedup.ends_with(chunk) || chunk.len() < 6 {
            dedup.push_str(chunk);
        }
    }
    assert!(dedup.starts_with(&long[..600]), "{dedup}");
    assert!(dedup.ends_with("00499|"), "{dedup}");
    // A backslash followed by n is not a line break.
    keys(&mut app, &[KeyCode::Char('g'), KeyCode::Char('k')]);
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("C:\\new"), "{screen}");
}

#[test]
fn a_paste_typed_as_keys_in_the_main_view_is_a_paste_not_commands() {
    let token = common::token(r#"{"alg":"none"}"#, r#"{"sub":"quit-yt-r-1234"}"#);
    // Contains q, y, t, r and digits; typed by the terminal, all at once.
    assert!(token.contains('q') || token.contains('y'));
    let text = format!(r#"{{"access_token":"{token}","quota":"yt r 12"}}"#);
    for start in [None, Some('r'), Some('?')] {
        let mut app = app_for("managedid.json");
        if let Some(c) = start {
            keys(&mut app, &[KeyCode::Char(c)]);
        }
        let at = Instant::now();
        let mut effects = Vec::new();
        for c in text.chars() {
            effects.extend(app.handle(&press(KeyCode::Char(c)), at));
        }
        assert!(!app.quit, "a q in the paste quit");
        assert!(effects.is_empty(), "keys in the paste acted: {effects:?}");
        assert_eq!(app.mode, super::app::Mode::Paste);
        assert_eq!(app.paste.buffer, text, "the first characters were lost");
        let (changed, _) = app.idle(at + Duration::from_millis(400));
        assert!(changed);
        assert!(
            app.paste.error.is_none(),
            "{start:?}: {:?}",
            app.paste.error
        );
        assert_eq!(
            app.current().unwrap().summary.subject.as_deref(),
            Some("quit-yt-r-1234")
        );
    }
    // A person typing q still quits, after the short wait that tells the two apart.
    let mut app = app_for("managedid.json");
    let at = Instant::now();
    app.handle(&press(KeyCode::Char('q')), at);
    assert!(!app.quit);
    app.idle(at + super::app::BURST_GAP);
    assert!(app.quit);
}

#[test]
fn a_status_message_too_long_for_the_footer_is_cut_with_an_ellipsis() {
    let mut app = app_for("managedid.json");
    app.flash = Some(format!(
        "signing failed: {}",
        "the key does not fit ".repeat(10)
    ));
    let screen = draw(&app, 80, 24);
    let footer = screen.lines().last().unwrap();
    assert!(
        footer.trim_end_matches('"').trim_end().ends_with('…'),
        "{footer:?}"
    );
}

#[test]
fn a_paste_that_does_not_decode_leaves_the_tokens_shown_before_one_esc_away() {
    for typed in [true, false] {
        let mut app = app_for("managedid.json");
        let at = Instant::now();
        if typed {
            // Typed by the terminal, all at once, then a pause.
            for c in "garbage".chars() {
                app.handle(&press(KeyCode::Char(c)), at);
            }
            app.idle(at + Duration::from_millis(400));
        } else {
            app.handle(&Event::Paste("garbage".to_string()), at);
        }
        assert_eq!(app.mode, super::app::Mode::Paste);
        let screen = draw(&app, 80, 24);
        assert!(
            screen.contains("error: wrong number of segments"),
            "{screen}"
        );
        assert!(screen.contains("Esc back"), "{screen}");
        keys(&mut app, &[KeyCode::Esc]);
        assert_eq!(app.mode, super::app::Mode::Browse, "typed: {typed}");
        let screen = draw(&app, 80, 24);
        assert!(screen.contains("valid · expires in 23h 5m"), "{screen}");
    }
}

#[test]
fn the_help_fits_the_screen_scrolls_to_its_last_entry_and_closes_with_esc_or_question_mark() {
    for (w, h) in [(60, 16), (80, 24), (120, 40), (200, 50)] {
        let mut app = app_for("managedid.json");
        app.size = ratatui::layout::Rect::new(0, 0, w, h);
        keys(&mut app, &[KeyCode::Char('?')]);
        let top = draw(&app, w, h);
        assert!(top.contains(" Keys "), "{top}");
        // Lines are wrapped, never cut.
        assert!(top.contains("quit"), "{top}");
        keys(&mut app, &[KeyCode::Char('G')]);
        let end = draw(&app, w, h);
        assert!(
            end.contains("this help (Esc or ? closes it)"),
            "{w}x{h}:\n{end}"
        );
        assert!(end.contains("Esc or ? closes this help"), "{w}x{h}:\n{end}");
        insta::assert_snapshot!(format!("help_end_{w}x{h}"), end);
        keys(&mut app, &[KeyCode::Char('?')]);
        assert_eq!(app.mode, super::app::Mode::Browse, "? closes the help");
    }
    // At 200 columns the help is as wide as its longest line, not 84 columns.
    let mut app = app_for("managedid.json");
    app.size = ratatui::layout::Rect::new(0, 0, 200, 50);
    keys(&mut app, &[KeyCode::Char('?')]);
    let wide = draw(&app, 200, 50);
    assert!(
        wide.contains("filter claims by name or value (Enter keeps it, Esc clears it); in an open detail, search its value"),
        "{wide}"
    );
}

#[test]
fn the_footer_always_shows_help_and_the_shown_tab_is_marked_without_colour() {
    for (w, h) in [(60, 16), (80, 24), (120, 40), (200, 50)] {
        let mut app = app_for("managedid.json");
        app.size = ratatui::layout::Rect::new(0, 0, w, h);
        let screen = draw(&app, w, h);
        let footer = screen.lines().last().unwrap();
        assert!(footer.contains("? help"), "{w}x{h}: {footer}");
        assert!(screen.contains("[2 Claims]"), "{w}x{h}:\n{screen}");
        keys(&mut app, &[KeyCode::Char('4')]);
        let styled = styled(&app, w, h);
        assert!(styled.contains("[4 Token]"), "{styled}");
        assert!(!styled.contains("[2 Claims]"), "{styled}");
        insta::assert_snapshot!(format!("token_tab_styled_{w}x{h}"), styled);
    }
}

#[test]
fn small_screens_keep_the_most_important_summary_rows() {
    let mut app = app_for("managedid.json");
    app.size = ratatui::layout::Rect::new(0, 0, 60, 16);
    let small = draw(&app, 60, 16);
    for needle in ["Expires", "Object ID"] {
        assert!(small.contains(needle), "{needle} hidden at 60x16:\n{small}");
    }
    assert!(small.contains("more rows: press 1"), "{small}");
    insta::assert_snapshot!("summary_ranked_60x16", small);
    // alg none with warnings at 80x24: the Signature row stays.
    let token = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSIsInN1YiI6ImFkbWluIiwiaXNzIjoiaHR0cHM6Ly9sb2dpbi5taWNyb3NvZnRvbmxpbmUuY29tLzhjM2RhZDFkLWI2YmMtNGY4Yi05MzliLTgyNjMzNzJlY2VkNi92Mi4wIiwiYXVkIjoiYXBpOi8vYXBwIiwib2lkIjoiYjFlMmMzZDQtNWY2MC00NzE4LTlhMmItM2M0ZDVlNmY3MDgxIiwidGlkIjoiOGMzZGFkMWQtYjZiYy00ZjhiLTkzOWItODI2MzM3MmVjZWQ2In0.";
    let r = report_of(token.as_bytes(), Source::Argument, now());
    for (w, h) in [(60, 16), (80, 24)] {
        let app = App::new(Some(r.clone()), now(), true, false, &super::ui::GEOMETRY);
        let screen = draw(&app, w, h);
        assert!(screen.contains("warning"), "{screen}");
        if w == 80 {
            assert!(screen.contains("Signature"), "{w}x{h}:\n{screen}");
        }
        assert!(screen.contains("Expires"), "{w}x{h}:\n{screen}");
    }
}

#[test]
fn every_cut_shows_an_ellipsis_by_display_width_and_ids_keep_their_end() {
    let payload = format!(
        r#"{{"iss":"https://login.microsoftonline.com/8c3dad1d-b6bc-4f8b-939b-8263372eced6/v2.0","name":"{}","oid":"b1e2c3d4-5f60-4718-9a2b-3c4d5e6f7081"}}"#,
        "日本語テキスト".repeat(20)
    );
    let token = common::token(r#"{"alg":"RS256"}"#, &payload);
    let r = report_of(token.as_bytes(), Source::Argument, now());
    for (w, h) in [(60, 16), (80, 24), (120, 40), (200, 50)] {
        let app = App::new(Some(r.clone()), now(), true, false, &super::ui::GEOMETRY);
        let screen = draw(&app, w, h);
        let iss = screen
            .lines()
            .find(|l| l.contains("│iss "))
            .unwrap_or_else(|| panic!("{w}x{h}:\n{screen}"));
        assert!(
            iss.contains("v2.0"),
            "{w}x{h}: the v2 issuer lost /v2.0: {iss}"
        );
        let name = screen.lines().find(|l| l.contains("│name ")).unwrap();
        assert!(name.contains('…'), "{w}x{h}: cut without …: {name}");
        assert!(
            super::ui::text_width(name.split('"').nth(1).unwrap()) <= usize::from(w),
            "{w}x{h}: {name}"
        );
        insta::assert_snapshot!(format!("cuts_{w}x{h}"), screen);
    }
}

fn conformance_token(file: &str) -> String {
    let path = format!("{}/tests/conformance/{file}", env!("CARGO_MANIFEST_DIR"));
    let case: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    case["token"].as_str().unwrap().to_string()
}

#[test]
fn a_jwe_says_its_expiry_is_unknown_not_absent() {
    let token = conformance_token("08-rfc7519-A1-encrypted-jwt.json");
    let r = report_of(token.as_bytes(), Source::Argument, now());
    for (w, h) in [(60, 16), (80, 24), (120, 40), (200, 50)] {
        let app = App::new(Some(r.clone()), now(), true, false, &super::ui::GEOMETRY);
        let screen = draw(&app, w, h);
        assert!(!screen.contains("no expiry"), "{w}x{h}:\n{screen}");
        assert!(
            screen.contains("unknown: the claims are"),
            "{w}x{h}:\n{screen}"
        );
        insta::assert_snapshot!(format!("jwe_{w}x{h}"), screen);
    }
}

#[test]
fn a_paste_larger_than_the_input_limit_is_refused() {
    let doc = String::from_utf8(asset("managedid.json")).unwrap();
    let mut app = App::new(None, now(), true, false, &super::ui::GEOMETRY);
    app.max_paste = 100;
    app.handle(&Event::Paste(doc.clone()), Instant::now());
    assert!(app.report.is_none());
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains("larger than the 100-byte input limit"),
        "{screen}"
    );
    // Typed: the keys past the limit are dropped, and the paste refused.
    let mut app = App::new(None, now(), true, false, &super::ui::GEOMETRY);
    app.max_paste = 100;
    let at = Instant::now();
    for c in doc.chars().filter(|c| *c != '\n') {
        app.handle(&press(KeyCode::Char(c)), at);
    }
    assert_eq!(app.paste.buffer.len(), 100);
    app.idle(at + Duration::from_millis(400));
    assert!(app.report.is_none());
    assert!(draw(&app, 80, 24).contains("input limit"));
    // Within the limit, as before.
    let mut app = App::new(None, now(), true, false, &super::ui::GEOMETRY);
    app.handle(&Event::Paste(doc), Instant::now());
    assert!(app.report.is_some());
}

#[test]
fn the_token_strip_follows_the_selection_and_shows_status_and_audience() {
    for (w, h) in [(60, 16), (80, 24), (120, 40), (200, 50)] {
        let mut app = app_for("oauth-response.json");
        if w >= 120 {
            let screen = draw(&app, w, h);
            let strip = screen.lines().nth(1).unwrap();
            assert!(
                strip.contains("1 access_token · valid · 6e5d4c3b"),
                "{w}x{h}: {strip}"
            );
            assert!(
                strip.contains("2 refresh_token · opaque"),
                "{w}x{h}: {strip}"
            );
        }
        keys(&mut app, &[KeyCode::Char(']'), KeyCode::Char(']')]);
        let screen = draw(&app, w, h);
        let strip = screen.lines().nth(1).unwrap();
        assert!(strip.contains("3 id_token"), "{w}x{h}: {strip}");
        assert!(strip.contains("[ ]"), "{w}x{h}: {strip}");
        insta::assert_snapshot!(format!("token_strip_{w}x{h}"), strip);
    }
}

#[test]
fn every_list_and_scrolled_view_says_where_it_is() {
    let mut app = app_for("managedid.json");
    for (w, h) in [(60, 16), (80, 24), (120, 40), (200, 50)] {
        app.size = ratatui::layout::Rect::new(0, 0, w, h);
        keys(
            &mut app,
            &[KeyCode::Char('2'), KeyCode::Home, KeyCode::Char('j')],
        );
        assert!(draw(&app, w, h).contains(" 2/19 "), "{w}x{h}");
        keys(&mut app, &[KeyCode::Char('3')]);
        assert!(draw(&app, w, h).contains(" 1/4 "), "{w}x{h}");
        keys(&mut app, &[KeyCode::Char('4')]);
        assert!(draw(&app, w, h).contains(" rows 1-"), "{w}x{h}");
        keys(&mut app, &[KeyCode::Char('2'), KeyCode::Char('r')]);
        let raw = draw(&app, w, h);
        assert!(
            raw.contains(" rows 1-") && raw.contains(" of 29 "),
            "{w}x{h}:\n{raw}"
        );
        keys(&mut app, &[KeyCode::Char('r')]);
    }
}

#[test]
fn wording_reads_right_one_warning_and_the_token_colour_key() {
    let token = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSIsInN1YiI6ImFkbWluIn0.";
    let r = report_of(token.as_bytes(), Source::Argument, now());
    let app = App::new(Some(r), now(), true, false, &super::ui::GEOMETRY);
    let screen = draw(&app, 80, 24);
    assert!(!screen.contains("all of them with 1"), "{screen}");
    let mut app = app_for("managedid.json");
    keys(&mut app, &[KeyCode::Char('4')]);
    for (w, h) in [(60, 16), (80, 24), (120, 40), (200, 50)] {
        let styled = styled(&app, w, h);
        assert!(
            styled.contains("header") && styled.contains("signature"),
            "{styled}"
        );
    }
    let mut app = app_for("managedid.json");
    app.color = true;
    keys(&mut app, &[KeyCode::Char('4')]);
    insta::assert_snapshot!("token_colour_key_80x24", styled(&app, 80, 24));
}

/// jwt.io's HS256 example (secret `your-256-bit-secret`), with `iat` 1516239022.
const HS256: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

fn hs256_app(sign: bool) -> App {
    let r = report_of(HS256.as_bytes(), Source::Stdin, now());
    let mut app = App::new(Some(r), now(), true, false, &super::ui::GEOMETRY);
    if sign {
        let key =
            jwtscope::verify::signing::SigningKey::from_secret_text("your-256-bit-secret").unwrap();
        let verifier =
            jwtscope::verify::Verifier::for_signing_key(&key, "the signing key".to_string());
        app.signer = Some(std::sync::Arc::new(super::app::Signer { key, verifier }));
    }
    app
}

fn copied(effects: &[Effect]) -> String {
    match effects {
        [Effect::Copy(t)] => t.clone(),
        other => panic!("expected one copy, got {other:?}"),
    }
}

#[test]
fn t_shifts_the_times_and_y_copies_the_new_token_with_the_old_signature() {
    use jwtscope::report::SignatureStatus;
    let mut app = hs256_app(false);
    keys(&mut app, &[KeyCode::Char('T')]);
    assert_eq!(app.mode, super::app::Mode::Shift);
    let prompt = draw(&app, 80, 24);
    assert!(prompt.contains("shift exp/nbf/iat by"), "{prompt}");
    chars(&mut app, "+1h");
    keys(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.mode, super::app::Mode::Browse);
    let t = app.current().unwrap();
    assert_eq!(t.claim("iat").unwrap().value, 1_516_242_622);
    assert_eq!(t.verification.status, SignatureStatus::Invalid);
    assert_eq!(
        t.verification.reason.as_deref(),
        Some(super::app::NOT_RECOMPUTED)
    );
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("signature not recomputed"), "{screen}");
    let new = copied(&keys(&mut app, &[KeyCode::Char('Y')]));
    assert_ne!(new, HS256);
    assert!(new.ends_with(HS256.rsplit('.').next().unwrap()));
    assert!(new.starts_with(HS256.split('.').next().unwrap()));
}

#[test]
fn signing_again_with_a_weak_key_says_so_and_where() {
    // hs256_app's secret is jwt.io's, 19 bytes: RFC 7518 asks for 32 with HS256.
    let mut app = hs256_app(true);
    keys(&mut app, &[KeyCode::Char('T')]);
    chars(&mut app, "+1h");
    keys(&mut app, &[KeyCode::Enter]);
    let screen = draw(&app, 100, 24);
    assert!(
        screen.contains("shifted iat by +1h: signed again, with a weak key (1 Overview says why)"),
        "{screen}"
    );
    keys(&mut app, &[KeyCode::Char('1')]);
    let overview = draw(&app, 100, 24);
    assert!(
        overview.contains("the HMAC secret is 19 bytes"),
        "{overview}"
    );
    // A key long enough: no such words.
    let mut app = hs256_app(false);
    let key = jwtscope::verify::signing::SigningKey::from_secret_text(
        "a secret of at least thirty-two bytes",
    )
    .unwrap();
    let verifier = jwtscope::verify::Verifier::for_signing_key(&key, "the signing key".to_string());
    app.signer = Some(std::sync::Arc::new(super::app::Signer { key, verifier }));
    keys(&mut app, &[KeyCode::Char('T')]);
    chars(&mut app, "+1h");
    keys(&mut app, &[KeyCode::Enter]);
    let screen = draw(&app, 100, 24);
    assert!(
        screen.contains("shifted iat by +1h: signed again · Y copies"),
        "{screen}"
    );
}

#[test]
fn t_with_a_signing_key_signs_again_and_the_token_verifies() {
    use jwtscope::report::SignatureStatus;
    let mut app = hs256_app(true);
    keys(&mut app, &[KeyCode::Char('T')]);
    chars(&mut app, "-5m");
    keys(&mut app, &[KeyCode::Enter]);
    let t = app.current().unwrap();
    assert_eq!(t.claim("iat").unwrap().value, 1_516_238_722);
    assert_eq!(t.verification.status, SignatureStatus::Valid);
    let new = copied(&keys(&mut app, &[KeyCode::Char('Y')]));
    // Checked independently of the report: the copy verifies with the secret.
    let report = pipeline::build_verified(
        new.into_bytes(),
        Source::Paste,
        now(),
        Some(&app.signer.as_ref().unwrap().verifier),
    )
    .unwrap();
    assert_eq!(report.tokens[0].verification.status, SignatureStatus::Valid);
}

#[test]
fn a_bad_duration_or_esc_leaves_the_token_alone() {
    let mut app = hs256_app(false);
    keys(&mut app, &[KeyCode::Char('T')]);
    chars(&mut app, "1h");
    keys(&mut app, &[KeyCode::Enter]);
    assert!(
        app.flash
            .as_deref()
            .unwrap()
            .starts_with("times not shifted"),
        "{:?}",
        app.flash
    );
    assert_eq!(app.current().unwrap().token.as_deref(), Some(HS256));
    keys(&mut app, &[KeyCode::Char('T')]);
    chars(&mut app, "+1h");
    keys(&mut app, &[KeyCode::Esc]);
    assert_eq!(app.mode, super::app::Mode::Browse);
    assert_eq!(app.current().unwrap().token.as_deref(), Some(HS256));
}

#[test]
fn e_asks_the_loop_for_the_editor_and_its_outcome_replaces_the_token() {
    use jwtscope::encode::editor::EditOutcome;
    let mut app = hs256_app(false);
    assert_eq!(keys(&mut app, &[KeyCode::Char('e')]), vec![Effect::Edit]);
    // What the loop does with the editor's result (the editor itself: src/encode/editor.rs).
    let token = app.editable().unwrap();
    let doc = jwtscope::encode::edit::editor_document(&token)
        .unwrap()
        .replace("John Doe", "Jane");
    let rebuilt = jwtscope::encode::edit::rebuild_from_document(&token, &doc, None).unwrap();
    app.edit_done(Ok(EditOutcome::Rebuilt(rebuilt.clone())));
    assert_eq!(app.current().unwrap().claim("name").unwrap().value, "Jane");
    assert!(draw(&app, 80, 24).contains("edited: signature not recomputed"));
    assert_eq!(
        copied(&keys(&mut app, &[KeyCode::Char('Y')])),
        rebuilt.token
    );
    app.edit_done(Ok(EditOutcome::Cancelled("the file was emptied".into())));
    assert_eq!(app.flash.as_deref(), Some("the file was emptied"));
    assert_eq!(app.current().unwrap().claim("name").unwrap().value, "Jane");
}

#[test]
fn user_token_summary_says_who_and_how() {
    let tok = common::user_token();
    let r = report_of(tok.as_bytes(), Source::Stdin, now());
    let app = App::new(Some(r), now(), true, false, &super::ui::GEOMETRY);
    let small = draw(&app, 80, 24);
    // Who and name stay on the Summary at 80x24, however many rows it drops.
    assert!(small.contains("ada@contoso.example"), "{small}");
    assert!(small.contains("Ada Lovelace"), "{small}");
    insta::assert_snapshot!("summary_user_80x24", small);
    let wide = draw(&app, 200, 50);
    for s in [
        "Signed in",
        "multi-factor authentication",
        "3 groups",
        "Orders.Read Orders.Write",
        "Orders.Admin",
    ] {
        assert!(wide.contains(s), "{s} missing:\n{wide}");
    }
    insta::assert_snapshot!("summary_user_200x50", wide);
}

/// The title line of a screen.
fn title(screen: &str) -> &str {
    screen.lines().next().unwrap_or_default()
}

#[test]
fn the_overview_shows_where_a_token_was_found_whole() {
    let har = serde_json::json!({"log": {"entries": [{
        "request": {"method": "POST", "url": "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token",
            "headers": [{"name": "Authorization", "value": format!("Bearer {HS256}")}]},
        "response": {}
    }]}});
    let r = report_of(har.to_string().as_bytes(), Source::Stdin, now());
    let mut app = App::new(Some(r), now(), true, false, &super::ui::GEOMETRY);
    keys(&mut app, &[KeyCode::Char('1')]);
    let screen = draw(&app, 80, 24);
    // Cut in the title bar, whole (wrapped) in the overview: the request and the header.
    assert!(
        screen.contains("Found at   log.entries[0] (POST"),
        "{screen}"
    );
    assert!(
        screen.contains(".request.headers[0].value (Authorization)"),
        "{screen}"
    );
}

#[test]
fn colon_goes_to_a_token_by_number_or_by_its_origin() {
    use super::tokens::TokenList;
    let mut text = String::new();
    for i in 0..30_000 {
        let payload = format!(r#"{{"sub":"user-{i}"}}"#);
        let token = common::token(r#"{"alg":"none"}"#, &payload);
        if i == 20_000 {
            text.push_str(&format!("Authorization: Bearer {token}\n"));
        } else {
            text.push_str(&format!("{token}\n"));
        }
    }
    let (list, first) =
        TokenList::find(text.into_bytes(), Source::Stdin, pinned(now()), None).unwrap();
    let mut app = App::new(None, now(), true, false, &super::ui::GEOMETRY);
    app.set_list(list, first);
    keys(&mut app, &[KeyCode::Char(':')]);
    chars(&mut app, "12345");
    let prompt = draw(&app, 80, 24);
    assert!(
        prompt.contains("go to token (1-30000) or the next whose origin holds: 12345"),
        "{prompt}"
    );
    keys(&mut app, &[KeyCode::Enter]);
    let screen = draw(&app, 80, 24);
    assert!(title(&screen).contains("token 12345/30000"), "{screen}");
    assert!(screen.contains("user-12344"), "{screen}");
    // By a text of the origin, from the token shown on, case aside.
    keys(&mut app, &[KeyCode::Char(':')]);
    chars(&mut app, "authorization");
    keys(&mut app, &[KeyCode::Enter]);
    let screen = draw(&app, 80, 24);
    assert!(title(&screen).contains("token 20001/30000"), "{screen}");
    assert!(screen.contains("user-20000"), "{screen}");
    // Whole words first: "line 5" is line 5, not line 50 or 5000, even from further on.
    keys(&mut app, &[KeyCode::Char(':')]);
    chars(&mut app, "line 5");
    keys(&mut app, &[KeyCode::Enter]);
    assert!(title(&draw(&app, 80, 24)).contains("token 5/30000"));
    keys(&mut app, &[KeyCode::Char(':')]);
    chars(&mut app, "authoriz");
    keys(&mut app, &[KeyCode::Enter]);
    assert!(title(&draw(&app, 80, 24)).contains("token 20001/30000"));
    // Out of range, nothing matching, Esc: the token stays, and the status says why.
    for (typed, said) in [
        ("30001", "no token 30001: there are 30000"),
        ("nowhere", "no token's origin holds \"nowhere\""),
    ] {
        keys(&mut app, &[KeyCode::Char(':')]);
        chars(&mut app, typed);
        keys(&mut app, &[KeyCode::Enter]);
        let screen = draw(&app, 80, 24);
        assert!(screen.contains(said), "{screen}");
        assert!(title(&screen).contains("token 20001/30000"), "{screen}");
    }
    keys(
        &mut app,
        &[KeyCode::Char(':'), KeyCode::Char('1'), KeyCode::Esc],
    );
    assert_eq!(app.mode, super::app::Mode::Browse);
    assert!(title(&draw(&app, 80, 24)).contains("token 20001/30000"));
    // Only what was shown was explained.
    assert!(app.report.as_ref().unwrap().explained() < 40);
}

#[test]
fn a_long_token_list_is_explained_as_it_is_shown() {
    use super::tokens::TokenList;
    let mut text = String::new();
    for i in 0..1000 {
        if i == 1 {
            text.push_str("eyJhbGciOiJIUzI1NiJ9.eyJ.x.y.z\n");
        } else {
            let payload = format!(r#"{{"sub":"user-{i}"}}"#);
            text.push_str(&common::token(r#"{"alg":"none"}"#, &payload));
            text.push('\n');
        }
    }
    let (list, first) =
        TokenList::find(text.into_bytes(), Source::Stdin, pinned(now()), None).unwrap();
    let mut app = App::new(None, now(), true, false, &super::ui::GEOMETRY);
    app.set_list(list, first);
    let screen = draw(&app, 200, 50);
    assert!(title(&screen).contains("token 1/1000: line 1"), "{screen}");
    assert!(screen.contains("user-0"), "{screen}");
    // Only the strip's entries were explained, not the thousand.
    let explained = app.report.as_ref().unwrap().explained();
    assert!(explained < 20, "{explained} entries explained");
    // The one that does not decode is an entry saying why.
    keys(&mut app, &[KeyCode::Char(']')]);
    let screen = draw(&app, 120, 40);
    assert!(
        title(&screen).contains("token 2/1000: line 2 · does not decode"),
        "{screen}"
    );
    insta::assert_snapshot!("token_list_undecodable_80x24", draw(&app, 80, 24));
    keys(&mut app, &[KeyCode::Char(']')]);
    assert!(draw(&app, 80, 24).contains("user-2"));
    // Around the start to the last one.
    keys(&mut app, &[KeyCode::Char('['); 3]);
    let screen = draw(&app, 80, 24);
    assert!(title(&screen).contains("token 1000/1000"), "{screen}");
    assert!(screen.contains("user-999"), "{screen}");
    let explained = app.report.as_ref().unwrap().explained();
    assert!(explained < 40, "{explained} entries explained");
}

#[test]
fn brackets_step_through_a_nested_token() {
    let b64 = |s: &str| common::b64u(s.as_bytes());
    let inner = common::token(r#"{"alg":"none"}"#, r#"{"sub":"inner-one"}"#);
    let outer = format!("{}.{}.", b64(r#"{"alg":"none","cty":"JWT"}"#), b64(&inner));
    let last = common::token(r#"{"alg":"none"}"#, r#"{"sub":"second-line"}"#);
    let text = format!("{outer}\n{last}\n");
    let (list, first) =
        super::tokens::TokenList::find(text.into_bytes(), Source::Stdin, pinned(now()), None)
            .unwrap();
    let mut app = App::new(None, now(), true, false, &super::ui::GEOMETRY);
    app.set_list(list, first);
    let seen = |app: &App| title(&draw(app, 120, 40)).to_string();
    assert!(seen(&app).contains("token 1/2: line 1 ·"), "{}", seen(&app));
    keys(&mut app, &[KeyCode::Char(']')]);
    assert!(seen(&app).contains("token 1/2: line 1 › nested token"));
    assert!(draw(&app, 120, 40).contains("inner-one"));
    keys(&mut app, &[KeyCode::Char(']')]);
    assert!(seen(&app).contains("token 2/2: line 2"), "{}", seen(&app));
    // Back: the nested token first, the entry's last report.
    keys(&mut app, &[KeyCode::Char('[')]);
    assert!(seen(&app).contains("token 1/2: line 1 › nested token"));
}

#[test]
fn imds_opens_before_the_first_fetch_and_keys_work_while_it_runs() {
    let mut app = App::new(None, now(), true, false, &super::ui::GEOMETRY);
    app.fetch_first();
    app.fetch_progress("IMDS at http://127.0.0.1:1/metadata/identity/oauth2/token (--source imds)");
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("fetching the token · IMDS at"), "{screen}");
    insta::assert_snapshot!("imds_first_fetch_80x24", screen);
    // Keys that need a token say why nothing happens; R does not start a second fetch.
    keys(&mut app, &[KeyCode::Char('j')]);
    assert!(draw(&app, 80, 24).contains("no token yet"));
    assert!(keys(&mut app, &[KeyCode::Char('R')]).is_empty());
    // p pastes instead; Esc goes back to the fetch.
    keys(&mut app, &[KeyCode::Char('p')]);
    assert!(draw(&app, 80, 24).contains("Esc back"));
    keys(&mut app, &[KeyCode::Esc]);
    assert!(draw(&app, 80, 24).contains("fetching the token"));
    // A failed fetch stays on screen; R tries again.
    app.fetch_done(Err(
        "the local identity endpoint is not listening".to_string()
    ));
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains("fetch failed: the local identity endpoint is not listening"),
        "{screen}"
    );
    assert_eq!(keys(&mut app, &[KeyCode::Char('R')]), vec![Effect::Refetch]);
    assert!(draw(&app, 80, 24).contains("fetching the token"));
    let r = report_of(&asset("managedid.json"), Source::Stdin, now());
    app.fetch_done(Ok(r));
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("valid · expires in 23h 5m"), "{screen}");
    keys(&mut app, &[KeyCode::Char('q')]);
    assert!(app.quit);
}

#[test]
fn q_quits_while_the_first_fetch_runs() {
    let mut app = App::new(None, now(), true, false, &super::ui::GEOMETRY);
    app.fetch_first();
    keys(&mut app, &[KeyCode::Char('q')]);
    assert!(app.quit);
    let mut app = App::new(None, now(), true, false, &super::ui::GEOMETRY);
    app.fetch_first();
    app.handle(
        &Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        Instant::now(),
    );
    assert!(app.quit);
}

/// A home directory for the `o` prompt: two tokens, a JSON file and a directory.
fn open_home() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    for (name, sub) in [("token-a.jwt", "opened-a"), ("token-b.jwt", "opened-b")] {
        let payload = format!(r#"{{"sub":"{sub}"}}"#);
        std::fs::write(
            d.path().join(name),
            common::token(r#"{"alg":"none"}"#, &payload),
        )
        .unwrap();
    }
    std::fs::write(d.path().join("tenant.json"), "{}").unwrap();
    std::fs::create_dir(d.path().join("logs")).unwrap();
    d
}

#[test]
fn o_prompts_for_a_path_and_tab_completes_it() {
    let home = open_home();
    let mut app = app_for("managedid.json");
    app.home = Some(home.path().to_path_buf());
    keys(&mut app, &[KeyCode::Char('o')]);
    chars(&mut app, "~/t");
    keys(&mut app, &[KeyCode::Tab]);
    // Ambiguous: the matches are listed, nothing more is common to them.
    assert_eq!(app.open.input, "~/t");
    assert_eq!(
        app.open.candidates,
        ["tenant.json", "token-a.jwt", "token-b.jwt"]
    );
    insta::assert_snapshot!("open_prompt_80x24", draw(&app, 80, 24));
    insta::assert_snapshot!("open_prompt_60x16", draw(&app, 60, 16));
    // Their common prefix, then the one match.
    chars(&mut app, "o");
    keys(&mut app, &[KeyCode::Tab]);
    assert_eq!(app.open.input, "~/token-");
    assert_eq!(app.open.candidates, ["token-a.jwt", "token-b.jwt"]);
    chars(&mut app, "b");
    keys(&mut app, &[KeyCode::Tab]);
    assert_eq!(app.open.input, "~/token-b.jwt");
    assert!(app.open.candidates.is_empty());
    // Enter opens it like a file on the command line.
    keys(&mut app, &[KeyCode::Enter]);
    let screen = draw(&app, 120, 40);
    assert!(screen.contains("opened-b"), "{screen}");
    assert!(title(&screen).contains("token-b.jwt"), "{screen}");
    assert!(screen.contains("opened "), "{screen}");
    // A directory completes with its slash.
    keys(&mut app, &[KeyCode::Char('o')]);
    chars(&mut app, "~/l");
    keys(&mut app, &[KeyCode::Tab]);
    assert_eq!(app.open.input, "~/logs/");
}

#[test]
fn o_shows_why_a_file_does_not_open_and_esc_cancels() {
    let home = open_home();
    let mut app = app_for("managedid.json");
    app.home = Some(home.path().to_path_buf());
    let open = |app: &mut App, path: &str| {
        keys(app, &[KeyCode::Char('o')]);
        chars(app, path);
        keys(app, &[KeyCode::Enter]);
        app.open.error.clone().unwrap_or_default()
    };
    let e = open(&mut app, "~/missing.jwt");
    assert!(e.starts_with("cannot read "), "{e}");
    assert!(e.contains("missing.jwt"), "{e}");
    keys(&mut app, &[KeyCode::Esc]);
    // Relative to the working directory, like the command line (and the same on every machine
    // for the snapshot).
    let e = open(&mut app, "no-such-dir/token.jwt");
    assert!(e.starts_with("cannot read no-such-dir/token.jwt"), "{e}");
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("error: cannot read"), "{screen}");
    insta::assert_snapshot!("open_error_80x24", screen);
    // Esc: back to the token, unchanged.
    keys(&mut app, &[KeyCode::Esc]);
    let screen = draw(&app, 80, 24);
    assert!(!screen.contains("Open a file"), "{screen}");
    assert!(screen.contains("valid · expires in 23h 5m"), "{screen}");
    // The command line's errors: a directory, a file with no token, the size limit.
    assert!(open(&mut app, "~/logs").contains("it is a directory"));
    keys(&mut app, &[KeyCode::Esc]);
    assert!(open(&mut app, "~/tenant.json").contains("no token found"));
    keys(&mut app, &[KeyCode::Esc]);
    app.max_paste = 10;
    let e = open(&mut app, "~/token-a.jwt");
    assert!(e.contains("larger than the 10-byte input limit"), "{e}");
    keys(&mut app, &[KeyCode::Esc]);
    assert!(draw(&app, 80, 24).contains("valid · expires in 23h 5m"));
}

#[test]
fn an_edited_token_of_a_long_list_stays_edited_after_moving_away() {
    let text = format!("{HS256}\n").repeat(40);
    let (list, first) =
        super::tokens::TokenList::find(text.into_bytes(), Source::Stdin, pinned(now()), None)
            .unwrap();
    let mut app = App::new(None, now(), true, false, &super::ui::GEOMETRY);
    app.set_list(list, first);
    keys(&mut app, &[KeyCode::Char('T')]);
    chars(&mut app, "+1h");
    keys(&mut app, &[KeyCode::Enter]);
    let iat = |app: &App| app.current().unwrap().claim("iat").unwrap().value.clone();
    assert_eq!(iat(&app), 1_516_242_622);
    // Far enough that the list drops the other explained tokens; the edited one is kept.
    for _ in 0..20 {
        keys(&mut app, &[KeyCode::Char(']')]);
    }
    assert_eq!(iat(&app), 1_516_239_022);
    for _ in 0..20 {
        keys(&mut app, &[KeyCode::Char('[')]);
    }
    assert!(title(&draw(&app, 120, 40)).contains("token 1/40"));
    assert_eq!(iat(&app), 1_516_242_622);
}

#[test]
fn o_lists_as_many_matches_as_fit_and_counts_the_rest() {
    let home = tempfile::tempdir().unwrap();
    for i in 0..300 {
        std::fs::write(home.path().join(format!("file-{i:03}.jwt")), "x").unwrap();
    }
    let mut app = app_for("managedid.json");
    app.home = Some(home.path().to_path_buf());
    keys(&mut app, &[KeyCode::Char('o')]);
    chars(&mut app, "~/f");
    keys(&mut app, &[KeyCode::Tab]);
    assert_eq!(app.open.input, "~/file-");
    for (w, h) in [(60, 16), (80, 24), (200, 50)] {
        let screen = draw(&app, w, h);
        assert!(screen.contains("file-000.jwt"), "{screen}");
        assert!(screen.contains("more: type more of the name"), "{screen}");
        assert!(screen.contains("Tab completes"), "{screen}");
    }
}

/// The rows of the table on a screen: the lines of the body between its header row and its
/// bottom border, as text (the part left of a docked detail).
fn table_text(screen: &str) -> String {
    screen
        .lines()
        .map(|l| l.split('┌').next().unwrap_or(l))
        .map(|l| l.split('│').nth(1).unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn wide_terminals_dock_the_detail_and_show_values_whole() {
    let mut app = app_for("managedid.json");
    let mirid = "/subscriptions/5f1d2a7e-0b1c-4e8a-9f0d-2c3b4a5d6e7f/resourcegroups/rg-web-prod/providers/Microsoft.Compute/virtualMachines/vm-web-01";
    let at = app
        .visible_claims()
        .iter()
        .position(|f| f.name == "xms_mirid")
        .unwrap();
    keys(&mut app, &vec![KeyCode::Char('j'); at]);
    for (w, h) in [(60, 16), (80, 24), (120, 40), (200, 50)] {
        app.size = ratatui::layout::Rect::new(0, 0, w, h);
        let screen = draw(&app, w, h);
        // The time mode and its key fit the title at every width (a title is cut without "…").
        assert!(screen.contains("relative (t)"), "{w}x{h}:\n{screen}");
        // From 120 columns the selected claim's detail is on the right without Enter.
        assert_eq!(
            screen.contains("┌ xms_mirid "),
            w >= 120,
            "{w}x{h}:\n{screen}"
        );
        if w == 200 {
            // Every row fits: the long resource ID is whole in the table itself.
            let table = table_text(&screen);
            assert!(table.contains(mirid), "{table}");
            // Only the resource ID's row is cut: with its meaning it is wider than the screen.
            let cut: Vec<&str> = table.lines().filter(|l| l.contains('…')).collect();
            assert!(
                cut.iter().all(|l| l.starts_with("xms_mirid")),
                "a row is cut at 200x50:\n{screen}"
            );
        }
        insta::assert_snapshot!(format!("claims_wide_{w}x{h}"), screen);
        insta::assert_snapshot!(format!("claims_wide_styled_{w}x{h}"), styled(&app, w, h));
    }
    // Enter gives the docked detail the paging keys; the table keeps its selection.
    app.size = ratatui::layout::Rect::new(0, 0, 120, 40);
    keys(&mut app, &[KeyCode::Enter]);
    let open = draw(&app, 120, 40);
    assert!(open.contains("Enter closes"), "{open}");
    keys(&mut app, &[KeyCode::PageDown]);
    assert_eq!(
        app.selected_claim().map(|f| f.name.as_str()),
        Some("xms_mirid")
    );
}

#[test]
fn the_header_is_a_table_with_descriptions_and_a_detail() {
    let mut app = app_for("managedid.json");
    keys(&mut app, &[KeyCode::Char('3'), KeyCode::Char('j')]);
    for (w, h) in [(60, 16), (80, 24), (120, 40), (200, 50)] {
        app.size = ratatui::layout::Rect::new(0, 0, w, h);
        let screen = draw(&app, w, h);
        assert!(screen.contains("Name"), "{w}x{h}:\n{screen}");
        assert!(
            screen.contains("RS256 · RSASSA-PKCS1-v1_5"),
            "{w}x{h}:\n{screen}"
        );
        if w >= 80 {
            assert!(screen.contains("Description"), "{w}x{h}:\n{screen}");
        }
        // The docked detail says in full what the parameter is.
        assert_eq!(screen.contains("┌ alg "), w >= 120, "{w}x{h}:\n{screen}");
        insta::assert_snapshot!(format!("header_table_{w}x{h}"), screen);
        insta::assert_snapshot!(format!("header_table_styled_{w}x{h}"), styled(&app, w, h));
    }
    // Enter opens the selected parameter's detail below the table on a narrow screen.
    app.size = ratatui::layout::Rect::new(0, 0, 80, 24);
    keys(&mut app, &[KeyCode::Enter]);
    let open = draw(&app, 80, 24);
    assert!(open.contains("┌ alg "), "{open}");
    assert!(open.contains("never let this value choose"), "{open}");
    insta::assert_snapshot!("header_detail_80x24", open);
    keys(&mut app, &[KeyCode::Esc]);
    assert!(!draw(&app, 80, 24).contains("┌ alg "));
}

#[test]
fn the_filter_highlights_what_matched() {
    let mut app = app_for("managedid.json");
    keys(&mut app, &[KeyCode::Char('/')]);
    chars(&mut app, "xms");
    keys(&mut app, &[KeyCode::Enter]);
    app.color = true;
    let screen = styled(&app, 80, 24);
    // Underlined (and bold) reads without colour too; on the selected row as well.
    assert!(screen.contains("Yellow,rev,bold,ul|xms»"), "{screen}");
    app.color = false;
    let plain = styled(&app, 80, 24);
    assert!(plain.contains("«rev,bold,ul|xms»"), "{plain}");
    assert!(plain.contains("«bold,ul|xms»"), "{plain}");
    insta::assert_snapshot!("filter_highlight_80x24", screen);
}

/// Where `needle` starts on a drawn screen: (column, row), for the mouse.
fn spot(screen: &str, needle: &str) -> (u16, u16) {
    screen
        .lines()
        .enumerate()
        .find_map(|(y, l)| {
            // Each drawn line is quoted: the screen starts one character in.
            l.find(needle).map(|at| {
                let x = l[..at].chars().count() - 1;
                (u16::try_from(x).unwrap(), u16::try_from(y).unwrap())
            })
        })
        .unwrap_or_else(|| panic!("{needle:?} is not on the screen:\n{screen}"))
}

fn mouse(app: &mut App, kind: crossterm::event::MouseEventKind, (x, y): (u16, u16)) {
    let ev = Event::Mouse(crossterm::event::MouseEvent {
        kind,
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    });
    app.handle(&ev, Instant::now());
}

fn click(app: &mut App, at: (u16, u16)) {
    use crossterm::event::{MouseButton, MouseEventKind};
    mouse(app, MouseEventKind::Down(MouseButton::Left), at);
}

#[test]
fn the_wheel_scrolls_the_view_under_the_pointer() {
    use crossterm::event::MouseEventKind::{ScrollDown, ScrollUp};
    let big = common::big_token(5000);
    let r = report_of(big.as_bytes(), Source::Stdin, now());
    let mut app = App::new(Some(r), now(), true, false, &super::ui::GEOMETRY);
    app.size = ratatui::layout::Rect::new(0, 0, 200, 50);
    // Over the table: the selection moves three rows a notch.
    let screen = draw(&app, 200, 50);
    let table = spot(&screen, "iss ");
    mouse(&mut app, ScrollDown, table);
    assert_eq!(app.claim_sel, 3);
    mouse(&mut app, ScrollUp, table);
    assert_eq!(app.claim_sel, 0);
    // Over the docked detail of the groups: the detail scrolls, the selection stays.
    keys(&mut app, &[KeyCode::Char('G')]);
    let screen = draw(&app, 200, 50);
    let detail = spot(&screen, "00005ccd-0003");
    mouse(&mut app, ScrollDown, detail);
    mouse(&mut app, ScrollDown, detail);
    assert_eq!(app.detail_scroll, 6);
    assert_eq!(
        app.selected_claim().map(|f| f.name.as_str()),
        Some("groups")
    );
    let screen = draw(&app, 200, 50);
    assert!(screen.contains("rows 7-"), "{screen}");
    // The wheel never scrolls past the end.
    for _ in 0..3000 {
        mouse(&mut app, ScrollDown, detail);
    }
    let end = draw(&app, 200, 50);
    assert!(end.contains("4999 "), "{end}");
    // The token view scrolls under the wheel too, and the help over everything.
    keys(&mut app, &[KeyCode::Char('4')]);
    mouse(&mut app, ScrollDown, table);
    assert_eq!(app.token_scroll, 3);
    keys(&mut app, &[KeyCode::Char('?')]);
    mouse(&mut app, ScrollDown, (5, 5));
    assert_eq!(
        app.help_scroll, 0,
        "the help fits at 200x50: nothing to scroll"
    );
    app.size = ratatui::layout::Rect::new(0, 0, 80, 24);
    mouse(&mut app, ScrollDown, (5, 5));
    assert_eq!(app.help_scroll, 3);
}

#[test]
fn a_click_selects_a_tab_a_row_or_a_token() {
    let mut app = app_for("oauth-response.json");
    app.size = ratatui::layout::Rect::new(0, 0, 100, 30);
    let screen = draw(&app, 100, 30);
    // A tab.
    click(&mut app, spot(&screen, "3 Header"));
    assert_eq!(app.focus, super::app::Panel::Header);
    let claims = spot(&draw(&app, 100, 30), "2 Claims");
    click(&mut app, claims);
    assert_eq!(app.focus, super::app::Panel::Claims);
    // A row; the selected row again opens its detail, like Enter.
    let screen = draw(&app, 100, 30);
    let iss = spot(&screen, "│iss ");
    click(&mut app, (iss.0 + 2, iss.1));
    assert_eq!(app.selected_claim().map(|f| f.name.as_str()), Some("iss"));
    assert!(!app.detail_open);
    click(&mut app, (iss.0 + 2, iss.1));
    assert!(app.detail_open, "{}", draw(&app, 100, 30));
    // Below the last row is not a row.
    keys(&mut app, &[KeyCode::Esc, KeyCode::Char('3')]);
    let screen = draw(&app, 100, 30);
    let (x, y) = spot(&screen, "│kid ");
    click(&mut app, (x + 2, y + 2));
    assert_eq!(app.header_sel, 0);
    click(&mut app, (x + 2, y));
    assert_eq!(
        app.selected_field().map(|f| f.name.as_str()),
        Some("kid"),
        "{screen}"
    );
    // A line of the overview, selected for `y`.
    keys(&mut app, &[KeyCode::Char('1')]);
    let screen = draw(&app, 100, 30);
    let body_tenant = screen
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("│Tenant "))
        .nth(1)
        .map(|(y, _)| (5, u16::try_from(y).unwrap()))
        .unwrap();
    click(&mut app, body_tenant);
    let effects = keys(&mut app, &[KeyCode::Char('y')]);
    assert_eq!(
        effects,
        [super::app::Effect::Copy(
            "8c3dad1d-b6bc-4f8b-939b-8263372eced6".to_string()
        )],
        "{screen}"
    );
    keys(&mut app, &[KeyCode::Char('2')]);
    // A token in the strip.
    let screen = draw(&app, 100, 30);
    click(&mut app, spot(&screen, " 2 refresh_token"));
    assert_eq!(app.token, 1, "{}", draw(&app, 100, 30));
    insta::assert_snapshot!("clicked_token_100x30", draw(&app, 100, 30));
}

#[test]
fn a_filter_on_a_wide_terminal_scrolls_the_docked_detail_to_the_match() {
    let big = common::big_token(5000);
    let r = report_of(big.as_bytes(), Source::Stdin, now());
    let mut app = App::new(Some(r), now(), true, false, &super::ui::GEOMETRY);
    app.size = ratatui::layout::Rect::new(0, 0, 200, 50);
    keys(&mut app, &[KeyCode::Char('/')]);
    chars(&mut app, &group(1387));
    keys(&mut app, &[KeyCode::Enter]);
    assert!(
        !app.detail_open,
        "no Enter on the detail: it is docked anyway"
    );
    let screen = draw(&app, 200, 50);
    assert!(shown_items(&screen).contains(&1387), "{screen}");
    // The match is marked in the detail, without colour too.
    let marked = styled(&app, 200, 50);
    assert!(
        marked.contains(&format!("«bold,ul|{}»", group(1387))),
        "{marked}"
    );
}

#[test]
fn the_overview_aligns_lifetime_with_the_summary_rows() {
    // "Attached to" is the longest label here.
    let mut app = app_for("managedid-user-assigned.json");
    keys(&mut app, &[KeyCode::Char('1')]);
    let screen = draw(&app, 200, 50);
    let column = |label: &str| {
        let (x, _) = spot(&screen, &format!("│{label} "));
        let line = screen
            .lines()
            .find(|l| l.contains(&format!("│{label} ")))
            .unwrap();
        let rest = &line[line.find(&format!("│{label} ")).unwrap() + 3 + label.len()..];
        x + u16::try_from(label.len() + rest.len() - rest.trim_start().len()).unwrap()
    };
    assert_eq!(column("Lifetime"), column("Signature"), "{screen}");
}

#[test]
fn a_detail_search_that_finds_nothing_says_so() {
    let mut app = app_for("managedid.json");
    keys(&mut app, &[KeyCode::Enter, KeyCode::Char('/')]);
    chars(&mut app, "zzz");
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains("nothing in this detail matches \"zzz\""),
        "{screen}"
    );
    keys(&mut app, &[KeyCode::Backspace, KeyCode::Backspace]);
    chars(&mut app, "ure");
    assert!(!draw(&app, 80, 24).contains("nothing in this detail"));
}
