//! `jwtscope login` in a real terminal (tmux, 80x24): sign in through the test browser, see
//! the tokens in the UI, press `R` to refresh them with the refresh token.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod mock_oidc;
mod tmux;

use mock_oidc::{CLIENT_ID, Config, Provider, TENANT};
use tmux::Tmux;

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
