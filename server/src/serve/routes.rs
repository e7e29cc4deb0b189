//! The sidecar's endpoints. Every error is made by [`server::error`], and so
//! localized by the server for the request's `Accept-Language`.

use std::time::SystemTime;

use axum::body::{Body, Bytes};
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{Path, RawQuery, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_LANGUAGE, CONTENT_TYPE, ETAG, IF_NONE_MATCH, RETRY_AFTER, VARY,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::Shared;
use crate as server;
use crate::Localized;
use defender_errors::{parse_retry_after, EnvelopeError, ResponseInfo};
use defender_errors_tower::is_json;
use defender_errors_tower::Locale;

/// The longest `/messages/{locale}` segment read: a language tag with a
/// script and a region fits.
const LONGEST_TAG: usize = 35;

fn json_response(status: StatusCode, body: String, language: Option<HeaderValue>) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    if let Some(language) = language {
        headers.insert(CONTENT_LANGUAGE, language);
        headers.insert(VARY, HeaderValue::from_static("Accept-Language"));
    }
    response
}

/// What `POST /localize` reads beside the body: the HTTP status the error
/// came with (`?status=N`) and the wait of a throttled response
/// (`?retry_after=N`, whole seconds).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Params {
    status: Option<u16>,
    retry_after: Option<u64>,
}

/// The query of `POST /localize`: `status` and `retry_after`, nothing else.
fn params(query: Option<&str>) -> Result<Params, String> {
    let mut params = Params::default();
    let Some(query) = query else {
        return Ok(params);
    };
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        match name {
            "status" => {
                let status = value
                    .parse::<u16>()
                    .ok()
                    .filter(|s| (100..=599).contains(s))
                    .ok_or_else(|| {
                        format!(
                            "status must be an HTTP status from 100 to 599, not '{}'",
                            value.escape_debug()
                        )
                    })?;
                params.status = Some(status);
            }
            "retry_after" => {
                // Whole seconds only: a date belongs in the header.
                let seconds = Some(value)
                    .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
                    .and_then(|v| parse_retry_after(v, SystemTime::now()))
                    .ok_or_else(|| {
                        format!(
                            "retry_after must be a whole number of seconds, not '{}'",
                            value.escape_debug()
                        )
                    })?;
                params.retry_after = Some(seconds);
            }
            _ => {
                return Err(format!(
                    "unknown query parameter '{}'; only status and retry_after are read",
                    name.escape_debug()
                ))
            }
        }
    }
    Ok(params)
}

/// The wait of the request's `Retry-After` header, as a throttled response
/// gave it: delta-seconds or an HTTP date, counted from `now`.
fn retry_after_header(headers: &HeaderMap, now: SystemTime) -> Result<Option<u64>, String> {
    let mut values = headers.get_all(RETRY_AFTER).iter();
    match (values.next(), values.next()) {
        (None, _) => Ok(None),
        (Some(value), None) => value
            .to_str()
            .ok()
            .and_then(|text| parse_retry_after(text, now))
            .map(Some)
            .ok_or_else(|| {
                format!(
                    "Retry-After must be whole seconds or an HTTP date, not '{}'",
                    String::from_utf8_lossy(value.as_bytes()).escape_debug()
                )
            }),
        (Some(_), Some(_)) => Err("give one Retry-After header, not several".into()),
    }
}

/// What [`localize`] answers with itself.
pub(super) const LOCALIZE: &[StatusCode] = &[
    StatusCode::OK,
    StatusCode::BAD_REQUEST,
    StatusCode::PAYLOAD_TOO_LARGE,
    StatusCode::UNSUPPORTED_MEDIA_TYPE,
];

/// `POST /localize`: a Defender error body and `Accept-Language` in, the
/// body with its localized message out.
pub(super) async fn localize(
    locale: Locale,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let fail = |status, code, message: String| server::error(status, code, message);
    if !is_json(&headers) {
        return fail(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "UnsupportedMediaType",
            "send the error body as Content-Type: application/json".into(),
        );
    }
    let body = match body {
        Ok(body) => body,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return fail(
                StatusCode::PAYLOAD_TOO_LARGE,
                "PayloadTooLarge",
                "the request body is too large".into(),
            )
        }
        Err(rejection) => {
            return fail(
                rejection.status(),
                "InvalidRequestBody",
                rejection.body_text(),
            )
        }
    };
    let params = match params(query.as_deref()) {
        Ok(params) => params,
        Err(why) => return fail(StatusCode::BAD_REQUEST, "InvalidQuery", why),
    };
    // The query's wait comes first: it is said for this call.
    let retry_after = match retry_after_header(&headers, SystemTime::now()) {
        Ok(header) => params.retry_after.or(header),
        Err(why) => return fail(StatusCode::BAD_REQUEST, "InvalidHeader", why),
    };
    let info = ResponseInfo::new()
        .status(params.status)
        .retry_after(retry_after);
    let Ok(text) = std::str::from_utf8(&body) else {
        return fail(
            StatusCode::BAD_REQUEST,
            "InvalidRequestBody",
            "the body is not UTF-8".into(),
        );
    };
    // The locale as every layer of the server decides it, in the catalog
    // in use when the request came.
    let catalog = locale.catalog();
    // The rewrite the proxy and the layer make: the body's own bytes with
    // `localizedMessage` written in.
    match catalog.localize_body(text, locale.handle(), &info) {
        Ok(localized) => {
            let language = defender_errors_tower::content_language(catalog, localized.locale);
            let mut response = json_response(StatusCode::OK, localized.text, Some(language));
            response
                .extensions_mut()
                .insert(Localized::used(&locale, localized.locale));
            response
        }
        Err(why @ EnvelopeError::TooLarge { .. }) => fail(
            StatusCode::PAYLOAD_TOO_LARGE,
            "PayloadTooLarge",
            why.to_string(),
        ),
        Err(why) => fail(
            StatusCode::BAD_REQUEST,
            "InvalidRequestBody",
            why.to_string(),
        ),
    }
}

/// What [`messages`] answers with itself.
pub(super) const MESSAGES: &[StatusCode] = &[
    StatusCode::OK,
    StatusCode::NOT_MODIFIED,
    StatusCode::BAD_REQUEST,
    StatusCode::NOT_FOUND,
];

/// `GET /messages/{locale}`: every message of a locale, for a front end to
/// ship, as built for the catalog in use. `{locale}` is a catalog id or one
/// language tag (`de`, `zh-CN`), not an `Accept-Language` list.
pub(super) async fn messages(
    State(shared): State<Shared>,
    headers: HeaderMap,
    locale: Result<Path<String>, PathRejection>,
) -> Response {
    let Ok(Path(locale)) = locale else {
        return server::error(
            StatusCode::BAD_REQUEST,
            "InvalidPath",
            "the locale in the path is not valid UTF-8",
        );
    };
    let generation = shared.current.get();
    let catalog = &generation.catalog;
    let chosen = if generation.messages.contains_key(&locale) {
        Some(locale.as_str())
    } else if locale.len() <= LONGEST_TAG
        && icu_locale_core::LanguageIdentifier::try_from_str(&locale).is_ok()
    {
        let negotiated = catalog.negotiate(&locale);
        negotiated
            .matched
            .then(|| catalog.locale_id(negotiated.locale))
    } else {
        None
    };
    let Some(prebuilt) = chosen.and_then(|id| generation.messages.get(id)) else {
        let known: Vec<&str> = catalog.locales().collect();
        return server::error(
            StatusCode::NOT_FOUND,
            "NotFound",
            format!(
                "no locale matches '{}'; give one language tag or one of {}",
                locale.chars().take(64).collect::<String>().escape_debug(),
                known.join(", ")
            ),
        );
    };
    let cache = HeaderValue::from_str(&format!(
        "public, max-age={}",
        shared.messages_max_age.as_secs()
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("no-cache"));
    let fresh = headers
        .get_all(IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == "*" || tag.as_bytes() == prebuilt.etag.as_bytes());
    let mut response = if fresh {
        (StatusCode::NOT_MODIFIED, Body::empty()).into_response()
    } else {
        let mut response = (StatusCode::OK, prebuilt.body.clone()).into_response();
        response
            .headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        response
    };
    let out = response.headers_mut();
    out.insert(ETAG, prebuilt.etag.clone());
    out.insert(CACHE_CONTROL, cache);
    out.insert(CONTENT_LANGUAGE, prebuilt.content_language.clone());
    response
}

/// What [`openapi`] answers with.
pub(super) const OPENAPI: &[StatusCode] = &[StatusCode::OK];

/// `GET /openapi.json`: the OpenAPI 3 description of the sidecar.
pub(super) async fn openapi() -> Response {
    let mut response = include_str!("openapi.json").into_response();
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// Any other path: 404, as the server counts under `unmatched` anyway.
pub(super) async fn not_found() -> Response {
    server::error(
        StatusCode::NOT_FOUND,
        "NotFound",
        "no such endpoint; see /openapi.json",
    )
}

/// A known path with another method.
pub(super) async fn method_not_allowed() -> Response {
    server::error(
        StatusCode::METHOD_NOT_ALLOWED,
        "MethodNotAllowed",
        "this endpoint does not take that method; see /openapi.json",
    )
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime};

    use axum::http::{HeaderMap, HeaderValue};

    use super::{params, retry_after_header, Params};

    #[test]
    fn the_query_parameters() {
        assert_eq!(params(None), Ok(Params::default()));
        assert_eq!(params(Some("status=404")).map(|p| p.status), Ok(Some(404)));
        let both = params(Some("status=429&retry_after=12")).unwrap();
        assert_eq!((both.status, both.retry_after), (Some(429), Some(12)));
        assert_eq!(
            params(Some("retry_after=99999999999999999999")).map(|p| p.retry_after),
            Ok(Some(defender_errors::MAX_RETRY_AFTER))
        );
        for bad in [
            "status=4040",
            "status=abc",
            "lang=de",
            "retry_after=",
            "retry_after=-5",
            "retry_after=1.5",
            "retry_after=soon",
            "retry_after=Sun,%2006%20Nov%201994%2008:49:37%20GMT",
        ] {
            assert!(params(Some(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_retry_after_header() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777 - 30);
        let header = |values: &[&str]| {
            let mut headers = HeaderMap::new();
            for value in values {
                headers.append("retry-after", HeaderValue::from_str(value).unwrap());
            }
            retry_after_header(&headers, now)
        };
        assert_eq!(header(&[]), Ok(None));
        assert_eq!(header(&["7"]), Ok(Some(7)));
        assert_eq!(header(&["Sun, 06 Nov 1994 08:49:37 GMT"]), Ok(Some(30)));
        assert!(header(&["soon"]).is_err());
        assert!(header(&["7", "8"]).is_err());
    }
}
