//! The proxy trap: with `HTTP_PROXY`, `HTTPS_PROXY` and `ALL_PROXY` (both cases) pointing at a
//! loopback listener, a fetch must still go straight to the endpoint.
//!
//! The variables must be in the real process environment (that is what ureq would read), but
//! changing the environment of a running multi-threaded test binary is racy (and `unsafe` in
//! Rust 2024, which this crate forbids). So the parent test runs this same binary again as a
//! child process, with the variables set from the start, and the child does the fetch with the
//! production accessor `std::env::var`. The trap listener lives in the parent and counts every
//! connection. A second child, a plain ureq agent with its defaults, shows that the trap does
//! catch a client that honours the variables.

// Helpers outside #[test] functions (the mock, the child runner) panic on purpose: a failure
// there is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod mock_identity;

use std::process::Command;
use std::time::Duration;

use jwtscope::fetch::{FetchArgs, HostKind, SourceChoice, fetch};
use mock_identity::{Mock, Reply, Trap, token_body};

const CHILD: &str = "child_fetch_with_proxy_variables_set";
const MODE: &str = "JWTSCOPE_TEST_PROXY_TRAP_MODE";
const TARGET: &str = "JWTSCOPE_TEST_PROXY_TRAP_TARGET";
const PATH: &str = "/metadata/identity/oauth2/token";

const PROXY_VARS: [&str; 6] = [
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
];
const IDENTITY_VARS: [&str; 8] = [
    "IDENTITY_ENDPOINT",
    "IDENTITY_HEADER",
    "IDENTITY_SERVER_THUMBPRINT",
    "IMDS_ENDPOINT",
    "MSI_ENDPOINT",
    "MSI_SECRET",
    "AZURE_POD_IDENTITY_AUTHORITY_HOST",
    "NO_PROXY",
];

/// Run the child test in `mode` with the proxy variables aimed at `trap`.
fn run_child(mode: &str, trap: &Trap, target: &str, extra: &[(&str, &str)]) -> (bool, String) {
    let exe = std::env::current_exe().expect("test binary");
    let mut cmd = Command::new(exe);
    cmd.args([
        "--exact",
        CHILD,
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ]);
    for v in IDENTITY_VARS {
        cmd.env_remove(v);
    }
    cmd.env_remove("no_proxy");
    for v in PROXY_VARS {
        cmd.env(v, trap.url());
    }
    cmd.env(MODE, mode).env(TARGET, target);
    for (k, v) in extra {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run child");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn fetch_ignores_proxy_variables() {
    let trap = Trap::start();
    let mock = Mock::script(vec![Reply::json(
        200,
        &token_body("https://management.azure.com/"),
    )]);

    // --endpoint
    let (ok, out) = run_child("endpoint", &trap, &mock.url(PATH), &[]);
    assert!(ok, "child failed:\n{out}");
    assert!(out.contains("child: fetched"), "{out}");
    assert_eq!(
        trap.hits(),
        0,
        "something connected to the proxy trap:\n{out}"
    );

    // AZURE_POD_IDENTITY_AUTHORITY_HOST, read through the production accessor.
    let (ok, out) = run_child(
        "auto",
        &trap,
        "",
        &[("AZURE_POD_IDENTITY_AUTHORITY_HOST", &mock.url(""))],
    );
    assert!(ok, "child failed:\n{out}");
    assert_eq!(
        trap.hits(),
        0,
        "something connected to the proxy trap:\n{out}"
    );

    // App Service through IDENTITY_ENDPOINT.
    let (ok, out) = run_child(
        "auto",
        &trap,
        "",
        &[
            ("IDENTITY_ENDPOINT", &mock.url("/msi/token")),
            ("IDENTITY_HEADER", "h"),
        ],
    );
    assert!(ok, "child failed:\n{out}");
    assert_eq!(
        trap.hits(),
        0,
        "something connected to the proxy trap:\n{out}"
    );
    assert_eq!(mock.requests().len(), 3);

    // The control: a client that honours the variables does walk into the trap.
    let (_, out) = run_child("control", &trap, &mock.url(PATH), &[]);
    assert!(
        trap.hits() > 0,
        "the trap caught nothing; the test proves nothing:\n{out}"
    );
    assert_eq!(
        mock.requests().len(),
        3,
        "the control must not reach the mock directly"
    );
}

/// Runs only as the child of `fetch_ignores_proxy_variables` (which sets the mode).
#[test]
#[ignore = "run by fetch_ignores_proxy_variables in a child process"]
fn child_fetch_with_proxy_variables_set() {
    let Ok(mode) = std::env::var(MODE) else {
        return;
    };
    for v in PROXY_VARS {
        assert!(std::env::var(v).is_ok(), "{v} not set in the child");
    }
    let target = std::env::var(TARGET).unwrap_or_default();
    let env = |k: &str| std::env::var(k).ok();
    match mode.as_str() {
        "endpoint" => {
            let args = FetchArgs {
                source: SourceChoice::Imds,
                endpoint: Some(target),
                retries: Some(0),
                ..FetchArgs::default()
            };
            let f = fetch(&args, &env, &mut |_| {}).unwrap();
            assert_eq!(f.info.host, HostKind::Imds);
            println!("child: fetched {} bytes", f.body.len());
        }
        "auto" => {
            let args = FetchArgs {
                retries: Some(0),
                ..FetchArgs::default()
            };
            let f = fetch(&args, &env, &mut |_| {}).unwrap();
            println!("child: fetched {} bytes from {}", f.body.len(), f.info.host);
        }
        "control" => {
            let agent: ureq::Agent = ureq::Agent::config_builder()
                .timeout_global(Some(Duration::from_secs(2)))
                .build()
                .into();
            let r = agent.get(&target).call();
            println!("child: control request ended with {r:?}");
        }
        other => panic!("unknown mode {other}"),
    }
}
