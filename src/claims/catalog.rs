//! What header parameters and claims mean, in our own words, with the meaning of well-known
//! values. Registered names (IANA JOSE and JWT registries, OpenID Connect) are described for
//! every issuer; a provider's own vocabulary only for that provider's tokens, so that Okta's
//! `uid` is not explained on an Entra token. Names not listed get no description: a wrong
//! explanation is worse than none.

/// Which identity provider's vocabulary applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Generic,
    Entra,
    Google,
    Okta,
    Auth0,
    Cognito,
    Keycloak,
    GitHubActions,
    Kubernetes,
}

/// One described name.
#[derive(Debug)]
pub struct Entry {
    pub name: &'static str,
    /// `None`: a registered name, described for every issuer; `Some(f)`: only for `f`'s tokens.
    pub family: Option<Family>,
    pub description: &'static str,
    /// Known values and what they mean.
    pub values: &'static [(&'static str, &'static str)],
    /// The value is a NumericDate (seconds since 1970).
    pub is_time: bool,
}

const fn any(name: &'static str, description: &'static str) -> Entry {
    Entry {
        name,
        family: None,
        description,
        values: &[],
        is_time: false,
    }
}

const fn time(name: &'static str, description: &'static str) -> Entry {
    Entry {
        name,
        family: None,
        description,
        values: &[],
        is_time: true,
    }
}

const fn of(family: Family, name: &'static str, description: &'static str) -> Entry {
    Entry {
        name,
        family: Some(family),
        description,
        values: &[],
        is_time: false,
    }
}

const fn with(mut e: Entry, values: &'static [(&'static str, &'static str)]) -> Entry {
    e.values = values;
    e
}

const fn timed(mut e: Entry) -> Entry {
    e.is_time = true;
    e
}

use Family::{Auth0, Cognito, Entra, GitHubActions, Google, Keycloak, Kubernetes, Okta};

/// Authentication method references: RFC 8176 plus the values Microsoft Entra ID sends.
const AMR: &[(&str, &str)] = &[
    ("face", "facial recognition"),
    ("fpt", "fingerprint"),
    ("geo", "geolocation"),
    ("hwk", "proof of possession of a hardware-secured key"),
    ("iris", "iris scan"),
    ("kba", "knowledge-based authentication"),
    ("mca", "multiple-channel authentication"),
    ("mfa", "multi-factor authentication"),
    ("otp", "one-time password"),
    ("pin", "personal identification number"),
    ("pop", "proof of possession of a key"),
    ("pwd", "password"),
    ("rba", "risk-based authentication"),
    ("retina", "retina scan"),
    ("sc", "smart card"),
    ("sms", "confirmation by text message"),
    ("swk", "proof of possession of a software-secured key"),
    ("tel", "confirmation by telephone call"),
    ("user", "user presence test"),
    ("vbm", "voice biometrics"),
    ("wia", "Windows integrated authentication"),
    (
        "rsa",
        "RSA key proof (Microsoft Authenticator, a certificate, Windows Hello)",
    ),
    (
        "ngcmfa",
        "multi-factor authentication of the kind needed to provision some credentials",
    ),
    (
        "wiaormfa",
        "Windows credentials or multi-factor authentication",
    ),
    ("fed", "a federated identity provider's assertion"),
    ("none", "no authentication completed"),
];

const CLIENT_AUTH: &[(&str, &str)] = &[
    ("0", "public client: no client credential"),
    ("1", "client secret"),
    (
        "2",
        "client certificate (managed identities always show this)",
    ),
];

const IDTYP: &[(&str, &str)] = &[
    ("app", "an application acting as itself (app-only)"),
    ("user", "a user, or an application acting for a user"),
    ("device", "a device"),
];

const ACCT: &[(&str, &str)] = &[("0", "member of the tenant"), ("1", "guest in the tenant")];

const ENTRA_VER: &[(&str, &str)] = &[
    (
        "1.0",
        "issued by the v1.0 endpoint (issuer sts.windows.net)",
    ),
    (
        "2.0",
        "issued by the v2.0 endpoint (issuer ending in /v2.0)",
    ),
];

const ENTRA_ACR: &[(&str, &str)] = &[
    (
        "0",
        "the user's authentication did not meet ISO/IEC 29115 requirements",
    ),
    (
        "1",
        "the user's authentication met ISO/IEC 29115 requirements",
    ),
];

/// From Microsoft's agent-identity token reference; values are a set, space-separated.
const XMS_IDREL: &[(&str, &str)] = &[
    ("1", "member user"),
    ("3", "Microsoft account member user"),
    ("5", "guest user"),
    ("7", "service principal"),
    ("9", "device principal"),
    ("11", "GDAP user"),
    ("13", "application without a service principal"),
    ("15", "passthrough"),
    ("17", "native-identity user with a profile"),
    ("19", "native-identity user"),
    ("21", "native-identity Teams meeting participant"),
    ("23", "passthrough-authenticated Teams meeting participant"),
    ("25", "native-identity content-sharing user"),
    ("27", "fully synchronised multitenant-organisation member"),
    ("29", "weak multitenant-organisation user"),
    ("31", "DAP user"),
    ("33", "federated managed identity"),
];

const XMS_CC: &[(&str, &str)] = &[(
    "cp1",
    "can handle claims challenges (Continuous Access Evaluation)",
)];

const SIGNIN_STATE: &[(&str, &str)] = &[
    ("dvc_mngd", "the device is managed"),
    ("dvc_cmp", "the device is compliant"),
    ("dvc_dmjd", "the device is domain-joined"),
    ("kmsi", "the user chose to stay signed in"),
    ("inknownntwk", "signed in from a known network"),
];

const TOKEN_USE: &[(&str, &str)] = &[
    ("id", "an ID token, for the client"),
    ("access", "an access token, for an API"),
];

const TYP: &[(&str, &str)] = &[
    ("JWT", "a JSON Web Token"),
    ("at+jwt", "an OAuth 2.0 access token in JWT form (RFC 9068)"),
    ("dpop+jwt", "a DPoP proof (RFC 9449)"),
    ("secevent+jwt", "a Security Event Token (RFC 8417)"),
    ("logout+jwt", "an OpenID Connect back-channel logout token"),
    ("JOSE", "a JWS or JWE in compact serialization"),
    ("JOSE+JSON", "a JWS or JWE in JSON serialization"),
    (
        "Bearer",
        "a bearer token (Keycloak's label for access tokens)",
    ),
    ("ID", "an ID token (Keycloak)"),
    ("Refresh", "a refresh token (Keycloak)"),
];

const ZIP: &[(&str, &str)] = &[("DEF", "compressed with DEFLATE before encryption")];

const GH_REF_TYPE: &[(&str, &str)] = &[("branch", "a branch"), ("tag", "a tag")];

/// Every described payload claim.
static CLAIMS: &[Entry] = &[
    // RFC 7519 §4.1.
    any("iss", "Issuer: who created and signed the token."),
    any(
        "sub",
        "Subject: the principal the token is about, unique within the issuer.",
    ),
    any(
        "aud",
        "Audience: who the token is meant for; a recipient that is not named here must refuse it.",
    ),
    time(
        "exp",
        "Expiration time: the token must not be accepted on or after this moment.",
    ),
    time(
        "nbf",
        "Not before: the token must not be accepted before this moment.",
    ),
    time("iat", "Issued at: when the token was created."),
    any(
        "jti",
        "JWT ID: a unique identifier for this token, so a recipient can refuse a replay.",
    ),
    // OpenID Connect Core §2 and §5.1, and the logout specifications.
    time(
        "auth_time",
        "When the user last actively authenticated (typed a password, used a key, ...).",
    ),
    any(
        "nonce",
        "A value the client sent in its sign-in request and must find here, binding the token to that request.",
    ),
    any(
        "acr",
        "Authentication context class: the level of assurance the sign-in met.",
    ),
    with(any("amr", "Authentication methods used to sign in."), AMR),
    any(
        "azp",
        "Authorized party: the client the token was issued to, when that differs from the audience.",
    ),
    any(
        "at_hash",
        "Hash of the access token issued with this ID token, so the client can check they belong together.",
    ),
    any(
        "c_hash",
        "Hash of the authorization code issued with this ID token, so the client can check they belong together.",
    ),
    any(
        "s_hash",
        "Hash of the state value of the request (FAPI), binding the ID token to it.",
    ),
    any(
        "sid",
        "Session ID: the sign-in session at the issuer, used for logout.",
    ),
    any("name", "The person's full name, for display."),
    any("given_name", "Given (first) name."),
    any("family_name", "Family name (surname)."),
    any("middle_name", "Middle name."),
    any("nickname", "Casual name."),
    any(
        "preferred_username",
        "The name the user likes to be shown by; it can change and is not unique, so never use it to identify the user.",
    ),
    any("profile", "URL of the user's profile page."),
    any("picture", "URL of the user's picture."),
    any("website", "URL of the user's web site."),
    any("email", "The user's preferred e-mail address."),
    any(
        "email_verified",
        "Whether the issuer verified that the user controls the e-mail address.",
    ),
    any("gender", "Gender."),
    any("birthdate", "Birthday, as YYYY-MM-DD (or only the year)."),
    any("zoneinfo", "The user's time zone, as an IANA name."),
    any("locale", "The user's language and region, as a BCP 47 tag."),
    any("phone_number", "The user's preferred telephone number."),
    any(
        "phone_number_verified",
        "Whether the issuer verified the telephone number.",
    ),
    any("address", "The user's postal address, as a JSON object."),
    time("updated_at", "When the user's profile was last changed."),
    any(
        "_claim_names",
        "Names of claims that are not in the token but held elsewhere (aggregated or distributed claims).",
    ),
    any(
        "_claim_sources",
        "Where the claims named in _claim_names can be fetched.",
    ),
    any(
        "events",
        "The security events this Security Event Token reports (RFC 8417).",
    ),
    any(
        "toe",
        "Time of the event a Security Event Token reports (RFC 8417).",
    ),
    any(
        "txn",
        "Transaction identifier linking related security events (RFC 8417).",
    ),
    // OAuth 2.0 and friends (IANA JWT claims registry).
    any(
        "scope",
        "Scopes granted: what the token lets its bearer do, space-separated.",
    ),
    any(
        "client_id",
        "The OAuth client the token was issued to (RFC 8693, RFC 9068).",
    ),
    any(
        "act",
        "Actor: who is acting on behalf of the subject (token exchange, RFC 8693).",
    ),
    any(
        "may_act",
        "Who is allowed to act on behalf of the subject (RFC 8693).",
    ),
    any(
        "cnf",
        "Confirmation: the key the presenter must prove it holds, which makes this a proof-of-possession token (RFC 7800).",
    ),
    any("groups", "Groups the subject belongs to."),
    any("roles", "Roles granted to the subject."),
    any("entitlements", "Entitlements of the subject (RFC 9068)."),
    any(
        "htm",
        "HTTP method of the request a DPoP proof is bound to (RFC 9449).",
    ),
    any(
        "htu",
        "HTTP URL of the request a DPoP proof is bound to (RFC 9449).",
    ),
    any(
        "ath",
        "Hash of the access token a DPoP proof accompanies (RFC 9449).",
    ),
    // Microsoft Entra ID access and ID tokens (v1.0 and v2.0), optional claims.
    of(
        Entra,
        "aud",
        "Audience: the API (resource) the token is for. v2.0 tokens always name the API's client ID; v1.0 tokens may use its App ID URI. The API must refuse tokens for anyone else.",
    ),
    of(
        Entra,
        "iss",
        "Issuer: the Microsoft Entra ID endpoint and the tenant that issued the token; a v2.0 issuer ends in /v2.0.",
    ),
    of(
        Entra,
        "idp",
        "Identity provider that authenticated the subject; it differs from the issuer for guests and personal Microsoft accounts.",
    ),
    of(
        Entra,
        "aio",
        "Internal data Microsoft Entra ID uses to reuse tokens; opaque, do not rely on it.",
    ),
    with(
        of(
            Entra,
            "acr",
            "Whether the user's authentication met ISO/IEC 29115 (v1.0 tokens).",
        ),
        ENTRA_ACR,
    ),
    of(
        Entra,
        "acrs",
        "Authentication context IDs the caller satisfied (Conditional Access step-up).",
    ),
    of(
        Entra,
        "appid",
        "Application (client) ID of the caller; for a managed identity, its client ID (v1.0 tokens).",
    ),
    of(
        Entra,
        "azp",
        "Application (client) ID of the caller (v2.0 tokens' replacement for appid).",
    ),
    with(
        of(
            Entra,
            "appidacr",
            "How the calling application authenticated (v1.0 tokens).",
        ),
        CLIENT_AUTH,
    ),
    with(
        of(
            Entra,
            "azpacr",
            "How the calling application authenticated (v2.0 tokens' replacement for appidacr).",
        ),
        CLIENT_AUTH,
    ),
    of(
        Entra,
        "app_displayname",
        "Display name of the calling application (optional claim).",
    ),
    of(
        Entra,
        "name",
        "The user's display name; it can change, so use it for display only.",
    ),
    of(
        Entra,
        "preferred_username",
        "The user's sign-in name (UPN, e-mail or phone), for display and hints; it can change and must not be used for authorization.",
    ),
    of(
        Entra,
        "scp",
        "Delegated permissions (scopes) the user consented to for the calling app, space-separated; present only in tokens that act for a user.",
    ),
    of(
        Entra,
        "roles",
        "App roles, or application permissions, granted to the caller.",
    ),
    of(
        Entra,
        "wids",
        "Tenant-wide Microsoft Entra roles the user holds, as role template IDs.",
    ),
    of(
        Entra,
        "groups",
        "Object IDs of groups the subject belongs to.",
    ),
    of(
        Entra,
        "hasgroups",
        "The subject is in too many groups to list here; ask Microsoft Graph for them.",
    ),
    of(
        Entra,
        "groups:src1",
        "Where to fetch the subject's groups when there were too many to list (group overage).",
    ),
    of(
        Entra,
        "sub",
        "Subject: a stable identifier of the user or application, different for every application (pairwise).",
    ),
    of(
        Entra,
        "oid",
        "Object ID of the user, service principal or managed identity in the tenant: the same for every application, the identifier to use for authorization.",
    ),
    of(
        Entra,
        "tid",
        "Tenant (directory) ID the token was issued in.",
    ),
    of(
        Entra,
        "unique_name",
        "A human-readable name for the subject, for display only (v1.0 tokens).",
    ),
    of(
        Entra,
        "upn",
        "User principal name: the user's sign-in name, for display and hints only.",
    ),
    of(
        Entra,
        "uti",
        "Token identifier Microsoft Entra ID uses for revalidation, like jti.",
    ),
    of(
        Entra,
        "rh",
        "Internal data Microsoft Entra ID uses to revalidate tokens; opaque.",
    ),
    with(of(Entra, "ver", "Version of the token format."), ENTRA_VER),
    with(
        of(
            Entra,
            "xms_cc",
            "Client capabilities the calling application declared.",
        ),
        XMS_CC,
    ),
    of(Entra, "ipaddr", "IP address the user signed in from."),
    of(
        Entra,
        "onprem_sid",
        "Security identifier (SID) of the user in on-premises Active Directory.",
    ),
    timed(of(
        Entra,
        "pwd_exp",
        "When the user's password expires; Microsoft Entra ID sends it as seconds after iat.",
    )),
    of(Entra, "pwd_url", "Where the user can change the password."),
    of(
        Entra,
        "in_corp",
        "The user signed in from the corporate network.",
    ),
    of(
        Entra,
        "email",
        "The user's e-mail address as stored in the directory; it may be unverified and can be changed, so never use it for authorization.",
    ),
    of(
        Entra,
        "puid",
        "Internal user identifier (a Microsoft account PUID); opaque.",
    ),
    with(
        of(
            Entra,
            "idtyp",
            "What kind of identity the token stands for.",
        ),
        IDTYP,
    ),
    with(
        of(Entra, "acct", "The user's account status in the tenant."),
        ACCT,
    ),
    of(Entra, "ctry", "The user's country or region (two letters)."),
    of(
        Entra,
        "tenant_ctry",
        "The tenant's country or region (two letters).",
    ),
    of(Entra, "tenant_region_scope", "The region of the tenant."),
    of(
        Entra,
        "fwd",
        "Original client IP address when the request came through a virtual network.",
    ),
    of(
        Entra,
        "login_hint",
        "An opaque sign-in hint for single sign-on; pass it on unchanged.",
    ),
    of(
        Entra,
        "sid",
        "Session ID of the user's sign-in session, used for logout.",
    ),
    with(
        of(
            Entra,
            "signin_state",
            "Facts about the sign-in (device state, stay-signed-in).",
        ),
        SIGNIN_STATE,
    ),
    of(
        Entra,
        "verified_primary_email",
        "The user's primary e-mail addresses that the directory treats as authoritative.",
    ),
    of(
        Entra,
        "verified_secondary_email",
        "The user's secondary e-mail addresses that the directory treats as authoritative.",
    ),
    of(
        Entra,
        "vnet",
        "Details of the virtual network the request came through.",
    ),
    of(
        Entra,
        "deviceid",
        "ID of the device the user signed in from (its directory device ID).",
    ),
    of(
        Entra,
        "xms_edov",
        "Whether the owner of the e-mail domain is verified.",
    ),
    of(
        Entra,
        "xms_pdl",
        "Preferred data location of the user (Multi-Geo).",
    ),
    of(Entra, "xms_pl", "The user's preferred language."),
    of(Entra, "xms_tpl", "The tenant's preferred language."),
    of(Entra, "ztdid", "Device identity used by Windows Autopilot."),
    of(
        Entra,
        "enfpolids",
        "IDs of policies enforced for this sign-in.",
    ),
    of(
        Entra,
        "xms_mirid",
        "Azure Resource Manager ID of the managed identity's resource: the virtual machine, app or user-assigned identity the token belongs to.",
    ),
    of(
        Entra,
        "xms_az_rid",
        "Azure Resource Manager ID of the compute resource a user-assigned managed identity is attached to.",
    ),
    timed(of(
        Entra,
        "xms_tcdt",
        "Undocumented; appears to be when the tenant was created.",
    )),
    with(
        of(
            Entra,
            "xms_idrel",
            "How the identity relates to the tenant, as a set of numbers.",
        ),
        XMS_IDREL,
    ),
    of(
        Entra,
        "xms_cae",
        "Undocumented; appears to flag Continuous Access Evaluation.",
    ),
    of(
        Entra,
        "xms_tdbr",
        "Undocumented; appears to name the tenant's data boundary region (such as EU).",
    ),
    of(
        Entra,
        "xms_par_app_azp",
        "The parent application of the acting agent (agent identities); for audit logs, not authorization.",
    ),
    // Google.
    of(
        Google,
        "hd",
        "The Google Workspace domain of the user; absent for consumer accounts.",
    ),
    of(
        Google,
        "email",
        "The Google account's e-mail address; trust it only when email_verified is true.",
    ),
    of(
        Google,
        "google",
        "Google Compute Engine details of the instance that requested this identity token.",
    ),
    // Okta.
    of(Okta, "uid", "Okta user ID of the subject."),
    of(
        Okta,
        "cid",
        "Client ID of the application the token was issued to.",
    ),
    of(Okta, "scp", "Scopes granted to the token, as a list."),
    of(Okta, "ver", "Version of Okta's token format."),
    // Auth0.
    of(
        Auth0,
        "gty",
        "Grant type the token came from (such as client-credentials or password).",
    ),
    of(
        Auth0,
        "permissions",
        "Permissions of the subject for this API (Auth0 role-based access control).",
    ),
    of(
        Auth0,
        "org_id",
        "Auth0 organization the user signed in through.",
    ),
    of(
        Auth0,
        "org_name",
        "Name of the Auth0 organization the user signed in through.",
    ),
    // Amazon Cognito.
    of(
        Cognito,
        "cognito:username",
        "The user's user name in the Cognito user pool.",
    ),
    of(
        Cognito,
        "cognito:groups",
        "User-pool groups the user belongs to.",
    ),
    of(
        Cognito,
        "cognito:roles",
        "IAM roles associated with the user's groups.",
    ),
    with(
        of(Cognito, "token_use", "What the token is for."),
        TOKEN_USE,
    ),
    of(
        Cognito,
        "event_id",
        "ID of the authentication event that produced the token.",
    ),
    of(
        Cognito,
        "origin_jti",
        "Token-revocation identifier shared by the tokens of one sign-in.",
    ),
    of(
        Cognito,
        "username",
        "The user's user name in the Cognito user pool.",
    ),
    // Keycloak.
    with(of(Keycloak, "typ", "Kind of token Keycloak issued."), TYP),
    of(
        Keycloak,
        "session_state",
        "ID of the user's Keycloak session.",
    ),
    of(Keycloak, "realm_access", "Realm-level roles of the user."),
    of(
        Keycloak,
        "resource_access",
        "Roles of the user per client application.",
    ),
    of(
        Keycloak,
        "allowed-origins",
        "Web origins allowed to use the token (CORS).",
    ),
    // GitHub Actions OIDC.
    of(
        GitHubActions,
        "repository",
        "The repository the workflow runs in (owner/name).",
    ),
    of(
        GitHubActions,
        "repository_id",
        "Numeric ID of the repository.",
    ),
    of(
        GitHubActions,
        "repository_owner",
        "Owner of the repository (user or organization).",
    ),
    of(
        GitHubActions,
        "repository_owner_id",
        "Numeric ID of the repository's owner.",
    ),
    of(
        GitHubActions,
        "repository_visibility",
        "Whether the repository is public, private or internal.",
    ),
    of(GitHubActions, "ref", "The Git ref the workflow runs for."),
    with(
        of(
            GitHubActions,
            "ref_type",
            "Kind of ref the workflow runs for.",
        ),
        GH_REF_TYPE,
    ),
    of(
        GitHubActions,
        "ref_protected",
        "Whether the ref is protected.",
    ),
    of(GitHubActions, "sha", "The commit the workflow runs for."),
    of(GitHubActions, "workflow", "Name of the workflow."),
    of(
        GitHubActions,
        "workflow_ref",
        "Path and ref of the workflow file.",
    ),
    of(
        GitHubActions,
        "workflow_sha",
        "Commit of the workflow file.",
    ),
    of(
        GitHubActions,
        "job_workflow_ref",
        "Path and ref of the (possibly reusable) workflow that runs this job.",
    ),
    of(
        GitHubActions,
        "job_workflow_sha",
        "Commit of the workflow that runs this job.",
    ),
    of(
        GitHubActions,
        "actor",
        "The account that triggered the workflow run.",
    ),
    of(
        GitHubActions,
        "actor_id",
        "Numeric ID of the account that triggered the run.",
    ),
    of(
        GitHubActions,
        "environment",
        "Deployment environment the job targets.",
    ),
    of(
        GitHubActions,
        "event_name",
        "The event that triggered the workflow (push, pull_request, ...).",
    ),
    of(GitHubActions, "run_id", "ID of the workflow run."),
    of(
        GitHubActions,
        "run_number",
        "Sequence number of the run within the workflow.",
    ),
    of(
        GitHubActions,
        "run_attempt",
        "How many times this run has been attempted.",
    ),
    of(
        GitHubActions,
        "runner_environment",
        "Whether the job ran on a GitHub-hosted or self-hosted runner.",
    ),
    of(
        GitHubActions,
        "base_ref",
        "Target branch of the pull request.",
    ),
    of(
        GitHubActions,
        "head_ref",
        "Source branch of the pull request.",
    ),
    // Kubernetes service accounts.
    of(
        Kubernetes,
        "kubernetes.io",
        "Kubernetes details: namespace, service account, and the pod or secret the token is bound to.",
    ),
];

/// Every described JOSE header parameter.
static HEADER: &[Entry] = &[
    // RFC 7515 §4.1.
    any(
        "alg",
        "Algorithm that secures the token (signs it, or for a JWE encrypts its key); the verifier must decide which algorithms it accepts, never the token.",
    ),
    any(
        "jku",
        "URL of a key set holding the signing key. Keys named by the token itself must never be trusted: an attacker can point it anywhere.",
    ),
    any(
        "jwk",
        "The signing key, embedded in the token. A key carried by the token proves nothing: anyone can sign with their own key.",
    ),
    any(
        "kid",
        "Key ID: which of the issuer's keys signed the token, to find it in the issuer's key set.",
    ),
    any(
        "x5u",
        "URL of the signer's X.509 certificate chain. Keys named by the token itself must never be trusted.",
    ),
    any(
        "x5c",
        "The signer's X.509 certificate chain, embedded in the token; trustworthy only if the chain is validated to a trusted root.",
    ),
    any(
        "x5t",
        "SHA-1 thumbprint of the signing certificate, another way to name the key.",
    ),
    any("x5t#S256", "SHA-256 thumbprint of the signing certificate."),
    with(any("typ", "Media type of the whole token."), TYP),
    any(
        "cty",
        "Media type of the payload; \"JWT\" means the payload is itself a token (nesting).",
    ),
    any(
        "crit",
        "Header extensions the recipient must understand; if it does not, it must reject the token.",
    ),
    // RFC 7516, RFC 7518.
    any(
        "enc",
        "Content-encryption algorithm that encrypts the payload of a JWE.",
    ),
    with(
        any(
            "zip",
            "Compression applied to the payload before encryption.",
        ),
        ZIP,
    ),
    any(
        "epk",
        "Ephemeral public key of the sender, for ECDH key agreement.",
    ),
    any(
        "apu",
        "Agreement PartyUInfo: information about the sender, for ECDH key derivation.",
    ),
    any(
        "apv",
        "Agreement PartyVInfo: information about the recipient, for ECDH key derivation.",
    ),
    any(
        "iv",
        "Initialization vector used to wrap the content-encryption key (AES-GCM key wrap).",
    ),
    any(
        "tag",
        "Authentication tag of the wrapped content-encryption key (AES-GCM key wrap).",
    ),
    any("p2s", "Salt for deriving a key from a password (PBES2)."),
    any(
        "p2c",
        "Iteration count for deriving a key from a password (PBES2).",
    ),
    // RFC 7797, RFC 8225, RFC 8555, RFC 7519 §5.3.
    any(
        "b64",
        "false means the payload is not base64url-encoded (RFC 7797).",
    ),
    any("ppt", "PASSporT extension used (RFC 8225)."),
    any("url", "The URL the request is sent to (ACME, RFC 8555)."),
    any(
        "nonce",
        "A one-time value from the server that prevents replay (ACME, RFC 8555).",
    ),
    any(
        "iss",
        "Issuer, repeated in the header so it can be read before decryption (RFC 7519 §5.3).",
    ),
    any("sub", "Subject, repeated in the header (RFC 7519 §5.3)."),
    any("aud", "Audience, repeated in the header (RFC 7519 §5.3)."),
    of(
        Entra,
        "nonce",
        "Microsoft Graph's proprietary nonce: the signature covers a hash of it, so only Microsoft can verify the token; it is meant for Graph, not for your API.",
    ),
];

fn find(table: &'static [Entry], name: &str, family: Family) -> Option<&'static Entry> {
    let mut generic = None;
    for e in table {
        if e.name == name {
            match e.family {
                Some(f) if f == family => return Some(e),
                None => generic = generic.or(Some(e)),
                Some(_) => {}
            }
        }
    }
    generic
}

/// The description of a payload claim in a token from `family`. A family's own entry wins
/// over the registered one of the same name.
pub fn claim(name: &str, family: Family) -> Option<&'static Entry> {
    find(CLAIMS, name, family)
}

/// The description of a JOSE header parameter in a token from `family`.
pub fn header(name: &str, family: Family) -> Option<&'static Entry> {
    find(HEADER, name, family)
}

/// What one value of a described name means. Case is ignored: issuers vary it (Entra sends
/// `CP1`, media types are case-insensitive).
pub fn value_meaning(entry: &Entry, value: &str) -> Option<&'static str> {
    entry
        .values
        .iter()
        .find(|(v, _)| v.eq_ignore_ascii_case(value))
        .map(|(_, m)| *m)
}

/// A JWS or JWE algorithm in words.
pub fn algorithm(name: &str) -> Option<&'static str> {
    Some(match name {
        "HS256" => "HMAC with SHA-256 (a shared secret)",
        "HS384" => "HMAC with SHA-384 (a shared secret)",
        "HS512" => "HMAC with SHA-512 (a shared secret)",
        "RS256" => "RSASSA-PKCS1-v1_5 with SHA-256",
        "RS384" => "RSASSA-PKCS1-v1_5 with SHA-384",
        "RS512" => "RSASSA-PKCS1-v1_5 with SHA-512",
        "PS256" => "RSASSA-PSS with SHA-256",
        "PS384" => "RSASSA-PSS with SHA-384",
        "PS512" => "RSASSA-PSS with SHA-512",
        "ES256" => "ECDSA on P-256 with SHA-256",
        "ES384" => "ECDSA on P-384 with SHA-384",
        "ES512" => "ECDSA on P-521 with SHA-512",
        "ES256K" => "ECDSA on secp256k1 with SHA-256",
        "EdDSA" => "Edwards-curve signature (Ed25519 or Ed448)",
        "Ed25519" => "Edwards-curve signature with Ed25519",
        "Ed448" => "Edwards-curve signature with Ed448",
        "ML-DSA-44" => "ML-DSA-44 post-quantum signature",
        "ML-DSA-65" => "ML-DSA-65 post-quantum signature",
        "ML-DSA-87" => "ML-DSA-87 post-quantum signature",
        "none" => "no signature at all: anyone could have written this token",
        "RSA1_5" => "RSA PKCS #1 v1.5 key encryption (deprecated)",
        "RSA-OAEP" => "RSA-OAEP key encryption with SHA-1",
        "RSA-OAEP-256" => "RSA-OAEP key encryption with SHA-256",
        "RSA-OAEP-384" => "RSA-OAEP key encryption with SHA-384",
        "RSA-OAEP-512" => "RSA-OAEP key encryption with SHA-512",
        "A128KW" => "AES key wrap with a 128-bit key",
        "A192KW" => "AES key wrap with a 192-bit key",
        "A256KW" => "AES key wrap with a 256-bit key",
        "dir" => "direct encryption with a shared symmetric key",
        "ECDH-ES" => "ECDH-ES key agreement",
        "ECDH-ES+A128KW" => "ECDH-ES key agreement with AES-128 key wrap",
        "ECDH-ES+A192KW" => "ECDH-ES key agreement with AES-192 key wrap",
        "ECDH-ES+A256KW" => "ECDH-ES key agreement with AES-256 key wrap",
        "A128GCMKW" => "AES-128-GCM key wrap",
        "A192GCMKW" => "AES-192-GCM key wrap",
        "A256GCMKW" => "AES-256-GCM key wrap",
        "PBES2-HS256+A128KW" => "password-based key with PBES2 (HMAC SHA-256) and AES-128 key wrap",
        "PBES2-HS384+A192KW" => "password-based key with PBES2 (HMAC SHA-384) and AES-192 key wrap",
        "PBES2-HS512+A256KW" => "password-based key with PBES2 (HMAC SHA-512) and AES-256 key wrap",
        "A128CBC-HS256" => "AES-128-CBC with HMAC SHA-256 content encryption",
        "A192CBC-HS384" => "AES-192-CBC with HMAC SHA-384 content encryption",
        "A256CBC-HS512" => "AES-256-CBC with HMAC SHA-512 content encryption",
        "A128GCM" => "AES-128-GCM content encryption",
        "A192GCM" => "AES-192-GCM content encryption",
        "A256GCM" => "AES-256-GCM content encryption",
        _ => return None,
    })
}

/// Built-in Microsoft Entra role templates (`wids`), those whose IDs are well established.
pub fn entra_role_template(id: &str) -> Option<&'static str> {
    Some(match id.to_ascii_lowercase().as_str() {
        "62e90394-69f5-4237-9190-012177145e10" => "Global Administrator",
        "f2ef992c-3afb-46b9-b7cf-a126ee74c451" => "Global Reader",
        "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3" => "Application Administrator",
        "158c047a-c907-4556-b7ef-446551a6b5f7" => "Cloud Application Administrator",
        "fe930be7-5e62-47db-91af-98c3a49a38b1" => "User Administrator",
        "194ae4cb-b126-40b2-bd5b-6091b380977d" => "Security Administrator",
        "5d6b6bb7-de71-4623-b4af-96380a352509" => "Security Reader",
        "e8611ab8-c189-46e8-94e1-60213ab1f814" => "Privileged Role Administrator",
        "7be44c8a-adaf-4e2a-84d6-ab2649e08a13" => "Privileged Authentication Administrator",
        "29232cdf-9323-42fd-ade2-1d097af3e4de" => "Exchange Administrator",
        "f28a1f50-f6e7-4571-818b-6a12f2af6b6c" => "SharePoint Administrator",
        "729827e3-9c14-49f7-bb1b-9608f156bbb8" => "Helpdesk Administrator",
        "3a2c62db-5318-420d-8d74-23affee5d9d5" => "Intune Administrator",
        "88d8e3e3-8f55-4a1e-953a-9b9898b8876b" => "Directory Readers",
        "b79fbf4d-3ef9-4689-8143-76b194e85509" => "User (the default role of every member)",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const REGISTERED_HEADER: &[&str] = &[
        "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit", "enc",
        "zip", "epk", "apu", "apv", "iv", "tag", "p2s", "p2c", "b64", "ppt", "url", "nonce",
    ];
    const REGISTERED_CLAIMS: &[&str] = &[
        "iss",
        "sub",
        "aud",
        "exp",
        "nbf",
        "iat",
        "jti",
        "auth_time",
        "nonce",
        "acr",
        "amr",
        "azp",
        "at_hash",
        "c_hash",
        "sid",
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
        "scope",
        "client_id",
        "act",
        "may_act",
        "cnf",
        "events",
    ];

    #[test]
    fn every_registered_name_is_described() {
        for name in REGISTERED_HEADER {
            assert!(header(name, Family::Generic).is_some(), "header {name}");
        }
        for name in REGISTERED_CLAIMS {
            assert!(claim(name, Family::Generic).is_some(), "claim {name}");
        }
    }

    #[test]
    fn provider_vocabularies_stay_with_their_provider() {
        assert!(claim("uid", Family::Okta).is_some());
        assert!(claim("uid", Family::Entra).is_none());
        assert!(claim("xms_mirid", Family::Entra).is_some());
        assert!(claim("xms_mirid", Family::Generic).is_none());
        // Entra's acr table wins over the generic description.
        let acr = claim("acr", Family::Entra).unwrap();
        assert_eq!(
            value_meaning(acr, "1").map(|m| m.contains("29115")),
            Some(true)
        );
        assert!(claim("acr", Family::Google).unwrap().values.is_empty());
        assert!(
            header("nonce", Family::Entra)
                .unwrap()
                .description
                .contains("Graph")
        );
        assert!(
            header("nonce", Family::Generic)
                .unwrap()
                .description
                .contains("ACME")
        );
    }

    #[test]
    fn unknown_names_have_no_description() {
        assert!(claim("my_custom_claim", Family::Entra).is_none());
        assert!(header("x-whatever", Family::Generic).is_none());
    }

    #[test]
    fn values_and_algorithms() {
        let amr = claim("amr", Family::Entra).unwrap();
        assert_eq!(value_meaning(amr, "pwd"), Some("password"));
        assert_eq!(value_meaning(amr, "nope"), None);
        let cc = claim("xms_cc", Family::Entra).unwrap();
        assert!(value_meaning(cc, "CP1").is_some());
        assert!(
            value_meaning(claim("appidacr", Family::Entra).unwrap(), "2")
                .unwrap()
                .contains("certificate")
        );
        assert_eq!(algorithm("RS256"), Some("RSASSA-PKCS1-v1_5 with SHA-256"));
        assert!(algorithm("XYZ").is_none());
        assert_eq!(
            entra_role_template("62E90394-69F5-4237-9190-012177145E10"),
            Some("Global Administrator")
        );
    }

    #[test]
    fn descriptions_are_sentences_and_names_unique_per_family() {
        for table in [CLAIMS, HEADER] {
            for (i, e) in table.iter().enumerate() {
                assert!(!e.description.is_empty(), "{}", e.name);
                assert!(
                    e.description.ends_with('.'),
                    "{}: {}",
                    e.name,
                    e.description
                );
                assert!(
                    !table[..i]
                        .iter()
                        .any(|o| o.name == e.name && o.family == e.family),
                    "duplicate {}",
                    e.name
                );
            }
        }
    }

    #[test]
    fn time_claims_are_marked() {
        for name in ["exp", "nbf", "iat", "auth_time", "updated_at"] {
            assert!(claim(name, Family::Generic).unwrap().is_time, "{name}");
        }
        assert!(claim("pwd_exp", Family::Entra).unwrap().is_time);
    }
}
