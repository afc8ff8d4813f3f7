//! What verification says about one token: the signature's status and the claim checks.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;

/// The answer about a token's signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignatureStatus {
    /// The signature checks out with a key the user trusts.
    Valid,
    /// The signature does not check out, or cannot be valid whatever the key (`alg: none`,
    /// a public key offered as an HMAC secret, no key with the token's `kid`, ...).
    Invalid,
    /// It cannot be said: no keys could be had, the token is encrypted, the payload is
    /// detached, or the token is one only its issuer can check (Microsoft Graph).
    Unverifiable,
    /// The algorithm or the key type is one jwtscope cannot check (ES256K, ML-DSA, Ed448).
    Unsupported,
    /// No key was given; only the claims were checked.
    NotChecked,
}

/// What verification says about one token. JSON: `"verification": {...}` on each token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verification {
    pub status: SignatureStatus,
    /// The header's `alg`.
    pub algorithm: Option<String>,
    /// The `kid` of the key that verified (or that the failure is about).
    pub key_id: Option<String>,
    /// Where that key came from: `--key keys.json`, `--secret-env JWT_SECRET`,
    /// `https://login.microsoftonline.com/{tid}/discovery/keys`.
    pub key_source: Option<String>,
    /// Why the status is what it is (absent when valid).
    /// A fixed phrase in most cases, so a `Cow` (a million tokens without a key make no
    /// million copies of "no key given").
    pub reason: Option<Cow<'static, str>>,
    /// What else is worth knowing: ignored `jku`/`x5c`, weak keys, cached keys, ...
    pub notes: Vec<String>,
    /// iss/aud (when asked for) and exp/nbf (when present), with the leeway.
    pub claim_checks: Vec<ClaimCheck>,
}

impl Verification {
    pub(crate) fn new(status: SignatureStatus, reason: impl Into<Cow<'static, str>>) -> Self {
        Verification {
            status,
            algorithm: None,
            key_id: None,
            key_source: None,
            reason: Some(reason.into()),
            notes: Vec::new(),
            claim_checks: Vec::new(),
        }
    }

    /// Nothing was checked, and why (no key given, an opaque token, ...).
    pub fn not_checked(algorithm: Option<&str>, reason: impl Into<Cow<'static, str>>) -> Self {
        let mut v = Self::new(SignatureStatus::NotChecked, reason);
        v.algorithm = algorithm.map(str::to_string);
        v
    }

    /// Whether the signature is invalid (`--check` exits 4 then).
    pub fn is_invalid(&self) -> bool {
        self.status == SignatureStatus::Invalid
    }

    /// Whether every claim check passed (true when there were none).
    pub fn claims_ok(&self) -> bool {
        self.claim_checks.iter().all(|c| c.ok)
    }
}

impl fmt::Display for Verification {
    /// One line: "valid · RS256 · kid abc from --key keys.json", "INVALID · signature mismatch".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reason = self.reason.as_deref().unwrap_or_default();
        match self.status {
            SignatureStatus::Valid => {
                write!(f, "valid · {}", self.algorithm.as_deref().unwrap_or("?"))?;
                match (&self.key_id, &self.key_source) {
                    (Some(kid), Some(src)) => write!(f, " · kid {kid} from {src}")?,
                    (None, Some(src)) => write!(f, " · {src}")?,
                    (Some(kid), None) => write!(f, " · kid {kid}")?,
                    (None, None) => {}
                }
            }
            SignatureStatus::Invalid => write!(f, "INVALID · {reason}")?,
            SignatureStatus::Unverifiable => write!(f, "unverifiable · {reason}")?,
            SignatureStatus::Unsupported => write!(f, "unsupported · {reason}")?,
            SignatureStatus::NotChecked => write!(f, "not checked · {reason}")?,
        }
        let failed: Vec<&str> = self
            .claim_checks
            .iter()
            .filter(|c| !c.ok)
            .map(|c| c.name.as_str())
            .collect();
        if !failed.is_empty() {
            write!(f, " · claims failed: {}", failed.join(", "))?;
        }
        Ok(())
    }
}

/// One claim check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClaimCheck {
    /// The claim: "iss", "aud", "exp" or "nbf".
    pub name: String,
    pub ok: bool,
    /// What was found, in words ("expired 2011-03-22 18:43:00 UTC (leeway 0 s)").
    pub detail: String,
}

impl ClaimCheck {
    pub(crate) fn new(name: &str, ok: bool, detail: String) -> Self {
        ClaimCheck {
            name: name.to_string(),
            ok,
            detail,
        }
    }
}
