//! Keys as jwtscope reads them: PEM (SPKI public key, PKCS#1 RSA public key, X.509
//! certificate), a JWK, or a JWK Set.
//!
//! Parsing is done once, up front; what a key may be used for is decided later, per token, by
//! `crypto::not_allowed`. Key types jwtscope cannot use (secp256k1, Ed448, ML-DSA, ...)
//! are kept as [`Material::Unsupported`] rather than refused, so a key set that holds one of
//! them still loads, and a token signed with one is reported "unsupported", not "invalid".

use std::fmt;

use serde_json::{Map, Value};
use x509_cert::Certificate;
use x509_cert::der::{Decode as _, Encode as _};
use x509_cert::spki::{ObjectIdentifier, SubjectPublicKeyInfoRef};

use crate::token::b64;

pub(crate) const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
pub(crate) const OID_RSA_PSS: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
pub(crate) const OID_EC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
pub(crate) const OID_P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
pub(crate) const OID_P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
pub(crate) const OID_P521: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");
pub(crate) const OID_SECP256K1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.10");
pub(crate) const OID_ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
pub(crate) const OID_ED448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.113");

/// The usable part of a key.
#[derive(Clone)]
pub(crate) enum Material {
    /// An HMAC secret (a JWK `oct`, or `--secret`).
    Secret(Vec<u8>),
    Rsa(rsa::PublicKey),
    P256(p256::ecdsa::VerifyingKey),
    P384(p384::ecdsa::VerifyingKey),
    P521(p521::ecdsa::VerifyingKey),
    Ed25519(ed25519_dalek::VerifyingKey),
    /// A key of a type jwtscope cannot check signatures with, described ("EC secp256k1").
    Unsupported(String),
    /// An entry of a key set that could not be read, and why.
    Unusable(String),
}

impl Material {
    /// What the key is, for messages: "an RSA public key (2048 bits)".
    pub(crate) fn describe(&self) -> String {
        match self {
            Material::Secret(s) => format!("a shared secret ({} bytes)", s.len()),
            Material::Rsa(k) => format!("an RSA public key ({} bits)", rsa_bits(k)),
            Material::P256(_) => "an EC P-256 public key".to_string(),
            Material::P384(_) => "an EC P-384 public key".to_string(),
            Material::P521(_) => "an EC P-521 public key".to_string(),
            Material::Ed25519(_) => "an Ed25519 public key".to_string(),
            Material::Unsupported(what) => format!("an unsupported key ({what})"),
            Material::Unusable(why) => format!("an unreadable key ({why})"),
        }
    }
}

/// The modulus size of an RSA key in bits.
pub(crate) fn rsa_bits(k: &rsa::PublicKey) -> usize {
    use rsa::traits::PublicKeyParts as _;
    k.n().as_ref().bit_width_vartime() as usize
}

impl fmt::Debug for Material {
    // Never prints secret bytes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

/// One key with the JWK members that restrict its use.
#[derive(Debug, Clone)]
pub(crate) struct Key {
    pub material: Material,
    pub kid: Option<String>,
    pub x5t: Option<String>,
    pub x5t_s256: Option<String>,
    /// The JWK's own `alg`: the only algorithm the key may be used with.
    pub alg: Option<String>,
    /// The JWK's `use` ("sig" or "enc").
    pub use_: Option<String>,
    /// The JWK's `key_ops`.
    #[allow(clippy::struct_field_names, reason = "the JWK member's name")]
    pub key_ops: Option<Vec<String>>,
    /// Entra v2 key sets name the issuer each key may sign for (with a `{tenantid}` template).
    pub issuer: Option<String>,
}

impl Key {
    /// A key with no JWK members (from PEM or a secret).
    pub(crate) fn bare(material: Material) -> Self {
        Key {
            material,
            kid: None,
            x5t: None,
            x5t_s256: None,
            alg: None,
            use_: None,
            key_ops: None,
            issuer: None,
        }
    }
}

/// What a key file or a key-set URL held.
#[derive(Debug, Clone)]
pub(crate) struct ParsedKeys {
    pub keys: Vec<Key>,
    /// A JWK Set: keys are chosen by `kid`/`x5t`. A single key (PEM or JWK) is tried whatever
    /// the token's `kid` says, since the user named that very key.
    pub is_set: bool,
}

/// Parse a key file's content: PEM, a JWK or a JWK Set.
pub(crate) fn parse_key_file(bytes: &[u8]) -> Result<ParsedKeys, String> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| "not text: expected PEM, a JWK or a JWK Set (DER files are not read; convert with `openssl pkey -pubin -inform DER`)".to_string())?;
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.is_empty() {
        return Err("is empty".to_string());
    }
    if trimmed.starts_with('{') {
        let value: Value =
            serde_json::from_str(trimmed).map_err(|e| format!("not valid JSON: {e}"))?;
        return parse_jwk_or_set(&value);
    }
    if trimmed.contains("-----BEGIN ") {
        let keys = parse_pem(trimmed)?;
        return Ok(ParsedKeys {
            keys,
            is_set: false,
        });
    }
    Err("neither PEM (-----BEGIN PUBLIC KEY-----, RSA PUBLIC KEY or CERTIFICATE) nor a JWK / JWK Set (JSON)".to_string())
}

/// A JSON document that is a JWK or a JWK Set.
pub(crate) fn parse_jwk_or_set(value: &Value) -> Result<ParsedKeys, String> {
    let Some(obj) = value.as_object() else {
        return Err("JSON but not an object: expected a JWK or a JWK Set".to_string());
    };
    if let Some(keys) = obj.get("keys") {
        return parse_jwk_set(keys).map(|keys| ParsedKeys { keys, is_set: true });
    }
    if obj.contains_key("kty") {
        return parse_jwk(obj).map(|k| ParsedKeys {
            keys: vec![k],
            is_set: false,
        });
    }
    Err("JSON object with neither \"keys\" (a JWK Set) nor \"kty\" (a JWK)".to_string())
}

/// The entries of a JWK Set. An entry that cannot be read is kept as [`Material::Unusable`]
/// (when it has a `kid`), so a token naming it is told why, and the other keys still work.
fn parse_jwk_set(keys: &Value) -> Result<Vec<Key>, String> {
    let Some(entries) = keys.as_array() else {
        return Err("\"keys\" is not an array".to_string());
    };
    if entries.is_empty() {
        return Err("the key set is empty (\"keys\": [])".to_string());
    }
    let mut out = Vec::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        let Some(obj) = entry.as_object() else {
            out.push(Key::bare(Material::Unusable(format!(
                "entry {i} of the key set is not an object"
            ))));
            continue;
        };
        match parse_jwk(obj) {
            Ok(k) => out.push(k),
            Err(why) => {
                let mut k = Key::bare(Material::Unusable(why));
                read_members(obj, &mut k);
                out.push(k);
            }
        }
    }
    Ok(out)
}

fn string_member(obj: &Map<String, Value>, name: &str) -> Option<String> {
    obj.get(name).and_then(Value::as_str).map(str::to_string)
}

pub(crate) fn read_members(obj: &Map<String, Value>, key: &mut Key) {
    key.kid = string_member(obj, "kid");
    key.x5t = string_member(obj, "x5t");
    key.x5t_s256 = string_member(obj, "x5t#S256");
    key.alg = string_member(obj, "alg");
    key.use_ = string_member(obj, "use");
    key.issuer = string_member(obj, "issuer");
    key.key_ops = obj.get("key_ops").and_then(Value::as_array).map(|ops| {
        ops.iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect()
    });
}

/// A base64url member of a JWK, decoded.
pub(crate) fn b64_member(obj: &Map<String, Value>, name: &str) -> Result<Vec<u8>, String> {
    let text = obj
        .get(name)
        .ok_or_else(|| format!("has no \"{name}\""))?
        .as_str()
        .ok_or_else(|| format!("\"{name}\" is not a string"))?;
    let bytes = b64::decode(text)
        .map_err(|_| format!("\"{name}\" is not base64url"))?
        .bytes;
    if bytes.is_empty() {
        return Err(format!("\"{name}\" is empty"));
    }
    Ok(bytes)
}

/// One JWK (RFC 7517/7518/8037). Private members are ignored: only the public part is used.
pub(crate) fn parse_jwk(obj: &Map<String, Value>) -> Result<Key, String> {
    let kty = obj
        .get("kty")
        .ok_or("JWK has no \"kty\"")?
        .as_str()
        .ok_or("JWK \"kty\" is not a string")?;
    let crv = obj.get("crv").and_then(Value::as_str);
    let material = match kty {
        "oct" => Material::Secret(b64_member(obj, "k").map_err(|e| format!("oct JWK {e}"))?),
        "RSA" => {
            let n = b64_member(obj, "n").map_err(|e| format!("RSA JWK {e}"))?;
            let e = b64_member(obj, "e").map_err(|e| format!("RSA JWK {e}"))?;
            Material::Rsa(rsa_from_components(&n, &e)?)
        }
        "EC" => match crv {
            Some(c @ ("P-256" | "P-384" | "P-521")) => {
                let x = b64_member(obj, "x").map_err(|e| format!("EC JWK {e}"))?;
                let y = b64_member(obj, "y").map_err(|e| format!("EC JWK {e}"))?;
                ec_from_coordinates(c, &x, &y)?
            }
            Some(other) => Material::Unsupported(format!("EC {other}")),
            None => return Err("EC JWK has no \"crv\"".to_string()),
        },
        "OKP" => match crv {
            Some("Ed25519") => {
                let x = b64_member(obj, "x").map_err(|e| format!("OKP JWK {e}"))?;
                Material::Ed25519(ed25519_from_bytes(&x)?)
            }
            Some(other) => Material::Unsupported(format!("OKP {other}")),
            None => return Err("OKP JWK has no \"crv\"".to_string()),
        },
        // RFC 9864 / draft ML-DSA keys: "AKP" with the algorithm in "alg".
        "AKP" => Material::Unsupported(format!(
            "AKP {}",
            obj.get("alg").and_then(Value::as_str).unwrap_or("(no alg)")
        )),
        other => Material::Unsupported(format!("kty {other:?}")),
    };
    let mut key = Key::bare(material);
    read_members(obj, &mut key);
    Ok(key)
}

/// An RSA public key from its big-endian modulus and exponent.
fn rsa_from_components(n: &[u8], e: &[u8]) -> Result<rsa::PublicKey, String> {
    let n = rsa::BoxedUint::from_be_slice_vartime(n);
    let e = rsa::BoxedUint::from_be_slice_vartime(e);
    rsa::PublicKey::new(n, e).map_err(|e| format!("not a usable RSA public key: {e}"))
}

/// An EC public key from its JWK coordinates, which must have the curve's full length
/// (RFC 7518 §6.2.1.2).
fn ec_from_coordinates(crv: &str, x: &[u8], y: &[u8]) -> Result<Material, String> {
    let len = match crv {
        "P-256" => 32,
        "P-384" => 48,
        _ => 66,
    };
    if x.len() != len || y.len() != len {
        return Err(format!(
            "EC {crv} JWK: \"x\" and \"y\" must be {len} bytes each, got {} and {}",
            x.len(),
            y.len()
        ));
    }
    let mut sec1 = Vec::with_capacity(1 + 2 * len);
    sec1.push(0x04);
    sec1.extend_from_slice(x);
    sec1.extend_from_slice(y);
    ec_from_sec1(crv, &sec1)
}

fn ec_from_sec1(crv: &str, sec1: &[u8]) -> Result<Material, String> {
    let bad = |_| format!("EC {crv} key: the point is not on the curve");
    Ok(match crv {
        "P-256" => Material::P256(p256::ecdsa::VerifyingKey::from_sec1_bytes(sec1).map_err(bad)?),
        "P-384" => Material::P384(p384::ecdsa::VerifyingKey::from_sec1_bytes(sec1).map_err(bad)?),
        _ => Material::P521(p521::ecdsa::VerifyingKey::from_sec1_bytes(sec1).map_err(bad)?),
    })
}

fn ed25519_from_bytes(x: &[u8]) -> Result<ed25519_dalek::VerifyingKey, String> {
    let bytes: [u8; 32] = x
        .try_into()
        .map_err(|_| format!("Ed25519 key must be 32 bytes, got {}", x.len()))?;
    ed25519_dalek::VerifyingKey::from_bytes(&bytes)
        .map_err(|_| "Ed25519 key is not a valid curve point".to_string())
}

/// Every PEM block of a file (a certificate bundle gives several keys, all tried).
fn parse_pem(text: &str) -> Result<Vec<Key>, String> {
    pem_blocks(text)?
        .into_iter()
        .map(|(label, der)| key_from_der(&label, &der).map(Key::bare))
        .collect()
}

/// The PEM blocks of a text, as (label, DER), in order; text between blocks is ignored
/// (openssl writes "EC PARAMETERS" before "EC PRIVATE KEY", people paste comments).
pub(crate) fn pem_blocks(text: &str) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut blocks = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let block = &rest[start..];
        let label_end = block["-----BEGIN ".len()..]
            .find("-----")
            .ok_or("PEM: unterminated BEGIN line")?;
        let label = &block["-----BEGIN ".len().."-----BEGIN ".len() + label_end];
        let end_marker = format!("-----END {label}-----");
        let end = block
            .find(&end_marker)
            .ok_or_else(|| format!("PEM block {label} has no END line"))?;
        let pem = &block[..end + end_marker.len()];
        rest = &block[end + end_marker.len()..];
        let (label, der) = x509_cert::der::pem::decode_vec(pem.as_bytes())
            .map_err(|e| format!("PEM block {label}: {e}"))?;
        blocks.push((label.to_string(), der));
    }
    if blocks.is_empty() {
        return Err("no PEM block found".to_string());
    }
    Ok(blocks)
}

pub(crate) fn key_from_der(label: &str, der: &[u8]) -> Result<Material, String> {
    match label {
        "PUBLIC KEY" => spki_key(der).map_err(|e| format!("PUBLIC KEY: {e}")),
        "RSA PUBLIC KEY" => {
            use rsa::pkcs1::DecodeRsaPublicKey as _;
            rsa::PublicKey::from_pkcs1_der(der)
                .map(Material::Rsa)
                .map_err(|e| format!("RSA PUBLIC KEY (PKCS#1): {e}"))
        }
        "CERTIFICATE" => {
            let cert = Certificate::from_der(der).map_err(|e| format!("CERTIFICATE: {e}"))?;
            let spki = cert
                .tbs_certificate()
                .subject_public_key_info()
                .to_der()
                .map_err(|e| format!("CERTIFICATE: {e}"))?;
            spki_key(&spki).map_err(|e| format!("CERTIFICATE public key: {e}"))
        }
        l if l.contains("PRIVATE KEY") => Err(format!(
            "holds a private key ({l}); give the public key or the certificate instead: verifying never needs a private key"
        )),
        other => Err(format!(
            "PEM block {other:?} is not a public key (expected PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE)"
        )),
    }
}

/// A SubjectPublicKeyInfo (DER), by its algorithm.
fn spki_key(der: &[u8]) -> Result<Material, String> {
    let spki = SubjectPublicKeyInfoRef::from_der(der).map_err(|e| e.to_string())?;
    let oid = spki.algorithm.oid;
    if oid == OID_RSA || oid == OID_RSA_PSS {
        return rsa::PublicKey::try_from(spki)
            .map(Material::Rsa)
            .map_err(|e| format!("RSA key: {e}"));
    }
    let bits = spki
        .subject_public_key
        .as_bytes()
        .ok_or("the key's bit string is not whole bytes")?;
    if oid == OID_EC {
        let curve = spki
            .algorithm
            .parameters_oid()
            .map_err(|_| "EC key without a named curve")?;
        return match curve {
            c if c == OID_P256 => ec_from_sec1("P-256", bits),
            c if c == OID_P384 => ec_from_sec1("P-384", bits),
            c if c == OID_P521 => ec_from_sec1("P-521", bits),
            c if c == OID_SECP256K1 => Ok(Material::Unsupported("EC secp256k1".to_string())),
            c => Ok(Material::Unsupported(format!("EC curve {c}"))),
        };
    }
    if oid == OID_ED25519 {
        return ed25519_from_bytes(bits).map(Material::Ed25519);
    }
    if oid == OID_ED448 {
        return Ok(Material::Unsupported("Ed448".to_string()));
    }
    Ok(Material::Unsupported(format!("public-key algorithm {oid}")))
}

/// A secret given on the command line, in a file or in the environment: its UTF-8 bytes, or
/// after a `b64:` prefix, base64/base64url-decoded.
pub(crate) fn secret_from_text(text: &str) -> Result<Vec<u8>, String> {
    let bytes = match text.strip_prefix("b64:") {
        Some(encoded) => {
            b64::decode(encoded.trim())
                .map_err(|_| "the text after \"b64:\" is not base64 or base64url".to_string())?
                .bytes
        }
        None => text.as_bytes().to_vec(),
    };
    if bytes.is_empty() {
        return Err("the secret is empty".to_string());
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn secrets_take_text_or_b64() {
        assert_eq!(secret_from_text("abc").unwrap(), b"abc");
        assert_eq!(secret_from_text("b64:YWJj").unwrap(), b"abc");
        assert_eq!(secret_from_text("b64:-_8").unwrap(), vec![0xfb, 0xff]);
        assert_eq!(secret_from_text("b64:+/8=").unwrap(), vec![0xfb, 0xff]);
        assert!(secret_from_text("b64:***").is_err());
        assert!(secret_from_text("").is_err());
    }

    #[test]
    fn key_sets_keep_unreadable_entries_with_their_kid() {
        let set = json!({"keys": [
            {"kty": "RSA", "kid": "broken", "n": "AQAB", "e": "AQAB"},
            {"kty": "EC", "crv": "secp256k1", "kid": "k1", "x": "AA", "y": "AA"},
            {"kty": "oct", "kid": "s", "k": "c2VjcmV0"}
        ]});
        let parsed = parse_jwk_or_set(&set).unwrap();
        assert!(parsed.is_set);
        assert!(matches!(parsed.keys[0].material, Material::Unusable(_)));
        assert_eq!(parsed.keys[0].kid.as_deref(), Some("broken"));
        assert!(matches!(parsed.keys[1].material, Material::Unsupported(_)));
        assert!(matches!(parsed.keys[2].material, Material::Secret(ref s) if s == b"secret"));
    }

    #[test]
    fn private_keys_are_refused_with_a_reason() {
        let pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n-----END PRIVATE KEY-----\n";
        let e = parse_key_file(pem.as_bytes()).unwrap_err();
        assert!(e.contains("private key"), "{e}");
    }

    #[test]
    fn garbage_is_named() {
        assert!(
            parse_key_file(b"hello")
                .unwrap_err()
                .contains("neither PEM")
        );
        assert!(
            parse_key_file(b"{\"a\":1}")
                .unwrap_err()
                .contains("neither")
        );
        assert!(
            parse_key_file(b"{\"keys\":[]}")
                .unwrap_err()
                .contains("empty")
        );
        assert!(
            parse_key_file(&[0xff, 0xfe])
                .unwrap_err()
                .contains("not text")
        );
    }
}
