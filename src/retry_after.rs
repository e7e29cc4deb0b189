//! The wait of a throttled response: a `Retry-After` header value (RFC 9110,
//! section 10.2.3) read as whole seconds, so that a 429 tells its user when
//! to try again.
//!
//! It takes a plain `&str` and the time to count from, so any HTTP client or
//! server can use it (`defender_errors_tower::response_info` reads it from an
//! `http::HeaderMap`).

use std::time::SystemTime;

/// The largest wait, in seconds: 2³¹, the value RFC 9111 (section 1.2.2)
/// gives a delta-seconds too large to hold. A longer wait is this one.
pub const MAX_RETRY_AFTER: u64 = 1 << 31;

/// The wait a `Retry-After` value asks for, in whole seconds from `now`.
///
/// The value is either delta-seconds (`120`, digits only) or an HTTP date
/// (`Wed, 21 Oct 2026 07:28:00 GMT`, and the two obsolete formats RFC 9110
/// requires a recipient to accept). A date is counted from `now`, rounded up
/// to a whole second; a date already past is a wait of 0. Blanks around the
/// value are ignored; a wait above [`MAX_RETRY_AFTER`] is that maximum.
///
/// Anything else (`-5`, `1.5`, `soon`, an empty value) is `None`: the message
/// is then told without a wait, in its generic form.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use defender_errors::parse_retry_after;
///
/// let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_792_000_000);
/// assert_eq!(parse_retry_after("7", now), Some(7));
/// assert_eq!(parse_retry_after(" 120 ", now), Some(120));
/// let later = httpdate::fmt_http_date(now + Duration::from_secs(90));
/// assert_eq!(parse_retry_after(&later, now), Some(90));
/// let earlier = httpdate::fmt_http_date(now - Duration::from_secs(90));
/// assert_eq!(parse_retry_after(&earlier, now), Some(0));
/// assert_eq!(parse_retry_after("-5", now), None);
/// assert_eq!(parse_retry_after("soon", now), None);
/// ```
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<u64> {
    let value = value.trim_matches([' ', '\t']);
    if value.is_empty() {
        return None;
    }
    if value.bytes().all(|b| b.is_ascii_digit()) {
        // Only digits: an overflow is the one possible error, and it saturates.
        return Some(value.parse().unwrap_or(u64::MAX).min(MAX_RETRY_AFTER));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    let wait = match date.duration_since(now) {
        Ok(wait) => wait.as_secs() + u64::from(wait.subsec_nanos() > 0),
        Err(_) => 0,
    };
    Some(wait.min(MAX_RETRY_AFTER))
}

/// What an HTTP response says beside its error body: its status, for a code
/// the catalog does not know, and the wait it asks for, for a throttled one.
/// [`Catalog::localize_body`](crate::Catalog::localize_body) reads it.
///
/// ```
/// use defender_errors::ResponseInfo;
///
/// let info = ResponseInfo::new().status(429).retry_after(7);
/// assert_eq!((info.status, info.retry_after), (Some(429), Some(7)));
/// assert_eq!(ResponseInfo::default(), ResponseInfo::new().status(None).retry_after(None));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResponseInfo {
    /// The HTTP status of the response.
    pub status: Option<u16>,
    /// The wait, in whole seconds, from the `Retry-After` header (see
    /// [`parse_retry_after`]) or from wherever the caller found it. It fills
    /// the `$retry_after` of a message that takes one (`TooManyRequests`),
    /// before what the body's English text says; other messages ignore it.
    pub retry_after: Option<u64>,
}

impl ResponseInfo {
    /// Nothing known beside the body.
    pub const fn new() -> Self {
        Self {
            status: None,
            retry_after: None,
        }
    }

    /// With the response's HTTP status (`None` for not known).
    #[must_use]
    pub fn status(mut self, status: impl Into<Option<u16>>) -> Self {
        self.status = status.into();
        self
    }

    /// With the wait the response asks for, in whole seconds (`None` for no
    /// wait known).
    #[must_use]
    pub fn retry_after(mut self, seconds: impl Into<Option<u64>>) -> Self {
        self.retry_after = seconds.into();
        self
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn at(secs: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn delta_seconds() {
        let now = at(0);
        assert_eq!(parse_retry_after("0", now), Some(0));
        assert_eq!(parse_retry_after("3600", now), Some(3600));
        assert_eq!(parse_retry_after("\t12\t", now), Some(12));
        assert_eq!(parse_retry_after("007", now), Some(7));
        assert_eq!(
            parse_retry_after("99999999999999999999999999", now),
            Some(MAX_RETRY_AFTER)
        );
        for bad in ["", " ", "+5", "-5", "1.5", "1e3", "12 s", "１２", "0x10"] {
            assert_eq!(parse_retry_after(bad, now), None, "{bad:?}");
        }
    }

    #[test]
    fn http_dates_in_the_three_formats() {
        // Sun, 06 Nov 1994 08:49:37 GMT, RFC 9110's example.
        let date = 784_111_777;
        for value in [
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
        ] {
            assert_eq!(parse_retry_after(value, at(date - 30)), Some(30), "{value}");
            assert_eq!(parse_retry_after(value, at(date + 30)), Some(0), "{value}");
            assert_eq!(parse_retry_after(value, at(date)), Some(0), "{value}");
        }
        // A fraction of a second still to wait is a whole second.
        let now = at(date - 2) + Duration::from_millis(500);
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now),
            Some(2)
        );
        assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:49:37", at(0)), None);
        assert_eq!(
            parse_retry_after("Sun, 31 Feb 1994 08:49:37 GMT", at(0)),
            None
        );
    }
}
