//! The one model every output renders: JSON is its serialisation, the text report and the
//! terminal UI draw it. Data only: [`claims`](crate::claims) and [`verify`](crate::verify)
//! fill it, [`pipeline`](crate::pipeline) assembles it, [`output`](crate::output) and the UI
//! read it.

mod verification;

use std::borrow::Cow;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::source::Source;
use crate::token::JweParts;

pub use verification::{ClaimCheck, SignatureStatus, Verification};

/// Everything found in one input.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Where the input came from.
    pub source: Source,
    /// The instant all relative times are computed against (RFC 3339 UTC).
    pub now: String,
    /// Tokens in input order.
    pub tokens: Vec<TokenReport>,
    /// Strings that looked like tokens but could not be decoded, and why.
    pub skipped: Vec<Skipped>,
}

/// A token-looking string that was passed over.
#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub origin: String,
    pub reason: String,
}

/// What kind of token an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Jws,
    Jwe,
    Unsecured,
    /// Not a JWT (an opaque refresh token): listed, not decoded.
    Opaque,
}

/// How the payload is represented in [`TokenReport::payload`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PayloadType {
    /// JSON (an object for a JWT claims set).
    Json,
    /// UTF-8 text that is not JSON.
    Text,
    /// Not UTF-8: `payload` is the bytes in hex.
    Binary,
    /// JWE: encrypted, `payload` is null.
    Encrypted,
    /// Opaque token: no payload.
    None,
}

/// One named value with what it means: a header parameter, a claim, or a response field.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub name: String,
    /// The value exactly as decoded.
    pub value: Value,
    /// What the name means, in words; `null` for names we do not know.
    pub description: Option<&'static str>,
    /// What this particular value means ("pwd: password", "Global Administrator", ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Borrowed when it is a catalog's text (an algorithm, a well-known resource), as it
    /// nearly always is: no copy a token.
    pub meaning: Option<Cow<'static, str>>,
    /// For time values: the instant in readable forms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<TimeInfo>,
}

/// The headline facts of a token.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub issuer: Option<String>,
    /// Which provider that is, recognised from the issuer's shape.
    pub issuer_kind: Option<String>,
    pub audience: Vec<String>,
    /// The audience in words when it is a well-known service ("Azure Resource Manager").
    pub audience_name: Option<String>,
    pub subject: Option<String>,
    /// Who the token is for when it is a user: `upn`, `preferred_username`, `email` or
    /// `unique_name`, the first present.
    pub user: Option<String>,
    /// The user's display name (`name`).
    pub name: Option<String>,
    /// How the user signed in (`amr`: "pwd", "mfa", ...), as the token lists them.
    pub auth_methods: Vec<String>,
    /// How many groups `groups` lists; `null` when it is absent or moved out (overage).
    pub group_count: Option<usize>,
    /// The groups did not fit in the token (`_claim_names` names `groups`): the issuer's API
    /// (Microsoft Graph) has them.
    pub groups_overage: bool,
    pub object_id: Option<String>,
    pub tenant_id: Option<String>,
    /// The client application (`appid`, `azp`, `client_id`, `cid`).
    pub app_id: Option<String>,
    /// Its name, from `app_displayname` or a well-known first-party ID.
    pub app_name: Option<String>,
    /// "application (app-only) · managed identity", "user (delegated)", ...
    pub identity_type: Option<String>,
    pub token_version: Option<String>,
    pub scopes: Vec<String>,
    pub roles: Vec<String>,
    /// The managed identity's resource (`xms_mirid`).
    pub azure_resource: Option<AzureResource>,
    /// The compute resource a user-assigned identity is attached to (`xms_az_rid`).
    pub azure_compute_resource: Option<AzureResource>,
    pub issued_at: Option<String>,
    pub not_before: Option<String>,
    pub expires_at: Option<String>,
    pub status: ExpiryStatus,
    /// Negative once expired.
    pub seconds_to_expiry: Option<i64>,
    /// The expiry in words at `now`: "valid · expires in 42m 10s", "EXPIRED 3h 2m ago".
    pub expiry: Cow<'static, str>,
    /// `exp - iat` in words.
    pub lifetime: Option<String>,
    /// `exp` as Unix seconds, for live countdowns (the JSON has it in `claims`).
    #[serde(skip)]
    pub exp_unix: Option<f64>,
    /// `nbf` as Unix seconds.
    #[serde(skip)]
    pub nbf_unix: Option<f64>,
}

/// The payload as a report holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum PayloadData {
    /// A JSON object: its members are the report's `claims` (values included), in the token's
    /// order. Held there only, so a 5000-group token is not held twice.
    Claims,
    /// Anything else: other JSON, text, hex (binary) as a string, or null (JWE, opaque).
    Value(Value),
}

/// One token and everything known about it. Serialises as documented in README.md (the
/// `payload` member is rebuilt from `claims` for object payloads).
#[derive(Debug, Clone)]
pub struct TokenReport {
    /// Where in the input it was found.
    pub origin: String,
    pub kind: Kind,
    /// The protected header as decoded (member order kept); `null` for opaque tokens.
    pub header: Value,
    /// The payload; see [`PayloadData`] and [`TokenReport::payload_json`].
    pub payload: PayloadData,
    pub payload_type: PayloadType,
    /// The signature segment's base64url text; "" when there is none.
    pub signature: String,
    /// The compact token as decoded; `None` for opaque tokens (they are secrets that cannot
    /// be explained, so they are not repeated).
    pub token: Option<String>,
    pub summary: Summary,
    /// Every header parameter with its description.
    pub header_params: Vec<Field>,
    /// Every claim, in the token's order.
    pub claims: Vec<Field>,
    /// Metadata found around the token (IMDS `expires_on`, `resource`, ...), as it was.
    pub context: Map<String, Value>,
    /// The same metadata explained.
    pub context_fields: Vec<Field>,
    /// For JWE: the sizes of the encrypted parts.
    pub jwe: Option<JweParts>,
    /// Everything a strict validator would object to, and other findings, in words.
    pub warnings: Vec<String>,
    /// Whether to believe the token: the signature checked against the keys given (or why
    /// it was not), and the claim checks asked for.
    pub verification: Verification,
}

impl TokenReport {
    /// How the user signed in, in words when the methods are known ("pwd: password; mfa:
    /// multi-factor authentication"), else as listed.
    pub fn signed_in(&self) -> Option<String> {
        if self.summary.auth_methods.is_empty() {
            return None;
        }
        let meaning = self
            .claims
            .iter()
            .find(|f| f.name == "amr")
            .and_then(|f| f.meaning.as_deref().map(str::to_string));
        Some(meaning.unwrap_or_else(|| self.summary.auth_methods.join(", ")))
    }

    /// The user's groups in a few words: how many, or that they did not fit in the token.
    pub fn groups_line(&self) -> Option<String> {
        let s = &self.summary;
        match s.group_count {
            Some(1) => Some("1 group".to_string()),
            Some(n) => Some(format!("{n} groups")),
            None if s.groups_overage => Some(
                "too many for the token (overage, _claim_names): ask the issuer's API (Microsoft Graph)"
                    .to_string(),
            ),
            None => None,
        }
    }

    /// The payload as JSON, whatever its form.
    pub fn payload_json(&self) -> Value {
        match &self.payload {
            PayloadData::Claims => Value::Object(
                self.claims
                    .iter()
                    .map(|c| (c.name.clone(), c.value.clone()))
                    .collect(),
            ),
            PayloadData::Value(v) => v.clone(),
        }
    }

    /// The claim named `name`.
    pub fn claim(&self, name: &str) -> Option<&Field> {
        self.claims.iter().find(|c| c.name == name)
    }
}

/// The payload member of the JSON output.
struct PayloadView<'a>(&'a TokenReport);

impl Serialize for PayloadView<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        match &self.0.payload {
            PayloadData::Claims => {
                let mut map = s.serialize_map(Some(self.0.claims.len()))?;
                for c in &self.0.claims {
                    map.serialize_entry(&c.name, &c.value)?;
                }
                map.end()
            }
            PayloadData::Value(v) => v.serialize(s),
        }
    }
}

/// The JSON shape of a [`TokenReport`], member order as documented.
#[derive(Serialize)]
struct TokenView<'a> {
    origin: &'a str,
    kind: Kind,
    header: &'a Value,
    payload: PayloadView<'a>,
    payload_type: PayloadType,
    signature: &'a str,
    token: &'a Option<String>,
    summary: &'a Summary,
    header_params: &'a [Field],
    claims: &'a [Field],
    context: &'a Map<String, Value>,
    context_fields: &'a [Field],
    #[serde(skip_serializing_if = "Option::is_none")]
    jwe: &'a Option<JweParts>,
    warnings: &'a [String],
    verification: &'a Verification,
}

impl Serialize for TokenReport {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        TokenView {
            origin: &self.origin,
            kind: self.kind,
            header: &self.header,
            payload: PayloadView(self),
            payload_type: self.payload_type,
            signature: &self.signature,
            token: &self.token,
            summary: &self.summary,
            header_params: &self.header_params,
            claims: &self.claims,
            context: &self.context,
            context_fields: &self.context_fields,
            jwe: &self.jwe,
            warnings: &self.warnings,
            verification: &self.verification,
        }
        .serialize(s)
    }
}

/// An ARM resource ID broken into its parts (`xms_mirid`, `xms_az_rid`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AzureResource {
    pub subscription_id: String,
    pub resource_group: String,
    /// `Microsoft.Compute/virtualMachines`, `Microsoft.ManagedIdentity/userAssignedIdentities`, ...
    pub resource_type: String,
    pub name: String,
    /// In words when the type is a common managed-identity host ("virtual machine", ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'static str>,
    /// The ID as it appeared.
    pub id: String,
}

/// A point in time read from a claim or a response field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimeInfo {
    /// Seconds since the Unix epoch, as read (fractions kept).
    pub unix: f64,
    /// RFC 3339 in UTC with `Z`, or `None` when the date is beyond what a calendar shows.
    pub utc: Option<String>,
    /// The same instant in the local time zone.
    pub local: Option<String>,
    /// Relative to `now`: "in 42m 10s", "3h 2m ago".
    pub relative: String,
    /// `unix - now`, rounded toward negative infinity and saturated to the i64 range.
    pub seconds_from_now: i64,
    /// How the value deviates from a plain NumericDate, when it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Whether a token is usable at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExpiryStatus {
    Valid,
    Expired,
    NotYetValid,
    /// No `exp` at all: the token never expires by itself.
    NoExpiry,
    /// `exp` is present but no time can be read from it.
    Unknown,
}

impl ExpiryStatus {
    /// The status in words, as people say it.
    pub fn word(self) -> &'static str {
        match self {
            ExpiryStatus::Valid => "valid",
            ExpiryStatus::Expired => "EXPIRED",
            ExpiryStatus::NotYetValid => "NOT YET VALID",
            ExpiryStatus::NoExpiry => "no expiry",
            ExpiryStatus::Unknown => "expiry unreadable",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn field(name: &str, value: Value) -> Field {
        Field {
            name: name.to_string(),
            value,
            description: None,
            meaning: None,
            time: None,
        }
    }

    fn item(payload: PayloadData, claims: Vec<Field>) -> TokenReport {
        TokenReport {
            origin: "input".to_string(),
            kind: Kind::Jws,
            header: json!({"alg": "HS256"}),
            payload,
            payload_type: PayloadType::Json,
            signature: "c2ln".to_string(),
            token: Some("t".to_string()),
            summary: Summary {
                issuer: None,
                issuer_kind: None,
                audience: Vec::new(),
                audience_name: None,
                subject: None,
                user: None,
                name: None,
                auth_methods: Vec::new(),
                group_count: None,
                groups_overage: false,
                object_id: None,
                tenant_id: None,
                app_id: None,
                app_name: None,
                identity_type: None,
                token_version: None,
                scopes: Vec::new(),
                roles: Vec::new(),
                azure_resource: None,
                azure_compute_resource: None,
                issued_at: None,
                not_before: None,
                expires_at: None,
                status: ExpiryStatus::NoExpiry,
                seconds_to_expiry: None,
                expiry: "no expiry".into(),
                lifetime: None,
                exp_unix: Some(1.0),
                nbf_unix: None,
            },
            header_params: Vec::new(),
            claims,
            context: Map::new(),
            context_fields: Vec::new(),
            jwe: None,
            warnings: Vec::new(),
            verification: Verification::not_checked(Some("HS256"), "no key given"),
        }
    }

    #[test]
    fn the_payload_is_held_once_and_serialised_from_the_claims() {
        let t = item(
            PayloadData::Claims,
            vec![field("z", json!(1)), field("a", json!([true]))],
        );
        assert_eq!(t.payload_json(), json!({"z": 1, "a": [true]}));
        assert_eq!(t.claim("a").map(|f| &f.value), Some(&json!([true])));
        assert!(t.claim("b").is_none());
        let text = serde_json::to_string(&t).unwrap();
        // Member order as documented, the payload in the token's claim order.
        assert!(text.contains(r#""payload":{"z":1,"a":[true]}"#), "{text}");
        let keys: Vec<String> = serde_json::from_str::<Map<String, Value>>(&text)
            .unwrap()
            .keys()
            .cloned()
            .collect();
        assert_eq!(
            keys,
            [
                "origin",
                "kind",
                "header",
                "payload",
                "payload_type",
                "signature",
                "token",
                "summary",
                "header_params",
                "claims",
                "context",
                "context_fields",
                "warnings",
                "verification"
            ]
        );
        // Fields for the UI only stay out of the JSON.
        assert!(!text.contains("exp_unix"));
        // Field members that are absent are left out, description is always there.
        assert!(
            text.contains(r#"{"name":"z","value":1,"description":null}"#),
            "{text}"
        );
    }

    #[test]
    fn other_payloads_are_values() {
        let t = item(PayloadData::Value(json!("text")), Vec::new());
        assert_eq!(t.payload_json(), json!("text"));
        let v = serde_json::to_value(&t).unwrap();
        assert_eq!(v["payload"], json!("text"));
        assert_eq!(v["kind"], json!("jws"));
        assert_eq!(v["summary"]["status"], json!("no_expiry"));
        assert_eq!(v["verification"]["status"], json!("not_checked"));
    }

    #[test]
    fn a_verification_reads_as_one_line() {
        let mut v = Verification::new(SignatureStatus::Valid, "");
        v.algorithm = Some("RS256".into());
        v.key_id = Some("k1".into());
        v.key_source = Some("--key keys.json".into());
        assert_eq!(v.to_string(), "valid · RS256 · kid k1 from --key keys.json");
        v.claim_checks = vec![
            ClaimCheck::new("exp", false, "expired".into()),
            ClaimCheck::new("aud", true, "ok".into()),
        ];
        assert_eq!(
            v.to_string(),
            "valid · RS256 · kid k1 from --key keys.json · claims failed: exp"
        );
        assert!(!v.claims_ok() && !v.is_invalid());
        let v = Verification::new(SignatureStatus::Invalid, "signature mismatch");
        assert_eq!(v.to_string(), "INVALID · signature mismatch");
        assert!(v.is_invalid() && v.claims_ok());
    }
}
