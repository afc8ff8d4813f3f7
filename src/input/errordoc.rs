//! Error documents from token endpoints: IMDS and Entra (`error` + `error_description`),
//! App Service (`statusCode` + `message`) and Service Fabric (`error.code` + `error.message`).
//!
//! Both a file (`jwtscope noid.json`) and a live fetch (`jwtscope imds`) end up here, so the
//! advice a person gets for "Identity not found" is the same either way.

use std::fmt;

use serde_json::{Map, Value};

/// What an error document means, as far as it can be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// `Identity not found`: no managed identity on the machine, or not the one selected.
    IdentityNotFound,
    /// Several user-assigned identities and no selector.
    MultipleIdentities,
    /// The requested resource (audience) does not exist in the tenant (AADSTS500011/50001).
    InvalidResource,
    /// The request lacked the `Metadata: true` header.
    MissingMetadataHeader,
    /// IMDS did not accept the `api-version`.
    BadApiVersion,
    /// App Service could not find the identity it was asked for.
    AppServiceIdentity,
    /// Service Fabric: the application has no managed identity.
    ServiceFabricNoIdentity,
    /// The request lacked the secret header a local identity endpoint expects.
    MissingSecretHeader,
    /// Anything else with an `error`.
    Other,
}

/// An error document found where a token was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorDocument {
    pub kind: ErrorKind,
    /// The `error` (or Service Fabric `error.code`, App Service `statusCode`).
    pub error: Option<String>,
    /// The `error_description` (or `message`).
    pub description: Option<String>,
    /// Further diagnostic members worth quoting (`error_codes`, `trace_id`, `correlation_id`,
    /// `newest-versions`, ...), as `name=value`.
    pub details: Vec<String>,
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl ErrorDocument {
    /// Recognise an error document. `None` when the object is not one (for instance when it
    /// carries a token, or has no error member at all).
    pub fn recognise(obj: &Map<String, Value>) -> Option<Self> {
        let (error, description) = if let Some(Value::Object(inner)) = obj.get("error") {
            // Service Fabric: {"error":{"correlationId","code","message"}}
            (inner.get("code").map(text), inner.get("message").map(text))
        } else if let Some(e) = obj.get("error") {
            (
                Some(text(e)),
                obj.get("error_description")
                    .or_else(|| obj.get("message"))
                    .map(text),
            )
        } else if let (Some(code), Some(msg)) = (obj.get("statusCode"), obj.get("message")) {
            // App Service: {"statusCode":400,"message":"...","correlationId":"..."}
            (Some(text(code)), Some(text(msg)))
        } else {
            return None;
        };
        let e = error.as_deref().unwrap_or_default();
        let d = description.as_deref().unwrap_or_default();
        let dl = d.to_ascii_lowercase();
        let kind = if dl.contains("identity not found") {
            ErrorKind::IdentityNotFound
        } else if dl.contains("multiple user assigned identities") {
            ErrorKind::MultipleIdentities
        } else if e == "invalid_resource"
            || d.contains("AADSTS500011")
            || d.contains("AADSTS50001:")
        {
            ErrorKind::InvalidResource
        } else if dl.contains("metadata header")
            || e.to_ascii_lowercase().contains("metadata header")
        {
            ErrorKind::MissingMetadataHeader
        } else if e.to_ascii_lowercase().contains("api-version") || dl.contains("api-version") {
            ErrorKind::BadApiVersion
        } else if e == "ManagedIdentityNotFound" {
            ErrorKind::ServiceFabricNoIdentity
        } else if e == "SecretHeaderNotFound" || dl.contains("secret is not found") {
            ErrorKind::MissingSecretHeader
        } else if obj.contains_key("statusCode") && dl.contains("managed identity") {
            ErrorKind::AppServiceIdentity
        } else {
            ErrorKind::Other
        };
        let mut details = Vec::new();
        for key in [
            "error_codes",
            "trace_id",
            "correlation_id",
            "correlationId",
            "timestamp",
            "error_uri",
            "newest-versions",
        ] {
            if let Some(v) = obj.get(key) {
                details.push(format!("{key}={}", text(v)));
            }
        }
        if let Some(Value::Object(inner)) = obj.get("error")
            && let Some(c) = inner.get("correlationId")
        {
            details.push(format!("correlationId={}", text(c)));
        }
        Some(ErrorDocument {
            kind,
            error,
            description,
            details,
        })
    }

    /// What to do about it, in a sentence or two. `None` when there is nothing to add.
    pub fn advice(&self) -> Option<&'static str> {
        Some(match self.kind {
            ErrorKind::IdentityNotFound => {
                "this machine has no managed identity, or not the one requested. Turn on the system-assigned identity (the VM's Identity page in the Azure portal, or `az vm identity assign -g <group> -n <vm>`), or assign a user-assigned identity and name it by client ID (`jwtscope imds --client-id <id>`)"
            }
            ErrorKind::MultipleIdentities => {
                "several user-assigned identities are attached and none was named: pass --client-id, --object-id or --msi-res-id"
            }
            ErrorKind::InvalidResource => {
                "the resource (audience) asked for does not exist in the identity's tenant: check --resource (for Azure Resource Manager it is https://management.azure.com/)"
            }
            ErrorKind::MissingMetadataHeader => {
                "the request lacked the `Metadata: true` header that IMDS requires (something between jwtscope and IMDS may have dropped it)"
            }
            ErrorKind::BadApiVersion => {
                "the endpoint does not accept this api-version: pass a supported one with --api-version (2018-02-01 or newer for IMDS)"
            }
            ErrorKind::AppServiceIdentity => {
                "App Service could not load the managed identity: turn on the identity on the app's Identity page, or name an assigned user-assigned identity with --client-id"
            }
            ErrorKind::ServiceFabricNoIdentity => {
                "the Service Fabric application has no managed identity: assign one in the application manifest and cluster configuration"
            }
            ErrorKind::MissingSecretHeader => {
                "the local identity endpoint expected its secret header: run jwtscope in the environment the platform set up (IDENTITY_HEADER / MSI_SECRET)"
            }
            ErrorKind::Other => return None,
        })
    }

    /// The headline: what happened, without the advice.
    pub fn headline(&self) -> String {
        let mut s = String::new();
        match self.kind {
            ErrorKind::IdentityNotFound => s.push_str("no managed identity: "),
            ErrorKind::MultipleIdentities => {
                s.push_str("several managed identities, none selected: ");
            }
            ErrorKind::InvalidResource => s.push_str("unknown resource: "),
            _ => s.push_str("the token endpoint answered with an error instead of a token: "),
        }
        match (&self.error, &self.description) {
            (Some(e), Some(d)) => s.push_str(&format!("{e}: {d}")),
            (Some(e), None) => s.push_str(e),
            (None, Some(d)) => s.push_str(d),
            (None, None) => s.push_str("(no details)"),
        }
        s
    }
}

impl fmt::Display for ErrorDocument {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rec(v: &Value) -> ErrorDocument {
        ErrorDocument::recognise(v.as_object().unwrap()).unwrap()
    }

    #[test]
    fn imds_identity_not_found() {
        let d = rec(&json!({"error":"invalid_request","error_description":"Identity not found"}));
        assert_eq!(d.kind, ErrorKind::IdentityNotFound);
        assert!(d.advice().unwrap().contains("az vm identity assign"));
        assert_eq!(
            d.headline(),
            "no managed identity: invalid_request: Identity not found"
        );
    }

    #[test]
    fn other_shapes_are_recognised() {
        assert_eq!(
            rec(&json!({"error":"invalid_request","error_description":"Multiple user assigned identities exist, please specify the clientId / resourceId of the identity in the token request"})).kind,
            ErrorKind::MultipleIdentities
        );
        assert_eq!(
            rec(&json!({"error":"invalid_resource","error_description":"AADSTS500011: The resource principal named https://managements.azure.com was not found"})).kind,
            ErrorKind::InvalidResource
        );
        assert_eq!(
            rec(&json!({"statusCode":400,"message":"Unable to load the proper Managed Identity.","correlationId":"x"})).kind,
            ErrorKind::AppServiceIdentity
        );
        let sf = rec(
            &json!({"error":{"correlationId":"c","code":"SecretHeaderNotFound","message":"Secret is not found in the request headers."}}),
        );
        assert_eq!(sf.kind, ErrorKind::MissingSecretHeader);
        assert_eq!(sf.details, ["correlationId=c"]);
    }

    #[test]
    fn objects_without_an_error_are_not_error_documents() {
        assert!(
            ErrorDocument::recognise(json!({"access_token":"x"}).as_object().unwrap()).is_none()
        );
    }
}
