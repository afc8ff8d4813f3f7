//! NumericDate values (RFC 7519 §2) and the other time formats token endpoints use, made
//! readable: RFC 3339 UTC, local time, and relative to a given `now`.
//!
//! Nothing here reads the clock or the machine's time zone: both come in as a [`Now`], so
//! `--now` and tests are exact.

use std::borrow::Cow;

use chrono::{
    DateTime, Datelike, FixedOffset, Local, NaiveDateTime, Offset as _, SecondsFormat, TimeZone,
    Timelike, Utc,
};
use serde_json::Value;

use crate::report::{ExpiryStatus, TimeInfo};

/// The time zone local times are shown (and zone-less date strings read) in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Zone {
    /// The machine's zone, with its daylight-saving rules.
    #[default]
    Local,
    /// A fixed offset from UTC.
    Fixed(FixedOffset),
}

impl Zone {
    /// UTC itself, for output that must not depend on the machine.
    pub fn utc() -> Zone {
        Zone::Fixed(Utc.fix())
    }

    /// The wall-clock time of `d` in this zone, with its offset: `2026-11-24 10:00:00 +01:00`.
    pub fn format(self, d: &DateTime<Utc>) -> String {
        match self {
            Zone::Local => wall_clock_with_offset(&d.with_timezone(&Local)),
            Zone::Fixed(o) => wall_clock_with_offset(&d.with_timezone(&o)),
        }
    }

    /// A wall-clock time in this zone (the earliest, when a clock change repeats it).
    fn resolve(self, naive: &NaiveDateTime) -> Option<DateTime<Utc>> {
        match self {
            Zone::Local => Local
                .from_local_datetime(naive)
                .earliest()
                .map(|d| d.to_utc()),
            Zone::Fixed(o) => o.from_local_datetime(naive).earliest().map(|d| d.to_utc()),
        }
    }
}

/// When a report is made, and the zone its local times are in: time enters the pipeline once,
/// as this. A bare `DateTime<Utc>` converts with the machine's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    pub utc: DateTime<Utc>,
    pub zone: Zone,
}

impl Now {
    pub fn new(utc: DateTime<Utc>, zone: Zone) -> Now {
        Now { utc, zone }
    }
}

impl From<DateTime<Utc>> for Now {
    fn from(utc: DateTime<Utc>) -> Now {
        Now::new(utc, Zone::Local)
    }
}

/// Read a NumericDate. Strings of digits and fractions are accepted with a note (some
/// issuers send them), as are the date strings legacy managed-identity hosts use (those
/// without a zone are read in `zone`).
pub fn parse(value: &Value, zone: Zone) -> Option<(f64, Option<String>)> {
    match value {
        Value::Number(n) => {
            let f = n.as_f64()?;
            if n.is_i64() || n.is_u64() {
                // Digits alone: nothing to note, and no need to spell the number out.
                return Some((f, None));
            }
            let spelled = n.to_string();
            let note = if spelled.contains(['e', 'E']) {
                Some(format!("written in exponent notation ({spelled})"))
            } else if spelled.contains('.') {
                Some("has a fractional part".to_string())
            } else if n.as_i64().is_none() && n.as_u64().is_none() {
                Some("an integer beyond 64 bits".to_string())
            } else {
                None
            };
            Some((f, note))
        }
        Value::String(s) => {
            let t = s.trim();
            if let Ok(f) = t.parse::<f64>()
                && f.is_finite()
            {
                return Some((
                    f,
                    Some("a string, not a JSON number as RFC 7519 requires".to_string()),
                ));
            }
            parse_date_string(t, zone).map(|d| {
                (
                    d.timestamp() as f64,
                    Some(format!("a date string ({t:?}), not a NumericDate")),
                )
            })
        }
        _ => None,
    }
}

/// Date strings seen from identity endpoints: legacy App Service (`1/16/2020 5:24:12 AM
/// +00:00`, `06/20/2019 02:57:58 +00:00`), RFC 3339, and `az`'s `expiresOn`
/// (`2026-11-24 10:12:00.000000`, wall-clock time without a zone, read in `zone`).
pub fn parse_date_string(s: &str, zone: Zone) -> Option<DateTime<Utc>> {
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    for fmt in ["%m/%d/%Y %I:%M:%S %p %:z", "%m/%d/%Y %H:%M:%S %:z"] {
        if let Ok(d) = DateTime::parse_from_str(s, fmt) {
            return Some(d.with_timezone(&Utc));
        }
    }
    for fmt in ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(s, fmt) {
            return zone.resolve(&naive);
        }
    }
    None
}

/// The instant of a Unix time, when chrono can represent it.
pub fn to_datetime(unix: f64) -> Option<DateTime<Utc>> {
    if !unix.is_finite() || unix.abs() > 8.2e12 {
        return None;
    }
    let secs = unix.floor();
    let nanos = ((unix - secs) * 1e9).round().clamp(0.0, 999_999_999.0);
    DateTime::from_timestamp(secs as i64, nanos as u32)
}

/// RFC 3339 in UTC with `Z` (fractions only when present).
pub fn format_utc(d: &DateTime<Utc>) -> String {
    if d.nanosecond() == 0
        && let Some(s) = wall_clock(d, b'T', "Z")
    {
        return s;
    }
    d.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// `2026-11-24 10:00:00 +01:00`: chrono's `%Y-%m-%d %H:%M:%S %:z`.
fn wall_clock_with_offset<Tz: TimeZone>(d: &DateTime<Tz>) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let offset = d.offset().fix().local_minus_utc();
    if offset % 60 == 0 {
        let minutes = offset.unsigned_abs() / 60;
        let mut zone = *b" +00:00";
        if offset < 0 {
            zone[1] = b'-';
        }
        put_digits(&mut zone[2..4], minutes / 60);
        put_digits(&mut zone[5..7], minutes % 60);
        if minutes / 60 < 100
            && let Ok(zone) = std::str::from_utf8(&zone)
            && let Some(s) = wall_clock(d, b' ', zone)
        {
            return s;
        }
    }
    d.format("%Y-%m-%d %H:%M:%S %:z").to_string()
}

/// `YYYY-MM-DD`, `sep`, `HH:MM:SS`, then `tail`, for a year of four digits (`None` for
/// others, which chrono writes with a sign, and for a leap second). Written by hand:
/// chrono's formatter reads its pattern on every call, and a token has three times to show.
fn wall_clock<T: Datelike + Timelike>(d: &T, sep: u8, tail: &str) -> Option<String> {
    if d.nanosecond() >= 1_000_000_000 {
        return None;
    }
    let year = u32::try_from(d.year())
        .ok()
        .filter(|y| (1..=9999).contains(y))?;
    let mut b = *b"0000-00-00T00:00:00";
    put_digits(&mut b[0..4], year);
    put_digits(&mut b[5..7], d.month());
    put_digits(&mut b[8..10], d.day());
    b[10] = sep;
    put_digits(&mut b[11..13], d.hour());
    put_digits(&mut b[14..16], d.minute());
    put_digits(&mut b[17..19], d.second());
    let mut s = String::with_capacity(b.len() + tail.len());
    s.push_str(std::str::from_utf8(&b).ok()?);
    s.push_str(tail);
    Some(s)
}

/// `n`'s last `out.len()` decimal digits, zero-padded.
fn put_digits(out: &mut [u8], mut n: u32) {
    for slot in out.iter_mut().rev() {
        *slot = b'0' + (n % 10) as u8;
        n /= 10;
    }
}

/// Seconds from `now` to `unix`, floored, saturating.
pub fn seconds_between(unix: f64, now: DateTime<Utc>) -> i64 {
    let diff = unix - now.timestamp() as f64 - f64::from(now.timestamp_subsec_nanos()) / 1e9;
    let floored = diff.floor();
    if floored >= i64::MAX as f64 {
        i64::MAX
    } else if floored <= i64::MIN as f64 {
        i64::MIN
    } else {
        floored as i64
    }
}

/// A duration in its two largest units: "42m 10s", "3h 2m", "2d 4h", "1y 12d".
pub fn duration(secs: u64) -> String {
    around_duration("", secs, "")
}

/// [`duration`] appended to `out` (no formatting machinery: it runs several times a token).
fn push_duration(out: &mut String, secs: u64) {
    const MIN: u64 = 60;
    const HOUR: u64 = 60 * MIN;
    const DAY: u64 = 24 * HOUR;
    const YEAR: u64 = 365 * DAY;
    let (big, big_unit, small, small_unit) = if secs >= YEAR {
        (secs / YEAR, "y", secs % YEAR / DAY, "d")
    } else if secs >= 2 * DAY {
        (secs / DAY, "d", secs % DAY / HOUR, "h")
    } else if secs >= HOUR {
        (secs / HOUR, "h", secs % HOUR / MIN, "m")
    } else if secs >= MIN {
        (secs / MIN, "m", secs % MIN, "s")
    } else {
        (secs, "s", 0, "")
    };
    out.push_str(itoa::Buffer::new().format(big));
    out.push_str(big_unit);
    if small != 0 {
        out.push(' ');
        out.push_str(itoa::Buffer::new().format(small));
        out.push_str(small_unit);
    }
}

/// `before`, the duration of `secs`, `after`, in one string.
fn around_duration(before: &str, secs: u64, after: &str) -> String {
    let mut out = String::with_capacity(before.len() + 16 + after.len());
    out.push_str(before);
    push_duration(&mut out, secs);
    out.push_str(after);
    out
}

/// "in 42m 10s", "3h 2m ago" or "now".
pub fn relative(seconds_from_now: i64) -> String {
    match seconds_from_now {
        0 => "now".to_string(),
        s if s > 0 => around_duration("in ", s.unsigned_abs(), ""),
        s => around_duration("", s.unsigned_abs(), " ago"),
    }
}

/// Everything about one time value relative to `now`, local time in `now`'s zone.
pub fn info(value: &Value, now: Now) -> Option<TimeInfo> {
    let (unix, mut note) = parse(value, now.zone)?;
    let d = to_datetime(unix);
    if d.is_none() {
        let out = "beyond the dates a calendar can show";
        note = Some(match note {
            Some(n) => format!("{n}; {out}"),
            None => out.to_string(),
        });
    }
    let seconds_from_now = seconds_between(unix, now.utc);
    Some(TimeInfo {
        unix,
        utc: d.as_ref().map(format_utc),
        local: d.as_ref().map(|d| now.zone.format(d)),
        relative: relative(seconds_from_now),
        seconds_from_now,
        note,
    })
}

/// A token's validity period judged at one instant: the one rule for `exp` and `nbf`, used
/// by the summary, by verification's claim checks and by the UI's countdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Judgement {
    pub status: ExpiryStatus,
    /// Seconds from `now` to `exp`, floored (negative once passed); `None` without a readable
    /// `exp`.
    pub exp_from_now: Option<i64>,
    /// Seconds from `now` to `nbf`, floored; `None` without a readable `nbf`.
    pub nbf_from_now: Option<i64>,
    /// `now` is at or after `exp` plus the leeway (RFC 7519 §4.1.4: expired "on or after").
    pub expired: bool,
    /// `now` plus the leeway is before `nbf` (RFC 7519 §4.1.5).
    pub early: bool,
}

impl Judgement {
    /// The judgement in words: "valid · expires in 4m 12s", "EXPIRED 3h 2m ago",
    /// "NOT YET VALID · valid in 5m".
    pub fn phrase(&self) -> Cow<'static, str> {
        match (self.status, self.exp_from_now) {
            // "EXPIRED 0s ago" beside `exp  now` reads like a glitch.
            (ExpiryStatus::Expired, Some(0)) => "EXPIRED just now".into(),
            (ExpiryStatus::Valid, Some(0)) => "valid · expires within a second".into(),
            (ExpiryStatus::Expired, Some(s)) => {
                around_duration("EXPIRED ", s.unsigned_abs(), " ago").into()
            }
            (ExpiryStatus::NotYetValid, _) => format!(
                "NOT YET VALID · valid {}",
                relative(self.nbf_from_now.unwrap_or_default())
            )
            .into(),
            (ExpiryStatus::Valid, Some(s)) => {
                around_duration("valid · expires in ", s.unsigned_abs(), "").into()
            }
            (s, _) => s.word().into(),
        }
    }
}

/// Judge `exp` and `nbf` (Unix seconds) at `now`, allowing `leeway` seconds of clock skew
/// either way. `exp` is `None` when the token has none and `Some(None)` when it has one no
/// time can be read from.
pub fn judge(
    exp: Option<Option<f64>>,
    nbf: Option<f64>,
    now: DateTime<Utc>,
    leeway: u64,
) -> Judgement {
    let now_secs = now.timestamp() as f64 + f64::from(now.timestamp_subsec_nanos()) / 1e9;
    let leeway = leeway as f64;
    let exp_at = exp.flatten();
    let expired = exp_at.is_some_and(|e| now_secs >= e + leeway);
    let early = nbf.is_some_and(|n| now_secs + leeway < n);
    let status = match exp {
        _ if expired => ExpiryStatus::Expired,
        _ if early => ExpiryStatus::NotYetValid,
        Some(Some(_)) => ExpiryStatus::Valid,
        Some(None) => ExpiryStatus::Unknown,
        None => ExpiryStatus::NoExpiry,
    };
    Judgement {
        status,
        exp_from_now: exp_at.map(|e| seconds_between(e, now)),
        nbf_from_now: nbf.map(|n| seconds_between(n, now)),
        expired,
        early,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_700_000_000, 0).unwrap()
    }

    fn at() -> Now {
        Now::new(now(), Zone::utc())
    }

    #[test]
    fn times_are_written_as_chrono_writes_them() {
        let offsets = [
            0,
            3600,
            -3600,
            5 * 3600 + 45 * 60,
            -(9 * 3600 + 30 * 60),
            37,
            -61,
        ];
        let instants = [
            -8_000_000_000_000,
            -62_135_596_800, // 0001-01-01
            -62_135_596_801, // 0000-12-31: a year chrono writes with a sign
            0,
            951_782_400, // 2000-02-29
            1_700_000_000,
            253_402_300_799, // 9999-12-31T23:59:59
            253_402_300_800, // 10000-01-01
        ]
        .into_iter()
        .flat_map(|secs| [(secs, 0), (secs, 500_000_000), (secs, 123_456_789)]);
        for (secs, nanos) in instants {
            let d = DateTime::from_timestamp(secs, nanos).unwrap();
            assert_eq!(
                format_utc(&d),
                d.to_rfc3339_opts(SecondsFormat::AutoSi, true)
            );
            for off in offsets {
                let o = FixedOffset::east_opt(off).unwrap();
                let want = d
                    .with_timezone(&o)
                    .format("%Y-%m-%d %H:%M:%S %:z")
                    .to_string();
                assert_eq!(Zone::Fixed(o).format(&d), want, "{secs} {nanos} {off}");
            }
        }
    }

    #[test]
    fn the_zone_is_an_input() {
        let plus_one = Zone::Fixed(FixedOffset::east_opt(3600).unwrap());
        let i = info(&json!(1_700_000_600), Now::new(now(), plus_one)).unwrap();
        assert_eq!(i.local.as_deref(), Some("2023-11-14 23:23:20 +01:00"));
        let i = info(&json!(1_700_000_600), at()).unwrap();
        assert_eq!(i.local.as_deref(), Some("2023-11-14 22:23:20 +00:00"));
        // az's expiresOn has no zone: it is read in the zone given.
        let d = parse_date_string("2026-11-24 10:12:00.000000", plus_one).unwrap();
        assert_eq!(format_utc(&d), "2026-11-24T09:12:00Z");
        let d = parse_date_string("2026-11-24 10:12:00.000000", Zone::utc()).unwrap();
        assert_eq!(format_utc(&d), "2026-11-24T10:12:00Z");
        // A bare instant means the machine's zone.
        assert_eq!(Now::from(now()).zone, Zone::Local);
    }

    #[test]
    fn durations_use_two_units() {
        assert_eq!(duration(0), "0s");
        assert_eq!(duration(42 * 60 + 10), "42m 10s");
        assert_eq!(duration(3 * 3600 + 2 * 60 + 5), "3h 2m");
        assert_eq!(duration(86_400), "24h");
        assert_eq!(duration(86_700), "24h 5m");
        assert_eq!(duration(3 * 86_400 + 7200), "3d 2h");
        assert_eq!(relative(-(3 * 3600 + 2 * 60)), "3h 2m ago");
        assert_eq!(relative(5), "in 5s");
    }

    #[test]
    fn numeric_dates_in_every_spelling() {
        let i = info(&json!(1_700_000_600), at()).unwrap();
        assert_eq!(i.utc.as_deref(), Some("2023-11-14T22:23:20Z"));
        assert_eq!(i.relative, "in 10m");
        assert_eq!(i.note, None);
        let exp: Value = serde_json::from_str("1.30081938e+09").unwrap();
        let i = info(&exp, at()).unwrap();
        assert_eq!(i.utc.as_deref(), Some("2011-03-22T18:43:00Z"));
        assert!(i.note.unwrap().contains("exponent"));
        let i = info(&json!(1.5), at()).unwrap();
        assert_eq!(i.utc.as_deref(), Some("1970-01-01T00:00:01.500Z"));
        let i = info(&json!("1300819380"), at()).unwrap();
        assert!(i.note.unwrap().contains("a string"));
        let i = info(&json!(-1), at()).unwrap();
        assert_eq!(i.utc.as_deref(), Some("1969-12-31T23:59:59Z"));
    }

    #[test]
    fn out_of_range_dates_are_kept_without_a_calendar_date() {
        let max: Value = serde_json::from_str("9223372036854775807").unwrap();
        let i = info(&max, at()).unwrap();
        assert_eq!(i.utc, None);
        assert!(i.note.unwrap().contains("beyond"));
        assert!(i.seconds_from_now > 0);
        let huge: Value = serde_json::from_str("1e400").unwrap_or(json!(0));
        let _ = info(&huge, at());
    }

    #[test]
    fn legacy_date_strings() {
        let d = parse_date_string("1/16/2020 5:24:12 AM +00:00", Zone::Local).unwrap();
        assert_eq!(format_utc(&d), "2020-01-16T05:24:12Z");
        let d = parse_date_string("06/20/2019 02:57:58 +00:00", Zone::Local).unwrap();
        assert_eq!(format_utc(&d), "2019-06-20T02:57:58Z");
    }

    #[test]
    fn judgement_follows_rfc_7519() {
        let t = 1_700_000_000.0;
        let status = |exp, nbf| judge(exp, nbf, now(), 0).status;
        assert_eq!(status(Some(Some(t)), None), ExpiryStatus::Expired);
        assert_eq!(
            status(Some(Some(t + 1.0)), Some(t + 5.0)),
            ExpiryStatus::NotYetValid
        );
        assert_eq!(status(Some(Some(t + 1.0)), Some(t)), ExpiryStatus::Valid);
        assert_eq!(status(None, None), ExpiryStatus::NoExpiry);
        assert_eq!(status(Some(None), None), ExpiryStatus::Unknown);
        assert_eq!(status(Some(None), Some(t + 5.0)), ExpiryStatus::NotYetValid);
        assert_eq!(
            judge(Some(Some(t - 10_920.0)), None, now(), 0).phrase(),
            "EXPIRED 3h 2m ago"
        );
        // At the very second: words, not "0s ago".
        assert_eq!(
            judge(Some(Some(t)), None, now(), 0).phrase(),
            "EXPIRED just now"
        );
        assert_eq!(
            judge(Some(Some(t + 0.5)), None, now(), 0).phrase(),
            "valid · expires within a second"
        );
        assert_eq!(
            judge(Some(Some(t + 252.0)), None, now(), 0).phrase(),
            "valid · expires in 4m 12s"
        );
        assert_eq!(
            judge(Some(Some(t + 600.0)), Some(t + 300.0), now(), 0).phrase(),
            "NOT YET VALID · valid in 5m"
        );
    }

    #[test]
    fn leeway_widens_both_ends_and_fractions_count() {
        let t = 1_700_000_000.0;
        let j = judge(Some(Some(t - 30.0)), Some(t + 30.0), now(), 60);
        assert!(!j.expired && !j.early);
        assert_eq!(j.status, ExpiryStatus::Valid);
        assert_eq!(j.exp_from_now, Some(-30));
        let j = judge(Some(Some(t - 60.0)), None, now(), 60);
        assert!(j.expired, "at exp + leeway the token has expired");
        // Half a second before exp the token is still valid; half a second after, expired.
        assert!(!judge(Some(Some(t + 0.5)), None, now(), 0).expired);
        assert!(judge(Some(Some(t - 0.5)), None, now(), 0).expired);
    }
}
