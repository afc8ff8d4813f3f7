//! End to end: the real binary in a real terminal (tmux), driven by keys and pastes, read back
//! with capture-pane. CI installs tmux; without it these tests fail rather than skip.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod mock_identity;
mod tmux;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use tmux::Tmux;

fn bin() -> String {
    assert_cmd::cargo::cargo_bin("jwtscope")
        .display()
        .to_string()
}

fn quote(p: &Path) -> String {
    format!("'{}'", p.display())
}

/// The UI on the managed identity sample, at the tests' fixed instant.
fn on_managedid() -> String {
    format!(
        "{} --now {} {}",
        bin(),
        common::NOW,
        quote(&common::asset("managedid.json"))
    )
}

#[test]
fn a_piped_token_opens_the_ui_and_keys_work_and_the_terminal_comes_back() {
    let cmd = format!(
        "cat {} | {} --now {}",
        quote(&common::asset("managedid.json")),
        bin(),
        common::NOW
    );
    let t = Tmux::start(&cmd, 100, 30);
    t.wait_for("valid · expires in 23h 5m");
    // Each waited for: a capture can land between two parts of the first frame.
    for needle in [
        "https://sts.windows.net/8c3dad1d-b6bc-4f8b-939b-8263372eced6/",
        "https://management.azure.com/",
        "b1e2c3d4-5f60-4718-9a2b-3c4d5e6f7081",
        "2026-11-25 08:05:00Z",
        "virtual machine vm-web-01",
    ] {
        t.wait_for(needle);
    }
    assert_eq!(
        t.display("#{alternate_on}"),
        "1",
        "the UI uses the alternate screen"
    );
    t.keys(&["Tab"]);
    t.wait_for("RSASSA-PKCS1-v1_5");
    t.keys(&["?"]);
    t.wait_for("copy the whole token");
    // A key right after Escape would read as Alt+key: wait for the help to close.
    t.keys(&["Escape"]);
    t.wait_gone(" Keys ");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), "0");
    assert_eq!(
        t.display("#{alternate_on}"),
        "0",
        "the terminal left the alternate screen"
    );
}

/// A 10 KB JSON token response, with a claim at the very end of the payload.
fn ten_kb_document(dir: &Path) -> std::path::PathBuf {
    let filler: String = (0..9000)
        .map(|i| char::from(b'a' + (i % 26) as u8))
        .collect();
    let payload = format!(
        r#"{{"iss":"https://sts.windows.net/8c3dad1d-b6bc-4f8b-939b-8263372eced6/","aud":"https://management.azure.com/","exp":1795593900,"filler":"{filler}","zz_last":"END-OF-PASTE"}}"#
    );
    let token = common::token(r#"{"alg":"RS256","typ":"JWT"}"#, &payload);
    let doc = format!(
        "{{\n  \"access_token\": \"{token}\",\n  \"expires_in\": \"3599\",\n  \"token_type\": \"Bearer\"\n}}\n"
    );
    assert!(doc.len() > 10_000, "{}", doc.len());
    let path = dir.join("paste.json");
    std::fs::write(&path, doc).unwrap();
    path
}

fn paste_arrives_whole(bracketed: bool) {
    let dir = tempfile::tempdir().unwrap();
    let doc = ten_kb_document(dir.path());
    let t = Tmux::start(&format!("{} --now {}", bin(), common::NOW), 100, 30);
    t.wait_for("Paste a token, a JSON response");
    t.run(&["load-buffer", &doc.display().to_string()]);
    let mut args = vec!["paste-buffer"];
    if bracketed {
        args.push("-p");
    }
    t.run(&args);
    let screen = t.wait_for("2 Claims");
    assert!(!screen.contains("error"), "{screen}");
    t.keys(&["G"]);
    let screen = t.wait_for("zz_last");
    assert!(
        screen.contains("END-OF-PASTE"),
        "the end of the paste arrived:\n{screen}"
    );
    t.keys(&["1"]);
    let screen = t.wait_for("Response fields");
    assert!(screen.contains("expires_in"), "{screen}");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), "0");
}

#[test]
fn a_10_kb_bracketed_paste_arrives_whole() {
    paste_arrives_whole(true);
}

#[test]
fn a_10_kb_paste_without_bracketed_paste_arrives_whole() {
    paste_arrives_whole(false);
}

#[test]
fn sigterm_restores_the_terminal() {
    let cmd = on_managedid();
    let t = Tmux::start(&cmd, 100, 30);
    t.wait_for("valid · expires in 23h 5m");
    let pid = t.display("#{pane_pid}");
    // The pane runs `sh -c`; the UI is its child (or the shell itself after exec).
    let out = Command::new("pkill")
        .args(["-TERM", "-P", &pid])
        .output()
        .unwrap();
    if !out.status.success() {
        Command::new("kill").args(["-TERM", &pid]).output().unwrap();
    }
    assert_eq!(t.wait_exit(), "143", "ended by SIGTERM");
    assert_eq!(t.display("#{alternate_on}"), "0");
}

#[test]
fn small_terminals_get_a_notice_and_resizing_recovers() {
    let cmd = on_managedid();
    let t = Tmux::start(&cmd, 50, 14);
    t.wait_for("Terminal too small");
    t.run(&["resize-window", "-x", "90", "-y", "28"]);
    t.wait_for("valid · expires in 23h 5m");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), "0");
}

#[test]
fn imds_in_the_ui_fetches_again_with_r() {
    let body = std::fs::read_to_string(common::asset("managedid.json")).unwrap();
    let mock = mock_identity::Mock::start(move |_, _| mock_identity::Reply::json(200, &body));
    let cmd = format!(
        "env -u IDENTITY_ENDPOINT -u MSI_ENDPOINT -u IMDS_ENDPOINT {} imds --source imds --endpoint {} --now {}",
        bin(),
        mock.url("/metadata/identity/oauth2/token"),
        common::NOW
    );
    let t = Tmux::start(&cmd, 100, 30);
    let screen = t.wait_for("valid · expires in 23h 5m");
    assert!(
        screen.contains("IMDS http://127.0.0.1:"),
        "the title names the endpoint:\n{screen}"
    );
    t.keys(&["?"]);
    t.wait_for(" Keys ");
    // The help's last entries: End scrolls there.
    t.keys(&["End"]);
    t.wait_for("fetch the token again");
    t.keys(&["Escape"]);
    t.wait_gone(" Keys ");
    t.keys(&["R"]);
    t.wait_for("fetched a new token");
    assert_eq!(mock.requests().len(), 2);
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), "0");
}

#[test]
fn a_paste_typed_as_keys_in_the_main_view_is_decoded_not_run_as_commands() {
    let cmd = on_managedid();
    let t = Tmux::start(&cmd, 100, 30);
    t.wait_for("valid · expires in 23h 5m");
    // What a terminal without bracketed paste sends: the text as keys, q, y, t, r and all.
    let token = common::token(r#"{"alg":"none"}"#, r#"{"sub":"typed-paste-subject"}"#);
    let text = format!(r#"{{"access_token":"{token}","quota":"q y t r 1 2"}}"#);
    t.run(&["send-keys", "-l", &text]);
    let screen = t.wait_for("typed-paste-subject");
    assert!(
        screen.contains("source: paste") || screen.contains("paste"),
        "{screen}"
    );
    assert!(
        std::fs::read_to_string(t.status.path())
            .unwrap_or_default()
            .trim()
            .is_empty(),
        "the program exited"
    );
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), "0");
}

/// `jwtscope imds` in a terminal against a loopback endpoint whose answers numbered (from 0)
/// as `slow` says take `delay`.
fn imds_with_slow_answer(slow: fn(usize) -> bool, delay: Duration) -> (mock_identity::Mock, Tmux) {
    let body = std::fs::read_to_string(common::asset("managedid.json")).unwrap();
    let mock = mock_identity::Mock::start(move |_, n| {
        if slow(n) {
            std::thread::sleep(delay);
        }
        mock_identity::Reply::json(200, &body)
    });
    let cmd = format!(
        "env -u IDENTITY_ENDPOINT -u MSI_ENDPOINT -u IMDS_ENDPOINT {} imds --source imds --endpoint {} --now {}",
        bin(),
        mock.url("/metadata/identity/oauth2/token"),
        common::NOW
    );
    let t = Tmux::start(&cmd, 100, 30);
    (mock, t)
}

/// `jwtscope imds` showing its first token; every later answer (`R`) takes `delay`.
fn slow_second_fetch(delay: Duration) -> (mock_identity::Mock, Tmux) {
    let (mock, t) = imds_with_slow_answer(|n| n > 0, delay);
    t.wait_for("valid · expires in 23h 5m");
    (mock, t)
}

#[test]
fn r_fetches_in_the_background_while_keys_keep_working() {
    let (mock, t) = slow_second_fetch(Duration::from_secs(2));
    t.keys(&["R"]);
    t.wait_for("fetching from");
    // Keys work while the fetch runs.
    t.keys(&["3"]);
    let screen = t.wait_for("RSASSA-PKCS1-v1_5");
    assert!(screen.contains("fetching from"), "{screen}");
    t.wait_for("fetched a new token");
    assert_eq!(mock.requests().len(), 2);
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), "0");
}

#[test]
fn q_quits_at_once_during_a_slow_fetch() {
    let (_mock, t) = slow_second_fetch(Duration::from_secs(8));
    t.keys(&["R"]);
    t.wait_for("fetching from");
    let asked = Instant::now();
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), "0");
    assert!(
        asked.elapsed() < Duration::from_secs(4),
        "q waited for the fetch: {:?}",
        asked.elapsed()
    );
}

/// jwt.io's HS256 example (secret `your-256-bit-secret`): `"name": "John Doe"`.
const HS256: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

/// `e` with a scripted `$EDITOR` that renames John Doe: the terminal is handed to the editor
/// and back, the token is rebuilt in place, and `sign` decides whether it is signed again.
fn edit_in_the_editor(sign: bool) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let editor = dir.path().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nset -e\nsed -i 's/John Doe/Jane Roe/' \"$1\"\n",
    )
    .unwrap();
    let token = dir.path().join("token.txt");
    std::fs::write(&token, HS256).unwrap();
    let sign_opt = if sign {
        "--sign-secret-env JWTSCOPE_TEST_SECRET"
    } else {
        ""
    };
    let cmd = format!(
        "JWTSCOPE_TEST_SECRET=your-256-bit-secret EDITOR='sh {}' {} --now {} {sign_opt} {}",
        editor.display(),
        bin(),
        common::NOW,
        quote(&token),
    );
    let t = Tmux::start(&cmd, 80, 24);
    t.wait_for("John Doe");
    t.keys(&["e"]);
    let screen = t.wait_for("Jane Roe");
    assert_eq!(
        t.display("#{alternate_on}"),
        "1",
        "the UI took the terminal back"
    );
    assert!(!screen.contains("John Doe"), "{screen}");
    // The raw view shows the rebuilt token's JSON too.
    t.keys(&["r"]);
    t.wait_for("\"Jane Roe\"");
    t.keys(&["r"]);
    t.wait_gone("\"Jane Roe\"");
    t.keys(&["1"]);
    let overview = t.wait_for("Signature");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), "0");
    (screen, overview)
}

#[test]
fn e_edits_the_token_in_the_editor_and_keeps_the_old_signature_without_a_key() {
    let (screen, overview) = edit_in_the_editor(false);
    assert!(
        screen.contains("edited: signature not recomputed"),
        "{screen}"
    );
    assert!(overview.contains("INVALID"), "{overview}");
}

#[test]
fn e_with_sign_secret_env_signs_the_edited_token_again() {
    let (screen, overview) = edit_in_the_editor(true);
    assert!(screen.contains("edited: signed again"), "{screen}");
    let line = overview
        .lines()
        .find(|l| l.contains("Signature"))
        .unwrap_or_default();
    assert!(
        line.contains("valid") && !line.contains("INVALID"),
        "{overview}"
    );
}

#[test]
fn t_shifts_the_times_from_a_prompt() {
    let dir = tempfile::tempdir().unwrap();
    let token = dir.path().join("token.txt");
    std::fs::write(&token, HS256).unwrap();
    let cmd = format!("{} --now {} {}", bin(), common::NOW, quote(&token));
    let t = Tmux::start(&cmd, 80, 24);
    t.wait_for("John Doe");
    t.keys(&["T"]);
    t.wait_for("shift exp/nbf/iat by");
    t.keys(&["+", "1", "h", "Enter"]);
    t.wait_for("shifted iat by +1h");
    t.keys(&["r"]);
    t.wait_for("\"iat\": 1516242622");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), "0");
}

#[test]
fn imds_opens_the_ui_before_the_first_fetch_ends() {
    let (mock, t) = imds_with_slow_answer(|n| n == 0, Duration::from_secs(3));
    // The endpoint chosen is on screen while the answer is still on its way.
    let screen = t.wait_for("fetching the token · IMDS at http://127.0.0.1:");
    assert!(!screen.contains("valid · expires"), "{screen}");
    // Keys work while it runs.
    t.keys(&["?"]);
    t.wait_for(" Keys ");
    t.keys(&["Escape"]);
    t.wait_gone(" Keys ");
    t.wait_for("valid · expires in 23h 5m");
    assert_eq!(mock.requests().len(), 1);
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), "0");
}

#[test]
fn q_quits_at_once_during_a_slow_first_fetch() {
    let (_mock, t) = imds_with_slow_answer(|n| n == 0, Duration::from_secs(8));
    t.wait_for("fetching the token");
    let asked = Instant::now();
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), "0");
    assert!(
        asked.elapsed() < Duration::from_secs(4),
        "q waited for the fetch: {:?}",
        asked.elapsed()
    );
    assert_eq!(t.display("#{alternate_on}"), "0");
}

#[test]
fn o_opens_a_file_typed_with_tab_completion() {
    let cmd = format!(
        "cd {} && {} --now {} assets/managedid.json",
        quote(&common::root()),
        bin(),
        common::NOW
    );
    let t = Tmux::start(&cmd, 100, 30);
    t.wait_for("valid · expires in 23h 5m");
    t.keys(&["o"]);
    t.wait_for("Open a file");
    // Typed after the prompt is up: a person typing, not a paste.
    t.run(&["send-keys", "-l", "assets/az-g"]);
    t.wait_for("path: assets/az-g");
    t.keys(&["Tab"]);
    t.wait_for("path: assets/az-get-access-token.json");
    t.keys(&["Enter"]);
    let screen = t.wait_for("avery@contoso.example");
    assert!(
        screen.contains("assets/az-get-access-token.json"),
        "the title names the file:\n{screen}"
    );
    assert!(!screen.contains("Open a file"), "{screen}");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), "0");
}

#[test]
fn a_failed_first_fetch_stays_on_screen_and_quitting_fails_the_run() {
    // A loopback port with nothing listening: the fetch is refused at once.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let cmd = format!(
        "env -u IDENTITY_ENDPOINT -u MSI_ENDPOINT -u IMDS_ENDPOINT {} imds --source imds --endpoint http://127.0.0.1:{port}/metadata/identity/oauth2/token --now {}",
        bin(),
        common::NOW
    );
    let t = Tmux::start(&cmd, 100, 30);
    t.wait_for("fetch failed: cannot reach IMDS");
    t.wait_for("R fetches again");
    t.keys(&["q"]);
    assert_eq!(
        t.wait_exit(),
        "1",
        "the run failed as it would without the UI"
    );
    // Said again once the terminal is back, where it stays.
    t.wait_for("error: fetch failed: cannot reach IMDS");
}

#[test]
fn the_mouse_wheel_scrolls_the_table_and_no_mouse_leaves_the_mouse_to_the_terminal() {
    let cmd = on_managedid();
    let t = Tmux::start(&cmd, 120, 40);
    t.wait_for("1/19");
    // The UI takes the mouse, in SGR mode...
    assert_eq!(t.display("#{mouse_any_flag} #{mouse_sgr_flag}"), "1 1");
    // ...so a wheel notch (SGR button 65, column 10, row 20: over the claims table) is its:
    // the selection moves three rows.
    t.run(&["send-keys", "-l", "\x1b[<65;10;20M"]);
    t.wait_for("4/19");
    t.run(&["send-keys", "-l", "\x1b[<64;10;20M"]);
    t.wait_for("1/19");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), "0");
    assert_eq!(
        t.display("#{mouse_any_flag} #{mouse_sgr_flag}"),
        "0 0",
        "the terminal has its mouse back"
    );

    let t = Tmux::start(&format!("{cmd} --no-mouse"), 120, 40);
    t.wait_for("1/19");
    assert_eq!(
        t.display("#{mouse_any_flag} #{mouse_sgr_flag}"),
        "0 0",
        "--no-mouse leaves text selection to the terminal"
    );
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), "0");
}
