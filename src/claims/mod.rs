//! What a decoded token means: the summary, a description for every header parameter and
//! claim, readable times, issuer recognition and the Azure specifics.
//!
//! Explaining never changes the decoded token; it only adds words next to it. Time enters
//! once, as `now`.

pub mod azure;
pub mod catalog;
pub mod entra;
pub mod issuer;
pub mod time;

use crate::token::json::Members as _;
use serde_json::{Map, Value};
use std::borrow::Cow;

use crate::report::{Field, Summary, TimeInfo};
use catalog::Family;
use time::Now;

/// Claims whose values are NumericDates whatever the issuer.
const TIME_CLAIMS: &[&str] = &["exp", "nbf", "iat", "auth_time", "updated_at", "pwd_exp"];

/// The explanation of one token.
#[derive(Debug, Clone)]
pub struct Explained {
    pub summary: Summary,
    pub header_params: Vec<Field>,
    pub claims: Vec<Field>,
    pub context_fields: Vec<Field>,
    pub warnings: Vec<String>,
}

fn str_of<'a>(m: &'a Map<String, Value>, k: &str) -> Option<&'a str> {
    m.member(k).and_then(Value::as_str)
}

/// A string for display from a string or number member.
fn text_of(m: &Map<String, Value>, k: &str) -> Option<String> {
    match m.member(k)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Strings from a member that may be a string (space-separated when `split`) or an array.
fn list_of(m: &Map<String, Value>, k: &str, split: bool) -> Vec<String> {
    match m.member(k) {
        Some(Value::String(s)) if split => s.split_whitespace().map(str::to_string).collect(),
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .map(|v| match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect(),
        // The wrong type is warned about; the summary shows the value as it is.
        Some(other) => vec![other.to_string()],
        None => Vec::new(),
    }
}

/// A member for the summary: a string as it is, any other value as its JSON text (a wrong
/// type is warned about, not hidden).
fn shown_of(m: &Map<String, Value>, k: &str) -> Option<String> {
    match m.member(k)? {
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// Explain a decoded token, found with `context` around it, at `now` (whose zone local times
/// are shown in). `claims` is the payload
/// when it is a JSON object (else empty); its values move into the returned fields, so a
/// 5000-group token is held once.
pub fn explain(
    header: &Map<String, Value>,
    claims: Map<String, Value>,
    context: &Map<String, Value>,
    now: Now,
) -> Explained {
    let claims_map = claims;
    let claims = &claims_map;
    let iss = str_of(claims, "iss");
    let recognised = iss.and_then(issuer::recognise);
    let family = recognised.as_ref().map_or(Family::Generic, |i| i.family);
    let mut warnings = Vec::new();

    let header_params = header
        .iter()
        .map(|(k, v)| {
            let entry = catalog::header(k, family);
            let meaning = match (k.as_str(), v.as_str()) {
                ("alg" | "enc", Some(a)) => catalog::algorithm(a).map(Cow::Borrowed),
                (_, Some(s)) => entry
                    .and_then(|e| catalog::value_meaning(e, s))
                    .map(Cow::Borrowed),
                _ => None,
            };
            Field {
                name: k.clone(),
                value: v.clone(),
                description: entry.map(|e| e.description),
                meaning,
                time: None,
            }
        })
        .collect();

    let mut claim_fields: Vec<Field> = claims
        .iter()
        .map(|(k, v)| {
            let entry = catalog::claim(k, family);
            let is_time = TIME_CLAIMS.contains(&k.as_str()) || entry.is_some_and(|e| e.is_time);
            let time = if k == "pwd_exp" && family == Family::Entra {
                // Entra sends pwd_exp as seconds after iat, not as a NumericDate.
                entra_pwd_exp(claims, v, now)
            } else if is_time {
                time::info(v, now)
            } else {
                None
            };
            // RFC 7519 makes the registered time claims NumericDates; others are only read.
            if TIME_CLAIMS.contains(&k.as_str()) && !(k == "pwd_exp" && family == Family::Entra) {
                time_warning(k, v, time.as_ref(), &mut warnings);
            }
            Field {
                // Both filled below by moving them out of the map.
                name: String::new(),
                value: Value::Null,
                description: entry.map(|e| e.description),
                meaning: meaning(k, v, entry, family),
                time,
            }
        })
        .collect();

    let times = Times::of(claims, &claim_fields);
    let summary = summarize(
        claims,
        recognised.as_ref(),
        family,
        times,
        now,
        &mut warnings,
    );
    check_claims(header, claims, times, recognised.as_ref(), &mut warnings);
    let context_fields = context_fields(context, now);
    cross_check(times, &context_fields, &mut warnings);
    for (field, (name, value)) in claim_fields.iter_mut().zip(claims_map) {
        field.name = name;
        field.value = value;
    }

    Explained {
        summary,
        header_params,
        claims: claim_fields,
        context_fields,
        warnings,
    }
}

/// The summary and context of a token that cannot be decoded (opaque).
pub fn explain_opaque(
    context: &Map<String, Value>,
    now: Now,
) -> (Summary, Vec<Field>, Vec<String>) {
    let fields = context_fields(context, now);
    let mut warnings = Vec::new();
    let summary = summarize(
        &Map::new(),
        None,
        Family::Generic,
        Times::default(),
        now,
        &mut warnings,
    );
    (summary, fields, warnings)
}

/// `pwd_exp` in Entra tokens: the number of seconds after `iat` at which the password expires.
fn entra_pwd_exp(claims: &Map<String, Value>, v: &Value, now: Now) -> Option<TimeInfo> {
    let (secs, _) = time::parse(v, now.zone)?;
    let (iat, _) = time::parse(claims.member("iat")?, now.zone)?;
    let mut info = time::info(&Value::from(iat + secs), now)?;
    info.note = Some(format!(
        "seconds after \"iat\" ({}), as Microsoft Entra ID sends it",
        time::duration(secs.max(0.0) as u64)
    ));
    Some(info)
}

fn time_warning(name: &str, value: &Value, t: Option<&TimeInfo>, warnings: &mut Vec<String>) {
    match t {
        None => warnings.push(format!(
            "\"{name}\" is {}, not a NumericDate (RFC 7519 §2): no time can be read from it",
            crate::token::json::type_name(value)
        )),
        Some(t) => {
            if let Some(note) = &t.note
                && note != "has a fractional part"
            {
                let read = t
                    .utc
                    .clone()
                    .unwrap_or_else(|| format!("{} seconds since 1970", t.unix));
                warnings.push(format!("\"{name}\" is {note}; read as {read}"));
            }
        }
    }
}

/// The registered time claims of a token as read, found once (the claim fields have no names
/// until the end of [`explain`]: the names move in from the map with the values).
#[derive(Clone, Copy, Default)]
struct Times<'a> {
    exp: Option<&'a TimeInfo>,
    nbf: Option<&'a TimeInfo>,
    iat: Option<&'a TimeInfo>,
}

impl<'a> Times<'a> {
    /// `fields` are the fields of `claims`, in the map's order.
    fn of(claims: &Map<String, Value>, fields: &'a [Field]) -> Self {
        let mut times = Times::default();
        for (name, field) in claims.keys().zip(fields) {
            let slot = match name.as_str() {
                "exp" => &mut times.exp,
                "nbf" => &mut times.nbf,
                "iat" => &mut times.iat,
                _ => continue,
            };
            *slot = field.time.as_ref();
        }
        times
    }
}

fn time_of<'a>(fields: &'a [Field], name: &str) -> Option<&'a TimeInfo> {
    fields
        .iter()
        .find(|f| f.name == name)
        .and_then(|f| f.time.as_ref())
}

fn summarize(
    claims: &Map<String, Value>,
    recognised: Option<&issuer::Issuer>,
    family: Family,
    times: Times<'_>,
    now: Now,
    warnings: &mut Vec<String>,
) -> Summary {
    let audience = list_of(claims, "aud", false);
    if let Some(Value::Array(a)) = claims.member("aud") {
        if a.is_empty() {
            warnings.push("\"aud\" is an empty array: the token names no audience".to_string());
        } else if a.iter().any(|v| !v.is_string()) {
            warnings.push(
                "\"aud\" contains values that are not strings (RFC 7519 §4.1.3 requires strings)"
                    .to_string(),
            );
        }
    }
    let entra = family == Family::Entra;
    let app_id = ["appid", "azp", "client_id", "cid"]
        .iter()
        .find_map(|k| str_of(claims, k))
        .map(str::to_string);
    let app_name = str_of(claims, "app_displayname")
        .map(str::to_string)
        .or_else(|| {
            app_id
                .as_deref()
                .and_then(entra::client_app)
                .map(str::to_string)
        });
    let scopes = if claims.has("scp") {
        list_of(claims, "scp", true)
    } else {
        list_of(claims, "scope", true)
    };
    let identity_type = entra.then(|| identity_type(claims)).flatten();

    let Times { exp, nbf, iat } = times;
    let judged = time::judge(
        claims.member("exp").map(|_| exp.map(|t| t.unix)),
        nbf.map(|t| t.unix),
        now.utc,
        0,
    );
    let lifetime = match (exp, iat) {
        (Some(e), Some(i)) if e.unix >= i.unix => Some(time::duration((e.unix - i.unix) as u64)),
        _ => None,
    };
    Summary {
        issuer: shown_of(claims, "iss"),
        issuer_kind: recognised.map(|i| i.kind.clone()),
        audience_name: if entra {
            audience
                .first()
                .and_then(|a| entra::resource(a))
                .map(str::to_string)
        } else {
            None
        },
        audience,
        subject: shown_of(claims, "sub"),
        user: ["upn", "preferred_username", "email", "unique_name"]
            .iter()
            .find_map(|k| shown_of(claims, k)),
        name: shown_of(claims, "name"),
        auth_methods: list_of(claims, "amr", false),
        group_count: match claims.member("groups") {
            Some(Value::Array(a)) => Some(a.len()),
            _ => None,
        },
        groups_overage: claims
            .member("_claim_names")
            .and_then(Value::as_object)
            .is_some_and(|m| m.has("groups")),
        object_id: str_of(claims, "oid").map(str::to_string),
        tenant_id: str_of(claims, "tid").map(str::to_string),
        app_id,
        app_name,
        identity_type,
        token_version: text_of(claims, "ver"),
        scopes,
        roles: list_of(claims, "roles", false),
        azure_resource: str_of(claims, "xms_mirid").and_then(azure::parse),
        azure_compute_resource: str_of(claims, "xms_az_rid").and_then(azure::parse),
        issued_at: iat.and_then(|t| t.utc.clone()),
        not_before: nbf.and_then(|t| t.utc.clone()),
        expires_at: exp.and_then(|t| t.utc.clone()),
        status: judged.status,
        seconds_to_expiry: exp.map(|t| t.seconds_from_now),
        expiry: judged.phrase(),
        lifetime,
        exp_unix: exp.map(|t| t.unix),
        nbf_unix: nbf.map(|t| t.unix),
    }
}

/// Entra's identity type: `idtyp` when present, else app-only when there is no `scp`.
fn identity_type(claims: &Map<String, Value>) -> Option<String> {
    let base = match str_of(claims, "idtyp") {
        Some("app") => "application (app-only)",
        Some("user") => "user",
        Some("device") => "device",
        _ if claims.has("scp") => "user (delegated)",
        _ if claims.has("appid") || claims.has("azp") => "application (app-only)",
        _ => return None,
    };
    Some(if claims.has("xms_mirid") {
        format!("{base} · managed identity")
    } else {
        base.to_string()
    })
}

/// What a particular value means.
fn meaning(
    name: &str,
    value: &Value,
    entry: Option<&catalog::Entry>,
    family: Family,
) -> Option<Cow<'static, str>> {
    let entra = family == Family::Entra;
    match (name, value) {
        ("xms_mirid" | "xms_az_rid", Value::String(s)) => azure::parse(s).map(|r| {
            Cow::Owned(format!(
                "{} {} in resource group {} (subscription {})",
                r.kind.unwrap_or(&r.resource_type),
                r.name,
                r.resource_group,
                r.subscription_id
            ))
        }),
        ("tid", Value::String(s)) if entra && s == issuer::MSA_TENANT => Some(Cow::Borrowed(
            "the tenant of personal Microsoft accounts (MSA)",
        )),
        ("aud", Value::String(s)) if entra => entra::resource(s).map(Cow::Borrowed),
        ("appid" | "azp", Value::String(s)) if entra => entra::client_app(s).map(Cow::Borrowed),
        ("wids", Value::Array(ids)) if entra => {
            let named: Vec<String> = ids
                .iter()
                .filter_map(Value::as_str)
                .filter_map(|id| catalog::entra_role_template(id).map(str::to_string))
                .collect();
            (!named.is_empty()).then(|| Cow::Owned(named.join(", ")))
        }
        (_, _) => {
            let entry = entry?;
            if entry.values.is_empty() {
                return None;
            }
            let items: Vec<String> = match value {
                Value::String(s) if name == "xms_idrel" => {
                    s.split_whitespace().map(str::to_string).collect()
                }
                Value::String(s) => vec![s.clone()],
                Value::Number(n) => vec![n.to_string()],
                Value::Array(a) => a
                    .iter()
                    .filter_map(|v| match v {
                        Value::String(s) => Some(s.clone()),
                        Value::Number(n) => Some(n.to_string()),
                        _ => None,
                    })
                    .collect(),
                _ => return None,
            };
            let described: Vec<String> = items
                .iter()
                .filter_map(|i| catalog::value_meaning(entry, i).map(|m| format!("{i}: {m}")))
                .collect();
            (!described.is_empty()).then(|| Cow::Owned(described.join("; ")))
        }
    }
}

/// Findings about the claims that a strict validator or a careful reader would raise.
fn check_claims(
    header: &Map<String, Value>,
    claims: &Map<String, Value>,
    times: Times<'_>,
    recognised: Option<&issuer::Issuer>,
    warnings: &mut Vec<String>,
) {
    let Times { exp, nbf, iat } = times;
    if let (Some(e), Some(n)) = (exp, nbf)
        && e.unix <= n.unix
    {
        warnings.push("\"exp\" is not after \"nbf\": the token is never valid".to_string());
    }
    if let (Some(e), Some(i)) = (exp, iat)
        && e.unix < i.unix
    {
        warnings
            .push("\"exp\" is before \"iat\": the token expired before it was issued".to_string());
    }
    if let Some(i) = iat
        && i.seconds_from_now > 300
    {
        warnings.push(format!(
            "\"iat\" is {} from now: issued in the future, so the issuer's clock or this machine's is wrong",
            time::duration(i.seconds_from_now.unsigned_abs())
        ));
    }
    if let Some(aud) = claims.member("aud")
        && !matches!(aud, Value::String(_) | Value::Array(_))
    {
        warnings.push(format!(
            "\"aud\" is {}, but RFC 7519 §4.1.3 requires a string or an array of strings",
            crate::token::json::type_name(aud)
        ));
    }
    for k in ["iss", "sub", "jti"] {
        if let Some(v) = claims.member(k)
            && !v.is_string()
        {
            warnings.push(format!(
                "\"{k}\" is {}, but RFC 7519 §4.1 requires a string",
                crate::token::json::type_name(v)
            ));
        }
    }
    if let (Some(issuer), Some(tid)) = (recognised, str_of(claims, "tid"))
        && let Some(iss_tenant) = &issuer.tenant
        && iss_tenant.len() == 36
        && !iss_tenant.eq_ignore_ascii_case(tid)
    {
        warnings.push(format!(
            "the tenant in \"iss\" ({iss_tenant}) differs from \"tid\" ({tid})"
        ));
    }
    if header.has("nonce") && recognised.is_some_and(|i| i.family == Family::Entra) {
        warnings.push(
            "the header carries a \"nonce\": this is a Microsoft Graph-style token whose signature only Microsoft can check; it is meant for Graph, not for your API".to_string(),
        );
    }
}

/// Descriptions of the fields of token responses (IMDS, `az`, OAuth).
fn context_description(name: &str) -> Option<&'static str> {
    Some(match name {
        "expires_in" => {
            "Seconds the token stays valid, counted when the response was made (IMDS caches tokens, so it is often less than the full lifetime)."
        }
        "ext_expires_in" => {
            "Extended lifetime in seconds: how long the token may still be used while Microsoft Entra ID is unavailable."
        }
        "expires_on" => {
            "When the token expires, as reported by the endpoint; it should equal the token's \"exp\"."
        }
        "not_before" => {
            "When the token becomes valid, as reported by the endpoint; it should equal the token's \"nbf\"."
        }
        "expiresOn" => "When the token expires, in local time without a zone (Azure CLI).",
        "resource" => "The resource (audience) the token was requested for.",
        "token_type" | "tokenType" => {
            "How to present the token: \"Bearer\" means in an Authorization: Bearer header."
        }
        "client_id" => {
            "The client ID of the managed identity (or application) the token was issued to."
        }
        "object_id" => "The object ID of the user-assigned identity that was requested.",
        "msi_res_id" => "The ARM resource ID of the user-assigned identity that was requested.",
        "scope" => "The scopes granted to the token.",
        "tenant" => "The tenant the token was issued in (Azure CLI).",
        "subscription" => "The Azure subscription selected in the Azure CLI.",
        _ => return None,
    })
}

fn context_fields(context: &Map<String, Value>, now: Now) -> Vec<Field> {
    context
        .iter()
        .map(|(k, v)| {
            let time = match k.as_str() {
                "expires_on" | "not_before" | "expiresOn" => time::info(v, now),
                _ => None,
            };
            let meaning = match (k.as_str(), v) {
                ("expires_in" | "ext_expires_in", v) => time::parse(v, now.zone)
                    .filter(|(s, _)| *s >= 0.0)
                    .map(|(s, _)| Cow::Owned(time::duration(s as u64))),
                ("resource", Value::String(s)) => entra::resource(s).map(Cow::Borrowed),
                _ => None,
            };
            Field {
                name: k.clone(),
                value: v.clone(),
                description: context_description(k),
                meaning,
                time,
            }
        })
        .collect()
}

/// The response says one thing, the token another: worth knowing before trusting either.
fn cross_check(claims: Times<'_>, context: &[Field], warnings: &mut Vec<String>) {
    let has_unix_expiry = context.iter().any(|f| f.name == "expires_on");
    for (ctx, claim, time) in [
        ("expires_on", "exp", claims.exp),
        ("expiresOn", "exp", claims.exp),
        ("not_before", "nbf", claims.nbf),
    ] {
        // az's expiresOn is local time of the machine that ran az: compare it only when
        // nothing better is there.
        if ctx == "expiresOn" && has_unix_expiry {
            continue;
        }
        let (Some(c), Some(t)) = (time_of(context, ctx), time) else {
            continue;
        };
        let diff = (c.unix - t.unix).abs();
        if diff >= 1.0 {
            warnings.push(format!(
                "the response's \"{ctx}\" ({}) differs from the token's \"{claim}\" ({}) by {}",
                c.utc.as_deref().unwrap_or("?"),
                t.utc.as_deref().unwrap_or("?"),
                time::duration(diff as u64)
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::ExpiryStatus;
    use chrono::{DateTime, Utc};
    use serde_json::json;
    use time::Zone;

    const TID: &str = "8c3dad1d-b6bc-4f8b-939b-8263372eced6";
    const T0: i64 = 1_795_507_200;

    fn at(secs: i64) -> Now {
        Now::new(
            DateTime::<Utc>::from_timestamp(secs, 0).unwrap(),
            Zone::utc(),
        )
    }

    fn obj(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => panic!("not an object"),
        }
    }

    fn explain_at(header: Value, claims: Value, context: Value, now: Now) -> Explained {
        explain(&obj(header), obj(claims), &obj(context), now)
    }

    fn managed_identity() -> Value {
        json!({
            "aud": "https://management.azure.com/",
            "iss": format!("https://sts.windows.net/{TID}/"),
            "iat": T0, "nbf": T0, "exp": T0 + 86_700,
            "appid": "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
            "idtyp": "app",
            "oid": "b1e2c3d4-5f60-4718-9a2b-3c4d5e6f7081",
            "tid": TID,
            "ver": "1.0",
            "xms_mirid": "/subscriptions/5f1d/resourcegroups/rg/providers/Microsoft.Compute/virtualMachines/vm-01",
            "wids": ["62e90394-69f5-4237-9190-012177145e10"],
            "x_unknown": 1,
        })
    }

    #[test]
    fn an_entra_managed_identity_token_is_summarised() {
        let e = explain_at(
            json!({"alg": "RS256"}),
            managed_identity(),
            json!({}),
            at(T0 + 3600),
        );
        let s = &e.summary;
        assert_eq!(
            s.issuer_kind.as_deref(),
            Some("Microsoft Entra ID · v1 · public or US Government cloud")
        );
        assert_eq!(s.audience, ["https://management.azure.com/"]);
        assert_eq!(s.audience_name.as_deref(), Some("Azure Resource Manager"));
        assert_eq!(s.app_name.as_deref(), Some("Azure CLI"));
        assert_eq!(
            s.identity_type.as_deref(),
            Some("application (app-only) · managed identity")
        );
        assert_eq!(s.tenant_id.as_deref(), Some(TID));
        assert_eq!(s.token_version.as_deref(), Some("1.0"));
        let vm = s.azure_resource.as_ref().unwrap();
        assert_eq!(
            (vm.name.as_str(), vm.kind),
            ("vm-01", Some("virtual machine"))
        );
        assert_eq!(s.status, ExpiryStatus::Valid);
        assert_eq!(s.expiry, "valid · expires in 23h 5m");
        assert_eq!(s.lifetime.as_deref(), Some("24h 5m"));
        assert_eq!(s.seconds_to_expiry, Some(86_700 - 3600));
        assert!(e.warnings.is_empty(), "{:?}", e.warnings);
    }

    #[test]
    fn every_claim_is_kept_in_order_with_what_it_means() {
        let e = explain_at(
            json!({"alg": "RS256", "zz": 1}),
            managed_identity(),
            json!({}),
            at(T0),
        );
        let names: Vec<&str> = e.claims.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            obj(managed_identity())
                .keys()
                .map(String::as_str)
                .collect::<Vec<_>>()
        );
        let field = |n: &str| e.claims.iter().find(|f| f.name == n).unwrap();
        // Values move into the fields unchanged.
        assert_eq!(field("iat").value, json!(T0));
        assert_eq!(
            field("wids").meaning.as_deref(),
            Some("Global Administrator")
        );
        assert!(
            field("xms_mirid")
                .meaning
                .as_deref()
                .unwrap()
                .contains("resource group rg")
        );
        assert_eq!(
            field("exp").time.as_ref().unwrap().local.as_deref(),
            Some("2026-11-25 08:05:00 +00:00")
        );
        // An unknown name gets no description, never a guess.
        assert_eq!(field("x_unknown").description, None);
        assert!(field("oid").description.is_some());
        assert_eq!(
            e.header_params[0].meaning.as_deref(),
            Some("RSASSA-PKCS1-v1_5 with SHA-256")
        );
        assert_eq!(e.header_params[1].description, None);
    }

    #[test]
    fn expiry_is_judged_at_now() {
        let claims = json!({"exp": T0, "nbf": T0 - 60});
        let e = explain_at(json!({}), claims.clone(), json!({}), at(T0 + 10_920));
        assert_eq!(e.summary.status, ExpiryStatus::Expired);
        assert_eq!(e.summary.expiry, "EXPIRED 3h 2m ago");
        let e = explain_at(json!({}), claims, json!({}), at(T0 - 300));
        assert_eq!(e.summary.status, ExpiryStatus::NotYetValid);
        assert_eq!(e.summary.expiry, "NOT YET VALID · valid in 4m");
        let e = explain_at(json!({}), json!({"sub": "x"}), json!({}), at(T0));
        assert_eq!(e.summary.status, ExpiryStatus::NoExpiry);
        let e = explain_at(json!({}), json!({"exp": "soon"}), json!({}), at(T0));
        assert_eq!(e.summary.status, ExpiryStatus::Unknown);
        assert!(
            e.warnings
                .iter()
                .any(|w| w.contains("\"exp\" is a string, not a NumericDate"))
        );
    }

    #[test]
    fn summaries_read_scopes_roles_and_audiences() {
        let e = explain_at(
            json!({}),
            json!({"aud": ["a", "b"], "scp": "User.Read  Mail.Send", "roles": ["r1"], "azp": "x"}),
            json!({}),
            at(T0),
        );
        assert_eq!(e.summary.audience, ["a", "b"]);
        assert_eq!(e.summary.scopes, ["User.Read", "Mail.Send"]);
        assert_eq!(e.summary.roles, ["r1"]);
        assert_eq!(e.summary.app_id.as_deref(), Some("x"));
        // Only Entra tokens get Entra's identity type.
        assert_eq!(e.summary.identity_type, None);
        let e = explain_at(json!({}), json!({"aud": []}), json!({}), at(T0));
        assert!(e.warnings.iter().any(|w| w.contains("empty array")));
        let e = explain_at(json!({}), json!({"aud": ["a", 1]}), json!({}), at(T0));
        assert!(e.warnings.iter().any(|w| w.contains("not strings")));
    }

    #[test]
    fn check_claims_finds_what_a_validator_would_refuse() {
        let warned = |header: Value, claims: Value| {
            explain_at(header, claims, json!({}), at(T0))
                .warnings
                .join("\n")
        };
        assert!(warned(json!({}), json!({"exp": T0, "nbf": T0})).contains("never valid"));
        assert!(
            warned(json!({}), json!({"exp": T0, "iat": T0 + 1}))
                .contains("expired before it was issued")
        );
        assert!(warned(json!({}), json!({"iat": T0 + 301})).contains("issued in the future"));
        assert!(!warned(json!({}), json!({"iat": T0 + 300})).contains("issued in the future"));
        assert!(warned(json!({}), json!({"sub": 5})).contains("\"sub\" is a number"));
        let other = "00000000-0000-0000-0000-000000000001";
        let iss = format!("https://sts.windows.net/{TID}/");
        assert!(
            warned(json!({}), json!({"iss": iss, "tid": other})).contains("differs from \"tid\"")
        );
        assert!(!warned(json!({}), json!({"iss": iss, "tid": TID.to_uppercase()})).contains("tid"));
        assert!(warned(json!({"nonce": "n"}), json!({"iss": iss})).contains("Microsoft Graph"));
        assert!(
            !warned(json!({"nonce": "n"}), json!({"iss": "https://example.com"})).contains("Graph")
        );
    }

    #[test]
    fn entra_pwd_exp_counts_seconds_after_iat() {
        let iss = format!("https://sts.windows.net/{TID}/");
        let e = explain_at(
            json!({}),
            json!({"iss": iss, "iat": T0, "pwd_exp": 3600}),
            json!({}),
            at(T0),
        );
        let t = e.claims[2].time.as_ref().unwrap();
        assert_eq!(t.utc.as_deref(), Some("2026-11-24T09:00:00Z"));
        assert!(t.note.as_deref().unwrap().contains("seconds after \"iat\""));
        // Elsewhere it is a NumericDate.
        let e = explain_at(
            json!({}),
            json!({"iat": T0, "pwd_exp": 3600}),
            json!({}),
            at(T0),
        );
        assert_eq!(
            e.claims[1].time.as_ref().unwrap().utc.as_deref(),
            Some("1970-01-01T01:00:00Z")
        );
    }

    #[test]
    fn the_response_around_a_token_is_explained_and_cross_checked() {
        let context = json!({"expires_on": (T0 + 100).to_string(), "expires_in": "3599", "resource": "https://vault.azure.net"});
        let e = explain_at(json!({}), json!({"exp": T0}), context, at(T0));
        let f = &e.context_fields;
        assert_eq!(f[0].time.as_ref().unwrap().seconds_from_now, 100);
        assert_eq!(f[1].meaning.as_deref(), Some("59m 59s"));
        assert_eq!(f[2].meaning.as_deref(), Some("Azure Key Vault"));
        assert!(f.iter().all(|f| f.description.is_some()));
        assert!(
            e.warnings
                .iter()
                .any(|w| w.contains("differs from the token's \"exp\"") && w.contains("1m 40s"))
        );
    }

    #[test]
    fn az_expires_on_is_read_in_the_zone_given() {
        let context = json!({"expiresOn": "2026-11-24 10:00:00.000000"});
        let plus_two = Zone::Fixed(chrono::FixedOffset::east_opt(7200).unwrap());
        let (_, fields, _) = explain_opaque(&obj(context.clone()), Now::new(at(T0).utc, plus_two));
        assert_eq!(
            fields[0].time.as_ref().unwrap().utc.as_deref(),
            Some("2026-11-24T08:00:00Z")
        );
        let (summary, fields, warnings) = explain_opaque(&obj(context), at(T0));
        assert_eq!(
            fields[0].time.as_ref().unwrap().utc.as_deref(),
            Some("2026-11-24T10:00:00Z")
        );
        assert_eq!(summary.status, ExpiryStatus::NoExpiry);
        assert!(warnings.is_empty());
    }
}
