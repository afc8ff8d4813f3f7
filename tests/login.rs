//! `jwtscope login` through the library, against the mock OpenID provider in tests/mock_oidc:
//! each flow, each authority form, and what goes wrong. A test "browser" follows the sign-in
//! URL in-process (the authorize endpoint's redirect, then the loopback listener).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod mock_oidc;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Utc;
use jwtscope::login::{self, Hooks, LoginArgs, LoginError, Progress, Session};
use jwtscope::report::Report;
use jwtscope::report::{ClaimCheck, SignatureStatus as Status};
use jwtscope::verify::{self, VerifyArgs};
use mock_oidc::{CLIENT_ID, ClientAuthCheck, Config, Provider, SECRET, TENANT};

/// What the test browser saw on the listener's page.
type Seen = Arc<Mutex<Option<(u16, String)>>>;

fn agent() -> ureq::Agent {
    ureq::Agent::new_with_config(
        ureq::Agent::config_builder()
            .max_redirects(0)
            .http_status_as_error(false)
            .proxy(None)
            .build(),
    )
}

/// Follow the sign-in URL: the provider's 302, then the listener.
fn follow(url: &str, seen: &Seen) {
    let a = agent();
    let r = a.get(url).call().unwrap();
    let location = r
        .headers()
        .get("location")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let mut back = a.get(&location).call().unwrap();
    let status = back.status().as_u16();
    let body = back.body_mut().read_to_string().unwrap();
    *seen.lock().unwrap() = Some((status, body));
}

fn entra_args(p: &Provider, tenant: &str) -> LoginArgs {
    LoginArgs {
        tenant: Some(tenant.into()),
        cloud: Some(p.base()),
        client_id: Some(CLIENT_ID.into()),
        flow: Some(login::Flow::AuthCode),
        timeout: Some(20),
        ..LoginArgs::default()
    }
}

struct Run {
    result: Result<(Session, Vec<u8>), LoginError>,
    progress: Vec<Progress>,
    seen: Seen,
    sleeps: Vec<Duration>,
}

fn run(args: &LoginArgs, env: &[(&str, &str)], browse: bool) -> Run {
    let seen: Seen = Arc::new(Mutex::new(None));
    let s2 = seen.clone();
    let open = move |url: &str| {
        if browse {
            let url = url.to_string();
            let seen = s2.clone();
            std::thread::spawn(move || follow(&url, &seen));
        }
        Ok(())
    };
    let sleeps = Mutex::new(Vec::new());
    let sleep = |d: Duration| sleeps.lock().unwrap().push(d);
    let env: Vec<(String, String)> = env
        .iter()
        .map(|(k, v)| ((*k).into(), (*v).into()))
        .collect();
    let getenv = move |k: &str| env.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let mut progress = Vec::new();
    let result = login::login(
        args,
        &getenv,
        &mut |p| progress.push(p.clone()),
        &Hooks {
            sleep: &sleep,
            open: &open,
        },
    );
    // The browser thread finishes right after the listener answered.
    for _ in 0..100 {
        if !browse || seen.lock().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Run {
        result,
        progress,
        seen,
        sleeps: sleeps.into_inner().unwrap(),
    }
}

fn report(session: &Session, body: Vec<u8>) -> Report {
    let args = session.verify_args(&VerifyArgs {
        no_cache: true,
        ..VerifyArgs::default()
    });
    let verifier = verify::prepare(&args, &|_| None).unwrap();
    session.report(body, Utc::now(), verifier.as_ref()).unwrap()
}

fn id_token(r: &Report) -> &jwtscope::report::TokenReport {
    r.tokens
        .iter()
        .find(|t| t.origin.ends_with("id_token"))
        .expect("an id_token")
}

fn check<'a>(t: &'a jwtscope::report::TokenReport, name: &str) -> &'a ClaimCheck {
    t.verification
        .claim_checks
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no {name} check: {:?}", t.verification))
}

fn assert_signed_in(p: &Provider, r: Run) -> (Session, Report) {
    let (session, body) = r.result.unwrap_or_else(|e| panic!("{e}: {:?}", e.advice()));
    p.finish();
    let report = report(&session, body);
    let id = id_token(&report);
    assert_eq!(id.verification.status, Status::Valid, "{}", id.verification);
    assert!(
        id.verification
            .key_source
            .as_deref()
            .unwrap()
            .ends_with("/discovery/v2.0/keys")
    );
    for name in ["iss", "aud"] {
        assert!(check(id, name).ok, "{:?}", check(id, name));
    }
    (session, report)
}

#[test]
fn auth_code_signs_in_and_verifies_the_id_token() {
    let p = Provider::start(Config::entra());
    let r = run(&entra_args(&p, TENANT), &[], true);
    let seen = r.seen.lock().unwrap().clone().unwrap();
    assert_eq!(seen.0, 200);
    assert!(seen.1.contains("You can close this tab"), "{}", seen.1);
    let redirect = r.progress.iter().find_map(|p| match p {
        Progress::Waiting { redirect_uri, .. } => Some(redirect_uri.clone()),
        _ => None,
    });
    let redirect = redirect.unwrap();
    assert!(redirect.starts_with("http://localhost:"), "{redirect}");
    let waiting = r
        .progress
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        waiting.contains("Mobile and desktop applications"),
        "{waiting}"
    );
    assert!(
        waiting.contains("code_challenge_method=S256"),
        "the URL is printed: {waiting}"
    );
    let (session, report) = assert_signed_in(&p, r);
    let id = id_token(&report);
    assert!(check(id, "nonce").ok);
    assert!(
        id.warnings.iter().all(|w| !w.contains("ID token")),
        "{:?}",
        id.warnings
    );
    // The source says how the tokens were had.
    let json = serde_json::to_value(&report).unwrap();
    let src = &json["source"];
    assert_eq!(src["type"], "login");
    assert_eq!(src["flow"], "auth-code");
    assert_eq!(src["issuer"], p.issuer());
    assert_eq!(src["client_id"], CLIENT_ID);
    assert_eq!(src["redirect_uri"], redirect);
    assert_eq!(
        src["scopes"],
        serde_json::json!(["openid", "profile", "offline_access"])
    );
    // The refresh token is listed, never decoded; the access token verifies with the same keys.
    assert!(
        report.tokens.iter().any(
            |t| t.origin.ends_with("refresh_token") && t.kind == jwtscope::report::Kind::Opaque
        )
    );
    let access = report
        .tokens
        .iter()
        .find(|t| t.origin.ends_with("access_token"))
        .unwrap();
    assert_eq!(access.verification.status, Status::Valid);
    assert!(
        access.context.contains_key("scope") && access.context.contains_key("ext_expires_in"),
        "{:?}",
        access.context
    );
    // The listener is closed once the answer is in.
    let port: u16 = redirect.rsplit(':').next().unwrap().parse().unwrap();
    assert!(
        std::net::TcpStream::connect(("127.0.0.1", port)).is_err(),
        "listener still open"
    );
    drop(session);
}

#[test]
fn a_state_mismatch_is_never_exchanged() {
    let p = Provider::start(Config {
        wrong_state: true,
        ..Config::entra()
    });
    // The response with the wrong state is refused, and the wait goes on (a stray request
    // must not end a sign-in); when nothing else comes, that is what the error says.
    let mut args = entra_args(&p, TENANT);
    args.timeout = Some(1);
    let r = run(&args, &[], true);
    assert!(
        matches!(r.result, Err(LoginError::StateMismatch)),
        "{:?}",
        r.result.err()
    );
    assert_eq!(p.hits("/token"), 0, "the code must not be exchanged");
    let seen = r.seen.lock().unwrap().clone().unwrap();
    assert_eq!(seen.0, 400);
    assert!(seen.1.contains("state mismatch"));
}

#[test]
fn an_error_redirect_is_explained_in_the_terminal_and_the_browser() {
    let p = Provider::start(Config {
        // The description echoes a token: it must reach neither the terminal nor the page.
        authorize_error: Some("error=consent_required&error_description=AADSTS65001%3A+The+user+or+administrator+has+not+consented+%3Cscript%3E+eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl.%0D%0ATrace+ID%3A+x".into()),
        ..Config::entra()
    });
    let r = run(&entra_args(&p, TENANT), &[], true);
    let Err(e) = r.result else {
        panic!("signed in")
    };
    let msg = e.to_string();
    assert!(msg.contains("consent_required (AADSTS65001)"), "{msg}");
    assert!(
        msg.contains("<redacted>") && !msg.contains("eyJzdWIiOiJ4In0"),
        "{msg}"
    );
    assert!(e.advice().unwrap().contains("admin"));
    let seen = r.seen.lock().unwrap().clone().unwrap();
    assert!(
        seen.1.contains("AADSTS65001")
            && seen.1.contains("&lt;script&gt;")
            && !seen.1.contains("<script>")
            && seen.1.contains("&lt;redacted&gt;")
            && !seen.1.contains("eyJzdWIiOiJ4In0"),
        "{}",
        seen.1
    );
    assert_eq!(p.hits("/token"), 0);
}

#[test]
fn a_wrong_nonce_fails_the_nonce_check() {
    let p = Provider::start(Config {
        nonce_override: Some("someone-elses-nonce".into()),
        ..Config::entra()
    });
    let r = run(&entra_args(&p, TENANT), &[], true);
    let (_, report) = assert_signed_in(&p, r);
    let id = id_token(&report);
    assert!(!check(id, "nonce").ok);
    assert!(!id.verification.claims_ok());
    assert!(
        id.warnings.iter().any(|w| w.contains("nonce")),
        "{:?}",
        id.warnings
    );
}

#[test]
fn waiting_times_out_with_the_registration_hint_and_the_listener_on_loopback_only() {
    let p = Provider::start(Config::entra());
    let args = LoginArgs {
        timeout: Some(1),
        redirect_uri: Some("http://localhost/callback".into()),
        ..entra_args(&p, TENANT)
    };
    let r = run(&args, &[], false);
    let Err(e @ LoginError::Timeout { .. }) = r.result else {
        panic!("{:?}", r.result.err())
    };
    let advice = e.advice().unwrap();
    assert!(advice.contains("register http://localhost/callback under App registrations > Authentication > Mobile and desktop applications"), "{advice}");
    // The URI sent keeps the registered path and adds the port the listener got.
    let Some(Progress::Waiting { redirect_uri, .. }) = r
        .progress
        .iter()
        .find(|p| matches!(p, Progress::Waiting { .. }))
    else {
        panic!()
    };
    assert!(redirect_uri.ends_with("/callback"));

    let l = login::listener::Listener::bind(None, None).unwrap();
    let addr = l.local_addr().unwrap();
    assert_eq!(addr.ip(), std::net::Ipv4Addr::LOCALHOST);
    // Requests without code or error (a favicon, the bare URI) do not use up the one answer.
    let port = addr.port();
    let waiter = std::thread::spawn(move || l.wait("st", Duration::from_secs(10)));
    let a = agent();
    assert_eq!(
        a.get(&format!("http://127.0.0.1:{port}/favicon.ico"))
            .call()
            .unwrap()
            .status(),
        404
    );
    assert_eq!(
        a.get(&format!("http://127.0.0.1:{port}/"))
            .call()
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        a.get(&format!("http://127.0.0.1:{port}/?code=c&state=st"))
            .call()
            .unwrap()
            .status(),
        200
    );
    let back = waiter.join().unwrap().unwrap();
    assert_eq!(back.code, "c");
    // Exactly one response is accepted: until the exchange is over, a second one gets 404.
    assert_eq!(
        a.get(&format!("http://127.0.0.1:{port}/?code=d&state=st"))
            .call()
            .unwrap()
            .status(),
        404
    );
    drop(back);
    assert!(std::net::TcpStream::connect(("127.0.0.1", port)).is_err());
}

/// A device-code sign-in against an Entra-shaped provider answering the polls with `polls`.
fn device_code(polls: Vec<&'static str>) -> (Provider, Run) {
    let p = Provider::start(Config {
        device_polls: polls,
        ..Config::entra()
    });
    let args = LoginArgs {
        flow: Some(login::Flow::DeviceCode),
        ..entra_args(&p, TENANT)
    };
    let r = run(&args, &[], false);
    (p, r)
}

#[test]
fn device_code_waits_through_pending_and_slow_down() {
    let (p, r) = device_code(vec![
        "authorization_pending",
        "slow_down",
        "authorization_pending",
    ]);
    let shown = r
        .progress
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        shown.contains("open https://microsoft.com/devicelogin and enter the code ABCD-EFGH"),
        "{shown}"
    );
    assert!(!shown.contains("device-code-secret"));
    // 1 s, then slow_down adds 5 s for that poll and every later one.
    assert_eq!(r.sleeps, [1, 6, 6].map(Duration::from_secs));
    let sleeps = r.sleeps.clone();
    let (_, report) = assert_signed_in(&p, r);
    assert_eq!(p.polls(), 4, "{sleeps:?}");
    assert!(
        id_token(&report)
            .verification
            .claim_checks
            .iter()
            .all(|c| c.name != "nonce")
    );
}

#[test]
fn device_code_stops_at_expired_token() {
    let (p, r) = device_code(vec![
        "authorization_pending",
        "expired_token",
        "authorization_pending",
    ]);
    let Err(LoginError::Provider(e)) = &r.result else {
        panic!("{:?}", r.result.err())
    };
    assert_eq!(e.error, "expired_token");
    assert_eq!(e.codes, [70019]);
    assert!(e.advice().unwrap().contains("run jwtscope login again"));
    assert_eq!(p.polls(), 2, "polling goes on after expired_token");
}

#[test]
fn device_code_wait_that_runs_out_says_so() {
    // The provider answers "still waiting" until the end; the wait (here --timeout 1, with
    // real sleeps) runs out first.
    let p = Provider::start(Config {
        device_polls: vec!["authorization_pending"; 20],
        ..Config::entra()
    });
    let args = LoginArgs {
        flow: Some(login::Flow::DeviceCode),
        timeout: Some(1),
        ..entra_args(&p, TENANT)
    };
    let mut progress = Vec::new();
    let result = login::login(
        &args,
        &|_| None,
        &mut |p| progress.push(p.to_string()),
        &Hooks {
            sleep: &std::thread::sleep,
            open: &|_| Ok(()),
        },
    );
    assert!(
        progress[0].ends_with("; the code expires in 15m"),
        "{progress:?}"
    );
    let Err(LoginError::Provider(e)) = &result else {
        panic!("{:?}", result.err())
    };
    // Not the provider's last "authorization_pending": that is not what went wrong.
    assert_eq!(e.error, "expired_token", "{e}");
    assert!(e.advice().unwrap().contains("run jwtscope login again"));
}

fn client_credentials(
    auth: ClientAuthCheck,
    args: impl Fn(&Provider) -> LoginArgs,
    env: &[(&str, &str)],
) {
    let p = Provider::start(Config {
        client_auth: auth,
        ..Config::entra()
    });
    let r = run(&args(&p), env, false);
    let (session, body) = r.result.unwrap_or_else(|e| panic!("{e}"));
    p.finish();
    let report = report(&session, body);
    assert_eq!(report.tokens.len(), 1);
    assert_eq!(
        report.tokens[0]
            .summary
            .identity_type
            .as_deref()
            .map(|s| s.starts_with("application")),
        Some(true),
        "{:?}",
        report.tokens[0].summary.identity_type
    );
    assert_eq!(
        serde_json::to_value(&report).unwrap()["source"]["scopes"],
        serde_json::json!(["https://graph.microsoft.com/.default"])
    );
}

fn cc_args(p: &Provider) -> LoginArgs {
    LoginArgs {
        flow: Some(login::Flow::ClientCredentials),
        scopes: vec!["https://graph.microsoft.com/.default".into()],
        ..entra_args(p, TENANT)
    }
}

#[test]
fn client_credentials_with_a_secret_in_the_body_or_basic() {
    client_credentials(
        ClientAuthCheck::SecretPost,
        |p| LoginArgs {
            client_secret_env: Some("APP_SECRET".into()),
            ..cc_args(p)
        },
        &[("APP_SECRET", SECRET)],
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("secret.txt");
    std::fs::write(&file, format!("{SECRET}\n")).unwrap();
    client_credentials(
        ClientAuthCheck::SecretBasic,
        |p| LoginArgs {
            client_secret_file: Some(file.clone()),
            client_auth: login::ClientAuth::Basic,
            ..cc_args(p)
        },
        &[],
    );
}

#[test]
fn client_credentials_with_a_certificate() {
    client_credentials(
        ClientAuthCheck::Certificate,
        |p| LoginArgs {
            certificate: Some(mock_oidc::fixture("client.pem")),
            ..cc_args(p)
        },
        &[],
    );
}

#[test]
fn client_credentials_need_a_credential_and_a_scope() {
    let p = Provider::start(Config::entra());
    let r = run(
        &LoginArgs {
            scopes: vec![],
            certificate: Some(mock_oidc::fixture("client.pem")),
            ..cc_args(&p)
        },
        &[],
        false,
    );
    assert!(r.result.unwrap_err().to_string().contains("--scope"));
    let r = run(&cc_args(&p), &[], false);
    assert!(r.result.unwrap_err().is_usage());
    let r = run(
        &LoginArgs {
            client_secret_env: Some("NOPE".into()),
            ..cc_args(&p)
        },
        &[],
        false,
    );
    assert!(
        r.result
            .unwrap_err()
            .to_string()
            .contains("NOPE is not set")
    );
    assert_eq!(
        p.mock.requests().len(),
        0,
        "nothing is sent before the options are sound"
    );
}

#[test]
fn refresh_gets_new_tokens_with_the_refresh_token() {
    let p = Provider::start(Config::entra());
    let r = run(&entra_args(&p, TENANT), &[], true);
    let (mut session, report1) = assert_signed_in(&p, r);
    let rt = report1
        .tokens
        .iter()
        .find(|t| t.origin.ends_with("refresh_token"))
        .map(|_| "refresh-1")
        .unwrap();
    let body = session.refresh(rt).unwrap();
    assert_eq!(login::refresh_token_of(&body).as_deref(), Some("refresh-2"));
    let body = session.refresh("refresh-2").unwrap();
    let report = report(&session, body);
    assert!(check(id_token(&report), "nonce").ok);
    assert_eq!(
        serde_json::to_value(&report).unwrap()["source"]["refreshed"],
        true
    );
    p.finish();
    assert_eq!(p.hits("/token"), 3);
}

#[test]
fn a_sign_in_that_asked_for_openid_and_got_no_id_token_says_so() {
    let p = Provider::start(Config {
        no_id_token: true,
        ..Config::entra()
    });
    let r = run(&entra_args(&p, TENANT), &[], true);
    let (mut session, body) = r.result.unwrap_or_else(|e| panic!("{e}"));
    let said = |report: &Report| {
        report
            .tokens
            .iter()
            .flat_map(|t| &t.warnings)
            .filter(|w| w.contains("asked for the openid scope, but the response has no id_token"))
            .count()
    };
    let first = report(&session, body);
    assert!(!first.tokens.iter().any(login::is_id_token));
    assert_eq!(said(&first), 1, "{:?}", first.tokens[0].warnings);
    // A refresh may leave it out (OIDC Core 12.2): no warning then.
    let body = session.refresh("refresh-1").unwrap();
    assert_eq!(said(&report(&session, body)), 0);
    p.finish();
}

#[test]
fn b2c_user_flow_with_a_guid_issuer_and_string_expiry() {
    let p = Provider::start(Config {
        authority_path: "/contoso.onmicrosoft.com/B2C_1_signin/v2.0".into(),
        issuer: format!("{{base}}/{TENANT}/v2.0/"),
        expires_as_string: true,
        ..Config::entra()
    });
    let args = LoginArgs {
        authority: Some(p.authority()),
        client_id: Some(CLIENT_ID.into()),
        timeout: Some(20),
        ..LoginArgs::default()
    };
    // No --flow: $BROWSER makes it auth-code.
    let r = run(&args, &[("BROWSER", "test-browser")], true);
    let (_, report) = assert_signed_in(&p, r);
    assert!(check(id_token(&report), "nonce").ok);
}

#[test]
fn entra_domain_and_common_tenants_take_entra_issuer_forms() {
    let p = Provider::start(Config {
        authority_path: "/contoso.onmicrosoft.com/v2.0".into(),
        ..Config::entra()
    });
    let (session, _) = assert_signed_in(
        &p,
        run(&entra_args(&p, "contoso.onmicrosoft.com"), &[], true),
    );
    assert_eq!(session.issuer.tenant_id.as_deref(), Some(TENANT));

    let p = Provider::start(Config {
        authority_path: "/common/v2.0".into(),
        issuer: "{base}/{tenantid}/v2.0".into(),
        token_iss: Some(format!("{{base}}/{TENANT}/v2.0")),
        ..Config::entra()
    });
    assert_signed_in(&p, run(&entra_args(&p, "common"), &[], true));

    // common, but the token names another tenant than its tid.
    let p = Provider::start(Config {
        authority_path: "/organizations/v2.0".into(),
        issuer: "{base}/{tenantid}/v2.0".into(),
        token_iss: Some("{base}/00000000-0000-0000-0000-000000000001/v2.0".into()),
        ..Config::entra()
    });
    let (session, body) = run(&entra_args(&p, "organizations"), &[], true)
        .result
        .unwrap();
    let report = report(&session, body);
    assert!(!check(id_token(&report), "iss").ok);
}

#[test]
fn a_discovery_document_naming_another_host_is_refused_before_the_browser() {
    let p = Provider::start(Config {
        issuer: format!("https://login.evil.example/{TENANT}/v2.0"),
        ..Config::entra()
    });
    let r = run(&entra_args(&p, TENANT), &[], true);
    let Err(e @ LoginError::Issuer { .. }) = r.result else {
        panic!("{:?}", r.result.err())
    };
    assert!(e.to_string().contains("another host"), "{e}");
    assert!(
        r.progress
            .iter()
            .all(|p| !matches!(p, Progress::Browser { .. }))
    );
    assert_eq!(p.mock.requests().len(), 1, "only discovery was asked");
}

#[test]
fn the_flow_follows_the_environment() {
    assert!(login::browser_available(&|k| (k == "BROWSER").then(|| "firefox".to_string())).is_ok());
    if cfg!(target_os = "linux") {
        let ssh =
            login::browser_available(&|k| (k == "SSH_CONNECTION").then(|| "1 2 3 4".to_string()));
        assert!(ssh.unwrap_err().contains("SSH"));
    }
}

#[test]
fn a_confidential_web_app_sends_its_secret_when_redeeming_the_code() {
    let p = Provider::start(Config {
        client_auth: ClientAuthCheck::SecretPost,
        ..Config::entra()
    });
    let args = LoginArgs {
        client_secret_env: Some("APP_SECRET".into()),
        ..entra_args(&p, TENANT)
    };
    let (mut session, _) = assert_signed_in(&p, run(&args, &[("APP_SECRET", SECRET)], true));
    // The refresh authenticates the same way.
    session.refresh("refresh-1").unwrap();
    p.finish();
}

#[test]
fn an_unknown_tenant_is_explained_from_discovery() {
    let m = mock_oidc::Mock::start(|_, _| {
        mock_oidc::Reply::json(
            400,
            r#"{"error":"invalid_tenant","error_description":"AADSTS90002: Tenant 'nosuch.onmicrosoft.com' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.","error_codes":[90002]}"#,
        )
    });
    let args = LoginArgs {
        tenant: Some("nosuch.onmicrosoft.com".into()),
        cloud: Some(format!("http://127.0.0.1:{}", m.addr.port())),
        client_id: Some(CLIENT_ID.into()),
        ..LoginArgs::default()
    };
    let r = run(&args, &[], false);
    let Err(e) = r.result else {
        panic!("signed in")
    };
    assert!(e.to_string().contains("the discovery endpoint answered invalid_tenant (AADSTS90002): AADSTS90002: Tenant 'nosuch.onmicrosoft.com' not found"), "{e}");
    assert!(
        e.advice().unwrap().contains("check --tenant"),
        "{:?}",
        e.advice()
    );
    assert_eq!(
        m.requests()[0].path,
        "/nosuch.onmicrosoft.com/v2.0/.well-known/openid-configuration"
    );
}

/// Fails when `message` shows any of `secrets` (or a piece of one long enough to matter).
fn assert_shows_none(message: &str, secrets: &[String]) {
    assert!(!secrets.is_empty());
    for s in secrets {
        let head: String = s.chars().take(12).collect();
        assert!(
            !message.contains(s.as_str()) && !message.contains(&head),
            "{s:?} shown in {message}"
        );
    }
    assert!(message.contains("<redacted>"), "{message}");
}

/// The whole of what a user sees of an error: the message, the advice, and the Debug form.
fn everything_shown(e: &LoginError) -> String {
    format!("{e}\n{:?}\n{e:?}", e.advice())
}

#[test]
fn secrets_a_provider_echoes_are_redacted_in_every_grant() {
    // The code exchange of a confidential client: secret, code, PKCE verifier.
    let p = Provider::start(Config {
        client_auth: ClientAuthCheck::SecretPost,
        echo_grant: Some("authorization_code"),
        ..Config::entra()
    });
    let args = LoginArgs {
        client_secret_env: Some("APP_SECRET".into()),
        ..entra_args(&p, TENANT)
    };
    let e = run(&args, &[("APP_SECRET", SECRET)], true)
        .result
        .err()
        .unwrap();
    let sent = p.sent_secrets();
    // The secret, also percent-encoded as the body sent it; the code; the verifier.
    assert_eq!(sent.len(), 4, "{sent:?}");
    assert_shows_none(&everything_shown(&e), &sent);
    assert!(
        e.to_string().contains("invalid_client (AADSTS7000215)"),
        "{e}"
    );

    // Client credentials with a secret in a Basic header: base64 of the encoded id:secret.
    let p = Provider::start(Config {
        client_auth: ClientAuthCheck::SecretBasic,
        echo_grant: Some("client_credentials"),
        ..Config::entra()
    });
    let args = LoginArgs {
        client_secret_env: Some("APP_SECRET".into()),
        client_auth: login::ClientAuth::Basic,
        ..cc_args(&p)
    };
    let e = run(&args, &[("APP_SECRET", SECRET)], false)
        .result
        .err()
        .unwrap();
    let sent = p.sent_secrets();
    assert!(sent.iter().any(|s| s.ends_with('=')), "{sent:?}"); // the Basic credential
    assert_shows_none(&everything_shown(&e), &sent);

    // Device polling: the device code.
    let p = Provider::start(Config {
        echo_grant: Some("urn:ietf:params:oauth:grant-type:device_code"),
        ..Config::entra()
    });
    let args = LoginArgs {
        flow: Some(login::Flow::DeviceCode),
        ..entra_args(&p, TENANT)
    };
    let e = run(&args, &[], false).result.err().unwrap();
    assert_shows_none(&everything_shown(&e), &p.sent_secrets());

    // Client credentials with a certificate: the client assertion.
    let p = Provider::start(Config {
        client_auth: ClientAuthCheck::Certificate,
        echo_grant: Some("client_credentials"),
        ..Config::entra()
    });
    let args = LoginArgs {
        certificate: Some(mock_oidc::fixture("client.pem")),
        ..cc_args(&p)
    };
    let e = run(&args, &[], false).result.err().unwrap();
    assert_shows_none(&everything_shown(&e), &p.sent_secrets());

    // A refresh (`R` in the UI): the refresh token.
    let p = Provider::start(Config {
        echo_grant: Some("refresh_token"),
        ..Config::entra()
    });
    let (mut session, _) = assert_signed_in(&p, run(&entra_args(&p, TENANT), &[], true));
    let e = session.refresh("refresh-1").err().unwrap();
    let sent: Vec<String> = p
        .sent_secrets()
        .into_iter()
        .filter(|s| s == "refresh-1")
        .collect();
    assert_shows_none(&everything_shown(&e), &sent);
}

#[test]
fn a_huge_timeout_from_code_is_bounded_not_a_panic() {
    // The command line refuses these (1..=3600); code may still pass them.
    let p = Provider::start(Config::entra());
    let args = LoginArgs {
        timeout: Some(u64::MAX),
        ..entra_args(&p, TENANT)
    };
    let r = run(&args, &[], true);
    assert!(r.progress.iter().any(|g| matches!(
        g,
        Progress::Waiting { timeout, .. } if *timeout == Duration::from_secs(3600)
    )));
    assert_signed_in(&p, r);
    let p = Provider::start(Config::entra());
    let args = LoginArgs {
        flow: Some(login::Flow::DeviceCode),
        timeout: Some(9_223_372_036_854_775_807),
        ..entra_args(&p, TENANT)
    };
    assert_signed_in(&p, run(&args, &[], false));
}
