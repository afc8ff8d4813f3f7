//! `--certificate`: a `private_key_jwt` client assertion (RFC 7523 §2.2, Entra's certificate
//! credentials): PS256 signed with the certificate's RSA key, `x5t#S256` and `x5t` naming the
//! certificate, `aud` the token endpoint, `iss` = `sub` = the client ID, a unique `jti`, ten
//! minutes of `exp`. The key, the thumbprints and the signature are `encode`'s
//! ([`SigningKey`], [`certificate_thumbprints`]); nothing is hand-rolled but the JSON.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ring::rand::{SecureRandom as _, SystemRandom};
use serde_json::json;

use super::error::LoginError;
use crate::verify::signing::{
    SigningKey, SigningKeyError, certificate_der, certificate_thumbprints,
};

/// Largest certificate file read.
const MAX_FILE: u64 = 1 << 20;

/// The algorithm of every assertion: Entra's certificate credentials are RSA, and PS256 is
/// what it documents.
const ALG: &str = "PS256";

/// A certificate and its private key, read once.
pub struct Credential {
    key: SigningKey,
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
        const BOTH: &str = "the file must hold the certificate and its private key";
        if !text.contains("-----BEGIN CERTIFICATE-----") {
            return Err(format!("no CERTIFICATE block ({BOTH})"));
        }
        // The certificate's DER, read out of the PEM once for its thumbprints and its key.
        let cert = certificate_der(text.as_bytes())?;
        let (x5t, x5t_s256) = certificate_thumbprints(&cert)?;
        let key = SigningKey::parse_file(text.as_bytes(), None).map_err(|e| match e {
            SigningKeyError::NotPrivate(_) => format!("no PRIVATE KEY block ({BOTH})"),
            SigningKeyError::Unreadable(why) => why,
        })?;
        if let Some(why) = key.not_allowed(ALG) {
            return Err(format!(
                "the private key cannot sign the assertion ({why}); Entra certificate credentials are RSA"
            ));
        }
        // A weak key is refused here, not warned about: the identity provider would refuse it.
        if let Some(why) = key.weakness(ALG) {
            return Err(why);
        }
        if !key.certified_by(&cert)? {
            return Err("the private key does not belong to the certificate (the certificate holds another public key): every assertion would be refused (Entra: AADSTS700027)".to_string());
        }
        Ok(Credential { key, x5t, x5t_s256 })
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
        let header = json!({"alg": ALG, "typ": "JWT", "x5t#S256": self.x5t_s256, "x5t": self.x5t});
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
        let sig = self
            .key
            .sign(ALG, input.as_bytes())
            .map_err(|e| format!("signing the client assertion failed: {e}"))?;
        Ok(format!("{input}.{}", URL_SAFE_NO_PAD.encode(sig)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verify::signing::{Curve, KeyKind};
    use x509_cert::der::Decode as _;

    fn fixture() -> String {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/login/client.pem"
        );
        std::fs::read_to_string(path).expect("the login fixture")
    }

    /// The fixture's CERTIFICATE block alone, as PEM.
    fn certificate_only() -> String {
        let text = fixture();
        let start = text
            .find("-----BEGIN CERTIFICATE-----")
            .expect("a certificate");
        let end = text.find("-----END CERTIFICATE-----").expect("its end") + 25;
        text[start..end].to_string()
    }

    fn decode(segment: &str) -> serde_json::Value {
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(segment).expect("base64url")).expect("JSON")
    }

    #[test]
    fn an_assertion_is_ps256_by_the_certificates_key_and_names_the_certificate() {
        let credential = Credential::from_pem(&fixture()).expect("the fixture is usable");
        let jwt = credential
            .assertion("client-1", "https://idp.test/token", 1_800_000_000)
            .expect("signed");
        let parts: Vec<&str> = jwt.split('.').collect();
        assert_eq!(parts.len(), 3);
        let (header, claims) = (decode(parts[0]), decode(parts[1]));
        let (x5t, x5t_s256) = certificate_thumbprints(fixture().as_bytes()).expect("a cert");
        assert_eq!(header["alg"], "PS256");
        assert_eq!(header["x5t"], x5t.as_str());
        assert_eq!(header["x5t#S256"], x5t_s256.as_str());
        assert_eq!(claims["aud"], "https://idp.test/token");
        assert_eq!(
            (&claims["iss"], &claims["sub"]),
            (&"client-1".into(), &"client-1".into())
        );
        assert_eq!(claims["exp"], 1_800_000_600);
        assert_eq!(claims["jti"].as_str().map(str::len), Some(36));
        // The signature verifies, by ring on its own, with the public key inside the certificate.
        let (_, der) = x509_cert::der::pem::decode_vec(certificate_only().as_bytes()).expect("PEM");
        let cert = x509_cert::Certificate::from_der(&der).expect("X.509");
        let spki = cert.tbs_certificate().subject_public_key_info();
        let public = ring::signature::UnparsedPublicKey::new(
            &ring::signature::RSA_PSS_2048_8192_SHA256,
            spki.subject_public_key.raw_bytes(),
        );
        let signature = URL_SAFE_NO_PAD.decode(parts[2]).expect("base64url");
        let input = format!("{}.{}", parts[0], parts[1]);
        public
            .verify(input.as_bytes(), &signature)
            .expect("the assertion verifies with the certificate");
        // Two assertions never share a jti.
        let again = credential
            .assertion("client-1", "https://idp.test/token", 1_800_000_000)
            .expect("signed");
        assert_ne!(
            decode(again.split('.').nth(1).unwrap())["jti"],
            claims["jti"]
        );
    }

    #[test]
    fn a_file_missing_either_half_or_with_a_key_entra_refuses_says_which() {
        let err = |text: &str| Credential::from_pem(text).expect_err("refused");
        let key_only = fixture().replace(&certificate_only(), "");
        assert!(
            err(&key_only).starts_with("no CERTIFICATE block"),
            "{}",
            err(&key_only)
        );
        assert!(
            err(&certificate_only()).starts_with("no PRIVATE KEY block"),
            "{}",
            err(&certificate_only())
        );
        let pem = |kind| {
            let key = SigningKey::generate(kind).expect("generated");
            key.to_pkcs8_pem().expect("PEM").expect("a private key")
        };
        let ec = format!("{}\n{}", certificate_only(), pem(KeyKind::Ec(Curve::P256)));
        assert!(err(&ec).contains("RSA"), "{}", err(&ec));
        let small = format!("{}\n{}", certificate_only(), pem(KeyKind::Rsa(1024)));
        assert!(err(&small).contains("2048"), "{}", err(&small));
        let other = format!("{}\n{}", certificate_only(), pem(KeyKind::Rsa(2048)));
        assert!(
            err(&other).contains("does not belong to the certificate"),
            "{}",
            err(&other)
        );
        let encrypted = format!(
            "{}\n-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n",
            certificate_only()
        );
        assert!(err(&encrypted).contains("encrypted"), "{}", err(&encrypted));
    }
}
