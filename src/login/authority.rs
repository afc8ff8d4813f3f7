//! Where to sign in, and which discovered `issuer` to accept from there.
//!
//! OpenID Connect Discovery §4.3 wants the document's `issuer` to equal the URL it was fetched
//! under. Microsoft Entra ID departs from that for every authority form except a tenant GUID,
//! so the rule is per authority (see `shared/reference/entra-sign-in.md` §1 and §7):
//! - Entra GUID tenant: `https://HOST/GUID/v2.0` exactly;
//! - Entra domain or `consumers`: `https://HOST/{some GUID}/v2.0` (that GUID is the tenant);
//! - Entra `common` / `organizations`: the literal `https://HOST/{tenantid}/v2.0`, and the ID
//!   token's `iss` must then equal it with the token's `tid` put in;
//! - Azure AD B2C: `https://HOST/TENANT-GUID/v2.0/` (or `/tfp/GUID/POLICY/v2.0/`) on the
//!   authority's own scheme and host;
//! - any other provider: the authority itself.
//!
//! Anything else is refused before a browser opens.

use crate::verify::discovery::{expand_tenant, is_guid};
use crate::verify::fetch::check_url;

use super::error::LoginError;

/// The tenant named with `--tenant`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tenant {
    Guid(String),
    Domain(String),
    Consumers,
    /// `common` or `organizations`: the issuer is templated.
    Multi(String),
}

impl Tenant {
    fn parse(s: &str) -> Result<Tenant, LoginError> {
        let lower = s.to_ascii_lowercase();
        Ok(match lower.as_str() {
            "common" | "organizations" => Tenant::Multi(lower),
            "consumers" => Tenant::Consumers,
            _ if is_guid(s) => Tenant::Guid(lower),
            _ if s.contains('.')
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-') =>
            {
                Tenant::Domain(lower)
            }
            _ => {
                return Err(LoginError::Usage(format!(
                    "--tenant {s:?}: expected a tenant GUID, a domain (contoso.onmicrosoft.com), common, organizations or consumers"
                )));
            }
        })
    }

    fn path(&self) -> &str {
        match self {
            Tenant::Guid(s) | Tenant::Domain(s) | Tenant::Multi(s) => s,
            Tenant::Consumers => "consumers",
        }
    }
}

/// Where to sign in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Authority {
    /// Microsoft Entra ID v2.0: `base` is `https://login.microsoftonline.com` (or the cloud's).
    Entra { base: String, tenant: Tenant },
    /// Azure AD B2C user flow (`.../TENANT/B2C_1_policy`).
    B2c { url: String },
    /// Any other OpenID provider.
    Other { url: String },
}

/// The issuer accepted from discovery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    /// As the discovery document says it (may hold `{tenantid}`).
    pub discovered: String,
    /// The tenant GUID, when the issuer names one.
    pub tenant_id: Option<String>,
}

impl Issuer {
    /// Whether an ID token's `iss` (with its `tid`) is this issuer. `Err` says why not.
    pub fn check_token(&self, iss: Option<&str>, tid: Option<&str>) -> Result<(), String> {
        let expected = expand_tenant(&self.discovered, tid)?;
        match iss {
            Some(iss) if iss == expected => Ok(()),
            Some(iss) => Err(format!(
                "the ID token's iss is {iss:?}, not the issuer signed in with ({expected:?})"
            )),
            None => Err("the ID token has no iss".to_string()),
        }
    }
}

/// The authority host of an Entra cloud name, or the URL given.
fn cloud_base(cloud: Option<&str>) -> Result<String, LoginError> {
    let base = match cloud.map(str::to_ascii_lowercase).as_deref() {
        None | Some("public" | "azurecloud") => "https://login.microsoftonline.com".to_string(),
        Some("usgov" | "azureusgovernment") => "https://login.microsoftonline.us".to_string(),
        Some("china" | "azurechinacloud") => "https://login.partner.microsoftonline.cn".to_string(),
        Some(_) => {
            let url = cloud.unwrap_or_default().trim_end_matches('/');
            let uri = check_url(url).map_err(|e| LoginError::Usage(format!("--cloud: {e}")))?;
            if !matches!(uri.path(), "" | "/") || uri.query().is_some() {
                return Err(LoginError::Usage(format!(
                    "--cloud {url:?}: name the authority host only (https://login.example), or public, usgov, china"
                )));
            }
            url.to_string()
        }
    };
    Ok(base)
}

/// `scheme://host[:port]` of a URL.
fn origin(url: &str) -> Option<String> {
    let uri: ureq::http::Uri = url.parse().ok()?;
    Some(format!(
        "{}://{}",
        uri.scheme_str()?,
        uri.authority()?.as_str().to_ascii_lowercase()
    ))
}

fn is_b2c(url: &str) -> bool {
    let Ok(uri) = url.parse::<ureq::http::Uri>() else {
        return false;
    };
    let host = uri.host().unwrap_or_default().to_ascii_lowercase();
    host.ends_with(".b2clogin.com")
        || host.ends_with(".b2clogin.cn")
        || host.ends_with(".b2clogin.us")
        || uri.path().split('/').any(|seg| {
            let s = seg.to_ascii_lowercase();
            s.starts_with("b2c_1_") || s.starts_with("b2c_1a_")
        })
}

impl Authority {
    /// From the command line: `--tenant` (+ `--cloud`) or `--authority`.
    pub fn from_args(
        tenant: Option<&str>,
        cloud: Option<&str>,
        authority: Option<&str>,
    ) -> Result<Authority, LoginError> {
        match (tenant, authority) {
            (Some(t), None) => Ok(Authority::Entra {
                base: cloud_base(cloud)?,
                tenant: Tenant::parse(t)?,
            }),
            (None, Some(a)) => {
                let uri = check_url(a).map_err(|e| LoginError::Usage(format!("--authority: {e}")))?;
                if uri.query().is_some() {
                    return Err(LoginError::Usage(format!(
                        "--authority {a:?}: a query is not allowed; name the URL the discovery document is under"
                    )));
                }
                let url = a.to_string();
                Ok(if is_b2c(&url) {
                    Authority::B2c { url }
                } else {
                    Authority::Other { url }
                })
            }
            _ => Err(LoginError::Usage(
                "say where to sign in: --tenant ID|DOMAIN|common|organizations|consumers (Microsoft Entra ID) or --authority URL (any OpenID Connect provider)".to_string(),
            )),
        }
    }

    /// The authority as shown in the source description.
    pub fn url(&self) -> String {
        match self {
            Authority::Entra { base, tenant } => format!("{base}/{}/v2.0", tenant.path()),
            Authority::B2c { url } | Authority::Other { url } => url.clone(),
        }
    }

    pub fn is_entra(&self) -> bool {
        matches!(self, Authority::Entra { .. })
    }

    /// Where the discovery document is.
    pub fn metadata_url(&self) -> String {
        format!(
            "{}/.well-known/openid-configuration",
            self.url().trim_end_matches('/')
        )
    }

    /// Accept or refuse the discovered `issuer`.
    pub fn accept_issuer(&self, issuer: &str) -> Result<Issuer, LoginError> {
        let refuse = |why: String| LoginError::Issuer {
            issuer: issuer.to_string(),
            authority: self.url(),
            why,
        };
        let plain = |tenant_id: Option<String>| Issuer {
            discovered: issuer.to_string(),
            tenant_id,
        };
        match self {
            Authority::Entra { base, tenant } => {
                if origin(issuer).as_deref() != origin(base).as_deref() {
                    return Err(refuse("it names another host".to_string()));
                }
                let path = issuer.get(base.len()..).unwrap_or_default();
                let Some(x) = path
                    .strip_prefix('/')
                    .and_then(|p| p.strip_suffix("/v2.0"))
                    .filter(|x| !x.contains('/'))
                else {
                    return Err(refuse(
                        "an Entra v2.0 issuer is https://HOST/TENANT/v2.0".to_string(),
                    ));
                };
                match tenant {
                    Tenant::Guid(g) if x.eq_ignore_ascii_case(g) => Ok(plain(Some(g.clone()))),
                    Tenant::Guid(g) => Err(refuse(format!("it names tenant {x:?}, not {g}"))),
                    Tenant::Domain(_) | Tenant::Consumers if is_guid(x) => {
                        Ok(plain(Some(x.to_ascii_lowercase())))
                    }
                    Tenant::Domain(_) | Tenant::Consumers => {
                        Err(refuse(format!("the tenant {x:?} is not a GUID")))
                    }
                    Tenant::Multi(_) if x == "{tenantid}" => Ok(plain(None)),
                    Tenant::Multi(t) => Err(refuse(format!(
                        "for {t} Entra publishes the template https://HOST/{{tenantid}}/v2.0"
                    ))),
                }
            }
            Authority::B2c { url } => {
                if issuer == url {
                    return Ok(plain(None));
                }
                if origin(issuer).as_deref() != origin(url).as_deref() {
                    return Err(refuse("it names another host".to_string()));
                }
                let o = origin(url).unwrap_or_default();
                let path = issuer.get(o.len()..).unwrap_or_default();
                let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
                let tid = match segments.as_slice() {
                    [g, "v2.0"] | ["tfp", g, _, "v2.0"] if is_guid(g) => g.to_ascii_lowercase(),
                    _ => {
                        return Err(refuse(
                            "a B2C issuer is https://HOST/TENANT-GUID/v2.0/".to_string(),
                        ));
                    }
                };
                Ok(plain(Some(tid)))
            }
            Authority::Other { url } => {
                // Exactly the authority; a trailing "/" typed or left out is forgiven
                // (Auth0's issuer ends in one, people rarely type it).
                if issuer == url
                    || issuer.strip_suffix('/') == Some(url.as_str())
                    || url.strip_suffix('/') == Some(issuer)
                {
                    Ok(plain(None))
                } else {
                    Err(refuse(
                        "OpenID Connect Discovery requires the issuer to be the URL the document was fetched under".to_string(),
                    ))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const G: &str = "8c3dad1d-b6bc-4f8b-939b-8263372eced6";

    fn entra(t: &str) -> Authority {
        Authority::from_args(Some(t), None, None).unwrap()
    }

    #[test]
    fn entra_issuer_forms() {
        let ms = "https://login.microsoftonline.com";
        let guid = entra(G);
        assert_eq!(
            guid.metadata_url(),
            format!("{ms}/{G}/v2.0/.well-known/openid-configuration")
        );
        assert!(guid.accept_issuer(&format!("{ms}/{G}/v2.0")).is_ok());
        let other = "00000000-0000-0000-0000-000000000001";
        assert!(guid.accept_issuer(&format!("{ms}/{other}/v2.0")).is_err());
        let domain = entra("contoso.onmicrosoft.com");
        let i = domain.accept_issuer(&format!("{ms}/{G}/v2.0")).unwrap();
        assert_eq!(i.tenant_id.as_deref(), Some(G));
        assert!(
            domain
                .accept_issuer(&format!("{ms}/contoso.onmicrosoft.com/v2.0"))
                .is_err()
        );
        let common = entra("common");
        let i = common
            .accept_issuer(&format!("{ms}/{{tenantid}}/v2.0"))
            .unwrap();
        assert!(
            i.check_token(Some(&format!("{ms}/{G}/v2.0")), Some(G))
                .is_ok()
        );
        assert!(
            i.check_token(Some(&format!("{ms}/{other}/v2.0")), Some(G))
                .is_err()
        );
        assert!(
            i.check_token(Some(&format!("{ms}/{G}/v2.0")), None)
                .is_err()
        );
        assert!(common.accept_issuer(&format!("{ms}/{G}/v2.0")).is_err());
        // Another host, another shape.
        assert!(
            guid.accept_issuer(&format!("https://evil.example/{G}/v2.0"))
                .is_err()
        );
        assert!(guid.accept_issuer(&format!("{ms}/{G}/v2.0/")).is_err());
        assert!(guid.accept_issuer(&format!("{ms}/{G}")).is_err());
    }

    #[test]
    fn clouds_and_bad_tenants() {
        let a = Authority::from_args(Some(G), Some("usgov"), None).unwrap();
        assert!(a.url().starts_with("https://login.microsoftonline.us/"));
        let t = Authority::from_args(Some(G), Some("http://127.0.0.1:9"), None).unwrap();
        assert_eq!(t.url(), format!("http://127.0.0.1:9/{G}/v2.0"));
        assert!(Authority::from_args(Some(G), Some("http://example.com"), None).is_err());
        assert!(Authority::from_args(Some("a b"), None, None).is_err());
        assert!(Authority::from_args(None, None, None).is_err());
    }

    #[test]
    fn b2c_and_other_providers() {
        let b2c = Authority::from_args(
            None,
            None,
            Some("https://t.b2clogin.com/t.onmicrosoft.com/B2C_1_signin/v2.0"),
        )
        .unwrap();
        assert!(matches!(b2c, Authority::B2c { .. }));
        assert!(
            b2c.accept_issuer(&format!("https://t.b2clogin.com/{G}/v2.0/"))
                .is_ok()
        );
        assert!(
            b2c.accept_issuer(&format!("https://x.b2clogin.com/{G}/v2.0/"))
                .is_err()
        );
        let kc = Authority::from_args(None, None, Some("https://kc.example/realms/r")).unwrap();
        assert!(kc.accept_issuer("https://kc.example/realms/r").is_ok());
        assert!(kc.accept_issuer("https://kc.example/realms/other").is_err());
        assert!(Authority::from_args(None, None, Some("http://example.com/")).is_err());
    }
}
