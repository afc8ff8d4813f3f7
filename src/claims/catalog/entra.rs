//! Microsoft Entra ID claims: access and ID tokens v1.0/v2.0, optional claims, managed
//! identities, agent identities; described only for Entra tokens.

use super::{Entry, Family, Values, only};

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

pub(super) static CLAIMS: &[Entry] = &[
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
];
