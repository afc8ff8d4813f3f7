//! Which identity provider issued a token, recognised from the shape of its `iss`.

use super::catalog::Family;

/// Personal Microsoft accounts (MSA) all sign in through this tenant.
pub const MSA_TENANT: &str = "9188040d-6c67-4c5b-b112-36a304b66dad";

/// A recognised issuer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    /// In words: "Microsoft Entra ID · v1 · public cloud".
    pub kind: String,
    /// Whose claim vocabulary applies.
    pub family: Family,
    /// For Entra issuers: the tenant in the issuer URL.
    pub tenant: Option<String>,
}

fn entra(version: &str, cloud: &str, tenant: &str) -> Issuer {
    let who = if tenant == MSA_TENANT {
        " · personal Microsoft account"
    } else {
        ""
    };
    Issuer {
        kind: format!("Microsoft Entra ID · {version} · {cloud}{who}"),
        family: Family::Entra,
        tenant: Some(tenant.to_string()),
    }
}

fn other(kind: impl Into<String>, family: Family) -> Issuer {
    Issuer {
        kind: kind.into(),
        family,
        tenant: None,
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
    let v1_cloud = match host.as_str() {
        "sts.windows.net" => Some("public or US Government cloud"),
        "sts.chinacloudapi.cn" => Some("China cloud (21Vianet)"),
        "sts.microsoftonline.de" => Some("Germany cloud (closed 2021)"),
        _ => None,
    };
    if let (Some(cloud), [tenant]) = (v1_cloud, segs.as_slice()) {
        return Some(entra("v1", cloud, tenant));
    }
    let login_cloud = match host.as_str() {
        "login.microsoftonline.com" | "login.windows.net" | "login.microsoft.com" => {
            Some("public cloud")
        }
        "login.microsoftonline.us" | "login.usgovcloudapi.net" => Some("US Government cloud"),
        "login.partner.microsoftonline.cn" | "login.chinacloudapi.cn" => {
            Some("China cloud (21Vianet)")
        }
        _ => None,
    };
    if let Some(cloud) = login_cloud {
        return match segs.as_slice() {
            [tenant, "v2.0"] => Some(entra("v2", cloud, tenant)),
            [tenant] => Some(entra("v1", cloud, tenant)),
            ["tfp", tenant, _policy, "v2.0"] => Some(Issuer {
                kind: "Microsoft Entra ID B2C".to_string(),
                family: Family::Entra,
                tenant: Some((*tenant).to_string()),
            }),
            _ => None,
        };
    }
    if host.ends_with(".b2clogin.com") {
        return Some(Issuer {
            kind: "Microsoft Entra ID B2C".to_string(),
            family: Family::Entra,
            tenant: segs.first().map(|s| (*s).to_string()),
        });
    }
    if host.ends_with(".ciamlogin.com") {
        return Some(Issuer {
            kind: "Microsoft Entra External ID".to_string(),
            family: Family::Entra,
            tenant: segs.first().map(|s| (*s).to_string()),
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
