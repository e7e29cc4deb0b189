//! [`ServerError`]: an error a server answers itself, written by the layer.

use std::borrow::Cow;

use bytes::Bytes;
use http::header::CONTENT_TYPE;
use http::{HeaderValue, Response, StatusCode};

use crate::Locale;
use defender_errors::{Envelope, ResponseInfo};

/// An error a server answers itself — a request over a limit, a route that
/// does not exist, a timeout — in the Defender error envelope: a code (the
/// contract) and an English detail. It stays a typed value in the
/// response's extensions until [`LocalizeLayer`](crate::LocalizeLayer)
/// writes it, with its `localizedMessage` in the request's language (the
/// catalog's message for a code it knows, else the generic message of the
/// status, told the wait of a `Retry-After`), without reading or parsing a
/// body. Without the layer the response carries the English envelope.
///
/// ```
/// use std::sync::Arc;
/// use http::StatusCode;
/// use tower::{service_fn, Layer, ServiceExt};
/// use defender_errors_tower::{LocalizeLayer, ServerError};
/// use http_body_util::{BodyExt, Full};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let busy = service_fn(|_request: http::Request<()>| async {
///     let error = ServerError::new(StatusCode::PAYLOAD_TOO_LARGE, "PayloadTooLarge", "the body is too large");
///     Ok::<_, std::convert::Infallible>(error.into_response::<Full<bytes::Bytes>>())
/// });
/// let service = LocalizeLayer::new(Arc::new(defender_errors::Catalog::new())).layer(busy);
/// let request = http::Request::builder().header("accept-language", "fr").body(())?;
/// let response = service.oneshot(request).await?;
/// assert_eq!(response.headers()["content-language"], "fr");
/// let body = response.into_body().collect().await?.to_bytes();
/// assert_eq!(
///     body,
///     r#"{"error":{"code":"PayloadTooLarge","message":"the body is too large","localizedMessage":{"locale":"fr","message":"La requête est trop volumineuse."}}}"#
/// );
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerError {
    status: StatusCode,
    code: Cow<'static, str>,
    message: Cow<'static, str>,
}

impl ServerError {
    /// An error of `status` with `code` and the English `message`.
    ///
    /// ```
    /// use defender_errors_tower::ServerError;
    /// let error = ServerError::new(http::StatusCode::NOT_FOUND, "NotFound", "no such endpoint");
    /// assert_eq!((error.status(), error.code(), error.message()), (http::StatusCode::NOT_FOUND, "NotFound", "no such endpoint"));
    /// ```
    pub fn new(
        status: StatusCode,
        code: impl Into<Cow<'static, str>>,
        message: impl Into<Cow<'static, str>>,
    ) -> Self {
        Self {
            status,
            code: code.into(),
            message: message.into(),
        }
    }

    /// The HTTP status.
    ///
    /// ```
    /// # use defender_errors_tower::ServerError;
    /// assert_eq!(ServerError::new(http::StatusCode::GONE, "Gone", "").status(), 410);
    /// ```
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The code, such as `NotFound`.
    ///
    /// ```
    /// # use defender_errors_tower::ServerError;
    /// assert_eq!(ServerError::new(http::StatusCode::GONE, "Gone", "").code(), "Gone");
    /// ```
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The English detail.
    ///
    /// ```
    /// # use defender_errors_tower::ServerError;
    /// assert_eq!(ServerError::new(http::StatusCode::GONE, "Gone", "moved away").message(), "moved away");
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The response: the status, `Content-Type: application/json`, the
    /// English envelope as its body, and the error itself as an extension
    /// for the layer to write localized.
    ///
    /// ```
    /// use defender_errors_tower::ServerError;
    /// let response = ServerError::new(http::StatusCode::NOT_FOUND, "NotFound", "no such endpoint")
    ///     .into_response::<String>();
    /// assert_eq!(response.status(), 404);
    /// assert_eq!(response.body(), r#"{"error":{"code":"NotFound","message":"no such endpoint"}}"#);
    /// assert!(response.extensions().get::<ServerError>().is_some());
    /// ```
    pub fn into_response<B: From<String>>(self) -> Response<B> {
        let english = Envelope::new(&self.code, &self.message).to_json();
        let mut response = Response::new(B::from(english));
        *response.status_mut() = self.status;
        response
            .headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        response.extensions_mut().insert(self);
        response
    }

    /// The envelope with its `localizedMessage` in `locale` (the wait of
    /// `info`, if any), and the locale the message is in.
    pub(crate) fn write<'l>(&self, locale: &'l Locale, info: &ResponseInfo) -> (Bytes, &'l str) {
        let catalog = locale.catalog();
        let (used, text) =
            catalog.localized_message(&self.code, Some(&self.message), locale.handle(), info);
        let body = Envelope::new(&self.code, &self.message)
            .localized(used, &text)
            .to_json();
        (Bytes::from(body), used)
    }
}

#[cfg(feature = "axum")]
impl axum::response::IntoResponse for ServerError {
    fn into_response(self) -> axum::response::Response {
        ServerError::into_response(self)
    }
}
