//! The managed-identity host kinds and the secret values they hand out: shared by the plan,
//! the request and the error messages, so it depends on none of them.

use std::fmt;

use serde::Serialize;

/// A managed-identity host.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HostKind {
    Imds,
    AppService,
    Arc,
    CloudShell,
    AzureMl,
    ServiceFabric,
}

impl HostKind {
    /// The name a person knows the host by.
    pub fn label(self) -> &'static str {
        match self {
            HostKind::Imds => "IMDS",
            HostKind::AppService => "App Service",
            HostKind::Arc => "Azure Arc",
            HostKind::CloudShell => "Cloud Shell",
            HostKind::AzureMl => "Azure ML",
            HostKind::ServiceFabric => "Service Fabric",
        }
    }

    /// The api-version sent when `--api-version` is not given.
    pub fn default_api_version(self) -> Option<&'static str> {
        match self {
            HostKind::Imds => Some("2018-02-01"),
            HostKind::AppService => Some("2019-08-01"),
            // Python, MSAL Python and MSAL Go send 2020-06-01; Microsoft's Arc page shows both
            // 2019-11-01 and 2020-06-01.
            HostKind::Arc => Some("2020-06-01"),
            HostKind::AzureMl => Some("2017-09-01"),
            HostKind::ServiceFabric => Some("2019-07-01-preview"),
            HostKind::CloudShell => None,
        }
    }
}

impl fmt::Display for HostKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A value that must never be shown: `IDENTITY_HEADER`, `MSI_SECRET`, the Arc key; for
/// `login`, the client secret and what a token request sends (code, verifier, refresh token...).
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Self {
        Secret(s.into())
    }
    /// The value, for the one place that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}
