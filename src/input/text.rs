//! Tokens in text: unwrapping what people paste, and scanning logs for compact tokens.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::Map;

use super::{Candidate, Found};

/// URL and form parameters that carry JWTs (OAuth 2.0, OIDC, RFC 7523, RFC 8693, JAR/JARM).
pub(super) const TOKEN_PARAMS: &[&str] = &[
    "id_token",
    "access_token",
    "refresh_token",
    "token",
    "assertion",
    "client_assertion",
    "subject_token",
    "actor_token",
    "logout_token",
    "request",
    "response",
    "jwt",
];

/// A compact token in running text: a header segment starting `ew`/`ey` (base64url of `{`
/// followed by `"`, space or a line break), then two or more dot-separated segments. The
/// segment count is checked when decoding, so a 4-segment string is reported, not cut.
/// `fetch`'s scrubber redacts what this finds, so text from a server never shows a token.
#[allow(clippy::expect_used)] // a constant pattern: it compiles or no test passes
pub(crate) static SCAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"e[wy][A-Za-z0-9_=-]{8,}(?:\.[A-Za-z0-9_=-]*){2,}").expect("valid pattern")
});

/// Whether `s` holds whitespace; the ASCII test is much faster on a 260 KB token.
#[allow(clippy::needless_bitwise_bool)] // branch-free on purpose: it vectorises
fn has_whitespace(s: &str) -> bool {
    if s.is_ascii() {
        // ASCII whitespace is all at or below ' ': a vectorised comparison finds candidate
        // chunks, and only those are checked precisely.
        s.as_bytes().chunks(64).any(|chunk| {
            chunk.iter().fold(false, |hit, &b| hit | (b <= b' '))
                && chunk.iter().any(u8::is_ascii_whitespace)
        })
    } else {
        s.contains(char::is_whitespace)
    }
}

fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '=' | '+' | '/')
}

fn looks_complete(word: &str) -> bool {
    (word.starts_with("ey") || word.starts_with("ew")) && word.matches('.').count() >= 2
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    s.get(..prefix.len())
        .filter(|p| p.eq_ignore_ascii_case(prefix))
        .map(|_| &s[prefix.len()..])
}

/// Remove what people paste around a token: quotes, an `Authorization:` header name, an
/// auth scheme. Returns the rest and, when a header was recognised, an origin for it.
fn unwrap(mut s: &str) -> (&str, Option<&'static str>) {
    let mut origin = None;
    loop {
        s = s.trim();
        let bytes = s.as_bytes();
        if bytes.len() >= 2
            && matches!(bytes[0], b'"' | b'\'' | b'`')
            && bytes[bytes.len() - 1] == bytes[0]
        {
            s = &s[1..s.len() - 1];
            continue;
        }
        if let Some(rest) = strip_prefix_ci(s, "authorization:") {
            origin = Some("Authorization header");
            s = rest;
            continue;
        }
        if let Some(rest) = ["bearer", "dpop", "pop"]
            .iter()
            .find_map(|scheme| strip_prefix_ci(s, scheme).filter(|r| r.starts_with([' ', '\t'])))
        {
            s = rest;
            continue;
        }
        return (s, origin);
    }
}

/// Token parameters of a URL, query string or fragment (`https://jwt.ms/#id_token=...`).
/// `s` holds no whitespace.
fn url_params(s: &str) -> Vec<(&'static str, String)> {
    if !s.contains('=') {
        return Vec::new();
    }
    let query = match s.find(['?', '#']) {
        Some(i) => &s[i + 1..],
        None => s,
    };
    let mut out = Vec::new();
    for pair in query.split(['&', '#', '?', ';']) {
        let Some((k, v)) = pair.split_once('=') else {
            continue;
        };
        let Some(name) = TOKEN_PARAMS.iter().find(|p| **p == k) else {
            continue;
        };
        let value = percent_encoding::percent_decode_str(v)
            .decode_utf8_lossy()
            .into_owned();
        if !value.is_empty() {
            out.push((*name, value));
        }
    }
    out
}

fn found(origin: String, candidate: Candidate) -> Found {
    Found {
        origin,
        candidate,
        context: Map::new(),
        notes: Vec::new(),
    }
}

/// Find tokens in `text`. `origin` names where the text itself came from (a JSON member);
/// `None` for the whole input.
pub(super) fn find(text: &str, origin: Option<&str>) -> Vec<Found> {
    let (u, header_origin) = unwrap(text);
    if u.is_empty() {
        return Vec::new();
    }
    let base = origin.map(str::to_string);
    let whole = |default: &str| {
        base.clone()
            .or_else(|| header_origin.map(str::to_string))
            .unwrap_or_else(|| default.to_string())
    };

    let spaced = has_whitespace(u);
    let params = if spaced { Vec::new() } else { url_params(u) };
    if !params.is_empty() {
        return params
            .into_iter()
            .filter_map(|(name, value)| {
                let (v, _) = unwrap(&value);
                let origin = match &base {
                    Some(b) => format!("{b} ({name})"),
                    None => name.to_string(),
                };
                let v: String = v.split_whitespace().collect();
                (!v.is_empty()).then(|| found(origin, Candidate::Lone(v)))
            })
            .collect();
    }

    if !spaced {
        return vec![found(whole("input"), Candidate::Lone(u.to_string()))];
    }
    if u.chars().all(|c| c.is_whitespace() || is_token_char(c)) {
        let words: Vec<&str> = u.split_whitespace().collect();
        let joined = words.concat();
        if words.iter().filter(|w| looks_complete(w)).count() < 2 && looks_complete(&joined) {
            // One token broken over lines (RFCs print them that way; terminals wrap them).
            return vec![found(whole("input"), Candidate::Lone(joined))];
        }
    }

    let out = scan(u, base.as_deref());
    if out.is_empty()
        && u.lines().count() == 1
        && (u.starts_with("ey") || u.starts_with("ew"))
        && u.contains('.')
    {
        // One line that starts like a token but does not scan as one: decode it strictly so
        // the error names the stray characters (a placeholder copied from documentation).
        return vec![found(whole("input"), Candidate::Lone(u.to_string()))];
    }
    out
}

/// Every compact token in free text, with its line number and what precedes it on the line.
fn scan(text: &str, base: Option<&str>) -> Vec<Found> {
    let mut out = Vec::new();
    let mut line = 1;
    let mut counted_to = 0;
    for m in SCAN.find_iter(text) {
        let start = m.start();
        if start > 0 {
            let prev = text.as_bytes()[start - 1];
            if prev.is_ascii_alphanumeric() || prev == b'-' || prev == b'_' {
                continue;
            }
        }
        line += text[counted_to..start].matches('\n').count();
        counted_to = start;
        let mut candidate = m.as_str();
        let dots = candidate.matches('.').count();
        if candidate.ends_with('.') && (dots == 3 || dots == 5) {
            // A sentence's full stop after the token.
            candidate = &candidate[..candidate.len() - 1];
        }
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let hint = hint(&text[line_start..start]);
        let origin = match (base, hint) {
            (Some(b), _) => b.to_string(),
            (None, Some(h)) => format!("line {line} ({h})"),
            (None, None) => format!("line {line}"),
        };
        out.push(found(origin, Candidate::Embedded(candidate.to_string())));
    }
    if let Some(b) = base
        && out.len() > 1
    {
        for (i, f) in out.iter_mut().enumerate() {
            f.origin = format!("{b}, token {}", i + 1);
        }
    }
    out
}

/// What the text just before a token on its line says about it.
fn hint(before: &str) -> Option<String> {
    let lower = before.to_ascii_lowercase();
    let tail = lower.trim_end_matches([' ', '\t', '"', '\'', ':', '=']);
    if tail.ends_with("bearer") || tail.ends_with("dpop") {
        return Some(if lower.contains("authorization") {
            "Authorization header".to_string()
        } else {
            "Bearer token".to_string()
        });
    }
    TOKEN_PARAMS
        .iter()
        .chain(["accesstoken", "idtoken", "refreshtoken"].iter())
        .find(|p| {
            tail.ends_with(*p)
                && !tail[..tail.len() - p.len()]
                    .ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
        })
        .map(|p| (*p).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unwrap_peels_nested_wrappers() {
        assert_eq!(unwrap(" 'Bearer  abc' "), ("abc", None));
        assert_eq!(
            unwrap("authorization: bearer abc"),
            ("abc", Some("Authorization header"))
        );
        assert_eq!(unwrap("Bearerabc"), ("Bearerabc", None));
    }

    #[test]
    fn hints_come_from_the_text_before_the_token() {
        assert_eq!(hint("  \"id_token\": \"").as_deref(), Some("id_token"));
        assert_eq!(hint("x-my_token="), None);
        assert_eq!(
            hint("> Authorization: Bearer ").as_deref(),
            Some("Authorization header")
        );
    }

    #[test]
    fn a_four_segment_string_is_not_cut_to_three() {
        let f = scan("see eyJhbGciOiJub25lIn0.eyJ4IjoxfQ.sig.more here", None);
        assert_eq!(
            f[0].candidate.text(),
            "eyJhbGciOiJub25lIn0.eyJ4IjoxfQ.sig.more"
        );
    }

    #[test]
    fn several_tokens_on_separate_lines_are_not_joined() {
        let t = "eyJhbGciOiJub25lIn0.eyJ4IjoxfQ.\neyJhbGciOiJub25lIn0.eyJ4IjoyfQ.\n";
        let f = find(t, None);
        assert_eq!(f.len(), 2);
        assert_eq!(f[1].origin, "line 2");
    }
}
