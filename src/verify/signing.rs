//! Private keys and signing: verification run backwards, on the same parts.
//!
//! Keys are read beside the public ones ([`super::keys`]): PEM (PKCS#8 "PRIVATE KEY", PKCS#1
//! "RSA PRIVATE KEY", SEC1 "EC PRIVATE KEY"), a private JWK, or a JWK Set (picked by `kid`),
//! and an HMAC secret with the same `b64:` rule. The algorithm table is [`Alg`], the one
//! verification uses. Every signature is computed by RustCrypto (`hmac`, `rsa`, `p256`/`p384`/
//! `p521`, `ed25519-dalek`); this file only chooses which.
//!
//! Nothing here prints key material: [`SigningKey`]'s `Debug` and every message describe a
//! key ("an RSA private key (2048 bits)"), never show it.

use std::fmt;

use hmac::{Hmac, Mac as _};
use p256::ecdsa::signature::Signer as _;
use p256::elliptic_curve::common::Generate as _;
use serde_json::{Map, Value};
use sha2::{Digest as _, Sha256, Sha384, Sha512};
use x509_cert::der::Decode as _;

use super::crypto::{Alg, AlgName, Bits};
use super::keys::{self, Key, Material};
use crate::token::b64;

/// The private part of a key.
#[derive(Clone)]
enum Private {
    Secret(Vec<u8>),
    Rsa(Box<rsa::PrivateKey>),
    P256(p256::ecdsa::SigningKey),
    P384(p384::ecdsa::SigningKey),
    P521(p521::ecdsa::SigningKey),
    Ed25519(Box<ed25519_dalek::SigningKey>),
}

/// A key to sign with, and the JWK members that restrict its use.
#[derive(Clone)]
pub struct SigningKey {
    private: Private,
    kid: Option<String>,
    /// The JWK's own `alg`: the only algorithm the key may sign with.
    alg: Option<String>,
    use_: Option<String>,
    key_ops: Option<Vec<String>>,
}

impl fmt::Debug for SigningKey {
    // Never prints key material.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

/// Why a key file cannot sign.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SigningKeyError {
    /// The file is fine but holds no private key (a public key, a certificate): the command
    /// line asks for something that cannot be done.
    #[error("{0}")]
    NotPrivate(String),
    /// The file cannot be read as a key.
    #[error("{0}")]
    Unreadable(String),
}

/// What `jwtscope keygen` makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// RSA with this many bits.
    Rsa(usize),
    /// EC on "P-256", "P-384" or "P-521".
    Ec(Curve),
    Ed25519,
    /// An HMAC secret of this many bytes.
    Oct(usize),
}

/// The NIST curves JWS uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Curve {
    P256,
    P384,
    P521,
}

impl Curve {
    /// The JWK `crv` name.
    pub fn name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
        }
    }
}

/// Every algorithm jwtscope signs with, by header name.
pub const SIGNING_ALGS: &[&str] = &[
    "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256",
    "ES384", "ES512", "EdDSA", "Ed25519",
];

/// Why an encrypted private key (PKCS#8 or OpenSSL's traditional PEM encryption) is not read.
const ENCRYPTED: &str =
    "the private key is encrypted; decrypt it first (openssl pkey -in KEY -out PLAIN.pem)";

impl SigningKey {
    fn bare(private: Private) -> Self {
        SigningKey {
            private,
            kid: None,
            alg: None,
            use_: None,
            key_ops: None,
        }
    }

    /// An HMAC secret as text, with the `b64:` prefix rule of `--secret`.
    pub fn from_secret_text(text: &str) -> Result<Self, String> {
        keys::secret_from_text(text).map(|s| Self::bare(Private::Secret(s)))
    }

    /// An HMAC secret as bytes.
    pub fn from_secret_bytes(bytes: Vec<u8>) -> Result<Self, String> {
        if bytes.is_empty() {
            return Err("the secret is empty".to_string());
        }
        Ok(Self::bare(Private::Secret(bytes)))
    }

    /// Read a key file: PEM (PKCS#8, PKCS#1 RSA, SEC1 EC), a private JWK, or a JWK Set from
    /// which `kid` picks the key (needed when the set has several private keys).
    pub fn parse_file(bytes: &[u8], kid: Option<&str>) -> Result<Self, SigningKeyError> {
        use SigningKeyError::{NotPrivate, Unreadable};
        let text = std::str::from_utf8(bytes).map_err(|_| {
            Unreadable("not text: expected PEM or a JWK (DER files are not read; convert with `openssl pkey -inform DER`)".to_string())
        })?;
        let trimmed = text.trim_start_matches('\u{feff}').trim();
        if trimmed.is_empty() {
            return Err(Unreadable("is empty".to_string()));
        }
        if trimmed.starts_with('{') {
            let value: Value = serde_json::from_str(trimmed)
                .map_err(|e| Unreadable(format!("not valid JSON: {e}")))?;
            return from_jwk_document(&value, kid);
        }
        if !trimmed.contains("-----BEGIN ") {
            return Err(Unreadable(
                "neither PEM (-----BEGIN PRIVATE KEY-----) nor a JWK (JSON)".to_string(),
            ));
        }
        if trimmed.contains("Proc-Type: 4,ENCRYPTED") {
            // Traditional (OpenSSL) encryption: headers inside the PEM block.
            return Err(Unreadable(ENCRYPTED.to_string()));
        }
        let blocks = keys::pem_blocks(trimmed).map_err(Unreadable)?;
        let mut others = Vec::new();
        for (label, der) in &blocks {
            match label.as_str() {
                "PRIVATE KEY" => return from_pkcs8(der).map(Self::bare),
                "RSA PRIVATE KEY" => {
                    use rsa::pkcs1::DecodeRsaPrivateKey as _;
                    return rsa::PrivateKey::from_pkcs1_der(der)
                        .map(|k| Self::bare(Private::Rsa(Box::new(k))))
                        .map_err(|e| Unreadable(format!("RSA PRIVATE KEY (PKCS#1): {e}")));
                }
                "EC PRIVATE KEY" => return from_sec1(der).map(Self::bare),
                "ENCRYPTED PRIVATE KEY" => return Err(Unreadable(ENCRYPTED.to_string())),
                "OPENSSH PRIVATE KEY" => {
                    return Err(Unreadable(
                        "OpenSSH private keys are not read; convert with `ssh-keygen -p -m PKCS8 -f KEY`"
                            .to_string(),
                    ));
                }
                other => others.push(other.to_string()),
            }
        }
        Err(NotPrivate(format!(
            "holds no private key (only {}); signing needs the private key, and verifying with `jwtscope --key` takes the public one",
            others.join(", ")
        )))
    }

    /// The key's `kid` (a JWK's), if any.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// The algorithm to sign with when the header says `given`: it, when this key may sign
    /// with it, else the key's default (a token started from another key's: RS256 becomes
    /// ES256 for an EC key).
    pub fn alg_for(&self, given: Option<&str>) -> String {
        match given {
            Some(a) if self.not_allowed(a).is_none() => a.to_string(),
            _ => self.default_alg(),
        }
    }

    /// The `kid` a token signed with this key names it by: a JWK's own, else (a PEM key) its
    /// RFC 7638 thumbprint, as `keygen`'s key set and [`Self::public_jwk`] name it. A secret
    /// without a `kid` has none: its thumbprint is a hash guesses of the secret could be
    /// tested against.
    pub fn header_kid(&self) -> Option<String> {
        match (&self.kid, &self.private) {
            (Some(kid), _) => Some(kid.clone()),
            (None, Private::Secret(_)) => None,
            (None, _) => Some(self.thumbprint()),
        }
    }

    /// What the key is, for messages: "an RSA private key (2048 bits)".
    pub fn describe(&self) -> String {
        match &self.private {
            Private::Secret(s) => format!("a shared secret ({} bytes)", s.len()),
            Private::Rsa(k) => format!(
                "an RSA private key ({} bits)",
                keys::rsa_bits(k.as_public_key())
            ),
            Private::P256(_) => "an EC P-256 private key".to_string(),
            Private::P384(_) => "an EC P-384 private key".to_string(),
            Private::P521(_) => "an EC P-521 private key".to_string(),
            Private::Ed25519(_) => "an Ed25519 private key".to_string(),
        }
    }

    /// The algorithm to sign with when none is asked for: the JWK's `alg`, else HS256 for a
    /// secret, RS256 for RSA, ES256/384/512 by curve, EdDSA for Ed25519.
    pub fn default_alg(&self) -> String {
        if let Some(a) = &self.alg {
            return a.clone();
        }
        match &self.private {
            Private::Secret(_) => "HS256",
            Private::Rsa(_) => "RS256",
            Private::P256(_) => "ES256",
            Private::P384(_) => "ES384",
            Private::P521(_) => "ES512",
            Private::Ed25519(_) => "EdDSA",
        }
        .to_string()
    }

    /// The public half, as verification reads keys (an HMAC secret is its own "public" key).
    pub(crate) fn public(&self) -> Key {
        Key::bare(match &self.private {
            Private::Secret(s) => Material::Secret(s.clone()),
            Private::Rsa(k) => Material::Rsa(k.to_public_key()),
            Private::P256(k) => Material::P256(*k.verifying_key()),
            Private::P384(k) => Material::P384(*k.verifying_key()),
            Private::P521(k) => Material::P521(*k.verifying_key()),
            Private::Ed25519(k) => Material::Ed25519(k.verifying_key()),
        })
    }

    /// Why this key must not sign with `alg_name`, or `None` when it may.
    pub fn not_allowed(&self, alg_name: &str) -> Option<String> {
        let alg = match Alg::parse(alg_name) {
            AlgName::Known(a) => a,
            AlgName::Unsupported => {
                return Some(format!(
                    "{alg_name:?} is not an algorithm jwtscope signs with ({})",
                    SIGNING_ALGS.join(", ")
                ));
            }
        };
        let fits = matches!(
            (alg, &self.private),
            (Alg::Hs(_), Private::Secret(_))
                | (Alg::Rs(_) | Alg::Ps(_), Private::Rsa(_))
                | (Alg::Es256, Private::P256(_))
                | (Alg::Es384, Private::P384(_))
                | (Alg::Es512, Private::P521(_))
                | (Alg::Ed25519, Private::Ed25519(_))
        );
        if !fits {
            let needs = match alg {
                Alg::Hs(_) => {
                    "a shared secret (--secret, --secret-file, --secret-env or an oct JWK)"
                }
                Alg::Rs(_) | Alg::Ps(_) => "an RSA private key",
                Alg::Es256 => "an EC P-256 private key",
                Alg::Es384 => "an EC P-384 private key",
                Alg::Es512 => "an EC P-521 private key",
                Alg::Ed25519 => "an Ed25519 private key",
            };
            return Some(format!(
                "{alg_name} needs {needs}, but the key is {}",
                self.describe()
            ));
        }
        if let Some(key_alg) = &self.alg {
            let same = key_alg == alg_name
                || (alg == Alg::Ed25519 && matches!(key_alg.as_str(), "EdDSA" | "Ed25519"));
            if !same {
                return Some(format!(
                    "the key is for {key_alg:?} only (its \"alg\"), not {alg_name}"
                ));
            }
        }
        if let Some(u) = self.use_.as_deref().filter(|u| *u != "sig") {
            return Some(format!(
                "the key's \"use\" is {u:?}, not \"sig\": it is not for signatures"
            ));
        }
        if let Some(ops) = &self.key_ops
            && !ops.iter().any(|o| o == "sign")
        {
            return Some(format!(
                "the key's \"key_ops\" {ops:?} do not include \"sign\""
            ));
        }
        None
    }

    /// What is weak about this key for `alg_name` (a short HMAC secret, a small RSA key),
    /// in verification's words.
    pub fn weakness(&self, alg_name: &str) -> Option<String> {
        match Alg::parse(alg_name) {
            AlgName::Known(alg) => super::crypto::weakness(alg, &self.public()),
            AlgName::Unsupported => None,
        }
    }

    /// Sign `input` (the ASCII `header.payload`) with `alg_name`. `Err` says why not.
    pub fn sign(&self, alg_name: &str, input: &[u8]) -> Result<Vec<u8>, String> {
        if let Some(why) = self.not_allowed(alg_name) {
            return Err(why);
        }
        let AlgName::Known(alg) = Alg::parse(alg_name) else {
            return Err(format!("{alg_name:?} is not a signing algorithm"));
        };
        let rsa_failed = |e: rsa::Error| format!("RSA signing failed: {e}");
        if let Private::Rsa(k) = &self.private
            && let Some(sig) = ring_rsa_sign(k, alg, input)
        {
            return Ok(sig);
        }
        Ok(match (alg, &self.private) {
            (Alg::Hs(bits), Private::Secret(s)) => match bits {
                Bits::B256 => hmac_tag::<Sha256>(s, input),
                Bits::B384 => hmac_tag::<Sha384>(s, input),
                Bits::B512 => hmac_tag::<Sha512>(s, input),
            },
            (Alg::Rs(bits), Private::Rsa(k)) => match bits {
                Bits::B256 => k.pkcs1v15_sign::<Sha256>(input),
                Bits::B384 => k.pkcs1v15_sign::<Sha384>(input),
                Bits::B512 => k.pkcs1v15_sign::<Sha512>(input),
            }
            .map_err(rsa_failed)?,
            // PSS with a salt as long as the hash (RFC 7518 §3.5), the crate's default.
            (Alg::Ps(bits), Private::Rsa(k)) => match bits {
                Bits::B256 => k.pss_sign::<Sha256>(input),
                Bits::B384 => k.pss_sign::<Sha384>(input),
                Bits::B512 => k.pss_sign::<Sha512>(input),
            }
            .map_err(rsa_failed)?,
            // Fixed-size r||s (RFC 7518 §3.4), deterministic nonces (RFC 6979).
            (Alg::Es256, Private::P256(k)) => {
                let sig: p256::ecdsa::Signature = k.sign(input);
                sig.to_bytes().to_vec()
            }
            (Alg::Es384, Private::P384(k)) => {
                let sig: p384::ecdsa::Signature = k.sign(input);
                sig.to_bytes().to_vec()
            }
            (Alg::Es512, Private::P521(k)) => {
                let sig: p521::ecdsa::Signature = k.sign(input);
                sig.to_bytes().to_vec()
            }
            (Alg::Ed25519, Private::Ed25519(k)) => k.sign(input).to_bytes().to_vec(),
            _ => return Err(format!("{alg_name} cannot sign with {}", self.describe())),
        })
    }

    /// A new random key from the operating system's generator. A secret is labelled with the
    /// longest HMAC algorithm it is long enough for (RFC 7518 §3.2): 64 bytes HS512, 48
    /// HS384, else HS256.
    pub fn generate(kind: KeyKind) -> Result<Self, String> {
        let mut key = Self::bare(match kind {
            KeyKind::Rsa(bits) => {
                let mut rng = p256::elliptic_curve::common::getrandom::SysRng;
                Private::Rsa(Box::new(
                    rsa::PrivateKey::new(&mut rng, bits)
                        .map_err(|e| format!("RSA key generation failed: {e}"))?,
                ))
            }
            KeyKind::Ec(Curve::P256) => Private::P256(p256::ecdsa::SigningKey::generate()),
            KeyKind::Ec(Curve::P384) => Private::P384(p384::ecdsa::SigningKey::generate()),
            KeyKind::Ec(Curve::P521) => Private::P521(p521::ecdsa::SigningKey::generate()),
            KeyKind::Ed25519 => Private::Ed25519(Box::new(ed25519_dalek::SigningKey::from_bytes(
                &<[u8; 32]>::generate(),
            ))),
            KeyKind::Oct(len) => {
                let mut bytes = <[u8; 64]>::generate().to_vec();
                if len == 0 || len > bytes.len() {
                    return Err(format!(
                        "a secret of {len} bytes: choose 1 to 64 (--bits 8 to 512)"
                    ));
                }
                bytes.truncate(len);
                Private::Secret(bytes)
            }
        });
        if let KeyKind::Oct(len) = kind {
            key.alg = Some(
                match len {
                    64.. => "HS512",
                    48.. => "HS384",
                    _ => "HS256",
                }
                .to_string(),
            );
        }
        Ok(key)
    }

    /// The private key as PKCS#8 PEM; `None` for an HMAC secret (PEM has no form for one).
    pub fn to_pkcs8_pem(&self) -> Result<Option<String>, String> {
        use p256::pkcs8::{EncodePrivateKey as _, LineEnding};
        let failed = |e: p256::pkcs8::Error| format!("cannot encode the key as PKCS#8: {e}");
        let doc = match &self.private {
            Private::Secret(_) => return Ok(None),
            Private::Rsa(k) => k.to_pkcs8_pem(LineEnding::LF),
            Private::P256(k) => k.to_pkcs8_pem(LineEnding::LF),
            Private::P384(k) => k.to_pkcs8_pem(LineEnding::LF),
            Private::P521(k) => k.to_pkcs8_pem(LineEnding::LF),
            // PKCS#8 v1 (no public key member): OpenSSL 3.0 refuses the v2 form.
            Private::Ed25519(k) => ed25519_dalek::ed25519::pkcs8::KeypairBytes {
                secret_key: k.to_bytes(),
                public_key: None,
            }
            .to_pkcs8_pem(LineEnding::LF),
        }
        .map_err(failed)?;
        Ok(Some(doc.to_string()))
    }

    /// The public JWK (for a secret: the `oct` JWK, which is the secret itself), members in
    /// RFC 7638 order, with `kid` set to its RFC 7638 thumbprint when the key has none.
    pub fn public_jwk(&self) -> Map<String, Value> {
        let mut jwk = thumbprint_members(&self.private);
        let kid = self.kid.clone().unwrap_or_else(|| self.thumbprint());
        jwk.insert("kid".to_string(), Value::String(kid));
        jwk.insert("use".to_string(), Value::String("sig".to_string()));
        jwk.insert("alg".to_string(), Value::String(self.default_alg()));
        jwk
    }

    /// Give the key a `kid` (for a generated key: its thumbprint).
    pub fn set_kid(&mut self, kid: String) {
        self.kid = Some(kid);
    }

    /// The key's RFC 7638 JWK thumbprint (SHA-256, base64url).
    pub fn thumbprint(&self) -> String {
        let canonical = Value::Object(thumbprint_members(&self.private)).to_string();
        b64::encode(&Sha256::digest(canonical.as_bytes()))
    }

    /// Whether the certificate (PEM, its first CERTIFICATE block, or DER) holds this key's
    /// public half: a certificate and key that do not belong together sign assertions no
    /// identity provider accepts.
    pub fn certified_by(&self, certificate: &[u8]) -> Result<bool, String> {
        let certified = keys::key_from_der("CERTIFICATE", &certificate_der(certificate)?)?;
        Ok(match (&certified, &self.public().material) {
            (Material::Rsa(a), Material::Rsa(b)) => a == b,
            (Material::P256(a), Material::P256(b)) => a == b,
            (Material::P384(a), Material::P384(b)) => a == b,
            (Material::P521(a), Material::P521(b)) => a == b,
            (Material::Ed25519(a), Material::Ed25519(b)) => a == b,
            _ => false,
        })
    }
}

impl super::Verifier {
    /// A verifier holding only `key`'s public half, named `label` in reports: the report of
    /// a token just signed says whether its signature checks out.
    pub fn for_signing_key(key: &SigningKey, label: String) -> Self {
        super::Verifier {
            static_sources: vec![super::KeySource {
                label,
                parsed: std::sync::Arc::new(keys::ParsedKeys {
                    keys: vec![key.public()],
                    is_set: false,
                }),
                cached_age: None,
                remote: false,
            }],
            jwks: None,
            jwks_label: String::new(),
            discover: false,
            trust: Vec::new(),
            expect: super::claims::Expectations {
                iss: None,
                aud: None,
                leeway: 0,
            },
            http: super::fetch::Http::new(),
            cache: None,
            key_sets: std::sync::Mutex::default(),
            discovered: std::sync::Mutex::default(),
            other_names: std::sync::Mutex::default(),
        }
    }
}

/// A certificate's `x5t` (SHA-1) and `x5t#S256` (SHA-256) thumbprints, base64url, from its
/// PEM (the first CERTIFICATE block) or DER (RFC 7515 §4.1.7-8).
pub fn certificate_thumbprints(bytes: &[u8]) -> Result<(String, String), String> {
    let der = certificate_der(bytes)?;
    x509_cert::Certificate::from_der(&der).map_err(|e| format!("not an X.509 certificate: {e}"))?;
    Ok((
        b64::encode(&sha1::Sha1::digest(&der)),
        b64::encode(&Sha256::digest(&der)),
    ))
}

/// A certificate's DER: the first CERTIFICATE block of a PEM, or the bytes themselves.
pub fn certificate_der(bytes: &[u8]) -> Result<Vec<u8>, String> {
    match std::str::from_utf8(bytes) {
        Ok(text) if text.contains("-----BEGIN ") => keys::pem_blocks(text)?
            .into_iter()
            .find(|(label, _)| label == "CERTIFICATE")
            .map(|(_, der)| der)
            .ok_or_else(|| "no CERTIFICATE block in the PEM".to_string()),
        _ => Ok(bytes.to_vec()),
    }
}

/// The members an RFC 7638 thumbprint covers, in lexicographic order.
fn thumbprint_members(private: &Private) -> Map<String, Value> {
    let s = |v: &str| Value::String(v.to_string());
    let b = |bytes: &[u8]| Value::String(b64::encode(bytes));
    let mut m = Map::new();
    let ec = |m: &mut Map<String, Value>, crv: &str, point: &[u8]| {
        // Uncompressed SEC1: 0x04 || x || y, each half the rest.
        let half = (point.len() - 1) / 2;
        m.insert("crv".to_string(), s(crv));
        m.insert("kty".to_string(), s("EC"));
        m.insert("x".to_string(), b(&point[1..=half]));
        m.insert("y".to_string(), b(&point[1 + half..]));
    };
    match private {
        Private::Secret(k) => {
            m.insert("k".to_string(), b(k));
            m.insert("kty".to_string(), s("oct"));
        }
        Private::Rsa(k) => {
            use rsa::traits::PublicKeyParts as _;
            m.insert("e".to_string(), b(&k.e().to_be_bytes_trimmed_vartime()));
            m.insert("kty".to_string(), s("RSA"));
            m.insert(
                "n".to_string(),
                b(&k.n().as_ref().to_be_bytes_trimmed_vartime()),
            );
        }
        Private::P256(k) => ec(&mut m, "P-256", &k.verifying_key().to_sec1_bytes()),
        Private::P384(k) => ec(&mut m, "P-384", &k.verifying_key().to_sec1_bytes()),
        Private::P521(k) => ec(&mut m, "P-521", &k.verifying_key().to_sec1_bytes()),
        Private::Ed25519(k) => {
            m.insert("crv".to_string(), s("Ed25519"));
            m.insert("kty".to_string(), s("OKP"));
            m.insert("x".to_string(), b(k.verifying_key().as_bytes()));
        }
    }
    m
}

/// An RS or PS signature made by ring (the sign-in's client assertions are signed here too,
/// through [`SigningKey::sign`]): its assembly signs with a 2048-bit key in about a quarter of the
/// time the `rsa` crate takes (encode RS256 measured 6.4 ms against jwt-cli's 3.3 ms before).
/// `None` when ring will not take the key (it signs with 2048 to 4096 bits) or `alg` is not
/// RSA: the `rsa` crate signs then. PSS salts are as long as the hash in both (RFC 7518 §3.5).
fn ring_rsa_sign(k: &rsa::PrivateKey, alg: Alg, input: &[u8]) -> Option<Vec<u8>> {
    use ring::signature as ring_sig;
    use rsa::pkcs8::EncodePrivateKey as _;
    let padding: &'static dyn ring_sig::RsaEncoding = match alg {
        Alg::Rs(Bits::B256) => &ring_sig::RSA_PKCS1_SHA256,
        Alg::Rs(Bits::B384) => &ring_sig::RSA_PKCS1_SHA384,
        Alg::Rs(Bits::B512) => &ring_sig::RSA_PKCS1_SHA512,
        Alg::Ps(Bits::B256) => &ring_sig::RSA_PSS_SHA256,
        Alg::Ps(Bits::B384) => &ring_sig::RSA_PSS_SHA384,
        Alg::Ps(Bits::B512) => &ring_sig::RSA_PSS_SHA512,
        _ => return None,
    };
    let der = k.to_pkcs8_der().ok()?;
    let pair = ring_sig::RsaKeyPair::from_pkcs8(der.as_bytes()).ok()?;
    let mut sig = vec![0; pair.public().modulus_len()];
    pair.sign(padding, &ring::rand::SystemRandom::new(), input, &mut sig)
        .ok()?;
    Some(sig)
}

fn hmac_tag<D>(secret: &[u8], input: &[u8]) -> Vec<u8>
where
    D: hmac::EagerHash,
    Hmac<D>: hmac::KeyInit + hmac::Mac,
{
    // HMAC takes keys of any length; new_from_slice cannot fail for it.
    let Ok(mut mac) = <Hmac<D> as hmac::KeyInit>::new_from_slice(secret) else {
        return Vec::new();
    };
    mac.update(input);
    mac.finalize().into_bytes().to_vec()
}

/// A PKCS#8 "PRIVATE KEY", by its algorithm.
fn from_pkcs8(der: &[u8]) -> Result<Private, SigningKeyError> {
    use SigningKeyError::Unreadable;
    let bad = |what: &str, e: &dyn fmt::Display| Unreadable(format!("PRIVATE KEY ({what}): {e}"));
    let info = p256::pkcs8::PrivateKeyInfoRef::from_der(der).map_err(|e| bad("PKCS#8", &e))?;
    let oid = info.algorithm.oid;
    if oid == keys::OID_RSA || oid == keys::OID_RSA_PSS {
        return rsa::PrivateKey::try_from(info)
            .map(|k| Private::Rsa(Box::new(k)))
            .map_err(|e| bad("RSA", &e));
    }
    if oid == keys::OID_EC {
        let curve = info
            .algorithm
            .parameters_oid()
            .map_err(|_| Unreadable("PRIVATE KEY (EC) without a named curve".to_string()))?;
        return if curve == keys::OID_P256 {
            p256::ecdsa::SigningKey::try_from(info)
                .map(Private::P256)
                .map_err(|e| bad("EC P-256", &e))
        } else if curve == keys::OID_P384 {
            p384::ecdsa::SigningKey::try_from(info)
                .map(Private::P384)
                .map_err(|e| bad("EC P-384", &e))
        } else if curve == keys::OID_P521 {
            p521::ecdsa::SigningKey::try_from(info)
                .map(Private::P521)
                .map_err(|e| bad("EC P-521", &e))
        } else {
            Err(Unreadable(format!(
                "PRIVATE KEY on EC curve {curve}, which jwtscope cannot sign with (P-256, P-384, P-521)"
            )))
        };
    }
    if oid == keys::OID_ED25519 {
        return ed25519_dalek::SigningKey::try_from(info)
            .map(|k| Private::Ed25519(Box::new(k)))
            .map_err(|e| bad("Ed25519", &e));
    }
    Err(Unreadable(format!(
        "PRIVATE KEY of algorithm {oid}, which jwtscope cannot sign with (RSA, EC P-256/384/521, Ed25519)"
    )))
}

/// A SEC1 "EC PRIVATE KEY": the curve is whichever decodes it (the block names its curve).
fn from_sec1(der: &[u8]) -> Result<Private, SigningKeyError> {
    if let Ok(k) = p256::SecretKey::from_sec1_der(der) {
        return Ok(Private::P256(k.into()));
    }
    if let Ok(k) = p384::SecretKey::from_sec1_der(der) {
        return Ok(Private::P384(k.into()));
    }
    if let Ok(k) = p521::SecretKey::from_sec1_der(der) {
        return Ok(Private::P521(k.into()));
    }
    Err(SigningKeyError::Unreadable(
        "EC PRIVATE KEY (SEC1): not a P-256, P-384 or P-521 key".to_string(),
    ))
}

/// A JWK or a JWK Set holding a private key.
fn from_jwk_document(value: &Value, kid: Option<&str>) -> Result<SigningKey, SigningKeyError> {
    use SigningKeyError::{NotPrivate, Unreadable};
    let Some(obj) = value.as_object() else {
        return Err(Unreadable(
            "JSON but not an object: expected a JWK or a JWK Set".to_string(),
        ));
    };
    let Some(keys) = obj.get("keys") else {
        if !obj.contains_key("kty") {
            return Err(Unreadable(
                "JSON object with neither \"keys\" (a JWK Set) nor \"kty\" (a JWK)".to_string(),
            ));
        }
        // A single JWK is the key the user named; --kid then only sets the header.
        return from_jwk(obj);
    };
    let Some(entries) = keys.as_array() else {
        return Err(Unreadable("\"keys\" is not an array".to_string()));
    };
    let chosen: Vec<&Map<String, Value>> = entries
        .iter()
        .filter_map(Value::as_object)
        .filter(|k| kid.is_none_or(|want| k.get("kid").and_then(Value::as_str) == Some(want)))
        .collect();
    match (chosen.as_slice(), kid) {
        ([], Some(want)) => Err(NotPrivate(format!(
            "the key set has no key with kid {want:?}"
        ))),
        ([], None) => Err(Unreadable("the key set is empty".to_string())),
        ([one], _) => from_jwk(one),
        (several, None) => {
            let private: Vec<&&Map<String, Value>> = several
                .iter()
                .filter(|k| k.contains_key("d") || k.contains_key("k"))
                .collect();
            match private.as_slice() {
                [one] => from_jwk(one),
                [] => from_jwk(several[0]),
                _ => Err(NotPrivate(format!(
                    "the key set has {} private keys; choose one with --kid ({})",
                    private.len(),
                    private
                        .iter()
                        .map(|k| k
                            .get("kid")
                            .map_or_else(|| "(no kid)".to_string(), Value::to_string))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))),
            }
        }
        (_, Some(want)) => Err(NotPrivate(format!(
            "the key set has several keys with kid {want:?}"
        ))),
    }
}

/// One private JWK (RFC 7518 §6, RFC 8037). The public members are read by verification's
/// parser and must match the private ones.
fn from_jwk(obj: &Map<String, Value>) -> Result<SigningKey, SigningKeyError> {
    use SigningKeyError::{NotPrivate, Unreadable};
    let public = keys::parse_jwk(obj).map_err(Unreadable)?;
    let private_member = |name: &str| {
        keys::b64_member(obj, name).map_err(|e| Unreadable(format!("private JWK {e}")))
    };
    let public_only = || {
        NotPrivate(format!(
            "the JWK is {}: it has no private part (\"d\"), and signing needs one",
            public.material.describe()
        ))
    };
    let mismatch =
        || Unreadable("the JWK's private \"d\" does not belong to its public part".to_string());
    let private = match &public.material {
        Material::Secret(k) => Private::Secret(k.clone()),
        Material::Rsa(pubkey) => {
            use rsa::traits::PublicKeyParts as _;
            if !obj.contains_key("d") {
                return Err(public_only());
            }
            let d = private_member("d")?;
            let mut primes = Vec::new();
            if obj.contains_key("p") && obj.contains_key("q") {
                primes.push(rsa::BoxedUint::from_be_slice_vartime(&private_member("p")?));
                primes.push(rsa::BoxedUint::from_be_slice_vartime(&private_member("q")?));
            }
            let k = rsa::PrivateKey::from_components(
                pubkey.n().as_ref().clone(),
                pubkey.e().clone(),
                rsa::BoxedUint::from_be_slice_vartime(&d),
                primes,
            )
            .map_err(|e| Unreadable(format!("not a usable RSA private key: {e}")))?;
            Private::Rsa(Box::new(k))
        }
        Material::P256(v) => {
            if !obj.contains_key("d") {
                return Err(public_only());
            }
            let k = p256::ecdsa::SigningKey::from_slice(&private_member("d")?)
                .map_err(|_| Unreadable("EC P-256 JWK: \"d\" is not a private key".to_string()))?;
            if k.verifying_key() != v {
                return Err(mismatch());
            }
            Private::P256(k)
        }
        Material::P384(v) => {
            if !obj.contains_key("d") {
                return Err(public_only());
            }
            let k = p384::ecdsa::SigningKey::from_slice(&private_member("d")?)
                .map_err(|_| Unreadable("EC P-384 JWK: \"d\" is not a private key".to_string()))?;
            if k.verifying_key() != v {
                return Err(mismatch());
            }
            Private::P384(k)
        }
        Material::P521(v) => {
            if !obj.contains_key("d") {
                return Err(public_only());
            }
            let k = p521::ecdsa::SigningKey::from_slice(&private_member("d")?)
                .map_err(|_| Unreadable("EC P-521 JWK: \"d\" is not a private key".to_string()))?;
            if k.verifying_key() != v {
                return Err(mismatch());
            }
            Private::P521(k)
        }
        Material::Ed25519(v) => {
            if !obj.contains_key("d") {
                return Err(public_only());
            }
            let d: [u8; 32] = private_member("d")?
                .try_into()
                .map_err(|_| Unreadable("OKP Ed25519 JWK: \"d\" must be 32 bytes".to_string()))?;
            let k = ed25519_dalek::SigningKey::from_bytes(&d);
            if k.verifying_key() != *v {
                return Err(mismatch());
            }
            Private::Ed25519(Box::new(k))
        }
        Material::Unsupported(what) => {
            return Err(Unreadable(format!(
                "the JWK is {what}, which jwtscope cannot sign with"
            )));
        }
        Material::Unusable(why) => return Err(Unreadable(why.clone())),
    };
    Ok(SigningKey {
        private,
        kid: public.kid,
        alg: public.alg,
        use_: public.use_,
        key_ops: public.key_ops,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn public_keys_and_certificates_are_refused_as_not_private() {
        let pem = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n";
        let e = SigningKey::parse_file(pem.as_bytes(), None).unwrap_err();
        assert!(
            matches!(e, SigningKeyError::NotPrivate(ref m) if m.contains("PUBLIC KEY")),
            "{e}"
        );
        let jwk = json!({"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"});
        let e = SigningKey::parse_file(jwk.to_string().as_bytes(), None).unwrap_err();
        assert!(
            matches!(e, SigningKeyError::NotPrivate(ref m) if m.contains("no private part")),
            "{e}"
        );
    }

    #[test]
    fn rfc8037_ed25519_key_signs_the_rfc_signature() {
        // RFC 8037 Appendix A.1 key, A.4 signature over "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc".
        let jwk = json!({"kty":"OKP","crv":"Ed25519",
            "d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
            "x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"});
        let k = SigningKey::parse_file(jwk.to_string().as_bytes(), None).unwrap();
        assert_eq!(k.default_alg(), "EdDSA");
        let sig = k
            .sign(
                "EdDSA",
                b"eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc",
            )
            .unwrap();
        assert_eq!(
            b64::encode(&sig),
            "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"
        );
        // RFC 8037 A.3 thumbprint.
        assert_eq!(
            k.thumbprint(),
            "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
        );
    }

    #[test]
    fn a_key_does_not_sign_for_another_family() {
        let k = SigningKey::from_secret_text("secret").unwrap();
        assert!(k.not_allowed("HS256").is_none());
        let e = k.not_allowed("RS256").unwrap();
        assert!(
            e.contains("RS256 needs an RSA private key") && e.contains("shared secret (6 bytes)"),
            "{e}"
        );
        assert!(k.not_allowed("none").unwrap().contains("not an algorithm"));
        assert!(k.weakness("HS256").unwrap().contains("6 bytes"));
        assert!(format!("{k:?}").contains("6 bytes") && !format!("{k:?}").contains("secret\""));
    }

    #[test]
    fn generated_keys_sign_what_their_public_half_verifies() {
        for kind in [
            KeyKind::Ec(Curve::P256),
            KeyKind::Ec(Curve::P384),
            KeyKind::Ec(Curve::P521),
            KeyKind::Ed25519,
            KeyKind::Oct(32),
        ] {
            let k = SigningKey::generate(kind).unwrap();
            let alg = k.default_alg();
            let sig = k.sign(&alg, b"a.b").unwrap();
            let AlgName::Known(a) = Alg::parse(&alg) else {
                panic!()
            };
            assert!(
                super::super::crypto::check(a, &k.public().material, b"a.b", &sig).is_ok(),
                "{alg}"
            );
            // What keygen writes reads back as the same key.
            if let Some(pem) = k.to_pkcs8_pem().unwrap() {
                let back = SigningKey::parse_file(pem.as_bytes(), None).unwrap();
                assert_eq!(back.thumbprint(), k.thumbprint());
            }
            let jwk = Value::Object(k.public_jwk());
            let parsed = keys::parse_key_file(jwk.to_string().as_bytes()).unwrap();
            assert_eq!(parsed.keys[0].kid.as_deref(), Some(k.thumbprint().as_str()));
        }
    }

    /// RS and PS signatures come from ring when it takes the key (2048 bits here) and from
    /// the rsa crate when it does not (1024 bits, below ring's minimum); both verify.
    #[test]
    fn rsa_signs_with_ring_or_the_rsa_crate_and_both_verify() {
        let mut rng = p256::elliptic_curve::common::getrandom::SysRng;
        for (bits, by_ring) in [(2048, true), (1024, false)] {
            let key = rsa::PrivateKey::new(&mut rng, bits).unwrap();
            let k = SigningKey::bare(Private::Rsa(Box::new(key.clone())));
            for alg in ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"] {
                let AlgName::Known(a) = Alg::parse(alg) else {
                    panic!()
                };
                assert_eq!(
                    ring_rsa_sign(&key, a, b"a.b").is_some(),
                    by_ring,
                    "{bits} {alg}"
                );
                if bits == 1024 && alg == "PS512" {
                    // A 1024-bit modulus is too short for PSS with SHA-512 and its 64-byte salt.
                    assert!(k.sign(alg, b"a.b").is_err());
                    continue;
                }
                let sig = k.sign(alg, b"a.b").unwrap();
                assert_eq!(sig.len(), bits / 8);
                assert!(
                    super::super::crypto::check(a, &k.public().material, b"a.b", &sig).is_ok(),
                    "{bits} {alg}"
                );
            }
        }
    }
}
