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

use super::Locale;
use crate::ResponseInfo;

/// A response extension that says the body is already localized:
/// [`LocalizeLayer`](super::LocalizeLayer) passes such a response on as it
/// is. [`LocalizedError`](super::LocalizedError) sets it, and so does the
/// layer on every body it rewrites, so that two layers (a portal's and a
/// proxy's) never localize a body twice.
///
/// ```
/// use axum::response::IntoResponse;
/// use defender_errors::portal::Localized;
///
/// // A handler that builds its own localized body says so:
/// let mut response = (http::StatusCode::NOT_FOUND, "{}").into_response();
/// response.extensions_mut().insert(Localized);
/// assert!(response.extensions().get::<Localized>().is_some());
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Localized;

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
/// HTTP date, read by [`ResponseInfo::from_response`]), and makes `parts`
/// describe the new body: a `Content-Length` and no other framing,
/// none of the [`STALE`] headers, `Content-Language`, `Vary:
/// Accept-Language` and the [`Localized`] marker. `None` when the body is
/// not a Defender error envelope; `parts` are then untouched.
pub(crate) fn rewrite(parts: &mut Parts, body: &[u8], locale: &Locale) -> Option<Bytes> {
    let text = std::str::from_utf8(body).ok()?;
    let catalog = locale.catalog();
    let info = ResponseInfo::from_response(parts.status, &parts.headers, SystemTime::now());
    let localized = catalog.localize_body_with(text, locale.id(), &info).ok()?;
    // The language of the text: the locale, or English where it fell back.
    // (Indexing, not a JSON pointer: a pointer allocates for every token.)
    let used = localized
        .get("error")
        .and_then(|error| error.get("localizedMessage"))
        .and_then(|message| message.get("locale"))
        .and_then(serde_json::Value::as_str)
        .unwrap_or(locale.id());
    let content_language = catalog.content_language_header(used);
    // Written straight into bytes, not through `Display`'s formatter, in a
    // buffer that holds the body and its localized message at once.
    let mut written = Vec::with_capacity(body.len() + 256);
    serde_json::to_writer(&mut written, &localized).ok()?;
    let bytes = Bytes::from(written);
    let headers = &mut parts.headers;
    for name in STALE {
        headers.remove(name);
    }
    headers.insert(CONTENT_LENGTH, HeaderValue::from(bytes.len()));
    headers.insert(CONTENT_LANGUAGE, content_language);
    add_vary(headers);
    parts.extensions.insert(Localized);
    Some(bytes)
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
