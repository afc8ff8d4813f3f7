//! What every JOSE header parameter and JWT claim we know about means, in plain words.
//!
//! Three kinds of entry live here:
//! - registered names (RFC 7515/7516/7518/7519, `OpenID` Connect, the IANA JWT Claims registry),
//!   described for every issuer;
//! - provider vocabularies (Entra, Google, Okta, Auth0, Cognito, Keycloak, GitHub Actions,
//!   Kubernetes), described only when the token comes from that provider, because the same name
//!   means different things elsewhere (`scp`, `acr`, `typ`, `email`);
//! - value tables for claims whose values are codes (`amr`, `appidacr`, `idtyp`, `typ`, ...).
//!
//! The rule that shapes every entry: an unknown name gets no description, never a guess. Where a
//! provider does not document a claim and we only observed it, the description says so and flags
//! the probable meaning as probable. Sources: `shared/reference/azure-managed-identity.md` §3 for
//! Entra, the providers' own token references for the rest; every text is our own wording.
//!
//! Lookups are linear scans of static slices: a token has at most a few hundred distinct claim
//! names and each is looked up once, so a scan over a few hundred entries costs nothing and keeps
//! the tables in reading order (grouped by source) instead of alphabetical order.

/// Which identity provider's vocabulary applies. The lead maps the recognised issuer onto it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Any issuer: only registered names are described.
    Generic,
    /// Microsoft Entra ID (Azure AD), v1.0 and v2.0 tokens, managed identities included.
    Entra,
    /// Google (accounts.google.com, Compute Engine identity tokens, Identity-Aware Proxy).
    Google,
    /// Okta (org and custom authorization servers).
    Okta,
    /// Auth0.
    Auth0,
    /// Amazon Cognito user pools.
    Cognito,
    /// Keycloak.
    Keycloak,
    /// GitHub Actions OIDC tokens (token.actions.githubusercontent.com).
    GitHubActions,
    /// Kubernetes service-account tokens.
    Kubernetes,
}

impl Family {
    /// Every family, for iterating (help screens, tests).
    pub const ALL: [Family; 9] = [
        Family::Generic,
        Family::Entra,
        Family::Google,
        Family::Okta,
        Family::Auth0,
        Family::Cognito,
        Family::Keycloak,
        Family::GitHubActions,
        Family::Kubernetes,
    ];
}

/// Known values of a claim and what each means.
type Values = &'static [(&'static str, &'static str)];

/// One described name: a header parameter or a payload claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub name: &'static str,
    /// `None`: a registered/standard name, described for every issuer. `Some(f)`: only for tokens from `f`.
    pub family: Option<Family>,
    /// One or two full sentences, each ending with a period.
    pub description: &'static str,
    /// Known values and their meaning (amr, appidacr, idtyp, acct, ver, ...). Empty when none.
    /// Meanings are short phrases without a final period.
    pub values: &'static [(&'static str, &'static str)],
    /// The value is a `NumericDate` (Unix seconds): `exp`, `nbf`, `iat`, `auth_time`, `updated_at`,
    /// `toe`, ... (not `pwd_exp`, which counts seconds after `iat`).
    pub is_time: bool,
}

impl Entry {
    const fn with_values(self, values: Values) -> Self {
        Entry { values, ..self }
    }

    const fn timed(self) -> Self {
        Entry {
            is_time: true,
            ..self
        }
    }
}

/// A registered name, described for every issuer.
const fn any(name: &'static str, description: &'static str) -> Entry {
    Entry {
        name,
        family: None,
        description,
        values: &[],
        is_time: false,
    }
}

/// A name described only for tokens from `family`.
const fn only(family: Family, name: &'static str, description: &'static str) -> Entry {
    Entry {
        name,
        family: Some(family),
        description,
        values: &[],
        is_time: false,
    }
}

/// Description of a payload claim for a token from `family`. Standard entries apply to every
/// family; a family-scoped entry wins over a generic one of the same name (e.g. Entra's `scp` vs
/// Okta's `scp`, Entra's `acr` "0"/"1" table).
pub fn claim(name: &str, family: Family) -> Option<&'static Entry> {
    lookup(CLAIMS, name, family)
}

/// Description of a JOSE header parameter (`family` matters for `nonce`: Entra/Graph vs ACME).
pub fn header(name: &str, family: Family) -> Option<&'static Entry> {
    lookup(HEADERS, name, family)
}

/// The meaning of one value of a claim (e.g. ("amr","pwd") → "password"); looking through array
/// elements or splitting space-separated lists (`xms_idrel`, `scope`) is the caller's job.
///
/// Values match exactly, except for `typ` and `cty`: those are media types, which RFC 7515 §4.1.9
/// compares case-insensitively and allows without their `application/` prefix.
pub fn value_meaning(entry: &Entry, value: &str) -> Option<&'static str> {
    let exact = entry
        .values
        .iter()
        .find(|(known, _)| *known == value)
        .map(|(_, meaning)| *meaning);
    if exact.is_some() {
        return exact;
    }
    if entry.name == "xms_cc" {
        // Entra documents "cp1" and sends "CP1".
        return entry
            .values
            .iter()
            .find(|(known, _)| known.eq_ignore_ascii_case(value))
            .map(|(_, meaning)| *meaning);
    }
    if !matches!(entry.name, "typ" | "cty") {
        return None;
    }
    let bare = value
        .get(..PREFIX.len())
        .filter(|head| head.eq_ignore_ascii_case(PREFIX))
        .and_then(|_| value.get(PREFIX.len()..))
        .unwrap_or(value);
    entry
        .values
        .iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(bare))
        .map(|(_, meaning)| *meaning)
}

const PREFIX: &str = "application/";

/// An algorithm (`alg` or `enc`) in words, e.g. "RS256" → "RSASSA-PKCS1-v1_5 with SHA-256".
/// Covers every name in the IANA "JSON Web Signature and Encryption Algorithms" registry.
pub fn algorithm(name: &str) -> Option<&'static str> {
    ALGORITHMS
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(_, words)| *words)
}

/// Well-known Entra built-in role template IDs for `wids`, with the role's name. The list is
/// Microsoft's "Microsoft Entra built-in roles" reference (January 2026); IDs compare
/// case-insensitively because some tools print GUIDs in upper case.
pub fn entra_role_template(id: &str) -> Option<&'static str> {
    ENTRA_ROLE_TEMPLATES
        .iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(id))
        .map(|(_, role)| *role)
}

/// Every payload-claim entry, generic and family-scoped, in catalog order.
pub fn all_claims() -> &'static [Entry] {
    CLAIMS
}

/// Every header-parameter entry, generic and family-scoped, in catalog order.
pub fn all_headers() -> &'static [Entry] {
    HEADERS
}

fn lookup(table: &'static [Entry], name: &str, family: Family) -> Option<&'static Entry> {
    let mut generic = None;
    for entry in table.iter().filter(|entry| entry.name == name) {
        match entry.family {
            Some(scope) if scope == family => return Some(entry),
            None => generic = generic.or(Some(entry)),
            Some(_) => {}
        }
    }
    generic
}

// ---------------------------------------------------------------------------------------------
// Value tables
// ---------------------------------------------------------------------------------------------

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

/// Entra's `amr` values (access-token claims reference).
const AMR_ENTRA: Values = &[
    ("pwd", "password, or a client secret for an application"),
    (
        "rsa",
        "proof of an RSA key, such as Microsoft Authenticator or a certificate-signed assertion",
    ),
    ("otp", "one-time code sent by e-mail or text message"),
    (
        "fed",
        "assertion from a federated identity provider (SAML or JWT)",
    ),
    ("wia", "Windows integrated authentication"),
    ("mfa", "multi-factor authentication"),
    (
        "ngcmfa",
        "equivalent to mfa, used when provisioning certain advanced credentials",
    ),
    ("wiaormfa", "Windows or a multi-factor credential"),
    ("none", "no authentication was completed"),
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

const ACR_ENTRA: Values = &[
    (
        "0",
        "the user's authentication did not meet the ISO/IEC 29115 requirements",
    ),
    (
        "1",
        "the user's authentication met the ISO/IEC 29115 requirements",
    ),
];

const ACR_KEYCLOAK: Values = &[
    (
        "0",
        "signed in silently through an existing session (SSO cookie)",
    ),
    ("1", "authenticated interactively during this sign-in"),
];

/// `appidacr` (v1.0) and `azpacr` (v2.0).
const CLIENT_AUTH_ENTRA: Values = &[
    ("0", "public client: no client credential was presented"),
    ("1", "client ID and client secret"),
    (
        "2",
        "client certificate or certificate-signed assertion (managed identities show this)",
    ),
];

const IDTYP_ENTRA: Values = &[
    (
        "app",
        "app-only token: an application acting as itself, no user",
    ),
    ("user", "token for a user (delegated)"),
    ("device", "token for a device"),
];

const ACCT_ENTRA: Values = &[("0", "member of the tenant"), ("1", "guest in the tenant")];

const VER_ENTRA: Values = &[
    ("1.0", "v1.0 token format (issuer sts.windows.net)"),
    ("2.0", "v2.0 token format (issuer ends in /v2.0)"),
];

const XMS_CC_ENTRA: Values = &[(
    "cp1",
    "the client can handle claims challenges, as Continuous Access Evaluation requires",
)];

/// `xms_idrel`, from Microsoft's agent token claims reference.
const XMS_IDREL_ENTRA: Values = &[
    ("1", "member user"),
    ("3", "Microsoft account (MSA) member user"),
    ("5", "guest user"),
    ("7", "service principal"),
    ("9", "device principal"),
    ("11", "GDAP (granular delegated admin) user"),
    ("13", "application without a service principal"),
    ("15", "passthrough"),
    ("17", "native identity user with a profile"),
    ("19", "native identity user"),
    ("21", "native identity Teams meeting participant"),
    ("23", "passthrough-authenticated Teams meeting participant"),
    ("25", "native identity content-sharing user"),
    ("27", "fully synced multitenant-organization member"),
    ("29", "weak multitenant-organization user"),
    ("31", "DAP (delegated admin) user"),
    ("33", "federated managed identity"),
];

/// `xms_tnt_fct`, `xms_sub_fct`, `xms_act_fct`.
const FACETS_ENTRA: Values = &[
    ("11", "agent identity"),
    ("13", "agent's user account"),
    ("15", "agentic app builder"),
    ("17", "service principal required by an app-only client"),
];

/// As listed in the 2018 edition of Microsoft's optional-claims reference.
const SIGNIN_STATE_ENTRA: Values = &[
    ("dvc_mngd", "the device is managed"),
    ("dvc_cmp", "the device is compliant"),
    ("dvc_dmjd", "the device is joined to a domain"),
    ("dvc_mngd_app", "the device is managed through MDM"),
    ("inknownntwk", "the sign-in came from a known network"),
    ("kmsi", "the user chose Keep me signed in"),
];

/// As listed in the 2018 edition of Microsoft's optional-claims reference.
const CONTROLS_ENTRA: Values = &[
    (
        "app_res",
        "the app must enforce more fine-grained restrictions",
    ),
    (
        "ca_enf",
        "Conditional Access enforcement was deferred and is still required",
    ),
    (
        "no_cookie",
        "the token is not enough to obtain a browser session cookie",
    ),
];

const TOKEN_USE_COGNITO: Values = &[("id", "ID token"), ("access", "access token")];

const SCOPE_COGNITO: Values = &[
    (
        "aws.cognito.signin.user.admin",
        "lets the token call the Cognito user pool API for the user's own account",
    ),
    ("openid", "OpenID Connect sign-in"),
    ("email", "access to email and email_verified"),
    ("phone", "access to phone_number and phone_number_verified"),
    (
        "profile",
        "access to the profile attributes the app client can read",
    ),
];

const TYP_KEYCLOAK: Values = &[
    ("Bearer", "access token"),
    ("ID", "ID token"),
    ("Refresh", "refresh token"),
    (
        "Offline",
        "offline token (a refresh token that survives the session)",
    ),
];

const GTY_AUTH0: Values = &[
    (
        "client-credentials",
        "machine-to-machine token: an application acting as itself",
    ),
    (
        "password",
        "resource owner password grant: the app handled the user's password",
    ),
];

const REF_TYPE_GITHUB: Values = &[("branch", "a branch"), ("tag", "a tag")];

const VISIBILITY_GITHUB: Values = &[
    ("public", "public repository"),
    ("private", "private repository"),
    (
        "internal",
        "internal repository (visible inside the enterprise)",
    ),
];

const RUNNER_GITHUB: Values = &[
    ("github-hosted", "a runner hosted by GitHub"),
    ("self-hosted", "a runner the repository owner operates"),
];

const EVENT_GITHUB: Values = &[
    ("push", "a push of commits or tags"),
    (
        "pull_request",
        "a pull request; runs without write access or secrets for forks",
    ),
    (
        "pull_request_target",
        "a pull request, run in the context of the base repository with its secrets; risky for pull requests from forks",
    ),
    ("workflow_dispatch", "started by hand or through the API"),
    ("schedule", "a scheduled (cron) run"),
    ("release", "a release event"),
    ("merge_group", "a merge queue"),
    (
        "workflow_run",
        "another workflow run finished or was requested",
    ),
    ("deployment", "a deployment was created"),
];

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

/// The IANA "JSON Web Signature and Encryption Algorithms" registry in words. Ordered JWS
/// algorithms, then JWE key management, then JWE content encryption, so the header `alg` and
/// `enc` entries can share this one table as slices.
const ALGORITHMS: Values = &[
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

/// Where JWE content-encryption algorithms start in [`ALGORITHMS`].
const ENC_START: usize = 41;
/// `alg` values: JWS algorithms and JWE key management.
const ALG_VALUES: Values = ALGORITHMS.split_at(ENC_START).0;
/// `enc` values: JWE content encryption.
const ENC_VALUES: Values = ALGORITHMS.split_at(ENC_START).1;

// ---------------------------------------------------------------------------------------------
// Header parameters
// ---------------------------------------------------------------------------------------------

static HEADERS: &[Entry] = &[
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

// ---------------------------------------------------------------------------------------------
// Payload claims
// ---------------------------------------------------------------------------------------------

static CLAIMS: &[Entry] = &[
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
    // -----------------------------------------------------------------------------------------
    // Microsoft Entra ID: access and ID tokens v1.0/v2.0, optional claims, managed identities
    // -----------------------------------------------------------------------------------------
    only(
        Family::Entra,
        "aud",
        "The API the token is for: in v2.0 tokens always the API's client ID, in v1.0 tokens its App ID URI or client ID. An API must reject a token whose audience is not itself.",
    ),
    only(
        Family::Entra,
        "iss",
        "The Entra token service and the tenant that issued the token; a v2.0 issuer ends in /v2.0. The tenant 9188040d-6c67-4c5b-b112-36a304b66dad means a personal Microsoft account.",
    ),
    only(
        Family::Entra,
        "idp",
        "Who actually authenticated the subject: usually the same as iss, but different for guests and personal Microsoft accounts. When it is missing, the issuer did.",
    ),
    only(
        Family::Entra,
        "sub",
        "The subject, pairwise per application: the same user has a different sub in every app. It never changes and is never reused.",
    ),
    only(
        Family::Entra,
        "oid",
        "The object ID of the user or service principal in this tenant, the same in every app. Together with tid it is the stable key for a principal.",
    ),
    only(
        Family::Entra,
        "tid",
        "The tenant (directory) the token was issued in. The value 9188040d-6c67-4c5b-b112-36a304b66dad is the personal Microsoft account tenant.",
    ),
    only(
        Family::Entra,
        "ver",
        "The token format version, which decides where to find some claims (appid or azp, for example).",
    )
    .with_values(VER_ENTRA),
    only(
        Family::Entra,
        "uti",
        "A unique ID for this token, Entra's equivalent of jti.",
    ),
    only(
        Family::Entra,
        "aio",
        "Opaque data Entra uses internally to reuse tokens. Applications should ignore it.",
    ),
    only(
        Family::Entra,
        "rh",
        "Opaque data Entra uses internally to revalidate tokens. Applications should ignore it.",
    ),
    only(
        Family::Entra,
        "acr",
        "Only in v1.0 tokens: whether the user's authentication met the ISO/IEC 29115 requirements.",
    )
    .with_values(ACR_ENTRA),
    only(
        Family::Entra,
        "amr",
        "Only in v1.0 tokens: the list of methods the user authenticated with.",
    )
    .with_values(AMR_ENTRA),
    only(
        Family::Entra,
        "appid",
        "Only in v1.0 tokens: the application (client) ID of the app that requested the token, acting as itself or for a user.",
    ),
    only(
        Family::Entra,
        "azp",
        "Only in v2.0 tokens: the application (client) ID of the app that requested the token; the v2.0 name for appid.",
    ),
    only(
        Family::Entra,
        "appidacr",
        "Only in v1.0 tokens: how the client application proved its identity when it got the token.",
    )
    .with_values(CLIENT_AUTH_ENTRA),
    only(
        Family::Entra,
        "azpacr",
        "Only in v2.0 tokens: how the client application proved its identity; the v2.0 name for appidacr.",
    )
    .with_values(CLIENT_AUTH_ENTRA),
    only(
        Family::Entra,
        "idtyp",
        "What kind of principal the token was issued for. It is the most reliable way to tell an app-only token from one for a user.",
    )
    .with_values(IDTYP_ENTRA),
    only(
        Family::Entra,
        "preferred_username",
        "The user's sign-in name, such as an e-mail address or phone number, for display and hints. It can change, so never base authorization on it.",
    ),
    only(
        Family::Entra,
        "unique_name",
        "Only in v1.0 tokens: a human-readable name for the subject, for display only.",
    ),
    only(
        Family::Entra,
        "upn",
        "The user principal name the user signs in with. It can change and be reassigned, so use it for display and hints only, never for authorization or as a key.",
    ),
    only(
        Family::Entra,
        "email",
        "An e-mail address for the user that Entra does not verify and that can change. Never use it for authorization or to identify the user; use oid instead.",
    ),
    only(
        Family::Entra,
        "scp",
        "The delegated permissions (scopes) granted to this client for the signed-in user, space-separated. It is absent from app-only tokens, which carry roles instead.",
    ),
    only(
        Family::Entra,
        "roles",
        "App roles assigned to the user, or in an app-only token the application permissions granted to the calling app.",
    ),
    only(
        Family::Entra,
        "wids",
        "The tenant-wide Entra directory roles the user holds, as role template IDs; 62e90394-69f5-4237-9190-012177145e10, for example, is Global Administrator.",
    ),
    only(
        Family::Entra,
        "groups",
        "Object IDs of the groups the subject belongs to, if the app asked for them. When there are too many, a pointer in _claim_names and _claim_sources replaces the list (group overage).",
    ),
    only(
        Family::Entra,
        "hasgroups",
        "Always true when present: the user is in groups, but the list was left out to keep the token short. The app must ask Microsoft Graph for the groups.",
    ),
    only(
        Family::Entra,
        "groups:src1",
        "Group overage: an endpoint that lists the user's groups because they did not fit in the token.",
    ),
    only(
        Family::Entra,
        "_claim_names",
        "Group overage: the user is in too many groups to list, so groups points to an entry in _claim_sources instead.",
    ),
    only(
        Family::Entra,
        "_claim_sources",
        "Group overage: the endpoint from which the user's full group list must be fetched. It may point at the retired Azure AD Graph, so Microsoft advises building a Microsoft Graph request instead.",
    ),
    only(
        Family::Entra,
        "acrs",
        "Authentication context IDs the caller has satisfied; an API can demand one of them to require step-up authentication.",
    ),
    only(
        Family::Entra,
        "xms_cc",
        "Client capabilities the app declared when requesting the token.",
    )
    .with_values(XMS_CC_ENTRA),
    only(
        Family::Entra,
        "sid",
        "Session ID: identifies the user's sign-in session, so it can be signed out.",
    ),
    // v1.0 basic claims (v2.0 only as optional claims)
    only(
        Family::Entra,
        "ipaddr",
        "The IP address the user signed in from.",
    ),
    only(
        Family::Entra,
        "onprem_sid",
        "The user's security identifier (SID) in on-premises Active Directory, for users synchronized from there.",
    ),
    only(
        Family::Entra,
        "pwd_exp",
        "How many seconds after iat the user's password expires, present only when expiry is near. It is a duration, not a date.",
    ),
    only(
        Family::Entra,
        "pwd_url",
        "A URL where the user can change their password, present only when the password expires soon.",
    ),
    only(
        Family::Entra,
        "in_corp",
        "Present and true when the sign-in came from the corporate network, as defined by the tenant's trusted IP ranges.",
    ),
    // Optional claims
    only(
        Family::Entra,
        "acct",
        "Whether the user is a member of the tenant or a guest in it.",
    )
    .with_values(ACCT_ENTRA),
    only(
        Family::Entra,
        "ctry",
        "The user's country or region, as a two-letter code.",
    ),
    only(
        Family::Entra,
        "tenant_ctry",
        "The tenant's country or region, as a two-letter code set by an administrator.",
    ),
    only(
        Family::Entra,
        "tenant_region_scope",
        "The geographic region of the resource tenant.",
    ),
    only(
        Family::Entra,
        "fwd",
        "The client's original IP address when the request came through a virtual network.",
    ),
    only(
        Family::Entra,
        "vnet",
        "Details of the virtual network the request came through.",
    ),
    only(
        Family::Entra,
        "login_hint",
        "An opaque, encoded sign-in hint for single sign-on. Pass it back unchanged as the login_hint parameter; do not parse it.",
    ),
    only(
        Family::Entra,
        "verified_primary_email",
        "The user's primary authoritative e-mail address from the directory.",
    ),
    only(
        Family::Entra,
        "verified_secondary_email",
        "The user's secondary authoritative e-mail address from the directory.",
    ),
    only(
        Family::Entra,
        "xms_edov",
        "True when the owner of the e-mail address's domain has been verified, which makes the email claim safer to rely on.",
    ),
    only(
        Family::Entra,
        "xms_pdl",
        "Preferred data location: the three-letter code of the geography where a Multi-Geo tenant keeps this user's data.",
    ),
    only(
        Family::Entra,
        "xms_pl",
        "The user's preferred language, formatted like en-us.",
    ),
    only(
        Family::Entra,
        "xms_tpl",
        "The tenant's preferred language, formatted like en.",
    ),
    only(
        Family::Entra,
        "ztdid",
        "The device identity used by Windows Autopilot (zero-touch deployment).",
    ),
    // Claims Microsoft documented in 2018 and has since dropped from its reference
    only(
        Family::Entra,
        "signin_state",
        "Flags about the sign-in, such as whether the device is managed or Keep me signed in was chosen. Microsoft documented these values in earlier editions of its optional-claims reference.",
    )
    .with_values(SIGNIN_STATE_ENTRA),
    only(
        Family::Entra,
        "controls",
        "Session controls that Conditional Access policies applied. Microsoft documented these values in earlier editions of its optional-claims reference.",
    )
    .with_values(CONTROLS_ENTRA),
    only(
        Family::Entra,
        "home_oid",
        "For a guest user, the user's object ID in their home tenant. Documented in earlier editions of Microsoft's optional-claims reference.",
    ),
    only(
        Family::Entra,
        "platf",
        "The device platform, set only for managed devices whose type can be verified. Earlier editions of Microsoft's reference describe it but never published the numeric codes.",
    ),
    only(
        Family::Entra,
        "enfpolids",
        "IDs of the policies that were evaluated for the user. Documented in earlier editions of Microsoft's optional-claims reference.",
    ),
    // Agent identities (Microsoft's agent token claims reference)
    only(
        Family::Entra,
        "xms_idrel",
        "How the subject relates to the resource tenant, as space-separated numbers. Microsoft says the values are odd, yet real tokens also carry even numbers whose meaning is not published.",
    )
    .with_values(XMS_IDREL_ENTRA),
    only(
        Family::Entra,
        "xms_tnt_fct",
        "Facts about the tenant, as space-separated numbers; ignore values you do not know.",
    )
    .with_values(FACETS_ENTRA),
    only(
        Family::Entra,
        "xms_sub_fct",
        "Facts about the subject, as space-separated numbers; ignore values you do not know.",
    )
    .with_values(FACETS_ENTRA),
    only(
        Family::Entra,
        "xms_act_fct",
        "Facts about the actor, the app named in azp or appid, as space-separated numbers; ignore values you do not know.",
    )
    .with_values(FACETS_ENTRA),
    only(
        Family::Entra,
        "xms_par_app_azp",
        "For an agent identity: the application ID of its parent application. Record it in audit logs, but do not base authorization on it.",
    ),
    // Observed but undocumented (managed-identity tokens, reference §3.1-3.2 and §3.9)
    only(
        Family::Entra,
        "xms_mirid",
        "Not documented by Microsoft; observed to hold the Azure Resource Manager ID of the managed identity's resource (a VM, an app or a user-assigned identity). It appears only in tokens for Microsoft's own APIs.",
    ),
    only(
        Family::Entra,
        "xms_az_rid",
        "Not documented by Microsoft; observed in tokens of user-assigned managed identities, holding the Azure Resource Manager ID of the compute resource the identity is attached to.",
    ),
    only(
        Family::Entra,
        "xms_tcdt",
        "Undocumented; the values look like Unix times and appear to be when the tenant was created. It occurs both as a number and as a string.",
    )
    .timed(),
    only(
        Family::Entra,
        "xms_cae",
        "Undocumented; the name suggests a flag for Continuous Access Evaluation, but its meaning is not published.",
    ),
    only(
        Family::Entra,
        "xms_tdbr",
        "Undocumented; values such as EU suggest the tenant's data boundary region, but that is not confirmed.",
    ),
    only(
        Family::Entra,
        "xms_ftd",
        "Undocumented internal value whose meaning Microsoft has not published; treat it as opaque.",
    ),
    only(
        Family::Entra,
        "xms_rd",
        "Undocumented internal value whose meaning Microsoft has not published; treat it as opaque.",
    ),
    only(
        Family::Entra,
        "app_displayname",
        "Undocumented; appears to be the display name of the client application that requested the token.",
    ),
    // -----------------------------------------------------------------------------------------
    // Google
    // -----------------------------------------------------------------------------------------
    only(
        Family::Google,
        "hd",
        "The Google Workspace domain of the account, absent for consumer accounts. Check it when only your organization's accounts may sign in, because the e-mail address alone does not prove membership.",
    ),
    only(
        Family::Google,
        "email",
        "The account's e-mail address; in a Compute Engine identity token, the service account's address. Rely on it only when email_verified is true.",
    ),
    only(
        Family::Google,
        "google",
        "Google-specific details: in a Compute Engine identity token, the VM's project, zone, instance name and ID and creation time (compute_engine). In an Identity-Aware Proxy assertion, the access levels the request met.",
    ),
    // -----------------------------------------------------------------------------------------
    // Okta
    // -----------------------------------------------------------------------------------------
    only(
        Family::Okta,
        "uid",
        "The Okta user ID of the user the access token was issued for; absent when no user is involved.",
    ),
    only(
        Family::Okta,
        "cid",
        "The client ID of the application that requested the access token.",
    ),
    only(
        Family::Okta,
        "scp",
        "The scopes granted to the access token, as a list.",
    ),
    only(Family::Okta, "ver", "The version of Okta's token format."),
    only(
        Family::Okta,
        "auth_time",
        "When the user last authenticated with Okta, which can be much earlier than when this token was issued.",
    )
    .timed(),
    only(
        Family::Okta,
        "idp",
        "The ID of the identity provider that authenticated the user; for users Okta authenticates itself, the Okta organization's ID.",
    ),
    // -----------------------------------------------------------------------------------------
    // Auth0
    // -----------------------------------------------------------------------------------------
    only(
        Family::Auth0,
        "gty",
        "The grant type that produced the token.",
    )
    .with_values(GTY_AUTH0),
    only(
        Family::Auth0,
        "permissions",
        "Permissions for this API granted to the user or application through Auth0 role-based access control, as a list.",
    ),
    only(
        Family::Auth0,
        "org_id",
        "The ID of the Auth0 Organization the user signed in through. An API serving several organizations must check it is the one expected.",
    ),
    only(
        Family::Auth0,
        "org_name",
        "The name of the Auth0 Organization the user signed in through.",
    ),
    // -----------------------------------------------------------------------------------------
    // Amazon Cognito user pools
    // -----------------------------------------------------------------------------------------
    only(
        Family::Cognito,
        "cognito:username",
        "The user's user name in the Cognito user pool.",
    ),
    only(
        Family::Cognito,
        "cognito:groups",
        "The user pool groups the user belongs to, as a list.",
    ),
    only(
        Family::Cognito,
        "cognito:roles",
        "The IAM role ARNs associated with the user's groups.",
    ),
    only(
        Family::Cognito,
        "cognito:preferred_role",
        "The IAM role ARN of the user's highest-priority group.",
    ),
    only(
        Family::Cognito,
        "token_use",
        "Which kind of Cognito token this is. An API must check it says access before accepting the token for authorization.",
    )
    .with_values(TOKEN_USE_COGNITO),
    only(
        Family::Cognito,
        "event_id",
        "An ID of the sign-in event that produced the token.",
    ),
    only(
        Family::Cognito,
        "origin_jti",
        "An ID shared by every token from the same sign-in, which Cognito uses to revoke them together.",
    ),
    only(
        Family::Cognito,
        "client_id",
        "The app client the access token was issued to. Cognito access tokens usually carry no aud claim, so check this instead.",
    ),
    only(
        Family::Cognito,
        "username",
        "The user's user name in the user pool.",
    ),
    only(
        Family::Cognito,
        "scope",
        "The scopes granted to the access token, space-separated.",
    )
    .with_values(SCOPE_COGNITO),
    only(
        Family::Cognito,
        "device_key",
        "The key of the device the user signed in from, when the user pool remembers devices.",
    ),
    only(
        Family::Cognito,
        "identities",
        "The external identity providers (such as Google or a SAML provider) linked to this user.",
    ),
    // -----------------------------------------------------------------------------------------
    // Keycloak
    // -----------------------------------------------------------------------------------------
    only(
        Family::Keycloak,
        "typ",
        "Which kind of Keycloak token this is.",
    )
    .with_values(TYP_KEYCLOAK),
    only(
        Family::Keycloak,
        "azp",
        "The client ID of the application the token was issued to.",
    ),
    only(
        Family::Keycloak,
        "session_state",
        "The ID of the user's Keycloak session; newer versions carry the same value in sid.",
    ),
    only(
        Family::Keycloak,
        "sid",
        "The ID of the user's Keycloak session.",
    ),
    only(
        Family::Keycloak,
        "realm_access",
        "The user's realm-wide roles, as an object with a roles list.",
    ),
    only(
        Family::Keycloak,
        "resource_access",
        "The user's roles per client, as an object with one entry per client ID, each holding a roles list.",
    ),
    only(
        Family::Keycloak,
        "allowed-origins",
        "The web origins allowed to use this token from a browser (CORS), taken from the client's settings.",
    ),
    only(
        Family::Keycloak,
        "acr",
        "How the user authenticated in this sign-in. Realms with step-up authentication use their own level names instead of these defaults.",
    )
    .with_values(ACR_KEYCLOAK),
    // -----------------------------------------------------------------------------------------
    // GitHub Actions OIDC
    // -----------------------------------------------------------------------------------------
    only(
        Family::GitHubActions,
        "sub",
        "Identifies the workflow job, by default as the repository plus its environment, pull request, branch or tag, such as repo:octo-org/octo-repo:ref:refs/heads/main. Cloud trust policies match on it, so they should match as narrowly as possible.",
    ),
    only(
        Family::GitHubActions,
        "aud",
        "By default the URL of the repository owner, such as https://github.com/octo-org; a workflow can ask for a different audience.",
    ),
    only(
        Family::GitHubActions,
        "actor",
        "The account that started the workflow run.",
    ),
    only(
        Family::GitHubActions,
        "actor_id",
        "The numeric ID of the account that started the workflow run.",
    ),
    only(
        Family::GitHubActions,
        "base_ref",
        "For a pull request run: the branch the pull request targets.",
    ),
    only(
        Family::GitHubActions,
        "head_ref",
        "For a pull request run: the branch the pull request comes from.",
    ),
    only(
        Family::GitHubActions,
        "check_run_id",
        "The check run ID of the current job.",
    ),
    only(
        Family::GitHubActions,
        "enterprise",
        "The name of the enterprise that owns the repository.",
    ),
    only(
        Family::GitHubActions,
        "enterprise_id",
        "The ID of the enterprise that owns the repository.",
    ),
    only(
        Family::GitHubActions,
        "environment",
        "The deployment environment the job uses, if any, whose protection rules then also guard the token.",
    ),
    only(
        Family::GitHubActions,
        "event_name",
        "The event that triggered the workflow run.",
    )
    .with_values(EVENT_GITHUB),
    only(
        Family::GitHubActions,
        "job_workflow_ref",
        "For a job in a reusable workflow: the path and ref of that reusable workflow file.",
    ),
    only(
        Family::GitHubActions,
        "job_workflow_sha",
        "For a job in a reusable workflow: the commit SHA of that reusable workflow file.",
    ),
    only(
        Family::GitHubActions,
        "ref",
        "The Git ref that triggered the run, such as refs/heads/main or refs/tags/v1.0.",
    ),
    only(
        Family::GitHubActions,
        "ref_type",
        "Whether ref is a branch or a tag.",
    )
    .with_values(REF_TYPE_GITHUB),
    only(
        Family::GitHubActions,
        "repository",
        "The repository the workflow runs in, as owner/name.",
    ),
    only(
        Family::GitHubActions,
        "repository_id",
        "The numeric ID of the repository, which unlike its name never changes.",
    ),
    only(
        Family::GitHubActions,
        "repository_owner",
        "The user or organization that owns the repository.",
    ),
    only(
        Family::GitHubActions,
        "repository_owner_id",
        "The numeric ID of the repository owner, which unlike its name never changes.",
    ),
    only(
        Family::GitHubActions,
        "repository_visibility",
        "The visibility of the repository.",
    )
    .with_values(VISIBILITY_GITHUB),
    only(
        Family::GitHubActions,
        "run_id",
        "The ID of the workflow run.",
    ),
    only(
        Family::GitHubActions,
        "run_number",
        "How many times this workflow has run in the repository, this run included.",
    ),
    only(
        Family::GitHubActions,
        "run_attempt",
        "Which attempt of the workflow run this is; it goes up each time the run is re-run.",
    ),
    only(
        Family::GitHubActions,
        "runner_environment",
        "Whether the job ran on a GitHub-hosted or a self-hosted runner.",
    )
    .with_values(RUNNER_GITHUB),
    only(
        Family::GitHubActions,
        "sha",
        "The commit SHA the workflow run was triggered for.",
    ),
    only(
        Family::GitHubActions,
        "workflow",
        "The name of the workflow.",
    ),
    only(
        Family::GitHubActions,
        "workflow_ref",
        "The path and ref of the workflow file, such as octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main.",
    ),
    only(
        Family::GitHubActions,
        "workflow_sha",
        "The commit SHA of the workflow file.",
    ),
    // -----------------------------------------------------------------------------------------
    // Kubernetes service accounts
    // -----------------------------------------------------------------------------------------
    only(
        Family::Kubernetes,
        "sub",
        "The service account, written as system:serviceaccount:namespace:name.",
    ),
    only(
        Family::Kubernetes,
        "kubernetes.io",
        "Kubernetes details: the namespace, the service account's name and UID, and for a token bound to a pod, secret or node, that object's name and UID. It may also hold warnafter, the time after which the client should fetch a fresh token.",
    ),
    only(
        Family::Kubernetes,
        "kubernetes.io/serviceaccount/namespace",
        "Legacy secret-based token, which never expires: the namespace of the service account.",
    ),
    only(
        Family::Kubernetes,
        "kubernetes.io/serviceaccount/secret.name",
        "Legacy secret-based token: the name of the secret that holds the token.",
    ),
    only(
        Family::Kubernetes,
        "kubernetes.io/serviceaccount/service-account.name",
        "Legacy secret-based token: the name of the service account.",
    ),
    only(
        Family::Kubernetes,
        "kubernetes.io/serviceaccount/service-account.uid",
        "Legacy secret-based token: the UID of the service account.",
    ),
];

// ---------------------------------------------------------------------------------------------
// Entra built-in roles (for `wids`)
// ---------------------------------------------------------------------------------------------

/// Copied from the "All roles" table of Microsoft's "Microsoft Entra built-in roles" reference
/// (entra-docs, permissions-reference.md, ms.date 2026-01-20). The default "User" role ID that
/// appears in most user tokens is deliberately absent: no Microsoft reference we read names it.
// One row per line, so the table can be compared with Microsoft's line by line.
#[rustfmt::skip]
const ENTRA_ROLE_TEMPLATES: &[(&str, &str)] = &[
    ("db506228-d27e-4b7d-95e5-295956d6615f", "Agent ID Administrator"),
    ("adb2368d-a9be-41b5-8667-d96778e081b0", "Agent ID Developer"),
    ("6b942400-691f-4bf0-9d12-d8a254a2baf5", "Agent Registry Administrator"),
    ("d2562ede-74db-457e-a7b6-544e236ebb61", "AI Administrator"),
    ("9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3", "Application Administrator"),
    ("cf1c38e5-3621-4004-a7cb-879624dced7c", "Application Developer"),
    ("9c6df0f2-1e7c-4dc3-b195-66dfbd24aa8f", "Attack Payload Author"),
    ("c430b396-e693-46cc-96f3-db01bf8bb62a", "Attack Simulation Administrator"),
    ("58a13ea3-c632-46ae-9ee0-9c0d43cd7f3d", "Attribute Assignment Administrator"),
    ("ffd52fa5-98dc-465c-991d-fc073eb59f8f", "Attribute Assignment Reader"),
    ("8424c6f0-a189-499e-bbd0-26c1753c96d4", "Attribute Definition Administrator"),
    ("1d336d2c-4ae8-42ef-9711-b3604ce3fc2c", "Attribute Definition Reader"),
    ("5b784334-f94b-471a-a387-e7219fc49ca2", "Attribute Log Administrator"),
    ("9c99539d-8186-4804-835f-fd51ef9e2dcd", "Attribute Log Reader"),
    ("ecb2c6bf-0ab6-418e-bd87-7986f8d63bbe", "Attribute Provisioning Administrator"),
    ("422218e4-db15-4ef9-bbe0-8afb41546d79", "Attribute Provisioning Reader"),
    ("c4e39bd9-1100-46d3-8c65-fb160da0071f", "Authentication Administrator"),
    ("25a516ed-2fa0-40ea-a2d0-12923a21473a", "Authentication Extensibility Administrator"),
    ("0526716b-113d-4c15-b2c8-68e3c22b9f80", "Authentication Policy Administrator"),
    ("e3973bdf-4987-49ae-837a-ba8e231c7286", "Azure DevOps Administrator"),
    ("7495fdc4-34c4-4d15-a289-98788ce399fd", "Azure Information Protection Administrator"),
    ("aaf43236-0c0d-4d5f-883a-6955382ac081", "B2C IEF Keyset Administrator"),
    ("3edaf663-341e-4475-9f94-5c398ef6c070", "B2C IEF Policy Administrator"),
    ("b0f54661-2d74-4c50-afa3-1ec803f12efe", "Billing Administrator"),
    ("892c5842-a9a6-463a-8041-72aa08ca3cf6", "Cloud App Security Administrator"),
    ("158c047a-c907-4556-b7ef-446551a6b5f7", "Cloud Application Administrator"),
    ("7698a772-787b-4ac8-901f-60d6b08affd2", "Cloud Device Administrator"),
    ("17315797-102d-40b4-93e0-432062caca18", "Compliance Administrator"),
    ("e6d1a23a-da11-4be4-9570-befc86d067a7", "Compliance Data Administrator"),
    ("b1be1c3e-b65d-4f19-8427-f6fa0d97feb9", "Conditional Access Administrator"),
    ("5c4f9dcd-47dc-4cf7-8c9a-9e4207cbfc91", "Customer LockBox Access Approver"),
    ("38a96431-2bdf-4b4c-8b6e-5d3d8abac1a4", "Desktop Analytics Administrator"),
    ("88d8e3e3-8f55-4a1e-953a-9b9898b8876b", "Directory Readers"),
    ("d29b2b05-8046-44ba-8758-1e26182fcf32", "Directory Synchronization Accounts"),
    ("9360feb5-f418-4baa-8175-e2a00bac4301", "Directory Writers"),
    ("8329153b-31d0-4727-b945-745eb3bc5f31", "Domain Name Administrator"),
    ("e93e3737-fa85-474a-aee4-7d3fb86510f3", "Dragon Administrator"),
    ("44367163-eba1-44c3-98af-f5787879f96a", "Dynamics 365 Administrator"),
    ("963797fb-eb3b-4cde-8ce3-5878b3f32a3f", "Dynamics 365 Business Central Administrator"),
    ("3f1acade-1e04-4fbc-9b69-f0302cd84aef", "Edge Administrator"),
    ("29232cdf-9323-42fd-ade2-1d097af3e4de", "Exchange Administrator"),
    ("49eb8f75-97e9-4e37-9b2b-6c3ebfcffa31", "Exchange Backup Administrator"),
    ("31392ffb-586c-42d1-9346-e59415a2cc4e", "Exchange Recipient Administrator"),
    ("dd13091a-6207-4fc0-82ba-3641e056ab95", "Extended Directory User Administrator"),
    ("6e591065-9bad-43ed-90f3-e9424366d2f0", "External ID User Flow Administrator"),
    ("0f971eea-41eb-4569-a71e-57bb8a3eff1e", "External ID User Flow Attribute Administrator"),
    ("be2f45a1-457d-42af-a067-6ec1fa63bc45", "External Identity Provider Administrator"),
    ("a9ea8996-122f-4c74-9520-8edcd192826c", "Fabric Administrator"),
    ("62e90394-69f5-4237-9190-012177145e10", "Global Administrator"),
    ("f2ef992c-3afb-46b9-b7cf-a126ee74c451", "Global Reader"),
    ("ac434307-12b9-4fa1-a708-88bf58caabc1", "Global Secure Access Administrator"),
    ("843318fb-79a6-4168-9e6f-aa9a07481cc4", "Global Secure Access Log Reader"),
    ("fdd7a751-b60b-444a-984c-02652fe8fa1c", "Groups Administrator"),
    ("95e79109-95c0-4d8e-aee3-d01accf2d47b", "Guest Inviter"),
    ("729827e3-9c14-49f7-bb1b-9608f156bbb8", "Helpdesk Administrator"),
    ("8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2", "Hybrid Identity Administrator"),
    ("45d8d3c5-c802-45c6-b32a-1d70b5e1e86e", "Identity Governance Administrator"),
    ("eb1f4a8d-243a-41f0-9fbd-c7cdf6c5ef7c", "Insights Administrator"),
    ("25df335f-86eb-4119-b717-0ff02de207e9", "Insights Analyst"),
    ("31e939ad-9672-4796-9c2e-873181342d2d", "Insights Business Leader"),
    ("3a2c62db-5318-420d-8d74-23affee5d9d5", "Intune Administrator"),
    ("2ea5ce4c-b2d8-4668-bd81-3680bd2d227a", "IoT Device Administrator"),
    ("74ef975b-6605-40af-a5d2-b9539d836353", "Kaizala Administrator"),
    ("b5a8dcf3-09d5-43a9-a639-8e29ef291470", "Knowledge Administrator"),
    ("744ec460-397e-42ad-a462-8b3f9747a02c", "Knowledge Manager"),
    ("4d6ac14f-3453-41d0-bef9-a3e0c569773a", "License Administrator"),
    ("59d46f88-662b-457b-bceb-5c3809e5908f", "Lifecycle Workflows Administrator"),
    ("ac16e43d-7b2d-40e0-ac05-243ff356ab5b", "Message Center Privacy Reader"),
    ("790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b", "Message Center Reader"),
    ("1707125e-0aa2-4d4d-8655-a7c786c76a25", "Microsoft 365 Backup Administrator"),
    ("8c8b803f-96e1-4129-9349-20738d9f9652", "Microsoft 365 Migration Administrator"),
    ("00cf5c54-4693-4f59-a0ac-ab79ef0a974d", "Microsoft 365 Support Engineer"),
    ("9f06204d-73c1-4d4c-880a-6edb90606fd8", "Microsoft Entra Joined Device Local Administrator"),
    ("ee67aa9c-e510-4759-b906-227085a7fd4d", "Microsoft Graph Data Connect Administrator"),
    ("1501b917-7653-4ff9-a4b5-203eaf33784f", "Microsoft Hardware Warranty Administrator"),
    ("281fe777-fb20-4fbb-b7a3-ccebce5b0d96", "Microsoft Hardware Warranty Specialist"),
    ("d37c8bed-0711-4417-ba38-b4abe66ce4c2", "Network Administrator"),
    ("2b745bdf-0803-4d80-aa65-822c4493daac", "Office Apps Administrator"),
    ("92ed04bf-c94a-4b82-9729-b799a7a4c178", "Organizational Branding Administrator"),
    ("9d70768a-0cbc-4b4c-aea3-2e124b2477f4", "Organizational Data Source Administrator"),
    ("e48398e2-f4bb-4074-8f31-4586725e205b", "Organizational Messages Approver"),
    ("507f53e4-4e52-4077-abd3-d2e1558b6ea2", "Organizational Messages Writer"),
    ("4ba39ca4-527c-499a-b93d-d9b492c50246", "Partner Tier1 Support"),
    ("e00e864a-17c5-4a4b-9c06-f5b95a8d5bd8", "Partner Tier2 Support"),
    ("966707d0-3269-4727-9be2-8c3a10f19b9d", "Password Administrator"),
    ("024906de-61e5-49c8-8572-40335f1e0e10", "People Administrator"),
    ("af78dc32-cf4d-46f9-ba4e-4428526346b5", "Permissions Management Administrator"),
    ("78b0ccd1-afc2-4f92-9116-b41aedd09592", "Places Administrator"),
    ("11648597-926c-4cf3-9c36-bcebb0ba8dcc", "Power Platform Administrator"),
    ("644ef478-e28f-4e28-b9dc-3fdde9aa0b1f", "Printer Administrator"),
    ("e8cef6f1-e4bd-4ea8-bc07-4b8d950f4477", "Printer Technician"),
    ("7be44c8a-adaf-4e2a-84d6-ab2649e08a13", "Privileged Authentication Administrator"),
    ("e8611ab8-c189-46e8-94e1-60213ab1f814", "Privileged Role Administrator"),
    ("4a5d8f65-41da-4de4-8968-e035b65339cf", "Reports Reader"),
    ("0964bb5e-9bdb-4d7b-ac29-58e794862a40", "Search Administrator"),
    ("8835291a-918c-4fd7-a9ce-faa49f0cf7d9", "Search Editor"),
    ("194ae4cb-b126-40b2-bd5b-6091b380977d", "Security Administrator"),
    ("5f2222b1-57c3-48ba-8ad5-d4759f1fde6f", "Security Operator"),
    ("5d6b6bb7-de71-4623-b4af-96380a352509", "Security Reader"),
    ("f023fd81-a637-4b56-95fd-791ac0226033", "Service Support Administrator"),
    ("f28a1f50-f6e7-4571-818b-6a12f2af6b6c", "SharePoint Administrator"),
    ("99009c4a-3b3f-4957-82a9-9d35e12db77e", "SharePoint Advanced Management Administrator"),
    ("9d3e04ba-3ee4-4d1b-a3a7-9aef423a09be", "SharePoint Backup Administrator"),
    ("1a7d78b6-429f-476b-b8eb-35fb715fffd4", "SharePoint Embedded Administrator"),
    ("75941009-915a-4869-abe7-691bff18279e", "Skype for Business Administrator"),
    ("69091246-20e8-4a56-aa4d-066075b2a7a8", "Teams Administrator"),
    ("baf37b3a-610e-45da-9e62-d9d1e5e8914b", "Teams Communications Administrator"),
    ("f70938a0-fc10-4177-9e90-2178f8765737", "Teams Communications Support Engineer"),
    ("fcf91098-03e3-41a9-b5ba-6f0ec8188a12", "Teams Communications Support Specialist"),
    ("3d762c5a-1b6c-493f-843e-55a3b42923d4", "Teams Devices Administrator"),
    ("1076ac91-f3d9-41a7-a339-dcdf5f480acc", "Teams Reader"),
    ("aa38014f-0993-46e9-9b45-30501a20909d", "Teams Telephony Administrator"),
    ("112ca1a2-15ad-4102-995e-45b0bc479a6a", "Tenant Creator"),
    ("75934031-6c7e-415a-99d7-48dbd49e875e", "Usage Summary Reports Reader"),
    ("fe930be7-5e62-47db-91af-98c3a49a38b1", "User Administrator"),
    ("27460883-1df1-4691-b032-3b79643e5e63", "User Experience Success Manager"),
    ("e300d9e7-4a2b-4295-9eff-f1c78b36cc98", "Virtual Visits Administrator"),
    ("0ec3f692-38d6-4d14-9e69-0377ca7797ad", "Viva Glint Tenant Administrator"),
    ("92b086b3-e367-4ef2-b869-1de128fb986e", "Viva Goals Administrator"),
    ("87761b17-1ed2-4af3-9acd-92a150038160", "Viva Pulse Administrator"),
    ("11451d60-acb2-45eb-a7d6-43d0f0125c13", "Windows 365 Administrator"),
    ("32696413-001a-46ae-978c-ce0f6b3620d2", "Windows Update Deployment Administrator"),
    ("810a2642-a034-447f-a5e8-41beaa378541", "Yammer Administrator"),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every header parameter in the IANA JOSE registry that the issue lists.
    const REGISTERED_HEADERS: &[&str] = &[
        "alg",
        "jku",
        "jwk",
        "kid",
        "x5u",
        "x5c",
        "x5t",
        "x5t#S256",
        "typ",
        "cty",
        "crit",
        "enc",
        "zip",
        "epk",
        "apu",
        "apv",
        "iv",
        "tag",
        "p2s",
        "p2c",
        "iss",
        "sub",
        "aud",
        "b64",
        "ppt",
        "url",
        "nonce",
        "svt",
        "trust_chain",
    ];

    const RFC7519_CLAIMS: &[&str] = &["iss", "sub", "aud", "exp", "nbf", "iat", "jti"];

    const OIDC_CLAIMS: &[&str] = &[
        "auth_time",
        "nonce",
        "acr",
        "amr",
        "azp",
        "at_hash",
        "c_hash",
        "sid",
        "sub_jwk",
        "name",
        "given_name",
        "family_name",
        "middle_name",
        "nickname",
        "preferred_username",
        "profile",
        "picture",
        "website",
        "email",
        "email_verified",
        "gender",
        "birthdate",
        "zoneinfo",
        "locale",
        "phone_number",
        "phone_number_verified",
        "address",
        "updated_at",
        "_claim_names",
        "_claim_sources",
    ];

    const OTHER_REGISTERED_CLAIMS: &[&str] = &[
        "act",
        "may_act",
        "scope",
        "client_id",
        "groups",
        "roles",
        "entitlements",
        "cnf",
        "events",
        "toe",
        "txn",
        "htm",
        "htu",
        "ath",
        "authorization_details",
    ];

    /// Every `alg` and `enc` name the IANA registry holds (as of RFC 9864 and the ML-DSA draft):
    /// those the decoder knows as registered, and the deprecated or prohibited ones it warns about.
    fn registered_algorithms() -> impl Iterator<Item = &'static str> {
        crate::token::JWS_ALGS
            .iter()
            .chain(crate::token::JWE_ALGS)
            .chain(crate::token::JWE_ENCS)
            .copied()
            .chain([
                "RS1", "HS1", "A128CBC", "A192CBC", "A256CBC", "A128CTR", "A192CTR", "A256CTR",
            ])
    }

    fn every_entry() -> impl Iterator<Item = &'static Entry> {
        HEADERS.iter().chain(CLAIMS.iter())
    }

    #[test]
    fn every_registered_header_parameter_has_a_generic_entry() {
        for name in REGISTERED_HEADERS {
            let entry = header(name, Family::Generic);
            assert!(entry.is_some(), "header {name} has no entry");
            assert_eq!(entry.map(|e| e.family), Some(None), "header {name}");
        }
    }

    #[test]
    fn every_rfc7519_oidc_and_registered_claim_has_a_generic_entry() {
        for name in RFC7519_CLAIMS
            .iter()
            .chain(OIDC_CLAIMS)
            .chain(OTHER_REGISTERED_CLAIMS)
        {
            for family in Family::ALL {
                assert!(claim(name, family).is_some(), "{name} for {family:?}");
            }
            assert_eq!(
                claim(name, Family::Generic).map(|e| e.family),
                Some(None),
                "claim {name}"
            );
        }
    }

    #[test]
    fn managed_identity_and_entra_claims_are_described_for_entra() {
        for name in [
            "xms_mirid",
            "xms_az_rid",
            "xms_tcdt",
            "xms_idrel",
            "xms_cc",
            "appid",
            "appidacr",
            "azpacr",
            "idtyp",
            "acct",
            "oid",
            "tid",
            "uti",
            "wids",
            "unique_name",
            "upn",
            "pwd_exp",
            "signin_state",
            "tenant_region_scope",
        ] {
            let entry = claim(name, Family::Entra);
            assert_eq!(entry.map(|e| e.family), Some(Some(Family::Entra)), "{name}");
            assert!(claim(name, Family::Generic).is_none(), "{name} leaks");
        }
    }

    #[test]
    fn family_scoping_keeps_vocabularies_apart() {
        assert!(claim("uid", Family::Entra).is_none());
        assert!(claim("uid", Family::Generic).is_none());
        assert_eq!(
            claim("uid", Family::Okta).and_then(|e| e.family),
            Some(Family::Okta)
        );

        let entra_acr = claim("acr", Family::Entra).map(|e| e.values);
        let generic_acr = claim("acr", Family::Generic).map(|e| e.values);
        assert_eq!(entra_acr, Some(ACR_ENTRA));
        assert_eq!(generic_acr, Some(ACR_GENERIC));
        // A family without its own acr gets the generic one.
        assert_eq!(claim("acr", Family::Okta).map(|e| e.values), generic_acr);

        let entra_scp = claim("scp", Family::Entra).map(|e| e.description);
        let okta_scp = claim("scp", Family::Okta).map(|e| e.description);
        assert!(entra_scp.is_some() && okta_scp.is_some() && entra_scp != okta_scp);
        assert!(claim("scp", Family::Auth0).is_none());

        // Entra's e-mail warning stays with Entra.
        let entra_email = claim("email", Family::Entra).map(|e| e.description);
        assert!(entra_email.is_some_and(|d| d.contains("Never use it for authorization")));
        assert_ne!(
            entra_email,
            claim("email", Family::Okta).map(|e| e.description)
        );

        assert!(claim("token_use", Family::Cognito).is_some());
        assert!(claim("token_use", Family::Okta).is_none());
        assert!(claim("repository", Family::GitHubActions).is_some());
        assert!(claim("repository", Family::Generic).is_none());
        assert!(claim("kubernetes.io", Family::Kubernetes).is_some());
        assert!(claim("kubernetes.io", Family::Entra).is_none());
        assert!(claim("realm_access", Family::Keycloak).is_some());
        assert!(claim("hd", Family::Google).is_some());
        assert!(claim("hd", Family::Entra).is_none());
        assert!(claim("gty", Family::Auth0).is_some());
        assert!(claim("typ", Family::Generic).is_none());
        assert!(claim("typ", Family::Keycloak).is_some());
    }

    #[test]
    fn header_nonce_depends_on_the_family() {
        let acme = header("nonce", Family::Generic).map(|e| e.description);
        let graph = header("nonce", Family::Entra).map(|e| e.description);
        assert!(acme.is_some_and(|d| d.contains("ACME")));
        assert!(graph.is_some_and(|d| d.contains("Graph")));
        assert_eq!(header("nonce", Family::Okta).map(|e| e.description), acme);
    }

    #[test]
    fn header_rh_is_described_only_for_entra() {
        assert!(header("rh", Family::Generic).is_none());
        assert!(header("rh", Family::Google).is_none());
        assert!(header("rh", Family::Entra).is_some());
    }

    #[test]
    fn unknown_names_get_nothing() {
        for family in Family::ALL {
            for name in [
                "",
                "foo",
                "ISS",
                "https://example.com/roles",
                "http://example.com/is_root",
                "custom:tenant",
                "xms_unknown",
                "xms_st",
                "puid",
                "deviceid",
                "msg_en",
            ] {
                assert!(
                    claim(name, family).is_none(),
                    "claim {name:?} for {family:?}"
                );
            }
            for name in ["", "isEncrypted", "type", "client", "exp", "ALG"] {
                assert!(
                    header(name, family).is_none(),
                    "header {name:?} for {family:?}"
                );
            }
        }
    }

    #[test]
    fn value_meanings() {
        let meaning = |name: &str, family: Family, value: &str| {
            claim(name, family).and_then(|e| value_meaning(e, value))
        };
        assert_eq!(meaning("amr", Family::Generic, "pwd"), Some("password"));
        assert_eq!(
            meaning("amr", Family::Okta, "kba"),
            Some("knowledge-based questions")
        );
        assert!(meaning("amr", Family::Entra, "rsa").is_some());
        assert!(meaning("amr", Family::Entra, "pwd").is_some_and(|m| m.contains("client secret")));
        assert!(meaning("amr", Family::Generic, "rsa").is_none());
        assert!(meaning("amr", Family::Generic, "PWD").is_none());
        assert!(meaning("appidacr", Family::Entra, "2").is_some_and(|m| m.contains("certificate")));
        assert_eq!(
            meaning("appidacr", Family::Entra, "1"),
            meaning("azpacr", Family::Entra, "1")
        );
        assert!(meaning("idtyp", Family::Entra, "app").is_some_and(|m| m.contains("app-only")));
        assert_eq!(
            meaning("acct", Family::Entra, "1"),
            Some("guest in the tenant")
        );
        assert!(meaning("ver", Family::Entra, "2.0").is_some());
        assert!(meaning("acr", Family::Entra, "1").is_some());
        assert!(meaning("acr", Family::Entra, "phr").is_none());
        assert!(meaning("acr", Family::Generic, "phr").is_some());
        assert_eq!(
            meaning("xms_idrel", Family::Entra, "33"),
            Some("federated managed identity")
        );
        assert!(meaning("xms_idrel", Family::Entra, "8").is_none());
        assert!(meaning("xms_cc", Family::Entra, "cp1").is_some());
        assert!(meaning("signin_state", Family::Entra, "kmsi").is_some());
        assert_eq!(
            meaning("token_use", Family::Cognito, "access"),
            Some("access token")
        );
        assert!(meaning("gty", Family::Auth0, "client-credentials").is_some());
        assert!(meaning("ref_type", Family::GitHubActions, "tag").is_some());
        assert!(meaning("typ", Family::Keycloak, "Bearer").is_some());

        let typ = header("typ", Family::Generic);
        let typ_meaning = |value: &str| typ.and_then(|e| value_meaning(e, value));
        assert_eq!(typ_meaning("JWT"), Some("a JSON Web Token"));
        // Media types compare case-insensitively and may carry "application/".
        assert_eq!(typ_meaning("jwt"), Some("a JSON Web Token"));
        assert_eq!(typ_meaning("application/AT+JWT"), typ_meaning("at+jwt"));
        assert!(typ_meaning("at+jwt").is_some());
        assert!(typ_meaning("dpop+jwt").is_some());
        assert!(typ_meaning("secevent+jwt").is_some());
        assert!(typ_meaning("logout+jwt").is_some());
        assert!(typ_meaning("JOSE+JSON").is_some());
        assert!(typ_meaning("application/").is_none());
        assert!(typ_meaning("application").is_none());
        assert!(typ_meaning("text/plain").is_none());

        let zip = header("zip", Family::Generic);
        assert!(zip.and_then(|e| value_meaning(e, "DEF")).is_some());
        let alg = header("alg", Family::Generic);
        assert_eq!(
            alg.and_then(|e| value_meaning(e, "RS256")),
            algorithm("RS256")
        );
        assert!(alg.and_then(|e| value_meaning(e, "A256GCM")).is_none());
        let enc = header("enc", Family::Generic);
        assert!(enc.and_then(|e| value_meaning(e, "A256GCM")).is_some());
        assert!(enc.and_then(|e| value_meaning(e, "RS256")).is_none());
    }

    #[test]
    fn algorithms_in_words() {
        assert_eq!(algorithm("RS256"), Some("RSASSA-PKCS1-v1_5 with SHA-256"));
        assert!(algorithm("ES256K").is_some_and(|w| w.contains("secp256k1")));
        assert!(algorithm("Ed25519").is_some());
        assert!(algorithm("ML-DSA-65").is_some_and(|w| w.contains("FIPS 204")));
        assert!(algorithm("none").is_some_and(|w| w.contains("forge")));
        assert!(algorithm("RSA1_5").is_some_and(|w| w.contains("deprecated")));
        assert!(algorithm("rs256").is_none());
        assert!(algorithm("XYZ").is_none());
        for name in registered_algorithms() {
            assert!(algorithm(name).is_some(), "{name}");
        }
        assert_eq!(ALGORITHMS.len(), registered_algorithms().count());
        // The alg/enc split point must stay where the content-encryption algorithms begin.
        assert_eq!(ENC_VALUES.first().map(|(n, _)| *n), Some("A128CBC-HS256"));
        assert_eq!(
            ALG_VALUES.last().map(|(n, _)| *n),
            Some("PBES2-HS512+A256KW")
        );
    }

    #[test]
    fn entra_role_templates() {
        assert_eq!(
            entra_role_template("62e90394-69f5-4237-9190-012177145e10"),
            Some("Global Administrator")
        );
        assert_eq!(
            entra_role_template("62E90394-69F5-4237-9190-012177145E10"),
            Some("Global Administrator")
        );
        assert_eq!(
            entra_role_template("194ae4cb-b126-40b2-bd5b-6091b380977d"),
            Some("Security Administrator")
        );
        assert!(entra_role_template("b79fbf4d-3ef9-4689-8143-76b194e85509").is_none());
        assert!(entra_role_template("").is_none());
        for (i, (id, role)) in ENTRA_ROLE_TEMPLATES.iter().enumerate() {
            assert_eq!(id.len(), 36, "{id}");
            assert!(
                id.char_indices().all(|(at, c)| match at {
                    8 | 13 | 18 | 23 => c == '-',
                    _ => c.is_ascii_digit() || ('a'..='f').contains(&c),
                }),
                "{id} is not a lower-case GUID"
            );
            assert!(!role.is_empty());
            assert!(
                ENTRA_ROLE_TEMPLATES[..i]
                    .iter()
                    .all(|(other, name)| other != id && name != role),
                "{id} {role} listed twice"
            );
        }
    }

    #[test]
    fn time_claims() {
        for name in ["exp", "nbf", "iat", "auth_time", "updated_at", "toe"] {
            assert!(
                claim(name, Family::Generic).is_some_and(|e| e.is_time),
                "{name}"
            );
        }
        assert!(claim("auth_time", Family::Okta).is_some_and(|e| e.is_time));
        assert!(claim("xms_tcdt", Family::Entra).is_some_and(|e| e.is_time));
        // pwd_exp counts seconds after iat; it is not a date.
        assert!(claim("pwd_exp", Family::Entra).is_some_and(|e| !e.is_time));
        assert!(claim("jti", Family::Generic).is_some_and(|e| !e.is_time));
        assert!(HEADERS.iter().all(|e| !e.is_time));
    }

    #[test]
    fn descriptions_are_one_or_two_full_sentences() {
        for entry in every_entry() {
            let d = entry.description;
            let who = format!("{} ({:?})", entry.name, entry.family);
            assert!(!d.trim().is_empty(), "{who}: empty");
            assert_eq!(d, d.trim(), "{who}: stray whitespace");
            assert!(
                d.ends_with('.') && !d.ends_with(".."),
                "{who}: must end with one period"
            );
            assert!(
                d.chars().next().is_some_and(char::is_uppercase),
                "{who}: must start with a capital"
            );
            assert!(
                d.matches(". ").count() <= 1,
                "{who}: more than two sentences"
            );
            assert!(!d.contains("  "), "{who}: double space");
            assert!(
                !d.contains("e.g.") && !d.contains("i.e."),
                "{who}: abbreviation"
            );
        }
    }

    #[test]
    fn value_meanings_are_phrases() {
        let tables = every_entry()
            .map(|e| e.values)
            .chain([ALGORITHMS, ENTRA_ROLE_TEMPLATES]);
        for table in tables {
            for (i, (value, meaning)) in table.iter().enumerate() {
                assert!(!value.is_empty(), "empty value");
                assert!(!meaning.trim().is_empty(), "{value}: empty meaning");
                assert!(
                    !meaning.ends_with('.'),
                    "{value}: meaning ends with a period"
                );
                assert!(
                    table[..i].iter().all(|(other, _)| other != value),
                    "{value} listed twice"
                );
            }
        }
    }

    #[test]
    fn names_are_unique_per_family() {
        for table in [HEADERS, CLAIMS] {
            for (i, entry) in table.iter().enumerate() {
                assert!(!entry.name.is_empty());
                assert_ne!(entry.family, Some(Family::Generic), "{}", entry.name);
                assert!(
                    table[..i]
                        .iter()
                        .all(|other| (other.name, other.family) != (entry.name, entry.family)),
                    "{} ({:?}) listed twice",
                    entry.name,
                    entry.family
                );
            }
        }
    }

    #[test]
    fn security_warnings_are_present() {
        for name in ["jku", "x5u", "jwk", "x5c"] {
            let d = header(name, Family::Generic).map_or("", |e| e.description);
            assert!(d.contains("trust"), "{name}: {d}");
        }
        assert!(
            claim("upn", Family::Entra)
                .is_some_and(|e| e.description.contains("never for authorization"))
        );
    }
}
