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
//! The tables stay in reading order (grouped by source) instead of alphabetical order; lookups
//! scan them, and build an index by name once a run has looked up many names. One file per
//! source: `registered`, `oidc`, `entra`, `providers`, `headers`, `algorithms`,
//! `roles`.

mod algorithms;
mod entra;
mod headers;
mod oidc;
mod providers;
mod registered;
mod roles;

pub use algorithms::algorithm;
pub use roles::entra_role_template;

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
    static CLAIMS: Lazy = Lazy::new();
    CLAIMS.lookup(all_claims, name, family)
}

/// Description of a JOSE header parameter (`family` matters for `nonce`: Entra/Graph vs ACME).
pub fn header(name: &str, family: Family) -> Option<&'static Entry> {
    static HEADERS: Lazy = Lazy::new();
    HEADERS.lookup(all_headers, name, family)
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

/// Every payload-claim entry, generic and family-scoped, in catalog order.
pub fn all_claims() -> impl Iterator<Item = &'static Entry> {
    CLAIM_TABLES.iter().flat_map(|t| t.iter())
}

/// Every header-parameter entry, generic and family-scoped, in catalog order.
pub fn all_headers() -> impl Iterator<Item = &'static Entry> {
    headers::HEADERS.iter()
}

/// The payload-claim tables, in reading order. A name appears once per family across them.
const CLAIM_TABLES: [&[Entry]; 4] = [
    registered::CLAIMS,
    oidc::CLAIMS,
    entra::CLAIMS,
    providers::CLAIMS,
];

/// The entries of one table sorted by name, in catalog order within a name, each with its
/// [`name_key`]: the search compares keys, one integer comparison a step, and names only
/// where the keys are equal (names that share their first eight bytes).
type Index = Vec<(u64, &'static Entry)>;

/// A name's first eight bytes as a big-endian integer (zero-padded): ordered as the names
/// are, as far as those bytes go.
fn name_key(name: &str) -> u64 {
    let mut bytes = [0; 8];
    let n = name.len().min(8);
    bytes[..n].copy_from_slice(&name.as_bytes()[..n]);
    u64::from_be_bytes(bytes)
}

/// Lookups in one table: a scan of its entries at first (a token names a handful of claims,
/// and sorting the table costs as much as a hundred scans), then, once a run has looked up
/// more names than that (a file of many tokens), through an index sorted once.
struct Lazy {
    index: std::sync::OnceLock<Index>,
    scans: std::sync::atomic::AtomicUsize,
}

/// Scans before the index is built.
const SCANS_BEFORE_INDEX: usize = 64;

impl Lazy {
    const fn new() -> Self {
        Self {
            index: std::sync::OnceLock::new(),
            scans: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    fn lookup<I: Iterator<Item = &'static Entry>>(
        &self,
        entries: fn() -> I,
        name: &str,
        family: Family,
    ) -> Option<&'static Entry> {
        use std::sync::atomic::Ordering::Relaxed;
        let index = match self.index.get() {
            Some(index) => index,
            None if self.scans.fetch_add(1, Relaxed) < SCANS_BEFORE_INDEX => {
                return pick(entries().filter(|entry| entry.name == name), family);
            }
            None => self.index.get_or_init(|| {
                let mut sorted: Index = entries().map(|e| (name_key(e.name), e)).collect();
                // Stable: entries of the same name keep their catalog order.
                sorted.sort_by_key(|&(key, entry)| (key, entry.name));
                sorted
            }),
        };
        let key = name_key(name);
        let first = index.partition_point(|&(k, entry)| (k, entry.name) < (key, name));
        pick(
            index[first..]
                .iter()
                .map(|&(_, entry)| entry)
                .take_while(|entry| entry.name == name),
            family,
        )
    }
}

/// Of the entries with one name, in catalog order: the one scoped to `family`, else the first
/// generic one.
fn pick(same_name: impl Iterator<Item = &'static Entry>, family: Family) -> Option<&'static Entry> {
    let mut generic = None;
    for entry in same_name {
        match entry.family {
            Some(scope) if scope == family => return Some(entry),
            None => generic = generic.or(Some(entry)),
            Some(_) => {}
        }
    }
    generic
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_finds_what_the_scan_finds() {
        let indexed = Lazy::new();
        indexed
            .scans
            .store(SCANS_BEFORE_INDEX, std::sync::atomic::Ordering::Relaxed);
        for entry in all_claims() {
            for family in Family::ALL {
                let scanned = pick(all_claims().filter(|e| e.name == entry.name), family);
                assert_eq!(indexed.lookup(all_claims, entry.name, family), scanned);
            }
        }
        assert!(indexed.index.get().is_some(), "the index was used");
        assert_eq!(
            indexed.lookup(all_claims, "no_such_claim", Family::Entra),
            None
        );
        // Names near the catalog's: one byte more or less, another case, a shared long prefix
        // (the index compares the first eight bytes as a number, then the rest).
        for entry in all_claims() {
            let n = entry.name;
            let probes = [
                format!("{n}x"),
                format!("{n}\0"),
                n[..n.len().saturating_sub(1)].to_string(),
                n.to_uppercase(),
                format!("{}é", &n[..n.len().min(8)]),
            ];
            for probe in probes.iter().map(String::as_str).chain(["", "\0", "é"]) {
                let scanned = pick(all_claims().filter(|e| e.name == probe), Family::Entra);
                assert_eq!(indexed.lookup(all_claims, probe, Family::Entra), scanned);
            }
        }
    }

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
        all_headers().chain(all_claims())
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
        // Entra's acr is its own "0"/"1" table, not OpenID's levels.
        assert!(entra_acr.is_some_and(|v| v.iter().any(|(k, _)| *k == "1")));
        assert!(generic_acr.is_some_and(|v| v.iter().any(|(k, _)| *k == "phr")));
        assert_ne!(entra_acr, generic_acr);
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
        assert_eq!(
            algorithms::ALG_VALUES.len() + algorithms::ENC_VALUES.len(),
            registered_algorithms().count()
        );
        // Each table holds its own kind: the decoder's lists of alg and enc names.
        for (name, _) in algorithms::ENC_VALUES {
            assert!(!crate::token::JWS_ALGS.contains(name), "{name}");
            assert!(!crate::token::JWE_ALGS.contains(name), "{name}");
        }
        for (name, _) in algorithms::ALG_VALUES {
            assert!(!crate::token::JWE_ENCS.contains(name), "{name}");
        }
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
        for (i, (id, role)) in roles::ENTRA_ROLE_TEMPLATES.iter().enumerate() {
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
                roles::ENTRA_ROLE_TEMPLATES[..i]
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
        assert!(all_headers().all(|e| !e.is_time));
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
        let tables = every_entry().map(|e| e.values).chain([
            algorithms::ALG_VALUES,
            algorithms::ENC_VALUES,
            roles::ENTRA_ROLE_TEMPLATES,
        ]);
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
        let headers: Vec<&Entry> = all_headers().collect();
        let claims: Vec<&Entry> = all_claims().collect();
        for table in [headers, claims] {
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
