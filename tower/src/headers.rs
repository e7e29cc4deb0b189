//! The catalog in the `http` crate's types: an [`ErrorCode`]'s
//! [`StatusCode`], negotiation from a request's [`HeaderMap`], a response's
//! [`ResponseInfo`], the `Content-Language` header of a locale. No runtime
//! comes with it.

use std::time::SystemTime;

use http::header::{ACCEPT_LANGUAGE, RETRY_AFTER};
use http::{HeaderMap, HeaderValue, StatusCode};

use defender_errors::negotiate::MAX_HEADER_BYTES;
use defender_errors::{parse_retry_after, Catalog, ErrorCode, Negotiated, ResponseInfo};

/// What a response's status and headers say beside its error body: the
/// status, and the wait of its `Retry-After` header counted from `now`
/// (see [`parse_retry_after`]; a header that is not one value of either
/// form gives no wait). This is what a layer or a proxy passes to
/// [`Catalog::localize_body`] for an upstream response.
///
/// ```
/// use std::time::SystemTime;
/// use defender_errors::{Catalog, ResponseInfo};
/// use defender_errors_tower::response_info;
/// use http::{header::RETRY_AFTER, HeaderMap, HeaderValue, StatusCode};
///
/// let mut headers = HeaderMap::new();
/// headers.insert(RETRY_AFTER, HeaderValue::from_static("7"));
/// let info = response_info(StatusCode::TOO_MANY_REQUESTS, &headers, SystemTime::now());
/// assert_eq!(info, ResponseInfo::new().status(429).retry_after(7));
///
/// let body = r#"{"error":{"code":"TooManyRequests","message":"Rate limit is exceeded. Try again in 12 seconds."}}"#;
/// let catalog = Catalog::new();
/// let out = catalog.localize_body(body, catalog.negotiate("fr").locale, &info)?;
/// assert!(out.text.contains(
///     "Trop de requêtes\u{a0}: la limite du nombre de requêtes est dépassée. Réessayez dans 7\u{a0}secondes."
/// ));
/// # Ok::<(), defender_errors::EnvelopeError>(())
/// ```
pub fn response_info(status: StatusCode, headers: &HeaderMap, now: SystemTime) -> ResponseInfo {
    let mut values = headers.get_all(RETRY_AFTER).iter();
    let retry_after = match (values.next(), values.next()) {
        (Some(value), None) => value
            .to_str()
            .ok()
            .and_then(|value| parse_retry_after(value, now)),
        // None, or several: which one to obey is not said.
        _ => None,
    };
    let info = ResponseInfo::new().status(status.as_u16());
    match retry_after {
        Some(seconds) => info.retry_after(seconds),
        None => info,
    }
}

/// The HTTP status the API answers with for this code, as an
/// [`http::StatusCode`].
///
/// ```
/// use defender_errors::ErrorCode;
/// use defender_errors_tower::status_code;
/// assert_eq!(status_code(ErrorCode::ResourceNotFound), http::StatusCode::NOT_FOUND);
/// ```
pub fn status_code(code: ErrorCode) -> StatusCode {
    StatusCode::from_u16(code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// Chooses a locale for a request's headers. Several `Accept-Language`
/// lines are one list, as RFC 9110 says (section 5.3); a line that is not
/// visible ASCII (or not UTF-8) is skipped. No header gives English.
///
/// ```
/// use defender_errors::{Catalog, Locale};
/// use defender_errors_tower::negotiate_headers;
/// use http::{header::ACCEPT_LANGUAGE, HeaderMap, HeaderValue};
///
/// let catalog = Catalog::new();
/// let mut headers = HeaderMap::new();
/// assert_eq!(negotiate_headers(&catalog, &headers).locale, Locale::SOURCE);
/// headers.append(ACCEPT_LANGUAGE, HeaderValue::from_static("tlh;q=0.9"));
/// headers.append(ACCEPT_LANGUAGE, HeaderValue::from_static("nl;q=0.8"));
/// let chosen = negotiate_headers(&catalog, &headers).locale;
/// assert_eq!(catalog.locale_id(chosen), "nl");
/// ```
pub fn negotiate_headers(catalog: &Catalog, headers: &HeaderMap) -> Negotiated {
    let mut lines = headers
        .get_all(ACCEPT_LANGUAGE)
        .iter()
        .filter_map(|value| value.to_str().ok());
    let Some(first) = lines.next() else {
        return catalog.negotiate("");
    };
    let Some(second) = lines.next() else {
        // One line, the common case: nothing to join, nothing allocated.
        return catalog.negotiate(first);
    };
    let mut joined = String::from(first);
    for line in std::iter::once(second).chain(lines) {
        // Negotiation reads at most this much of a header anyway.
        if joined.len() > MAX_HEADER_BYTES {
            break;
        }
        joined.push(',');
        joined.push_str(line);
    }
    catalog.negotiate(&joined)
}

/// [`Catalog::content_language`] as a header value.
///
/// ```
/// let catalog = defender_errors::Catalog::new();
/// assert_eq!(defender_errors_tower::content_language(&catalog, "fr"), "fr");
/// assert_eq!(defender_errors_tower::content_language(&catalog, "zh"), "zh-Hans");
/// ```
pub fn content_language(catalog: &Catalog, locale: &str) -> HeaderValue {
    // Locale ids are checked tags (letters, digits and '-'), always valid.
    HeaderValue::from_str(catalog.content_language(locale))
        .unwrap_or(HeaderValue::from_static("en"))
}

/// Whether `headers` say the body is JSON: `application/json`, or any
/// `+json` type such as `application/problem+json`, parameters aside.
///
/// ```
/// use http::{header::CONTENT_TYPE, HeaderMap, HeaderValue};
///
/// let mut headers = HeaderMap::new();
/// headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/problem+json; charset=utf-8"));
/// assert!(defender_errors_tower::is_json(&headers));
/// headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/html"));
/// assert!(!defender_errors_tower::is_json(&headers));
/// ```
pub fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|essence| {
            let essence = essence.trim().to_ascii_lowercase();
            essence == "application/json" || essence.ends_with("+json")
        })
}
