//! What can go wrong when signing in, and what to do about it. Provider errors name the OAuth
//! `error`, the AADSTS (or AADB2C) code and the fix, as `imds` errors do.
//!
//! Messages never hold a token, a code, a verifier or a secret: only what the provider said
//! about them, passed through [`ProviderError::scrubbed`] (a provider may echo the request).

use std::time::Duration;

use serde_json::{Map, Value};

use crate::fetch::error::Scrubber;
use crate::input::errordoc::ErrorDocument;

/// Where a provider's error came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Discovery,
    /// The redirect back to the loopback listener.
    Authorization,
    DeviceAuthorization,
    /// The token endpoint (code exchange, device polling, client credentials, refresh).
    Token,
}

impl std::fmt::Display for Stage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Stage::Discovery => "the discovery endpoint",
            Stage::Authorization => "the sign-in redirect",
            Stage::DeviceAuthorization => "the device authorization endpoint",
            Stage::Token => "the token endpoint",
        })
    }
}

/// An OAuth error answer: `error`, `error_description`, and Entra's `error_codes`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderError {
    pub stage: Stage,
    pub error: String,
    pub description: Option<String>,
    /// AADSTS numbers (`error_codes`, or read from the description).
    pub codes: Vec<u64>,
    /// `trace_id=...`, `correlation_id=...` and the like.
    pub details: Vec<String>,
}

impl ProviderError {
    /// From a JSON error body; `None` when it is not one.
    pub fn from_json(stage: Stage, body: &[u8]) -> Option<ProviderError> {
        let obj: Map<String, Value> = serde_json::from_slice(body).ok()?;
        let doc = ErrorDocument::recognise(&obj)?;
        let mut codes: Vec<u64> = obj
            .get("error_codes")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_u64).collect())
            .unwrap_or_default();
        if codes.is_empty() {
            codes.extend(doc.description.as_deref().and_then(aadsts_in));
        }
        Some(ProviderError {
            stage,
            error: doc.error.unwrap_or_default(),
            description: doc.description,
            codes,
            details: doc
                .details
                .into_iter()
                .filter(|d| !d.starts_with("error_codes="))
                .collect(),
        })
    }

    /// From the query of a redirect (`error`, `error_description`).
    pub fn from_pairs(stage: Stage, pairs: &[(String, String)]) -> ProviderError {
        let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        let description = get("error_description");
        ProviderError {
            stage,
            error: get("error").unwrap_or_default(),
            codes: description
                .as_deref()
                .and_then(aadsts_in)
                .into_iter()
                .collect(),
            description,
            details: ["trace_id", "correlation_id", "error_uri"]
                .iter()
                .filter_map(|k| get(k).map(|v| format!("{k}={v}")))
                .collect(),
        }
    }

    /// The error with what `scrubber` knows (the request's secrets) and anything shaped like
    /// a token redacted from every text the provider sent.
    #[must_use]
    pub fn scrubbed(self, scrubber: &Scrubber) -> ProviderError {
        ProviderError {
            error: scrubber.scrub(&self.error),
            description: self.description.map(|d| scrubber.scrub(&d)),
            details: self.details.iter().map(|d| scrubber.scrub(d)).collect(),
            ..self
        }
    }

    /// The AADB2C number in the description, if any.
    fn b2c_code(&self) -> Option<u64> {
        number_after(self.description.as_deref()?, "AADB2C")
    }

    /// What to change, when the error or its code is one we know.
    pub fn advice(&self) -> Option<String> {
        if let Some(b2c) = self.b2c_code() {
            match b2c {
                90118 => return Some("the user chose \"Forgot your password?\": run the password-reset user flow (its own --authority, e.g. .../B2C_1_reset), or enable self-service password reset in the sign-in user flow".into()),
                90091 => return Some("the user cancelled the sign-in; run jwtscope login again".into()),
                90273 => return Some("the user cancelled at the external identity provider".into()),
                _ => {}
            }
        }
        for code in &self.codes {
            if let Some(a) = aadsts_advice(*code) {
                return Some(a.to_string());
            }
        }
        Some(match self.error.as_str() {
            "consent_required" => "grant consent: sign in interactively and accept, or ask an admin to grant consent for the tenant (Enterprise applications > Permissions)".into(),
            "interaction_required" | "login_required" => "sign in interactively (--flow auth-code): this step cannot satisfy what the tenant requires".into(),
            "invalid_scope" => "check --scope: client credentials need RESOURCE/.default; do not mix .default with named scopes, nor scopes of several resources".into(),
            "access_denied" | "authorization_declined" => "the sign-in was declined (by the user or the tenant's policy); run jwtscope login again to retry".into(),
            "expired_token" => "the device code expired before the sign-in finished; run jwtscope login again and complete it within the time shown".into(),
            "unauthorized_client" => "the app registration does not allow this flow: check its platform settings (Authentication) and, for device code, 'Allow public client flows'".into(),
            "invalid_client" => "the client authentication failed: check --client-id and the secret or certificate (or, for a public client, send none)".into(),
            "invalid_grant" => "the code or refresh token was not accepted (expired, already used, or issued to another client); sign in again".into(),
            _ => return None,
        })
    }
}

impl std::fmt::Display for ProviderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} answered {}",
            self.stage,
            if self.error.is_empty() {
                "an error"
            } else {
                &self.error
            }
        )?;
        if let Some(code) = self.codes.first() {
            write!(f, " (AADSTS{code})")?;
        }
        if let Some(d) = &self.description {
            // Entra appends "\r\nTrace ID: ..." lines; the first line says what happened.
            let first = d.lines().next().unwrap_or_default().trim();
            write!(f, ": {first}")?;
        }
        if !self.details.is_empty() {
            write!(f, " [{}]", self.details.join(", "))?;
        }
        Ok(())
    }
}

fn number_after(s: &str, prefix: &str) -> Option<u64> {
    let at = s.find(prefix)? + prefix.len();
    let digits: String = s[at..].chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// The AADSTS number in an Entra error description ("AADSTS65001: The user ...").
pub fn aadsts_in(description: &str) -> Option<u64> {
    number_after(description, "AADSTS")
}

/// What to tell the user about an AADSTS code (reference §8).
#[allow(clippy::unreadable_literal)] // codes as Microsoft prints them: AADSTS7000218
pub fn aadsts_advice(code: u64) -> Option<&'static str> {
    Some(match code {
        50011 => {
            "the redirect URI is not registered: add the exact URI jwtscope printed under App registrations > Authentication > Mobile and desktop applications (http://localhost[/path]; the port is ignored)"
        }
        700016 => {
            "the application was not found in this tenant: check --client-id and --tenant/--cloud (a single-tenant app must use its own tenant, not common)"
        }
        50194 => "the app is single-tenant: use --tenant with its own tenant instead of common",
        65001 => {
            "consent is missing: sign in interactively and accept the permissions, or ask an admin to grant consent for the tenant"
        }
        70011 => {
            "the scope is invalid: client credentials need RESOURCE/.default; don't mix .default with named scopes; ask for one resource's scopes at a time"
        }
        700022 => "the scopes name several resources: ask for one resource's scopes at a time",
        50076 | 50079 => {
            "multi-factor authentication is required: sign in interactively (--flow auth-code); refresh and device polling cannot satisfy it"
        }
        53003 => {
            "blocked by Conditional Access: ask a tenant admin (device code flow in particular may be blocked by policy)"
        }
        7000218 => {
            "the token request needs a client secret or assertion: enable 'Allow public client flows' (Authentication) for device code, or move http://localhost from Web to Mobile and desktop applications, or pass --client-secret-env/--certificate"
        }
        700025 => {
            "a public client must not send a secret: drop --client-secret-env/--certificate, or register the redirect URI under Web instead"
        }
        700054 => {
            "response_type id_token is not enabled for the app: tick 'ID tokens' under Authentication > Implicit grant, or use the code flow"
        }
        90002 => {
            "the tenant was not found: check --tenant (name or GUID) and --cloud (a tenant of another cloud is a common cause)"
        }
        500011 => {
            "the resource in the scope is not in the tenant: fix the scope's resource URI, or have an admin consent to (provision) the API in that tenant"
        }
        9002326 | 9002327 => {
            "the redirect URI is registered as a Single-page application: add it under Mobile and desktop applications instead"
        }
        50058 => "no signed-in session: sign in interactively",
        7000215 => {
            "the client secret is wrong: check the value (not the secret's ID) in Certificates & secrets"
        }
        7000222 => "the client secret has expired: create a new one in Certificates & secrets",
        700027 | 50012 => {
            "the client assertion was not accepted: upload this certificate to the app registration (Certificates & secrets) and check the key matches it"
        }
        700082 => "the refresh token expired through inactivity: sign in again",
        9001023 => {
            "client credentials need a specific tenant: use --tenant with the tenant GUID or domain, not common or consumers"
        }
        501481 => "the PKCE code verifier did not match: sign in again",
        54005 => "the authorization code was already used: sign in again",
        70016 => "the sign-in is still pending",
        70019 => "the device code expired before the sign-in finished: run jwtscope login again",
        _ => return None,
    })
}

/// Why `jwtscope login` failed.
#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    /// The command line asks for something that cannot be done (exit 2).
    #[error("{0}")]
    Usage(String),
    #[error("cannot fetch {url}: {detail}")]
    Http { url: String, detail: String },
    #[error("the discovery document at {url} {problem}")]
    Discovery { url: String, problem: String },
    #[error(
        "refusing to sign in: the discovery document of {authority} names issuer {issuer:?}: {why}"
    )]
    Issuer {
        issuer: String,
        authority: String,
        why: String,
    },
    #[error("{0}")]
    Provider(ProviderError),
    #[error(
        "no sign-in came back: the only response the listener got carried a state that is not the one sent, and its code was not exchanged"
    )]
    StateMismatch,
    #[error("no sign-in arrived at {redirect_uri} within {} s", waited.as_secs())]
    Timeout {
        redirect_uri: String,
        waited: Duration,
    },
    #[error("cannot listen on {address}: {source}")]
    Listen {
        address: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "the provider's discovery document has no device_authorization_endpoint: it does not offer the device code flow"
    )]
    NoDeviceEndpoint,
    #[error("--certificate {path}: {problem}")]
    Certificate { path: String, problem: String },
    #[error("{option}: {problem}")]
    Secret {
        option: &'static str,
        problem: String,
    },
    #[error("the token endpoint's answer cannot be read: {0}")]
    BadResponse(String),
}

impl LoginError {
    pub fn is_usage(&self) -> bool {
        matches!(self, LoginError::Usage(_))
    }

    /// A line of advice, when there is one.
    pub fn advice(&self) -> Option<String> {
        match self {
            LoginError::Provider(p) => p.advice(),
            LoginError::Timeout { redirect_uri, .. } => Some(registration_hint(redirect_uri)),
            LoginError::StateMismatch => Some("another page or program sent a sign-in response to jwtscope's listener; sign in again, and only through the URL jwtscope printed".into()),
            LoginError::Issuer { .. } => Some("check --tenant/--cloud or --authority: the document must describe the authority asked for".into()),
            LoginError::NoDeviceEndpoint => Some("use --flow auth-code".into()),
            LoginError::Http { .. } => Some("check --tenant/--cloud/--authority and the network (jwtscope never uses a proxy for sign-in)".into()),
            _ => None,
        }
    }
}

/// Where the redirect URI must be registered, for Entra.
pub fn registration_hint(redirect_uri: &str) -> String {
    let registered = redirect_uri.parse::<ureq::http::Uri>().ok().map_or_else(
        || redirect_uri.to_string(),
        |u| {
            let path = u.path();
            format!(
                "{}://{}{}",
                u.scheme_str().unwrap_or("http"),
                u.host().unwrap_or("localhost"),
                if path == "/" { "" } else { path }
            )
        },
    );
    format!(
        "if the browser shows an error instead of returning (AADSTS50011 reply URL mismatch, AADSTS700016 unknown app), register {registered} under App registrations > Authentication > Mobile and desktop applications (Entra ignores the port of localhost URIs)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entra_error_bodies_are_explained() {
        let body = br#"{"error":"invalid_grant","error_description":"AADSTS65001: The user or administrator has not consented.\r\nTrace ID: t","error_codes":[65001],"trace_id":"t"}"#;
        let e = ProviderError::from_json(Stage::Token, body).unwrap();
        assert_eq!(e.codes, [65001]);
        let s = e.to_string();
        assert!(
            s.contains("invalid_grant (AADSTS65001): AADSTS65001: The user"),
            "{s}"
        );
        assert!(!s.contains("Trace ID: t\r"));
        assert!(e.advice().unwrap().contains("admin"));
        let b2c = ProviderError::from_pairs(
            Stage::Authorization,
            &[
                ("error".into(), "access_denied".into()),
                (
                    "error_description".into(),
                    "AADB2C90118: The user has forgotten their password.".into(),
                ),
            ],
        );
        assert!(b2c.advice().unwrap().contains("password-reset"));
        let unknown = ProviderError::from_json(
            Stage::Token,
            br#"{"error":"x","error_description":"AADSTS1234567: new"}"#,
        )
        .unwrap();
        assert_eq!(unknown.codes, [1_234_567]);
        assert!(unknown.to_string().contains("AADSTS1234567: new"));
        assert!(unknown.advice().is_none());
        assert!(ProviderError::from_json(Stage::Token, b"{}").is_none());
    }

    #[test]
    fn the_hint_names_the_uri_without_its_port() {
        let h = registration_hint("http://localhost:53124/");
        assert!(h.contains("register http://localhost under"), "{h}");
        assert!(registration_hint("http://localhost:8400/cb").contains("http://localhost/cb"));
    }
}
