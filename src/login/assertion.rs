//! `--certificate`: a `private_key_jwt` client assertion (RFC 7523 §2.2, Entra's certificate
//! credentials): PS256 signed with the certificate's RSA key, `x5t#S256` and `x5t` naming the
//! certificate, `aud` the token endpoint, `iss` = `sub` = the client ID, a unique `jti`, ten
//! minutes of `exp`. Signing is ring's RSA-PSS; nothing is hand-rolled but the JSON.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ring::rand::{SecureRandom as _, SystemRandom};
use ring::signature::{RSA_PSS_SHA256, RsaKeyPair};
use serde_json::json;

use super::error::LoginError;

/// Largest certificate file read.
const MAX_FILE: u64 = 1 << 20;

/// A certificate and its private key, read once.
pub struct Credential {
    key: RsaKeyPair,
    x5t: String,
    x5t_s256: String,
}

impl std::fmt::Debug for Credential {
    // Never prints the key.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credential")
            .field("x5t#S256", &self.x5t_s256)
            .finish_non_exhaustive()
    }
}

impl Credential {
    /// Read a PEM file holding a CERTIFICATE block and a PRIVATE KEY (PKCS#8) or RSA
    /// PRIVATE KEY (PKCS#1) block.
    pub fn from_pem_file(path: &std::path::Path) -> Result<Credential, LoginError> {
        let problem = |problem: String| LoginError::Certificate {
            path: path.display().to_string(),
            problem,
        };
        let bytes = crate::source::read_file(path, MAX_FILE).map_err(|e| problem(e.to_string()))?;
        let text = String::from_utf8(bytes).map_err(|_| problem("not a PEM file".into()))?;
        Self::from_pem(&text).map_err(problem)
    }

    pub fn from_pem(text: &str) -> Result<Credential, String> {
        let mut cert = None;
        let mut key = None;
        let mut rest = text;
        while let Some(start) = rest.find("-----BEGIN ") {
            let block = &rest[start..];
            let Some(end_at) = block.find("-----END ") else {
                break;
            };
            let after = &block[end_at + 9..];
            let Some(close) = after.find("-----") else {
                break;
            };
            let len = end_at + 9 + close + 5;
            let pem = &block[..len];
            rest = &block[len..];
            let (label, der) = x509_cert::der::pem::decode_vec(pem.as_bytes())
                .map_err(|e| format!("a PEM block cannot be read: {e}"))?;
            match label {
                "CERTIFICATE" if cert.is_none() => cert = Some(der),
                "PRIVATE KEY" => {
                    key = Some(RsaKeyPair::from_pkcs8(&der).map_err(|e| format!("the private key is not a usable RSA key ({e}); Entra certificate credentials are RSA"))?);
                }
                "RSA PRIVATE KEY" => {
                    key = Some(
                        RsaKeyPair::from_der(&der)
                            .map_err(|e| format!("the RSA private key cannot be used ({e})"))?,
                    );
                }
                "ENCRYPTED PRIVATE KEY" => {
                    return Err(
                        "the private key is encrypted; decrypt it first (openssl pkey -in FILE)"
                            .into(),
                    );
                }
                _ => {}
            }
        }
        let cert = cert.ok_or(
            "no CERTIFICATE block (the file must hold the certificate and its private key)",
        )?;
        let key = key.ok_or(
            "no PRIVATE KEY block (the file must hold the certificate and its private key)",
        )?;
        let sha1 = ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, &cert);
        let sha256 = ring::digest::digest(&ring::digest::SHA256, &cert);
        Ok(Credential {
            key,
            x5t: URL_SAFE_NO_PAD.encode(sha1.as_ref()),
            x5t_s256: URL_SAFE_NO_PAD.encode(sha256.as_ref()),
        })
    }

    /// A fresh assertion for `client_id` at `token_endpoint`, issued at `now` (Unix seconds).
    pub fn assertion(
        &self,
        client_id: &str,
        token_endpoint: &str,
        now: i64,
    ) -> Result<String, String> {
        let rng = SystemRandom::new();
        let mut id = [0u8; 16];
        rng.fill(&mut id)
            .map_err(|_| "no random numbers".to_string())?;
        id[6] = (id[6] & 0x0f) | 0x40;
        id[8] = (id[8] & 0x3f) | 0x80;
        let hex = base16ct::lower::encode_string(&id);
        let jti = format!(
            "{}-{}-{}-{}-{}",
            &hex[..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..]
        );
        let header =
            json!({"alg": "PS256", "typ": "JWT", "x5t#S256": self.x5t_s256, "x5t": self.x5t});
        let claims = json!({
            "aud": token_endpoint,
            "iss": client_id,
            "sub": client_id,
            "jti": jti,
            "nbf": now,
            "iat": now,
            "exp": now + 600,
        });
        let input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        );
        let mut sig = vec![0u8; self.key.public().modulus_len()];
        self.key
            .sign(&RSA_PSS_SHA256, &rng, input.as_bytes(), &mut sig)
            .map_err(|_| "signing the client assertion failed".to_string())?;
        Ok(format!("{input}.{}", URL_SAFE_NO_PAD.encode(sig)))
    }
}
