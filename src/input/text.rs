//! Tokens in text: unwrapping what people paste, and scanning logs for compact tokens.

use std::ops::ControlFlow;

use serde_json::Map;

use super::{Candidate, Found};
use crate::token::b64::b64url_lane;

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
/// followed by `"`, space or a line break) and at least ten characters long, then two or more
/// dot-separated segments: `e[wy][A-Za-z0-9_=-]{8,}(?:\.[A-Za-z0-9_=-]*){2,}` as a regex
/// finds it (leftmost, longest), found without one. The segment count is checked when
/// decoding, so a 4-segment string is reported, not cut. `fetch`'s scrubber redacts what this
/// finds, so text from a server never shows a token.
///
/// How: a token holds a dot, and dots are rare in most text, so the search jumps from dot to
/// dot (`memchr`); around a dot it takes the whole run of segment characters and dots, and
/// looks for the leftmost start in it. The next search starts after the run, so every byte is
/// looked at a bounded number of times: linear, and at memory speed between runs.
pub(crate) fn compact_tokens(text: &str) -> CompactTokens<'_> {
    CompactTokens {
        bytes: text.as_bytes(),
        pos: 0,
    }
}

/// The iterator of [`compact_tokens`]: byte ranges of `text`, in order, not overlapping.
pub(crate) struct CompactTokens<'a> {
    bytes: &'a [u8],
    pos: usize,
}

/// A byte of a token's run: base64url, its padding `=`, or a dot. Branch-free, for the
/// vectorised blocks of [`run_end`]; [`RUN_BYTE`] is the same as a table for single bytes.
#[allow(clippy::needless_bitwise_bool)] // branch-free on purpose: it vectorises
const fn run_lane(b: u8) -> bool {
    b64url_lane(b) | (b == b'=') | (b == b'.')
}

/// [`run_lane`] as a table, one lookup a byte.
static RUN_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = run_lane(b as u8);
        b += 1;
    }
    t
};

impl Iterator for CompactTokens<'_> {
    type Item = std::ops::Range<usize>;

    fn next(&mut self) -> Option<Self::Item> {
        let t = self.bytes;
        while self.pos < t.len() {
            let dot = self.pos + memchr::memchr(b'.', &t[self.pos..])?;
            // The run around the dot. The previous search ended at a run's end (or at the
            // start), so the run cannot begin before `pos`.
            let mut start = dot;
            while start > self.pos && RUN_BYTE[usize::from(t[start - 1])] {
                start -= 1;
            }
            let (end, more) = run_end(t, dot + 1);
            let mut dots = 1 + more;
            self.pos = end;
            // Segment by segment: a token starts in a segment that ends with a dot followed by
            // at least one more, at an `ew`/`ey` with eight or more characters after it.
            let mut seg = start;
            while dots >= 2 {
                let Some(len) = memchr::memchr(b'.', &t[seg..end]) else {
                    break; // not reached: `dots` counts the dots left
                };
                let seg_end = seg + len;
                let mut p = seg;
                while p + 10 <= seg_end {
                    if t[p] == b'e' && matches!(t[p + 1], b'w' | b'y') {
                        return Some(p..end);
                    }
                    p += 1;
                }
                dots -= 1;
                seg = seg_end + 1;
            }
        }
        None
    }
}

/// Where the run of segment bytes and dots that goes on at `from` ends, and how many dots it
/// holds. A token is a kilobyte or more of them: whole blocks are classified with arithmetic
/// the compiler vectorises, then the last block byte by byte.
fn run_end(t: &[u8], mut from: usize) -> (usize, usize) {
    let mut dots = 0;
    while let Some(block) = t.get(from..from + 32) {
        let all = block.iter().fold(true, |ok, &b| ok & run_lane(b));
        if !all {
            break;
        }
        dots += usize::from(block.iter().fold(0u8, |n, &b| n + u8::from(b == b'.')));
        from += 32;
    }
    while from < t.len() && RUN_BYTE[usize::from(t[from])] {
        dots += usize::from(t[from] == b'.');
        from += 1;
    }
    (from, dots)
}

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

/// Whether `s` starts as a token's header does: base64url of `{"` or `{ ` (`ey`, `ew`).
pub(super) fn starts_like_token(s: &str) -> bool {
    s.starts_with("ey") || s.starts_with("ew")
}

fn looks_complete(word: &str) -> bool {
    starts_like_token(word) && word.matches('.').count() >= 2
}

/// Whether `u` is made of token characters only, with fewer than two whole tokens among its
/// words: what one token broken over lines looks like. Two kinds of word are not the token's:
/// a word on the same line after the token's both dots (`TOKEN 200`, `TOKEN hello`: glued on,
/// it would change the signature; a line break there is the token wrapped in its signature),
/// and a word that starts a token of its own (`eyJ...` with a dot) in the middle of a segment
/// (after a piece that ends with a dot, `eyJ` is the payload's start, as RFCs break tokens).
/// Stops at the first word that rules it out, so a log or a list of tokens is not read to the
/// end.
fn broken_token(u: &str) -> bool {
    let mut complete = 0;
    let mut dots = 0;
    let mut after_dot = false;
    let mut rest = u.trim_start();
    let mut first = true;
    let mut line_break_before = false;
    while !rest.is_empty() {
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..end];
        if !word.chars().all(is_token_char) {
            return false;
        }
        let starts_own = word.starts_with("eyJ") && word.contains('.') && !after_dot;
        if !first && ((dots >= 2 && !line_break_before) || starts_own) {
            return false;
        }
        after_dot = word.ends_with('.');
        dots += word.matches('.').count();
        complete += usize::from(looks_complete(word));
        if complete >= 2 {
            return false;
        }
        let after = &rest[end..];
        let next = after.trim_start();
        line_break_before = after[..after.len() - next.len()].contains(['\n', '\r']);
        rest = next;
        first = false;
    }
    true
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
#[cfg(test)]
pub(super) fn find(text: &str, origin: Option<&str>) -> Vec<Found> {
    let mut out = Vec::new();
    let _ = find_each(text, origin, &mut |f| {
        out.push(f);
        ControlFlow::Continue(())
    });
    out
}

/// As `find`, handing each candidate to `emit` as it is found (a log with a million tokens is
/// never held as a list).
pub(super) fn find_each(
    text: &str,
    origin: Option<&str>,
    emit: &mut dyn FnMut(Found) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let (u, header_origin) = unwrap(text);
    if u.is_empty() {
        return ControlFlow::Continue(());
    }
    let whole = |default: &str| origin.or(header_origin).unwrap_or(default).to_string();

    let spaced = has_whitespace(u);
    let params = if spaced { Vec::new() } else { url_params(u) };
    if !params.is_empty() {
        for (name, value) in params {
            let (v, _) = unwrap(&value);
            let origin = match origin {
                Some(b) => format!("{b} ({name})"),
                None => name.to_string(),
            };
            let v: String = v.split_whitespace().collect();
            if !v.is_empty() {
                emit(found(origin, Candidate::Lone(v)))?;
            }
        }
        return ControlFlow::Continue(());
    }

    if !spaced {
        if !starts_like_token(u) {
            // One word with a token inside (`ACCESS_TOKEN=eyJ...`, `<eyJ...>`, `id=eyJ...`
            // in a JSON string): the token, as the scan finds it on any line.
            let mut any = false;
            scan(u, origin, &mut |f| {
                any = true;
                emit(f)
            })?;
            if any {
                return ControlFlow::Continue(());
            }
        }
        // A word that starts like a token is decoded whole and strictly, so an error names
        // its stray characters; any other is an opaque token.
        return emit(found(whole("input"), Candidate::Lone(u.to_string())));
    }
    if broken_token(u) {
        let joined: String = u.split_whitespace().collect();
        if looks_complete(&joined) {
            // One token broken over lines (RFCs print them that way; terminals wrap them).
            return emit(found(whole("input"), Candidate::Lone(joined)));
        }
    }

    let mut any = false;
    scan(u, origin, &mut |f| {
        any = true;
        emit(f)
    })?;
    if !any {
        joined_scan(u, origin, &mut |f| {
            any = true;
            emit(f)
        })?;
    }
    if !any && !u.contains('\n') && starts_like_token(u) && u.contains('.') {
        // One line that starts like a token but does not scan as one: decode it strictly so
        // the error names the stray characters (a placeholder copied from documentation).
        return emit(found(whole("input"), Candidate::Lone(u.to_string())));
    }
    ControlFlow::Continue(())
}

/// Tokens broken across lines: a mail client folds long lines, a terminal or a log writer
/// wraps them. Where a line ends with the start of a token (`ey`/`ew` and at least ten token
/// characters, fewer than two dots) and the next lines go on with token characters (after the
/// spaces of a folded line), the pieces are joined, line after line while a line is taken
/// whole and the token has fewer than two dots, or while lines keep the first one's length
/// (fixed-width wrapping). Read only when [`scan`] found nothing, so a log's cost is unchanged;
/// what is joined is decoded like any token in text (kept only if it decodes).
fn joined_scan(
    text: &str,
    base: Option<&str>,
    emit: &mut dyn FnMut(Found) -> ControlFlow<()>,
) -> ControlFlow<()> {
    /// A token being joined: its first line, that line's length, its text and dots so far.
    struct Joining {
        first: usize,
        width: usize,
        token: String,
        dots: usize,
    }
    let is_run = |b: u8| RUN_BYTE[usize::from(b)];
    let dots_in = |b: &[u8]| memchr::memchr_iter(b'.', b).count();
    let lines = LineBreaks::split(text);
    let mut acc: Option<Joining> = None;
    let mut finish = |j: Joining, last: usize| {
        if j.dots < 2 || last == j.first {
            return ControlFlow::Continue(());
        }
        let first = j.first;
        let mut f = found(
            match base {
                Some(b) => format!("{b}, lines {first}-{last}"),
                None => format!("lines {first}-{last}"),
            },
            Candidate::Embedded(j.token),
        );
        f.notes.push(format!(
            "joined from lines {first}-{last}: the token was broken across lines"
        ));
        emit(f)
    };
    let mut last_line = 0;
    for (i, line) in lines.enumerate() {
        let n = i + 1;
        last_line = n;
        if let Some(mut j) = acc.take() {
            let rest = line.trim_start_matches([' ', '\t']);
            let piece = rest.bytes().take_while(|&b| is_run(b)).count();
            j.token.push_str(&rest[..piece]);
            j.dots += dots_in(&rest.as_bytes()[..piece]);
            let whole = piece > 0 && piece == rest.len();
            if whole && (j.dots < 2 || line.len() == j.width) {
                acc = Some(j);
                continue;
            }
            finish(j, if piece > 0 { n } else { n - 1 })?;
            if whole {
                continue;
            }
        }
        // A token's start at this line's end.
        let trimmed = line.trim_end_matches([' ', '\t']);
        let tail_len = trimmed.bytes().rev().take_while(|&b| is_run(b)).count();
        let tail = &trimmed.as_bytes()[trimmed.len() - tail_len..];
        let start = (0..tail.len().saturating_sub(1)).find(|&p| {
            tail[p] == b'e'
                && matches!(tail[p + 1], b'w' | b'y')
                && (p == 0 || !b64url_lane(tail[p - 1]))
        });
        if let Some(p) = start
            && tail.len() - p >= 10
        {
            let dots = dots_in(&tail[p..]);
            if dots < 2 {
                acc = Some(Joining {
                    first: n,
                    width: line.len(),
                    token: String::from_utf8_lossy(&tail[p..]).into_owned(),
                    dots,
                });
            }
        }
    }
    if let Some(j) = acc {
        finish(j, last_line)?;
    }
    ControlFlow::Continue(())
}

/// Where lines end: at `\n`, `\r\n` and a lone `\r` (old Mac files; text pasted into a
/// terminal, which sends Enter as CR), each one break. Whether the text holds a `\r` at all is
/// asked once: text without one (most logs) is counted by a search for `\n` alone.
#[derive(Clone, Copy)]
struct LineBreaks {
    cr: bool,
}

impl LineBreaks {
    /// The lines of `text`, numbered as [`LineBreaks::count`] counts their breaks.
    fn split(text: &str) -> impl Iterator<Item = &str> {
        text.split('\n')
            .flat_map(|l| l.strip_suffix('\r').unwrap_or(l).split('\r'))
    }

    fn of(text: &[u8]) -> Self {
        LineBreaks {
            cr: memchr::memchr(b'\r', text).is_some(),
        }
    }

    /// How many breaks `text[from..to]` holds, and where the line after the last one starts.
    /// A `\r\n` is counted at its `\n`.
    fn count(self, text: &[u8], from: usize, to: usize) -> (usize, Option<usize>) {
        let part = &text[from..to];
        if !self.cr {
            let Some(last) = memchr::memrchr(b'\n', part) else {
                return (0, None);
            };
            return (
                memchr::memchr_iter(b'\n', part).count(),
                Some(from + last + 1),
            );
        }
        let Some(last) = memchr::memrchr2(b'\n', b'\r', part) else {
            return (0, None);
        };
        let breaks = memchr::memchr2_iter(b'\n', b'\r', part)
            .filter(|&i| part[i] == b'\n' || text.get(from + i + 1) != Some(&b'\n'))
            .count();
        (breaks, Some(from + last + 1))
    }
}

/// How many lines `text` holds, as its scan numbers them (a last line without a break counts).
pub(super) fn line_count(text: &str) -> usize {
    let b = text.as_bytes();
    let (breaks, after_last) = LineBreaks::of(b).count(b, 0, b.len());
    (breaks + usize::from(after_last.unwrap_or(0) < b.len())).max(1)
}

/// How many bytes before a token are read for a hint ("Authorization: Bearer ", "id_token=").
const HINT_WINDOW: usize = 256;

/// Every compact token in free text, with its line number and what precedes it on the line.
/// Linear in the text: line numbers and line starts are counted once, as the scan advances.
fn scan(
    text: &str,
    base: Option<&str>,
    emit: &mut dyn FnMut(Found) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let mut line = 1;
    let mut line_start = 0;
    let mut counted_to = 0;
    let breaks = LineBreaks::of(text.as_bytes());
    // With a base origin, several tokens are numbered ("member, token 2"): the first is held
    // back until it is known whether a second follows.
    let mut held: Option<Found> = None;
    let mut index = 0;
    for m in compact_tokens(text) {
        let start = m.start;
        if start > 0 {
            let prev = text.as_bytes()[start - 1];
            // Inside a longer base64url word: not a token's start.
            if b64url_lane(prev) {
                continue;
            }
        }
        if let (n, Some(after)) = breaks.count(text.as_bytes(), counted_to, start) {
            line += n;
            line_start = after;
        }
        counted_to = start;
        let mut candidate = &text[m];
        let dots = candidate.matches('.').count();
        if candidate.ends_with('.') && (dots == 3 || dots == 5) {
            // A sentence's full stop after the token.
            candidate = &candidate[..candidate.len() - 1];
        }
        let mut from = line_start.max(start.saturating_sub(HINT_WINDOW));
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let candidate = Candidate::Embedded(candidate.to_string());
        index += 1;
        if let Some(b) = base {
            if index == 2
                && let Some(mut first) = held.take()
            {
                first.origin = format!("{b}, token 1");
                emit(first)?;
            }
            if index == 1 {
                held = Some(found(b.to_string(), candidate));
            } else {
                emit(found(format!("{b}, token {index}"), candidate))?;
            }
        } else {
            // "line N (hint)", put together without the formatting machinery (once a token).
            let hint = hint(&text[from..start]);
            let mut origin = String::with_capacity(32);
            origin.push_str("line ");
            origin.push_str(itoa::Buffer::new().format(line));
            if let Some(h) = hint {
                origin.push_str(" (");
                origin.push_str(h);
                origin.push(')');
            }
            emit(found(origin, candidate))?;
        }
    }
    if let Some(first) = held {
        emit(first)?;
    }
    ControlFlow::Continue(())
}

/// What the text just before a token on its line says about it. Read in place (names compared
/// without regard to ASCII case): it runs once for every token of a log.
fn hint(before: &str) -> Option<&'static str> {
    let before = before.as_bytes();
    let mut tail = before;
    // A backslash: JSON quoted inside a log line (`msg="{\"id_token\":\"eyJ...`).
    while let [rest @ .., b' ' | b'\t' | b'"' | b'\'' | b'\\' | b':' | b'='] = tail {
        tail = rest;
    }
    let ends_with = |p: &str| {
        tail.len() >= p.len() && tail[tail.len() - p.len()..].eq_ignore_ascii_case(p.as_bytes())
    };
    if ends_with("bearer") || ends_with("dpop") {
        let authorization = before
            .windows(13)
            .any(|w| w.eq_ignore_ascii_case(b"authorization"));
        return Some(if authorization {
            "Authorization header"
        } else {
            "Bearer token"
        });
    }
    TOKEN_PARAMS
        .iter()
        .chain(["accesstoken", "idtoken", "refreshtoken"].iter())
        .find(|p| {
            ends_with(p)
                && !tail[..tail.len() - p.len()]
                    .last()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
        })
        .copied()
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
        assert_eq!(hint("  \"id_token\": \""), Some("id_token"));
        assert_eq!(hint(r#"msg="{\"id_token\":\""#), Some("id_token"));
        assert_eq!(hint("x-my_token="), None);
        assert_eq!(
            hint("> Authorization: Bearer "),
            Some("Authorization header")
        );
        assert_eq!(hint("AUTHORIZATION=DPoP "), Some("Authorization header"));
        assert_eq!(hint("token: BEARER "), Some("Bearer token"));
        assert_eq!(hint("\"Access_Token\":\""), Some("access_token"));
        assert_eq!(hint("é id_token="), Some("id_token"));
        assert_eq!(hint("éid_token="), Some("id_token"));
        assert_eq!(hint("xid_token="), None);
        assert_eq!(hint(""), None);
    }

    /// What `compact_tokens` must find: the pattern it implements, run by the regex crate.
    fn by_regex(text: &str) -> Vec<std::ops::Range<usize>> {
        let re = regex::Regex::new(r"e[wy][A-Za-z0-9_=-]{8,}(?:\.[A-Za-z0-9_=-]*){2,}").unwrap();
        re.find_iter(text).map(|m| m.range()).collect()
    }

    #[test]
    fn compact_tokens_finds_what_the_pattern_finds() {
        for text in [
            "",
            "eyJhbGciOiJub25lIn0.eyJ4IjoxfQ.",
            "x eyJhbGciOiJub25lIn0.eyJ4IjoxfQ.sig. End.",
            "eyJhbGciOiJub25lIn0.e",
            "a.b.c eyAAAAAAAA.b.c eyAAAAAAA.b.c",
            "xxeyAAAAAAAAAA.b.c yy",
            "foo.eyAAAAAAAAAA.b.c",
            "eyAAAAAAAAA.eyBBBBBBBBB.c.d",
            "eweweweweweweweew.ey.ey.",
            "é.eyAAAAAAAAAAé.b.cé",
            "...........eyAAAAAAAAAA...",
            "ey12345678.ew12345678..ey12345678.x.y",
        ] {
            assert_eq!(
                compact_tokens(text).collect::<Vec<_>>(),
                by_regex(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn long_runs_end_where_the_pattern_ends_them() {
        // Runs read in 32-byte blocks: every length and stop around the block edges, with the
        // dots (which must be counted) before, in and after the first blocks.
        for len in 28..100 {
            for dot in [3, 31, 32, 33, 64, 70] {
                for stop in [" ", "é", "\n", "+", ""] {
                    let mut run: Vec<u8> = (0..len).map(|i| b"eyJ0A_-9="[i % 9]).collect();
                    for d in [10, dot, dot + 5] {
                        if d < len {
                            run[d] = b'.';
                        }
                    }
                    let text = format!(
                        "x {}{stop}eyAAAAAAAAAA.b.c",
                        String::from_utf8(run).unwrap()
                    );
                    assert_eq!(
                        compact_tokens(&text).collect::<Vec<_>>(),
                        by_regex(&text),
                        "{text:?}"
                    );
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn compact_tokens_agrees_with_the_pattern(text in "[eywJA1._=+/ \n-é]{0,80}") {
            proptest::prop_assert_eq!(compact_tokens(&text).collect::<Vec<_>>(), by_regex(&text));
        }

        #[test]
        fn compact_tokens_agrees_on_token_like_text(
            parts in proptest::collection::vec("(eyJ[A-Za-z0-9_-]{0,12}|ew|e|y|[.]{1,2}|[A-Za-z0-9_=-]{1,9}| |:|\n)", 0..24),
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(compact_tokens(&text).collect::<Vec<_>>(), by_regex(&text));
        }
    }

    #[test]
    fn a_four_segment_string_is_not_cut_to_three() {
        let f = find("see eyJhbGciOiJub25lIn0.eyJ4IjoxfQ.sig.more here", None);
        assert_eq!(
            f[0].candidate.text(),
            "eyJhbGciOiJub25lIn0.eyJ4IjoxfQ.sig.more"
        );
    }

    #[test]
    fn many_tokens_on_one_line_keep_their_hints_and_line() {
        // Issue 8.2: the line start and a lowercased prefix used to be recomputed per match.
        let t = "eyJhbGciOiJIUzI1NiJ9.eyJ4IjoxfQ.c2ln";
        let mut line = format!("first\nAuthorization: Bearer {t}");
        for _ in 0..2000 {
            line.push_str(&format!(" : {t}"));
        }
        line.push_str(&format!(" id_token={t}\nlast {t}"));
        let f = find(&line, None);
        assert_eq!(f.len(), 2003);
        assert_eq!(f[0].origin, "line 2 (Authorization header)");
        assert_eq!(f[1].origin, "line 2");
        assert_eq!(f[2001].origin, "line 2 (id_token)");
        assert_eq!(f[2002].origin, "line 3");
    }

    #[test]
    fn several_tokens_on_separate_lines_are_not_joined() {
        let t = "eyJhbGciOiJub25lIn0.eyJ4IjoxfQ.\neyJhbGciOiJub25lIn0.eyJ4IjoyfQ.\n";
        let f = find(t, None);
        assert_eq!(f.len(), 2);
        assert_eq!(f[1].origin, "line 2");
    }
}
