//! The proxy trap: with `HTTP_PROXY`, `HTTPS_PROXY` and `ALL_PROXY` (both cases) pointing at a
//! loopback listener, `jwtscope imds` must still go straight to the endpoint.
//!
//! The variables must be in the real process environment (that is what an HTTP client would
//! read), so the real binary runs as a child with them set; the trap listener lives in this
//! test and counts every connection. A control request through an explicitly configured
//! proxy shows that the trap does catch proxied traffic.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod mock_identity;

use std::time::Duration;

use assert_cmd::Command;
use mock_identity::{IDENTITY_VARS, Mock, Reply, Trap, token_body};

const PATH: &str = "/metadata/identity/oauth2/token";

const PROXY_VARS: [&str; 6] = [
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
];

/// `jwtscope imds` with every proxy variable aimed at the trap and `extra` set.
fn run(trap: &Trap, args: &[&str], extra: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = Command::cargo_bin("jwtscope").unwrap();
    for v in IDENTITY_VARS {
        cmd.env_remove(v);
    }
    cmd.env_remove("NO_PROXY").env_remove("no_proxy");
    for v in PROXY_VARS {
        cmd.env(v, trap.url());
    }
    for (k, v) in extra {
        cmd.env(k, v);
    }
    cmd.args(["imds", "--output", "json", "--retries", "0"])
        .args(args)
        .output()
        .unwrap()
}

/// A way of pointing `jwtscope imds` at the mock: its name, arguments and environment.
type Variant<'a> = (&'a str, Vec<&'a str>, Vec<(&'a str, &'a str)>);

#[test]
fn imds_ignores_proxy_variables() {
    let trap = Trap::start();
    let mock = Mock::start(|_, _| Reply::json(200, &token_body("https://management.azure.com/")));

    let endpoint = mock.url(PATH);
    let pod_host = mock.url("");
    let app_service = mock.url("/msi/token");
    let variants: [Variant; 3] = [
        (
            "--endpoint",
            vec!["--source", "imds", "--endpoint", &endpoint],
            vec![],
        ),
        (
            "AZURE_POD_IDENTITY_AUTHORITY_HOST",
            vec![],
            vec![("AZURE_POD_IDENTITY_AUTHORITY_HOST", &pod_host)],
        ),
        (
            "App Service through IDENTITY_ENDPOINT",
            vec![],
            vec![
                ("IDENTITY_ENDPOINT", &app_service),
                ("IDENTITY_HEADER", "h"),
            ],
        ),
    ];
    for (name, args, extra) in &variants {
        let out = run(&trap, args, extra);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            trap.hits(),
            0,
            "{name}: something connected to the proxy trap"
        );
    }
    assert_eq!(
        mock.requests().len(),
        3,
        "every fetch reached the endpoint directly"
    );

    // The control: a client sent through a proxy does walk into the trap.
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .proxy(Some(ureq::Proxy::new(&trap.url()).unwrap()))
        .timeout_global(Some(Duration::from_secs(2)))
        .build()
        .into();
    let _ = agent.get(&mock.url(PATH)).call();
    assert!(
        trap.hits() > 0,
        "the trap caught nothing; the test proves nothing"
    );
    assert_eq!(
        mock.requests().len(),
        3,
        "the control must not reach the mock directly"
    );
}
