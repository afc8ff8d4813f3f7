//! Which key may check which algorithm, and the signature check itself.
//!
//! All cryptography is RustCrypto's: `hmac` (constant-time comparison), `rsa` (PKCS#1 v1.5 and
//! PSS), `p256`/`p384`/`p521` (ECDSA over fixed-size r||s) and `ed25519-dalek` (strict
//! verification). Nothing here computes a signature by hand.

use hmac::{Hmac, Mac as _};
use p256::ecdsa::signature::Verifier as _;
use sha2::{Sha256, Sha384, Sha512};

use super::keys::{Key, Material, rsa_bits};

/// A JWS algorithm jwtscope can check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Alg {
    Hs(Bits),
    Rs(Bits),
    Ps(Bits),
    Es256,
    Es384,
    Es512,
    /// `EdDSA` with an Ed25519 key, or the fully-specified `Ed25519` (RFC 9864).
    Ed25519,
}

/// The SHA-2 size an algorithm uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bits {
    B256,
    B384,
    B512,
}

/// What the header's `alg` means for verification.
pub(crate) enum AlgName {
    Known(Alg),
    /// A signature algorithm jwtscope cannot check (ES256K, Ed448, ML-DSA, unregistered names).
    Unsupported,
}

impl Alg {
    pub(crate) fn parse(name: &str) -> AlgName {
        use Bits::{B256, B384, B512};
        AlgName::Known(match name {
            "HS256" => Alg::Hs(B256),
            "HS384" => Alg::Hs(B384),
            "HS512" => Alg::Hs(B512),
            "RS256" => Alg::Rs(B256),
            "RS384" => Alg::Rs(B384),
            "RS512" => Alg::Rs(B512),
            "PS256" => Alg::Ps(B256),
            "PS384" => Alg::Ps(B384),
            "PS512" => Alg::Ps(B512),
            "ES256" => Alg::Es256,
            "ES384" => Alg::Es384,
            "ES512" => Alg::Es512,
            "EdDSA" | "Ed25519" => Alg::Ed25519,
            _ => return AlgName::Unsupported,
        })
    }

    /// The kind of key this algorithm needs, for messages.
    fn needs(self) -> &'static str {
        match self {
            Alg::Hs(_) => "a shared secret",
            Alg::Rs(_) | Alg::Ps(_) => "an RSA public key",
            Alg::Es256 => "an EC P-256 public key",
            Alg::Es384 => "an EC P-384 public key",
            Alg::Es512 => "an EC P-521 public key",
            Alg::Ed25519 => "an Ed25519 public key",
        }
    }
}

/// Why `key` must not check a token signed with `alg` (named `alg_name` in the header), or
/// `None` when it may. The key decides the family (RFC 8725 §3.1): a public key is never an
/// HMAC secret; and a JWK's own `alg`, `use` and `key_ops` are respected.
pub(crate) fn not_allowed(alg: Alg, alg_name: &str, key: &Key) -> Option<String> {
    let fits = matches!(
        (alg, &key.material),
        (Alg::Hs(_), Material::Secret(_))
            | (Alg::Rs(_) | Alg::Ps(_), Material::Rsa(_))
            | (Alg::Es256, Material::P256(_))
            | (Alg::Es384, Material::P384(_))
            | (Alg::Es512, Material::P521(_))
            | (Alg::Ed25519, Material::Ed25519(_))
    );
    if !fits {
        let what = key.material.describe();
        return Some(match (&key.material, alg) {
            (Material::Unusable(why), _) => format!("the key could not be read: {why}"),
            (
                Material::Rsa(_)
                | Material::P256(_)
                | Material::P384(_)
                | Material::P521(_)
                | Material::Ed25519(_),
                Alg::Hs(_),
            ) => format!(
                "{alg_name} takes a shared secret, but the key is {what}; a public key is never used as an HMAC secret (algorithm confusion, RFC 8725 §2.1)"
            ),
            _ => format!("{alg_name} needs {}, but the key is {what}", alg.needs()),
        });
    }
    if let Some(key_alg) = &key.alg {
        let same = key_alg == alg_name
            || (alg == Alg::Ed25519 && matches!(key_alg.as_str(), "EdDSA" | "Ed25519"));
        if !same {
            return Some(format!(
                "the key is for {key_alg:?} only (its \"alg\"), not {alg_name}"
            ));
        }
    }
    if let Some(u) = &key.use_
        && u != "sig"
    {
        return Some(format!(
            "the key's \"use\" is {u:?}, not \"sig\": it is not for signatures"
        ));
    }
    if let Some(ops) = &key.key_ops
        && !ops.iter().any(|o| o == "verify")
    {
        return Some(format!(
            "the key's \"key_ops\" {ops:?} do not include \"verify\""
        ));
    }
    None
}

/// Warnings about a key that may be used but is weaker than the JWA minimum.
pub(crate) fn weakness(alg: Alg, key: &Key) -> Option<String> {
    match (&key.material, alg) {
        (Material::Secret(s), Alg::Hs(bits)) => {
            let min = match bits {
                Bits::B256 => 32,
                Bits::B384 => 48,
                Bits::B512 => 64,
            };
            (s.len() < min).then(|| {
                format!(
                    "the HMAC secret is {} bytes; RFC 7518 §3.2 requires at least {min} for this algorithm, and short secrets can be guessed offline",
                    s.len()
                )
            })
        }
        (Material::Rsa(k), _) if rsa_bits(k) < 2048 => Some(format!(
            "the RSA key is {} bits; RFC 7518 §3.3 requires 2048 or more",
            rsa_bits(k)
        )),
        _ => None,
    }
}

/// Check `signature` over `input` with a key [`not_allowed`] accepted. `Err` says why the
/// signature does not verify.
pub(crate) fn check(
    alg: Alg,
    key: &Material,
    input: &[u8],
    signature: &[u8],
) -> Result<(), String> {
    const MISMATCH: &str = "signature mismatch";
    match (alg, key) {
        (Alg::Hs(bits), Material::Secret(secret)) => {
            let ok = match bits {
                Bits::B256 => hmac_verify::<Sha256>(secret, input, signature),
                Bits::B384 => hmac_verify::<Sha384>(secret, input, signature),
                Bits::B512 => hmac_verify::<Sha512>(secret, input, signature),
            };
            if ok {
                Ok(())
            } else {
                Err(MISMATCH.to_string())
            }
        }
        (Alg::Rs(bits) | Alg::Ps(bits), Material::Rsa(k)) => {
            use rsa::traits::PublicKeyParts as _;
            if signature.len() != k.size() {
                return Err(format!(
                    "signature is {} bytes, but the {}-bit key makes {}-byte signatures",
                    signature.len(),
                    rsa_bits(k),
                    k.size()
                ));
            }
            let result = match (alg, bits) {
                (Alg::Rs(_), Bits::B256) => k.pkcs1v15_verify::<Sha256>(input, signature),
                (Alg::Rs(_), Bits::B384) => k.pkcs1v15_verify::<Sha384>(input, signature),
                (Alg::Rs(_), Bits::B512) => k.pkcs1v15_verify::<Sha512>(input, signature),
                // PSS with a salt as long as the hash, as RFC 7518 §3.5 requires.
                (_, Bits::B256) => k.pss_verify::<Sha256>(input, signature),
                (_, Bits::B384) => k.pss_verify::<Sha384>(input, signature),
                (_, Bits::B512) => k.pss_verify::<Sha512>(input, signature),
            };
            result.map_err(|_| MISMATCH.to_string())
        }
        (Alg::Es256, Material::P256(k)) => {
            ecdsa_shape(signature, 32, "ES256")?;
            let sig = p256::ecdsa::Signature::from_slice(signature).map_err(|_| out_of_range())?;
            k.verify(input, &sig).map_err(|_| MISMATCH.to_string())
        }
        (Alg::Es384, Material::P384(k)) => {
            ecdsa_shape(signature, 48, "ES384")?;
            let sig = p384::ecdsa::Signature::from_slice(signature).map_err(|_| out_of_range())?;
            k.verify(input, &sig).map_err(|_| MISMATCH.to_string())
        }
        (Alg::Es512, Material::P521(k)) => {
            ecdsa_shape(signature, 66, "ES512")?;
            let sig = p521::ecdsa::Signature::from_slice(signature).map_err(|_| out_of_range())?;
            k.verify(input, &sig).map_err(|_| MISMATCH.to_string())
        }
        (Alg::Ed25519, Material::Ed25519(k)) => {
            let bytes: &[u8; 64] = signature.try_into().map_err(|_| {
                format!(
                    "Ed25519 signatures are 64 bytes, this one is {}",
                    signature.len()
                )
            })?;
            let sig = ed25519_dalek::Signature::from_bytes(bytes);
            k.verify_strict(input, &sig)
                .map_err(|_| MISMATCH.to_string())
        }
        // not_allowed() ruled these out before; answering "mismatch" keeps this total.
        _ => Err(MISMATCH.to_string()),
    }
}

fn hmac_verify<D>(secret: &[u8], input: &[u8], signature: &[u8]) -> bool
where
    D: hmac::EagerHash,
    Hmac<D>: hmac::KeyInit + hmac::Mac,
{
    let Ok(mut mac) = <Hmac<D> as hmac::KeyInit>::new_from_slice(secret) else {
        return false;
    };
    mac.update(input);
    // verify_slice compares in constant time and refuses truncated tags.
    mac.verify_slice(signature).is_ok()
}

/// JWS ECDSA signatures are the fixed-size concatenation r||s (RFC 7518 §3.4), never DER.
fn ecdsa_shape(signature: &[u8], field: usize, alg: &str) -> Result<(), String> {
    if signature.len() == 2 * field {
        return Ok(());
    }
    let der = if signature.first() == Some(&0x30) {
        " (it looks DER-encoded: JWS needs the raw r||s form, RFC 7518 §3.4)"
    } else {
        ""
    };
    Err(format!(
        "{alg} signatures are {} bytes (r||s), this one is {}{der}",
        2 * field,
        signature.len()
    ))
}

fn out_of_range() -> String {
    "signature has r or s equal to zero or not below the curve order, which no valid ECDSA signature has (the CVE-2022-21449 \"psychic signature\")".to_string()
}
