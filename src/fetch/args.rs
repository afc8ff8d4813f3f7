//! The flags of `jwtscope imds`.

use std::path::PathBuf;
use std::time::Duration;

use clap::ValueEnum;
use serde::Serialize;

/// The resource asked for when `--resource` is not given: Azure Resource Manager.
pub const DEFAULT_RESOURCE: &str = "https://management.azure.com/";
/// Connect timeout when `--timeout` is not given.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(2);
/// How long an answer may take once connected, when `--response-timeout` is not given.
pub const DEFAULT_RESPONSE_TIMEOUT: Duration = Duration::from_secs(30);
/// Retries when `--retries` is not given: Microsoft's IMDS guidance makes five attempts in all,
/// about 2, 4, 8 and 16 s apart.
pub const DEFAULT_RETRIES: u32 = 4;
/// The first back-off wait when `--retry-base-ms` is not given.
pub const DEFAULT_RETRY_BASE: Duration = Duration::from_secs(2);

/// Which managed-identity host to ask.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceChoice {
    /// Detect from the environment, in the order the Azure SDKs use.
    #[default]
    Auto,
    /// Azure VM or scale set: the Instance Metadata Service.
    Imds,
    /// App Service, Functions, Container Apps (`IDENTITY_ENDPOINT` + `IDENTITY_HEADER`).
    AppService,
    /// Azure Arc-enabled server (the Connected Machine agent).
    Arc,
    /// Azure Cloud Shell (`MSI_ENDPOINT` alone).
    CloudShell,
    /// Azure Machine Learning, or the legacy App Service protocol (`MSI_ENDPOINT` + `MSI_SECRET`).
    AzureMl,
    /// Service Fabric (`IDENTITY_ENDPOINT` + `IDENTITY_HEADER` + `IDENTITY_SERVER_THUMBPRINT`).
    ServiceFabric,
}

// The doc comment below is the `--help` text of the subcommand. Every field is optional so
// that `FetchArgs::default()` means "the defaults": the command line fills them in through
// clap's `default_value`s, code and tests need not.

/// Fetch a token from the managed-identity endpoint of the machine jwtscope runs on, as
/// `curl -H Metadata:true --noproxy "*" "http://169.254.169.254/metadata/identity/oauth2/token?..."`
/// does, then show it. Never through a proxy, never following redirects.
// Bare URLs are what --help should print; rustdoc would like them in <...>.
#[allow(rustdoc::bare_urls)]
#[derive(clap::Args, Debug, Clone, Default)]
#[command(group = clap::ArgGroup::new("user_assigned").multiple(false))]
pub struct FetchArgs {
    /// The resource (audience) to ask a token for. A scope such as
    /// https://vault.azure.net/.default is accepted and becomes its resource.
    #[arg(long, value_name = "URI", default_value = DEFAULT_RESOURCE)]
    pub resource: Option<String>,

    /// The api-version query parameter. Default: 2018-02-01 for IMDS, 2019-08-01 for App
    /// Service, 2020-06-01 for Azure Arc, 2017-09-01 for Azure ML, 2019-07-01-preview (or
    /// IDENTITY_API_VERSION) for Service Fabric; Cloud Shell takes none.
    #[arg(long, value_name = "VERSION")]
    pub api_version: Option<String>,

    /// Use the user-assigned identity with this client (application) ID.
    #[arg(long, value_name = "GUID", group = "user_assigned")]
    pub client_id: Option<String>,

    /// Use the user-assigned identity with this object (principal) ID.
    #[arg(long, value_name = "GUID", group = "user_assigned")]
    pub object_id: Option<String>,

    /// Use the user-assigned identity with this Azure resource ID
    /// (/subscriptions/.../providers/Microsoft.ManagedIdentity/userAssignedIdentities/NAME).
    #[arg(long, value_name = "ID", group = "user_assigned")]
    pub msi_res_id: Option<String>,

    /// Ask this token URL instead of the detected one (for example an SSH tunnel to IMDS:
    /// http://localhost:8000/metadata/identity/oauth2/token). The protocol stays that of the
    /// host detected or named with --source.
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,

    /// Which managed-identity host to ask. `auto` detects it from the environment, as the
    /// Azure SDKs do, and says which variables decided.
    #[arg(long, value_enum, value_name = "HOST", default_value_t = SourceChoice::Auto)]
    pub source: SourceChoice,

    /// Seconds to wait for the connection (fractions allowed).
    #[arg(long, value_name = "SECONDS", value_parser = parse_seconds, default_value = "2")]
    pub timeout: Option<Duration>,

    /// Seconds to wait for the answer once connected (fractions allowed).
    #[arg(long, value_name = "SECONDS", value_parser = parse_seconds, default_value = "30")]
    pub response_timeout: Option<Duration>,

    /// Retries after 404, 429 and 5xx answers, waiting about 2, 4, 8, 16 s (or what
    /// Retry-After says); 410 is retried for up to 70 s. 0 turns retries off.
    #[arg(long, value_name = "N", default_value = "4")]
    pub retries: Option<u32>,

    /// The first back-off wait in milliseconds; each further wait doubles it (test-only).
    #[arg(long, value_name = "MS", hide = true)]
    pub retry_base_ms: Option<u64>,

    /// Write the endpoint's raw answer to FILE (mode 0600), like managedid.json. Without it
    /// nothing is written anywhere.
    #[arg(long, value_name = "FILE")]
    pub save: Option<PathBuf>,

    /// Test-only: the directory an Azure Arc key file must lie in, instead of the agent's
    /// token directory. Not a flag; only code can set it.
    #[doc(hidden)]
    #[arg(skip)]
    pub arc_token_dir: Option<PathBuf>,
}

impl FetchArgs {
    /// The connect timeout in force.
    pub fn connect_timeout(&self) -> Duration {
        self.timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT)
    }

    /// The answer timeout in force.
    pub fn answer_timeout(&self) -> Duration {
        self.response_timeout.unwrap_or(DEFAULT_RESPONSE_TIMEOUT)
    }

    /// The number of retries in force.
    pub fn retry_count(&self) -> u32 {
        self.retries.unwrap_or(DEFAULT_RETRIES)
    }

    /// The first back-off wait in force.
    pub fn retry_base(&self) -> Duration {
        self.retry_base_ms
            .map_or(DEFAULT_RETRY_BASE, Duration::from_millis)
    }
}

/// Parse a number of seconds, fractions allowed, for clap: from 0.001 (1 ms; a shorter wait
/// would make a listening endpoint look dead) to 3600.
pub fn parse_seconds(s: &str) -> Result<Duration, String> {
    let v: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a number of seconds"))?;
    if !(0.001..=3600.0).contains(&v) {
        return Err(format!(
            "`{s}`: give a number of seconds from 0.001 (1 ms) to 3600"
        ));
    }
    Ok(Duration::from_secs_f64(v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser, Debug)]
    struct Cli {
        #[command(flatten)]
        args: FetchArgs,
    }

    #[test]
    fn cli_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    #[test]
    fn defaults_from_the_command_line_match_the_programmatic_defaults() {
        let a = Cli::try_parse_from(["x"]).unwrap().args;
        assert_eq!(a.resource.as_deref(), Some(DEFAULT_RESOURCE));
        assert_eq!(a.connect_timeout(), DEFAULT_CONNECT_TIMEOUT);
        assert_eq!(a.answer_timeout(), DEFAULT_RESPONSE_TIMEOUT);
        assert_eq!(a.retries, Some(DEFAULT_RETRIES));
        assert_eq!(a.retry_base(), DEFAULT_RETRY_BASE);
        assert_eq!(a.source, SourceChoice::Auto);
        let d = FetchArgs::default();
        assert_eq!(d.connect_timeout(), DEFAULT_CONNECT_TIMEOUT);
        assert_eq!(d.retry_base(), DEFAULT_RETRY_BASE);
        assert_eq!(d.retry_count(), DEFAULT_RETRIES);
    }

    #[test]
    fn help_is_for_users() {
        use clap::{CommandFactory, Subcommand};
        #[derive(Parser)]
        struct Top {
            #[command(subcommand)]
            cmd: Cmd,
        }
        #[derive(Subcommand)]
        enum Cmd {
            Imds(FetchArgs),
        }
        let mut top = Top::command();
        let help = top
            .find_subcommand_mut("imds")
            .unwrap()
            .render_long_help()
            .to_string();
        assert!(help.starts_with("Fetch a token from the managed-identity endpoint"));
        for flag in [
            "--resource",
            "--api-version",
            "--client-id",
            "--object-id",
            "--msi-res-id",
            "--endpoint",
            "--source",
            "--timeout",
            "--response-timeout",
            "--retries",
            "--save",
        ] {
            assert!(help.contains(flag), "{flag} missing from help");
        }
        assert!(!help.contains("--retry-base-ms"));
        assert!(!help.contains("token-dir"));
        assert!(
            !help.contains("FetchArgs"),
            "developer notes leaked into help"
        );
    }

    #[test]
    fn two_selectors_are_a_usage_error() {
        let e = Cli::try_parse_from(["x", "--client-id", "a", "--object-id", "b"]).unwrap_err();
        assert_eq!(e.kind(), clap::error::ErrorKind::ArgumentConflict);
        assert_eq!(e.exit_code(), 2);
        let e = Cli::try_parse_from(["x", "--msi-res-id", "a", "--client-id", "b"]).unwrap_err();
        assert_eq!(e.kind(), clap::error::ErrorKind::ArgumentConflict);
        assert!(Cli::try_parse_from(["x", "--msi-res-id", "/subscriptions/x"]).is_ok());
    }

    #[test]
    fn flags_parse() {
        let a = Cli::try_parse_from([
            "x",
            "--source",
            "app-service",
            "--timeout",
            "0.5",
            "--retries",
            "0",
            "--retry-base-ms",
            "10",
            "--endpoint",
            "http://127.0.0.1:1/t",
            "--save",
            "out.json",
        ])
        .unwrap()
        .args;
        assert_eq!(a.source, SourceChoice::AppService);
        assert_eq!(a.connect_timeout(), Duration::from_millis(500));
        assert_eq!(a.retry_count(), 0);
        assert_eq!(a.retry_base(), Duration::from_millis(10));
        assert_eq!(a.save, Some(PathBuf::from("out.json")));
        assert_eq!(
            Cli::try_parse_from(["x", "--timeout", "0.001"])
                .unwrap()
                .args
                .connect_timeout(),
            Duration::from_millis(1)
        );
        for bad in ["0", "-1", "abc", "NaN", "inf", "1e-300", "0.0009", "3601"] {
            assert!(
                Cli::try_parse_from(["x", "--timeout", bad]).is_err(),
                "{bad}"
            );
        }
        for s in [
            "auto",
            "imds",
            "app-service",
            "arc",
            "cloud-shell",
            "azure-ml",
            "service-fabric",
        ] {
            assert!(Cli::try_parse_from(["x", "--source", s]).is_ok(), "{s}");
        }
    }
}
