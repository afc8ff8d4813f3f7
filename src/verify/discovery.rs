//! OpenID Connect discovery, only from issuers jwtscope knows or the user names.
//!
//! A token's `iss` is attacker-controlled text: discovering keys from any issuer would let a
//! forged token point at the forger's own keys. So discovery starts only from Microsoft Entra
//! ID (v1 and v2, public, US Government and China clouds), Google, or an issuer named with
//! `--trust-issuer`; and the discovery document must name the token's issuer itself.

use serde_json::Value;

use crate::claims::issuer::{self, EntraVersion};

/// Where the discovery document of a trusted issuer is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Trusted {
    pub metadata_url: String,
    /// "Microsoft Entra ID v1 (public / US Government cloud)", "--trust-issuer", ...
    pub why: String,
}

/// Whether `s` is a GUID in its usual 8-4-4-4-12 form (Entra tenant ids).
pub(crate) fn is_guid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A Microsoft Entra ID issuer jwtscope discovers keys from.
struct Entra {
    tenant: String,
    metadata_url: String,
    why: String,
}

/// An Entra ID issuer in its exact canonical form, from a host whose discovery authority is
/// known: v1 `https://sts.windows.net/{tid}/` (public and US Government clouds) or
/// `https://sts.chinacloudapi.cn/{tid}/` (China), v2 `https://{authority}/{tid}/v2.0`; the
/// tenant must be a GUID. Recognition itself is [`issuer::recognise`]'s.
fn entra(iss: &str) -> Option<Entra> {
    let recognised = issuer::recognise(iss)?;
    let (host, version) = recognised.entra?;
    let authority = host.discovery?;
    let tenant = recognised.tenant.filter(|t| is_guid(t))?;
    let (canonical, metadata_url) = match (host.sts, version) {
        (true, EntraVersion::V1) => (
            format!("https://{}/{tenant}/", host.host),
            format!("{authority}/{tenant}/.well-known/openid-configuration"),
        ),
        (false, EntraVersion::V2) => (
            format!("{authority}/{tenant}/v2.0"),
            format!("{authority}/{tenant}/v2.0/.well-known/openid-configuration"),
        ),
        _ => return None,
    };
    (iss == canonical).then_some(Entra {
        tenant,
        metadata_url,
        why: recognised.kind,
    })
}

/// Whether a key whose JWK names `key_issuer` (Entra v2 key sets do, with `{tenantid}`) may
/// check a token from `iss` with tenant `tid`: the same issuer, or the v1 and v2 issuers of
/// the same Entra tenant (the keys are shared). `Err` says why not.
pub(crate) fn key_issuer_fits(
    key_issuer: &str,
    iss: Option<&str>,
    tid: Option<&str>,
) -> Result<(), String> {
    let expected = expand_tenant(key_issuer, tid)?;
    let Some(iss) = iss else {
        return Err(format!(
            "the key signs for issuer {expected:?} only, but the token has no iss"
        ));
    };
    let same_tenant = matches!((entra(&expected), entra(iss)), (Some(k), Some(t)) if k.tenant.eq_ignore_ascii_case(&t.tenant));
    if expected == iss || same_tenant {
        Ok(())
    } else {
        Err(format!(
            "the key signs for issuer {expected:?} only, but the token says {iss:?}"
        ))
    }
}

/// The discovery document for `iss`, if jwtscope may discover keys from it. `Err` says why not.
pub(crate) fn trusted(iss: &str, trust: &[String]) -> Result<Trusted, String> {
    if let Some(t) = trust
        .iter()
        .find(|t| t.as_str() == iss || t.trim_end_matches('/') == iss.trim_end_matches('/'))
    {
        return Ok(Trusted {
            metadata_url: format!(
                "{}/.well-known/openid-configuration",
                t.trim_end_matches('/')
            ),
            why: "--trust-issuer".to_string(),
        });
    }
    if let Some(entra) = entra(iss) {
        return Ok(Trusted {
            metadata_url: entra.metadata_url,
            why: entra.why,
        });
    }
    // Google ID tokens say either form (Google's documentation accepts both).
    if iss == "https://accounts.google.com" || iss == "accounts.google.com" {
        return Ok(Trusted {
            metadata_url: "https://accounts.google.com/.well-known/openid-configuration"
                .to_string(),
            why: "Google".to_string(),
        });
    }
    Err(format!(
        "issuer {iss:?} is not one jwtscope discovers keys from (Microsoft Entra ID, Google); if you trust it, name it with --trust-issuer"
    ))
}

/// Check a discovery document against the token and return its `jwks_uri`.
///
/// The document's `issuer` must equal the token's `iss`. Entra's multi-tenant documents say
/// `{tenantid}` instead of a tenant: the token's `tid` (a GUID) is put in its place first.
pub(crate) fn jwks_uri(doc: &[u8], iss: &str, tid: Option<&str>) -> Result<String, String> {
    let doc: Value = serde_json::from_slice(doc)
        .map_err(|e| format!("the discovery document is not JSON: {e}"))?;
    let issuer = doc
        .get("issuer")
        .and_then(Value::as_str)
        .ok_or("the discovery document has no \"issuer\"")?;
    let expected = expand_tenant(issuer, tid)?;
    let google_short = iss == "accounts.google.com" && expected == "https://accounts.google.com";
    if expected != iss && !google_short {
        return Err(format!(
            "the discovery document is for issuer {issuer:?}, but the token says {iss:?}: its keys are not trusted for this token"
        ));
    }
    doc.get("jwks_uri")
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| "the discovery document has no \"jwks_uri\"".to_string())
}

/// Put the token's `tid` in place of `{tenantid}`, as Entra's validation rules say.
pub(crate) fn expand_tenant(template: &str, tid: Option<&str>) -> Result<String, String> {
    if !template.contains("{tenantid}") {
        return Ok(template.to_string());
    }
    match tid {
        Some(t) if is_guid(t) => Ok(template.replace("{tenantid}", t)),
        Some(t) => Err(format!(
            "issuer {template:?} needs the token's tenant, but \"tid\" {t:?} is not a GUID"
        )),
        None => Err(format!(
            "issuer {template:?} needs the token's tenant, but the token has no \"tid\""
        )),
    }
}

/// Whether `iss` is on a Microsoft Entra ID sign-in host, whose tokens may carry Microsoft
/// Graph's header `nonce`.
pub(crate) fn is_microsoft_issuer(iss: &str) -> bool {
    iss.starts_with("https://") && issuer::recognise(iss).is_some_and(|i| i.entra.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TID: &str = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    #[test]
    fn entra_issuers_map_to_their_tenant_metadata() {
        let v1 = trusted(&format!("https://sts.windows.net/{TID}/"), &[]).unwrap();
        assert_eq!(
            v1.metadata_url,
            format!("https://login.microsoftonline.com/{TID}/.well-known/openid-configuration")
        );
        let v2 = trusted(
            &format!("https://login.microsoftonline.com/{TID}/v2.0"),
            &[],
        )
        .unwrap();
        assert_eq!(
            v2.metadata_url,
            format!(
                "https://login.microsoftonline.com/{TID}/v2.0/.well-known/openid-configuration"
            )
        );
        let us = trusted(&format!("https://login.microsoftonline.us/{TID}/v2.0"), &[]).unwrap();
        assert!(
            us.metadata_url
                .starts_with("https://login.microsoftonline.us/")
        );
        let cn1 = trusted(&format!("https://sts.chinacloudapi.cn/{TID}/"), &[]).unwrap();
        assert!(
            cn1.metadata_url
                .starts_with("https://login.partner.microsoftonline.cn/")
        );
        let cn2 = trusted(
            &format!("https://login.partner.microsoftonline.cn/{TID}/v2.0"),
            &[],
        )
        .unwrap();
        assert!(
            cn2.metadata_url
                .ends_with("/v2.0/.well-known/openid-configuration")
        );
    }

    #[test]
    fn look_alike_issuers_are_not_trusted() {
        for iss in [
            "https://sts.windows.net/P87hAWUE0c/",
            "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47",
            "https://sts.windows.net.evil.example/72f988bf-86f1-41af-91ab-2d7cd011db47/",
            "http://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/",
            "https://login.microsoftonline.com/common/v2.0",
            "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0/",
            "https://sts.windows-ppe.net/19eea2f8-e17a-470f-954d-d897c47f311c/",
            "https://accounts.google.com.evil.example",
            "https://evil.example/",
        ] {
            assert!(trusted(iss, &[]).is_err(), "{iss}");
        }
    }

    #[test]
    fn google_and_user_named_issuers() {
        assert!(trusted("https://accounts.google.com", &[]).is_ok());
        assert!(trusted("accounts.google.com", &[]).is_ok());
        let t = trusted(
            "http://127.0.0.1:1/idp/",
            &["http://127.0.0.1:1/idp".into()],
        )
        .unwrap();
        assert_eq!(
            t.metadata_url,
            "http://127.0.0.1:1/idp/.well-known/openid-configuration"
        );
    }

    #[test]
    fn document_issuer_must_match_after_the_tenant_rule() {
        let iss = format!("https://login.microsoftonline.com/{TID}/v2.0");
        let doc = br#"{"issuer":"https://login.microsoftonline.com/{tenantid}/v2.0","jwks_uri":"https://k"}"#;
        assert_eq!(jwks_uri(doc, &iss, Some(TID)).unwrap(), "https://k");
        assert!(jwks_uri(doc, &iss, None).is_err());
        assert!(jwks_uri(doc, &iss, Some("common")).is_err());
        let other = br#"{"issuer":"https://evil.example","jwks_uri":"https://k"}"#;
        assert!(
            jwks_uri(other, &iss, Some(TID))
                .unwrap_err()
                .contains("not trusted")
        );
        let google = br#"{"issuer":"https://accounts.google.com","jwks_uri":"https://g"}"#;
        assert!(jwks_uri(google, "accounts.google.com", None).is_ok());
    }

    #[test]
    fn entra_keys_serve_both_token_versions_of_their_tenant() {
        let v2 = "https://login.microsoftonline.com/{tenantid}/v2.0";
        let v1_iss = format!("https://sts.windows.net/{TID}/");
        let v2_iss = format!("https://login.microsoftonline.com/{TID}/v2.0");
        assert!(key_issuer_fits(v2, Some(&v2_iss), Some(TID)).is_ok());
        assert!(key_issuer_fits(v2, Some(&v1_iss), Some(TID)).is_ok());
        let other = "https://sts.windows.net/00000000-0000-0000-0000-000000000001/";
        assert!(key_issuer_fits(v2, Some(other), Some(TID)).is_err());
        assert!(key_issuer_fits(&v2_iss, Some("https://evil.example"), None).is_err());
        assert!(key_issuer_fits(v2, Some(&v2_iss), None).is_err());
    }

    #[test]
    fn microsoft_hosts_are_those_of_the_recogniser() {
        for iss in [
            format!("https://sts.windows-ppe.net/{TID}/"),
            format!("https://sts.microsoftonline.de/{TID}/"),
            format!("https://login.windows.net/{TID}/"),
            format!("https://login.chinacloudapi.cn/{TID}/v2.0"),
        ] {
            assert!(is_microsoft_issuer(&iss), "{iss}");
        }
        for iss in [
            "https://accounts.google.com".to_string(),
            format!("http://sts.windows.net/{TID}/"),
            format!("https://sts.windows.net.evil.example/{TID}/"),
        ] {
            assert!(!is_microsoft_issuer(&iss), "{iss}");
        }
    }

    #[test]
    fn guids() {
        assert!(is_guid(TID));
        assert!(!is_guid("common"));
        assert!(!is_guid("72f988bf86f141af91ab2d7cd011db47"));
    }
}
