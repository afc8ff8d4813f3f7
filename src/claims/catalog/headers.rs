//! JOSE header parameters (RFC 7515 §4.1, RFC 7516 §4.1, RFC 7518 §4.6-4.8, RFC 7797,
//! RFC 8225, RFC 8555, ...) and their value tables.

use super::algorithms::{ALG_VALUES, ENC_VALUES};
use super::{Entry, Family, Values, any, only};

/// Header `typ` values (media types without `application/`).
const TYP_VALUES: Values = &[
    ("JWT", "a JSON Web Token"),
    ("JOSE", "a JWS or JWE in compact serialization"),
    ("JOSE+JSON", "a JWS or JWE in JSON serialization"),
    (
        "at+jwt",
        "an OAuth 2.0 access token in the RFC 9068 JWT format",
    ),
    (
        "dpop+jwt",
        "a DPoP proof, showing possession of a key for one HTTP request",
    ),
    ("secevent+jwt", "a Security Event Token"),
    ("logout+jwt", "an OpenID Connect back-channel logout token"),
    (
        "token-introspection+jwt",
        "a signed token introspection response",
    ),
    (
        "oauth-authz-req+jwt",
        "a signed OAuth authorization request (request object)",
    ),
    ("kb+jwt", "an SD-JWT key binding token"),
    ("dc+sd-jwt", "an SD-JWT verifiable credential"),
    (
        "vc+sd-jwt",
        "an SD-JWT verifiable credential (earlier media type name)",
    ),
    (
        "entity-statement+jwt",
        "an OpenID Federation entity statement",
    ),
    (
        "openid4vci-proof+jwt",
        "a key proof for OpenID for Verifiable Credential Issuance",
    ),
];

const CTY_VALUES: Values = &[("JWT", "the payload is itself a JWT (a nested token)")];

const ZIP_VALUES: Values = &[("DEF", "DEFLATE compression (RFC 1951)")];

pub(super) static HEADERS: &[Entry] = &[
    // RFC 7515 §4.1 (and the same names in RFC 7516 §4.1)
    any(
        "alg",
        "The algorithm that signed the token, or for an encrypted token the one that protects the content key. A verifier must decide for itself which algorithms it accepts and never let this value choose the key type or algorithm.",
    )
    .with_values(ALG_VALUES),
    any(
        "jku",
        "A URL of a key set said to hold the signing key. Keys named by the token itself must not be trusted: fetch keys only from locations you configured for this issuer.",
    ),
    any(
        "jwk",
        "The public key that signed the token, embedded in the header. Do not trust a key the token brings along unless a protocol such as DPoP calls for it, or anyone could sign with their own key.",
    ),
    any(
        "kid",
        "Key ID: a label that picks the right key out of the issuer's published key set.",
    ),
    any(
        "x5u",
        "A URL of the X.509 certificate chain of the signing key. Keys named by the token itself must not be trusted: fetch keys only from locations you configured for this issuer.",
    ),
    any(
        "x5c",
        "The X.509 certificate chain of the signing key, embedded in the header. Trust it only after validating the chain to a root you trust and checking the certificate is the one you expect.",
    ),
    any(
        "x5t",
        "The SHA-1 thumbprint of the signing certificate, base64url-encoded, used to pick the key.",
    ),
    any(
        "x5t#S256",
        "The SHA-256 thumbprint of the signing certificate, base64url-encoded, used to pick the key.",
    ),
    any(
        "typ",
        "The media type of the whole token, such as JWT. Checking it stops one kind of token from being passed off as another.",
    )
    .with_values(TYP_VALUES),
    any(
        "cty",
        "The media type of the payload; JWT here means the payload is itself a JWT (a nested token).",
    )
    .with_values(CTY_VALUES),
    any(
        "crit",
        "Header extensions the receiver must understand and process. A receiver that does not know one of them must reject the token.",
    ),
    // RFC 7516 §4.1
    any(
        "enc",
        "The algorithm that encrypted the payload of this encrypted token (JWE).",
    )
    .with_values(ENC_VALUES),
    any(
        "zip",
        "Compression applied to the payload before it was encrypted.",
    )
    .with_values(ZIP_VALUES),
    // RFC 7518 §4.6-4.8
    any(
        "epk",
        "The sender's ephemeral public key for ECDH-ES key agreement.",
    ),
    any(
        "apu",
        "Agreement PartyUInfo: information about the sender that is mixed into the ECDH-ES key derivation.",
    ),
    any(
        "apv",
        "Agreement PartyVInfo: information about the recipient that is mixed into the ECDH-ES key derivation.",
    ),
    any(
        "iv",
        "The initialization vector used to wrap the content key with AES-GCM.",
    ),
    any(
        "tag",
        "The authentication tag produced when the content key was wrapped with AES-GCM.",
    ),
    any(
        "p2s",
        "The salt for PBES2 password-based key encryption.",
    ),
    any(
        "p2c",
        "The iteration count for PBES2 password-based key encryption. A huge value makes the receiver do a lot of work, so receivers should cap it.",
    ),
    // RFC 7519 §5.3: claims replicated in the header
    any(
        "iss",
        "A copy of the iss claim, placed in the header so it can be read without decrypting the token. It must match the claim inside.",
    ),
    any(
        "sub",
        "A copy of the sub claim, placed in the header so it can be read without decrypting the token. It must match the claim inside.",
    ),
    any(
        "aud",
        "A copy of the aud claim, placed in the header so it can be read without decrypting the token. It must match the claim inside.",
    ),
    // RFC 7797
    any(
        "b64",
        "False means the payload was signed as is, without base64url encoding (the unencoded payload option). It must then also be listed in crit.",
    ),
    // RFC 8225
    any(
        "ppt",
        "The PASSporT extension this caller-identity token follows, such as shaken.",
    ),
    // RFC 8555
    any(
        "url",
        "In an ACME request: the URL the request is sent to, covered by the signature.",
    ),
    any(
        "nonce",
        "In an ACME request: a one-time value from the server that stops the request from being replayed.",
    ),
    // RFC 9321
    any(
        "svt",
        "Signature validation tokens: JWTs from a trusted service stating that this signature was checked and found valid.",
    ),
    // OpenID Federation 1.0
    any(
        "trust_chain",
        "An OpenID Federation trust chain: the list of signed statements that links the signer to a trust anchor.",
    ),
    // Entra (access-token claims reference, and §3.3 of the reference sheet)
    only(
        Family::Entra,
        "x5t",
        "In Entra tokens a legacy copy of kid, the thumbprint of the signing certificate. Only v1.0 tokens carry it.",
    ),
    only(
        Family::Entra,
        "nonce",
        "Microsoft's own header member in tokens for Microsoft Graph and SharePoint: the signature covers a hashed form of it, so ordinary signature checks fail. Only the API the token is for is meant to validate such a token.",
    ),
    only(
        Family::Entra,
        "rh",
        "Not documented as a header member; Microsoft documents a payload claim rh as opaque data for revalidating tokens, and this appears to be the same. Ignore it.",
    ),
];
