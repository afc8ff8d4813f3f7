//! OpenID Connect claims: Core §2 (ID token) and §5.1 (standard claims), aggregated and
//! distributed claims, front- and back-channel logout.

use super::{Entry, Values, any};

/// RFC 8176 authentication method reference values.
const AMR_RFC8176: Values = &[
    ("face", "facial recognition"),
    ("fpt", "fingerprint"),
    ("geo", "the user's location"),
    ("hwk", "proof of possession of a hardware-protected key"),
    ("iris", "iris scan"),
    ("kba", "knowledge-based questions"),
    ("mca", "confirmation over more than one channel"),
    ("mfa", "more than one authentication factor"),
    ("otp", "one-time password"),
    ("pin", "PIN or pattern"),
    ("pop", "proof of possession of a key"),
    ("pwd", "password"),
    ("rba", "risk-based checks"),
    ("retina", "retina scan"),
    ("sc", "smart card"),
    ("sms", "code sent by text message"),
    ("swk", "proof of possession of a software-protected key"),
    ("tel", "confirmation by telephone call"),
    ("user", "user presence test"),
    ("vbm", "voice recognition"),
    ("wia", "Windows integrated authentication"),
];

/// `OpenID` Connect Core §2 level "0" and the `OpenID` EAP ACR values.
const ACR_GENERIC: Values = &[
    (
        "0",
        "did not meet ISO/IEC 29115 level 1, such as a sign-in from a long-lived cookie; not enough to protect anything of value",
    ),
    ("phr", "phishing-resistant authentication"),
    (
        "phrh",
        "phishing-resistant authentication with a hardware-protected key",
    ),
];

pub(super) static CLAIMS: &[Entry] = &[
    // OpenID Connect Core §2 (ID token)
    any(
        "azp",
        "Authorized party: the client application the token was issued to, when that differs from the audience.",
    ),
    any(
        "nonce",
        "A random value the client sent with its sign-in request and the issuer copied back, tying the token to that request. The client must check it matches, which stops replayed tokens.",
    ),
    any(
        "auth_time",
        "When the user last actively signed in, which can be much earlier than when this token was issued.",
    )
    .timed(),
    any(
        "at_hash",
        "A hash of the access token issued together with this ID token, so the client can check that the two belong together.",
    ),
    any(
        "c_hash",
        "A hash of the authorization code issued together with this ID token, so the client can check that the two belong together.",
    ),
    any(
        "acr",
        "Authentication context class: which level or kind of authentication was satisfied, as a value the issuer and the client agreed on.",
    )
    .with_values(ACR_GENERIC),
    any(
        "amr",
        "Authentication methods: the list of ways the user proved who they are, such as a password or a one-time code.",
    )
    .with_values(AMR_RFC8176),
    any(
        "sub_jwk",
        "The public key of a self-issued OpenID provider; the subject is derived from it.",
    ),
    // OpenID Connect Core §5.1 (standard claims)
    any(
        "name",
        "The person's full name, for display. It can change and is not unique, so never use it to identify or authorize anyone.",
    ),
    any("given_name", "The person's given name or first name."),
    any("family_name", "The person's surname or family name."),
    any("middle_name", "The person's middle name or names."),
    any(
        "nickname",
        "A casual name the person goes by, which may differ from their given name.",
    ),
    any(
        "preferred_username",
        "The name the person likes to be shown by, such as an e-mail address or a handle. It is neither unique nor stable, so do not use it for authorization.",
    ),
    any("profile", "The URL of the person's profile page."),
    any("picture", "The URL of a picture of the person."),
    any("website", "The URL of the person's web page or blog."),
    any(
        "email",
        "The person's preferred e-mail address. Treat it as proof of identity only when email_verified is true and this issuer is trusted for that domain.",
    ),
    any(
        "email_verified",
        "True when the issuer has checked, at some point, that the person controls the address in email.",
    ),
    any("gender", "The person's gender, as they stated it."),
    any(
        "birthdate",
        "The person's date of birth, as YYYY-MM-DD or the year alone.",
    ),
    any(
        "zoneinfo",
        "The person's time zone, as an IANA time zone name such as Europe/Paris.",
    ),
    any(
        "locale",
        "The person's language and region, as a BCP 47 tag such as en-US.",
    ),
    any("phone_number", "The person's preferred telephone number."),
    any(
        "phone_number_verified",
        "True when the issuer has checked that the person controls the number in phone_number.",
    ),
    any(
        "address",
        "The person's postal address, as an object with parts such as street_address, locality, postal_code and country.",
    ),
    any(
        "updated_at",
        "When the person's profile information was last changed.",
    )
    .timed(),
    // OpenID Connect Core §5.6.2 (aggregated and distributed claims)
    any(
        "_claim_names",
        "Maps claim names to entries in _claim_sources: those claims are not in the token and must be fetched from elsewhere.",
    ),
    any(
        "_claim_sources",
        "Where the claims listed in _claim_names can be found: an endpoint to call, or a signed JWT that holds them.",
    ),
    // OpenID Connect front- and back-channel logout
    any(
        "sid",
        "Session ID: identifies the user's sign-in session at the issuer, so that signing out can end it everywhere.",
    ),
];
