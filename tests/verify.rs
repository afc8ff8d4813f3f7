//! Signature verification through the library API: the conformance corpus, the RFC 7515
//! vectors, keys generated here for every algorithm, tampering, the classic attacks, and key
//! fetching against loopback servers these tests start. Nothing connects anywhere but
//! 127.0.0.1.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::ffi::OsString;
use std::io::{Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use hmac::{KeyInit as _, Mac as _};
use jwtscope::report::{SignatureStatus, Verification};
use jwtscope::token::{self, Token};
use jwtscope::verify::{Verifier, VerifyArgs, VerifyError, prepare};
use p256::elliptic_curve::Generate as _;
use rsa::pkcs1::EncodeRsaPublicKey as _;
use rsa::pkcs8::{EncodePublicKey as _, LineEnding};
use rsa::traits::PublicKeyParts as _;
use serde_json::{Value, json};
use sha2::{Digest as _, Sha256, Sha384, Sha512};

// ---------------------------------------------------------------------------------------------
// Helpers

fn b64u(bytes: impl AsRef<[u8]>) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_600_000_000, 0).unwrap()
}

fn no_env(_: &str) -> Option<OsString> {
    None
}

/// Options with the disk cache off (tests that want it pass a cache directory by env).
fn opts() -> VerifyArgs {
    VerifyArgs {
        no_cache: true,
        ..VerifyArgs::default()
    }
}

fn verifier(args: &VerifyArgs) -> Verifier {
    prepare(args, &no_env).unwrap().unwrap()
}

fn decode(compact: &str) -> Token {
    token::decode(compact).unwrap()
}

/// A compact JWS over exactly these header and payload bytes.
fn sign_raw(header: &str, payload: &str, signer: &dyn Fn(&[u8]) -> Vec<u8>) -> String {
    let input = format!("{}.{}", b64u(header), b64u(payload));
    let sig = signer(input.as_bytes());
    format!("{input}.{}", b64u(sig))
}

fn sign(header: &Value, payload: &Value, signer: &dyn Fn(&[u8]) -> Vec<u8>) -> String {
    sign_raw(&header.to_string(), &payload.to_string(), signer)
}

fn claims() -> Value {
    json!({"iss": "https://issuer.example", "sub": "alice", "aud": "api", "exp": 1_700_000_000})
}

/// A token with one payload byte changed, the signature kept.
fn tamper_payload(compact: &str) -> String {
    let parts: Vec<&str> = compact.split('.').collect();
    let payload = URL_SAFE_NO_PAD.decode(parts[1]).unwrap();
    let text = String::from_utf8(payload)
        .unwrap()
        .replace("alice", "admin");
    format!("{}.{}.{}", parts[0], b64u(text), parts[2])
}

/// A token with one signature bit flipped.
fn tamper_signature(compact: &str) -> String {
    let parts: Vec<&str> = compact.split('.').collect();
    let mut sig = URL_SAFE_NO_PAD.decode(parts[2]).unwrap();
    let mid = sig.len() / 2;
    sig[mid] ^= 0x01;
    format!("{}.{}.{}", parts[0], parts[1], b64u(sig))
}

fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

fn with_key(path: &Path) -> VerifyArgs {
    VerifyArgs {
        key: Some(path.to_path_buf()),
        ..opts()
    }
}

fn assert_status(v: &Verification, status: SignatureStatus) {
    assert_eq!(v.status, status, "{v}\n{v:#?}");
}

fn reason(v: &Verification) -> &str {
    v.reason.as_deref().unwrap_or_default()
}

// Keys generated at test time.

fn rsa_key() -> &'static rsa::PrivateKey {
    static KEY: OnceLock<rsa::PrivateKey> = OnceLock::new();
    KEY.get_or_init(|| {
        let mut rng = p256::elliptic_curve::common::getrandom::SysRng;
        rsa::PrivateKey::new(&mut rng, 2048).unwrap()
    })
}

fn rsa_jwk(k: &rsa::PrivateKey, extra: &Value) -> Value {
    let public = k.to_public_key();
    let mut jwk = json!({"kty": "RSA", "n": b64u(public.n_bytes()), "e": b64u(public.e_bytes())});
    for (name, value) in extra.as_object().unwrap() {
        jwk[name] = value.clone();
    }
    jwk
}

fn rsa_pem() -> String {
    rsa_key()
        .to_public_key()
        .to_public_key_pem(LineEnding::LF)
        .unwrap()
}

fn rs_sign(bits: u16) -> impl Fn(&[u8]) -> Vec<u8> {
    move |m| match bits {
        256 => rsa_key().pkcs1v15_sign::<Sha256>(m).unwrap(),
        384 => rsa_key().pkcs1v15_sign::<Sha384>(m).unwrap(),
        _ => rsa_key().pkcs1v15_sign::<Sha512>(m).unwrap(),
    }
}

fn ps_sign(bits: u16) -> impl Fn(&[u8]) -> Vec<u8> {
    move |m| match bits {
        256 => rsa_key().pss_sign::<Sha256>(m).unwrap(),
        384 => rsa_key().pss_sign::<Sha384>(m).unwrap(),
        _ => rsa_key().pss_sign::<Sha512>(m).unwrap(),
    }
}

fn hs_sign(secret: Vec<u8>, bits: u16) -> impl Fn(&[u8]) -> Vec<u8> {
    move |m| match bits {
        256 => {
            let mut mac = hmac::Hmac::<Sha256>::new_from_slice(&secret).unwrap();
            mac.update(m);
            mac.finalize().into_bytes().to_vec()
        }
        384 => {
            let mut mac = hmac::Hmac::<Sha384>::new_from_slice(&secret).unwrap();
            mac.update(m);
            mac.finalize().into_bytes().to_vec()
        }
        _ => {
            let mut mac = hmac::Hmac::<Sha512>::new_from_slice(&secret).unwrap();
            mac.update(m);
            mac.finalize().into_bytes().to_vec()
        }
    }
}

fn random_bytes<const N: usize>() -> [u8; N] {
    <[u8; N] as rsa::Generate>::generate()
}

/// An EC key pair of one curve: (signer, public JWK, SPKI PEM).
type EcKit = (Box<dyn Fn(&[u8]) -> Vec<u8>>, Value, String);

macro_rules! ec_kit {
    ($curve:ident, $crv:literal) => {{
        use $curve::ecdsa::signature::Signer as _;
        let sk = $curve::ecdsa::SigningKey::generate();
        let vk = sk.verifying_key().clone();
        let point = vk.to_sec1_point(false);
        let jwk = json!({
            "kty": "EC", "crv": $crv,
            "x": b64u(point.x().unwrap()), "y": b64u(point.y().unwrap()),
        });
        let pem = vk.to_public_key_pem(LineEnding::LF).unwrap();
        let signer = move |m: &[u8]| -> Vec<u8> {
            let sig: $curve::ecdsa::Signature = sk.sign(m);
            sig.to_bytes().to_vec()
        };
        (Box::new(signer) as Box<dyn Fn(&[u8]) -> Vec<u8>>, jwk, pem)
    }};
}

fn ec_kit(alg: &str) -> EcKit {
    match alg {
        "ES256" => ec_kit!(p256, "P-256"),
        "ES384" => ec_kit!(p384, "P-384"),
        _ => ec_kit!(p521, "P-521"),
    }
}

/// An Ed25519 key pair: (signer, public JWK, SPKI PEM).
fn ed25519_kit() -> EcKit {
    use ed25519_dalek::Signer as _;
    let sk = ed25519_dalek::SigningKey::from_bytes(&random_bytes::<32>());
    let public = sk.verifying_key().to_bytes();
    let jwk = json!({"kty": "OKP", "crv": "Ed25519", "x": b64u(public)});
    // SubjectPublicKeyInfo for Ed25519 (RFC 8410): a fixed 12-byte prefix and the key.
    let mut der = vec![
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
    ];
    der.extend_from_slice(&public);
    let pem = format!(
        "-----BEGIN PUBLIC KEY-----\n{}\n-----END PUBLIC KEY-----\n",
        base64::engine::general_purpose::STANDARD.encode(&der)
    );
    let signer = move |m: &[u8]| sk.sign(m).to_bytes().to_vec();
    (Box::new(signer), jwk, pem)
}

// ---------------------------------------------------------------------------------------------
// Conformance corpus

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance")
}

fn corpus(name_prefix: &str) -> Value {
    let dir = corpus_dir();
    let entry = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(name_prefix)
        })
        .unwrap_or_else(|| panic!("no corpus file {name_prefix}"));
    serde_json::from_str(&std::fs::read_to_string(entry).unwrap()).unwrap()
}

fn verify_corpus_with_its_key(case: &Value, dir: &Path) -> Verification {
    let key = write(dir, "key.json", case["key"].to_string());
    let token = decode(case["token"].as_str().unwrap());
    verifier(&with_key(&key)).verify(&token, now())
}

/// What the corpus's `verifies` means for jwtscope, and why where it differs.
fn expected(file: &str, case: &Value) -> Option<(SignatureStatus, &'static str)> {
    let token = case["token"].as_str().unwrap();
    if token.split('.').count() == 5 {
        // verifies: true means "decrypts"; decryption is not in scope.
        return Some((SignatureStatus::Unverifiable, "JWE"));
    }
    if file.starts_with("13-") || file.starts_with("19-") {
        return Some((SignatureStatus::Unverifiable, "detached payload"));
    }
    if file.starts_with("56-") {
        return Some((SignatureStatus::Unsupported, "ML-DSA-87"));
    }
    if case["verifies"].as_bool()? {
        Some((SignatureStatus::Valid, "published key verifies"))
    } else {
        Some((SignatureStatus::Invalid, "negative case"))
    }
}

#[test]
fn every_corpus_token_with_a_key_gives_the_published_result() {
    let dir = tempfile::tempdir().unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter(|p| !p.ends_with("malformed.json"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 74);
    let mut wrong = Vec::new();
    let mut tally: HashMap<String, usize> = HashMap::new();
    for path in &files {
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        let case: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        if case.get("key").is_none() {
            *tally.entry("no key (skipped)".into()).or_default() += 1;
            continue;
        }
        let Some((want, why)) = expected(&file, &case) else {
            *tally.entry("verifies: null (skipped)".into()).or_default() += 1;
            continue;
        };
        let v = verify_corpus_with_its_key(&case, dir.path());
        eprintln!("{file}: {v}");
        *tally.entry(format!("{:?}", v.status)).or_default() += 1;
        if v.status != want {
            wrong.push(format!("{file}: expected {want:?} ({why}), got {v}"));
        }
    }
    assert!(wrong.is_empty(), "{}\n{tally:?}", wrong.join("\n"));
    assert_eq!(tally["Valid"], 39, "{tally:?}");
    assert_eq!(tally["Invalid"], 2, "{tally:?}");
    assert_eq!(tally["Unverifiable"], 17, "{tally:?}");
    assert_eq!(tally["Unsupported"], 1, "{tally:?}");
}

#[test]
fn corpus_reasons_say_what_is_special() {
    let dir = tempfile::tempdir().unwrap();
    let der = verify_corpus_with_its_key(&corpus("62-"), dir.path());
    assert_status(&der, SignatureStatus::Invalid);
    assert!(reason(&der).contains("DER-encoded"), "{der}");
    let tampered = verify_corpus_with_its_key(&corpus("64-"), dir.path());
    assert_eq!(reason(&tampered), "signature mismatch");
    let jwe = verify_corpus_with_its_key(&corpus("10-"), dir.path());
    assert!(reason(&jwe).contains("encrypted token"), "{jwe}");
    let detached = verify_corpus_with_its_key(&corpus("19-"), dir.path());
    assert!(
        reason(&detached).starts_with("detached payload"),
        "{detached}"
    );
    let rfc7797 = verify_corpus_with_its_key(&corpus("13-"), dir.path());
    assert!(
        reason(&rfc7797).starts_with("detached payload"),
        "{rfc7797}"
    );
    let mldsa = verify_corpus_with_its_key(&corpus("56-"), dir.path());
    assert!(reason(&mldsa).contains("ML-DSA-87"), "{mldsa}");
    // The Okta test key is 1024 bits and the jwt.io secret 19 bytes: valid, with a note.
    let okta = verify_corpus_with_its_key(&corpus("46-"), dir.path());
    assert_status(&okta, SignatureStatus::Valid);
    assert!(
        okta.notes.iter().any(|n| n.contains("1024 bits")),
        "{okta:?}"
    );
    let short = verify_corpus_with_its_key(&corpus("49-"), dir.path());
    assert_status(&short, SignatureStatus::Valid);
    assert!(
        short.notes.iter().any(|n| n.contains("RFC 7518 §3.2")),
        "{short:?}"
    );
    // The Ed25519 name of RFC 9864 is checked like EdDSA.
    let ed = verify_corpus_with_its_key(&corpus("54-"), dir.path());
    assert_status(&ed, SignatureStatus::Valid);
    assert_eq!(ed.algorithm.as_deref(), Some("Ed25519"));
}

#[test]
fn psychic_signatures_are_invalid() {
    // malformed.json M41 (r = s = 0) and M42 (r = s = n), CVE-2022-21449, checked with the
    // jwt.io ES256 key (same header and payload) and with a fresh P-256 key.
    let dir = tempfile::tempdir().unwrap();
    let malformed: Value = serde_json::from_str(
        &std::fs::read_to_string(corpus_dir().join("malformed.json")).unwrap(),
    )
    .unwrap();
    let jwtio_key = write(dir.path(), "jwtio.json", corpus("52-")["key"].to_string());
    let (_, fresh_jwk, _) = ec_kit("ES256");
    let fresh_key = write(dir.path(), "fresh.json", fresh_jwk.to_string());
    for id in ["M41", "M42"] {
        let case = malformed["cases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap();
        assert_eq!(case["jwtscope"], "decode_then_verification_invalid");
        let token = decode(case["input"].as_str().unwrap());
        for key in [&jwtio_key, &fresh_key] {
            let v = verifier(&with_key(key)).verify(&token, now());
            assert_status(&v, SignatureStatus::Invalid);
            assert!(reason(&v).contains("CVE-2022-21449"), "{id}: {v}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// RFC 7515 Appendix A

#[test]
fn rfc_7515_appendix_a_vectors() {
    let dir = tempfile::tempdir().unwrap();
    for (file, alg) in [
        ("01-", "HS256"),
        ("02-", "RS256"),
        ("03-", "ES256"),
        ("04-", "ES512"),
    ] {
        let case = corpus(file);
        let v = verify_corpus_with_its_key(&case, dir.path());
        assert_status(&v, SignatureStatus::Valid);
        assert_eq!(v.algorithm.as_deref(), Some(alg));
        assert_eq!(
            v.key_source.as_deref().map(|s| s.starts_with("--key ")),
            Some(true)
        );
        let tampered = decode(&tamper_signature(case["token"].as_str().unwrap()));
        let key = write(dir.path(), "key.json", case["key"].to_string());
        let t = verifier(&with_key(&key)).verify(&tampered, now());
        assert_status(&t, SignatureStatus::Invalid);
    }
    // A.1's secret, given as b64: text rather than a JWK.
    let a1 = corpus("01-");
    let secret = format!("b64:{}", a1["key"]["k"].as_str().unwrap());
    let args = VerifyArgs {
        secret: Some(secret),
        ..opts()
    };
    let v = verifier(&args).verify(&decode(a1["token"].as_str().unwrap()), now());
    assert_status(&v, SignatureStatus::Valid);
    assert_eq!(
        v.to_string(),
        "valid · HS256 · --secret · claims failed: exp"
    );
    // A.5: unsecured.
    let a5 = corpus("05-");
    let key = write(dir.path(), "a1.json", a1["key"].to_string());
    let v = verifier(&with_key(&key)).verify(&decode(a5["token"].as_str().unwrap()), now());
    assert_status(&v, SignatureStatus::Invalid);
    assert!(reason(&v).contains("not signed"), "{v}");
}

// ---------------------------------------------------------------------------------------------
// Keys generated at test time, every algorithm

#[test]
fn hmac_algorithms_with_every_way_of_giving_the_secret() {
    let dir = tempfile::tempdir().unwrap();
    let secret = random_bytes::<64>().to_vec();
    for bits in [256, 384, 512] {
        let alg = format!("HS{bits}");
        let t = sign(
            &json!({"alg": alg}),
            &claims(),
            &hs_sign(secret.clone(), bits),
        );
        let file = write(dir.path(), "secret.txt", format!("b64:{}\n", b64u(&secret)));
        let jwk = write(
            dir.path(),
            "oct.json",
            json!({"kty": "oct", "k": b64u(&secret)}).to_string(),
        );
        let env =
            |name: &str| (name == "JWT_SECRET").then(|| format!("b64:{}", b64u(&secret)).into());
        let ways = [
            VerifyArgs {
                secret: Some(format!("b64:{}", b64u(&secret))),
                ..opts()
            },
            VerifyArgs {
                secret_file: Some(file.clone()),
                ..opts()
            },
            VerifyArgs {
                secret_env: Some("JWT_SECRET".into()),
                ..opts()
            },
            with_key(&jwk),
        ];
        for args in &ways {
            let v = prepare(args, &env).unwrap().unwrap();
            assert_status(&v.verify(&decode(&t), now()), SignatureStatus::Valid);
            let bad = v.verify(&decode(&tamper_payload(&t)), now());
            assert_status(&bad, SignatureStatus::Invalid);
            assert_eq!(reason(&bad), "signature mismatch");
            assert_status(
                &v.verify(&decode(&tamper_signature(&t)), now()),
                SignatureStatus::Invalid,
            );
        }
    }
    // A text secret is its UTF-8 bytes.
    let t = sign(
        &json!({"alg": "HS256"}),
        &claims(),
        &hs_sign(b"s3cret \xc3\xa9".to_vec(), 256),
    );
    let args = VerifyArgs {
        secret: Some("s3cret é".into()),
        ..opts()
    };
    let v = verifier(&args).verify(&decode(&t), now());
    assert_status(&v, SignatureStatus::Valid);
    assert!(
        v.notes.iter().any(|n| n.contains("requires at least 32")),
        "{v:?}"
    );
}

#[test]
fn rsa_algorithms_with_pem_pkcs1_and_jwk() {
    let dir = tempfile::tempdir().unwrap();
    let spki = write(dir.path(), "rsa.pem", rsa_pem());
    let pkcs1 = write(
        dir.path(),
        "rsa-pkcs1.pem",
        rsa_key()
            .to_public_key()
            .to_pkcs1_pem(LineEnding::LF)
            .unwrap(),
    );
    let jwk = write(
        dir.path(),
        "rsa.json",
        rsa_jwk(rsa_key(), &json!({"kid": "r1"})).to_string(),
    );
    for (alg, signer) in [
        (
            "RS256",
            Box::new(rs_sign(256)) as Box<dyn Fn(&[u8]) -> Vec<u8>>,
        ),
        ("RS384", Box::new(rs_sign(384))),
        ("RS512", Box::new(rs_sign(512))),
        ("PS256", Box::new(ps_sign(256))),
        ("PS384", Box::new(ps_sign(384))),
        ("PS512", Box::new(ps_sign(512))),
    ] {
        let t = sign(&json!({"alg": alg, "kid": "r1"}), &claims(), &signer);
        for key in [&spki, &pkcs1, &jwk] {
            let v = verifier(&with_key(key));
            let ok = v.verify(&decode(&t), now());
            assert_status(&ok, SignatureStatus::Valid);
            assert!(ok.notes.is_empty(), "{ok:?}");
            assert_status(
                &v.verify(&decode(&tamper_payload(&t)), now()),
                SignatureStatus::Invalid,
            );
            assert_status(
                &v.verify(&decode(&tamper_signature(&t)), now()),
                SignatureStatus::Invalid,
            );
        }
        let shown = verifier(&with_key(&jwk)).verify(&decode(&t), now());
        assert_eq!(
            shown.to_string(),
            format!("valid · {alg} · kid r1 from --key {}", jwk.display())
        );
    }
    // RS256 and PS256 signatures are not interchangeable.
    let t = sign(&json!({"alg": "RS256"}), &claims(), &ps_sign(256));
    assert_status(
        &verifier(&with_key(&spki)).verify(&decode(&t), now()),
        SignatureStatus::Invalid,
    );
}

#[test]
fn ecdsa_and_eddsa_with_pem_and_jwk() {
    let dir = tempfile::tempdir().unwrap();
    for alg in ["ES256", "ES384", "ES512", "EdDSA", "Ed25519"] {
        let (signer, jwk, pem) = if alg.starts_with("Ed") {
            ed25519_kit()
        } else {
            ec_kit(alg)
        };
        let t = sign(&json!({"alg": alg, "typ": "JWT"}), &claims(), &signer);
        let jwk_file = write(dir.path(), "k.json", jwk.to_string());
        let pem_file = write(dir.path(), "k.pem", &pem);
        for key in [&jwk_file, &pem_file] {
            let v = verifier(&with_key(key));
            assert_status(&v.verify(&decode(&t), now()), SignatureStatus::Valid);
            assert_status(
                &v.verify(&decode(&tamper_payload(&t)), now()),
                SignatureStatus::Invalid,
            );
            assert_status(
                &v.verify(&decode(&tamper_signature(&t)), now()),
                SignatureStatus::Invalid,
            );
        }
        // Another key of the same kind does not verify it.
        let (_, other, _) = if alg.starts_with("Ed") {
            ed25519_kit()
        } else {
            ec_kit(alg)
        };
        let other = write(dir.path(), "other.json", other.to_string());
        let v = verifier(&with_key(&other)).verify(&decode(&t), now());
        assert_eq!(reason(&v), "signature mismatch", "{alg}");
    }
    // A curve that does not match the algorithm is refused before any arithmetic.
    let (signer, _, _) = ec_kit("ES256");
    let (_, p384_jwk, _) = ec_kit("ES384");
    let t = sign(&json!({"alg": "ES256"}), &claims(), &signer);
    let key = write(dir.path(), "p384.json", p384_jwk.to_string());
    let v = verifier(&with_key(&key)).verify(&decode(&t), now());
    assert_status(&v, SignatureStatus::Invalid);
    assert!(
        reason(&v).contains("ES256 needs an EC P-256 public key"),
        "{v}"
    );
}

#[test]
fn ecdsa_signatures_must_be_raw_r_s_of_the_right_size() {
    let dir = tempfile::tempdir().unwrap();
    let (signer, jwk, _) = ec_kit("ES256");
    let key = write(dir.path(), "k.json", jwk.to_string());
    let v = verifier(&with_key(&key));
    let good = sign(&json!({"alg": "ES256"}), &claims(), &signer);
    let parts: Vec<&str> = good.split('.').collect();
    let raw = URL_SAFE_NO_PAD.decode(parts[2]).unwrap();
    // Re-encode the very same r, s as ASN.1 DER.
    let sig = p256::ecdsa::Signature::from_slice(&raw).unwrap();
    let der = sig.to_der();
    let as_der = format!("{}.{}.{}", parts[0], parts[1], b64u(der.as_bytes()));
    let r = v.verify(&decode(&as_der), now());
    assert_status(&r, SignatureStatus::Invalid);
    assert!(reason(&r).contains("DER-encoded"), "{r}");
    let short = format!("{}.{}.{}", parts[0], parts[1], b64u(&raw[..63]));
    assert!(reason(&v.verify(&decode(&short), now())).contains("64 bytes"));
}

// ---------------------------------------------------------------------------------------------
// Attacks

#[test]
fn algorithm_confusion_is_invalid() {
    // The attacker signs HS256 with the victim's public key PEM text as the secret.
    let dir = tempfile::tempdir().unwrap();
    let pem = rsa_pem();
    let forged = sign(
        &json!({"alg": "HS256", "typ": "JWT"}),
        &json!({"sub": "admin"}),
        &hs_sign(pem.clone().into_bytes(), 256),
    );
    let pem_file = write(dir.path(), "victim.pem", &pem);
    let jwk_file = write(
        dir.path(),
        "victim.json",
        rsa_jwk(rsa_key(), &json!({})).to_string(),
    );
    for key in [&pem_file, &jwk_file] {
        let v = verifier(&with_key(key)).verify(&decode(&forged), now());
        assert_status(&v, SignatureStatus::Invalid);
        assert!(
            reason(&v).starts_with("algorithm not allowed for this key"),
            "{v}"
        );
        assert!(reason(&v).contains("algorithm confusion"), "{v}");
    }
    // The same with the key inside a key set chosen by kid.
    let set = json!({"keys": [rsa_jwk(rsa_key(), &json!({"kid": "victim"}))]});
    let set_file = write(dir.path(), "set.json", set.to_string());
    let forged_kid = sign(
        &json!({"alg": "HS256", "kid": "victim"}),
        &json!({"sub": "admin"}),
        &hs_sign(pem.into_bytes(), 256),
    );
    let v = verifier(&with_key(&set_file)).verify(&decode(&forged_kid), now());
    assert_status(&v, SignatureStatus::Invalid);
    assert_eq!(v.key_id.as_deref(), Some("victim"));
}

#[test]
fn alg_none_is_never_valid() {
    let dir = tempfile::tempdir().unwrap();
    let key = write(dir.path(), "k.pem", rsa_pem());
    let payload = b64u(claims().to_string());
    for header in [
        r#"{"alg":"none"}"#,
        r#"{"alg":"None"}"#,
        r#"{"alg":"NONE","typ":"JWT"}"#,
        r#"{"alg":"nOnE"}"#,
    ] {
        for sig in ["", "c2lnbmF0dXJl"] {
            let t = decode(&format!("{}.{payload}.{sig}", b64u(header)));
            let v = verifier(&with_key(&key)).verify(&t, now());
            assert_status(&v, SignatureStatus::Invalid);
            assert!(reason(&v).contains("never valid"), "{header}: {v}");
        }
    }
    // Even with no key at all: "none" is not a signature to check.
    let t = decode(&format!("{}.{payload}.", b64u(r#"{"alg":"none"}"#)));
    let args = VerifyArgs {
        discover: true,
        ..opts()
    };
    assert_status(&verifier(&args).verify(&t, now()), SignatureStatus::Invalid);
}

#[test]
fn a_stripped_signature_is_invalid() {
    let dir = tempfile::tempdir().unwrap();
    let key = write(dir.path(), "k.pem", rsa_pem());
    let t = sign(&json!({"alg": "RS256"}), &claims(), &rs_sign(256));
    let stripped = &t[..=t.rfind('.').unwrap()];
    let v = verifier(&with_key(&key)).verify(&decode(stripped), now());
    assert_status(&v, SignatureStatus::Invalid);
    assert!(reason(&v).contains("stripped"), "{v}");
}

#[test]
fn keys_named_or_carried_by_the_token_are_never_used() {
    // A loopback listener stands where jku/x5u point; the test fails if anything connects.
    let trap = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = trap.local_addr().unwrap().port();
    let dir = tempfile::tempdir().unwrap();
    let legit = write(dir.path(), "legit.pem", rsa_pem());
    // The forger's own key, named by URL and carried inline.
    let (forger_sign, forger_jwk, _) = ec_kit("ES256");
    let header = json!({
        "alg": "ES256",
        "kid": "forger",
        "jku": format!("http://127.0.0.1:{port}/jwks.json"),
        "x5u": format!("http://127.0.0.1:{port}/cert.pem"),
        "jwk": forger_jwk,
        "x5c": ["MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"],
    });
    let payload = json!({"iss": format!("http://127.0.0.1:{port}/"), "sub": "admin"});
    let forged = decode(&sign(&header, &payload, &forger_sign));

    let v = verifier(&with_key(&legit)).verify(&forged, now());
    assert_status(&v, SignatureStatus::Invalid);
    for name in ["jku", "x5u", "jwk", "x5c"] {
        assert!(
            v.notes.iter().any(|n| n.starts_with(&format!("header carries {name}="))
                && n.contains("ignored")),
            "{name}: {:?}",
            v.notes
        );
    }
    // --discover with the token's own (untrusted) issuer: nothing is fetched either.
    let args = VerifyArgs {
        discover: true,
        ..opts()
    };
    let d = verifier(&args).verify(&forged, now());
    assert_status(&d, SignatureStatus::Unverifiable);
    assert!(reason(&d).contains("--trust-issuer"), "{d}");

    trap.set_nonblocking(true).unwrap();
    match trap.accept() {
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
        other => panic!("something connected to the jku/x5u/iss trap: {other:?}"),
    }
}

#[test]
fn jwk_alg_use_and_key_ops_are_respected() {
    let dir = tempfile::tempdir().unwrap();
    let t = sign(&json!({"alg": "RS256"}), &claims(), &rs_sign(256));
    for (extra, words) in [
        (json!({"alg": "RS384"}), "for \"RS384\" only"),
        (json!({"alg": "PS256"}), "for \"PS256\" only"),
        (json!({"use": "enc"}), "\"use\" is \"enc\""),
        (json!({"key_ops": ["sign"]}), "do not include \"verify\""),
    ] {
        let key = write(dir.path(), "k.json", rsa_jwk(rsa_key(), &extra).to_string());
        let v = verifier(&with_key(&key)).verify(&decode(&t), now());
        assert_status(&v, SignatureStatus::Invalid);
        assert!(reason(&v).contains(words), "{extra}: {v}");
    }
    for extra in [
        json!({"alg": "RS256", "use": "sig", "key_ops": ["verify"]}),
        json!({}),
    ] {
        let key = write(dir.path(), "k.json", rsa_jwk(rsa_key(), &extra).to_string());
        assert_status(
            &verifier(&with_key(&key)).verify(&decode(&t), now()),
            SignatureStatus::Valid,
        );
    }
    // A public key offered for an HMAC token, and a secret offered for an RSA token.
    let secret = VerifyArgs {
        secret: Some("x".repeat(32)),
        ..opts()
    };
    let v = verifier(&secret).verify(&decode(&t), now());
    assert_status(&v, SignatureStatus::Invalid);
    assert!(reason(&v).contains("RS256 needs an RSA public key"), "{v}");
}

#[test]
fn key_sets_pick_by_kid_or_x5t() {
    let dir = tempfile::tempdir().unwrap();
    let (es_sign, es_jwk, _) = ec_kit("ES256");
    let mut es_jwk = es_jwk;
    es_jwk["kid"] = json!("ec-1");
    let set = json!({"keys": [
        rsa_jwk(rsa_key(), &json!({"kid": "rsa-1"})),
        es_jwk,
        {"kty": "EC", "crv": "P-256", "kid": "broken", "x": "AA", "y": "AA"},
        {"kty": "OKP", "crv": "Ed448", "kid": "ed448", "x": "AA"},
    ]});
    let file = write(dir.path(), "set.json", set.to_string());
    let v = verifier(&with_key(&file));

    let rs = sign(
        &json!({"alg": "RS256", "kid": "rsa-1"}),
        &claims(),
        &rs_sign(256),
    );
    let ok = v.verify(&decode(&rs), now());
    assert_status(&ok, SignatureStatus::Valid);
    assert_eq!(ok.key_id.as_deref(), Some("rsa-1"));
    let es = sign(&json!({"alg": "ES256", "kid": "ec-1"}), &claims(), &es_sign);
    assert_eq!(
        v.verify(&decode(&es), now()).key_id.as_deref(),
        Some("ec-1")
    );

    let unknown = sign(
        &json!({"alg": "RS256", "kid": "gone"}),
        &claims(),
        &rs_sign(256),
    );
    let r = v.verify(&decode(&unknown), now());
    assert_status(&r, SignatureStatus::Invalid);
    // Signed by the set's RSA key: still invalid (picked by kid), with that key named.
    assert!(
        reason(&r).starts_with("no key with kid \"gone\"; the key with kid \"rsa-1\" from --key "),
        "{}",
        reason(&r)
    );

    let broken = sign(
        &json!({"alg": "ES256", "kid": "broken"}),
        &claims(),
        &es_sign,
    );
    let r = v.verify(&decode(&broken), now());
    assert_status(&r, SignatureStatus::Unverifiable);
    assert!(reason(&r).contains("could not be read"), "{r}");

    let ed448 = sign(
        &json!({"alg": "EdDSA", "kid": "ed448"}),
        &claims(),
        &es_sign,
    );
    let r = v.verify(&decode(&ed448), now());
    assert_status(&r, SignatureStatus::Unsupported);

    // Entra v1 tokens carry only x5t; the corpus key 30 sits in a set with another key.
    let entra = corpus("30-");
    let set = json!({"keys": [rsa_jwk(rsa_key(), &json!({"kid": "other", "x5t": "other"})), entra["key"]]});
    let file = write(dir.path(), "entra.json", set.to_string());
    let r = verifier(&with_key(&file)).verify(&decode(entra["token"].as_str().unwrap()), now());
    assert_status(&r, SignatureStatus::Valid);
    assert_eq!(r.key_id.as_deref(), Some("kriMPdmBvx68skT8-mPAB3BseeA"));
}

#[test]
fn a_single_key_is_tried_whatever_the_kid_says_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let key = write(
        dir.path(),
        "k.json",
        rsa_jwk(rsa_key(), &json!({"kid": "mine"})).to_string(),
    );
    let t = rs256("theirs", &claims());
    let v = verifier(&with_key(&key));
    let ok = v.verify(&t, now());
    assert_status(&ok, SignatureStatus::Valid);
    assert!(
        ok.notes[0].starts_with("the token's kid is \"theirs\" but the key's is \"mine\""),
        "{ok:?}"
    );
    let bad = v.verify(&decode(&tamper_payload(&t.compact)), now());
    assert_status(&bad, SignatureStatus::Invalid);
    assert_eq!(bad.notes.len(), 1, "{bad:?}");
}

#[test]
fn certificates_are_keys_too() {
    // Corpus 30's key carries its X.509 certificate (x5c): give that certificate as PEM.
    let dir = tempfile::tempdir().unwrap();
    let entra = corpus("30-");
    let cert = entra["key"]["x5c"][0].as_str().unwrap();
    let lines: Vec<String> = cert
        .as_bytes()
        .chunks(64)
        .map(|c| String::from_utf8(c.to_vec()).unwrap())
        .collect();
    let pem = format!(
        "some bundle text\n-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        lines.join("\n")
    );
    let file = write(dir.path(), "cert.pem", pem);
    let v = verifier(&with_key(&file)).verify(&decode(entra["token"].as_str().unwrap()), now());
    assert_status(&v, SignatureStatus::Valid);
}

#[test]
fn unsupported_algorithms_are_not_invalid() {
    let dir = tempfile::tempdir().unwrap();
    let key = write(dir.path(), "k.pem", rsa_pem());
    for alg in ["ES256K", "Ed448", "ML-DSA-44", "HS257"] {
        let t = decode(&format!(
            "{}.{}.c2ln",
            b64u(json!({"alg": alg}).to_string()),
            b64u("{}")
        ));
        let v = verifier(&with_key(&key)).verify(&t, now());
        assert_status(&v, SignatureStatus::Unsupported);
    }
    // secp256k1 keys load (and say why they cannot be used).
    let k1 = json!({"kty": "EC", "crv": "secp256k1", "x": "AA", "y": "AA"});
    let file = write(dir.path(), "k1.json", k1.to_string());
    assert!(prepare(&with_key(&file), &no_env).is_ok());
}

#[test]
fn unknown_critical_extensions_are_unverifiable() {
    let dir = tempfile::tempdir().unwrap();
    let key = write(dir.path(), "k.pem", rsa_pem());
    let t = sign(
        &json!({"alg": "RS256", "crit": ["exp"], "exp": 1}),
        &claims(),
        &rs_sign(256),
    );
    let v = verifier(&with_key(&key)).verify(&decode(&t), now());
    assert_status(&v, SignatureStatus::Unverifiable);
    assert!(reason(&v).contains("RFC 7515 §4.1.11"), "{v}");
}

#[test]
fn graph_tokens_with_a_header_nonce_are_unverifiable_not_invalid() {
    // Microsoft signs Graph tokens over a header whose nonce is replaced by its SHA-256; the
    // token carries the original nonce, so nobody else can check the signature.
    let dir = tempfile::tempdir().unwrap();
    let key = write(
        dir.path(),
        "entra.json",
        json!({"keys": [rsa_jwk(rsa_key(), &json!({"kid": "k1", "use": "sig"}))]}).to_string(),
    );
    let nonce = "AQABAAAAAAD--DLA3VO7QrddgJg7WevrQ";
    let hashed = b64u(Sha256::digest(nonce.as_bytes()));
    let header = |n: &str| format!(r#"{{"typ":"JWT","nonce":"{n}","alg":"RS256","kid":"k1"}}"#);
    let tid = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    for (iss, want) in [
        (
            format!("https://sts.windows.net/{tid}/"),
            SignatureStatus::Unverifiable,
        ),
        (
            format!("https://login.microsoftonline.com/{tid}/v2.0"),
            SignatureStatus::Unverifiable,
        ),
        (
            "https://issuer.example".to_string(),
            SignatureStatus::Invalid,
        ),
    ] {
        let payload = json!({"iss": iss, "aud": "https://graph.microsoft.com"}).to_string();
        let signed = sign_raw(&header(&hashed), &payload, &rs_sign(256));
        let mut parts: Vec<String> = signed.split('.').map(str::to_string).collect();
        parts[0] = b64u(header(nonce));
        let t = decode(&parts.join("."));
        let v = verifier(&with_key(&key)).verify(&t, now());
        assert_status(&v, want);
        if want == SignatureStatus::Unverifiable {
            assert!(
                reason(&v).starts_with("not verifiable outside Microsoft"),
                "{v}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Claims

#[test]
fn claim_checks_with_leeway() {
    let secret = "k".repeat(32);
    let exp = now().timestamp() - 10;
    let t = decode(&sign(
        &json!({"alg": "HS256"}),
        &json!({"iss": "joe", "aud": ["a", "b"], "exp": exp, "nbf": exp - 100}),
        &hs_sign(secret.clone().into_bytes(), 256),
    ));
    let mut args = VerifyArgs {
        secret: Some(secret),
        iss: Some("joe".into()),
        aud: Some("b".into()),
        ..opts()
    };
    let v = verifier(&args).verify(&t, now());
    assert_status(&v, SignatureStatus::Valid);
    let names: Vec<(&str, bool)> = v
        .claim_checks
        .iter()
        .map(|c| (c.name.as_str(), c.ok))
        .collect();
    assert_eq!(
        names,
        [("iss", true), ("aud", true), ("exp", false), ("nbf", true)]
    );
    assert!(v.claim_checks[2].detail.ends_with("(leeway 0 s)"), "{v:?}");
    assert!(!v.claims_ok());
    assert!(v.to_string().ends_with(" · claims failed: exp"), "{v}");

    args.leeway = 30;
    let v = verifier(&args).verify(&t, now());
    assert!(v.claims_ok(), "{v:?}");
    assert!(v.claim_checks[2].detail.ends_with("(leeway 30 s)"));

    args.iss = Some("jane".into());
    args.aud = Some("c".into());
    let v = verifier(&args).verify(&t, now());
    assert_status(&v, SignatureStatus::Valid);
    assert!(v.to_string().ends_with("claims failed: iss, aud"), "{v}");
}

#[test]
fn claim_checks_alone_are_not_a_signature_check() {
    let t = decode(&sign(
        &json!({"alg": "HS256"}),
        &claims(),
        &hs_sign(vec![1; 32], 256),
    ));
    let args = VerifyArgs {
        aud: Some("api".into()),
        ..opts()
    };
    let v = verifier(&args).verify(&t, now());
    assert_status(&v, SignatureStatus::NotChecked);
    assert_eq!(
        v.to_string(),
        "not checked · no key given (--secret, --key, --jwks or --discover)"
    );
    assert!(v.claims_ok());
}

// ---------------------------------------------------------------------------------------------
// The library contract: prepare, errors, JSON

#[test]
fn nothing_asked_means_no_verifier() {
    assert!(prepare(&VerifyArgs::default(), &no_env).unwrap().is_none());
    let leeway_only = VerifyArgs {
        leeway: 60,
        ..VerifyArgs::default()
    };
    assert!(prepare(&leeway_only, &no_env).unwrap().is_none());
}

#[test]
fn setup_problems_are_errors_naming_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let err = |args: VerifyArgs| prepare(&args, &no_env).unwrap_err().to_string();

    let missing = dir.path().join("nope.pem");
    let e = err(with_key(&missing));
    assert!(
        e.starts_with(&format!("--key {}: cannot read it", missing.display())),
        "{e}"
    );

    let bad_pem = write(
        dir.path(),
        "bad.pem",
        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
    );
    let e = err(with_key(&bad_pem));
    assert!(
        e.starts_with(&format!("--key {}: PUBLIC KEY", bad_pem.display())),
        "{e}"
    );

    let private = write(
        dir.path(),
        "private.pem",
        "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n",
    );
    assert!(err(with_key(&private)).contains("private key"));

    let bad_jwk = write(dir.path(), "bad.json", r#"{"kty":"RSA","n":"AQAB"}"#);
    assert!(err(with_key(&bad_jwk)).contains("has no \"e\""));

    let e = err(VerifyArgs {
        jwks: Some("http://keys.example/jwks".into()),
        ..opts()
    });
    assert!(e.starts_with("--jwks: ") && e.contains("HTTPS only"), "{e}");
    let e = err(VerifyArgs {
        trust_issuer: vec!["ftp://idp.example".into()],
        ..opts()
    });
    assert!(e.starts_with("--trust-issuer: "), "{e}");

    let e = err(VerifyArgs {
        secret_env: Some("JWT_SECRET".into()),
        ..opts()
    });
    assert_eq!(e, "--secret-env JWT_SECRET: the variable is not set");
    let e = err(VerifyArgs {
        secret: Some("b64:!!".into()),
        ..opts()
    });
    assert!(e.starts_with("--secret: "), "{e}");
    let empty = write(dir.path(), "empty.txt", "\n");
    let e = err(VerifyArgs {
        secret_file: Some(empty.clone()),
        ..opts()
    });
    assert!(
        e.starts_with(&format!("--secret-file {}", empty.display())),
        "{e}"
    );
    assert!(matches!(
        prepare(&with_key(&missing), &no_env),
        Err(VerifyError::KeyFile { .. })
    ));
}

#[test]
fn bad_option_values_are_usage_errors_and_files_are_input_errors() {
    use std::os::unix::ffi::OsStringExt as _;
    let dir = tempfile::tempdir().unwrap();
    let fail =
        |args: VerifyArgs, env: &dyn Fn(&str) -> Option<OsString>| prepare(&args, env).unwrap_err();
    let usage = [
        VerifyArgs {
            secret: Some(String::new()),
            ..opts()
        },
        VerifyArgs {
            secret: Some("b64:!!".into()),
            ..opts()
        },
        VerifyArgs {
            jwks: Some("keys.json".into()),
            ..opts()
        },
        VerifyArgs {
            trust_issuer: vec!["not a url".into()],
            ..opts()
        },
        VerifyArgs {
            secret_env: Some("JWT_SECRET".into()),
            ..opts()
        },
    ];
    for args in usage {
        let e = fail(args, &no_env);
        assert_eq!(e.exit_code(), 2, "{e}");
    }
    // Set but not UTF-8: said so, not "not set".
    let latin1 = |_: &str| Some(OsString::from_vec(b"caf\xe9".to_vec()));
    let e = fail(
        VerifyArgs {
            secret_env: Some("JWT_SECRET".into()),
            ..opts()
        },
        &latin1,
    );
    assert_eq!(
        e.to_string(),
        "--secret-env JWT_SECRET: the variable holds bytes that are not UTF-8; use \"b64:\" and base64"
    );
    assert_eq!(e.exit_code(), 2);
    let e = fail(with_key(&dir.path().join("nope.pem")), &no_env);
    assert_eq!(e.exit_code(), 1, "{e}");
    let empty = write(dir.path(), "empty.txt", "");
    let e = fail(
        VerifyArgs {
            secret_file: Some(empty),
            ..opts()
        },
        &no_env,
    );
    assert_eq!(e.exit_code(), 1, "{e}");
}

#[test]
fn json_has_the_issue_field_names() {
    let dir = tempfile::tempdir().unwrap();
    let key = write(
        dir.path(),
        "k.json",
        rsa_jwk(rsa_key(), &json!({"kid": "abc"})).to_string(),
    );
    let t = decode(&sign(
        &json!({"alg": "RS256", "kid": "abc"}),
        &claims(),
        &rs_sign(256),
    ));
    let v = verifier(&with_key(&key)).verify(&t, now());
    let j = serde_json::to_value(&v).unwrap();
    assert_eq!(j["status"], "valid");
    assert_eq!(j["algorithm"], "RS256");
    assert_eq!(j["key_id"], "abc");
    assert_eq!(j["key_source"], format!("--key {}", key.display()));
    assert_eq!(j["reason"], Value::Null);
    assert!(j["notes"].is_array() && j["claim_checks"].is_array());
    let bad = verifier(&with_key(&key)).verify(&decode(&tamper_payload(&t.compact)), now());
    let j = serde_json::to_value(&bad).unwrap();
    assert_eq!(j["status"], "invalid");
    assert_eq!(j["reason"], "signature mismatch");
    assert_eq!(bad.to_string(), "INVALID · signature mismatch");
    assert!(bad.is_invalid());
    for (status, text) in [
        (SignatureStatus::NotChecked, "not_checked"),
        (SignatureStatus::Unverifiable, "unverifiable"),
        (SignatureStatus::Unsupported, "unsupported"),
    ] {
        assert_eq!(serde_json::to_value(status).unwrap(), text);
    }
}

// ---------------------------------------------------------------------------------------------
// Fetching from loopback servers

/// An answer: status, extra headers, body.
type Answer = (u16, Vec<(String, String)>, Vec<u8>);
type Routes = Mutex<HashMap<String, Answer>>;

/// A tiny HTTP server on 127.0.0.1 that answers from a route table and counts requests.
struct Server {
    base: String,
    routes: Arc<Routes>,
    hits: Arc<Mutex<HashMap<String, usize>>>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
        let routes: Arc<Routes> = Arc::default();
        let hits: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
        let (r, h) = (routes.clone(), hits.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                Server::answer(stream, &r, &h);
            }
        });
        Server { base, routes, hits }
    }

    fn answer(mut stream: TcpStream, routes: &Routes, hits: &Mutex<HashMap<String, usize>>) {
        stream.set_read_timeout(Some(Duration::from_secs(5))).ok();
        let mut request = Vec::new();
        let mut buf = [0u8; 1024];
        while !request.windows(4).any(|w| w == b"\r\n\r\n") {
            match stream.read(&mut buf) {
                Ok(0) | Err(_) => return,
                Ok(n) => request.extend_from_slice(&buf[..n]),
            }
        }
        let text = String::from_utf8_lossy(&request);
        let path = text.split(' ').nth(1).unwrap_or("/").to_string();
        *hits.lock().unwrap().entry(path.clone()).or_default() += 1;
        let (status, headers, body) = routes.lock().unwrap().get(&path).cloned().unwrap_or((
            404,
            Vec::new(),
            b"not found".to_vec(),
        ));
        let mut head = format!(
            "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
            body.len()
        );
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(&body);
    }

    fn route(&self, path: &str, body: impl Into<Vec<u8>>) {
        self.routes
            .lock()
            .unwrap()
            .insert(path.to_string(), (200, Vec::new(), body.into()));
    }

    fn redirect(&self, path: &str, location: &str) {
        self.routes.lock().unwrap().insert(
            path.to_string(),
            (302, vec![("Location".into(), location.into())], Vec::new()),
        );
    }

    fn hits(&self, path: &str) -> usize {
        self.hits.lock().unwrap().get(path).copied().unwrap_or(0)
    }

    fn total_hits(&self) -> usize {
        self.hits.lock().unwrap().values().sum()
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

fn rsa_set(kids: &[&str]) -> String {
    let keys: Vec<Value> = kids
        .iter()
        .map(|k| rsa_jwk(rsa_key(), &json!({"kid": k, "use": "sig"})))
        .collect();
    json!({ "keys": keys }).to_string()
}

fn rs256(kid: &str, payload: &Value) -> Token {
    decode(&sign(
        &json!({"alg": "RS256", "kid": kid}),
        payload,
        &rs_sign(256),
    ))
}

#[test]
fn jwks_from_a_url_is_fetched_once_for_many_tokens() {
    let server = Server::start();
    server.route("/keys", rsa_set(&["a", "b"]));
    let args = VerifyArgs {
        jwks: Some(server.url("/keys")),
        ..opts()
    };
    let v = verifier(&args);
    for kid in ["a", "b", "a"] {
        let r = v.verify(&rs256(kid, &claims()), now());
        assert_status(&r, SignatureStatus::Valid);
        assert_eq!(r.key_source, Some(server.url("/keys")));
        assert_eq!(r.key_id.as_deref(), Some(kid));
    }
    let r = v.verify(&rs256("c", &claims()), now());
    assert_status(&r, SignatureStatus::Invalid);
    // The set's keys are one key under several kids: the one that verifies is named.
    assert!(
        reason(&r).starts_with("no key with kid \"c\"; the key with kid \"a\" from http"),
        "{}",
        reason(&r)
    );
    assert_eq!(server.hits("/keys"), 1);
}

#[test]
fn jwks_fetch_failures_are_unverifiable() {
    let server = Server::start();
    server.route("/big", vec![b' '; 1024 * 1024 + 10]);
    server.route("/html", "<html>");
    server.redirect(
        "/away",
        &format!(
            "http://localhost:{}/keys",
            server.base.rsplit(':').next().unwrap()
        ),
    );
    server.redirect("/moved", "/keys");
    server.route("/keys", rsa_set(&["a"]));
    let closed = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    for (url, words) in [
        (server.url("/missing"), "answered HTTP 404"),
        (server.url("/big"), "more than 1024 KiB"),
        (server.url("/html"), "did not answer JSON"),
        (server.url("/away"), "another origin"),
        (format!("http://127.0.0.1:{closed}/keys"), "could not fetch"),
    ] {
        let args = VerifyArgs {
            jwks: Some(url.clone()),
            ..opts()
        };
        let r = verifier(&args).verify(&rs256("a", &claims()), now());
        assert_status(&r, SignatureStatus::Unverifiable);
        assert!(
            reason(&r).starts_with("--jwks: ") && reason(&r).contains(words),
            "{url}: {r}"
        );
    }
    // A same-origin redirect is followed.
    let args = VerifyArgs {
        jwks: Some(server.url("/moved")),
        ..opts()
    };
    assert_status(
        &verifier(&args).verify(&rs256("a", &claims()), now()),
        SignatureStatus::Valid,
    );
}

fn oidc_payload(iss: &str) -> Value {
    json!({"iss": iss, "sub": "alice", "tid": "72f988bf-86f1-41af-91ab-2d7cd011db47"})
}

#[test]
fn discovery_from_a_trusted_issuer() {
    let server = Server::start();
    let iss = server.url("/tenant");
    server.route(
        "/tenant/.well-known/openid-configuration",
        json!({"issuer": iss, "jwks_uri": server.url("/tenant/keys")}).to_string(),
    );
    server.route("/tenant/keys", rsa_set(&["k1"]));
    let args = VerifyArgs {
        trust_issuer: vec![iss.clone()],
        ..opts()
    };
    let v = verifier(&args);
    for _ in 0..2 {
        let r = v.verify(&rs256("k1", &oidc_payload(&iss)), now());
        assert_status(&r, SignatureStatus::Valid);
        assert_eq!(r.key_source, Some(server.url("/tenant/keys")));
        assert!(
            r.notes.iter().any(|n| n.contains("--trust-issuer")),
            "{r:?}"
        );
    }
    assert_eq!(server.hits("/tenant/.well-known/openid-configuration"), 1);
    assert_eq!(server.hits("/tenant/keys"), 1);

    // Another issuer on the same server is not trusted: nothing fetched for it.
    let before = server.total_hits();
    let r = v.verify(&rs256("k1", &oidc_payload(&server.url("/other"))), now());
    assert_status(&r, SignatureStatus::Unverifiable);
    assert!(
        reason(&r).contains("is not one jwtscope discovers keys from"),
        "{r}"
    );
    assert_eq!(server.total_hits(), before);
}

#[test]
fn discovery_document_must_name_the_tokens_issuer() {
    let server = Server::start();
    let iss = server.url("/idp");
    server.route(
        "/idp/.well-known/openid-configuration",
        json!({"issuer": server.url("/elsewhere"), "jwks_uri": server.url("/idp/keys")})
            .to_string(),
    );
    server.route("/idp/keys", rsa_set(&["k1"]));
    let args = VerifyArgs {
        discover: true,
        trust_issuer: vec![iss.clone()],
        ..opts()
    };
    let r = verifier(&args).verify(&rs256("k1", &oidc_payload(&iss)), now());
    assert_status(&r, SignatureStatus::Unverifiable);
    assert!(reason(&r).contains("not trusted for this token"), "{r}");
    assert_eq!(server.hits("/idp/keys"), 0);

    // Entra's multi-tenant form: {tenantid} stands for the token's tid.
    let server = Server::start();
    let iss = server.url("/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0");
    server.route(
        "/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0/.well-known/openid-configuration",
        json!({"issuer": server.url("/{tenantid}/v2.0"), "jwks_uri": server.url("/common/keys")})
            .to_string(),
    );
    // Each key says which issuer it signs for, with the same template.
    let mut jwk = rsa_jwk(rsa_key(), &json!({"kid": "k1"}));
    jwk["issuer"] = json!(server.url("/{tenantid}/v2.0"));
    server.route("/common/keys", json!({"keys": [jwk]}).to_string());
    let args = VerifyArgs {
        trust_issuer: vec![iss.clone()],
        ..opts()
    };
    let r = verifier(&args).verify(&rs256("k1", &oidc_payload(&iss)), now());
    assert_status(&r, SignatureStatus::Valid);
}

#[test]
fn discovered_keys_are_cached_on_disk_and_refreshed_when_a_kid_is_missing() {
    let cache = tempfile::tempdir().unwrap();
    let cache_dir = cache.path().to_string_lossy().to_string();
    let env = move |name: &str| (name == "XDG_CACHE_HOME").then(|| cache_dir.clone().into());
    let server = Server::start();
    let iss = server.url("/idp");
    let doc = "/idp/.well-known/openid-configuration";
    server.route(
        doc,
        json!({"issuer": iss, "jwks_uri": server.url("/idp/keys")}).to_string(),
    );
    server.route("/idp/keys", rsa_set(&["k1"]));
    let args = VerifyArgs {
        trust_issuer: vec![iss.clone()],
        ..VerifyArgs::default()
    };
    let run = |kid: &str, args: &VerifyArgs| {
        prepare(args, &env)
            .unwrap()
            .unwrap()
            .verify(&rs256(kid, &oidc_payload(&iss)), now())
    };
    assert_status(&run("k1", &args), SignatureStatus::Valid);
    assert_eq!((server.hits(doc), server.hits("/idp/keys")), (1, 1));
    assert!(cache.path().join("jwtscope").is_dir());

    // A second run uses the cache.
    let second = run("k1", &args);
    assert_status(&second, SignatureStatus::Valid);
    assert!(
        second.notes.iter().any(|n| n.contains("from the cache")),
        "{second:?}"
    );
    assert_eq!((server.hits(doc), server.hits("/idp/keys")), (1, 1));

    // The keys rotated: a kid the cached set lacks makes one fresh fetch.
    server.route("/idp/keys", rsa_set(&["k2"]));
    assert_status(&run("k2", &args), SignatureStatus::Valid);
    assert_eq!(server.hits("/idp/keys"), 2);

    // --no-cache neither reads nor writes it.
    let fresh = VerifyArgs {
        no_cache: true,
        ..args.clone()
    };
    assert_status(&run("k2", &fresh), SignatureStatus::Valid);
    assert_eq!((server.hits(doc), server.hits("/idp/keys")), (2, 3));

    // No token ever reaches the cache.
    for entry in std::fs::read_dir(cache.path().join("jwtscope")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(!text.contains("eyJ"), "{text}");
    }
}

#[test]
fn jwks_and_static_keys_combine() {
    let server = Server::start();
    server.route("/keys", rsa_set(&["remote"]));
    let secret = "s".repeat(32);
    let args = VerifyArgs {
        jwks: Some(server.url("/keys")),
        secret: Some(secret.clone()),
        ..opts()
    };
    let v = verifier(&args);
    assert_status(
        &v.verify(&rs256("remote", &claims()), now()),
        SignatureStatus::Valid,
    );
    let hs = decode(&sign(
        &json!({"alg": "HS256"}),
        &claims(),
        &hs_sign(secret.into_bytes(), 256),
    ));
    let r = v.verify(&hs, now());
    assert_status(&r, SignatureStatus::Valid);
    assert_eq!(r.key_source.as_deref(), Some("--secret"));
}

#[test]
fn a_verifier_can_be_shared_between_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Verifier>();
    shareable::<Verification>();
}
