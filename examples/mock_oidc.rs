//! The tests' mock OpenID provider as a program, to try `jwtscope login` by hand without a
//! real identity provider: `cargo run --example mock_oidc [entra|common|b2c|nonce|consent|device]`
//! prints the command to run and serves on 127.0.0.1 until stopped (Ctrl-C).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/mock_oidc/mod.rs"]
mod mock_oidc;

use mock_oidc::{CLIENT_ID, Config, Provider, TENANT};

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_else(|| "entra".into());
    let config = match mode.as_str() {
        "entra" => Config::entra(),
        "common" => Config {
            authority_path: "/common/v2.0".into(),
            issuer: "{base}/{tenantid}/v2.0".into(),
            token_iss: Some(format!("{{base}}/{TENANT}/v2.0")),
            ..Config::entra()
        },
        "b2c" => Config {
            authority_path: "/contoso.onmicrosoft.com/B2C_1_signin/v2.0".into(),
            issuer: format!("{{base}}/{TENANT}/v2.0/"),
            expires_as_string: true,
            ..Config::entra()
        },
        "nonce" => Config { nonce_override: Some("someone-elses".into()), ..Config::entra() },
        "consent" => Config {
            authorize_error: Some("error=consent_required&error_description=AADSTS65001%3A+The+user+or+administrator+has+not+consented+to+use+the+application.".into()),
            ..Config::entra()
        },
        "device" => Config { device_polls: vec!["authorization_pending", "slow_down"], ..Config::entra() },
        other => {
            eprintln!("unknown mode {other:?}: entra, common, b2c, nonce, consent or device");
            std::process::exit(2);
        }
    };
    let p = Provider::start(config);
    let tenant = match mode.as_str() {
        "common" => "common".to_string(),
        _ => TENANT.to_string(),
    };
    if mode == "b2c" {
        println!(
            "jwtscope login --authority {} --client-id {CLIENT_ID}",
            p.authority()
        );
    } else {
        println!(
            "jwtscope login --tenant {tenant} --cloud {} --client-id {CLIENT_ID}",
            p.base()
        );
    }
    println!(
        "(a browser for it: BROWSER=\"curl -sL -o /dev/null\" (split at spaces, the URL appended), or --no-browser and curl -L the printed URL)"
    );
    loop {
        std::thread::park();
    }
}
