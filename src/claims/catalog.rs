//! Descriptions of header parameters and claims (interim: a few entries; the full catalog
//! replaces this file).

/// Which identity provider's vocabulary applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Generic,
    Entra,
    Google,
    Okta,
    Auth0,
    Cognito,
    Keycloak,
    GitHubActions,
    Kubernetes,
}

/// One described name.
pub struct Entry {
    pub name: &'static str,
    pub family: Option<Family>,
    pub description: &'static str,
    pub values: &'static [(&'static str, &'static str)],
    pub is_time: bool,
}

const CLAIMS: &[Entry] = &[
    Entry {
        name: "iss",
        family: None,
        description: "Who issued the token.",
        values: &[],
        is_time: false,
    },
    Entry {
        name: "sub",
        family: None,
        description: "The principal the token is about.",
        values: &[],
        is_time: false,
    },
    Entry {
        name: "aud",
        family: None,
        description: "Who the token is meant for.",
        values: &[],
        is_time: false,
    },
    Entry {
        name: "exp",
        family: None,
        description: "When the token expires.",
        values: &[],
        is_time: true,
    },
    Entry {
        name: "nbf",
        family: None,
        description: "When the token becomes valid.",
        values: &[],
        is_time: true,
    },
    Entry {
        name: "iat",
        family: None,
        description: "When the token was issued.",
        values: &[],
        is_time: true,
    },
    Entry {
        name: "auth_time",
        family: None,
        description: "When the user authenticated.",
        values: &[],
        is_time: true,
    },
    Entry {
        name: "updated_at",
        family: None,
        description: "When the profile changed.",
        values: &[],
        is_time: true,
    },
    Entry {
        name: "pwd_exp",
        family: Some(Family::Entra),
        description: "When the password expires.",
        values: &[],
        is_time: true,
    },
    Entry {
        name: "idtyp",
        family: Some(Family::Entra),
        description: "Kind of identity.",
        values: &[("app", "an application"), ("user", "a user")],
        is_time: false,
    },
];
const HEADER: &[Entry] = &[
    Entry {
        name: "alg",
        family: None,
        description: "The signing algorithm.",
        values: &[],
        is_time: false,
    },
    Entry {
        name: "typ",
        family: None,
        description: "The token's media type.",
        values: &[],
        is_time: false,
    },
    Entry {
        name: "kid",
        family: None,
        description: "Which key signed it.",
        values: &[],
        is_time: false,
    },
];

fn find(table: &'static [Entry], name: &str, family: Family) -> Option<&'static Entry> {
    table
        .iter()
        .find(|e| e.name == name && e.family == Some(family))
        .or_else(|| table.iter().find(|e| e.name == name && e.family.is_none()))
}

/// Description of a payload claim for a token from `family`.
pub fn claim(name: &str, family: Family) -> Option<&'static Entry> {
    find(CLAIMS, name, family)
}

/// Description of a JOSE header parameter.
pub fn header(name: &str, family: Family) -> Option<&'static Entry> {
    find(HEADER, name, family)
}

/// The meaning of one value of a claim.
pub fn value_meaning(entry: &Entry, value: &str) -> Option<&'static str> {
    entry
        .values
        .iter()
        .find(|(v, _)| *v == value)
        .map(|(_, m)| *m)
}

/// An algorithm in words.
pub fn algorithm(name: &str) -> Option<&'static str> {
    match name {
        "RS256" => Some("RSASSA-PKCS1-v1_5 with SHA-256"),
        "HS256" => Some("HMAC with SHA-256"),
        _ => None,
    }
}

/// Well-known Entra built-in role template IDs.
pub fn entra_role_template(id: &str) -> Option<&'static str> {
    match id {
        "62e90394-69f5-4237-9190-012177145e10" => Some("Global Administrator"),
        _ => None,
    }
}
