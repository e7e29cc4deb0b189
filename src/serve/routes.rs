//! The sidecar's endpoints, and its JSON errors.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::header::{CONTENT_LANGUAGE, CONTENT_TYPE, VARY};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value as Json};

use super::Shared;
use crate::headers::is_json;
use crate::{Args, Catalog, EnvelopeError, ErrorCode};

/// A JSON error of the sidecar itself, in the Defender envelope's shape.
pub(super) fn error(status: StatusCode, code: &str, message: impl Into<String>) -> Response {
    let body = json!({ "error": { "code": code, "message": message.into() } });
    json_response(status, &body, None)
}

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
    if !is_json(&headers) {
        return error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "UnsupportedMediaType",
            "send the error body as Content-Type: application/json",
        );
    }
    let body = match body {
        Ok(body) => body,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "PayloadTooLarge",
                format!("the body is larger than {} bytes", shared.limits.body_bytes),
            )
        }
        Err(rejection) => {
            return error(
                rejection.status(),
                "InvalidRequestBody",
                rejection.body_text(),
            )
        }
    };
    let status = match status_param(query.as_deref()) {
        Ok(status) => status,
        Err(why) => return error(StatusCode::BAD_REQUEST, "InvalidQuery", why),
    };
    let Ok(text) = std::str::from_utf8(&body) else {
        return error(
            StatusCode::BAD_REQUEST,
            "InvalidRequestBody",
            "the body is not UTF-8",
        );
    };
    let catalog = shared.catalog();
    let locale = catalog.negotiate_headers(&headers).locale;
    match catalog.localize_body(text, locale, status) {
        Ok(localized) => {
            let used = crate::envelope::localized_locale(&localized).unwrap_or(locale);
            let language = catalog.content_language_header(used);
            json_response(StatusCode::OK, &localized, Some(language))
        }
        Err(why @ EnvelopeError::TooLarge { .. }) => error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "PayloadTooLarge",
            why.to_string(),
        ),
        Err(why) => error(
            StatusCode::BAD_REQUEST,
            "InvalidRequestBody",
            why.to_string(),
        ),
    }
}

/// `GET /messages/{locale}`: every message of a locale, for a front end to
/// ship. Variables stay as `{$name}`, to be filled in by the front end.
pub(super) async fn messages(State(shared): State<Shared>, Path(locale): Path<String>) -> Response {
    let catalog = shared.catalog();
    let negotiated = catalog.negotiate(&locale);
    if !negotiated.matched || locale.len() > 35 {
        let known: Vec<&str> = catalog.locales().collect();
        return error(
            StatusCode::NOT_FOUND,
            "NotFound",
            format!(
                "no locale matches '{}'; the locales are {}",
                locale.escape_debug(),
                known.join(", ")
            ),
        );
    }
    let body = messages_of(&catalog, negotiated.locale);
    let language = catalog.content_language_header(negotiated.locale);
    json_response(StatusCode::OK, &body, Some(language))
}

fn messages_of(catalog: &Arc<Catalog>, locale: &str) -> Json {
    let mut messages = Map::new();
    for &code in ErrorCode::ALL {
        let mut args = Args::new();
        for variable in code.variables() {
            args.set(variable.name, format!("{{${}}}", variable.name));
        }
        let rendered = catalog.render_args(locale, code, &args);
        let mut entry = Map::new();
        entry.insert("status".into(), code.http_status().into());
        entry.insert("statusText".into(), rendered.status_text.as_ref().into());
        entry.insert("locale".into(), rendered.locale.into());
        entry.insert("message".into(), rendered.message.as_ref().into());
        let variables: Vec<&str> = code.variables().iter().map(|v| v.name).collect();
        entry.insert("variables".into(), variables.into());
        if !code.variables().is_empty() {
            let generic = catalog.message_args(locale, code, &Args::new());
            entry.insert("generic".into(), generic.as_ref().into());
        }
        if let Some(note) = &rendered.note {
            entry.insert("note".into(), note.as_ref().into());
        }
        if let Some(hint) = &rendered.hint {
            entry.insert("hint".into(), hint.as_ref().into());
        }
        messages.insert(code.as_str().into(), entry.into());
    }
    json!({
        "locale": locale,
        "contentLanguage": catalog.content_language(locale),
        "trackingLabel": catalog.tracking_label(locale),
        "messages": messages,
    })
}

/// `GET /healthz`.
pub(super) async fn healthz(State(shared): State<Shared>) -> Response {
    let catalog = shared.catalog();
    let locales: Vec<&str> = catalog.locales().collect();
    json_response(
        StatusCode::OK,
        &json!({ "status": "ok", "locales": locales }),
        None,
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
