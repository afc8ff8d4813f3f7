//! `jwtscope login` as a user runs it: the real binary against the mock OpenID provider in
//! tests/mock_oidc, with `$BROWSER` a small script that follows the sign-in URL with curl.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod mock_oidc;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use mock_oidc::{CLIENT_ID, Config, Provider, TENANT};
use serde_json::Value;

/// A `$BROWSER` that follows the URL (the provider's redirect, then the listener) and keeps
/// the page it ends on next to itself.
fn browser(dir: &Path) -> PathBuf {
    let path = dir.join("browser.sh");
    std::fs::write(
        &path,
        "#!/bin/sh\ncurl -sS -L --noproxy '*' --max-time 10 \"$1\" > \"$0.page\" 2>&1\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    path
}

fn jwtscope(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("jwtscope").unwrap();
    for v in [
        "DISPLAY",
        "WAYLAND_DISPLAY",
        "SSH_CONNECTION",
        "SSH_CLIENT",
        "SSH_TTY",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ] {
        c.env_remove(v);
    }
    c.env("BROWSER", browser(dir))
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .env("NO_COLOR", "1")
        .timeout(std::time::Duration::from_secs(60));
    c
}

/// What a finished run wrote to standard error.
fn stderr_of(out: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&out.get_output().stderr).into_owned()
}

fn login_args(p: &Provider) -> Vec<String> {
    [
        "login",
        "--tenant",
        TENANT,
        "--cloud",
        &p.base(),
        "--client-id",
        CLIENT_ID,
        "--timeout",
        "20",
    ]
    .map(String::from)
    .to_vec()
}

#[test]
fn signs_in_through_the_browser_and_prints_json() {
    let p = Provider::start(Config::entra());
    let dir = tempfile::tempdir().unwrap();
    let save = dir.path().join("response.json");
    let out = jwtscope(dir.path())
        .args(login_args(&p))
        .args(["--output", "json", "--save"])
        .arg(&save)
        .assert()
        .success();
    p.finish();
    let o = out.get_output();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("using the auth-code flow: $BROWSER is set"),
        "{stderr}"
    );
    assert!(
        stderr.contains("/oauth2/v2.0/authorize?"),
        "the URL is printed: {stderr}"
    );
    assert!(
        stderr.contains("Mobile and desktop applications"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("refresh-1") && !stderr.contains("code-"),
        "no secrets on stderr: {stderr}"
    );
    let json: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["source"]["type"], "login");
    assert_eq!(json["source"]["flow"], "auth-code");
    let id = json["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["origin"].as_str().unwrap().ends_with("id_token"))
        .unwrap();
    assert_eq!(
        id["verification"]["status"], "valid",
        "{}",
        id["verification"]
    );
    let nonce = id["verification"]["claim_checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "nonce")
        .unwrap();
    assert_eq!(nonce["ok"], true);
    let page = std::fs::read_to_string(dir.path().join("browser.sh.page")).unwrap();
    assert!(page.contains("You can close this tab"), "{page}");
    // --save: the raw response, owner-only.
    let saved: Value = serde_json::from_slice(&std::fs::read(&save).unwrap()).unwrap();
    assert_eq!(saved["refresh_token"], "refresh-1");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&save).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}

#[test]
fn a_nonce_mismatch_fails_check_with_4() {
    let p = Provider::start(Config {
        nonce_override: Some("replayed".into()),
        ..Config::entra()
    });
    let dir = tempfile::tempdir().unwrap();
    let out = jwtscope(dir.path())
        .args(login_args(&p))
        .arg("--check")
        .assert()
        .code(4);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(stdout.contains("nonce"), "{stdout}");
}

#[test]
fn a_browser_that_cannot_start_is_not_called_opened() {
    let p = Provider::start(Config::entra());
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let mut args = login_args(&p);
    args.truncate(args.len() - 2); // its --timeout 20
    // No $BROWSER command, and no xdg-open or other fallback on the PATH.
    let out = jwtscope(dir.path())
        .env("BROWSER", "/nonexistent")
        .env("PATH", &empty)
        .args(args)
        .args(["--flow", "auth-code", "--timeout", "1"])
        .assert()
        .code(1);
    let stderr = stderr_of(&out);
    assert!(
        stderr.contains("could not open a browser (") && stderr.contains("open this URL"),
        "{stderr}"
    );
    assert!(!stderr.contains("opened the browser"), "{stderr}");
}

#[test]
fn an_error_redirect_names_the_code_and_the_fix() {
    let p = Provider::start(Config {
        authorize_error: Some("error=interaction_required&error_description=AADSTS50076%3A+Due+to+a+configuration+change+you+must+use+multi-factor+authentication.".into()),
        ..Config::entra()
    });
    let dir = tempfile::tempdir().unwrap();
    let out = jwtscope(dir.path()).args(login_args(&p)).assert().code(1);
    let stderr = stderr_of(&out);
    assert!(
        stderr.contains("error: the sign-in redirect answered interaction_required (AADSTS50076)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("help: multi-factor authentication is required"),
        "{stderr}"
    );
}

#[test]
fn without_a_browser_the_device_code_flow_is_chosen() {
    let p = Provider::start(Config {
        device_polls: vec!["authorization_pending"],
        ..Config::entra()
    });
    let dir = tempfile::tempdir().unwrap();
    let out = jwtscope(dir.path())
        .env_remove("BROWSER")
        .env("SSH_CONNECTION", "10.0.0.1 22 10.0.0.2 5000")
        .args(login_args(&p))
        .args(["--output", "text"])
        .assert()
        .success();
    p.finish();
    let o = out.get_output();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("using the device-code flow: an SSH session without a display or $BROWSER"),
        "{stderr}"
    );
    assert!(stderr.contains("enter the code ABCD-EFGH"), "{stderr}");
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("login device-code"), "{stdout}");
}

#[test]
fn usage_errors_exit_2_before_anything_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let out = jwtscope(dir.path())
        .args(["login", "--client-id", CLIENT_ID])
        .assert()
        .code(2);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("--tenant"));
    jwtscope(dir.path())
        .args([
            "login",
            "--tenant",
            "common",
            "--cloud",
            "http://example.com",
            "--client-id",
            CLIENT_ID,
        ])
        .assert()
        .code(2);
    jwtscope(dir.path())
        .args(["login", "--tenant", "common"])
        .assert()
        .code(2);
}

#[test]
fn an_echoed_client_secret_code_and_verifier_are_redacted_on_stderr() {
    let p = Provider::start(Config {
        client_auth: mock_oidc::ClientAuthCheck::SecretPost,
        echo_grant: Some("authorization_code"),
        ..Config::entra()
    });
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, format!("{}\n", mock_oidc::SECRET)).unwrap();
    let out = jwtscope(dir.path())
        .args(login_args(&p))
        .arg("--client-secret-file")
        .arg(&secret)
        .assert()
        .code(1);
    let stderr = stderr_of(&out);
    let sent = p.sent_secrets();
    // The secret (also percent-encoded, as the body sent it), the code, the verifier.
    assert_eq!(sent.len(), 4, "{sent:?}");
    for s in &sent {
        assert!(!stderr.contains(s.as_str()), "{s:?} shown: {stderr}");
    }
    assert!(
        stderr.contains("error: the token endpoint answered invalid_client (AADSTS7000215): AADSTS7000215: Invalid client secret provided. Received: client_secret=<redacted> (<redacted>), code=<redacted> (<redacted>), code_verifier=<redacted> (<redacted>)"),
        "{stderr}"
    );
}

#[test]
fn a_timeout_out_of_bounds_is_a_usage_error_before_anything_is_sent() {
    let p = Provider::start(Config::entra());
    let dir = tempfile::tempdir().unwrap();
    for bad in [
        "18446744073709551615",
        "9223372036854775807",
        "3601",
        "0",
        "-1",
    ] {
        let mut args = login_args(&p);
        args.truncate(args.len() - 2); // its --timeout 20
        let out = jwtscope(dir.path())
            .args(args)
            .arg(format!("--timeout={bad}"))
            .assert()
            .code(2);
        let stderr = stderr_of(&out);
        assert!(
            stderr.contains(&format!("invalid value '{bad}' for '--timeout <SECONDS>'")),
            "{bad}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{bad}: {stderr}");
    }
    assert!(p.mock.requests().is_empty());
}

#[test]
fn check_exits_4_when_the_id_token_cannot_be_verified() {
    // 404, and an empty key set: the ID token is unverifiable, which --check must not pass.
    for status in [404, 200] {
        let p = Provider::start(Config {
            jwks_status: Some(status),
            ..Config::entra()
        });
        let dir = tempfile::tempdir().unwrap();
        let out = jwtscope(dir.path())
            .args(login_args(&p))
            .args(["--check", "--output", "json"])
            .assert()
            .code(4);
        let o = out.get_output();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(
            stderr.contains("check failed: token 3 (id_token): signature unverifiable"),
            "{status}: {stderr}"
        );
        let json: Value = serde_json::from_slice(&o.stdout).unwrap();
        let id = json["tokens"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["origin"].as_str().unwrap().ends_with("id_token"))
            .unwrap();
        let reason = id["verification"]["reason"].as_str().unwrap().to_string();
        assert!(
            reason.contains("the provider's jwks_uri: http://127.0.0.1:")
                && !reason.contains("--jwks"),
            "{status}: {reason}"
        );
    }
    // With the keys, the same sign-in passes.
    let p = Provider::start(Config::entra());
    let dir = tempfile::tempdir().unwrap();
    jwtscope(dir.path())
        .args(login_args(&p))
        .args(["--check", "--output", "json"])
        .assert()
        .success();
}

#[test]
fn a_bad_save_path_is_refused_before_the_sign_in() {
    let p = Provider::start(Config::entra());
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("target.json");
    std::fs::write(&target, "keep").unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    for (save, why) in [
        (dir.path().join("missing-dir/r.json"), "No such file"),
        (link, "is a symbolic link"),
        (dir.path().to_path_buf(), "is a directory"),
    ] {
        let out = jwtscope(dir.path())
            .args(login_args(&p))
            .arg("--save")
            .arg(&save)
            .assert()
            .code(1);
        let stderr = stderr_of(&out);
        assert!(
            stderr.contains("error: cannot save the response to") && stderr.contains(why),
            "{stderr}"
        );
        assert!(
            !stderr.contains("authorize?"),
            "the browser was opened: {stderr}"
        );
    }
    assert!(p.mock.requests().is_empty(), "nothing is sent");
    assert_eq!(std::fs::read(&target).unwrap(), b"keep");
}

#[test]
fn a_save_that_fails_after_the_sign_in_still_shows_the_tokens() {
    let p = Provider::start(Config::entra());
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("gone");
    std::fs::create_dir(&gone).unwrap();
    // The directory disappears while the user signs in.
    let browser = browser(dir.path());
    let removing = dir.path().join("removing.sh");
    std::fs::write(
        &removing,
        format!(
            "#!/bin/sh\nrmdir '{}'\nexec '{}' \"$1\"\n",
            gone.display(),
            browser.display()
        ),
    )
    .unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&removing, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let out = jwtscope(dir.path())
        .env("BROWSER", &removing)
        .args(login_args(&p))
        .args(["--output", "json", "--save"])
        .arg(gone.join("r.json"))
        .assert()
        .code(1);
    p.finish();
    let o = out.get_output();
    let json: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["source"]["type"], "login");
    assert_eq!(json["tokens"].as_array().unwrap().len(), 3);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("error: cannot save the response to"),
        "{stderr}"
    );
}

#[test]
fn an_html_error_page_names_the_status_not_a_parser_error() {
    let page = format!(
        "<html><body><h1>Oops</h1>{}</body></html>",
        "x".repeat(5000)
    );
    let p = Provider::start(Config {
        token_error: Some((500, page.clone())),
        ..Config::entra()
    });
    let dir = tempfile::tempdir().unwrap();
    let out = jwtscope(dir.path()).args(login_args(&p)).assert().code(1);
    let stderr = stderr_of(&out);
    assert!(
        stderr.contains(&format!(
            "error: the token endpoint's answer cannot be read: HTTP 500 Internal Server Error, {} bytes that are not JSON",
            page.len()
        )),
        "{stderr}"
    );
    assert!(
        !stderr.contains("Oops") && !stderr.contains("line 1 column"),
        "{stderr}"
    );
}
