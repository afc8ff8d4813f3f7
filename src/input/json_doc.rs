//! Tokens in JSON documents: token responses (IMDS, `az account get-access-token`, OAuth),
//! HAR files, token caches, anything. Every string member is looked at; members named like
//! tokens (`access_token`, `accessToken`, ...) are taken whole, and a non-JWT value there is
//! an opaque token. The scalar members next to a token are kept as its context.
//!
//! Cost stays linear: the path to the current member is one buffer that grows and shrinks as
//! the walk goes down and up (a member's path is copied only when a candidate is found
//! there, with long keys shortened), and an object's context is built at most once, capped.

use std::ops::ControlFlow;

use serde_json::{Map, Value};

use super::{Candidate, ErrorDocument, Found, text};

/// Members whose value is a token whether or not it is a JWT.
const TOKEN_KEYS: &[&str] = &[
    "access_token",
    "id_token",
    "refresh_token",
    "accessToken",
    "idToken",
    "refreshToken",
    "token",
];

/// Context values longer than this are left out: they are payloads, not metadata.
const MAX_CONTEXT_LEN: usize = 512;
/// At most this many context members are kept per token (a token response has about six).
pub const MAX_CONTEXT_MEMBERS: usize = 32;
/// Keys longer than this are shortened in origins (`a.<first 48 chars>….b`).
const MAX_KEY_IN_PATH: usize = 48;

fn is_token_key(k: &str) -> bool {
    TOKEN_KEYS.contains(&k)
}

/// The scalar members of `obj` other than `except` and other tokens, at most
/// [`MAX_CONTEXT_MEMBERS`].
fn context(obj: &Map<String, Value>, except: &str) -> Map<String, Value> {
    #[cfg(test)]
    CONTEXT_BUILDS.with(|c| c.set(c.get() + 1));
    obj.iter()
        .filter(|(k, v)| {
            k.as_str() != except
                && !is_token_key(k)
                && match v {
                    Value::String(s) => s.len() <= MAX_CONTEXT_LEN && !s.starts_with("eyJ"),
                    Value::Number(_) | Value::Bool(_) | Value::Null => true,
                    Value::Array(_) | Value::Object(_) => false,
                }
        })
        .take(MAX_CONTEXT_MEMBERS)
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

#[cfg(test)]
thread_local! {
    /// How many times a context was built: the work that used to be done per string member.
    static CONTEXT_BUILDS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The walk's state: where it is, and the first error document seen.
struct Walker<'e> {
    /// The path of the current value (`log.entries[3].request`), one buffer for the whole walk.
    path: String,
    error_doc: Option<ErrorDocument>,
    emit: &'e mut dyn FnMut(Found) -> ControlFlow<()>,
}

/// Walk `value`, handing every token candidate to `emit` in document order. Returns the first
/// error document seen (the answer when no token turns up).
pub(super) fn walk(
    value: &Value,
    emit: &mut dyn FnMut(Found) -> ControlFlow<()>,
) -> (ControlFlow<()>, Option<ErrorDocument>) {
    let mut w = Walker {
        path: String::new(),
        error_doc: None,
        emit,
    };
    let flow = w.value(value);
    (flow, w.error_doc)
}

/// Append `.key` (or `key` at the top) to `path`, long keys shortened.
fn push_key(path: &mut String, key: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(&super::shorten(key, MAX_KEY_IN_PATH));
}

/// How a HAR entry (`{"request": {"method", "url"}, "response", ...}`) is named in the origins
/// of the tokens inside it: ` (GET https://host/path)`, the query left out (it may hold tokens
/// and secrets) and a long URL shortened.
fn har_entry_label(obj: &Map<String, Value>) -> Option<String> {
    let request = obj.get("request")?.as_object()?;
    let method = request.get("method")?.as_str()?;
    let url = request.get("url")?.as_str()?;
    let url = url.split(['?', '#']).next().unwrap_or_default();
    Some(format!(
        " ({} {})",
        super::shorten(method, 16),
        super::shorten(url, 2 * MAX_KEY_IN_PATH)
    ))
}

/// Whether `key` of `obj` is a HAR request's or response's `cookies`, when its `headers` hold
/// the same cookies (`Cookie`, `Set-Cookie`): walked once, a token there is listed once.
fn repeats_cookie_headers(obj: &Map<String, Value>, key: &str) -> bool {
    key == "cookies"
        && obj
            .get("headers")
            .and_then(Value::as_array)
            .is_some_and(|headers| {
                headers.iter().any(|h| {
                    h.get("name").and_then(Value::as_str).is_some_and(|n| {
                        n.eq_ignore_ascii_case("cookie") || n.eq_ignore_ascii_case("set-cookie")
                    })
                })
            })
}

/// The text of a HAR `content` member whose `encoding` is `base64`, when it decodes to UTF-8.
fn base64_text(obj: &Map<String, Value>, key: &str, s: &str) -> Option<String> {
    use base64::Engine as _;
    if key != "text" || obj.get("encoding").and_then(Value::as_str) != Some("base64") {
        return None;
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(s.trim())
        .ok()?;
    String::from_utf8(bytes).ok()
}

impl Walker<'_> {
    fn value(&mut self, value: &Value) -> ControlFlow<()> {
        match value {
            Value::Object(obj) => {
                if self.error_doc.is_none() && !obj.keys().any(|k| is_token_key(k)) {
                    self.error_doc = ErrorDocument::recognise(obj);
                }
                let entry = self.path.len();
                if let Some(label) = har_entry_label(obj) {
                    self.path.push_str(&label);
                }
                for (k, v) in obj {
                    if repeats_cookie_headers(obj, k) {
                        continue;
                    }
                    let len = self.path.len();
                    push_key(&mut self.path, k);
                    let flow = match v {
                        Value::String(s) => self.string_member(obj, k, s),
                        Value::Object(_) | Value::Array(_) => self.value(v),
                        _ => ControlFlow::Continue(()),
                    };
                    self.path.truncate(len);
                    if flow.is_break() {
                        self.path.truncate(entry);
                        return flow;
                    }
                }
                self.path.truncate(entry);
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    let len = self.path.len();
                    self.path.push_str(&format!("[{i}]"));
                    let flow = self.value(v);
                    self.path.truncate(len);
                    flow?;
                }
            }
            Value::String(s) => {
                // A document that is just a JSON string: "eyJ...".
                let origin = (!self.path.is_empty()).then_some(self.path.as_str());
                text::find_each(s, origin, self.emit)?;
            }
            _ => {}
        }
        ControlFlow::Continue(())
    }

    fn string_member(&mut self, obj: &Map<String, Value>, key: &str, s: &str) -> ControlFlow<()> {
        if s.trim().is_empty() {
            return ControlFlow::Continue(());
        }
        // A HAR body kept as base64 (`"encoding": "base64"`, as browsers save binary and some
        // JSON answers): its decoded text is what is searched.
        let decoded;
        let s = match base64_text(obj, key, s) {
            Some(text) => {
                decoded = text;
                decoded.as_str()
            }
            None => s,
        };
        let trimmed = s.trim_start();
        let token_key = is_token_key(key);
        let json_inside = trimmed.starts_with('{') || trimmed.starts_with('[');
        if !(json_inside || token_key || s.contains("ey") && s.contains('.')) {
            return ControlFlow::Continue(());
        }
        // HAR headers and similar name/value pairs: say which header it was.
        let origin = match (key, obj.get("name").and_then(Value::as_str)) {
            ("value", Some(name)) => {
                format!("{} ({})", self.path, super::shorten(name, MAX_KEY_IN_PATH))
            }
            _ => self.path.clone(),
        };
        if json_inside {
            // JSON inside a string (a HAR response body): walk it, so its metadata is kept too.
            if let Ok(inner) = serde_json::from_str::<Value>(s) {
                let saved = std::mem::replace(&mut self.path, origin);
                let flow = self.value(&inner);
                self.path = saved;
                return flow;
            }
            if !(token_key || s.contains("ey") && s.contains('.')) {
                return ControlFlow::Continue(());
            }
        }
        // Candidates are handed on as found; the first is held back until it is known whether
        // it is the only one (a lone value in a token member may be an opaque token).
        let mut ctx: Option<Map<String, Value>> = None;
        let mut held: Option<Found> = None;
        let mut count = 0usize;
        let emit = &mut *self.emit;
        text::find_each(s, Some(&origin), &mut |mut f| {
            if !token_key && let Candidate::Lone(t) = &mut f.candidate {
                // Elsewhere only what decodes counts: a stray "ey..." in a description is no error.
                f.candidate = Candidate::Embedded(std::mem::take(t));
            }
            f.context
                .clone_from(ctx.get_or_insert_with(|| context(obj, key)));
            count += 1;
            if let Some(first) = held.take() {
                emit(first)?;
            }
            if count == 1 {
                held = Some(f);
                ControlFlow::Continue(())
            } else {
                emit(f)
            }
        })?;
        match held {
            Some(mut single) => {
                if token_key
                    && matches!(single.candidate, Candidate::Lone(_))
                    && !text::starts_like_token(single.candidate.text())
                {
                    // "dummytoken", "redacted", an opaque refresh token: not a JWT attempt.
                    single.candidate = Candidate::Opaque(single.candidate.text().to_string());
                }
                emit(single)?;
            }
            None if count == 0 && token_key => emit(Found {
                origin,
                candidate: Candidate::Opaque(s.to_string()),
                context: context(obj, key),
                notes: Vec::new(),
            })?,
            None => {}
        }
        ControlFlow::Continue(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk_all(doc: &str) -> Vec<Found> {
        let value: Value = serde_json::from_str(doc).unwrap();
        let mut out = Vec::new();
        let _ = walk(&value, &mut |f| {
            out.push(f);
            ControlFlow::Continue(())
        });
        out
    }

    #[test]
    fn a_har_entry_is_named_by_its_request_and_its_cookies_are_listed_once() {
        let t = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJoYXItY29va2llIn0.c2ln";
        let har = serde_json::json!({"log": {"entries": [{
            "startedDateTime": "2026-11-28T10:00:00Z",
            "request": {
                "method": "GET",
                "url": format!("https://graph.microsoft.com/v1.0/me?access_token={t}#frag"),
                "headers": [
                    {"name": "Authorization", "value": format!("Bearer {t}")},
                    {"name": "Cookie", "value": format!("session={t}")}
                ],
                "cookies": [{"name": "session", "value": t}]
            },
            "response": {"status": 200, "headers": [], "cookies": [{"name": "s", "value": t}]}
        }]}});
        let found = walk_all(&har.to_string());
        let origins: Vec<&str> = found.iter().map(|f| f.origin.as_str()).collect();
        let entry = "log.entries[0] (GET https://graph.microsoft.com/v1.0/me)";
        assert_eq!(
            origins,
            [
                format!("{entry}.request.url (access_token)"),
                format!("{entry}.request.headers[0].value (Authorization)"),
                format!("{entry}.request.headers[1].value (Cookie)"),
                // The response sent no Set-Cookie header: its cookies[] are its only copy.
                format!("{entry}.response.cookies[0].value (s)"),
            ],
        );
        // The query, which may hold tokens and secrets, is not repeated in the origins.
        assert!(found.iter().all(|f| !f.origin.contains("access_token=")));
    }

    #[test]
    fn a_har_body_kept_as_base64_is_searched() {
        use base64::Engine as _;
        let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJoYXItYmFzZTY0LWJvZHkifQ.c2ln";
        let body = format!(r#"{{"access_token":"{token}","expires_in":3599}}"#);
        let text = base64::engine::general_purpose::STANDARD.encode(body);
        let har = format!(
            r#"{{"log":{{"entries":[{{"response":{{"content":{{"mimeType":"application/json","encoding":"base64","text":"{text}"}}}}}}]}}}}"#
        );
        let found = walk_all(&har);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].candidate.text(), token);
        assert_eq!(
            found[0].origin,
            "log.entries[0].response.content.text.access_token"
        );
        // The same text without "encoding": "base64" is just a string.
        assert!(walk_all(&har.replace(r#""encoding":"base64","#, "")).is_empty());
    }

    #[test]
    fn dotted_strings_that_hold_no_token_copy_nothing() {
        // Issue 8.1: 4000 members like "key.0" or URLs used to copy every sibling each.
        let members: Vec<String> = (0..4000)
            .map(|i| format!(r#""k{i}":"https://journey.example.com/p/{i}""#))
            .collect();
        let doc = format!("{{{}}}", members.join(","));
        CONTEXT_BUILDS.with(|c| c.set(0));
        let found = walk_all(&doc);
        // Each URL is still a (failing) candidate, but the context is capped.
        assert!(found.iter().all(|f| f.context.len() <= MAX_CONTEXT_MEMBERS));
        assert_eq!(found.len(), 4000);
        // Sentences hold no token: nothing is found and no context is built.
        let members: Vec<String> = (0..4000)
            .map(|i| format!(r#""k{i}":"the key. {i} they said.""#))
            .collect();
        CONTEXT_BUILDS.with(|c| c.set(0));
        assert!(walk_all(&format!("{{{}}}", members.join(","))).is_empty());
        assert_eq!(CONTEXT_BUILDS.with(std::cell::Cell::get), 0);
    }

    #[test]
    fn long_keys_are_shortened_in_origins() {
        // Issue 8.4: every level used to hold its own copy of the whole path.
        let key = "k".repeat(1000);
        let mut doc = r#"{"access_token":"eyJhbGciOiJub25lIn0.eyJ4IjoxfQ."}"#.to_string();
        for _ in 0..100 {
            doc = format!(r#"{{"{key}":{doc}}}"#);
        }
        let found = walk_all(&doc);
        assert_eq!(found.len(), 1);
        assert!(found[0].origin.len() < 100 * (MAX_KEY_IN_PATH + 8));
        assert!(
            found[0].origin.ends_with("….access_token"),
            "{}",
            &found[0].origin
        );
    }

    #[test]
    fn a_member_with_several_tokens_numbers_them_and_keeps_context() {
        let t = "eyJhbGciOiJub25lIn0.eyJ4IjoxfQ.";
        let doc = format!(r#"{{"note":"{t} and {t}","n":1}}"#);
        let found = walk_all(&doc);
        let origins: Vec<_> = found.iter().map(|f| f.origin.as_str()).collect();
        assert_eq!(origins, ["note, token 1", "note, token 2"]);
        assert!(found.iter().all(|f| f.context.get("n").is_some()));
    }
}
