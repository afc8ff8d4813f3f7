//! A mock OpenID provider on 127.0.0.1 for the sign-in tests: discovery, JWKS, authorize,
//! token and device authorization. It asserts every request it gets (PKCE verifier against
//! challenge, `redirect_uri` equal in both legs, the client authentication expected, grant
//! types) and records them; a failed assertion is kept and the test's `finish()` panics with
//! it. Only loopback addresses are bound or contacted.
//!
//! The keys in tests/fixtures/login are test-only, made with
//! `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048` and
//! `openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=jwtscope-test-client`.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

#[path = "../mock_identity/mod.rs"]
pub mod mock_identity;

use std::sync::{Arc, Mutex, OnceLock};
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use ring::signature::{self, RsaKeyPair};
use serde_json::{Value, json};
use sha2::{Digest as _, Sha256};

pub use mock_identity::{Mock, Reply, Request, decode_pairs};

pub const CLIENT_ID: &str = "11111111-2222-3333-4444-555555555555";
pub const TENANT: &str = "8c3dad1d-b6bc-4f8b-939b-8263372eced6";
pub const SECRET: &str = "s3cr3t value+/=";

pub fn fixture(name: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/login")
        .join(name)
}

fn pem_der(path: &std::path::Path, label: &str) -> Vec<u8> {
    let text = std::fs::read_to_string(path).unwrap();
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let start = text.find(&begin).unwrap() + begin.len();
    let stop = text[start..].find(&end).unwrap() + start;
    let b64: String = text[start..stop].split_whitespace().collect();
    STANDARD.decode(b64).unwrap()
}

pub fn idp_key() -> &'static RsaKeyPair {
    static KEY: OnceLock<RsaKeyPair> = OnceLock::new();
    KEY.get_or_init(|| {
        RsaKeyPair::from_pkcs8(&pem_der(&fixture("idp-key.pem"), "PRIVATE KEY")).unwrap()
    })
}

pub fn b64u(b: impl AsRef<[u8]>) -> String {
    URL_SAFE_NO_PAD.encode(b)
}

pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// An RS256 token signed with the provider's key.
pub fn sign(claims: &Value) -> String {
    let header = json!({"typ": "JWT", "alg": "RS256", "kid": "test-kid"});
    let input = format!("{}.{}", b64u(header.to_string()), b64u(claims.to_string()));
    let key = idp_key();
    let mut sig = vec![0; key.public().modulus_len()];
    key.sign(
        &signature::RSA_PKCS1_SHA256,
        &ring::rand::SystemRandom::new(),
        input.as_bytes(),
        &mut sig,
    )
    .unwrap();
    format!("{input}.{}", b64u(sig))
}

pub fn jwks() -> Value {
    let components: signature::RsaPublicKeyComponents<Vec<u8>> = idp_key().public().into();
    json!({"keys": [{"kty": "RSA", "use": "sig", "kid": "test-kid", "n": b64u(&components.n), "e": b64u(&components.e)}]})
}

/// How the client must authenticate at the token endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientAuthCheck {
    /// A public client: `client_id` in the body, no secret, no assertion.
    Public,
    SecretPost,
    SecretBasic,
    /// A client assertion signed by tests/fixtures/login/client.pem.
    Certificate,
}

/// What the provider is like.
#[derive(Debug, Clone)]
pub struct Config {
    /// The path the authority is at ("/TENANT/v2.0", "/tfp/B2C_1_signin/v2.0", "/realm").
    pub authority_path: String,
    /// The discovered issuer; `{base}` is replaced with `http://127.0.0.1:PORT`.
    pub issuer: String,
    /// The ID token's `iss` (default: the issuer); `{base}` replaced.
    pub token_iss: Option<String>,
    pub tid: String,
    pub client_auth: ClientAuthCheck,
    /// Where the authorize endpoint sends the browser: Ok(()) = a code, Err(query) = that
    /// error query; `wrong_state` sends another state.
    pub authorize_error: Option<String>,
    pub wrong_state: bool,
    /// The nonce to put in the ID token instead of the one sent.
    pub nonce_override: Option<String>,
    /// Device polls answered with these errors before the tokens (the last may be terminal).
    pub device_polls: Vec<&'static str>,
    pub device_interval: u64,
    /// A token-endpoint error answer (status, body) instead of tokens.
    pub token_error: Option<(u16, String)>,
    /// `expires_in` as a string, as B2C sends it.
    pub expires_as_string: bool,
    /// Token requests of this grant type are refused with an error that echoes their
    /// secrets (client secret, code, verifier, device code, refresh token, assertion), whole
    /// and broken by a line break, in the description and in `trace_id`.
    pub echo_grant: Option<&'static str>,
    /// The key set endpoint answers this status (200: an empty key set) instead of the keys.
    pub jwks_status: Option<u16>,
    /// The token response leaves out `id_token` (the openid scope not granted).
    pub no_id_token: bool,
}

impl Config {
    pub fn entra() -> Config {
        Config {
            authority_path: format!("/{TENANT}/v2.0"),
            issuer: format!("{{base}}/{TENANT}/v2.0"),
            token_iss: None,
            tid: TENANT.into(),
            client_auth: ClientAuthCheck::Public,
            authorize_error: None,
            wrong_state: false,
            nonce_override: None,
            device_polls: Vec::new(),
            device_interval: 1,
            token_error: None,
            expires_as_string: false,
            echo_grant: None,
            jwks_status: None,
            no_id_token: false,
        }
    }
}

#[derive(Debug, Default)]
struct State {
    /// From the authorize request.
    redirect_uri: Option<String>,
    challenge: Option<String>,
    nonce: Option<String>,
    code: Option<String>,
    polls: usize,
    refreshes: usize,
    problems: Vec<String>,
}

/// The running provider.
pub struct Provider {
    pub mock: Mock,
    base: Arc<OnceLock<String>>,
    state: Arc<Mutex<State>>,
    pub config: Config,
}

fn form(r: &Request) -> Vec<(String, String)> {
    decode_pairs(std::str::from_utf8(&r.body).unwrap_or_default())
}

fn get<'a>(pairs: &'a [(String, String)], k: &str) -> Option<&'a str> {
    pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str())
}

impl Provider {
    pub fn start(config: Config) -> Provider {
        let base: Arc<OnceLock<String>> = Arc::new(OnceLock::new());
        let state = Arc::new(Mutex::new(State::default()));
        let (b, s, c) = (base.clone(), state.clone(), config.clone());
        let mock = Mock::start(move |r, _| {
            let base = b.get().cloned().unwrap_or_default();
            let mut st = s.lock().unwrap();
            let reply = handle(&c, &base, &mut st, r);
            reply.unwrap_or_else(|problem| {
                st.problems.push(problem.clone());
                Reply::json(
                    500,
                    &json!({"error": "mock_assertion", "error_description": problem}).to_string(),
                )
            })
        });
        base.set(format!("http://127.0.0.1:{}", mock.addr.port()))
            .unwrap();
        Provider {
            mock,
            base,
            state,
            config,
        }
    }

    pub fn base(&self) -> String {
        self.base.get().unwrap().clone()
    }

    /// The authority URL (`--authority` or `--cloud` + tenant).
    pub fn authority(&self) -> String {
        format!("{}{}", self.base(), self.config.authority_path)
    }

    pub fn issuer(&self) -> String {
        self.config.issuer.replace("{base}", &self.base())
    }

    /// Requests to `path` (the authority-relative endpoint name).
    pub fn hits(&self, suffix: &str) -> usize {
        self.mock
            .requests()
            .iter()
            .filter(|r| r.path.ends_with(suffix))
            .count()
    }

    /// The secrets sent to the token endpoint so far (client secret, code, verifier, device
    /// code, refresh token, client assertion), for checking that no message shows them.
    pub fn sent_secrets(&self) -> Vec<String> {
        let mut out = Vec::new();
        for r in self.mock.requests() {
            if !r.path.ends_with("/token") {
                continue;
            }
            let f = form(&r);
            for k in SECRET_PARAMS {
                out.extend(get(&f, k).map(str::to_string));
            }
            // As sent: percent-encoded in the body, base64 in a Basic header.
            let body = String::from_utf8_lossy(&r.body).into_owned();
            for pair in body.split('&') {
                if let Some((k, v)) = pair.split_once('=')
                    && SECRET_PARAMS.contains(&k)
                    && !out.iter().any(|o| o == v)
                {
                    out.push(v.to_string());
                }
            }
            if let Some(basic) = r
                .header("authorization")
                .and_then(|h| h.strip_prefix("Basic "))
            {
                out.push(basic.to_string());
            }
        }
        out
    }

    pub fn polls(&self) -> usize {
        self.state.lock().unwrap().polls
    }

    /// Panics with what the provider objected to.
    pub fn finish(&self) {
        let problems = self.state.lock().unwrap().problems.clone();
        assert!(
            problems.is_empty(),
            "the mock provider objected: {problems:#?}"
        );
    }
}

fn tokens(c: &Config, base: &str, nonce: Option<&str>, rt: &str) -> String {
    let iss = c
        .token_iss
        .clone()
        .unwrap_or_else(|| c.issuer.clone())
        .replace("{base}", base)
        .replace("{tenantid}", &c.tid);
    let now = now();
    let mut id = json!({
        "aud": CLIENT_ID, "iss": iss, "iat": now, "nbf": now, "exp": now + 3600,
        "name": "Test User", "oid": "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f",
        "preferred_username": "test@example.com", "sub": "test-subject", "tid": c.tid, "ver": "2.0",
    });
    if let Some(n) = c.nonce_override.as_deref().or(nonce) {
        id["nonce"] = json!(n);
    }
    let access = sign(&json!({
        "aud": "api://test-api", "iss": iss, "iat": now, "nbf": now, "exp": now + 3600,
        "azp": CLIENT_ID, "scp": "read", "sub": "test-subject", "tid": c.tid, "ver": "2.0",
    }));
    let expires: Value = if c.expires_as_string {
        json!("3599")
    } else {
        json!(3599)
    };
    let mut response = json!({
        "token_type": "Bearer", "scope": "openid profile offline_access", "expires_in": expires,
        "ext_expires_in": expires, "access_token": access, "refresh_token": rt,
        "id_token": sign(&id),
    });
    if c.no_id_token {
        response["scope"] = json!("profile offline_access");
        response.as_object_mut().unwrap().remove("id_token");
    }
    response.to_string()
}

fn check_client_auth(
    c: &Config,
    r: &Request,
    f: &[(String, String)],
    base: &str,
) -> Result<(), String> {
    let basic = r.header("authorization");
    match c.client_auth {
        ClientAuthCheck::Public => {
            (get(f, "client_id") == Some(CLIENT_ID))
                .then_some(())
                .ok_or("client_id missing from the body")?;
            if basic.is_some()
                || get(f, "client_secret").is_some()
                || get(f, "client_assertion").is_some()
            {
                return Err("a public client sent a credential".into());
            }
        }
        ClientAuthCheck::SecretPost => {
            if get(f, "client_id") != Some(CLIENT_ID)
                || get(f, "client_secret") != Some(SECRET)
                || basic.is_some()
            {
                return Err(format!(
                    "client_secret_post expected, got basic={basic:?} body names {:?}",
                    f.iter().map(|p| &p.0).collect::<Vec<_>>()
                ));
            }
        }
        ClientAuthCheck::SecretBasic => {
            // RFC 6749 §2.3.1: both halves form-urlencoded, then base64.
            let pair = basic
                .and_then(|b| b.strip_prefix("Basic "))
                .and_then(|b| STANDARD.decode(b).ok())
                .and_then(|b| String::from_utf8(b).ok())
                .ok_or(format!("client_secret_basic expected, got {basic:?}"))?;
            let (id, secret) = pair
                .split_once(':')
                .ok_or("no colon in Basic credentials")?;
            let dec = |s: &str| decode_pairs(&format!("x={s}"))[0].1.clone();
            if dec(id) != CLIENT_ID || dec(secret) != SECRET || get(f, "client_secret").is_some() {
                return Err(format!(
                    "client_secret_basic with the wrong credentials: {pair:?}"
                ));
            }
        }
        ClientAuthCheck::Certificate => {
            if get(f, "client_assertion_type")
                != Some("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
            {
                return Err("client_assertion_type missing".into());
            }
            let a = get(f, "client_assertion").ok_or("client_assertion missing")?;
            check_assertion(a, &format!("{base}{}/oauth2/v2.0/token", c.authority_path))?;
        }
    }
    Ok(())
}

fn url_encode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// The client assertion: PS256 by the certificate's key, the thumbprints of the certificate,
/// aud = the token endpoint, iss = sub = the client, a GUID jti, exp 10 minutes on.
pub fn check_assertion(jwt: &str, token_endpoint: &str) -> Result<(), String> {
    let parts: Vec<&str> = jwt.split('.').collect();
    let [h, p, s] = parts.as_slice() else {
        return Err("not three segments".into());
    };
    let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(h).unwrap()).unwrap();
    let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(p).unwrap()).unwrap();
    let cert = pem_der(&fixture("client.pem"), "CERTIFICATE");
    let want_s256 = b64u(Sha256::digest(&cert));
    let want_sha1 = b64u(ring::digest::digest(
        &ring::digest::SHA1_FOR_LEGACY_USE_ONLY,
        &cert,
    ));
    if header["alg"] != "PS256"
        || header["x5t#S256"] != want_s256.as_str()
        || header["x5t"] != want_sha1.as_str()
    {
        return Err(format!("assertion header {header}"));
    }
    // The certificate's public key (the RSAPublicKey inside its SubjectPublicKeyInfo).
    let c = <x509_cert::Certificate as x509_cert::der::Decode>::from_der(&cert).unwrap();
    let spki = c
        .tbs_certificate()
        .subject_public_key_info()
        .subject_public_key
        .raw_bytes()
        .to_vec();
    let key = signature::UnparsedPublicKey::new(&signature::RSA_PSS_2048_8192_SHA256, spki);
    key.verify(
        format!("{h}.{p}").as_bytes(),
        &URL_SAFE_NO_PAD.decode(s).unwrap(),
    )
    .map_err(|_| "the assertion's signature does not verify with the certificate".to_string())?;
    let now = now();
    let exp = claims["exp"].as_i64().unwrap_or(0);
    let ok = claims["aud"] == token_endpoint
        && claims["iss"] == CLIENT_ID
        && claims["sub"] == CLIENT_ID
        && claims["jti"].as_str().is_some_and(|j| j.len() == 36)
        && (now + 590..=now + 610).contains(&exp);
    if ok {
        Ok(())
    } else {
        Err(format!(
            "assertion claims {claims} (token endpoint {token_endpoint})"
        ))
    }
}

/// The token request's parameters that are secrets: what an echoing answer quotes and what
/// the tests look for in jwtscope's messages.
const SECRET_PARAMS: [&str; 6] = [
    "client_secret",
    "code",
    "code_verifier",
    "device_code",
    "refresh_token",
    "client_assertion",
];

/// An error answer quoting the request's secrets, as a careless provider might: each value,
/// whole and broken by a line break, the Authorization header, and the raw (encoded) body.
fn echo(r: &Request, f: &[(String, String)]) -> Value {
    let mut said = Vec::new();
    for k in SECRET_PARAMS {
        if let Some(v) = get(f, k) {
            let half = v
                .char_indices()
                .nth(v.chars().count() / 2)
                .map_or(0, |(i, _)| i);
            said.push(format!("{k}={v} ({}\\n {})", &v[..half], &v[half..]));
        }
    }
    if let Some(h) = r.header("authorization") {
        said.push(format!("authorization={h}"));
    }
    said.push(format!("body={}", String::from_utf8_lossy(&r.body)));
    let said = said.join(", ");
    json!({
        "error": "invalid_client",
        "error_description": format!("AADSTS7000215: Invalid client secret provided. Received: {said}\r\nTrace ID: t"),
        "error_codes": [7_000_215],
        "trace_id": said,
        "received": f.iter().cloned().collect::<std::collections::BTreeMap<_, _>>(),
    })
}

fn handle(c: &Config, base: &str, st: &mut State, r: &Request) -> Result<Reply, String> {
    let a = &c.authority_path;
    let path = r.path.as_str();
    let json = |v: Value| Ok(Reply::json(200, &v.to_string()));
    if path == format!("{a}/.well-known/openid-configuration") {
        return json(json!({
            "issuer": c.issuer.replace("{base}", base),
            "authorization_endpoint": format!("{base}{a}/oauth2/v2.0/authorize"),
            "token_endpoint": format!("{base}{a}/oauth2/v2.0/token"),
            "device_authorization_endpoint": format!("{base}{a}/oauth2/v2.0/devicecode"),
            "jwks_uri": format!("{base}{a}/discovery/v2.0/keys"),
            "response_types_supported": ["code"],
        }));
    }
    if path == format!("{a}/discovery/v2.0/keys") {
        return match c.jwks_status {
            None => json(jwks()),
            Some(200) => json(json!({"keys": []})),
            Some(status) => Ok(Reply::json(status, r#"{"error":"not_found"}"#)),
        };
    }
    if path == format!("{a}/oauth2/v2.0/authorize") {
        let q = r.query();
        let want = |k: &str| {
            get(&q, k)
                .map(str::to_string)
                .ok_or(format!("authorize without {k}"))
        };
        if want("client_id")? != CLIENT_ID
            || want("response_type")? != "code"
            || want("code_challenge_method")? != "S256"
        {
            return Err(format!("authorize query {q:?}"));
        }
        let scope = want("scope")?;
        if !scope.split(' ').any(|s| s == "openid") {
            return Err(format!("scope without openid: {scope}"));
        }
        let redirect = want("redirect_uri")?;
        st.redirect_uri = Some(redirect.clone());
        st.challenge = Some(want("code_challenge")?);
        st.nonce = Some(want("nonce")?);
        let state = if c.wrong_state {
            "not-the-state".to_string()
        } else {
            want("state")?
        };
        let query = if let Some(e) = &c.authorize_error {
            format!("{e}&state={}", url_encode(&state))
        } else {
            let code = format!("code-{}", now());
            st.code = Some(code.clone());
            format!("code={code}&state={}", url_encode(&state))
        };
        let sep = if redirect.contains('?') { '&' } else { '?' };
        return Ok(Reply::Respond {
            status: 302,
            headers: vec![("Location".into(), format!("{redirect}{sep}{query}"))],
            body: String::new(),
        });
    }
    if path == format!("{a}/oauth2/v2.0/devicecode") {
        if r.method != "POST" {
            return Err("device authorization is a POST".into());
        }
        let f = form(r);
        if get(&f, "client_id") != Some(CLIENT_ID)
            || !get(&f, "scope").unwrap_or_default().contains("openid")
        {
            return Err(format!("device authorization body {f:?}"));
        }
        return json(json!({
            "device_code": "device-code-secret", "user_code": "ABCD-EFGH",
            "verification_uri": "https://microsoft.com/devicelogin", "expires_in": 900,
            "interval": c.device_interval,
            "message": "To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code ABCD-EFGH to authenticate.",
        }));
    }
    if path == format!("{a}/oauth2/v2.0/token") {
        if r.method != "POST" {
            return Err("token is a POST".into());
        }
        let f = form(r);
        check_client_auth(c, r, &f, base)?;
        if let Some((status, body)) = &c.token_error {
            return Ok(Reply::json(*status, body));
        }
        if c.echo_grant.is_some() && get(&f, "grant_type") == c.echo_grant {
            return Ok(Reply::json(401, &echo(r, &f).to_string()));
        }
        match get(&f, "grant_type") {
            Some("authorization_code") => {
                if get(&f, "code") != st.code.as_deref() || st.code.is_none() {
                    return Err("a code that was not issued".into());
                }
                st.code = None; // one use
                if get(&f, "redirect_uri") != st.redirect_uri.as_deref() {
                    return Err(format!(
                        "redirect_uri differs between the legs: {:?} vs {:?}",
                        get(&f, "redirect_uri"),
                        st.redirect_uri
                    ));
                }
                let verifier = get(&f, "code_verifier").ok_or("no code_verifier")?;
                if Some(b64u(Sha256::digest(verifier.as_bytes()))) != st.challenge {
                    return Err("the PKCE verifier does not match the challenge".into());
                }
                Ok(Reply::json(
                    200,
                    &tokens(c, base, st.nonce.clone().as_deref(), "refresh-1"),
                ))
            }
            Some("urn:ietf:params:oauth:grant-type:device_code") => {
                if get(&f, "device_code") != Some("device-code-secret") {
                    return Err("wrong device_code".into());
                }
                let i = st.polls;
                st.polls += 1;
                if let Some(e) = c.device_polls.get(i) {
                    let code = match *e {
                        "authorization_pending" => 70016,
                        "expired_token" => 70019,
                        _ => 1,
                    };
                    // Entra answers polls with HTTP 400 and a JSON error body.
                    let body = json!({"error": e, "error_description": format!("AADSTS{code}: {e}"), "error_codes": [code]});
                    return Ok(Reply::json(400, &body.to_string()));
                }
                Ok(Reply::json(200, &tokens(c, base, None, "refresh-1")))
            }
            Some("client_credentials") => {
                if get(&f, "scope") != Some("https://graph.microsoft.com/.default") {
                    return Err(format!("client credentials scope {:?}", get(&f, "scope")));
                }
                let now = now();
                let access = sign(
                    &json!({"aud": "https://graph.microsoft.com", "iss": format!("https://sts.windows.net/{}/", c.tid), "iat": now, "nbf": now, "exp": now + 3600, "appid": CLIENT_ID, "roles": ["User.Read.All"], "tid": c.tid, "ver": "1.0"}),
                );
                json(
                    json!({"token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599, "access_token": access}),
                )
            }
            Some("refresh_token") => {
                let rt = get(&f, "refresh_token").unwrap_or_default();
                let want = format!("refresh-{}", st.refreshes + 1);
                if rt != want {
                    return Err(format!("refresh with {rt:?}, expected {want:?}"));
                }
                st.refreshes += 1;
                Ok(Reply::json(
                    200,
                    &tokens(
                        c,
                        base,
                        st.nonce.clone().as_deref(),
                        &format!("refresh-{}", st.refreshes + 1),
                    ),
                ))
            }
            other => Err(format!("grant_type {other:?}")),
        }
    } else {
        Ok(Reply::json(404, r#"{"error":"not_found"}"#))
    }
}
