//! Signature verification as a user runs it: keys from files and URLs, the result in text and
//! JSON, `--check` exiting 4, and the attacks it must not fall for.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::{Read as _, Write as _};
use std::net::TcpListener;
use std::os::unix::ffi::OsStrExt as _;

use assert_cmd::Command;
use base64::Engine as _;
use predicates::prelude::*;
use serde_json::Value;

fn jwtscope() -> Command {
    let mut c = Command::cargo_bin("jwtscope").unwrap();
    // --no-cache: tests never read or write the user's cache directory.
    c.env("TZ", "UTC")
        .args(["--now", common::NOW, "--no-cache"]);
    c
}

fn verification(cmd: &mut Command) -> Value {
    let out = cmd.args(["--output", "json"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    r["tokens"][0]["verification"].clone()
}

/// The managed-identity sample's token with one payload character changed.
fn tampered() -> String {
    let doc: Value =
        serde_json::from_slice(&std::fs::read(common::asset("managedid.json")).unwrap()).unwrap();
    let token = doc["access_token"].as_str().unwrap();
    let mut parts: Vec<String> = token.split('.').map(str::to_string).collect();
    let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(&parts[1])
        .unwrap();
    let payload = String::from_utf8(payload)
        .unwrap()
        .replace("vm-web-01", "vm-web-02");
    parts[1] = common::b64u(payload.as_bytes());
    parts.join(".")
}

#[test]
fn a_jwk_set_verifies_the_sample_and_the_report_says_so() {
    let v = verification(
        jwtscope()
            .arg("--key")
            .arg(common::asset("sample-jwks.json"))
            .arg(common::asset("managedid.json")),
    );
    assert_eq!(v["status"], "valid");
    assert_eq!(v["algorithm"], "RS256");
    assert_eq!(v["key_id"], "GZkmL_IZk-BFuGWRLFFy4Du4wHI");
    assert!(
        v["key_source"]
            .as_str()
            .unwrap()
            .contains("sample-jwks.json")
    );

    let text = jwtscope()
        .args(["--output", "text", "--key"])
        .arg(common::asset("sample-signing-key.pub.pem"))
        .arg(common::asset("managedid.json"))
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("Signature   valid · RS256"), "{text}");
}

#[test]
fn without_a_key_nothing_is_claimed() {
    let v = verification(jwtscope().arg(common::asset("managedid.json")));
    assert_eq!(v["status"], "not_checked");
    assert!(v["reason"].as_str().unwrap().contains("--key"));
}

#[test]
fn a_tampered_token_is_invalid_and_check_exits_4() {
    let v = verification(
        jwtscope()
            .arg("--key")
            .arg(common::asset("sample-jwks.json"))
            .arg(tampered()),
    );
    assert_eq!(v["status"], "invalid");
    jwtscope()
        .args(["--check", "--output", "json", "--key"])
        .arg(common::asset("sample-jwks.json"))
        .arg(tampered())
        .assert()
        .code(4);
    // A valid signature and a fresh token pass --check.
    jwtscope()
        .args(["--check", "--output", "json", "--key"])
        .arg(common::asset("sample-jwks.json"))
        .arg(common::asset("managedid.json"))
        .assert()
        .code(0);
}

#[test]
fn a_claim_asked_for_that_does_not_match_fails_check() {
    let v = verification(
        jwtscope()
            .args(["--aud", "https://vault.azure.net", "--key"])
            .arg(common::asset("sample-jwks.json"))
            .arg(common::asset("managedid.json")),
    );
    assert_eq!(v["status"], "valid", "the signature itself is fine");
    let aud = v["claim_checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "aud")
        .unwrap();
    assert_eq!(aud["ok"], false);
    jwtscope()
        .args([
            "--check",
            "--output",
            "json",
            "--aud",
            "https://vault.azure.net",
            "--key",
        ])
        .arg(common::asset("sample-jwks.json"))
        .arg(common::asset("managedid.json"))
        .assert()
        .code(4);
}

#[test]
fn the_public_key_is_never_an_hmac_secret() {
    // The algorithm-confusion attack: HS256 "signed" with the RSA public key's PEM text.
    let pem = std::fs::read(common::asset("sample-signing-key.pub.pem")).unwrap();
    let header = common::b64u(br#"{"alg":"HS256","typ":"JWT"}"#);
    let payload = common::b64u(br#"{"sub":"attacker","admin":true}"#);
    let signing_input = format!("{header}.{payload}");
    let mac = hmac_sha256(&pem, signing_input.as_bytes());
    let forged = format!("{signing_input}.{}", common::b64u(&mac));
    let v = verification(
        jwtscope()
            .arg("--key")
            .arg(common::asset("sample-signing-key.pub.pem"))
            .arg(&forged),
    );
    assert_eq!(v["status"], "invalid", "{v}");
}

#[test]
fn a_bad_key_file_is_a_one_line_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("key.pem");
    std::fs::write(&bad, "not a key").unwrap();
    jwtscope()
        .arg("--key")
        .arg(&bad)
        .arg(common::asset("managedid.json"))
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::starts_with("error: ").and(predicate::str::contains("key.pem")));
}

#[test]
fn a_jwk_set_url_on_loopback_verifies() {
    let jwks = std::fs::read(common::asset("sample-jwks.json")).unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let served = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        let mut buf = [0u8; 4096];
        let _ = conn.read(&mut buf).unwrap();
        write!(
            conn,
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            jwks.len()
        )
        .unwrap();
        conn.write_all(&jwks).unwrap();
    });
    let v = verification(
        jwtscope()
            .args(["--jwks", &format!("http://127.0.0.1:{port}/keys")])
            .arg(common::asset("managedid.json")),
    );
    served.join().unwrap();
    assert_eq!(v["status"], "valid", "{v}");
    assert!(v["key_source"].as_str().unwrap().contains("/keys"), "{v}");
}

/// HMAC-SHA256 by RFC 2104, for forging the confusion-attack token in this test only.
fn hmac_sha256(key: &[u8], msg: &[u8]) -> Vec<u8> {
    use hmac::{KeyInit as _, Mac as _};
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(key).unwrap();
    mac.update(msg);
    mac.finalize().into_bytes().to_vec()
}

/// Bad option values are usage errors (exit 2), naming the option, never echoing a secret.
#[test]
fn bad_option_values_exit_2() {
    let token = common::asset("managedid.json");
    for (args, needle) in [
        (vec!["--secret="], "--secret: the secret is empty"),
        (
            vec!["--secret", "b64:%%"],
            "--secret: the text after \"b64:\" is not base64",
        ),
        (vec!["--jwks", "keys.json"], "--jwks: "),
        (vec!["--trust-issuer", "idp"], "--trust-issuer: "),
        (
            vec!["--secret-env", "JWTSCOPE_TEST_UNSET_VARIABLE"],
            "--secret-env JWTSCOPE_TEST_UNSET_VARIABLE: the variable is not set",
        ),
    ] {
        jwtscope()
            .env_remove("JWTSCOPE_TEST_UNSET_VARIABLE")
            .args(&args)
            .arg(&token)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::starts_with(format!("error: {needle}")));
    }
    jwtscope()
        .env(
            "JWTSCOPE_TEST_LATIN1",
            std::ffi::OsStr::from_bytes(b"caf\xe9"),
        )
        .args(["--secret-env", "JWTSCOPE_TEST_LATIN1"])
        .arg(&token)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not UTF-8"));
}
