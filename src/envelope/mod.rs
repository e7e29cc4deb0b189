//! The Defender error envelope, `{"error":{"code","message","target"}}`, read
//! from the API and written back with the localized text beside it.
//!
//! The shape follows Google's AIP-193: the code stays the contract, and
//! `localizedMessage: {"locale", "message"}` is added inside `error`; `code`,
//! `message`, `target` and every other field are kept as they were.

mod recover;
mod text;
mod write;

use std::borrow::Cow;
use std::sync::Arc;

use serde_json::Value as Json;

use crate::code::ErrorCode;
use crate::render::escape::{write_escaped, MAX_VALUE_CHARS};
use crate::render::number::Number;
use crate::{Args, Catalog, Locale, Renderable, Rendered, ResponseInfo};

pub use text::LocalizedBody;
pub use write::Envelope;
use write::LocalizedMessage;

/// The variable of the wait, in whole seconds (`TooManyRequests`).
const RETRY_AFTER: &str = "retry_after";

/// The largest error body [`Catalog::localize_body`] reads: 1 MiB. Real error
/// bodies are a few hundred bytes. (Nesting is bounded by serde_json, which
/// refuses more than 128 levels.)
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// An error body that cannot be localized.
///
/// ```
/// use defender_errors::{Catalog, EnvelopeError, ResponseInfo};
///
/// let catalog = Catalog::new();
/// let de = catalog.negotiate("de").locale;
/// let body = r#"{"error": {"code": 404}}"#;
/// let err = catalog.localize_body(body, de, &ResponseInfo::new()).unwrap_err();
/// assert_eq!(err, EnvelopeError::CodeNotAString { found: "a number" });
/// ```
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum EnvelopeError {
    /// The body is larger than [`MAX_BODY_BYTES`].
    #[error("the error body has {size} bytes; at most {MAX_BODY_BYTES} are read")]
    TooLarge {
        /// The body's size in bytes.
        size: usize,
    },
    /// The body is not JSON (or nests deeper than 128 levels). The parser's
    /// error is the [source](std::error::Error::source), with its line and column.
    #[error("the error body is not valid JSON: {0}")]
    InvalidJson(#[source] Arc<serde_json::Error>),
    /// The body is JSON, but not an object with an `error` object inside.
    #[error(r#"the body is not a Defender error: expected {{"error":{{"code":…,"message":…,"target":…}}}}"#)]
    NotAnEnvelope,
    /// `error.code` is missing or not a string.
    #[error("error.code must be a string, found {found}")]
    CodeNotAString {
        /// What was there instead, e.g. "a number".
        found: &'static str,
    },
}

/// Two errors are equal when they say the same: JSON errors compare by their
/// text, which includes the line and column.
impl PartialEq for EnvelopeError {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::TooLarge { size: a }, Self::TooLarge { size: b }) => a == b,
            (Self::InvalidJson(a), Self::InvalidJson(b)) => a.to_string() == b.to_string(),
            (Self::NotAnEnvelope, Self::NotAnEnvelope) => true,
            (Self::CodeNotAString { found: a }, Self::CodeNotAString { found: b }) => a == b,
            _ => false,
        }
    }
}

impl Eq for EnvelopeError {}

impl Catalog {
    /// The body localized as a parsed value, with the locale of the
    /// message: what says why a body cannot be localized, and the value
    /// [`localize_body`](Self::localize_body)'s text must parse to.
    fn localize_value(
        &self,
        body: &str,
        locale: Locale,
        info: &ResponseInfo,
    ) -> Result<(Json, &str), EnvelopeError> {
        if body.len() > MAX_BODY_BYTES {
            return Err(EnvelopeError::TooLarge { size: body.len() });
        }
        let mut value: Json =
            serde_json::from_str(body).map_err(|e| EnvelopeError::InvalidJson(Arc::new(e)))?;
        let error = value
            .get_mut("error")
            .and_then(Json::as_object_mut)
            .ok_or(EnvelopeError::NotAnEnvelope)?;
        let code = match error.get("code") {
            Some(Json::String(code)) => code.as_str(),
            other => {
                return Err(EnvelopeError::CodeNotAString {
                    found: kind_of(other),
                })
            }
        };
        let message = error.get("message").and_then(Json::as_str);
        let (used, text) = self.localized_message(code, message, locale, info);
        let localized = LocalizedMessage {
            locale: used,
            message: &text,
        };
        // Two strings: a value is always made.
        let localized = serde_json::to_value(localized).unwrap_or_default();
        error.insert("localizedMessage".into(), localized);
        Ok((value, used))
    }

    /// What `localizedMessage` says for an envelope's `code` and English
    /// `message`, and the locale it is in: the one answer for the parsed
    /// body and for the text ([`localize_body`](Self::localize_body)), and
    /// for a server that writes an error of its own without parsing one (a
    /// code the catalog knows gets its message, with the values read back
    /// from `message`; any other the generic message of `info.status`).
    ///
    /// ```
    /// use defender_errors::{Catalog, ResponseInfo};
    ///
    /// let catalog = Catalog::new();
    /// let de = catalog.negotiate("de").locale;
    /// let info = ResponseInfo::new().status(413);
    /// let (locale, text) = catalog.localized_message("PayloadTooLarge", Some("too large"), de, &info);
    /// assert_eq!(locale, "de");
    /// assert_eq!(Some(text), catalog.generic_message(de, 413, None).map(|(_, text)| text));
    /// let (_, text) = catalog.localized_message("InvalidUrl", Some("URL htp:/x is invalid."), de, &info);
    /// assert!(text.contains("htp:/x"), "the value read back: {text}");
    /// ```
    pub fn localized_message(
        &self,
        code: &str,
        message: Option<&str>,
        locale: Locale,
        info: &ResponseInfo,
    ) -> (&str, Cow<'_, str>) {
        let generic = || {
            let status = info.status?;
            self.generic_message(locale, status, info.retry_after)
        };
        match ErrorCode::lookup(code) {
            Some(code) => {
                let recovered =
                    message.and_then(|m| recover::recover(code, self.readings(code)?, m));
                let rendered = self.render_with_wait(locale, code, recovered, info.retry_after);
                (rendered.locale, rendered.message)
            }
            None => match (generic(), message) {
                (Some(generic), _) => generic,
                // The API's own text, with what a value would be escaped of
                // escaped, and cut as a value is: it comes from outside.
                (None, Some(message)) if !message.trim().is_empty() => {
                    let mut text = String::with_capacity(message.len().min(MAX_VALUE_CHARS * 4));
                    // Writing into a String cannot fail.
                    let _ = write_escaped(&mut text, message);
                    (crate::SOURCE_LOCALE, Cow::Owned(text))
                }
                (None, _) => {
                    let (used, text) = self
                        .extra_text(locale, "unknown-error")
                        .unwrap_or((crate::SOURCE_LOCALE, "An unexpected error occurred."));
                    (used, Cow::Borrowed(text))
                }
            },
        }
    }

    /// The message for an error of HTTP `status` whose code the catalog does
    /// not know, in `locale` (else English), with the locale it is in; `None`
    /// for a status not in [`GENERIC_STATUSES`](crate::GENERIC_STATUSES).
    ///
    /// A status with a general code of its own (400 `BadRequest`, 401, 403,
    /// 404, 429 `TooManyRequests`, 500) gives that code's message without
    /// values; the others give the `.generic` of their status phrase
    /// (`status-503.generic`). `retry_after`, in whole seconds, is the wait of
    /// a 429: with it the message says when to try again.
    ///
    /// This is what a server calls for an error it makes itself (a body too
    /// large, a gateway timeout), to answer in the request's language.
    ///
    /// ```
    /// let catalog = defender_errors::Catalog::new();
    /// let [fr, da, de] = ["fr", "da", "de"].map(|id| catalog.negotiate(id).locale);
    /// assert_eq!(
    ///     catalog.generic_message(fr, 415, None).unwrap(),
    ///     ("fr", "Le type de contenu de la requête n’est pas pris en charge.".into())
    /// );
    /// assert_eq!(
    ///     catalog.generic_message(da, 429, Some(1)).unwrap().1,
    ///     "For mange anmodninger: Grænsen for antallet af anmodninger er overskredet. Prøv igen om 1 sekund."
    /// );
    /// assert_eq!(catalog.generic_message(de, 404, None).unwrap().1, "Das angeforderte Element wurde nicht gefunden.");
    /// assert_eq!(catalog.generic_message(de, 418, None), None);
    /// ```
    pub fn generic_message(
        &self,
        locale: Locale,
        status: u16,
        retry_after: Option<u64>,
    ) -> Option<(&str, Cow<'_, str>)> {
        if let Some(code) = ErrorCode::generic_for_status(status) {
            let rendered = self.render_with_wait(locale, code, None, retry_after);
            return Some((rendered.locale, rendered.message));
        }
        if !crate::GENERIC_STATUSES.contains(&status) {
            return None;
        }
        let (used, text) = self.status_generic(locale, status)?;
        Some((used, Cow::Borrowed(text)))
    }

    /// `code` rendered with the values read back from the API's text, and the
    /// wait given beside the body in place of the text's; without values when
    /// there are none.
    fn render_with_wait(
        &self,
        locale: Locale,
        code: ErrorCode,
        recovered: Option<Args<'_>>,
        retry_after: Option<u64>,
    ) -> Rendered<'_> {
        let wait = retry_after.filter(|_| code.variable(RETRY_AFTER).is_some());
        let args = match (recovered, wait) {
            (recovered, Some(seconds)) => {
                let mut args = recovered.unwrap_or_default();
                args.set(RETRY_AFTER, Number::from(seconds));
                Some(args)
            }
            (recovered, None) => recovered,
        };
        match args {
            Some(args) => self.render(locale, (code, &args)),
            None => self.render_without_values(locale, code),
        }
    }

    /// The error body for a typed error, or a code with [`Args`], as the
    /// API would send it (English `message`), with `target` when given and
    /// the localized message beside it; with the locale of that message, for
    /// `Content-Language`.
    ///
    /// ```
    /// use defender_errors::{Args, Catalog, DefenderError, ErrorCode};
    ///
    /// let catalog = Catalog::new();
    /// let nl = catalog.negotiate("nl").locale;
    /// let body = catalog.error_body(nl, &DefenderError::NotFound, Some("1fa66c0f"));
    /// assert_eq!(
    ///     body.text,
    ///     r#"{"error":{"code":"NotFound","message":"The requested item was not found.","target":"1fa66c0f","localizedMessage":{"locale":"nl","message":"Het gevraagde item is niet gevonden."}}}"#
    /// );
    /// assert_eq!(body.locale, "nl");
    ///
    /// let args = Args::new().with("url", "htp:/x");
    /// let da = catalog.negotiate("da").locale;
    /// let body = catalog.error_body(da, (ErrorCode::InvalidUrl, &args), None);
    /// assert!(body.text.contains(r#""message":"URL htp:/x is invalid.""#));
    /// assert!(body.text.contains(r#""message":"URL-adressen htp:/x er ugyldig.""#));
    /// ```
    pub fn error_body(
        &self,
        locale: Locale,
        what: impl Renderable,
        target: Option<&str>,
    ) -> LocalizedBody<'_> {
        let english = self.render(Locale::SOURCE, what);
        let localized = self.render(locale, what);
        let text = Envelope::new(english.code.as_str(), &english.message)
            .target(target)
            .localized(localized.locale, &localized.message)
            .to_json();
        LocalizedBody {
            text,
            locale: localized.locale,
        }
    }
}

fn kind_of(value: Option<&Json>) -> &'static str {
    match value {
        None => "nothing",
        Some(Json::Null) => "null",
        Some(Json::Bool(_)) => "a boolean",
        Some(Json::Number(_)) => "a number",
        Some(Json::String(_)) => "a string",
        Some(Json::Array(_)) => "an array",
        Some(Json::Object(_)) => "an object",
    }
}
