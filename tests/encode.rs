//! `jwtscope encode` as a user runs it: every algorithm round-trips through `jwtscope --key
//! PUBLIC --check`; OpenSSL (an independent implementation) verifies our tokens and makes
//! tokens we verify; RFC 7515 A.1 and A.2 come out byte for byte; every error path has its
//! exit code; secrets never show.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::Value;

/// The binary run in `dir`, without the `--now` of [`jwtscope`] (keygen refuses it).
fn bare_in(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("jwtscope").unwrap();
    c.current_dir(dir);
    c
}

fn jwtscope() -> Command {
    let mut c = Command::cargo_bin("jwtscope").unwrap();
    c.env("TZ", "UTC").args(["--now", common::NOW]);
    c
}

/// Run openssl; the tests need it (Debian: `apt-get install openssl`).
fn openssl(args: &[&str], dir: &Path) -> Vec<u8> {
    let out = Process::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the openssl command is needed by these tests (apt-get install openssl)");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// A private key (in the format openssl writes for `gen`) and its public PEM, in `dir`.
struct Pair {
    private: PathBuf,
    public: PathBuf,
}

fn keypair(dir: &Path, name: &str, gen_args: &[&str]) -> Pair {
    let private = dir.join(format!("{name}.pem"));
    let public = dir.join(format!("{name}.pub.pem"));
    // "-out" right after the command: genrsa takes the bit count last.
    let mut args: Vec<&str> = vec![gen_args[0], "-out", private.to_str().unwrap()];
    args.extend(&gen_args[1..]);
    openssl(&args, dir);
    openssl(
        &[
            "pkey",
            "-in",
            private.to_str().unwrap(),
            "-pubout",
            "-out",
            public.to_str().unwrap(),
        ],
        dir,
    );
    Pair { private, public }
}

/// A P-256 key pair, `name`.pem and `name`.pub.pem.
fn p256_pair(dir: &Path, name: &str) -> Pair {
    keypair(
        dir,
        name,
        &[
            "genpkey",
            "-algorithm",
            "EC",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
        ],
    )
}

/// Every asymmetric algorithm with a key in each PEM format openssl writes.
fn asymmetric_keys(dir: &Path) -> Vec<(&'static str, Pair)> {
    let rsa_pkcs8 = keypair(
        dir,
        "rsa8",
        &[
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
        ],
    );
    let rsa_pkcs1 = keypair(dir, "rsa1", &["genrsa", "-traditional", "2048"]);
    let p256 = p256_pair(dir, "p256");
    // SEC1 "EC PRIVATE KEY", after an "EC PARAMETERS" block as `ecparam -genkey` writes it.
    let p384 = keypair(dir, "p384", &["ecparam", "-name", "secp384r1", "-genkey"]);
    let p521 = keypair(
        dir,
        "p521",
        &["ecparam", "-name", "secp521r1", "-genkey", "-noout"],
    );
    let ed = keypair(dir, "ed", &["genpkey", "-algorithm", "ed25519"]);
    let rsa_pkcs1_b = Pair {
        private: rsa_pkcs1.private.clone(),
        public: rsa_pkcs1.public.clone(),
    };
    let rsa_pkcs8_b = Pair {
        private: rsa_pkcs8.private.clone(),
        public: rsa_pkcs8.public.clone(),
    };
    let rsa_pkcs8_c = Pair {
        private: rsa_pkcs8.private.clone(),
        public: rsa_pkcs8.public.clone(),
    };
    let rsa_pkcs1_c = Pair {
        private: rsa_pkcs1.private.clone(),
        public: rsa_pkcs1.public.clone(),
    };
    vec![
        ("RS256", rsa_pkcs8),
        ("RS384", rsa_pkcs1),
        ("RS512", rsa_pkcs8_b),
        ("PS256", rsa_pkcs1_b),
        ("PS384", rsa_pkcs8_c),
        ("PS512", rsa_pkcs1_c),
        ("ES256", p256),
        ("ES384", p384),
        ("ES512", p521),
        ("EdDSA", ed),
    ]
}

fn encode(args: &[&str]) -> String {
    let out = jwtscope().arg("encode").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "encode {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.ends_with('\n') && text.matches('\n').count() == 1,
        "{text:?}"
    );
    text.trim_end().to_string()
}

/// `jwtscope --key KEY --check -o json TOKEN`: the verification object, and the exit code.
fn check(token: &str, key_option: &[&str]) -> (Value, i32) {
    let out = jwtscope()
        .args(key_option)
        .args(["--check", "--no-cache", "-o", "json", token])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)));
    (
        report["tokens"][0]["verification"].clone(),
        out.status.code().unwrap(),
    )
}

fn segments(token: &str) -> (String, Vec<u8>, Vec<u8>) {
    let mut parts = token.split('.');
    let h = parts.next().unwrap();
    let p = parts.next().unwrap();
    let s = parts.next().unwrap();
    (
        format!("{h}.{p}"),
        URL_SAFE_NO_PAD.decode(p).unwrap(),
        URL_SAFE_NO_PAD.decode(s).unwrap(),
    )
}

fn hash_of(alg: &str) -> &'static str {
    match &alg[2..] {
        "384" => "-sha384",
        "512" => "-sha512",
        _ => "-sha256",
    }
}

/// openssl checks a signature jwtscope made.
fn openssl_verifies(dir: &Path, alg: &str, public: &Path, token: &str) {
    let (input, _, sig) = segments(token);
    std::fs::write(dir.join("input"), &input).unwrap();
    let sig = match alg {
        // JWS carries r||s; openssl wants DER.
        "ES256" => p256::ecdsa::Signature::from_slice(&sig)
            .unwrap()
            .to_der()
            .to_bytes()
            .to_vec(),
        "ES384" => p384::ecdsa::Signature::from_slice(&sig)
            .unwrap()
            .to_der()
            .to_bytes()
            .to_vec(),
        "ES512" => p521::ecdsa::Signature::from_slice(&sig)
            .unwrap()
            .to_der()
            .to_bytes()
            .to_vec(),
        _ => sig,
    };
    std::fs::write(dir.join("sig"), &sig).unwrap();
    let public = public.to_str().unwrap();
    let out = if alg == "EdDSA" {
        openssl(
            &[
                "pkeyutl", "-verify", "-pubin", "-inkey", public, "-rawin", "-in", "input",
                "-sigfile", "sig",
            ],
            dir,
        )
    } else if alg.starts_with("PS") {
        openssl(
            &[
                "dgst",
                hash_of(alg),
                "-verify",
                public,
                "-sigopt",
                "rsa_padding_mode:pss",
                "-sigopt",
                "rsa_pss_saltlen:digest",
                "-signature",
                "sig",
                "input",
            ],
            dir,
        )
    } else {
        openssl(
            &[
                "dgst",
                hash_of(alg),
                "-verify",
                public,
                "-signature",
                "sig",
                "input",
            ],
            dir,
        )
    };
    assert!(
        String::from_utf8_lossy(&out).contains("Verified OK")
            || String::from_utf8_lossy(&out).contains("Signature Verified Successfully"),
        "{alg}: {}",
        String::from_utf8_lossy(&out)
    );
}

/// openssl makes a token; jwtscope must call it valid.
fn openssl_token(dir: &Path, alg: &str, private: &Path) -> String {
    let header = URL_SAFE_NO_PAD.encode(format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#));
    let payload = URL_SAFE_NO_PAD.encode(r#"{"iss":"openssl","exp":1900000000}"#);
    let input = format!("{header}.{payload}");
    std::fs::write(dir.join("input"), &input).unwrap();
    let private = private.to_str().unwrap();
    let sig = if alg == "EdDSA" {
        openssl(
            &[
                "pkeyutl", "-sign", "-inkey", private, "-rawin", "-in", "input",
            ],
            dir,
        )
    } else if alg.starts_with("PS") {
        openssl(
            &[
                "dgst",
                hash_of(alg),
                "-sign",
                private,
                "-sigopt",
                "rsa_padding_mode:pss",
                "-sigopt",
                "rsa_pss_saltlen:digest",
                "input",
            ],
            dir,
        )
    } else {
        openssl(&["dgst", hash_of(alg), "-sign", private, "input"], dir)
    };
    let sig = match alg {
        "ES256" => p256::ecdsa::Signature::from_der(&sig)
            .unwrap()
            .to_bytes()
            .to_vec(),
        "ES384" => p384::ecdsa::Signature::from_der(&sig)
            .unwrap()
            .to_bytes()
            .to_vec(),
        "ES512" => p521::ecdsa::Signature::from_der(&sig)
            .unwrap()
            .to_bytes()
            .to_vec(),
        _ => sig,
    };
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(sig))
}

#[test]
fn every_algorithm_round_trips_and_openssl_agrees_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    for (alg, pair) in asymmetric_keys(dir.path()) {
        let private = pair.private.to_str().unwrap();
        let public = pair.public.to_str().unwrap();
        let token = encode(&[
            "--key",
            private,
            "--alg",
            alg,
            "--sub",
            "round-trip",
            "--exp",
            "+1h",
        ]);
        let (v, code) = check(&token, &["--key", public]);
        assert_eq!(v["status"], "valid", "{alg}: {v}");
        assert_eq!(v["algorithm"], alg);
        assert_eq!(code, 0, "{alg}");
        openssl_verifies(dir.path(), alg, &pair.public, &token);

        let theirs = openssl_token(dir.path(), alg, &pair.private);
        let (v, code) = check(&theirs, &["--key", public]);
        assert_eq!(v["status"], "valid", "{alg} made by openssl: {v}");
        assert_eq!(code, 0);
    }
    // HMAC: openssl computes the same tag.
    for alg in ["HS256", "HS384", "HS512"] {
        let secret = "a-secret-of-at-least-sixty-four-bytes-for-hs512-0123456789abcdef";
        let token = jwtscope()
            .args([
                "encode",
                "--secret-env",
                "JWT_SECRET",
                "--alg",
                alg,
                "--sub",
                "s",
            ])
            .env("JWT_SECRET", secret)
            .output()
            .unwrap();
        assert!(token.status.success());
        let token = String::from_utf8(token.stdout).unwrap().trim().to_string();
        let (v, code) = check(&token, &["--secret", secret]);
        assert_eq!(
            (v["status"].as_str(), code),
            (Some("valid"), 0),
            "{alg}: {v}"
        );
        let (input, _, sig) = segments(&token);
        std::fs::write(dir.path().join("input"), &input).unwrap();
        let tag = openssl(
            &[
                "dgst",
                hash_of(alg),
                "-mac",
                "HMAC",
                "-macopt",
                &format!("key:{secret}"),
                "-binary",
                "input",
            ],
            dir.path(),
        );
        assert_eq!(tag, sig, "{alg}");
    }
}

#[test]
fn a_default_algorithm_comes_from_the_key() {
    let dir = tempfile::tempdir().unwrap();
    for (alg, pair) in asymmetric_keys(dir.path()) {
        if alg.starts_with("PS") || alg == "RS384" || alg == "RS512" {
            continue;
        }
        let token = encode(&["--key", pair.private.to_str().unwrap()]);
        let header: Value = serde_json::from_slice(
            &URL_SAFE_NO_PAD
                .decode(token.split('.').next().unwrap())
                .unwrap(),
        )
        .unwrap();
        assert_eq!(header["alg"], alg);
        assert_eq!(header["typ"], "JWT");
    }
}

/// The RFC's header and payload bytes (with their CRLFs), and its private JWK.
fn rfc_case(file: &str, dir: &Path) -> (String, PathBuf, PathBuf, PathBuf) {
    let case: Value =
        serde_json::from_slice(&std::fs::read(common::conformance_dir().join(file)).unwrap())
            .unwrap();
    let token = case["token"].as_str().unwrap().to_string();
    let mut parts = token.split('.');
    let header = dir.join("header.json");
    let payload = dir.join("payload.json");
    let key = dir.join("key.jwk.json");
    std::fs::write(
        &header,
        URL_SAFE_NO_PAD.decode(parts.next().unwrap()).unwrap(),
    )
    .unwrap();
    std::fs::write(
        &payload,
        URL_SAFE_NO_PAD.decode(parts.next().unwrap()).unwrap(),
    )
    .unwrap();
    std::fs::write(&key, case["key"].to_string()).unwrap();
    (token, header, payload, key)
}

#[test]
fn rfc7515_a1_and_a2_come_out_byte_for_byte() {
    for file in ["01-rfc7515-A1-hs256.json", "02-rfc7515-A2-rs256.json"] {
        let dir = tempfile::tempdir().unwrap();
        let (expected, header, payload, key) = rfc_case(file, dir.path());
        assert!(std::fs::read_to_string(&payload).unwrap().contains("\r\n"));
        let token = encode(&[
            "--header-json",
            &format!("@{}", header.display()),
            "--payload",
            &format!("@{}", payload.display()),
            "--key",
            key.to_str().unwrap(),
            "--no-iat",
        ]);
        assert_eq!(token, expected, "{file}");
    }
}

#[test]
fn member_order_and_number_spelling_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let claims = dir.path().join("claims.json");
    std::fs::write(
        &claims,
        "{\"z\": 1.50, \"a\": 1e3, \"big\": 123456789012345678901234567890, \"m\": 2}\n",
    )
    .unwrap();
    let token = encode(&[
        "--secret",
        "0123456789abcdef0123456789abcdef",
        "--payload",
        &format!("@{}", claims.display()),
        "--claim",
        "new=true",
        "--sub",
        "alice",
        "--claim",
        "m=3",
        "--drop",
        "a",
        "--aud",
        "x",
        "--aud",
        "y",
        "--exp",
        "+30s",
    ]);
    let (_, payload, _) = segments(&token);
    assert_eq!(
        String::from_utf8(payload).unwrap(),
        r#"{"z":1.50,"big":123456789012345678901234567890,"m":3,"new":true,"sub":"alice","aud":["x","y"],"exp":1795510830,"iat":1795510800}"#
    );
    // Unchanged payload bytes are kept as given (whitespace and all), with --no-iat.
    let token = encode(&[
        "--secret",
        "0123456789abcdef0123456789abcdef",
        "--payload",
        "{ \"b\" : 1 ,\"a\":2}",
        "--no-iat",
    ]);
    let (_, payload, _) = segments(&token);
    assert_eq!(payload, b"{ \"b\" : 1 ,\"a\":2}");
    // Exponents keep their spelling when an option changes the payload, and in --claim.
    let token = encode(&[
        "--secret",
        "0123456789abcdef0123456789abcdef",
        "--payload",
        r#"{"e":1e3,"f":1E400}"#,
        "--claim",
        "g=0.1e1",
        "--no-iat",
    ]);
    let (_, payload, _) = segments(&token);
    assert_eq!(payload, br#"{"e":1e3,"f":1E400,"g":0.1e1}"#);
    // A name given twice: kept twice when nothing changes the payload, once when an option
    // does; a warning says which.
    for (extra, kept, says) in [
        (&[][..], &br#"{"a":1,"a":2}"#[..], "and so does the token"),
        (
            &["--sub", "x"][..],
            &br#"{"a":2,"sub":"x"}"#[..],
            "the token has it once",
        ),
    ] {
        let mut args = vec![
            "encode",
            "--unsigned",
            "--no-iat",
            "--payload",
            r#"{"a":1,"a":2}"#,
        ];
        args.extend(extra);
        let out = jwtscope().args(&args).output().unwrap();
        let token = String::from_utf8(out.stdout).unwrap();
        let (_, payload, _) = segments(token.trim());
        assert_eq!(payload, kept);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(r#"the payload has the member "a" 2 times"#),
            "{stderr}"
        );
        assert!(stderr.contains(says), "{stderr}");
    }
    // --claim-str forces a string; --jti auto is a random UUID.
    let token = encode(&[
        "--unsigned",
        "--claim-str",
        "n=42",
        "--jti",
        "auto",
        "--no-iat",
    ]);
    let (_, payload, sig) = segments(&token);
    let p: Value = serde_json::from_slice(&payload).unwrap();
    assert_eq!(p["n"], "42");
    assert_eq!(p["jti"].as_str().unwrap().len(), 36);
    assert!(sig.is_empty());
}

#[test]
fn from_an_identity_response_with_a_new_expiry_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let pair = p256_pair(dir.path(), "k");
    let asset = common::asset("managedid.json");
    let out = jwtscope()
        .args([
            "encode",
            "--from",
            asset.to_str().unwrap(),
            "--exp",
            "+30s",
            "--key",
            pair.private.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("replaced the header's kid, x5t (they named the key that signed the old token) with this key's kid"),
        "{stderr}"
    );
    let token = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let (v, code) = check(&token, &["--key", pair.public.to_str().unwrap()]);
    assert_eq!((v["status"].as_str(), code), (Some("valid"), 0), "{v}");
    // A token that named no key (same algorithm, nothing else changed) gets this one's kid.
    let key = pair.private.to_str().unwrap();
    let plain = encode(&["--header-json", r#"{"alg":"ES256"}"#, "--key", key]);
    let again = encode(&["--from", &plain, "--key", key]);
    let header = URL_SAFE_NO_PAD.decode(again.split('.').next().unwrap());
    let header: Value = serde_json::from_slice(&header.unwrap()).unwrap();
    assert_eq!(header["alg"], "ES256");
    assert_eq!(header["kid"].as_str().map(str::len), Some(43), "{header}");

    let doc: Value = serde_json::from_slice(&std::fs::read(&asset).unwrap()).unwrap();
    let original = doc["access_token"].as_str().unwrap();
    let (_, old_payload, _) = segments(original);
    let (_, new_payload, _) = segments(&token);
    let old: serde_json::Map<String, Value> = serde_json::from_slice(&old_payload).unwrap();
    let new: serde_json::Map<String, Value> = serde_json::from_slice(&new_payload).unwrap();
    // Same claims in the same order; only exp changed (now + 30 s).
    assert_eq!(
        old.keys().collect::<Vec<_>>(),
        new.keys().collect::<Vec<_>>()
    );
    for (k, v) in &old {
        if k == "exp" {
            assert_eq!(new[k], 1_795_510_830);
        } else {
            assert_eq!(&new[k], v, "{k}");
        }
    }

    // --keep-signature: the old signature on new claims, said so, and INVALID for the key.
    let out = jwtscope()
        .args([
            "encode",
            "--from",
            asset.to_str().unwrap(),
            "--claim",
            "roles=[\"admin\"]",
            "--keep-signature",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("deliberately invalid"));
    let token = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert_eq!(token.rsplit('.').next(), original.rsplit('.').next());
    assert_eq!(
        token.split('.').next(),
        original.split('.').next(),
        "unchanged header kept"
    );
    // Nothing changed: the very same token.
    let same = encode(&["--from", original, "--keep-signature"]);
    assert_eq!(same, original);
}

#[test]
fn output_json_and_text_are_the_usual_report_of_the_new_token() {
    let out = jwtscope()
        .args([
            "encode",
            "--secret",
            "0123456789abcdef0123456789abcdef",
            "--iss",
            "https://test",
            "--exp",
            "+1h",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    let t = &r["tokens"][0];
    assert!(t["token"].as_str().unwrap().starts_with("eyJ"));
    assert_eq!(t["summary"]["issuer"], "https://test");
    assert_eq!(t["summary"]["status"], "valid");
    assert_eq!(t["verification"]["status"], "valid");
    let out = jwtscope()
        .args([
            "encode",
            "--unsigned",
            "--sub",
            "x",
            "-o",
            "text",
            "--color",
            "never",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Unsecured") || text.contains("unsigned") || text.contains("none"),
        "{text}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("unsigned"));
}

/// Run encode expecting failure: (exit code, stderr).
fn fails(args: &[&str]) -> (i32, String) {
    let out = jwtscope().arg("encode").args(args).output().unwrap();
    assert!(
        out.stdout.is_empty(),
        "{args:?} printed {:?}",
        String::from_utf8_lossy(&out.stdout)
    );
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn every_error_path_has_its_exit_code_and_names_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let ec = p256_pair(dir.path(), "ec");
    let private = ec.private.to_str().unwrap();
    let public = ec.public.to_str().unwrap();
    let cases: &[(&[&str], i32, &str)] = &[
        // A key that does not fit the algorithm: usage, naming both.
        (
            &["--key", private, "--alg", "RS256"],
            2,
            "RS256 needs an RSA private key, but the key is an EC P-256 private key",
        ),
        (
            &["--key", private, "--alg", "ES384"],
            2,
            "ES384 needs an EC P-384 private key",
        ),
        (
            &[
                "--secret",
                "0123456789abcdef0123456789abcdef",
                "--alg",
                "ES256",
            ],
            2,
            "but the key is a shared secret (32 bytes)",
        ),
        // A public key given to sign.
        (
            &["--key", public],
            2,
            "holds no private key (only PUBLIC KEY)",
        ),
        // Bad durations and times (clap's own usage errors).
        (&["--key", private, "--exp", "+1y"], 2, "not a duration"),
        (
            &["--key", private, "--exp", "+99999999999999999d"],
            2,
            "too long a duration",
        ),
        (
            &["--key", private, "--nbf", "yesterday"],
            2,
            "is not a time",
        ),
        // none needs --unsigned; --unsigned takes no key.
        (&["--alg", "none"], 2, "--unsigned"),
        (&["--key", private, "--alg", "none"], 2, "--unsigned"),
        (&["--unsigned", "--alg", "HS256"], 2, "not HS256"),
        (&["--unsigned", "--key", private], 2, "cannot be used with"),
        (&["--sub", "x"], 2, "no key to sign with"),
        (
            &["--key", private, "--alg", "ES256K"],
            2,
            "not an algorithm jwtscope signs with",
        ),
        // Unreadable key files and inputs.
        (
            &["--key", "/nonexistent/key.pem"],
            1,
            "--key /nonexistent/key.pem: cannot read it",
        ),
        // A secret on the command line or in a variable is a value of it: usage, as in
        // decoding (README's exit codes).
        (
            &["--secret-env", "JWTSCOPE_TEST_UNSET_VARIABLE"],
            2,
            "--secret-env JWTSCOPE_TEST_UNSET_VARIABLE: the variable is not set",
        ),
        (&["--secret", ""], 2, "--secret: the secret is empty"),
        (&["--secret", "b64:!!!"], 2, "--secret: the text after"),
        (
            &["--key", private, "--payload", "[1,2]"],
            2,
            "a JSON object is needed, not an array",
        ),
        (
            &["--key", private, "--payload", "{\"a\":"],
            2,
            "--payload: not JSON",
        ),
        (
            &["--key", private, "--payload", "@/nonexistent/claims.json"],
            1,
            "cannot read --payload @/nonexistent/claims.json",
        ),
        (
            &["--key", private, "--from", "not a token at all"],
            1,
            "--from: no token found",
        ),
        (
            &["--key", private, "--claim", "novalue"],
            2,
            "expected NAME=VALUE",
        ),
        (&["--keep-signature"], 2, "--from"),
        (
            &["--key", private, "--payload", "-", "--from", "-"],
            2,
            "only one of",
        ),
        (&["--key", private, "--discover"], 2, "for verifying"),
        (
            &["--key", private, "--header", "alg=HS256"],
            2,
            "set the algorithm with --alg",
        ),
    ];
    for (args, code, message) in cases {
        let (got, stderr) = fails(args);
        assert_eq!(got, *code, "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(stderr.starts_with("error:"), "{args:?}: {stderr}");
    }
    let garbage = dir.path().join("garbage.pem");
    std::fs::write(&garbage, "hello").unwrap();
    let (code, stderr) = fails(&["--key", garbage.to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("neither PEM"), "{stderr}");
    // Encrypted keys, PKCS#8 and OpenSSL's traditional PEM encryption alike: say so.
    for (name, args) in [
        ("enc-pkcs8.pem", &["pkey", "-aes256"][..]),
        ("enc-sec1.pem", &["ec", "-aes128"][..]),
    ] {
        let out = dir.path().join(name);
        let mut command = args.to_vec();
        command.extend(["-in", private, "-passout", "pass:pw", "-out"]);
        command.push(out.to_str().unwrap());
        openssl(&command, dir.path());
        let (code, stderr) = fails(&["--key", out.to_str().unwrap()]);
        assert_eq!(code, 1, "{name}: {stderr}");
        assert!(
            stderr.contains("the private key is encrypted; decrypt it first"),
            "{name}: {stderr}"
        );
    }
}

#[test]
fn secrets_and_keys_never_show_in_output_or_errors() {
    let secret = "TOPSECRET-hmac-value-0123456789abcdef";
    let dir = tempfile::tempdir().unwrap();
    let ec = p256_pair(dir.path(), "ec");
    let pem = std::fs::read_to_string(&ec.private).unwrap();
    let key_body: String = pem.lines().nth(1).unwrap().to_string();
    for args in [
        vec!["--secret", secret, "--alg", "RS256"],
        vec!["--secret", secret, "-o", "json"],
        vec!["--secret", secret, "-o", "text"],
        vec!["--key", ec.private.to_str().unwrap(), "-o", "json"],
        vec!["--key", ec.private.to_str().unwrap(), "--alg", "HS256"],
        vec!["--secret", &format!("b64:{secret}!")],
    ] {
        let out = jwtscope().arg("encode").args(&args).output().unwrap();
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            !all.contains(secret) && !all.contains("TOPSECRET"),
            "{args:?}: {all}"
        );
        assert!(!all.contains(&key_body), "{args:?}: {all}");
    }
}

#[test]
fn a_pem_as_a_secret_and_an_alg_the_key_cannot_use_get_warnings() {
    // HS256 keyed with a PEM: the key-confusion test, or a slip for --key; either way, said.
    let pem = common::asset("sample-signing-key.pub.pem");
    let out = jwtscope()
        .args([
            "encode",
            "--secret-file",
            pem.to_str().unwrap(),
            "--sub",
            "x",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("holds a PEM block"), "{stderr}");
    // A whole header whose alg the key cannot sign with: replaced, and said so.
    let secret = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    let out = jwtscope()
        .args([
            "encode",
            "--secret",
            secret,
            "--header-json",
            r#"{"alg":"RS256"}"#,
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(r#"--header-json says alg "RS256", which a shared secret (64 bytes) cannot sign with: signed with HS256"#),
        "{stderr}"
    );
}

#[test]
fn short_hmac_secrets_get_a_warning() {
    let out = jwtscope()
        .args(["encode", "--secret", "short", "--alg", "HS512"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("5 bytes") && stderr.contains("at least 64"),
        "{stderr}"
    );
}

#[test]
fn keygen_refuses_options_that_would_do_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for (args, named) in [
        (
            &["keygen", "ec", "--out", "k", "--output", "json"][..],
            "--output",
        ),
        (
            &[
                "--now",
                "2026-01-01T00:00:00Z",
                "keygen",
                "ec",
                "--out",
                "k",
            ][..],
            "--now",
        ),
        (&["keygen", "ec", "--out", "k", "--check"][..], "--check"),
        (&["completions", "bash", "--key", "k.pem"][..], "--key"),
    ] {
        let out = bare_in(dir.path()).args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.starts_with(&format!("error: {named} does nothing for `jwtscope ")),
            "{stderr}"
        );
        assert!(out.stdout.is_empty());
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing written"
    );
    // --color is clap's too, and stays allowed.
    let out = bare_in(dir.path())
        .args(["keygen", "oct", "--out", "k", "--color", "never"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn keygen_makes_a_test_issuer_that_encode_and_verify_agree_on() {
    use sha2::Digest as _;
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| bare_in(dir.path()).args(args).output().unwrap();
    for (kind, extra, alg) in [
        ("rsa", &[][..], "RS256"),
        ("ec", &["--curve", "P-521"][..], "ES512"),
        ("ed25519", &[][..], "EdDSA"),
        ("oct", &["--bits", "512"][..], "HS512"),
        ("oct", &["--bits", "384"][..], "HS384"),
        ("oct", &[][..], "HS256"),
    ] {
        let name = format!("issuer-{kind}-{alg}");
        let mut args = vec!["keygen", kind, "--out", &name];
        args.extend(extra);
        let out = run(&args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let jwks_path = dir.path().join(format!("{name}.jwks.json"));
        let set: Value = serde_json::from_slice(&std::fs::read(&jwks_path).unwrap()).unwrap();
        let jwk = &set["keys"][0];
        assert_eq!(jwk["alg"], alg);
        // RFC 7638: SHA-256 of the required members in lexicographic order, no whitespace.
        let required: &[&str] = match kind {
            "rsa" => &["e", "kty", "n"],
            "ec" => &["crv", "kty", "x", "y"],
            "ed25519" => &["crv", "kty", "x"],
            _ => &["k", "kty"],
        };
        let canonical = format!(
            "{{{}}}",
            required
                .iter()
                .map(|m| format!("\"{m}\":{}", jwk[m]))
                .collect::<Vec<_>>()
                .join(",")
        );
        let thumb = URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(canonical.as_bytes()));
        assert_eq!(jwk["kid"], thumb.as_str(), "{kind}");
        let key_file = if kind == "oct" {
            jwks_path.clone()
        } else {
            let pem = dir.path().join(format!("{name}.pem"));
            // The private key is PKCS#8 that openssl reads too.
            assert!(
                std::fs::read_to_string(&pem)
                    .unwrap()
                    .starts_with("-----BEGIN PRIVATE KEY-----")
            );
            openssl(
                &["pkey", "-in", pem.to_str().unwrap(), "-noout"],
                dir.path(),
            );
            pem
        };
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&key_file).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{kind}");
        }
        let token = encode(&[
            "--key",
            key_file.to_str().unwrap(),
            "--iss",
            "https://test",
            "--exp",
            "+1h",
        ]);
        let (v, code) = check(&token, &["--key", jwks_path.to_str().unwrap()]);
        assert_eq!(
            (v["status"].as_str(), code),
            (Some("valid"), 0),
            "{kind}: {v}"
        );
        // The token names its key as the key set does, so a verifier that picks keys by
        // kid finds it; a secret's thumbprint is never put in a token.
        let header = URL_SAFE_NO_PAD.decode(token.split('.').next().unwrap());
        let header: Value = serde_json::from_slice(&header.unwrap()).unwrap();
        if kind == "oct" {
            assert_eq!(header["kid"], jwk["kid"], "{kind}: the JWK's own kid");
        } else {
            assert_eq!(header["kid"], thumb.as_str(), "{kind}");
        }
        // Never overwritten.
        let again = run(&args);
        assert_eq!(again.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&again.stderr).contains("exists"));
    }
    for bad in [
        &["keygen", "rsa", "--bits", "1024", "--out", "x"][..],
        &["keygen", "oct", "--bits", "100", "--out", "x"][..],
        &["keygen", "oct", "--bits", "128", "--out", "x"][..],
        &["keygen", "ec", "--bits", "256", "--out", "x"][..],
        &["keygen", "ec", "--curve", "secp256k1", "--out", "x"][..],
        &["keygen", "dsa", "--out", "x"][..],
    ] {
        let out = run(bad);
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        assert!(!dir.path().join("x.pem").exists());
    }
}

#[test]
fn x5t_and_kid_name_the_certificate_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let pair = p256_pair(dir.path(), "k");
    let cert = dir.path().join("cert.pem");
    openssl(
        &[
            "req",
            "-new",
            "-x509",
            "-key",
            pair.private.to_str().unwrap(),
            "-subj",
            "/CN=test",
            "-days",
            "1",
            "-out",
            cert.to_str().unwrap(),
        ],
        dir.path(),
    );
    // openssl's own fingerprints, hex with colons, as base64url.
    let fingerprint = |hash: &str| {
        let out = openssl(
            &[
                "x509",
                "-in",
                cert.to_str().unwrap(),
                "-noout",
                "-fingerprint",
                hash,
            ],
            dir.path(),
        );
        let hex = String::from_utf8(out).unwrap();
        let hex = hex.trim().rsplit('=').next().unwrap().replace(':', "");
        let bytes: Vec<u8> = (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
            .collect();
        URL_SAFE_NO_PAD.encode(bytes)
    };
    let token = encode(&[
        "--key",
        pair.private.to_str().unwrap(),
        "--kid",
        "my-key",
        "--x5t",
        cert.to_str().unwrap(),
        "--no-iat",
    ]);
    let header: Value = serde_json::from_slice(
        &URL_SAFE_NO_PAD
            .decode(token.split('.').next().unwrap())
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        header.to_string(),
        format!(
            r#"{{"alg":"ES256","typ":"JWT","kid":"my-key","x5t":"{}","x5t#S256":"{}"}}"#,
            fingerprint("-sha1"),
            fingerprint("-sha256")
        )
    );
    let (code, stderr) = fails(&[
        "--key",
        pair.private.to_str().unwrap(),
        "--x5t",
        pair.private.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(stderr.contains("no CERTIFICATE block"), "{stderr}");
}

#[test]
fn payload_and_from_read_standard_input() {
    let out = jwtscope()
        .args(["encode", "--unsigned", "--payload", "-", "--no-iat"])
        .write_stdin("{\"b\":2,\"a\":1}\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let token = String::from_utf8(out.stdout).unwrap();
    let (_, payload, _) = segments(token.trim());
    assert_eq!(payload, b"{\"b\":2,\"a\":1}");
    // A Bearer line on standard input, as decoding reads it.
    let out = jwtscope()
        .args(["encode", "--from", "-", "--keep-signature"])
        .write_stdin(format!("Authorization: Bearer {}\n", token.trim()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap(), token);
}

/// A token signed again with a PEM key is named by the key's thumbprint; a key set that names
/// the same key otherwise rejects it by `kid`, and says which of its keys would verify it.
/// Only a token that key really verifies is told so (checked token by token).
#[test]
fn a_kid_that_names_no_key_says_which_key_verifies_the_signature() {
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let dir = tempfile::tempdir().unwrap();
    let make = |args: &[&str]| {
        let out = bare_in(dir.path()).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    let pem = assets.join("sample-signing-key.pem");
    let resigned = make(&["encode", "--key", pem.to_str().unwrap(), "--sub", "alice"]);
    let kid = {
        let header = URL_SAFE_NO_PAD
            .decode(resigned.split('.').next().unwrap())
            .unwrap();
        serde_json::from_slice::<Value>(&header).unwrap()["kid"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // Another key claiming the same kid.
    make(&["keygen", "ec", "--out", "other"]);
    let forged = make(&[
        "encode",
        "--key",
        "other.pem",
        "--kid",
        &kid,
        "--sub",
        "mallory",
    ]);
    let log = format!("a {resigned}\nb {forged}\nc {resigned}\n");
    let out = jwtscope()
        .args(["--output", "json", "--key"])
        .arg(assets.join("sample-jwks.json"))
        .arg("-")
        .write_stdin(log)
        .output()
        .unwrap();
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    let reasons: Vec<&str> = r["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            assert_eq!(t["verification"]["status"], "invalid");
            t["verification"]["reason"].as_str().unwrap()
        })
        .collect();
    let hint = "the key with kid \"GZkmL_IZk-BFuGWRLFFy4Du4wHI\" from --key";
    assert!(
        reasons[0].starts_with(&format!("no key with kid {kid:?}; {hint}")),
        "{}",
        reasons[0]
    );
    assert!(
        reasons[0].ends_with(
            "verifies the signature: the token was signed by that key under another kid"
        )
    );
    assert_eq!(reasons[1], format!("no key with kid {kid:?}"));
    assert_eq!(reasons[0], reasons[2]);
}
