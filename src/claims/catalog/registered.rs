//! Registered payload claims: RFC 7519 §4.1 and the claims other RFCs register in the IANA
//! "JSON Web Token Claims" registry (RFC 7800, 8417, 8693, 9068, 9449, ACE, PASSporT, ...).

use super::{Entry, Values, any};

/// SHAKEN attestation levels (RFC 8588).
const ATTEST_SHAKEN: Values = &[
    (
        "A",
        "full attestation: the carrier knows the caller and that they may use the number",
    ),
    (
        "B",
        "partial attestation: the carrier knows the caller but not that they may use the number",
    ),
    (
        "C",
        "gateway attestation: the carrier only knows where the call entered its network",
    ),
];

pub(super) static CLAIMS: &[Entry] = &[
    // RFC 7519 §4.1
    any(
        "iss",
        "The issuer: who created and signed the token, usually the identity provider's URL. A receiver must check it against the issuers it trusts.",
    ),
    any(
        "sub",
        "The subject: the user, application or workload the token is about, as an ID chosen by the issuer. It is unique only together with iss.",
    ),
    any(
        "aud",
        "The audience: who the token is meant for, as one string or a list. A receiver must reject a token whose audience does not name it.",
    ),
    any(
        "exp",
        "Expiry time: the token must not be accepted at or after this moment.",
    )
    .timed(),
    any(
        "nbf",
        "Not-before time: the token must not be accepted before this moment.",
    )
    .timed(),
    any("iat", "Issued-at time: when the token was created.").timed(),
    any(
        "jti",
        "A unique ID for this token, which lets a receiver notice and refuse a replayed token.",
    ),
    // RFC 7800
    any(
        "cnf",
        "Confirmation: the key, or its thumbprint, that whoever presents this token must prove they hold. This makes it a proof-of-possession token rather than a bearer token.",
    ),
    // RFC 8417
    any(
        "events",
        "The security events this token reports, as an object keyed by event type URI; logout tokens use it too.",
    ),
    any(
        "toe",
        "Time of event: when the reported security event happened, as opposed to when the token was issued.",
    )
    .timed(),
    any(
        "txn",
        "Transaction ID: links this event to other events and logs about the same transaction.",
    ),
    // RFC 8693
    any(
        "act",
        "Actor: who is acting on behalf of the subject after a token exchange; nested act claims show a chain of actors.",
    ),
    any(
        "may_act",
        "Who is allowed to act on behalf of the subject in a later token exchange.",
    ),
    any(
        "scope",
        "The permissions (OAuth scopes) granted to this token, as one space-separated string.",
    ),
    any(
        "client_id",
        "The OAuth client application that requested the token.",
    ),
    // RFC 9068 / RFC 7643
    any(
        "groups",
        "Groups the subject belongs to, as a list of names or IDs.",
    ),
    any("roles", "Roles the subject holds, as a list of names or IDs."),
    any(
        "entitlements",
        "Entitlements the subject holds, that is rights to specific resources, as a list.",
    ),
    // RFC 9449 (DPoP proofs)
    any(
        "htm",
        "In a DPoP proof: the HTTP method of the request the proof was made for, such as POST.",
    ),
    any(
        "htu",
        "In a DPoP proof: the URL of the request the proof was made for, without query or fragment.",
    ),
    any(
        "ath",
        "In a DPoP proof: a hash of the access token sent with the request, binding the proof to that token.",
    ),
    // RFC 9396, RFC 9701, RFC 8485
    any(
        "authorization_details",
        "Fine-grained permissions (rich authorization requests), as a list of objects that each describe an action on a resource.",
    ),
    any(
        "token_introspection",
        "A token introspection response from the authorization server, delivered as a signed JWT.",
    ),
    any(
        "vot",
        "Vectors of trust: a compact code saying how well the identity was proofed and how strongly the user authenticated.",
    ),
    any(
        "vtm",
        "The URL of the trust framework document that explains how to read vot.",
    ),
    // SD-JWT (RFC 9901)
    any(
        "_sd",
        "Digests of selectively disclosable claims: the claims themselves are revealed only by the disclosures sent with the token.",
    ),
    any(
        "_sd_alg",
        "The hash algorithm used for the _sd digests of this SD-JWT.",
    ),
    any(
        "sd_hash",
        "In an SD-JWT key binding token: a hash of the SD-JWT and disclosures it was presented with.",
    ),
    // Token status lists
    any(
        "status",
        "Where to check whether this token has been revoked or suspended: a pointer into a status list the issuer publishes.",
    ),
    // W3C Verifiable Credentials
    any("vc", "A W3C verifiable credential carried in the token."),
    any("vp", "A W3C verifiable presentation carried in the token."),
    // OpenID Connect for Identity Assurance
    any(
        "verified_claims",
        "Claims the issuer verified against evidence such as an identity document, with details of how and when.",
    ),
    any(
        "place_of_birth",
        "The person's place of birth, as an object with parts such as locality and country.",
    ),
    any(
        "nationalities",
        "The person's nationalities, as a list of country codes.",
    ),
    any("birth_family_name", "The person's family name at birth."),
    any("birth_given_name", "The person's given name at birth."),
    any("birth_middle_name", "The person's middle name at birth."),
    any("salutation", "How to address the person, such as Mr or Ms."),
    any("title", "The person's title, such as Dr or Prof."),
    any(
        "msisdn",
        "The person's mobile telephone number in international format.",
    ),
    any(
        "also_known_as",
        "Another name the person is known by, such as a stage name.",
    ),
    // PASSporT / STIR-SHAKEN (RFC 8225, RFC 8588, RFC 8946)
    any(
        "orig",
        "In a PASSporT (a signed caller-identity token): the calling party's telephone number or URI.",
    ),
    any(
        "dest",
        "In a PASSporT: the telephone numbers or URIs being called.",
    ),
    any(
        "mky",
        "In a PASSporT: fingerprints of the media encryption keys for the call.",
    ),
    any(
        "attest",
        "In a SHAKEN PASSporT: how sure the signing carrier is that the caller may use the calling number.",
    )
    .with_values(ATTEST_SHAKEN),
    any(
        "origid",
        "In a SHAKEN PASSporT: an opaque ID the originating carrier uses to trace the call back to its source.",
    ),
    any(
        "div",
        "In a PASSporT for a forwarded call: the number or URI the call was originally sent to.",
    ),
    // ACE (RFC 9200)
    any(
        "ace_profile",
        "Which ACE profile (OAuth for constrained devices) the client and the resource server must use with this token.",
    ),
    any(
        "cnonce",
        "In ACE: a nonce from the resource server, echoed in the token to prove it is fresh.",
    ),
    any(
        "exi",
        "In ACE: how many seconds the token stays valid after the resource server first sees it, for devices without a reliable clock.",
    ),
];
