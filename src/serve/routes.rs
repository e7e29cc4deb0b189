//! The sidecar's endpoints. Every error is made by [`server::error`].

use axum::body::{Body, Bytes};
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{Path, RawQuery, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_LANGUAGE, CONTENT_TYPE, ETAG, IF_NONE_MATCH, VARY,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::Value as Json;

use super::Shared;
use crate::headers::is_json;
use crate::server::{self, Localized};
use crate::EnvelopeError;

/// The longest `/messages/{locale}` segment read: a language tag with a
/// script and a region fits.
const LONGEST_TAG: usize = 35;

fn json_response(status: StatusCode, body: &Json, language: Option<HeaderValue>) -> Response {
    let mut response = (status, body.to_string()).into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    if let Some(language) = language {
        headers.insert(CONTENT_LANGUAGE, language);
        headers.insert(VARY, HeaderValue::from_static("Accept-Language"));
    }
    response
}

/// `?status=N`: the HTTP status the error came with.
fn status_param(query: Option<&str>) -> Result<Option<u16>, String> {
    let Some(query) = query else {
        return Ok(None);
    };
    let mut status = None;
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        if name != "status" {
            return Err(format!(
                "unknown query parameter '{}'; only status is read",
                name.escape_debug()
            ));
        }
        let parsed = value
            .parse::<u16>()
            .ok()
            .filter(|s| (100..=599).contains(s))
            .ok_or_else(|| {
                format!(
                    "status must be an HTTP status from 100 to 599, not '{}'",
                    value.escape_debug()
                )
            })?;
        status = Some(parsed);
    }
    Ok(status)
}

/// `POST /localize`: a Defender error body and `Accept-Language` in, the
/// body with its localized message out.
pub(super) async fn localize(
    State(shared): State<Shared>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let fail = |status, code, message: String| server::error(&headers, status, code, message);
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
    let status = match status_param(query.as_deref()) {
        Ok(status) => status,
        Err(why) => return fail(StatusCode::BAD_REQUEST, "InvalidQuery", why),
    };
    let Ok(text) = std::str::from_utf8(&body) else {
        return fail(
            StatusCode::BAD_REQUEST,
            "InvalidRequestBody",
            "the body is not UTF-8".into(),
        );
    };
    let generation = shared.current.get();
    let catalog = &generation.catalog;
    let negotiated = catalog.negotiate_headers(&headers);
    match catalog.localize_body(text, negotiated.locale, status) {
        Ok(localized) => {
            let used = crate::envelope::localized_locale(&localized).unwrap_or(negotiated.locale);
            let language = catalog.content_language_header(used);
            let mut response = json_response(StatusCode::OK, &localized, Some(language));
            response.extensions_mut().insert(Localized {
                locale: used.to_owned(),
                fallback: !negotiated.matched,
            });
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
            &headers,
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
        negotiated.matched.then_some(negotiated.locale)
    } else {
        None
    };
    let Some(prebuilt) = chosen.and_then(|id| generation.messages.get(id)) else {
        let known: Vec<&str> = catalog.locales().collect();
        return server::error(
            &headers,
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

/// `GET /openapi.json`: the OpenAPI 3 description of the sidecar.
pub(super) async fn openapi() -> Response {
    let mut response = include_str!("openapi.json").into_response();
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// Any other path.
pub(super) async fn not_found(headers: HeaderMap) -> Response {
    server::error(
        &headers,
        StatusCode::NOT_FOUND,
        "NotFound",
        "no such endpoint; see /openapi.json",
    )
}

/// A known path with another method.
pub(super) async fn method_not_allowed(headers: HeaderMap) -> Response {
    server::error(
        &headers,
        StatusCode::METHOD_NOT_ALLOWED,
        "MethodNotAllowed",
        "this endpoint does not take that method; see /openapi.json",
    )
}

#[cfg(test)]
mod tests {
    use super::status_param;

    #[test]
    fn the_status_parameter() {
        assert_eq!(status_param(None), Ok(None));
        assert_eq!(status_param(Some("status=404")), Ok(Some(404)));
        assert!(status_param(Some("status=4040")).is_err());
        assert!(status_param(Some("status=abc")).is_err());
        assert!(status_param(Some("lang=de")).is_err());
    }
}
