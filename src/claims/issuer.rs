//! Which identity provider issued a token, recognised from the shape of its `iss`.

use super::catalog::Family;

/// Personal Microsoft accounts (MSA) all sign in through this tenant.
pub const MSA_TENANT: &str = "9188040d-6c67-4c5b-b112-36a304b66dad";

/// A Microsoft Entra ID sign-in host: a national cloud's `sts.*` (v1 issuers) or `login.*`
/// host (v1 and v2 issuers). The one list both recognition and discovery read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntraHost {
    pub host: &'static str,
    /// In words: "public cloud", "China cloud (21Vianet)".
    pub cloud: &'static str,
    /// An `sts.*` host: it issues v1 tokens only.
    pub sts: bool,
    /// The authority jwtscope fetches this host's issuers' discovery documents from (v1
    /// issuers of an `sts.*` host, v2 issuers of a `login.*` host); `None`: not discovered.
    pub discovery: Option<&'static str>,
}

const PUBLIC_OR_US_GOV: &str = "public or US Government cloud";
const PUBLIC: &str = "public cloud";
const US_GOV: &str = "US Government cloud";
const CHINA: &str = "China cloud (21Vianet)";

const fn host(
    host: &'static str,
    cloud: &'static str,
    sts: bool,
    discovery: Option<&'static str>,
) -> EntraHost {
    EntraHost {
        host,
        cloud,
        sts,
        discovery,
    }
}

/// Every Microsoft Entra ID sign-in host jwtscope knows.
pub const ENTRA_HOSTS: &[EntraHost] = &[
    host(
        "sts.windows.net",
        PUBLIC_OR_US_GOV,
        true,
        Some("https://login.microsoftonline.com"),
    ),
    host(
        "sts.chinacloudapi.cn",
        CHINA,
        true,
        Some("https://login.partner.microsoftonline.cn"),
    ),
    host(
        "sts.microsoftonline.de",
        "Germany cloud (closed 2021)",
        true,
        None,
    ),
    host(
        "sts.windows-ppe.net",
        "pre-production (PPE) cloud",
        true,
        None,
    ),
    host(
        "login.microsoftonline.com",
        PUBLIC,
        false,
        Some("https://login.microsoftonline.com"),
    ),
    host("login.windows.net", PUBLIC, false, None),
    host("login.microsoft.com", PUBLIC, false, None),
    host(
        "login.microsoftonline.us",
        US_GOV,
        false,
        Some("https://login.microsoftonline.us"),
    ),
    host("login.usgovcloudapi.net", US_GOV, false, None),
    host(
        "login.partner.microsoftonline.cn",
        CHINA,
        false,
        Some("https://login.partner.microsoftonline.cn"),
    ),
    host("login.chinacloudapi.cn", CHINA, false, None),
];

/// Which Entra token an issuer on an [`EntraHost`] stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntraVersion {
    V1,
    V2,
    /// `https://login.microsoftonline.com/tfp/{tenant}/{policy}/v2.0`.
    B2c,
}

/// A recognised issuer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    /// In words: "Microsoft Entra ID · v1 · public cloud".
    pub kind: String,
    /// Whose claim vocabulary applies.
    pub family: Family,
    /// For Entra issuers: the tenant in the issuer URL.
    pub tenant: Option<String>,
    /// For issuers on a Microsoft Entra ID sign-in host: which host, and which token version.
    pub entra: Option<(EntraHost, EntraVersion)>,
}

fn entra(host: EntraHost, version: EntraVersion, tenant: &str) -> Issuer {
    let who = if tenant == MSA_TENANT {
        " · personal Microsoft account"
    } else {
        ""
    };
    let kind = match version {
        EntraVersion::V1 => format!("Microsoft Entra ID · v1 · {}{who}", host.cloud),
        EntraVersion::V2 => format!("Microsoft Entra ID · v2 · {}{who}", host.cloud),
        EntraVersion::B2c => "Microsoft Entra ID B2C".to_string(),
    };
    Issuer {
        kind,
        family: Family::Entra,
        tenant: Some(tenant.to_string()),
        entra: Some((host, version)),
    }
}

fn other(kind: impl Into<String>, family: Family) -> Issuer {
    Issuer {
        kind: kind.into(),
        family,
        tenant: None,
        entra: None,
    }
}

/// Recognise an issuer. `None` when the shape is not one we know: better no name than a guess.
pub fn recognise(iss: &str) -> Option<Issuer> {
    let (scheme, rest) = iss.split_once("://").unwrap_or(("", iss));
    if !scheme.is_empty() && scheme != "https" {
        return None;
    }
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();

    // Microsoft Entra ID: v1 issuers are sts.* hosts, v2 issuers end in /v2.0.
    if let Some(&h) = ENTRA_HOSTS.iter().find(|h| h.host == host) {
        return match (h.sts, segs.as_slice()) {
            (_, [tenant]) => Some(entra(h, EntraVersion::V1, tenant)),
            (false, [tenant, "v2.0"]) => Some(entra(h, EntraVersion::V2, tenant)),
            (false, ["tfp", tenant, _policy, "v2.0"]) => Some(entra(h, EntraVersion::B2c, tenant)),
            _ => None,
        };
    }
    if host.ends_with(".b2clogin.com") {
        return Some(Issuer {
            tenant: segs.first().map(|s| (*s).to_string()),
            ..other("Microsoft Entra ID B2C", Family::Entra)
        });
    }
    if host.ends_with(".ciamlogin.com") {
        return Some(Issuer {
            tenant: segs.first().map(|s| (*s).to_string()),
            ..other("Microsoft Entra External ID", Family::Entra)
        });
    }
    if host == "accounts.google.com" {
        return Some(other("Google", Family::Google));
    }
    if host == "cloud.google.com" && segs == ["iap"] {
        return Some(other("Google Cloud Identity-Aware Proxy", Family::Google));
    }
    if host == "securetoken.google.com" {
        return Some(other("Google Firebase Authentication", Family::Google));
    }
    if host.ends_with(".auth0.com") {
        return Some(other("Auth0", Family::Auth0));
    }
    if host.ends_with(".okta.com")
        || host.ends_with(".oktapreview.com")
        || host.ends_with(".okta-emea.com")
    {
        let kind = match segs.as_slice() {
            ["oauth2", "default"] => "Okta · default authorization server",
            ["oauth2", _] => "Okta · custom authorization server",
            _ => "Okta · org authorization server",
        };
        return Some(other(kind, Family::Okta));
    }
    if host.starts_with("cognito-idp.") && host.ends_with(".amazonaws.com") {
        return Some(other("Amazon Cognito user pool", Family::Cognito));
    }
    if host.starts_with("oidc.eks.") && host.ends_with(".amazonaws.com") {
        return Some(other("Amazon EKS service account", Family::Kubernetes));
    }
    if host.ends_with(".oic.prod-aks.azure.com") {
        return Some(other(
            "Azure Kubernetes Service service account",
            Family::Kubernetes,
        ));
    }
    if host == "token.actions.githubusercontent.com" {
        return Some(other("GitHub Actions OIDC", Family::GitHubActions));
    }
    if host == "appleid.apple.com" {
        return Some(other("Sign in with Apple", Family::Generic));
    }
    if host == "gitlab.com" {
        return Some(other("GitLab", Family::Generic));
    }
    if let Some(i) = segs.iter().position(|s| *s == "realms")
        && i + 1 < segs.len()
    {
        return Some(other("Keycloak", Family::Keycloak));
    }
    if iss == "kubernetes/serviceaccount"
        || host.starts_with("kubernetes.default.svc")
        || host == "kubernetes.default"
    {
        return Some(other("Kubernetes service account", Family::Kubernetes));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entra_clouds_and_versions() {
        let t = "72f988bf-86f1-41af-91ab-2d7cd011db47";
        assert_eq!(
            recognise(&format!("https://sts.windows.net/{t}/"))
                .unwrap()
                .kind,
            "Microsoft Entra ID · v1 · public or US Government cloud"
        );
        let v2 = recognise(&format!("https://login.microsoftonline.com/{t}/v2.0")).unwrap();
        assert_eq!(v2.kind, "Microsoft Entra ID · v2 · public cloud");
        assert_eq!(v2.tenant.as_deref(), Some(t));
        assert_eq!(
            recognise(&format!("https://login.microsoftonline.us/{t}/v2.0"))
                .unwrap()
                .kind,
            "Microsoft Entra ID · v2 · US Government cloud"
        );
        assert_eq!(
            recognise(&format!("https://sts.chinacloudapi.cn/{t}/"))
                .unwrap()
                .kind,
            "Microsoft Entra ID · v1 · China cloud (21Vianet)"
        );
        assert!(
            recognise(&format!(
                "https://login.microsoftonline.com/{MSA_TENANT}/v2.0"
            ))
            .unwrap()
            .kind
            .contains("personal Microsoft account")
        );
    }

    #[test]
    fn one_host_list_serves_recognition_and_discovery() {
        let t = "72f988bf-86f1-41af-91ab-2d7cd011db47";
        // Hosts the two former lists each lacked.
        let ppe = recognise(&format!("https://sts.windows-ppe.net/{t}/")).unwrap();
        assert_eq!(ppe.family, Family::Entra);
        assert_eq!(ppe.entra.unwrap().0.discovery, None);
        let de = recognise(&format!("https://sts.microsoftonline.de/{t}/")).unwrap();
        assert_eq!(de.entra.unwrap().1, EntraVersion::V1);
        // Host names are case-insensitive.
        let upper = recognise(&format!("https://STS.Windows.NET/{t}/")).unwrap();
        assert_eq!(upper.entra.unwrap().0.host, "sts.windows.net");
        let b2c = recognise(&format!(
            "https://login.microsoftonline.com/tfp/{t}/B2C_1_si/v2.0"
        ))
        .unwrap();
        assert_eq!(b2c.entra.unwrap().1, EntraVersion::B2c);
        // Every host has a distinct name, and discovery authorities are login hosts.
        for (i, h) in ENTRA_HOSTS.iter().enumerate() {
            assert!(
                ENTRA_HOSTS[i + 1..].iter().all(|o| o.host != h.host),
                "{}",
                h.host
            );
            if let Some(a) = h.discovery {
                assert!(a.starts_with("https://login."), "{a}");
            }
        }
    }

    #[test]
    fn other_providers() {
        for (iss, kind) in [
            ("https://accounts.google.com", "Google"),
            ("https://dev-123.us.auth0.com/", "Auth0"),
            (
                "https://example.okta.com/oauth2/default",
                "Okta · default authorization server",
            ),
            (
                "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc",
                "Amazon Cognito user pool",
            ),
            ("https://sso.example.com/realms/main", "Keycloak"),
            (
                "https://token.actions.githubusercontent.com",
                "GitHub Actions OIDC",
            ),
            (
                "https://contoso.b2clogin.com/tid/v2.0/",
                "Microsoft Entra ID B2C",
            ),
        ] {
            assert_eq!(recognise(iss).unwrap().kind, kind, "{iss}");
        }
    }

    #[test]
    fn unknown_shapes_are_not_guessed() {
        for iss in [
            "joe",
            "https://example.com/",
            "http://sts.windows.net/t/",
            "https://sts.windows.net/",
        ] {
            assert!(recognise(iss).is_none(), "{iss}");
        }
    }
}
