//! What makes a response localized: the [`Localized`] marker, and the one
//! rewrite of an upstream's error body that [`LocalizeLayer`](super::LocalizeLayer)
//! (and so the proxy built on it) applies.

use std::time::SystemTime;

use bytes::Bytes;
use http::header::{
    HeaderName, ACCEPT_RANGES, CONTENT_LANGUAGE, CONTENT_LENGTH, ETAG, TRANSFER_ENCODING, VARY,
};
use http::response::Parts;
use http::{HeaderMap, HeaderValue};

use super::{Locale, ServerError};

/// A response extension that says the body is already localized, and in
/// which locale: [`LocalizeLayer`](super::LocalizeLayer) passes such a
/// response on as it is, so that two layers (a portal's and a proxy's) never
/// localize a body twice, and the hardened server (`defender-errors-server`) logs the
/// locale and counts it (`defender_errors_localized_responses_total`).
/// [`LocalizedError`](super::LocalizedError) sets it, and so does the layer
/// on every body it rewrites.
///
/// ```
/// use axum::response::IntoResponse;
/// use defender_errors_tower::Localized;
///
/// // A handler that builds its own localized body says so:
/// let mut response = (http::StatusCode::NOT_FOUND, "{}").into_response();
/// response.extensions_mut().insert(Localized { locale: "de".into(), fallback: false });
/// assert!(response.extensions().get::<Localized>().is_some());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Localized {
    /// The catalog locale the message is in, such as `de`.
    pub locale: String,
    /// `true` when no language the request asked for matched, or the
    /// locale chosen lacked the message: the default (English) was used.
    pub fallback: bool,
}

impl Localized {
    /// The marker of a body localized for `locale`.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// use defender_errors_tower::{Locale, Localized};
    ///
    /// let locale = Locale::new(Arc::new(defender_errors::Catalog::new()), "fr-CA");
    /// assert_eq!(Localized::of(&locale), Localized { locale: "fr".into(), fallback: false });
    /// ```
    pub fn of(locale: &Locale) -> Self {
        Self::used(locale, locale.id())
    }

    /// The marker of a body localized for `locale` whose message is in
    /// `used`: another locale (English) when `locale` lacks the message,
    /// which is a fallback too.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// use defender_errors_tower::{Locale, Localized};
    ///
    /// let locale = Locale::new(Arc::new(defender_errors::Catalog::new()), "de");
    /// assert_eq!(Localized::used(&locale, "en"), Localized { locale: "en".into(), fallback: true });
    /// ```
    pub fn used(locale: &Locale, used: &str) -> Self {
        Self {
            locale: used.to_owned(),
            fallback: !locale.matched() || used != locale.id(),
        }
    }
}

/// Headers that describe the upstream's bytes, and so no longer the
/// rewritten body: its framing, its validator, its digests and its ranges.
const STALE: [HeaderName; 6] = [
    TRANSFER_ENCODING,
    ETAG,
    HeaderName::from_static("content-md5"),
    HeaderName::from_static("digest"),
    HeaderName::from_static("repr-digest"),
    ACCEPT_RANGES,
];

/// Localizes `body`, an upstream's whole error body, for `locale`, with the
/// response's status and the wait of its `Retry-After` (delta-seconds or an
/// HTTP date, read by [`response_info`](crate::response_info)), and makes `parts`
/// describe the new body ([`describe`]). `None` when the body is not a
/// Defender error envelope; `parts` are then untouched.
pub(crate) fn rewrite(parts: &mut Parts, body: &[u8], locale: &Locale) -> Option<Bytes> {
    let text = std::str::from_utf8(body).ok()?;
    let catalog = locale.catalog();
    let info = crate::response_info(parts.status, &parts.headers, SystemTime::now());
    // The body's own bytes with `localizedMessage` written in: no tree of
    // values built and written back.
    let localized = catalog.localize_body(text, locale.handle(), &info).ok()?;
    let bytes = Bytes::from(localized.text);
    describe(parts, &bytes, localized.locale, locale);
    Some(bytes)
}

/// Writes `error`, a server's own, for `locale`, with the response's status
/// and the wait of its `Retry-After`, and makes `parts` describe it.
pub(crate) fn write_server_error(parts: &mut Parts, error: &ServerError, locale: &Locale) -> Bytes {
    let info = crate::response_info(parts.status, &parts.headers, SystemTime::now());
    let (bytes, used) = error.write(locale, &info);
    describe(parts, &bytes, used, locale);
    bytes
}

/// Makes `parts` describe `body`, a body written in `used` for `locale`: a
/// `Content-Length` and no other framing, none of the [`STALE`] headers,
/// `Content-Language`, `Vary: Accept-Language` and the [`Localized`] marker.
fn describe(parts: &mut Parts, body: &Bytes, used: &str, locale: &Locale) {
    let content_language = crate::content_language(locale.catalog(), used);
    let headers = &mut parts.headers;
    for name in STALE {
        headers.remove(name);
    }
    headers.insert(CONTENT_LENGTH, HeaderValue::from(body.len()));
    headers.insert(CONTENT_LANGUAGE, content_language);
    add_vary(headers);
    parts.extensions.insert(Localized::used(locale, used));
}

/// Adds `Accept-Language` to `Vary`, unless it is there (or `*` is).
fn add_vary(headers: &mut HeaderMap) {
    let present = headers.get_all(VARY).iter().any(|v| {
        v.to_str().is_ok_and(|v| {
            v.split(',')
                .map(str::trim)
                .any(|name| name == "*" || name.eq_ignore_ascii_case("accept-language"))
        })
    });
    if !present {
        headers.append(VARY, HeaderValue::from_static("Accept-Language"));
    }
}
