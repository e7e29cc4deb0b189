//! The `http` crate's types (feature `http`): an [`ErrorCode`]'s
//! [`StatusCode`], negotiation from a request's [`HeaderMap`], and the
//! `Content-Language` of each locale. No runtime comes with it.

use std::time::SystemTime;

use http::header::{ACCEPT_LANGUAGE, RETRY_AFTER};
use http::{HeaderMap, HeaderValue, StatusCode};

use crate::negotiate::MAX_HEADER_BYTES;
use crate::{parse_retry_after, Catalog, ErrorCode, Locale, Negotiated, ResponseInfo};

impl ResponseInfo {
    /// What a response's status and headers say beside its error body: the
    /// status, and the wait of its `Retry-After` header counted from `now`
    /// (see [`parse_retry_after`]; a header that is not one value of either
    /// form gives no wait). This is what a layer or a proxy passes to
    /// [`Catalog::localize_body`] for an upstream response.
    ///
    /// ```
    /// use std::time::SystemTime;
    /// use defender_errors::{Catalog, ResponseInfo};
    /// use http::{header::RETRY_AFTER, HeaderMap, HeaderValue, StatusCode};
    ///
    /// let mut headers = HeaderMap::new();
    /// headers.insert(RETRY_AFTER, HeaderValue::from_static("7"));
    /// let info = ResponseInfo::from_response(StatusCode::TOO_MANY_REQUESTS, &headers, SystemTime::now());
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
    pub fn from_response(status: StatusCode, headers: &HeaderMap, now: SystemTime) -> Self {
        let mut values = headers.get_all(RETRY_AFTER).iter();
        let retry_after = match (values.next(), values.next()) {
            (Some(value), None) => value
                .to_str()
                .ok()
                .and_then(|value| parse_retry_after(value, now)),
            // None, or several: which one to obey is not said.
            _ => None,
        };
        Self {
            status: Some(status.as_u16()),
            retry_after,
        }
    }
}

impl ErrorCode {
    /// The HTTP status the API answers with for this code, as an
    /// [`http::StatusCode`].
    ///
    /// ```
    /// use defender_errors::ErrorCode;
    /// assert_eq!(ErrorCode::ResourceNotFound.status_code(), http::StatusCode::NOT_FOUND);
    /// ```
    pub fn status_code(self) -> StatusCode {
        StatusCode::from_u16(self.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

impl Catalog {
    /// Chooses a locale for a request's headers. Several `Accept-Language`
    /// lines are one list, as RFC 9110 says (section 5.3); a line that is not
    /// visible ASCII (or not UTF-8) is skipped. No header gives English.
    ///
    /// ```
    /// use defender_errors::{Catalog, Locale};
    /// use http::{header::ACCEPT_LANGUAGE, HeaderMap, HeaderValue};
    ///
    /// let catalog = Catalog::new();
    /// let mut headers = HeaderMap::new();
    /// assert_eq!(catalog.negotiate_headers(&headers).locale, Locale::SOURCE);
    /// headers.append(ACCEPT_LANGUAGE, HeaderValue::from_static("tlh;q=0.9"));
    /// headers.append(ACCEPT_LANGUAGE, HeaderValue::from_static("nl;q=0.8"));
    /// assert_eq!(catalog.locale_id(catalog.negotiate_headers(&headers).locale), "nl");
    /// ```
    pub fn negotiate_headers(&self, headers: &HeaderMap) -> Negotiated {
        let mut lines = headers
            .get_all(ACCEPT_LANGUAGE)
            .iter()
            .filter_map(|value| value.to_str().ok());
        let Some(first) = lines.next() else {
            return self.negotiate("");
        };
        let Some(second) = lines.next() else {
            // One line, the common case: nothing to join, nothing allocated.
            return self.negotiate(first);
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
        self.negotiate(&joined)
    }

    /// The `Content-Language` of text in the locale of id `locale` (as
    /// [`Rendered::locale`](crate::Rendered::locale) and
    /// [`LocalizedBody::locale`](crate::LocalizedBody::locale) give it): a
    /// BCP 47 tag. It is the locale's id, except for `zh`, which announces
    /// `zh-Hans`: the catalog's Chinese is Simplified, and `zh` alone does
    /// not say the script, so a reader of Traditional Chinese (or a cache
    /// serving one) could not tell. Nothing is negotiated: an id the catalog
    /// does not serve gives English's, the language of its fallback.
    ///
    /// ```
    /// let catalog = defender_errors::Catalog::new();
    /// assert_eq!(catalog.content_language("de"), "de");
    /// assert_eq!(catalog.content_language("zh"), "zh-Hans");
    /// assert_eq!(catalog.content_language("tlh"), "en");
    /// ```
    pub fn content_language(&self, locale: &str) -> &str {
        let locale = self.locale(locale).unwrap_or(Locale::SOURCE);
        match self.locale_id(locale) {
            "zh" => "zh-Hans",
            id => id,
        }
    }

    /// [`content_language`](Self::content_language) as a header value.
    ///
    /// ```
    /// let catalog = defender_errors::Catalog::new();
    /// assert_eq!(catalog.content_language_header("fr"), "fr");
    /// ```
    pub fn content_language_header(&self, locale: &str) -> HeaderValue {
        // Locale ids are checked tags (letters, digits and '-'), always valid.
        HeaderValue::from_str(self.content_language(locale))
            .unwrap_or(HeaderValue::from_static("en"))
    }
}

/// Whether `headers` say the body is JSON: `application/json`, or any
/// `+json` type such as `application/problem+json`, parameters aside.
#[cfg(feature = "axum")]
pub(crate) fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|essence| {
            let essence = essence.trim().to_ascii_lowercase();
            essence == "application/json" || essence.ends_with("+json")
        })
}
