//! Times and durations as `encode` and the UI's time shift take them: RFC 3339, Unix seconds,
//! `now`, or a duration relative to now (`+1h`, `-5m`, `+30s`, `+2d`, `+1h30m`).

use chrono::{DateTime, Utc};
use serde_json::{Number, Value};

use crate::claims::time::to_datetime;

/// Largest shift accepted: 10,000 years, far beyond any token and far inside chrono's range.
const MAX_SECONDS: i64 = 10_000 * 366 * 86_400;

/// A time as given on the command line.
#[derive(Debug, Clone, PartialEq)]
pub enum When {
    Now,
    /// RFC 3339.
    At(DateTime<Utc>),
    /// Unix seconds, spelled as given (`1700000000`, `1700000000.5`).
    Unix(Number),
    /// Seconds relative to now.
    Relative(i64),
}

impl When {
    /// The claim value: a NumericDate (whole seconds unless given as Unix seconds).
    pub fn resolve(&self, now: DateTime<Utc>) -> Value {
        match self {
            When::Now => Value::from(now.timestamp()),
            When::At(t) => Value::from(t.timestamp()),
            When::Unix(n) => Value::Number(n.clone()),
            When::Relative(secs) => Value::from(now.timestamp().saturating_add(*secs)),
        }
    }
}

/// An instant: RFC 3339 (2026-11-24T09:00:00Z) or Unix seconds (fractions allowed).
pub fn parse_instant(s: &str) -> Option<DateTime<Utc>> {
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    s.parse::<f64>().ok().and_then(to_datetime)
}

/// `--exp`/`--nbf`/`--iat`: RFC 3339, Unix seconds, `now`, or `+DURATION`/`-DURATION`.
pub fn parse(s: &str) -> Result<When, String> {
    let t = s.trim();
    if t == "now" {
        return Ok(When::Now);
    }
    if t.starts_with(['+', '-']) {
        return parse_duration(t).map(When::Relative);
    }
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        let number: Number = t
            .parse()
            .map_err(|_| format!("{s:?} is not a number of Unix seconds"))?;
        return match number.as_f64().and_then(to_datetime) {
            Some(_) => Ok(When::Unix(number)),
            None => Err(format!("{s:?} is out of range for a date")),
        };
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(t) {
        return Ok(When::At(d.with_timezone(&Utc)));
    }
    Err(format!(
        "{s:?} is not a time: use RFC 3339 (2026-11-24T09:00:00Z), Unix seconds, \"now\", or a duration from now (+1h, -5m, +30s, +2d)"
    ))
}

/// A signed duration in seconds: `+1h`, `-5m`, `+30s`, `+2d`, `+1w`, `+1h30m`. The sign is
/// required (`+` or `-`), each number needs a unit.
pub fn parse_duration(s: &str) -> Result<i64, String> {
    let bad = || {
        format!(
            "{s:?} is not a duration: a sign and numbers with units, e.g. +1h, -5m, +30s, +2d, +1h30m"
        )
    };
    let t = s.trim();
    let (sign, rest) = match t.as_bytes().first() {
        Some(b'+') => (1, &t[1..]),
        Some(b'-') => (-1, &t[1..]),
        _ => return Err(bad()),
    };
    if rest.is_empty() {
        return Err(bad());
    }
    let mut total: i64 = 0;
    let mut digits = String::new();
    for c in rest.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            if digits.len() > 18 {
                return Err(format!("{s:?} is too long a duration"));
            }
            continue;
        }
        let unit: i64 = match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            'w' => 7 * 86_400,
            _ => return Err(bad()),
        };
        let n: i64 = digits.parse().map_err(|_| bad())?;
        digits.clear();
        total = n
            .checked_mul(unit)
            .and_then(|x| total.checked_add(x))
            .filter(|x| *x <= MAX_SECONDS)
            .ok_or_else(|| format!("{s:?} is too long a duration (at most 10000 years)"))?;
    }
    if !digits.is_empty() {
        return Err(format!(
            "{s:?}: the number {digits} has no unit (s, m, h, d or w)"
        ));
    }
    Ok(sign * total)
}

/// Validate a time for clap (the value is resolved against "now" later).
pub fn check(s: &str) -> Result<String, String> {
    parse(s).map(|_| s.to_string())
}

/// Validate a duration for clap.
pub fn check_duration(s: &str) -> Result<String, String> {
    parse_duration(s).map(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("+1h"), Ok(3600));
        assert_eq!(parse_duration("-5m"), Ok(-300));
        assert_eq!(parse_duration("+30s"), Ok(30));
        assert_eq!(parse_duration("+2d"), Ok(172_800));
        assert_eq!(parse_duration("+1h30m"), Ok(5400));
        for bad in ["1h", "+", "+1", "+1x", "+h", "+1.5h", "", "++1h"] {
            assert!(parse_duration(bad).is_err(), "{bad:?}");
        }
        assert!(
            parse_duration("+99999999999999999d")
                .unwrap_err()
                .contains("too long")
        );
        assert!(
            parse_duration("+9999999999999999999999999s")
                .unwrap_err()
                .contains("too long")
        );
    }

    #[test]
    fn times() {
        let now = parse_instant("2026-11-24T09:00:00Z").unwrap();
        let at = |s: &str| parse(s).unwrap().resolve(now).to_string();
        assert_eq!(at("now"), "1795510800");
        assert_eq!(at("+30s"), "1795510830");
        assert_eq!(at("-1h"), "1795507200");
        assert_eq!(at("2026-11-24T10:00:00+01:00"), "1795510800");
        assert_eq!(at("1700000000"), "1700000000");
        assert_eq!(at("1700000000.50"), "1700000000.50");
        for bad in ["tomorrow", "1e99999", "99999999999999999999", "12:00", "."] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }
}
