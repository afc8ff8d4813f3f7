//! `jwtscope imds` as a user runs it, against a mock identity endpoint on 127.0.0.1 that the
//! test starts: the answer decoded like a file, the IMDS errors explained, `--save`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod mock_identity;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

use mock_identity::{Mock, Reply};

const TOKEN_PATH: &str = "/metadata/identity/oauth2/token";

/// The binary with no managed-identity variables (so IMDS is chosen) and no proxies.
fn jwtscope(mock: &Mock) -> Command {
    let mut c = Command::cargo_bin("jwtscope").unwrap();
    for var in mock_identity::IDENTITY_VARS {
        c.env_remove(var);
    }
    c.env("TZ", "UTC").args([
        "imds",
        "--endpoint",
        &mock.url(TOKEN_PATH),
        "--retry-base-ms",
        "10",
        "--now",
        common::NOW,
    ]);
    c
}

#[test]
fn the_answer_is_decoded_like_a_file_and_the_source_says_what_was_asked() {
    let body = std::fs::read_to_string(common::asset("managedid.json")).unwrap();
    let mock =
        Mock::start(move |_, _| Reply::json(200, &body).with_header("Server", "IMDS/150.870.65.1"));
    let out = jwtscope(&mock).args(["--output", "json"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["source"]["type"], "fetch");
    assert_eq!(r["source"]["host"], "imds");
    assert_eq!(r["source"]["resource"], "https://management.azure.com/");
    assert_eq!(r["source"]["status"], 200);
    assert_eq!(r["source"]["server"], "IMDS/150.870.65.1");
    let t = &r["tokens"][0];
    assert_eq!(t["origin"], "access_token");
    assert_eq!(t["summary"]["azure_resource"]["name"], "vm-web-01");
    assert_eq!(t["context"]["expires_on"], "1795593900");
    let req = &mock.requests()[0];
    assert_eq!(req.method, "GET");
    assert_eq!(req.header("Metadata"), Some("true"));
    assert_eq!(
        req.query_value("api-version").as_deref(),
        Some("2018-02-01")
    );
    assert_eq!(
        req.query_value("resource").as_deref(),
        Some("https://management.azure.com/")
    );

    let text = jwtscope(&mock).args(["--output", "text"]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.starts_with("jwtscope · IMDS "), "{text}");
    assert!(text.contains("valid · expires in 23h 5m"), "{text}");
}

#[test]
fn identity_not_found_says_how_to_fix_it() {
    let mock = Mock::script(vec![Reply::json(
        400,
        r#"{"error":"invalid_request","error_description":"Identity not found"}"#,
    )]);
    jwtscope(&mock)
        .args(["--output", "json"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("Identity not found"))
        .stderr(predicate::str::contains("400"))
        .stderr(predicate::str::contains("az vm identity assign"));
    assert_eq!(mock.requests().len(), 1, "a 400 is not retried");
}

#[test]
fn several_identities_need_a_selector_and_two_selectors_are_a_usage_error() {
    let mock = Mock::script(vec![Reply::json(
        400,
        r#"{"error":"invalid_request","error_description":"Multiple user assigned identities exist, please specify the clientId / resourceId of the identity in the token request"}"#,
    )]);
    jwtscope(&mock)
        .args(["--output", "json"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--client-id"));
    jwtscope(&mock)
        .args(["--client-id", "a", "--object-id", "b"])
        .assert()
        .code(2);
}

#[test]
fn retries_are_announced_on_stderr() {
    let body = std::fs::read_to_string(common::asset("managedid.json")).unwrap();
    let mock = Mock::script(vec![
        Reply::json(429, r#"{"error":"too_many_requests"}"#),
        Reply::json(200, &body),
    ]);
    jwtscope(&mock)
        .args(["--output", "json", "--retries", "2"])
        .assert()
        .success()
        .stderr(predicate::str::contains("429"));
    assert_eq!(mock.requests().len(), 2);
}

#[test]
fn save_writes_the_raw_answer_privately() {
    let body = std::fs::read_to_string(common::asset("managedid.json")).unwrap();
    let served = body.clone();
    let mock = Mock::start(move |_, _| Reply::json(200, &served));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("managedid.json");
    jwtscope(&mock)
        .args(["--output", "json", "--save"])
        .arg(&path)
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), body);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}

#[test]
fn a_refused_connection_names_the_address() {
    let port = mock_identity::closed_port();
    Command::cargo_bin("jwtscope")
        .unwrap()
        .args([
            "imds",
            "--source",
            "imds",
            "--endpoint",
            &format!("http://127.0.0.1:{port}{TOKEN_PATH}"),
            "--output",
            "json",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!("127.0.0.1:{port}")));
}

/// A timeout below 1 ms is a bad value (exit 2), not "the endpoint is not listening".
#[test]
fn a_timeout_below_a_millisecond_is_refused() {
    let body = std::fs::read_to_string(common::asset("managedid.json")).unwrap();
    let mock = Mock::start(move |_, _| Reply::json(200, &body));
    for t in ["1e-300", "0.0005"] {
        jwtscope(&mock)
            .args(["--timeout", t])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("from 0.001 (1 ms) to 3600"));
    }
    assert!(mock.requests().is_empty(), "nothing was sent");
    jwtscope(&mock)
        .args(["--timeout", "0.5", "--output", "json"])
        .assert()
        .code(0);
}
