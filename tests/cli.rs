//! The real binary, every way in and out: input forms, both outputs, every error class and
//! exit code, as a user would run it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::{BufRead, BufReader, Write as _};
use std::process::Stdio;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

use common::{NOW, asset};

const A1: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

/// The binary with a clean, deterministic environment and no clock.
fn bare() -> Command {
    let mut c = Command::cargo_bin("jwtscope").unwrap();
    c.env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env("TZ", "UTC")
        .env("TERM", "xterm-256color");
    c
}

/// As [`bare`], judging times at [`NOW`].
fn jwtscope() -> Command {
    let mut c = bare();
    c.args(["--now", NOW]);
    c
}

fn json_of(cmd: &mut Command) -> Value {
    let out = cmd.args(["--output", "json"]).output().unwrap();
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn origins(report: &Value) -> Vec<String> {
    report["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["origin"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_token_as_the_argument() {
    let r = json_of(jwtscope().arg(A1));
    assert_eq!(r["source"]["type"], "argument");
    assert_eq!(r["tokens"][0]["payload"]["iss"], "joe");
    assert_eq!(r["tokens"][0]["kind"], "jws");
}

#[test]
fn a_file_by_path_or_with_f() {
    let r = json_of(jwtscope().arg(asset("managedid.json")));
    assert_eq!(r["source"]["type"], "file");
    assert_eq!(origins(&r), ["access_token"]);
    let r2 = json_of(jwtscope().arg("-f").arg(asset("managedid.json")));
    assert_eq!(r["tokens"], r2["tokens"]);
}

#[test]
fn stdin_with_dash_or_implicitly_read_to_the_end() {
    let doc = std::fs::read(asset("oauth-response.json")).unwrap();
    let r = json_of(jwtscope().arg("-").write_stdin(doc.clone()));
    assert_eq!(r["source"]["type"], "stdin");
    assert_eq!(origins(&r), ["access_token", "refresh_token", "id_token"]);
    let r2 = json_of(jwtscope().write_stdin(doc));
    assert_eq!(r["tokens"], r2["tokens"]);
}

#[test]
fn pasted_forms_are_unwrapped() {
    let broken = format!("{}\r\n{}\r\n", &A1[..60], &A1[60..]);
    for input in [
        format!("Bearer {A1}"),
        format!("Authorization: Bearer {A1}"),
        format!("\"{A1}\""),
        format!("  {A1}  \n"),
        broken,
        format!("https://jwt.ms/#id_token={A1}"),
    ] {
        let r = json_of(jwtscope().write_stdin(input.clone()));
        assert_eq!(r["tokens"].as_array().unwrap().len(), 1, "{input:?}");
        assert_eq!(r["tokens"][0]["token"], A1, "{input:?}");
    }
}

#[test]
fn imds_response_keeps_its_metadata_and_explains_the_managed_identity() {
    let r = json_of(jwtscope().arg(asset("managedid.json")));
    let t = &r["tokens"][0];
    assert_eq!(t["context"]["resource"], "https://management.azure.com/");
    assert_eq!(t["context"]["expires_in"], "86399");
    let s = &t["summary"];
    assert_eq!(
        s["issuer_kind"],
        "Microsoft Entra ID · v1 · public or US Government cloud"
    );
    assert_eq!(
        s["audience"],
        serde_json::json!(["https://management.azure.com/"])
    );
    assert_eq!(s["audience_name"], "Azure Resource Manager");
    assert_eq!(s["object_id"], "b1e2c3d4-5f60-4718-9a2b-3c4d5e6f7081");
    assert_eq!(
        s["identity_type"],
        "application (app-only) · managed identity"
    );
    assert_eq!(s["azure_resource"]["name"], "vm-web-01");
    assert_eq!(s["azure_resource"]["resource_group"], "rg-web-prod");
    assert_eq!(
        s["azure_resource"]["subscription_id"],
        "5f1d2a7e-0b1c-4e8a-9f0d-2c3b4a5d6e7f"
    );
    assert_eq!(
        s["azure_resource"]["resource_type"],
        "Microsoft.Compute/virtualMachines"
    );
    assert_eq!(s["expires_at"], "2026-11-25T08:05:00Z");
    assert_eq!(s["status"], "valid");
    assert_eq!(s["seconds_to_expiry"], 83_100);
    assert_eq!(s["expiry"], "valid · expires in 23h 5m");
    assert_eq!(s["lifetime"], "24h 5m");
    let exp = t["context_fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "expires_on")
        .unwrap();
    assert_eq!(exp["time"]["utc"], "2026-11-25T08:05:00Z");
    assert_eq!(exp["time"]["relative"], "in 23h 5m");
}

#[test]
fn user_assigned_identity_shows_both_resources() {
    let r = json_of(jwtscope().arg(asset("managedid-user-assigned.json")));
    let s = &r["tokens"][0]["summary"];
    assert_eq!(s["azure_resource"]["name"], "id-keyvault-reader");
    assert_eq!(s["azure_compute_resource"]["name"], "vm-web-01");
    assert_eq!(s["audience_name"], "Azure Key Vault");
}

#[test]
fn az_cli_output_is_understood() {
    let r = json_of(jwtscope().arg(asset("az-get-access-token.json")));
    assert_eq!(origins(&r), ["accessToken"]);
    let t = &r["tokens"][0];
    assert_eq!(
        t["context"]["tenant"],
        "8c3dad1d-b6bc-4f8b-939b-8263372eced6"
    );
    assert_eq!(t["summary"]["app_name"], "Azure CLI");
    assert_eq!(t["summary"]["identity_type"], "user");
    assert_eq!(
        t["summary"]["scopes"],
        serde_json::json!(["user_impersonation"])
    );
}

#[test]
fn a_user_token_says_who_how_and_how_many_groups() {
    let r = json_of(jwtscope().arg(common::user_token()));
    let s = &r["tokens"][0]["summary"];
    assert_eq!(s["user"], "ada@contoso.example");
    assert_eq!(s["name"], "Ada Lovelace");
    assert_eq!(s["auth_methods"], serde_json::json!(["pwd", "mfa"]));
    assert_eq!(s["group_count"], 3);
    assert_eq!(s["groups_overage"], false);
    let text = jwtscope().arg(common::user_token()).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    for want in [
        "ada@contoso.example",
        "Ada Lovelace",
        "multi-factor",
        "3 groups",
    ] {
        assert!(text.contains(want), "{want} missing:\n{text}");
    }

    // Too many groups for the token: the count is unknown and the overage is said.
    let overage = common::token(
        r#"{"alg":"RS256"}"#,
        r#"{"email":"bob@example.com","_claim_names":{"groups":"src1"},"_claim_sources":{"src1":{"endpoint":"https://graph.microsoft.com/v1.0/users/x/getMemberObjects"}}}"#,
    );
    let r = json_of(jwtscope().arg(&overage));
    let s = &r["tokens"][0]["summary"];
    assert_eq!(s["user"], "bob@example.com");
    assert_eq!(s["name"], Value::Null);
    assert_eq!(s["auth_methods"], serde_json::json!([]));
    assert_eq!(s["group_count"], Value::Null);
    assert_eq!(s["groups_overage"], true);
}

#[test]
fn the_opaque_refresh_token_is_listed_not_an_error() {
    let r = json_of(jwtscope().arg(asset("oauth-response.json")));
    let kinds: Vec<&str> = r["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["jws", "opaque", "jws"]);
    let refresh = &r["tokens"][1];
    assert_eq!(
        refresh["token"],
        Value::Null,
        "an opaque secret is not repeated"
    );
    assert!(
        refresh["warnings"][0]
            .as_str()
            .unwrap()
            .contains("opaque token")
    );
}

#[test]
fn logs_and_curl_output_are_scanned() {
    let r = json_of(jwtscope().arg(asset("curl-verbose.txt")));
    assert_eq!(origins(&r), ["line 5 (Authorization header)"]);
}

/// One word with a token inside (a shell assignment, angle brackets, a JSON value like
/// `id=eyJ...`) gives the token, as the same word on a log line does.
#[test]
fn a_token_inside_one_word_is_found() {
    let r = json_of(
        jwtscope()
            .arg("-")
            .write_stdin(format!("ACCESS_TOKEN={A1}\n")),
    );
    assert_eq!(origins(&r), ["line 1 (access_token)"]);
    assert_eq!(r["tokens"][0]["token"], A1);
    let r = json_of(jwtscope().write_stdin(format!("<{A1}>")));
    assert_eq!(r["tokens"][0]["token"], A1);
    let r = json_of(jwtscope().write_stdin(format!(r#"{{"state":"id={A1}"}}"#)));
    assert_eq!(origins(&r), ["state"]);
}

/// Text pasted into a terminal, and old Mac files, break lines with CR alone.
#[test]
fn lines_broken_by_carriage_returns_alone_are_numbered() {
    let log = format!("GET /\rAuthorization: Bearer {A1}\r< 200\rid_token={A1}\r");
    let r = json_of(jwtscope().write_stdin(log));
    assert_eq!(
        origins(&r),
        ["line 2 (Authorization header)", "line 4 (id_token)"]
    );
    jwtscope()
        .write_stdin("just some\rlog lines\r")
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with(
            "error: no token found in the input (2 lines",
        ));
}

#[test]
fn har_files_name_the_header() {
    let har = serde_json::json!({"log": {"entries": [{"request": {"headers": [
        {"name": "Accept", "value": "*/*"},
        {"name": "Authorization", "value": format!("Bearer {A1}")}
    ]}, "response": {"content": {"text": format!("{{\"access_token\":\"{A1}\",\"expires_in\":3599}}")}}}]}});
    let r = json_of(jwtscope().write_stdin(har.to_string()));
    assert_eq!(
        origins(&r),
        [
            "log.entries[0].request.headers[1].value (Authorization)",
            "log.entries[0].response.content.text.access_token"
        ]
    );
    assert_eq!(r["tokens"][1]["context"]["expires_in"], 3599);
}

#[test]
fn text_output_leads_with_the_summary() {
    let out = jwtscope()
        .args(["--output", "text", "--color", "never"])
        .arg(asset("managedid.json"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let issuer = text.find("Issuer").unwrap();
    let claims = text.find("\nClaims").unwrap();
    assert!(issuer < claims);
    for needle in [
        "Microsoft Entra ID · v1",
        "Azure Resource Manager",
        "b1e2c3d4-5f60-4718-9a2b-3c4d5e6f7081",
        "valid · expires in 23h 5m",
        "virtual machine vm-web-01 · resource group rg-web-prod",
        "RSASSA-PKCS1-v1_5",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
    assert!(!text.contains('\u{1b}'), "no colour when not asked");
}

#[test]
fn colour_is_opt_in_off_a_terminal_and_no_color_is_honoured() {
    let coloured = jwtscope().args(["--color", "always", A1]).output().unwrap();
    assert!(String::from_utf8_lossy(&coloured.stdout).contains("\u{1b}["));
    let auto = jwtscope().arg(A1).output().unwrap();
    assert!(!String::from_utf8_lossy(&auto.stdout).contains('\u{1b}'));
    let no_color = jwtscope().env("NO_COLOR", "1").arg(A1).output().unwrap();
    assert!(!String::from_utf8_lossy(&no_color.stdout).contains('\u{1b}'));
}

#[test]
fn escape_sequences_from_a_token_never_reach_the_terminal() {
    let evil = common::token(
        r#"{"alg":"HS256","kid":"\u001b]0;pwned\u0007"}"#,
        r#"{"sub":"\u001b[2J\u001b[31mgotcha","name":"a\u009b31mb","x\u001b[1m":"\u202eexe.txt"}"#,
    );
    for format in ["text", "json"] {
        let out = jwtscope()
            .args(["--output", format, "--color", "never", &evil])
            .output()
            .unwrap();
        assert!(out.status.success());
        let s = String::from_utf8(out.stdout).unwrap();
        for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
            assert!(!s.contains(bad), "{format}: raw {bad:?} in output:\n{s}");
        }
        assert!(
            s.contains("gotcha"),
            "{format}: the text itself is still shown"
        );
    }
}

#[test]
fn identity_not_found_says_what_to_do() {
    jwtscope()
        .arg(asset("noid.json"))
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "error: no managed identity: invalid_request: Identity not found\nhelp: ",
        ))
        .stderr(predicate::str::contains("az vm identity assign"))
        .stderr(predicate::str::contains("--client-id"));
}

#[test]
fn other_error_documents_show_error_and_description() {
    jwtscope()
        .write_stdin(r#"{"error":"invalid_resource","error_description":"AADSTS500011: The resource principal named https://managements.azure.com was not found in the tenant"}"#)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("invalid_resource: AADSTS500011"))
        .stderr(predicate::str::contains("check --resource"));
}

#[test]
fn decode_errors_are_one_line_with_segment_and_offset() {
    let bad = format!("{}.eyJ*zdWIiOiIxIn0.sig", &A1[..A1.find('.').unwrap()]);
    let out = jwtscope().arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("error: payload segment (byte 3 of the segment, byte 44 of the token): invalid base64url character '*'"),
        "{stderr}"
    );
}

#[test]
fn nothing_found_and_missing_files() {
    jwtscope()
        .write_stdin("just some\nlog lines\n")
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with(
            "error: no token found in the input (2 lines",
        ));
    jwtscope()
        .arg("managedid.jsn")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("managedid.jsn: no such file"));
}

/// Windows PowerShell 5.1 writes `az account get-access-token > token.json` as UTF-16LE.
#[test]
fn a_utf16_file_is_read_and_a_gzip_file_refused_with_advice() {
    let dir = tempfile::tempdir().unwrap();
    let doc = format!("{{\r\n  \"accessToken\": \"{A1}\"\r\n}}\r\n");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(doc.encode_utf16().flat_map(u16::to_le_bytes));
    let path = dir.path().join("token.json");
    std::fs::write(&path, &utf16).unwrap();
    let r = json_of(jwtscope().arg(&path));
    assert_eq!(origins(&r), ["accessToken"]);
    assert_eq!(r["tokens"][0]["token"], A1);
    assert!(
        r["tokens"][0]["warnings"][0]
            .as_str()
            .unwrap()
            .starts_with("the input is UTF-16 text"),
        "{r}"
    );
    let r2 = json_of(jwtscope().arg("-").write_stdin(utf16));
    assert_eq!(r["tokens"], r2["tokens"]);

    // `gzip -c token.json`, header and all: what matters is its first two bytes.
    let gz = [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03];
    let out = jwtscope().write_stdin(gz.to_vec()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: the input is gzip-compressed: decompress it first (zcat FILE | jwtscope -, or gunzip FILE)\n"
    );
}

#[test]
fn the_size_limit_refuses_big_input_without_reading_it_all() {
    let big = "x".repeat(2 * 1024 * 1024);
    jwtscope()
        .args(["--max-input-size", "1MiB"])
        .write_stdin(big)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "larger than the 1048576-byte input limit",
        ));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    std::fs::write(&path, vec![b'a'; 4096]).unwrap();
    jwtscope()
        .args(["--max-input-size", "1KiB"])
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("(4096 bytes)"));
}

#[test]
fn a_260_kb_token_with_5000_groups_works_from_a_file_and_stdin() {
    let token = common::big_token(5000);
    assert!(token.len() > 250_000, "{}", token.len());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.jwt");
    std::fs::write(&path, &token).unwrap();
    for r in [
        json_of(jwtscope().arg(&path)),
        json_of(jwtscope().write_stdin(token.clone())),
    ] {
        assert_eq!(
            r["tokens"][0]["payload"]["groups"]
                .as_array()
                .unwrap()
                .len(),
            5000
        );
    }
    let text = jwtscope().arg(&path).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("[5000 items: "), "long arrays are summarised");
}

#[test]
fn check_exits_3_for_expired_tokens() {
    jwtscope().args(["--check", A1]).assert().code(3);
    jwtscope()
        .args(["--check"])
        .arg(asset("managedid.json"))
        .assert()
        .code(0);
    bare()
        .args(["--check", "--now", "2026-11-26T00:00:00Z"])
        .arg(asset("managedid.json"))
        .assert()
        .code(3);
    bare()
        .args(["--check", "--now", "2026-11-24T07:00:00Z"])
        .arg(asset("managedid.json"))
        .assert()
        .code(3);
}

#[test]
fn now_accepts_unix_seconds_and_usage_errors_exit_2() {
    let r = json_of(
        bare()
            .args(["--now", "1795510800"])
            .arg(asset("managedid.json")),
    );
    assert_eq!(r["now"], "2026-11-24T09:00:00Z");
    jwtscope().args(["--output", "yaml", A1]).assert().code(2);
    bare().args(["--now", "tomorrow", A1]).assert().code(2);
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let token = common::big_token(5000);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("jwtscope"))
        .args(["--output", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(token.as_bytes())
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert_eq!(first, "{\n");
    // The reader is gone now; the rest of the output hits a closed pipe.
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn help_shows_every_way_in_and_completions_work() {
    let help = jwtscope().arg("--help").output().unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    for way in [
        "pbpaste | jwtscope",
        "jwtscope - < token.txt",
        "managedid.json",
        "-f ",
        "id_token=",
        "--output json",
    ] {
        assert!(help.contains(way), "--help lacks {way:?}");
    }
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        // bare(): completions refuse --now, which would do nothing there.
        bare()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("jwtscope"));
    }
}

/// The root help lists each subcommand on one line; the subcommand's `--help` has the whole
/// description and its options (built only when the subcommand runs), `-h` the one line.
#[test]
fn subcommands_are_listed_in_one_line_and_described_in_their_own_help() {
    let root = String::from_utf8(jwtscope().arg("--help").output().unwrap().stdout).unwrap();
    let listed = root
        .lines()
        .skip_while(|l| l != &"Commands:")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect::<Vec<_>>();
    let names: Vec<&str> = listed
        .iter()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(
        names,
        ["imds", "login", "encode", "keygen", "completions", "help"]
    );
    for (cmd, long, option) in [
        ("imds", "Never through a proxy", "--retries"),
        ("login", "nothing else is stored", "--redirect-uri"),
        ("encode", "deliberately broken signature", "--secret-file"),
        ("keygen", "RFC 7638 thumbprint", "--bits"),
        ("completions", "Print a shell completion script", "<SHELL>"),
    ] {
        let out = jwtscope().args([cmd, "--help"]).assert().success();
        let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert!(text.contains(long), "{cmd} --help lacks {long:?}:\n{text}");
        assert!(
            text.contains(option),
            "{cmd} --help lacks {option:?}:\n{text}"
        );
        // Global options reach every subcommand.
        assert!(text.contains("--output"), "{cmd} --help lacks --output");
        let short =
            String::from_utf8(jwtscope().args([cmd, "-h"]).output().unwrap().stdout).unwrap();
        let first = short.lines().next().unwrap();
        assert!(
            listed.iter().any(|l| l.ends_with(first)),
            "{cmd} -h starts {first:?}"
        );
    }
}

#[test]
fn json_output_follows_the_documented_schema() {
    let r = json_of(jwtscope().arg(asset("managedid.json")));
    let t = &r["tokens"][0];
    for key in [
        "origin",
        "kind",
        "header",
        "payload",
        "signature",
        "summary",
        "claims",
        "warnings",
        "context",
    ] {
        assert!(t.get(key).is_some(), "token lacks {key}");
    }
    for key in [
        "issuer",
        "issuer_kind",
        "audience",
        "subject",
        "object_id",
        "tenant_id",
        "app_id",
        "azure_resource",
        "issued_at",
        "not_before",
        "expires_at",
        "status",
        "seconds_to_expiry",
    ] {
        assert!(t["summary"].get(key).is_some(), "summary lacks {key}");
    }
    let names: Vec<&str> = t["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        &names[..5],
        ["aud", "iss", "iat", "nbf", "exp"],
        "token order"
    );
    let header_keys: Vec<&String> = t["header"].as_object().unwrap().keys().collect();
    assert_eq!(header_keys, ["typ", "alg", "x5t", "kid"]);
    let exp = t["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "exp")
        .unwrap();
    assert!(exp["description"].is_string());
    assert_eq!(exp["time"]["utc"], "2026-11-25T08:05:00Z");
}

#[test]
fn a_nested_jws_is_decoded_as_the_next_token() {
    let inner = common::token(r#"{"alg":"HS256"}"#, r#"{"sub":"inner"}"#);
    let outer = format!(
        "{}.{}.{}",
        common::b64u(br#"{"alg":"RS256","cty":"JWT"}"#),
        common::b64u(inner.as_bytes()),
        common::b64u(b"sig")
    );
    let r = json_of(jwtscope().arg(&outer));
    assert_eq!(origins(&r), ["input", "input › nested token"]);
    assert_eq!(r["tokens"][1]["payload"]["sub"], "inner");
    assert!(
        r["tokens"][0]["warnings"]
            .to_string()
            .contains("nested JWT")
    );
}

/// Issue 8.5: many tokens are written one at a time; the JSON is still one valid document
/// with every token and every skipped string, and the text report counts them at the end.
#[test]
fn many_tokens_stream_into_one_document() {
    let mut log = String::new();
    for i in 0..3000 {
        log.push_str(&format!("{i} Authorization: Bearer {A1}\n"));
    }
    log.push_str("eyJhbGciOiJub25lIn0.eyJ4Ijox.x.y broken\n");
    let r = json_of(jwtscope().write_stdin(log.clone()));
    assert_eq!(r["tokens"].as_array().unwrap().len(), 3000);
    assert_eq!(
        r["tokens"][2999]["origin"],
        "line 3000 (Authorization header)"
    );
    assert_eq!(r["skipped"].as_array().unwrap().len(), 1);
    assert_eq!(r["now"], "2026-11-24T09:00:00Z");
    let out = jwtscope()
        .args(["--output", "text", "--color", "never"])
        .write_stdin(log)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("== Token 3000 · line 3000 (Authorization header) · JWS (HS256) =="));
    assert!(
        text.trim_end().ends_with("3000 tokens, 1 skipped"),
        "{}",
        &text[text.len() - 200..]
    );
}

/// Nothing decodes: the error alone, on stderr; standard output stays empty.
#[test]
fn nothing_decodable_writes_no_partial_document() {
    let out = jwtscope()
        .args(["--output", "json"])
        .write_stdin("a eyJhbGciOiJub25lIn0.eyJ4Ijox.x.y b\nc eyJhbGciOiJub25lIn0.e30.a.b d\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: none of the 2"));
}

/// Issue 8.10: expiry alone exits 3 with or without a key, and --leeway applies to it.
#[test]
fn check_exit_codes_for_expiry_ignore_the_key_and_honour_the_leeway() {
    // The sample expires at 2026-11-25T08:05:00Z.
    let expired = "2026-11-25T08:06:00Z";
    let jwks = asset("sample-jwks.json");
    let code = |args: &[&str], key: bool| {
        let mut c = bare();
        c.args(["--check", "--output", "json", "--no-cache"])
            .args(args);
        if key {
            c.arg("--key").arg(&jwks);
        }
        c.arg(asset("managedid.json"))
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(code(&["--now", expired], false), Some(3));
    assert_eq!(code(&["--now", expired], true), Some(3));
    assert_eq!(code(&["--now", expired, "--leeway", "120"], false), Some(0));
    assert_eq!(code(&["--now", expired, "--leeway", "120"], true), Some(0));
    assert_eq!(code(&["--now", expired, "--leeway", "30"], true), Some(3));
    assert_eq!(code(&["--now", NOW], true), Some(0));
}

/// Issue 8.17: with a key and --check, a token that was not verified exits 4 and says why.
#[test]
fn check_with_a_key_fails_when_nothing_was_verified() {
    let dir = tempfile::tempdir().unwrap();
    let jwks = std::fs::read_to_string(asset("sample-jwks.json")).unwrap();
    let other = dir.path().join("other.json");
    std::fs::write(
        &other,
        jwks.replace("GZkmL_IZk-BFuGWRLFFy4Du4wHI", "some-other-kid"),
    )
    .unwrap();
    let out = jwtscope()
        .args(["--check", "--output", "json", "--no-cache", "--key"])
        .arg(&other)
        .arg(asset("managedid.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("check failed: token 1 (access_token): signature"),
        "{err}"
    );
    // Without --check the same run succeeds and reports the verification.
    jwtscope()
        .args(["--output", "json", "--no-cache", "--key"])
        .arg(&other)
        .arg(asset("managedid.json"))
        .assert()
        .success();
}

/// Issue 8.12: invisible characters are escaped in text (\u{200b}) and JSON (\u200b), with a
/// warning naming the claim.
#[test]
fn invisible_characters_are_escaped_and_warned_about() {
    let payload =
        common::b64u("{\"iss\":\"https://sts\u{200b}.windows.net/\u{2028}\u{e0041}\"}".as_bytes());
    let token = format!("eyJhbGciOiJIUzI1NiJ9.{payload}.c2ln");
    let out = jwtscope()
        .args(["--output", "json"])
        .arg(&token)
        .output()
        .unwrap();
    let raw = String::from_utf8(out.stdout).unwrap();
    assert!(
        raw.contains(r"https://sts\u200b.windows.net/\u2028\udb40\udc41"),
        "{raw}"
    );
    assert!(!raw.contains('\u{200b}'));
    let out = jwtscope()
        .args(["--output", "text", "--color", "never"])
        .arg(&token)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(r"Issuer      https://sts\u{200b}.windows.net/\u{2028}\u{e0041}"),
        "{text}"
    );
    assert!(
        text.contains("claim iss contains invisible characters"),
        "{text}"
    );
}

/// Issue 8.14: a file name that is not UTF-8 works as a positional argument, as with -f.
#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_read() {
    use std::os::unix::ffi::OsStrExt as _;
    let dir = tempfile::tempdir().unwrap();
    let path = dir
        .path()
        .join(std::ffi::OsStr::from_bytes(b"tok\xe9n.txt"));
    std::fs::write(&path, A1).unwrap();
    let r = json_of(jwtscope().arg(&path));
    assert_eq!(r["tokens"][0]["payload"]["iss"], "joe");
    let missing = dir
        .path()
        .join(std::ffi::OsStr::from_bytes(b"gone\xe9.txt"));
    let out = jwtscope().arg(&missing).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("No such file"));
}

/// Issue 8.18: a signature that is not base64url leaves header and payload readable; with a
/// key the verification is `invalid`.
#[test]
fn a_bad_signature_segment_still_shows_the_token() {
    let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.S";
    let r = json_of(jwtscope().arg(token));
    assert_eq!(r["tokens"][0]["payload"]["sub"], "x");
    let w = r["tokens"][0]["warnings"].to_string();
    assert!(w.contains("the signature cannot be read"), "{w}");
    let r = json_of(
        jwtscope()
            .args(["--secret", "s3cret", "--no-cache"])
            .arg(token),
    );
    assert_eq!(r["tokens"][0]["verification"]["status"], "invalid");
}

/// Issue 8.19: registered claims of the wrong JSON type are warned about, and the summary
/// shows the value as it is.
#[test]
fn registered_claims_of_the_wrong_type_are_warned_about_and_shown() {
    let payload = common::b64u(
        br#"{"aud":1,"iss":["a"],"sub":true,"jti":2,"exp":"soon","nbf":{},"iat":null}"#,
    );
    let r = json_of(jwtscope().arg(format!("eyJhbGciOiJIUzI1NiJ9.{payload}.c2ln")));
    let t = &r["tokens"][0];
    assert_eq!(t["summary"]["audience"], serde_json::json!(["1"]));
    assert_eq!(t["summary"]["issuer"], r#"["a"]"#);
    assert_eq!(t["summary"]["subject"], "true");
    let w = t["warnings"].to_string();
    for needle in [
        r#"\"aud\" is a number, but RFC 7519 §4.1.3 requires a string or an array of strings"#,
        r#"\"iss\" is an array"#,
        r#"\"sub\" is a boolean"#,
        r#"\"jti\" is a number"#,
        r#"\"exp\" is a string"#,
        r#"\"nbf\" is an object"#,
        r#"\"iat\" is null"#,
    ] {
        assert!(w.contains(needle), "{needle} in {w}");
    }
}

#[test]
fn a_sign_key_without_the_ui_is_a_usage_error_not_silently_ignored() {
    jwtscope()
        .args(["--output", "json", "--sign-secret-env", "S", A1])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("edited in the terminal UI"));
}

/// A secret that starts with `-` is the secret, not an unknown option: clap's "unexpected
/// argument" error would have printed it to the screen.
#[test]
fn a_secret_that_starts_with_a_dash_is_taken_as_the_secret_never_echoed() {
    let secret = "--a-secret-that-starts-with-dashes-and-is-long-enough";
    let encoded = bare()
        .args(["encode", "--secret", secret, "--sub", "alice"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&encoded.stderr);
    assert!(encoded.status.success(), "{stderr}");
    assert!(!stderr.contains(secret));
    let token = String::from_utf8(encoded.stdout).unwrap();
    let r = json_of(jwtscope().args(["--secret", secret, token.trim()]));
    assert_eq!(r["tokens"][0]["verification"]["status"], "valid");
    // With another secret the signature does not verify, and the secret is not shown.
    let out = jwtscope()
        .args([
            "--output",
            "text",
            "--secret",
            "--wrong-secret",
            token.trim(),
        ])
        .output()
        .unwrap();
    let all =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(!all.contains("--wrong-secret"), "{all}");
    assert!(all.contains("INVALID · signature mismatch"), "{all}");
}
