//! A private tmux server for the end-to-end UI tests (tui_tmux.rs, login_tui.rs): start a
//! command in a terminal of a given size, send keys, wait for screen content (never fixed
//! sleeps), read the exit status.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How long a screen may take to show what is awaited: generous, for a loaded CI machine.
pub const DEADLINE: Duration = Duration::from_secs(20);

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A private tmux server, killed when the test ends (even when it fails).
pub struct Tmux {
    socket: String,
    /// The command's exit status is written here when it ends.
    pub status: tempfile::NamedTempFile,
}

impl Tmux {
    /// Start `command` in a detached session of `width` x `height`.
    pub fn start(command: &str, width: u16, height: u16) -> Self {
        let tmux = Tmux {
            socket: format!(
                "jwtscope-test-{}-{}",
                std::process::id(),
                NEXT.fetch_add(1, Ordering::SeqCst)
            ),
            status: tempfile::NamedTempFile::new().unwrap(),
        };
        let command = format!(
            "{command}; echo $? > '{}'; sleep 60",
            tmux.status.path().display()
        );
        let out = tmux.run(&[
            "new-session",
            "-d",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
            "sh",
            "-c",
            &command,
        ]);
        assert!(
            out.status.success(),
            "tmux could not start (is tmux installed? .ci/run installs it): {}",
            String::from_utf8_lossy(&out.stderr)
        );
        tmux
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .env_remove("TMUX")
            .env("TERM", "xterm-256color")
            .output()
            .expect("tmux is required for the end-to-end UI tests (.ci/run installs it)")
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p"]).stdout).into_owned()
    }

    /// Sends keys, in order. No sleeps: each test then waits for what the keys should show.
    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.run(&["send-keys", k]);
        }
    }

    /// Wait until the screen shows `needle`, or fail with the screen.
    pub fn wait_for(&self, needle: &str) -> String {
        let deadline = Instant::now() + DEADLINE;
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

    /// Wait until the screen no longer shows `needle`.
    pub fn wait_gone(&self, needle: &str) {
        let deadline = Instant::now() + DEADLINE;
        loop {
            let screen = self.screen();
            if !screen.contains(needle) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {needle:?} to go; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn display(&self, format: &str) -> String {
        String::from_utf8_lossy(&self.run(&["display-message", "-p", format]).stdout)
            .trim()
            .to_string()
    }

    /// Wait for the program to end; returns its exit status.
    pub fn wait_exit(&self) -> String {
        let deadline = Instant::now() + DEADLINE;
        loop {
            let status = std::fs::read_to_string(self.status.path()).unwrap_or_default();
            if !status.trim().is_empty() {
                return status.trim().to_string();
            }
            assert!(
                Instant::now() < deadline,
                "the program did not exit; screen:\n{}",
                self.screen()
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
