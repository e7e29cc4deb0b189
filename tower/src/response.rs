//! [`LocalizedError`]: an error as the Defender envelope, localized.

use axum::response::{IntoResponse, Response};
use http::header::{CONTENT_LANGUAGE, CONTENT_TYPE, VARY};
use http::HeaderValue;

use super::{Locale, Localized};
use defender_errors::{Args, DefenderError, ErrorCode};

/// An error answered as the Defender API answers it, with its localized
/// message beside the English one:
/// `{"error":{"code","message","target","localizedMessage":{"locale","message"}}}`,
/// the code's HTTP status, `Content-Type: application/json`, the
/// `Content-Language` of the localized message and `Vary: Accept-Language`.
/// The response carries the [`Localized`] extension, so that
/// [`LocalizeLayer`](super::LocalizeLayer) passes it on as it is.
///
/// As an error (`Display`, [`std::error::Error`]) it reads as its localized
/// message, for a log line or an error chain.
///
/// ```
/// use std::sync::Arc;
/// use axum::response::IntoResponse;
/// use defender_errors_tower::Locale;
/// use defender_errors::{Catalog, DefenderError};
/// use http::{header::ACCEPT_LANGUAGE, HeaderMap, HeaderValue};
///
/// let mut headers = HeaderMap::new();
/// headers.insert(ACCEPT_LANGUAGE, HeaderValue::from_static("de"));
/// let locale = Locale::from_headers(Arc::new(Catalog::new()), &headers);
/// let response = locale.error(DefenderError::NotFound).target("43f4cb08").into_response();
/// assert_eq!(response.status(), 404);
/// assert_eq!(response.headers()["content-language"], "de");
/// assert_eq!(response.headers()["vary"], "Accept-Language");
/// ```
#[derive(Debug, Clone)]
pub struct LocalizedError {
    locale: Locale,
    error: Error,
    target: Option<String>,
}

#[derive(Debug, Clone)]
enum Error {
    Typed(DefenderError<'static>),
    Dynamic(ErrorCode, Args<'static>),
}

impl LocalizedError {
    /// `error` in `locale`.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use defender_errors_tower::{Locale, LocalizedError};
    /// # use defender_errors::{Catalog, DefenderError};
    /// # let locale = Locale::from_headers(Arc::new(Catalog::new()), &http::HeaderMap::new());
    /// let error = LocalizedError::new(locale, DefenderError::Unauthorized);
    /// assert_eq!(error.code(), defender_errors::ErrorCode::Unauthorized);
    /// ```
    pub fn new(locale: Locale, error: DefenderError<'_>) -> Self {
        Self {
            locale,
            error: Error::Typed(error.into_owned()),
            target: None,
        }
    }

    /// `code` with values that arrive at run time, in `locale`.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use defender_errors_tower::{Locale, LocalizedError};
    /// # use defender_errors::{Args, Catalog, ErrorCode};
    /// # let locale = Locale::from_headers(Arc::new(Catalog::new()), &http::HeaderMap::new());
    /// let error = LocalizedError::with_args(locale, ErrorCode::InvalidIpAddress, Args::new().with("ip", "300.1.1.1"));
    /// assert_eq!(error.code(), ErrorCode::InvalidIpAddress);
    /// ```
    pub fn with_args(locale: Locale, code: ErrorCode, args: Args<'static>) -> Self {
        Self {
            locale,
            error: Error::Dynamic(code, args),
            target: None,
        }
    }

    /// Sets the tracking id, the envelope's `target`.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use defender_errors_tower::{Locale, LocalizedError};
    /// # use defender_errors::{Catalog, DefenderError};
    /// # let locale = Locale::from_headers(Arc::new(Catalog::new()), &http::HeaderMap::new());
    /// let error = locale.error(DefenderError::NotFound).target("1fa66c0f");
    /// # let _ = error;
    /// ```
    #[must_use]
    pub fn target(mut self, tracking_id: impl Into<String>) -> Self {
        self.target = Some(tracking_id.into());
        self
    }

    /// The error's code.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use defender_errors_tower::Locale;
    /// # use defender_errors::{Catalog, DefenderError, ErrorCode};
    /// # let locale = Locale::from_headers(Arc::new(Catalog::new()), &http::HeaderMap::new());
    /// assert_eq!(locale.error(DefenderError::NotFound).code(), ErrorCode::NotFound);
    /// ```
    pub fn code(&self) -> ErrorCode {
        match &self.error {
            Error::Typed(error) => error.code(),
            Error::Dynamic(code, _) => *code,
        }
    }
}

impl IntoResponse for LocalizedError {
    fn into_response(self) -> Response {
        let catalog = self.locale.catalog();
        let locale = self.locale.handle();
        let target = self.target.as_deref();
        let body = match &self.error {
            Error::Typed(error) => catalog.error_body(locale, error, target),
            Error::Dynamic(code, args) => catalog.error_body(locale, (*code, args), target),
        };
        // The language of the localized message: the locale, or English
        // where the message fell back.
        let content_language = crate::content_language(catalog, body.locale);
        let mut response = (crate::status_code(self.code()), body.text).into_response();
        let headers = response.headers_mut();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        headers.insert(CONTENT_LANGUAGE, content_language);
        headers.insert(VARY, HeaderValue::from_static("Accept-Language"));
        response
            .extensions_mut()
            .insert(Localized::of(&self.locale));
        response
    }
}

/// The localized message.
///
/// ```
/// # use std::sync::Arc;
/// # use defender_errors_tower::Locale;
/// # use defender_errors::{Catalog, DefenderError};
/// let locale = Locale::new(Arc::new(Catalog::new()), "de");
/// let error = locale.error(DefenderError::NotFound);
/// assert_eq!(error.to_string(), "Das angeforderte Element wurde nicht gefunden.");
/// let error: Box<dyn std::error::Error> = Box::new(error);
/// # let _ = error;
/// ```
impl std::fmt::Display for LocalizedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let catalog = self.locale.catalog();
        let locale = self.locale.handle();
        match &self.error {
            Error::Typed(error) => catalog.write_message(f, locale, error),
            Error::Dynamic(code, args) => catalog.write_message(f, locale, (*code, args)),
        }
    }
}

impl std::error::Error for LocalizedError {}
