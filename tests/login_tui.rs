//! `jwtscope login` in a real terminal (tmux, 80x24): sign in through the test browser, see
//! the tokens in the UI, press `R` to refresh them with the refresh token.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod mock_oidc;

use std::process::{Command, Output};
use std::time::{Duration, Instant};

use mock_oidc::{CLIENT_ID, Config, Provider, TENANT};

/// A private tmux server for one test, killed when it ends. (The same shape as the helper in
/// tests/tui_tmux.rs, cut to what this test needs.)
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(command: &str, width: u16, height: u16) -> Tmux {
        let t = Tmux {
            socket: format!("jwtscope-login-{}", std::process::id()),
        };
        let out = t.run(&[
            "new-session",
            "-d",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
            "sh",
            "-c",
            &format!("{command}; sleep 60"),
        ]);
        assert!(
            out.status.success(),
            "tmux could not start: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        t
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .env_remove("TMUX")
            .env("TERM", "xterm-256color")
            .output()
            .expect("tmux is required for the end-to-end UI tests (.ci/run installs it)")
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p"]).stdout).into_owned()
    }

    fn wait_for(&self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
            if screen.contains(needle) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {needle:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

#[test]
fn login_in_the_ui_refreshes_with_r() {
    let p = Provider::start(Config::entra());
    let dir = tempfile::tempdir().unwrap();
    let browser = dir.path().join("browser.sh");
    std::fs::write(
        &browser,
        "#!/bin/sh\ncurl -sS -L --noproxy '*' --max-time 10 \"$1\" >/dev/null 2>&1\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let cmd = format!(
        "env -u DISPLAY -u WAYLAND_DISPLAY BROWSER='{}' XDG_CACHE_HOME='{}' '{}' login --tenant {TENANT} --cloud {} --client-id {CLIENT_ID} 2>'{}'",
        browser.display(),
        dir.path().join("cache").display(),
        assert_cmd::cargo::cargo_bin("jwtscope").display(),
        p.base(),
        dir.path().join("stderr").display(),
    );
    let t = Tmux::start(&cmd, 80, 24);
    let screen = t.wait_for("login auth-code");
    assert!(screen.contains("Signature  valid · RS256"), "{screen}");
    assert!(screen.contains("refresh_token ·"), "{screen}");
    t.run(&["send-keys", "R"]);
    t.wait_for("fetched a new token");
    p.finish();
    assert_eq!(p.hits("/token"), 2, "one code exchange, one refresh");
    t.run(&["send-keys", "q"]);
}
