//! Helpers shared by the integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::Value;

/// The instant every test judges times against: the samples in assets/ are fresh then.
pub const NOW: &str = "2026-11-24T09:00:00Z";

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn asset(name: &str) -> PathBuf {
    root().join("assets").join(name)
}

pub fn conformance_dir() -> PathBuf {
    root().join("tests/conformance")
}

/// Every conformance token file, parsed, with its file name.
pub fn conformance_tokens() -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = std::fs::read_dir(conformance_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "json")
                && p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with(|c: char| c.is_ascii_digit())
        })
        .map(|p| {
            let v: Value = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
            (p.file_name().unwrap().to_string_lossy().into_owned(), v)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

pub fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

pub fn b64u(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// An unsigned-looking token (a dummy signature) with the given header and payload JSON.
pub fn token(header: &str, payload: &str) -> String {
    format!(
        "{}.{}.{}",
        b64u(header.as_bytes()),
        b64u(payload.as_bytes()),
        b64u(b"not-a-real-signature")
    )
}

/// An Entra-shaped access token carrying `groups` GUIDs: 5000 of them make about 260 KB.
pub fn big_token(groups: usize) -> String {
    let mut payload = String::from(
        r#"{"aud":"https://management.azure.com/","iss":"https://sts.windows.net/8c3dad1d-b6bc-4f8b-939b-8263372eced6/","iat":1795507200,"nbf":1795507200,"exp":1795511100,"oid":"3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f","tid":"8c3dad1d-b6bc-4f8b-939b-8263372eced6","ver":"1.0","groups":["#,
    );
    for i in 0..groups {
        if i > 0 {
            payload.push(',');
        }
        payload.push_str(&format!(
            "\"{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}\"",
            i * 7919,
            i % 65536,
            i % 4096,
            (i * 31) % 4096,
            i as u64 * 104_729
        ));
    }
    payload.push_str("]}");
    token(r#"{"typ":"JWT","alg":"RS256","kid":"test"}"#, &payload)
}

/// An Entra v2 access token for a signed-in user: who they are, how they signed in, their
/// groups, scopes and roles.
pub fn user_token() -> String {
    token(
        r#"{"typ":"JWT","alg":"RS256","kid":"test"}"#,
        r#"{"aud":"api://orders","iss":"https://login.microsoftonline.com/8c3dad1d-b6bc-4f8b-939b-8263372eced6/v2.0","iat":1795507200,"nbf":1795507200,"exp":1795511100,"amr":["pwd","mfa"],"azp":"04b07795-8ddb-461a-bbee-02f9e1bf7b46","groups":["a1b2c3d4-0000-4000-8000-000000000001","a1b2c3d4-0000-4000-8000-000000000002","a1b2c3d4-0000-4000-8000-000000000003"],"idtyp":"user","name":"Ada Lovelace","oid":"3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f","preferred_username":"ada@contoso.example","roles":["Orders.Admin"],"scp":"Orders.Read Orders.Write","sub":"Zx9lT0F6m3kGv7VvJm2r6C8sQ1n4pY5bH0aW2eD7uIo","tid":"8c3dad1d-b6bc-4f8b-939b-8263372eced6","upn":"ada@contoso.example","ver":"2.0"}"#,
    )
}
