//! When to ask again, and how long to wait first: Microsoft's IMDS retry guidance.
//!
//! 404, 429 and 5xx are retried with exponential back-off (about 2, 4, 8, 16 s, never more
//! than 60 s), or after what `Retry-After` says; 410 ("IMDS is updating, back within 70 s") is
//! retried until 70 s have passed; any other status is final. Every duration scales with the
//! first wait (`--retry-base-ms`), so tests run the same schedule in milliseconds.

use std::fmt;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Serialize;

/// The longest `Retry-After` obeyed; longer ones are cut to this.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// Why a wait is as long as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WaitReason {
    /// Exponential back-off.
    Backoff,
    /// The server's `Retry-After`.
    RetryAfter,
    /// 410: back-off within the 70 s the service may take to come back.
    Gone,
}

impl fmt::Display for WaitReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            WaitReason::Backoff => "back-off",
            WaitReason::RetryAfter => "Retry-After",
            WaitReason::Gone => "IMDS is updating",
        })
    }
}

/// The retry schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after 404/429/5xx; 0 turns every retry off, 410 included.
    pub retries: u32,
    /// The first back-off wait (2 s).
    pub base: Duration,
}

impl RetryPolicy {
    /// The longest back-off wait: 60 s at the default base.
    pub fn max_backoff(&self) -> Duration {
        self.base.saturating_mul(30)
    }

    /// How long 410 is retried: 70 s at the default base.
    pub fn gone_budget(&self) -> Duration {
        self.base.saturating_mul(35)
    }

    /// The back-off before retry `n` (1-based): base, 2×base, 4×base, ... capped.
    pub fn backoff(&self, n: u32) -> Duration {
        let factor = 1u32 << n.saturating_sub(1).min(20);
        self.base.saturating_mul(factor).min(self.max_backoff())
    }

    /// Whether to retry after `status`, and the wait. `retries_done` counts the retries made
    /// so far; `elapsed` is the time since the first attempt.
    pub fn decide(
        &self,
        status: u16,
        retry_after: Option<Duration>,
        retries_done: u32,
        elapsed: Duration,
    ) -> Option<(Duration, WaitReason)> {
        if self.retries == 0 {
            return None;
        }
        let after = retry_after.map(|d| d.min(MAX_RETRY_AFTER));
        match status {
            410 => {
                let left = self.gone_budget().checked_sub(elapsed)?;
                if left.is_zero() {
                    return None;
                }
                let wait = after.unwrap_or_else(|| self.backoff(retries_done + 1));
                Some((wait.min(left), WaitReason::Gone))
            }
            404 | 429 | 500..=599 => {
                if retries_done >= self.retries {
                    return None;
                }
                Some(match after {
                    Some(d) => (d, WaitReason::RetryAfter),
                    None => (self.backoff(retries_done + 1), WaitReason::Backoff),
                })
            }
            _ => None,
        }
    }
}

/// Parse `Retry-After`: delay-seconds or an HTTP-date (RFC 9110 §10.2.3). A date in the past
/// means "now". `None` when it is neither.
pub fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = DateTime::parse_from_rfc2822(v).ok()?;
    let delta = when.with_timezone(&Utc) - now;
    Some(delta.to_std().unwrap_or(Duration::ZERO))
}

/// A duration for messages: `2.0 s`, or `250 ms` below a second.
pub fn secs(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        format!("{} ms", d.as_millis())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: fn(u64) -> Duration = Duration::from_millis;

    fn policy() -> RetryPolicy {
        RetryPolicy {
            retries: 4,
            base: Duration::from_secs(2),
        }
    }

    #[test]
    fn backoff_is_2_4_8_16_capped_at_60() {
        let p = policy();
        let waits: Vec<u64> = (1..=7).map(|n| p.backoff(n).as_secs()).collect();
        assert_eq!(waits, [2, 4, 8, 16, 32, 60, 60]);
        assert_eq!(p.backoff(200).as_secs(), 60);
        assert_eq!(p.gone_budget().as_secs(), 70);
    }

    #[test]
    fn retried_statuses() {
        let p = policy();
        for s in [404, 429, 500, 502, 503, 504, 599] {
            assert_eq!(
                p.decide(s, None, 0, Duration::ZERO),
                Some((Duration::from_secs(2), WaitReason::Backoff)),
                "{s}"
            );
        }
        for s in [200, 400, 401, 403, 405, 409, 411, 418] {
            assert_eq!(p.decide(s, None, 0, Duration::ZERO), None, "{s}");
        }
    }

    #[test]
    fn the_retry_count_is_a_budget() {
        let p = policy();
        let schedule: Vec<Option<u64>> = (0..6)
            .map(|done| {
                p.decide(500, None, done, Duration::ZERO)
                    .map(|(d, _)| d.as_secs())
            })
            .collect();
        assert_eq!(schedule, [Some(2), Some(4), Some(8), Some(16), None, None]);
        let off = RetryPolicy { retries: 0, ..p };
        assert_eq!(off.decide(429, None, 0, Duration::ZERO), None);
        assert_eq!(off.decide(410, None, 0, Duration::ZERO), None);
    }

    #[test]
    fn retry_after_wins_and_is_capped() {
        let p = policy();
        assert_eq!(
            p.decide(429, Some(Duration::from_secs(1)), 0, Duration::ZERO),
            Some((Duration::from_secs(1), WaitReason::RetryAfter))
        );
        assert_eq!(
            p.decide(503, Some(Duration::from_secs(3600)), 0, Duration::ZERO),
            Some((MAX_RETRY_AFTER, WaitReason::RetryAfter))
        );
    }

    #[test]
    fn gone_is_retried_for_70_seconds_whatever_the_count() {
        let p = policy();
        let mut elapsed = Duration::ZERO;
        let mut waits = Vec::new();
        let mut done = 0;
        while let Some((w, why)) = p.decide(410, None, done, elapsed) {
            assert_eq!(why, WaitReason::Gone);
            waits.push(w.as_secs());
            elapsed += w;
            done += 1;
        }
        assert_eq!(waits, [2, 4, 8, 16, 32, 8]);
        assert_eq!(elapsed.as_secs(), 70);
        // Scaled down for tests.
        let fast = RetryPolicy {
            retries: 1,
            base: MS(10),
        };
        assert_eq!(fast.gone_budget(), MS(350));
        assert_eq!(
            fast.decide(410, None, 0, MS(100)),
            Some((MS(10), WaitReason::Gone))
        );
        // The sixth back-off (320 ms, capped at 300 ms) is cut to the 250 ms left.
        assert_eq!(
            fast.decide(410, None, 5, MS(100)),
            Some((MS(250), WaitReason::Gone))
        );
        assert_eq!(fast.decide(410, None, 0, MS(350)), None);
    }

    #[test]
    fn retry_after_values() {
        let now = DateTime::parse_from_rfc3339("2015-10-21T07:28:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(parse_retry_after(" 0 ", now), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:05 GMT", now),
            Some(Duration::from_secs(5))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:27:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-5", now), None);
        assert_eq!(parse_retry_after("1.5", now), None);
    }

    #[test]
    fn seconds_are_shown_with_one_decimal() {
        assert_eq!(secs(Duration::from_secs(2)), "2.0 s");
        assert_eq!(secs(Duration::from_millis(10)), "10 ms");
        assert_eq!(secs(Duration::from_millis(1240)), "1.2 s");
        assert_eq!(secs(Duration::from_secs(70)), "70.0 s");
    }
}
