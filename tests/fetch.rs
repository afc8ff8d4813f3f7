//! `jwtscope imds` against a mock identity endpoint on 127.0.0.1.
//!
//! Every request goes to a loopback port chosen by the OS: `--endpoint` (or an environment
//! variable the test supplies through the injected accessor) always points at the mock. The
//! process environment is never read or changed here.

// Helpers outside #[test] functions (the mock, the child runner) panic on purpose: a failure
// there is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod mock_identity;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use jwtscope::fetch::{
    ArcKeyProblem, EndpointOrigin, FetchArgs, FetchError, Fetched, HostKind, Progress, ProxyClue,
    SourceChoice, TimeoutPhase, WaitReason, fetch, fetch_with_sleep, save_response,
};
use mock_identity::{FAKE_TOKEN, Mock, Reply, Request, Trap, closed_port, env_of, token_body};

const TOKEN_PATH: &str = "/metadata/identity/oauth2/token";
const ARM: &str = "https://management.azure.com/";
const ARM_ENCODED: &str = "https%3A%2F%2Fmanagement.azure.com%2F";

/// IMDS protocol at the mock, fast retries, no retries unless a test asks.
fn imds_args(mock: &Mock) -> FetchArgs {
    FetchArgs {
        source: SourceChoice::Imds,
        endpoint: Some(mock.url(TOKEN_PATH)),
        retries: Some(0),
        retry_base_ms: Some(10),
        timeout: Some(Duration::from_secs(2)),
        response_timeout: Some(Duration::from_secs(5)),
        ..FetchArgs::default()
    }
}

fn no_env(_: &str) -> Option<String> {
    None
}

/// Fetch, collecting progress lines and the waits asked for (without sleeping).
fn run(
    args: &FetchArgs,
    env: &dyn Fn(&str) -> Option<String>,
) -> (Result<Fetched, FetchError>, Vec<Progress>, Vec<Duration>) {
    assert_loopback(args, env);
    let mut progress = Vec::new();
    let mut waits = Vec::new();
    let r = fetch_with_sleep(args, env, &mut |p| progress.push(p.clone()), &mut |d| {
        waits.push(d);
    });
    (r, progress, waits)
}

/// Safety net: whatever a test sets up, the request goes to this machine.
fn assert_loopback(args: &FetchArgs, env: &dyn Fn(&str) -> Option<String>) {
    if let Ok(plan) = jwtscope::fetch::plan::plan(args, env, &|| false) {
        let host = jwtscope::fetch::http::address_of(&plan.endpoint);
        assert!(
            host.starts_with("127.0.0.1:") || host.starts_with("localhost:"),
            "a test would leave the machine: {}",
            plan.endpoint
        );
    }
}

/// What every IMDS request must look like.
fn assert_imds_request(r: &Request, resource: &str, selector: Option<(&str, &str)>) {
    assert_eq!(r.method, "GET");
    assert_eq!(r.path, TOKEN_PATH);
    assert_eq!(r.header("Metadata"), Some("true"));
    assert_eq!(r.header("X-Forwarded-For"), None);
    assert_eq!(r.header("Authorization"), None);
    assert_eq!(r.query_value("api-version").as_deref(), Some("2018-02-01"));
    assert_eq!(r.query_value("resource").as_deref(), Some(resource));
    let mut names = vec!["api-version", "resource"];
    if let Some((name, value)) = selector {
        assert_eq!(r.query_value(name).as_deref(), Some(value));
        names.push(name);
    }
    assert_eq!(
        r.query_names(),
        names,
        "exactly these parameters: {}",
        r.raw_query
    );
    assert!(r.body.is_empty());
}

fn waiting(progress: &[Progress]) -> Vec<(u16, WaitReason)> {
    progress
        .iter()
        .filter_map(|p| match p {
            Progress::Waiting { status, reason, .. } => Some((*status, *reason)),
            _ => None,
        })
        .collect()
}

/// Everything a person or a log could see of a result.
fn visible(r: &Result<Fetched, FetchError>, progress: &[Progress]) -> String {
    let mut s = match r {
        Ok(f) => format!(
            "{f:?} {} {}",
            f.info,
            serde_json::to_string(&f.info).unwrap()
        ),
        Err(e) => format!("{e} {e:?} {:?}", e.advice()),
    };
    for p in progress {
        s.push_str(&format!(" {p} {p:?}"));
    }
    s
}

#[test]
fn imds_success_returns_the_body_and_describes_the_request() {
    let body = token_body(ARM);
    let mock = Mock::script(vec![
        Reply::json(200, &body).with_header("Server", "IMDS/150.870.65.528"),
    ]);
    let (r, progress, waits) = run(&imds_args(&mock), &no_env);
    let f = r.unwrap();
    assert_eq!(f.body, body.as_bytes());
    assert_eq!(f.info.host, HostKind::Imds);
    assert_eq!(f.info.status, 200);
    assert_eq!(f.info.attempts, 1);
    assert_eq!(f.info.server.as_deref(), Some("IMDS/150.870.65.528"));
    assert_eq!(f.info.endpoint, mock.url(TOKEN_PATH));
    assert_eq!(f.info.endpoint_from, EndpointOrigin::Flag);
    assert_eq!(f.info.method, "GET");
    assert_eq!(f.info.resource, ARM);
    assert_eq!(f.info.selector, None);
    assert_eq!(f.info.api_version.as_deref(), Some("2018-02-01"));
    assert_eq!(f.info.detected_by, "--source imds");
    assert!(f.info.env_vars.is_empty());
    assert_eq!(
        f.info.to_string(),
        format!("IMDS {} · resource {ARM}", mock.url(TOKEN_PATH))
    );
    let json = serde_json::to_value(&f.info).unwrap();
    assert_eq!(json["host"], "imds");
    assert_eq!(json["endpoint_from"], "--endpoint");
    assert!(waits.is_empty());
    assert!(matches!(
        progress.as_slice(),
        [
            Progress::Chosen {
                host: HostKind::Imds,
                ..
            },
            Progress::Sending { attempt: 1, .. }
        ]
    ));
    // The token is in the body only.
    assert!(!visible(&Ok(f), &progress).contains(FAKE_TOKEN));

    let reqs = mock.requests();
    assert_eq!(reqs.len(), 1);
    assert_imds_request(&reqs[0], ARM, None);
    // Encoded exactly as in Microsoft's sample request.
    assert_eq!(
        reqs[0].raw_query,
        format!("api-version=2018-02-01&resource={ARM_ENCODED}")
    );
}

#[test]
fn selectors_scopes_and_api_version_are_sent_encoded() {
    let mock = Mock::script(vec![Reply::json(
        200,
        &token_body("https://vault.azure.net"),
    )]);
    let res_id = "/subscriptions/0000/resourcegroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/my id";
    let args = FetchArgs {
        resource: Some("https://vault.azure.net/.default".into()),
        msi_res_id: Some(res_id.into()),
        ..imds_args(&mock)
    };
    let f = run(&args, &no_env).0.unwrap();
    assert_eq!(f.info.resource, "https://vault.azure.net");
    assert_eq!(f.info.selector, Some(format!("msi_res_id={res_id}")));
    let r = &mock.requests()[0];
    assert_imds_request(r, "https://vault.azure.net", Some(("msi_res_id", res_id)));
    assert!(
        r.raw_query.ends_with(
            "&msi_res_id=%2Fsubscriptions%2F0000%2Fresourcegroups%2Frg%2Fproviders%2FMicrosoft.ManagedIdentity%2FuserAssignedIdentities%2Fmy%20id"
        ),
        "{}",
        r.raw_query
    );

    for (flag, name) in [("client", "client_id"), ("object", "object_id")] {
        let mock = Mock::script(vec![Reply::json(200, &token_body(ARM))]);
        let mut args = imds_args(&mock);
        let id = "9a2f0f4c-0000-4000-8000-000000000001".to_string();
        if flag == "client" {
            args.client_id = Some(id.clone());
        } else {
            args.object_id = Some(id.clone());
        }
        run(&args, &no_env).0.unwrap();
        assert_imds_request(&mock.requests()[0], ARM, Some((name, &id)));
    }

    let mock = Mock::script(vec![Reply::json(200, &token_body(ARM))]);
    let args = FetchArgs {
        api_version: Some("2019-08-01".into()),
        ..imds_args(&mock)
    };
    run(&args, &no_env).0.unwrap();
    assert_eq!(
        mock.requests()[0].query_value("api-version").as_deref(),
        Some("2019-08-01")
    );
}

#[test]
fn pod_identity_host_replaces_the_imds_host() {
    let mock = Mock::script(vec![Reply::json(200, &token_body(ARM))]);
    let env = env_of(&[("AZURE_POD_IDENTITY_AUTHORITY_HOST", &mock.url(""))]);
    let args = FetchArgs {
        retry_base_ms: Some(10),
        ..FetchArgs::default()
    };
    let f = run(&args, &env).0.unwrap();
    assert_eq!(f.info.host, HostKind::Imds);
    assert_eq!(f.info.endpoint, mock.url(TOKEN_PATH));
    assert_eq!(f.info.endpoint_from, EndpointOrigin::PodIdentityHost);
    assert_eq!(f.info.env_vars, ["AZURE_POD_IDENTITY_AUTHORITY_HOST"]);
    assert_imds_request(&mock.requests()[0], ARM, None);
}

#[test]
fn identity_not_found() {
    let mock = Mock::script(vec![
        Reply::json(
            400,
            r#"{"error":"invalid_request","error_description":"Identity not found"}"#,
        )
        .with_header("Server", "IMDS/150.870.65.528"),
    ]);
    let args = FetchArgs {
        retries: Some(4),
        ..imds_args(&mock)
    };
    let (r, _, waits) = run(&args, &no_env);
    let e = r.unwrap_err();
    assert!(matches!(e, FetchError::NoIdentity(_)), "{e:?}");
    assert_eq!(e.http_status(), Some(400));
    let f = e.failure().unwrap();
    assert_eq!(f.error(), Some("invalid_request"));
    assert_eq!(f.description(), Some("Identity not found"));
    let msg = e.to_string();
    assert!(
        msg.starts_with("no managed identity: IMDS at http://127.0.0.1:"),
        "{msg}"
    );
    assert!(
        msg.ends_with("answered HTTP 400 Bad Request [Server: IMDS/150.870.65.528]: invalid_request: Identity not found"),
        "{msg}"
    );
    assert!(!msg.contains('\n'));
    let advice = e.advice().unwrap();
    assert!(advice.contains("az vm identity assign"), "{advice}");
    assert!(advice.contains("--client-id"), "{advice}");
    // A 400 is a design-time error: never retried.
    assert_eq!(mock.requests().len(), 1);
    assert!(waits.is_empty());
}

#[test]
fn multiple_identities() {
    let mock = Mock::script(vec![Reply::json(
        400,
        r#"{"error":"invalid_request","error_description":"Multiple user assigned identities exist, please specify the clientId / resourceId of the identity in the token request"}"#,
    )]);
    let e = run(&imds_args(&mock), &no_env).0.unwrap_err();
    assert!(matches!(e, FetchError::SeveralIdentities(_)), "{e:?}");
    assert!(
        e.to_string()
            .contains("Multiple user assigned identities exist")
    );
    let advice = e.advice().unwrap();
    assert!(
        advice.contains("--client-id, --object-id or --msi-res-id"),
        "{advice}"
    );
}

#[test]
fn invalid_resource() {
    let mock = Mock::script(vec![Reply::json(
        400,
        r#"{"error":"invalid_resource","error_description":"AADSTS500011: The resource principal named https://managements.azure.com was not found in the tenant named Microsoft.","error_codes":[500011]}"#,
    )]);
    let args = FetchArgs {
        resource: Some("https://managements.azure.com".into()),
        ..imds_args(&mock)
    };
    let e = run(&args, &no_env).0.unwrap_err();
    assert!(matches!(e, FetchError::BadResource(_)), "{e:?}");
    assert!(e.to_string().contains("invalid_resource: AADSTS500011"));
    assert!(e.advice().unwrap().contains("--resource"));
}

#[test]
fn missing_metadata_header_answer() {
    // As if something on the way had dropped the header: IMDS's answer to a request without
    // it. (jwtscope does send it; the mock checks.)
    let mock = Mock::start(|r, _| {
        assert_eq!(r.header("Metadata"), Some("true"));
        Reply::json(
            400,
            r#"{"error":"invalid_request","error_description":"Required metadata header not specified"}"#,
        )
    });
    let e = run(&imds_args(&mock), &no_env).0.unwrap_err();
    assert!(matches!(e, FetchError::MissingMetadataHeader(_)), "{e:?}");
    assert!(e.advice().unwrap().contains("Metadata: true"));
}

#[test]
fn throttled_then_success_honours_a_short_retry_after() {
    let mock = Mock::script(vec![
        Reply::json(
            429,
            r#"{"error":"too_many_requests","error_description":"slow down"}"#,
        )
        .with_header("Retry-After", "1"),
        Reply::json(200, &token_body(ARM)),
    ]);
    let args = FetchArgs {
        retries: Some(4),
        ..imds_args(&mock)
    };
    // The real sleep, to see the wait happen.
    let mut progress = Vec::new();
    let t0 = Instant::now();
    assert_loopback(&args, &no_env);
    let f = fetch(&args, &no_env, &mut |p| progress.push(p.clone())).unwrap();
    let took = t0.elapsed();
    assert!(took >= Duration::from_secs(1), "waited only {took:?}");
    assert!(took < Duration::from_secs(5), "took {took:?}");
    assert_eq!(f.info.attempts, 2);
    let line = progress
        .iter()
        .find(|p| matches!(p, Progress::Waiting { .. }))
        .unwrap();
    assert_eq!(
        line,
        &Progress::Waiting {
            attempt: 1,
            status: 429,
            wait: Duration::from_secs(1),
            reason: WaitReason::RetryAfter,
            max_attempts: Some(5),
        }
    );
    assert_eq!(
        line.to_string(),
        "attempt 1 answered HTTP 429 Too Many Requests; waiting 1.0 s (Retry-After) before attempt 2 of 5"
    );
    let reqs = mock.requests();
    assert_eq!(reqs.len(), 2);
    for r in &reqs {
        assert_imds_request(r, ARM, None);
    }
}

#[test]
fn retried_statuses_back_off_exponentially() {
    for status in [404, 429, 500, 503] {
        let mock = Mock::script(vec![
            Reply::json(status, "{}"),
            Reply::json(status, "{}"),
            Reply::json(200, &token_body(ARM)),
        ]);
        let args = FetchArgs {
            retries: Some(4),
            ..imds_args(&mock)
        };
        let (r, progress, waits) = run(&args, &no_env);
        let f = r.unwrap();
        assert_eq!(f.info.attempts, 3, "{status}");
        assert_eq!(
            waits,
            [Duration::from_millis(10), Duration::from_millis(20)],
            "{status}"
        );
        assert_eq!(
            waiting(&progress),
            [(status, WaitReason::Backoff), (status, WaitReason::Backoff)]
        );
    }
}

#[test]
fn gone_then_success() {
    let mock = Mock::script(vec![
        Reply::json(410, ""),
        Reply::json(200, &token_body(ARM)),
    ]);
    let args = FetchArgs {
        retries: Some(4),
        ..imds_args(&mock)
    };
    let (r, progress, waits) = run(&args, &no_env);
    assert_eq!(r.unwrap().info.attempts, 2);
    assert_eq!(waits, [Duration::from_millis(10)]);
    assert_eq!(waiting(&progress), [(410, WaitReason::Gone)]);
    let line = progress
        .iter()
        .find(|p| matches!(p, Progress::Waiting { .. }))
        .unwrap();
    assert_eq!(
        line.to_string(),
        "attempt 1 answered HTTP 410 Gone; waiting 10 ms (IMDS is updating) before attempt 2"
    );
}

#[test]
fn gone_is_retried_for_the_70_second_budget_then_reported() {
    let mock = Mock::script(vec![Reply::json(410, "")]);
    let args = FetchArgs {
        retries: Some(1), // 410 is retried by time, not by count
        ..imds_args(&mock)
    };
    let (r, _, waits) = run(&args, &no_env);
    let e = r.unwrap_err();
    // 70 s at a 2 s base is 350 ms at 10 ms: 10+20+40+80+160+40.
    let total: Duration = waits.iter().sum();
    assert_eq!(total, Duration::from_millis(350), "{waits:?}");
    assert_eq!(waits.len(), 6);
    assert_eq!(mock.requests().len(), 7);
    assert!(matches!(e, FetchError::Http(_)), "{e:?}");
    assert!(e.to_string().contains("HTTP 410 Gone (attempt 7)"), "{e}");
    assert!(e.advice().unwrap().contains("updating"));
}

#[test]
fn server_errors_give_up_within_the_budget() {
    let mock = Mock::script(vec![Reply::json(
        500,
        r#"{"error":"unknown","error_description":"Failed to retrieve token from the Active directory."}"#,
    )]);
    let args = FetchArgs {
        retries: Some(3),
        ..imds_args(&mock)
    };
    let mut progress = Vec::new();
    let t0 = Instant::now();
    // Real sleeps: 10 + 20 + 40 ms.
    assert_loopback(&args, &no_env);
    let e = fetch(&args, &no_env, &mut |p| progress.push(p.clone())).unwrap_err();
    assert!(t0.elapsed() < Duration::from_secs(3), "{:?}", t0.elapsed());
    assert_eq!(mock.requests().len(), 4);
    assert_eq!(waiting(&progress).len(), 3);
    assert!(matches!(e, FetchError::Http(_)), "{e:?}");
    assert_eq!(e.http_status(), Some(500));
    assert_eq!(e.failure().unwrap().attempts, 4);
    assert!(
        e.to_string().contains(
            "HTTP 500 Internal Server Error (attempt 4): unknown: Failed to retrieve token"
        ),
        "{e}"
    );

    // --retries 0 turns retries off.
    let mock = Mock::script(vec![Reply::json(500, "{}")]);
    let (r, _, waits) = run(&imds_args(&mock), &no_env);
    assert!(r.is_err());
    assert!(waits.is_empty());
    assert_eq!(mock.requests().len(), 1);
}

#[test]
fn gateway_errors_and_non_json_answers_point_at_a_proxy() {
    let mock = Mock::script(vec![Reply::Respond {
        status: 502,
        headers: vec![("Server".into(), "squid/5.7".into())],
        body: "<html>Bad Gateway</html>".into(),
    }]);
    let e = run(&imds_args(&mock), &no_env).0.unwrap_err();
    assert!(
        matches!(
            e,
            FetchError::ProxyInTheWay {
                clue: ProxyClue::GatewayStatus,
                ..
            }
        ),
        "{e:?}"
    );
    // Only a length: a body that is not an error document is never quoted.
    assert!(
        e.to_string()
            .contains("[Server: squid/5.7]: 24 bytes, not an error document"),
        "{e}"
    );
    assert!(e.advice().unwrap().contains("never uses HTTP_PROXY"));

    // A 200 that is not JSON: never quoted (it could hold a token).
    let mock = Mock::script(vec![Reply::Respond {
        status: 200,
        headers: vec![],
        body: format!("<html>{FAKE_TOKEN}</html>"),
    }]);
    let (r, progress, _) = run(&imds_args(&mock), &no_env);
    let text = visible(&r, &progress);
    let e = r.unwrap_err();
    assert!(
        matches!(
            e,
            FetchError::ProxyInTheWay {
                clue: ProxyClue::NotJson,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(!text.contains(FAKE_TOKEN), "{text}");
}

#[test]
fn redirects_are_not_followed() {
    let trap = Trap::start();
    let mock = Mock::script(vec![Reply::Respond {
        status: 302,
        headers: vec![("Location".into(), format!("{}{TOKEN_PATH}", trap.url()))],
        body: String::new(),
    }]);
    let e = run(&imds_args(&mock), &no_env).0.unwrap_err();
    assert!(
        matches!(
            e,
            FetchError::ProxyInTheWay {
                clue: ProxyClue::Redirect,
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(trap.hits(), 0);
}

#[test]
fn connection_refused_names_the_address() {
    let port = closed_port();
    let args = FetchArgs {
        source: SourceChoice::Imds,
        endpoint: Some(format!("http://127.0.0.1:{port}{TOKEN_PATH}")),
        retries: Some(4),
        retry_base_ms: Some(10),
        ..FetchArgs::default()
    };
    let (r, _, waits) = run(&args, &no_env);
    let e = r.unwrap_err();
    assert!(matches!(e, FetchError::Unreachable { .. }), "{e:?}");
    assert_eq!(
        e.to_string(),
        format!(
            "cannot reach IMDS at 127.0.0.1:{port} (connection refused): nothing listens at the address --endpoint gives"
        )
    );
    // The address is the user's (--endpoint): the advice is about it, not about Azure VMs.
    let advice = e.advice().unwrap();
    assert!(
        advice.starts_with("start the tunnel or test server"),
        "{advice}"
    );
    // Nothing listening is not a transient answer: no retries.
    assert!(waits.is_empty());
}

#[test]
fn a_server_that_never_answers_times_out() {
    let mock = Mock::script(vec![Reply::Hang]);
    let args = FetchArgs {
        response_timeout: Some(Duration::from_millis(300)),
        ..imds_args(&mock)
    };
    let t0 = Instant::now();
    let e = run(&args, &no_env).0.unwrap_err();
    let took = t0.elapsed();
    assert!(took >= Duration::from_millis(300), "{took:?}");
    assert!(took < Duration::from_secs(3), "{took:?}");
    match &e {
        FetchError::Timeout {
            phase,
            address,
            waited,
            ..
        } => {
            assert_eq!(*phase, TimeoutPhase::Answer);
            assert_eq!(address, &mock.addr.to_string());
            assert!(*waited >= Duration::from_millis(300));
        }
        other => panic!("{other:?}"),
    }
    let msg = e.to_string();
    assert!(
        msg.starts_with(&format!(
            "IMDS at {} accepted the connection but gave no answer within ",
            mock.addr
        )),
        "{msg}"
    );
    assert_eq!(mock.requests().len(), 1);
}

fn arc_env(mock: &Mock) -> impl Fn(&str) -> Option<String> + use<> {
    env_of(&[
        ("IDENTITY_ENDPOINT", &mock.url(TOKEN_PATH)),
        ("IMDS_ENDPOINT", &mock.url("")),
    ])
}

const ARC_KEY: &str = "3a5e1f3c9b7d4e2f8a6c0b1d2e3f4a5b";

#[test]
fn arc_answers_the_key_file_challenge() {
    let dir = tempfile::tempdir().unwrap();
    let key_file = dir.path().join("0c6e21d5-4c5b.key");
    std::fs::write(&key_file, format!("{ARC_KEY}\n")).unwrap();
    let realm = format!("Basic realm={}", key_file.display());
    let mock = Mock::start(move |r, _| {
        match r.header("Authorization") {
        None => Reply::json(
            401,
            r#"{"error":"unauthorized_client","error_description":"Missing Basic Authorization header","error_codes":[401]}"#,
        )
        .with_header("WWW-Authenticate", &realm),
        Some(a) if a == format!("Basic {ARC_KEY}") => Reply::json(200, &token_body(ARM)),
        Some(_) => Reply::json(401, r#"{"error":"unauthorized_client"}"#),
    }
    });
    let args = FetchArgs {
        arc_token_dir: Some(dir.path().to_path_buf()),
        retry_base_ms: Some(10),
        ..FetchArgs::default()
    };
    let env = arc_env(&mock);
    let (r, progress, _) = run(&args, &env);
    let text = visible(&r, &progress);
    let f = r.unwrap();
    assert_eq!(f.info.host, HostKind::Arc);
    assert_eq!(f.info.detected_by, "IDENTITY_ENDPOINT + IMDS_ENDPOINT set");
    assert_eq!(f.info.attempts, 2);
    assert_eq!(f.info.api_version.as_deref(), Some("2020-06-01"));
    assert!(progress.contains(&Progress::ArcChallenge {
        key_file: key_file.clone()
    }));
    assert!(!text.contains(ARC_KEY), "{text}");

    let reqs = mock.requests();
    assert_eq!(reqs.len(), 2);
    for r in &reqs {
        assert_eq!(r.method, "GET");
        assert_eq!(r.path, TOKEN_PATH);
        assert_eq!(r.header("Metadata"), Some("true"));
        assert_eq!(r.query_value("api-version").as_deref(), Some("2020-06-01"));
        assert_eq!(r.query_value("resource").as_deref(), Some(ARM));
    }
    assert_eq!(reqs[0].header("Authorization"), None);
    assert_eq!(
        reqs[1].header("Authorization"),
        Some(format!("Basic {ARC_KEY}").as_str())
    );
}

/// Which refusal a case expects.
type Check = fn(&ArcKeyProblem) -> bool;

#[test]
fn arc_refuses_key_files_outside_the_token_directory() {
    let allowed = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let key_file = elsewhere.path().join("stolen.key");
    std::fs::write(&key_file, ARC_KEY).unwrap();
    let mut cases: Vec<(PathBuf, Check)> = vec![
        (key_file.clone(), |p| {
            matches!(p, ArcKeyProblem::OutsideTokenDir(_))
        }),
        (allowed.path().join("id_rsa"), |p| {
            matches!(p, ArcKeyProblem::NotKeyFile)
        }),
    ];
    let big = allowed.path().join("big.key");
    std::fs::write(&big, vec![b'a'; 5000]).unwrap();
    cases.push((big, |p| matches!(p, ArcKeyProblem::TooLarge(5000))));

    for (path, want) in cases {
        let realm = format!("Basic realm={}", path.display());
        let mock =
            Mock::start(move |_, _| Reply::json(401, "{}").with_header("WWW-Authenticate", &realm));
        let args = FetchArgs {
            arc_token_dir: Some(allowed.path().to_path_buf()),
            ..FetchArgs::default()
        };
        let (r, _, _) = run(&args, &arc_env(&mock));
        let e = r.unwrap_err();
        match &e {
            FetchError::ArcKeyFile { path: p, problem } => {
                assert_eq!(p, &path);
                assert!(want(problem), "{problem:?}");
            }
            other => panic!("{other:?}"),
        }
        assert!(!e.to_string().contains(ARC_KEY));
        assert!(e.advice().is_some());
        // The key never left: one request, without Authorization.
        let reqs = mock.requests();
        assert_eq!(reqs.len(), 1);
        assert_eq!(reqs[0].header("Authorization"), None);
    }

    // A 401 without the challenge header is not an Arc agent.
    let mock = Mock::script(vec![Reply::json(401, "{}")]);
    let e = run(&FetchArgs::default(), &arc_env(&mock)).0.unwrap_err();
    assert!(matches!(e, FetchError::ArcChallenge { .. }), "{e:?}");
}

const IDENTITY_HEADER: &str = "853b9a84-5bfa-4b22-a3f3-0b9a43d9ad8a";

#[test]
fn app_service_sends_its_header_and_selectors() {
    let mock = Mock::script(vec![Reply::json(
        200,
        r#"{"access_token":"x.y.z","expires_on":"1586984735","resource":"https://vault.azure.net","token_type":"Bearer","client_id":"5E29463D-71DA-4FE0-8E69-999B57DB23B0"}"#,
    )]);
    let env = env_of(&[
        ("IDENTITY_ENDPOINT", &mock.url("/MSI/token")),
        ("IDENTITY_HEADER", IDENTITY_HEADER),
        // Container Apps sets these too; App Service must win.
        ("MSI_ENDPOINT", &mock.url("/MSI/token")),
        ("MSI_SECRET", "other"),
    ]);
    let args = FetchArgs {
        resource: Some("https://vault.azure.net".into()),
        object_id: Some("o-1".into()),
        ..FetchArgs::default()
    };
    let (r, progress, _) = run(&args, &env);
    let text = visible(&r, &progress);
    let f = r.unwrap();
    assert_eq!(f.info.host, HostKind::AppService);
    assert_eq!(f.info.env_vars, ["IDENTITY_ENDPOINT", "IDENTITY_HEADER"]);
    assert_eq!(f.info.selector.as_deref(), Some("principal_id=o-1"));
    assert!(!text.contains(IDENTITY_HEADER), "{text}");
    let r = &mock.requests()[0];
    assert_eq!(r.method, "GET");
    assert_eq!(r.path, "/MSI/token");
    assert_eq!(r.header("X-IDENTITY-HEADER"), Some(IDENTITY_HEADER));
    assert_eq!(r.query_value("api-version").as_deref(), Some("2019-08-01"));
    assert_eq!(
        r.query_value("resource").as_deref(),
        Some("https://vault.azure.net")
    );
    assert_eq!(r.query_value("principal_id").as_deref(), Some("o-1"));
    assert_eq!(r.header("secret"), None);
}

#[test]
fn app_service_errors_are_classified_and_never_echo_the_secret() {
    // A server that quotes the header back must not get it into the message.
    let mock = Mock::start(|r, _| {
        let h = r
            .header("X-IDENTITY-HEADER")
            .unwrap_or_default()
            .to_string();
        Reply::json(
            400,
            &format!(
                r#"{{"statusCode":400,"message":"Unable to load the proper Managed Identity. (header {h})","correlationId":"bf68136a"}}"#
            ),
        )
        .with_header("Server", "Kestrel")
    });
    let env = env_of(&[
        ("IDENTITY_ENDPOINT", &mock.url("/msi/token")),
        ("IDENTITY_HEADER", IDENTITY_HEADER),
    ]);
    let (r, progress, _) = run(&FetchArgs::default(), &env);
    let text = visible(&r, &progress);
    let e = r.unwrap_err();
    assert!(matches!(e, FetchError::NoIdentity(_)), "{e:?}");
    assert!(
        e.to_string()
            .contains("400: Unable to load the proper Managed Identity. (header <redacted>)"),
        "{e}"
    );
    assert!(e.advice().unwrap().contains("Identity page"));
    assert!(!text.contains(IDENTITY_HEADER), "{text}");
}

#[test]
fn an_echoed_secret_is_redacted_even_when_broken_across_lines() {
    // Not JSON, the header echoed with a line break in it: only the length is shown.
    let mock = Mock::start(|r, _| {
        let h = r.header("X-IDENTITY-HEADER").unwrap_or_default();
        let (a, b) = h.split_at(8);
        Reply::Respond {
            status: 500,
            headers: vec![],
            body: format!("bad header {a}\r\n{b} at line 1"),
        }
    });
    let env = env_of(&[
        ("IDENTITY_ENDPOINT", &mock.url("/msi/token")),
        ("IDENTITY_HEADER", IDENTITY_HEADER),
    ]);
    let (r, progress, _) = run(&FetchArgs::default(), &env);
    let text = visible(&r, &progress);
    assert!(!text.contains(&IDENTITY_HEADER[8..]), "{text}");
    assert!(text.contains("bytes, not an error document"), "{text}");

    // An error document that echoes it split by a line break, and in another member.
    let mock = Mock::start(|r, _| {
        let h = r.header("X-IDENTITY-HEADER").unwrap_or_default();
        let (a, b) = h.split_at(8);
        Reply::json(
            400,
            &format!(
                r#"{{"statusCode":400,"message":"header {a}\n{b} refused","correlationId":"{h}"}}"#
            ),
        )
    });
    let env = env_of(&[
        ("IDENTITY_ENDPOINT", &mock.url("/msi/token")),
        ("IDENTITY_HEADER", IDENTITY_HEADER),
    ]);
    let (r, progress, _) = run(&FetchArgs::default(), &env);
    let text = visible(&r, &progress);
    assert!(!text.contains(&IDENTITY_HEADER[8..]), "{text}");
    assert!(
        text.contains("400: header <redacted> refused (139-byte body, other members not shown)"),
        "{text}"
    );

    // A token response that echoes it in a member the report shows as context.
    let mock = Mock::start(|r, _| {
        let h = r.header("X-IDENTITY-HEADER").unwrap_or_default();
        let (a, b) = h.split_at(8);
        Reply::json(
            200,
            &format!(
                r#"{{"access_token":"{FAKE_TOKEN}","resource":"{ARM}","note":"{h}","more":"{a}\n{b}"}}"#
            ),
        )
    });
    let env = env_of(&[
        ("IDENTITY_ENDPOINT", &mock.url("/msi/token")),
        ("IDENTITY_HEADER", IDENTITY_HEADER),
    ]);
    let f = run(&FetchArgs::default(), &env).0.unwrap();
    let body: serde_json::Value = serde_json::from_slice(&f.body).unwrap();
    assert_eq!(body["note"], "<redacted>");
    assert_eq!(body["more"], "<redacted>");
    assert_eq!(body["access_token"], FAKE_TOKEN);
    assert_eq!(body["resource"], ARM);
    assert!(!String::from_utf8_lossy(&f.body).contains(&IDENTITY_HEADER[8..]));
}

#[test]
fn cloud_shell_posts_a_form() {
    let mock = Mock::script(vec![Reply::json(200, &token_body(ARM))]);
    let env = env_of(&[("MSI_ENDPOINT", &mock.url("/oauth2/token"))]);
    let f = run(&FetchArgs::default(), &env).0.unwrap();
    assert_eq!(f.info.host, HostKind::CloudShell);
    assert_eq!(f.info.method, "POST");
    assert_eq!(f.info.api_version, None);
    let r = &mock.requests()[0];
    assert_eq!(r.method, "POST");
    assert_eq!(r.path, "/oauth2/token");
    assert_eq!(r.raw_query, "");
    assert_eq!(r.header("Metadata"), Some("true"));
    assert_eq!(
        r.header("Content-Type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(r.body, format!("resource={ARM_ENCODED}").as_bytes());

    // A user-assigned identity cannot be asked of Cloud Shell: usage error, nothing sent.
    let args = FetchArgs {
        client_id: Some("c".into()),
        ..FetchArgs::default()
    };
    let e = run(&args, &env).0.unwrap_err();
    assert!(matches!(e, FetchError::Usage(_)), "{e:?}");
    assert_eq!(mock.requests().len(), 1);
}

#[test]
fn azure_ml_uses_the_legacy_protocol() {
    let mock = Mock::script(vec![Reply::json(
        200,
        r#"{"access_token":"x.y.z","expires_on":"06/20/2019 02:57:58 +00:00","resource":"https://management.azure.com/","token_type":"Bearer"}"#,
    )]);
    let env = env_of(&[
        ("MSI_ENDPOINT", &mock.url("/token")),
        ("MSI_SECRET", "ml-secret-value"),
    ]);
    let args = FetchArgs {
        client_id: Some("c-1".into()),
        ..FetchArgs::default()
    };
    let (r, progress, _) = run(&args, &env);
    assert!(!visible(&r, &progress).contains("ml-secret-value"));
    assert_eq!(r.unwrap().info.host, HostKind::AzureMl);
    let r = &mock.requests()[0];
    assert_eq!(r.method, "GET");
    assert_eq!(r.header("secret"), Some("ml-secret-value"));
    assert_eq!(r.query_value("api-version").as_deref(), Some("2017-09-01"));
    assert_eq!(r.query_value("clientid").as_deref(), Some("c-1"));
}

mod service_fabric {
    use super::*;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

    const CERT: &[u8] = include_bytes!("fixtures/sf-localhost.cert.der");
    const KEY: &[u8] = include_bytes!("fixtures/sf-localhost.key.der");
    /// `openssl x509 -inform der -in tests/fixtures/sf-localhost.cert.der -noout -fingerprint -sha1`
    const THUMBPRINT: &str = "DD:15:C5:91:F0:B1:38:94:6C:25:F7:76:81:09:EC:F8:33:47:E1:33";
    const SECRET: &str = "sf-per-process-secret";

    fn server_config() -> Arc<rustls::ServerConfig> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        Arc::new(
            rustls::ServerConfig::builder_with_provider(provider)
                .with_safe_default_protocol_versions()
                .unwrap()
                .with_no_client_auth()
                .with_single_cert(
                    vec![CertificateDer::from(CERT.to_vec())],
                    PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(KEY.to_vec())),
                )
                .unwrap(),
        )
    }

    fn env(mock: &Mock, thumbprint: &str) -> impl Fn(&str) -> Option<String> + use<> {
        env_of(&[
            ("IDENTITY_ENDPOINT", &mock.https_url(TOKEN_PATH)),
            ("IDENTITY_HEADER", SECRET),
            ("IDENTITY_SERVER_THUMBPRINT", thumbprint),
        ])
    }

    #[test]
    fn our_sha1_matches_openssl() {
        assert_eq!(
            jwtscope::fetch::tls::thumbprint(CERT),
            THUMBPRINT.replace(':', "").to_ascii_lowercase()
        );
    }

    #[test]
    fn the_pinned_certificate_is_accepted() {
        let mock = Mock::start_tls(server_config(), |_, _| {
            Reply::json(
                200,
                r#"{"token_type":"Bearer","access_token":"x.y.z","expires_on":1565244611,"resource":"https://vault.azure.net/"}"#,
            )
        });
        let (r, progress, _) = run(&FetchArgs::default(), &env(&mock, THUMBPRINT));
        assert!(!visible(&r, &progress).contains(SECRET));
        let f = r.unwrap();
        assert_eq!(f.info.host, HostKind::ServiceFabric);
        let r = &mock.requests()[0];
        assert_eq!(r.header("Secret"), Some(SECRET));
        assert_eq!(
            r.query_value("api-version").as_deref(),
            Some("2019-07-01-preview")
        );
        assert_eq!(r.query_value("resource").as_deref(), Some(ARM));
    }

    #[test]
    fn another_certificate_is_refused_before_the_secret_is_sent() {
        let mock = Mock::start_tls(server_config(), |_, _| Reply::json(200, "{}"));
        let wrong = "0000000000000000000000000000000000000000";
        let (r, progress, _) = run(&FetchArgs::default(), &env(&mock, wrong));
        let text = visible(&r, &progress);
        let e = r.unwrap_err();
        assert!(matches!(e, FetchError::Certificate { .. }), "{e:?}");
        assert!(
            e.to_string().contains(
                "the server's certificate has SHA-1 thumbprint dd15c591f0b138946c25f7768109ecf83347e133, not the 0000000000000000000000000000000000000000 of IDENTITY_SERVER_THUMBPRINT"
            ),
            "{e}"
        );
        assert!(!text.contains(SECRET));
        assert_eq!(mock.connections(), 1);
        assert!(mock.requests().is_empty(), "the request must not be sent");
    }
}

#[test]
fn fetch_can_be_called_again() {
    let mock = Mock::script(vec![Reply::json(200, &token_body(ARM))]);
    let args = imds_args(&mock);
    assert_loopback(&args, &no_env);
    for _ in 0..3 {
        fetch(&args, &no_env, &mut |_| {}).unwrap();
    }
    assert_eq!(mock.requests().len(), 3);
}

#[test]
fn save_writes_the_raw_answer_owner_only() {
    let body = token_body(ARM);
    let mock = Mock::script(vec![Reply::json(200, &body)]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("managedid.json");
    let f = fetch(&imds_args(&mock), &no_env, &mut |_| {}).unwrap();
    save_response(&path, &f.body).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), body.as_bytes());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
