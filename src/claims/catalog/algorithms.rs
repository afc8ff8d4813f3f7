//! The IANA "JSON Web Signature and Encryption Algorithms" registry in words: the header
//! `alg` values (JWS algorithms and JWE key management) and the `enc` values (JWE content
//! encryption), as two tables.

use super::Values;

/// `alg` values: JWS algorithms (RFC 7518 §3, RFC 8037, RFC 8812, RFC 9864, ML-DSA for JOSE)
/// and JWE key management (RFC 7518 §4).
pub(super) const ALG_VALUES: Values = &[
    // JWS (RFC 7518 §3, RFC 8037, RFC 8812, RFC 9864, ML-DSA for JOSE)
    ("HS256", "HMAC with SHA-256 (shared secret)"),
    ("HS384", "HMAC with SHA-384 (shared secret)"),
    ("HS512", "HMAC with SHA-512 (shared secret)"),
    ("RS256", "RSASSA-PKCS1-v1_5 with SHA-256"),
    ("RS384", "RSASSA-PKCS1-v1_5 with SHA-384"),
    ("RS512", "RSASSA-PKCS1-v1_5 with SHA-512"),
    ("PS256", "RSASSA-PSS with SHA-256 and MGF1 with SHA-256"),
    ("PS384", "RSASSA-PSS with SHA-384 and MGF1 with SHA-384"),
    ("PS512", "RSASSA-PSS with SHA-512 and MGF1 with SHA-512"),
    ("ES256", "ECDSA on curve P-256 with SHA-256"),
    ("ES384", "ECDSA on curve P-384 with SHA-384"),
    ("ES512", "ECDSA on curve P-521 with SHA-512"),
    ("ES256K", "ECDSA on curve secp256k1 with SHA-256"),
    (
        "EdDSA",
        "EdDSA on the curve named by the key (Ed25519 or Ed448); deprecated in favour of Ed25519 and Ed448",
    ),
    ("Ed25519", "EdDSA on curve Ed25519"),
    ("Ed448", "EdDSA on curve Ed448"),
    (
        "ML-DSA-44",
        "ML-DSA-44 post-quantum signature (FIPS 204, security category 2)",
    ),
    (
        "ML-DSA-65",
        "ML-DSA-65 post-quantum signature (FIPS 204, security category 3)",
    ),
    (
        "ML-DSA-87",
        "ML-DSA-87 post-quantum signature (FIPS 204, security category 5)",
    ),
    (
        "none",
        "no signature at all (unsecured JWT); anyone can forge such a token",
    ),
    (
        "RS1",
        "RSASSA-PKCS1-v1_5 with SHA-1 (registered for Web Crypto only; prohibited in JOSE)",
    ),
    (
        "HS1",
        "HMAC with SHA-1 (registered for Web Crypto only; prohibited in JOSE)",
    ),
    // JWE key management (RFC 7518 §4, Web Crypto registrations)
    (
        "RSA1_5",
        "RSAES-PKCS1-v1_5 key encryption (deprecated: open to padding-oracle attacks)",
    ),
    (
        "RSA-OAEP",
        "RSAES-OAEP key encryption with SHA-1 and MGF1 with SHA-1",
    ),
    (
        "RSA-OAEP-256",
        "RSAES-OAEP key encryption with SHA-256 and MGF1 with SHA-256",
    ),
    (
        "RSA-OAEP-384",
        "RSAES-OAEP key encryption with SHA-384 and MGF1 with SHA-384",
    ),
    (
        "RSA-OAEP-512",
        "RSAES-OAEP key encryption with SHA-512 and MGF1 with SHA-512",
    ),
    ("A128KW", "AES Key Wrap with a 128-bit key"),
    ("A192KW", "AES Key Wrap with a 192-bit key"),
    ("A256KW", "AES Key Wrap with a 256-bit key"),
    (
        "dir",
        "direct encryption with a shared symmetric key (no key wrapping)",
    ),
    (
        "ECDH-ES",
        "Elliptic Curve Diffie-Hellman Ephemeral Static key agreement, key derived directly with Concat KDF",
    ),
    (
        "ECDH-ES+A128KW",
        "ECDH-ES key agreement, then AES Key Wrap with a 128-bit key",
    ),
    (
        "ECDH-ES+A192KW",
        "ECDH-ES key agreement, then AES Key Wrap with a 192-bit key",
    ),
    (
        "ECDH-ES+A256KW",
        "ECDH-ES key agreement, then AES Key Wrap with a 256-bit key",
    ),
    ("A128GCMKW", "AES-GCM key wrapping with a 128-bit key"),
    ("A192GCMKW", "AES-GCM key wrapping with a 192-bit key"),
    ("A256GCMKW", "AES-GCM key wrapping with a 256-bit key"),
    (
        "PBES2-HS256+A128KW",
        "PBES2 password-based key derivation with HMAC SHA-256, then AES Key Wrap with a 128-bit key",
    ),
    (
        "PBES2-HS384+A192KW",
        "PBES2 password-based key derivation with HMAC SHA-384, then AES Key Wrap with a 192-bit key",
    ),
    (
        "PBES2-HS512+A256KW",
        "PBES2 password-based key derivation with HMAC SHA-512, then AES Key Wrap with a 256-bit key",
    ),
];

/// `enc` values: JWE content encryption (RFC 7518 §5), and the names registered for Web
/// Crypto only.
pub(super) const ENC_VALUES: Values = &[
    // JWE content encryption (RFC 7518 §5, Web Crypto registrations)
    (
        "A128CBC-HS256",
        "AES-128 in CBC mode with HMAC SHA-256 authentication",
    ),
    (
        "A192CBC-HS384",
        "AES-192 in CBC mode with HMAC SHA-384 authentication",
    ),
    (
        "A256CBC-HS512",
        "AES-256 in CBC mode with HMAC SHA-512 authentication",
    ),
    ("A128GCM", "AES-GCM with a 128-bit key"),
    ("A192GCM", "AES-GCM with a 192-bit key"),
    ("A256GCM", "AES-GCM with a 256-bit key"),
    (
        "A128CBC",
        "AES-128 in CBC mode without integrity protection (registered for Web Crypto only; prohibited in JOSE)",
    ),
    (
        "A192CBC",
        "AES-192 in CBC mode without integrity protection (registered for Web Crypto only; prohibited in JOSE)",
    ),
    (
        "A256CBC",
        "AES-256 in CBC mode without integrity protection (registered for Web Crypto only; prohibited in JOSE)",
    ),
    (
        "A128CTR",
        "AES-128 in counter mode without integrity protection (registered for Web Crypto only; prohibited in JOSE)",
    ),
    (
        "A192CTR",
        "AES-192 in counter mode without integrity protection (registered for Web Crypto only; prohibited in JOSE)",
    ),
    (
        "A256CTR",
        "AES-256 in counter mode without integrity protection (registered for Web Crypto only; prohibited in JOSE)",
    ),
];

/// An algorithm (`alg` or `enc`) in words, e.g. "RS256" → "RSASSA-PKCS1-v1_5 with SHA-256".
/// Covers every name in the IANA "JSON Web Signature and Encryption Algorithms" registry.
pub fn algorithm(name: &str) -> Option<&'static str> {
    ALG_VALUES
        .iter()
        .chain(ENC_VALUES)
        .find(|(known, _)| *known == name)
        .map(|(_, words)| *words)
}
