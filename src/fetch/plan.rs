//! Which host to ask and what exactly to send: pure functions of the flags and the environment.
//!
//! Nothing here touches the network or the file system (the Arc agent's presence on disk is
//! passed in), so detection and request building are tested from a map of variables.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

use super::args::{DEFAULT_RESOURCE, FetchArgs, SourceChoice};
use super::error::FetchError;
use super::host::{HostKind, Secret};

/// The IMDS token URL.
pub const IMDS_TOKEN_URL: &str = "http://169.254.169.254/metadata/identity/oauth2/token";
/// The path appended to `AZURE_POD_IDENTITY_AUTHORITY_HOST`.
pub const IMDS_TOKEN_PATH: &str = "/metadata/identity/oauth2/token";
/// The Arc agent's token URL, when the agent is installed but the variables are not set.
pub const ARC_DEFAULT_URL: &str = "http://localhost:40342/metadata/identity/oauth2/token";

/// Everything but RFC 3986 unreserved characters is encoded, so `https://x/` becomes
/// `https%3A%2F%2Fx%2F` exactly as in Microsoft's sample request.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A header to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub name: &'static str,
    pub value: HeaderValue,
}

/// A header value, public or secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderValue {
    Public(String),
    Secret(Secret),
}

impl HeaderValue {
    pub fn expose(&self) -> &str {
        match self {
            HeaderValue::Public(s) => s,
            HeaderValue::Secret(s) => s.expose(),
        }
    }
}

/// How the host was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detection {
    pub kind: HostKind,
    /// `--source` named it.
    pub forced: bool,
    /// The environment variables that decided (names only).
    pub vars: Vec<&'static str>,
    /// The Arc agent was found on disk.
    pub agent_on_disk: bool,
}

impl Detection {
    /// One sentence: why this host.
    pub fn reason(&self) -> String {
        if self.forced {
            return format!("--source {}", source_flag(self.kind));
        }
        if self.agent_on_disk {
            return "the Azure Connected Machine agent is installed".to_string();
        }
        if self.vars.is_empty() {
            return "no managed-identity variables set (IDENTITY_ENDPOINT, MSI_ENDPOINT)"
                .to_string();
        }
        format!("{} set", self.vars.join(" + "))
    }
}

fn source_flag(kind: HostKind) -> &'static str {
    match kind {
        HostKind::Imds => "imds",
        HostKind::AppService => "app-service",
        HostKind::Arc => "arc",
        HostKind::CloudShell => "cloud-shell",
        HostKind::AzureMl => "azure-ml",
        HostKind::ServiceFabric => "service-fabric",
    }
}

fn is_set(env: &dyn Fn(&str) -> Option<String>, name: &str) -> bool {
    env(name).is_some_and(|v| !v.is_empty())
}

/// Detect the host from the environment, in the order the Azure SDKs use (Python, Go and Rust
/// azure-identity): `IDENTITY_ENDPOINT` with `IDENTITY_HEADER` is Service Fabric when a server
/// thumbprint is set too, else App Service (Container Apps also sets `MSI_ENDPOINT`, so this
/// branch must come first); `IDENTITY_ENDPOINT` with `IMDS_ENDPOINT` is Azure Arc;
/// `MSI_ENDPOINT` with `MSI_SECRET` is Azure ML (or legacy App Service), alone it is Cloud
/// Shell; then the Arc agent on disk; else IMDS.
pub fn detect(env: &dyn Fn(&str) -> Option<String>, arc_agent_on_disk: bool) -> Detection {
    let d = |kind, vars: &[&'static str]| Detection {
        kind,
        forced: false,
        vars: vars.to_vec(),
        agent_on_disk: false,
    };
    if is_set(env, "IDENTITY_ENDPOINT") {
        if is_set(env, "IDENTITY_HEADER") {
            if is_set(env, "IDENTITY_SERVER_THUMBPRINT") {
                return d(
                    HostKind::ServiceFabric,
                    &[
                        "IDENTITY_ENDPOINT",
                        "IDENTITY_HEADER",
                        "IDENTITY_SERVER_THUMBPRINT",
                    ],
                );
            }
            return d(
                HostKind::AppService,
                &["IDENTITY_ENDPOINT", "IDENTITY_HEADER"],
            );
        }
        if is_set(env, "IMDS_ENDPOINT") {
            return d(HostKind::Arc, &["IDENTITY_ENDPOINT", "IMDS_ENDPOINT"]);
        }
    }
    if is_set(env, "MSI_ENDPOINT") {
        if is_set(env, "MSI_SECRET") {
            return d(HostKind::AzureMl, &["MSI_ENDPOINT", "MSI_SECRET"]);
        }
        return d(HostKind::CloudShell, &["MSI_ENDPOINT"]);
    }
    if arc_agent_on_disk {
        return Detection {
            kind: HostKind::Arc,
            forced: false,
            vars: Vec::new(),
            agent_on_disk: true,
        };
    }
    d(HostKind::Imds, &[])
}

/// Scope to resource, as the SDKs do: `https://vault.azure.net/.default` asks for
/// `https://vault.azure.net`.
pub fn scope_to_resource(s: &str) -> &str {
    let s = s.trim();
    s.strip_suffix("/.default").unwrap_or(s)
}

/// Percent-encode a query value.
pub fn encode(v: &str) -> String {
    utf8_percent_encode(v, QUERY_VALUE).to_string()
}

/// Where the token URL came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum EndpointOrigin {
    #[serde(rename = "--endpoint")]
    Flag,
    #[serde(rename = "IDENTITY_ENDPOINT")]
    IdentityEndpoint,
    #[serde(rename = "MSI_ENDPOINT")]
    MsiEndpoint,
    #[serde(rename = "AZURE_POD_IDENTITY_AUTHORITY_HOST")]
    PodIdentityHost,
    #[serde(rename = "default")]
    Default,
}

/// The request, fully decided.
#[derive(Debug, Clone)]
pub struct Plan {
    pub detection: Detection,
    /// The token URL without the query.
    pub endpoint: String,
    pub endpoint_from: EndpointOrigin,
    /// The URL sent, query included (no secrets: those travel in headers).
    pub url: String,
    pub method: &'static str,
    pub headers: Vec<Header>,
    /// The form body of a POST (Cloud Shell).
    pub form: Option<String>,
    pub resource: String,
    /// The identity selector as sent, e.g. `client_id=...`.
    pub selector: Option<String>,
    pub api_version: Option<String>,
    /// Service Fabric: the server certificate's SHA-1 thumbprint, lowercase hex.
    pub pinned_thumbprint: Option<String>,
    /// Secret values, to scrub from anything a server sends back.
    pub secrets: Vec<Secret>,
}

impl Plan {
    /// The same with one more header (the Arc key).
    #[must_use]
    pub fn with_header(&self, header: Header) -> Plan {
        let mut p = self.clone();
        if let HeaderValue::Secret(s) = &header.value {
            p.secrets.push(s.clone());
        }
        p.headers
            .retain(|h| !h.name.eq_ignore_ascii_case(header.name));
        p.headers.push(header);
        p
    }
}

fn usage(msg: impl Into<String>) -> FetchError {
    FetchError::Usage(msg.into())
}

/// Check an endpoint URL: http or https, a host, no user name or password (they would be shown
/// in titles and reports).
pub fn check_endpoint(url: &str, from: &str) -> Result<String, FetchError> {
    let url = url.trim();
    let uri: ureq::http::Uri = url
        .parse()
        .map_err(|e| usage(format!("{from} `{url}` is not a URL: {e}")))?;
    match uri.scheme_str() {
        Some("http" | "https") => {}
        _ => {
            return Err(usage(format!(
                "{from} `{url}` must start with http:// or https://"
            )));
        }
    }
    let Some(authority) = uri.authority() else {
        return Err(usage(format!("{from} `{url}` has no host")));
    };
    if authority.as_str().contains('@') {
        return Err(usage(format!(
            "{from} must not carry a user name or password"
        )));
    }
    Ok(url.to_string())
}

fn note_var(d: &mut Detection, name: &'static str) {
    if !d.vars.contains(&name) {
        d.vars.push(name);
    }
}

fn selector_error(kind: HostKind, flag: &str, hint: &str) -> FetchError {
    usage(format!("{kind} does not take {flag}{hint}"))
}

/// Decide the request from the flags and the environment: which host, then each part of the
/// request in turn; the first problem found is the error. `arc_agent_on_disk` says whether
/// the Arc agent binary exists (asked only when detection gets that far).
pub fn plan(
    args: &FetchArgs,
    env: &dyn Fn(&str) -> Option<String>,
    arc_agent_on_disk: &dyn Fn() -> bool,
) -> Result<Plan, FetchError> {
    let mut vars = Vars {
        env,
        detection: detection(args, env, arc_agent_on_disk),
    };
    let kind = vars.detection.kind;
    let resource = resource(args)?;
    let (endpoint, endpoint_from) = endpoint(args, kind, &mut vars)?;
    let api_version = api_version(args, kind, &mut vars)?;
    let selector = selector(args, kind, &mut vars)?;
    let Credentials {
        mut headers,
        secrets,
        pinned_thumbprint,
    } = credentials(kind, &endpoint, &mut vars)?;
    check_header_values(&headers)?;
    let (method, url, form) = request(
        kind,
        &endpoint,
        api_version.as_deref(),
        &resource,
        selector.as_ref(),
        &mut headers,
    );
    Ok(Plan {
        detection: vars.detection,
        endpoint,
        endpoint_from,
        url,
        method,
        headers,
        form,
        resource,
        selector: selector.map(|(n, v)| format!("{n}={v}")),
        api_version,
        pinned_thumbprint,
        secrets,
    })
}

/// The environment as the steps of [`plan`] read it: every variable that decides something
/// is noted in the detection, so the report can say why.
struct Vars<'a> {
    env: &'a dyn Fn(&str) -> Option<String>,
    detection: Detection,
}

impl Vars<'_> {
    /// A variable's value, when set and not empty, noted as used.
    fn take(&mut self, name: &'static str) -> Option<String> {
        let v = (self.env)(name).filter(|v| !v.is_empty())?;
        note_var(&mut self.detection, name);
        Some(v)
    }

    /// A variable the host needs.
    fn need(&mut self, name: &'static str) -> Result<String, FetchError> {
        let kind = self.detection.kind;
        self.take(name).ok_or_else(|| {
            usage(format!(
                "{kind} needs the environment variable {name}, which is not set"
            ))
        })
    }
}

/// Which host: the one `--source` names, else the one the environment points at.
fn detection(
    args: &FetchArgs,
    env: &dyn Fn(&str) -> Option<String>,
    arc_agent_on_disk: &dyn Fn() -> bool,
) -> Detection {
    let kind = match args.source {
        SourceChoice::Auto => return detect(env, arc_agent_on_disk()),
        SourceChoice::Imds => HostKind::Imds,
        SourceChoice::AppService => HostKind::AppService,
        SourceChoice::Arc => HostKind::Arc,
        SourceChoice::CloudShell => HostKind::CloudShell,
        SourceChoice::AzureMl => HostKind::AzureMl,
        SourceChoice::ServiceFabric => HostKind::ServiceFabric,
    };
    Detection {
        kind,
        forced: true,
        vars: Vec::new(),
        agent_on_disk: false,
    }
}

/// The resource asked for (a `/.default` scope is accepted and trimmed).
fn resource(args: &FetchArgs) -> Result<String, FetchError> {
    let resource = scope_to_resource(args.resource.as_deref().unwrap_or(DEFAULT_RESOURCE));
    if resource.is_empty() {
        return Err(usage("--resource is empty"));
    }
    Ok(resource.to_string())
}

/// The token URL, and where it came from.
fn endpoint(
    args: &FetchArgs,
    kind: HostKind,
    vars: &mut Vars<'_>,
) -> Result<(String, EndpointOrigin), FetchError> {
    if let Some(e) = &args.endpoint {
        return Ok((check_endpoint(e, "--endpoint")?, EndpointOrigin::Flag));
    }
    Ok(match kind {
        HostKind::Imds => match vars.take("AZURE_POD_IDENTITY_AUTHORITY_HOST") {
            Some(host) => {
                let host = check_endpoint(&host, "AZURE_POD_IDENTITY_AUTHORITY_HOST")?;
                (
                    format!("{}{IMDS_TOKEN_PATH}", host.trim_end_matches('/')),
                    EndpointOrigin::PodIdentityHost,
                )
            }
            None => (IMDS_TOKEN_URL.to_string(), EndpointOrigin::Default),
        },
        HostKind::Arc => match vars.take("IDENTITY_ENDPOINT") {
            Some(e) => (
                check_endpoint(&e, "IDENTITY_ENDPOINT")?,
                EndpointOrigin::IdentityEndpoint,
            ),
            None => (ARC_DEFAULT_URL.to_string(), EndpointOrigin::Default),
        },
        HostKind::AppService | HostKind::ServiceFabric => {
            let e = vars.need("IDENTITY_ENDPOINT")?;
            (
                check_endpoint(&e, "IDENTITY_ENDPOINT")?,
                EndpointOrigin::IdentityEndpoint,
            )
        }
        HostKind::CloudShell | HostKind::AzureMl => {
            let e = vars.need("MSI_ENDPOINT")?;
            (
                check_endpoint(&e, "MSI_ENDPOINT")?,
                EndpointOrigin::MsiEndpoint,
            )
        }
    })
}

/// The api-version: `--api-version`, Service Fabric's `IDENTITY_API_VERSION`, or the host's
/// default.
fn api_version(
    args: &FetchArgs,
    kind: HostKind,
    vars: &mut Vars<'_>,
) -> Result<Option<String>, FetchError> {
    Ok(match (&args.api_version, kind) {
        (Some(_), HostKind::CloudShell) => {
            return Err(usage(
                "Cloud Shell takes no api-version; drop --api-version",
            ));
        }
        (Some(v), _) => Some(v.clone()),
        (None, HostKind::ServiceFabric) => match vars.take("IDENTITY_API_VERSION") {
            Some(v) => Some(v),
            None => kind.default_api_version().map(str::to_string),
        },
        (None, _) => kind.default_api_version().map(str::to_string),
    })
}

/// The user-assigned identity selector, named as each host spells it.
fn selector(
    args: &FetchArgs,
    kind: HostKind,
    vars: &mut Vars<'_>,
) -> Result<Option<(&'static str, String)>, FetchError> {
    let chosen: Option<(&str, &str)> = [
        ("--client-id", args.client_id.as_deref()),
        ("--object-id", args.object_id.as_deref()),
        ("--msi-res-id", args.msi_res_id.as_deref()),
    ]
    .into_iter()
    .filter_map(|(flag, v)| v.map(|v| (flag, v.trim())))
    .try_fold(None, |acc: Option<(&str, &str)>, (flag, v)| match acc {
        None => Ok(Some((flag, v))),
        Some((first, _)) => Err(usage(format!(
            "{first} and {flag} name different identities; give at most one"
        ))),
    })?;
    let Some((flag, value)) = chosen else {
        // Azure ML's default identity, as Go azidentity and MSAL Go send it.
        if kind == HostKind::AzureMl
            && let Some(id) = vars.take("DEFAULT_IDENTITY_CLIENT_ID")
        {
            return Ok(Some(("clientid", id)));
        }
        return Ok(None);
    };
    if value.is_empty() {
        return Err(usage(format!("{flag} is empty")));
    }
    let name = match (kind, flag) {
        (HostKind::Imds | HostKind::AppService, "--client-id") => "client_id",
        (HostKind::Imds, "--object-id") => "object_id",
        (HostKind::Imds, _) => "msi_res_id",
        (HostKind::AppService, "--object-id") => "principal_id",
        (HostKind::AppService, _) => "mi_res_id",
        (HostKind::AzureMl, "--client-id") => "clientid",
        (HostKind::AzureMl, _) => {
            return Err(selector_error(kind, flag, ": pass --client-id"));
        }
        (HostKind::Arc, _) => {
            // Older agents ignore the selector and hand back the system-assigned identity;
            // the SDKs refuse rather than return the wrong token.
            return Err(selector_error(
                kind,
                flag,
                ": Azure Arc gives only the machine's system-assigned identity",
            ));
        }
        (HostKind::CloudShell, _) => {
            return Err(selector_error(
                kind,
                flag,
                ": Cloud Shell gives only the signed-in user's token",
            ));
        }
        (HostKind::ServiceFabric, _) => {
            return Err(selector_error(
                kind,
                flag,
                ": the identity is chosen by the application manifest",
            ));
        }
    };
    Ok(Some((name, value.to_string())))
}

/// The headers that prove the caller may ask, and the secrets among them.
struct Credentials {
    headers: Vec<Header>,
    secrets: Vec<Secret>,
    pinned_thumbprint: Option<String>,
}

fn public(name: &'static str, v: &str) -> Header {
    Header {
        name,
        value: HeaderValue::Public(v.to_string()),
    }
}

/// The host's headers: `Metadata: true`, or the secret the host hands out in a variable
/// (and Service Fabric's pinned certificate).
fn credentials(
    kind: HostKind,
    endpoint: &str,
    vars: &mut Vars<'_>,
) -> Result<Credentials, FetchError> {
    let mut c = Credentials {
        headers: Vec::new(),
        secrets: Vec::new(),
        pinned_thumbprint: None,
    };
    let secret = |c: &mut Credentials, header: &'static str, s: Secret| {
        c.headers.push(Header {
            name: header,
            value: HeaderValue::Secret(s.clone()),
        });
        c.secrets.push(s);
    };
    match kind {
        HostKind::Imds | HostKind::Arc | HostKind::CloudShell => {
            c.headers.push(public("Metadata", "true"));
        }
        HostKind::AppService => {
            let s = Secret::new(vars.need("IDENTITY_HEADER")?);
            secret(&mut c, "X-IDENTITY-HEADER", s);
            // Harmless for App Service and needed by Azure Automation, which uses the same
            // variables (MSAL Python sends it for that reason).
            c.headers.push(public("Metadata", "true"));
        }
        HostKind::AzureMl => {
            let s = Secret::new(vars.need("MSI_SECRET")?);
            secret(&mut c, "secret", s);
        }
        HostKind::ServiceFabric => {
            let s = Secret::new(vars.need("IDENTITY_HEADER")?);
            secret(&mut c, "Secret", s);
            let t = vars.need("IDENTITY_SERVER_THUMBPRINT")?;
            c.pinned_thumbprint = Some(normalise_thumbprint(&t).ok_or_else(|| {
                usage("IDENTITY_SERVER_THUMBPRINT is not a SHA-1 thumbprint (40 hex digits)")
            })?);
            if !endpoint.starts_with("https://") {
                return Err(usage(
                    "Service Fabric's token endpoint must be https:// (its certificate is pinned to IDENTITY_SERVER_THUMBPRINT)",
                ));
            }
        }
    }
    Ok(c)
}

/// Every header value must be one HTTP can carry; the error names the variable it came from.
fn check_header_values(headers: &[Header]) -> Result<(), FetchError> {
    for h in headers {
        if ureq::http::HeaderValue::from_str(h.value.expose()).is_err() {
            let source = match h.name {
                "secret" => "MSI_SECRET",
                "X-IDENTITY-HEADER" | "Secret" => "IDENTITY_HEADER",
                other => other,
            };
            return Err(usage(format!(
                "{source} holds characters an HTTP header cannot carry"
            )));
        }
    }
    Ok(())
}

/// The method, URL and form body: the query (or form) in the order of Microsoft's sample,
/// api-version, resource, selector. Cloud Shell takes a POSTed form.
fn request(
    kind: HostKind,
    endpoint: &str,
    api_version: Option<&str>,
    resource: &str,
    selector: Option<&(&'static str, String)>,
    headers: &mut Vec<Header>,
) -> (&'static str, String, Option<String>) {
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    if let Some(v) = api_version {
        pairs.push(("api-version", v));
    }
    pairs.push(("resource", resource));
    if let Some((name, v)) = selector {
        pairs.push((name, v));
    }
    let encoded = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    if kind == HostKind::CloudShell {
        headers.push(public("Content-Type", "application/x-www-form-urlencoded"));
        ("POST", endpoint.to_string(), Some(encoded))
    } else {
        let sep = if endpoint.contains('?') { '&' } else { '?' };
        ("GET", format!("{endpoint}{sep}{encoded}"), None)
    }
}

/// A SHA-1 thumbprint as lowercase hex, tolerating case, spaces and colons. `None` when it is
/// not 40 hex digits.
pub fn normalise_thumbprint(t: &str) -> Option<String> {
    let hex: String = t
        .chars()
        .filter(|c| !matches!(c, ' ' | ':' | '\u{200e}'))
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (hex.len() == 40 && hex.bytes().all(|b| b.is_ascii_hexdigit())).then_some(hex)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let m: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect();
        move |k| m.get(k).cloned()
    }

    fn no_agent() -> bool {
        false
    }

    #[test]
    fn scopes_become_resources() {
        assert_eq!(
            scope_to_resource("https://vault.azure.net/.default"),
            "https://vault.azure.net"
        );
        assert_eq!(
            scope_to_resource("https://management.azure.com//.default"),
            "https://management.azure.com/"
        );
        assert_eq!(
            scope_to_resource("https://management.azure.com/"),
            "https://management.azure.com/"
        );
        assert_eq!(scope_to_resource("api://x/.default"), "api://x");
    }

    #[test]
    fn encoding_matches_microsofts_sample() {
        assert_eq!(
            encode("https://management.azure.com/"),
            "https%3A%2F%2Fmanagement.azure.com%2F"
        );
        assert_eq!(encode("a b&c=d~e"), "a%20b%26c%3Dd~e");
        assert_eq!(encode("é"), "%C3%A9");
    }

    #[test]
    fn detection_follows_the_sdk_order() {
        type Vars<'a> = &'a [(&'a str, &'a str)];
        let cases: &[(Vars, bool, HostKind)] = &[
            (&[], false, HostKind::Imds),
            (&[], true, HostKind::Arc),
            (
                &[
                    ("IDENTITY_ENDPOINT", "https://l:2377/t"),
                    ("IDENTITY_HEADER", "h"),
                    ("IDENTITY_SERVER_THUMBPRINT", "t"),
                ],
                false,
                HostKind::ServiceFabric,
            ),
            (
                &[
                    ("IDENTITY_ENDPOINT", "http://l/t"),
                    ("IDENTITY_HEADER", "h"),
                ],
                false,
                HostKind::AppService,
            ),
            // Container Apps sets both endpoint variables: App Service wins.
            (
                &[
                    ("IDENTITY_ENDPOINT", "http://l/t"),
                    ("IDENTITY_HEADER", "h"),
                    ("MSI_ENDPOINT", "http://l/t"),
                    ("MSI_SECRET", "s"),
                ],
                false,
                HostKind::AppService,
            ),
            (
                &[
                    ("IDENTITY_ENDPOINT", "http://l/t"),
                    ("IMDS_ENDPOINT", "http://l"),
                ],
                false,
                HostKind::Arc,
            ),
            (
                &[("MSI_ENDPOINT", "http://l/t"), ("MSI_SECRET", "s")],
                false,
                HostKind::AzureMl,
            ),
            (
                &[("MSI_ENDPOINT", "http://l/t")],
                true,
                HostKind::CloudShell,
            ),
            // IDENTITY_ENDPOINT alone decides nothing; empty values count as unset.
            (
                &[("IDENTITY_ENDPOINT", "http://l/t")],
                false,
                HostKind::Imds,
            ),
            (
                &[("IDENTITY_ENDPOINT", "http://l/t"), ("IDENTITY_HEADER", "")],
                false,
                HostKind::Imds,
            ),
        ];
        for (vars, agent, want) in cases {
            let d = detect(&env_of(vars), *agent);
            assert_eq!(d.kind, *want, "{vars:?} agent={agent}");
        }
        let d = detect(
            &env_of(&[("MSI_ENDPOINT", "http://l/t"), ("MSI_SECRET", "s")]),
            false,
        );
        assert_eq!(d.vars, ["MSI_ENDPOINT", "MSI_SECRET"]);
        assert_eq!(d.reason(), "MSI_ENDPOINT + MSI_SECRET set");
        assert!(
            detect(&env_of(&[]), false)
                .reason()
                .contains("no managed-identity")
        );
    }

    #[test]
    fn imds_request() {
        let p = plan(&FetchArgs::default(), &env_of(&[]), &no_agent).unwrap();
        assert_eq!(p.detection.kind, HostKind::Imds);
        assert_eq!(
            p.url,
            "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fmanagement.azure.com%2F"
        );
        assert_eq!(p.method, "GET");
        assert_eq!(
            p.headers,
            [Header {
                name: "Metadata",
                value: HeaderValue::Public("true".into())
            }]
        );
        assert_eq!(p.endpoint_from, EndpointOrigin::Default);

        let args = FetchArgs {
            resource: Some("https://vault.azure.net/.default".into()),
            msi_res_id: Some("/subscriptions/s/resourcegroups/g/providers/Microsoft.ManagedIdentity/userAssignedIdentities/n".into()),
            api_version: Some("2019-08-01".into()),
            ..FetchArgs::default()
        };
        let p = plan(&args, &env_of(&[]), &no_agent).unwrap();
        assert_eq!(
            p.url,
            "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2019-08-01&resource=https%3A%2F%2Fvault.azure.net&msi_res_id=%2Fsubscriptions%2Fs%2Fresourcegroups%2Fg%2Fproviders%2FMicrosoft.ManagedIdentity%2FuserAssignedIdentities%2Fn"
        );
        assert_eq!(p.resource, "https://vault.azure.net");
        assert!(
            p.selector
                .unwrap()
                .starts_with("msi_res_id=/subscriptions/")
        );
    }

    #[test]
    fn endpoint_overrides() {
        let env = env_of(&[("AZURE_POD_IDENTITY_AUTHORITY_HOST", "http://127.0.0.1:9/")]);
        let p = plan(&FetchArgs::default(), &env, &no_agent).unwrap();
        assert_eq!(
            p.endpoint,
            "http://127.0.0.1:9/metadata/identity/oauth2/token"
        );
        assert_eq!(p.endpoint_from, EndpointOrigin::PodIdentityHost);
        assert_eq!(p.detection.vars, ["AZURE_POD_IDENTITY_AUTHORITY_HOST"]);
        // --endpoint beats the variable, and keeps a query of its own.
        let args = FetchArgs {
            endpoint: Some("http://127.0.0.1:8/t?x=1".into()),
            client_id: Some("c".into()),
            ..FetchArgs::default()
        };
        let p = plan(&args, &env, &no_agent).unwrap();
        assert_eq!(
            p.url,
            "http://127.0.0.1:8/t?x=1&api-version=2018-02-01&resource=https%3A%2F%2Fmanagement.azure.com%2F&client_id=c"
        );
        assert_eq!(p.endpoint_from, EndpointOrigin::Flag);
        for bad in [
            "ftp://x/t",
            "127.0.0.1:8/t",
            "http://u:p@127.0.0.1/t",
            "not a url",
        ] {
            let args = FetchArgs {
                endpoint: Some(bad.into()),
                ..FetchArgs::default()
            };
            assert!(
                matches!(plan(&args, &env, &no_agent), Err(FetchError::Usage(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn app_service_request() {
        let env = env_of(&[
            ("IDENTITY_ENDPOINT", "http://localhost:4141/MSI/token"),
            ("IDENTITY_HEADER", "s3cr3t"),
        ]);
        let args = FetchArgs {
            object_id: Some("o".into()),
            ..FetchArgs::default()
        };
        let p = plan(&args, &env, &no_agent).unwrap();
        assert_eq!(p.detection.kind, HostKind::AppService);
        assert_eq!(
            p.url,
            "http://localhost:4141/MSI/token?api-version=2019-08-01&resource=https%3A%2F%2Fmanagement.azure.com%2F&principal_id=o"
        );
        assert_eq!(p.headers[0].name, "X-IDENTITY-HEADER");
        assert_eq!(p.headers[0].value.expose(), "s3cr3t");
        let debug = format!("{p:?}");
        assert!(!debug.contains("s3cr3t"), "{debug}");
        assert!(debug.contains("<redacted>"));
        let args = FetchArgs {
            msi_res_id: Some("/r".into()),
            ..FetchArgs::default()
        };
        assert!(
            plan(&args, &env, &no_agent)
                .unwrap()
                .url
                .ends_with("&mi_res_id=%2Fr")
        );
    }

    #[test]
    fn forced_sources_name_what_is_missing() {
        let args = FetchArgs {
            source: SourceChoice::AppService,
            ..FetchArgs::default()
        };
        let e = plan(&args, &env_of(&[]), &no_agent).unwrap_err();
        assert_eq!(
            e.to_string(),
            "App Service needs the environment variable IDENTITY_ENDPOINT, which is not set"
        );
        let args = FetchArgs {
            source: SourceChoice::Arc,
            ..FetchArgs::default()
        };
        let p = plan(&args, &env_of(&[]), &no_agent).unwrap();
        assert_eq!(p.endpoint, ARC_DEFAULT_URL);
        assert_eq!(p.api_version.as_deref(), Some("2020-06-01"));
        assert_eq!(p.detection.reason(), "--source arc");
    }

    #[test]
    fn azure_ml_and_cloud_shell() {
        let env = env_of(&[
            ("MSI_ENDPOINT", "http://localhost:5000/token"),
            ("MSI_SECRET", "ms"),
            ("DEFAULT_IDENTITY_CLIENT_ID", "dflt"),
        ]);
        let p = plan(&FetchArgs::default(), &env, &no_agent).unwrap();
        assert_eq!(p.detection.kind, HostKind::AzureMl);
        assert!(p.url.ends_with(
            "api-version=2017-09-01&resource=https%3A%2F%2Fmanagement.azure.com%2F&clientid=dflt"
        ));
        assert_eq!(p.headers[0].name, "secret");
        let args = FetchArgs {
            object_id: Some("o".into()),
            ..FetchArgs::default()
        };
        assert!(matches!(
            plan(&args, &env, &no_agent),
            Err(FetchError::Usage(_))
        ));

        let env = env_of(&[("MSI_ENDPOINT", "http://localhost:50342/oauth2/token")]);
        let p = plan(&FetchArgs::default(), &env, &no_agent).unwrap();
        assert_eq!(p.detection.kind, HostKind::CloudShell);
        assert_eq!(p.method, "POST");
        assert_eq!(p.url, "http://localhost:50342/oauth2/token");
        assert_eq!(
            p.form.as_deref(),
            Some("resource=https%3A%2F%2Fmanagement.azure.com%2F")
        );
        let args = FetchArgs {
            client_id: Some("c".into()),
            ..FetchArgs::default()
        };
        let e = plan(&args, &env, &no_agent).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("Cloud Shell does not take --client-id")
        );
    }

    #[test]
    fn service_fabric_needs_https_and_a_thumbprint() {
        let env = env_of(&[
            (
                "IDENTITY_ENDPOINT",
                "https://localhost:2377/metadata/identity/oauth2/token",
            ),
            ("IDENTITY_HEADER", "sfh"),
            (
                "IDENTITY_SERVER_THUMBPRINT",
                "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01",
            ),
            ("IDENTITY_API_VERSION", "2020-05-01"),
        ]);
        let p = plan(&FetchArgs::default(), &env, &no_agent).unwrap();
        assert_eq!(p.detection.kind, HostKind::ServiceFabric);
        assert_eq!(
            p.pinned_thumbprint.as_deref(),
            Some("abcdef0123456789abcdef0123456789abcdef01")
        );
        assert_eq!(p.api_version.as_deref(), Some("2020-05-01"));
        assert_eq!(p.headers[0].name, "Secret");
        let env = env_of(&[
            ("IDENTITY_ENDPOINT", "http://localhost:2377/t"),
            ("IDENTITY_HEADER", "sfh"),
            (
                "IDENTITY_SERVER_THUMBPRINT",
                "abcdef0123456789abcdef0123456789abcdef01",
            ),
        ]);
        assert!(matches!(
            plan(&FetchArgs::default(), &env, &no_agent),
            Err(FetchError::Usage(_))
        ));
        assert_eq!(normalise_thumbprint("12"), None);
    }
}
