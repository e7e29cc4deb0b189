//! The Defender error envelope, `{"error":{"code","message","target"}}`, read
//! from the API and written back with the localized text beside it.
//!
//! The shape follows Google's AIP-193: the code stays the contract, and
//! `localizedMessage: {"locale", "message"}` is added inside `error`; `code`,
//! `message`, `target` and every other field are kept as they were.

use std::borrow::Cow;
use std::sync::Arc;

use serde_json::{json, Map, Value as Json};

use crate::code::{ErrorCode, VariableKind};
use crate::pattern::{Pattern, Seg};
use crate::render::escape::{write_escaped, MAX_VALUE_CHARS};
use crate::render::escape::{FSI, PDI};
use crate::render::number::Number;
use crate::{Args, Catalog, DefenderError, Rendered};

/// The largest error body [`Catalog::localize_body`] reads: 1 MiB. Real error
/// bodies are a few hundred bytes. (Nesting is bounded by serde_json, which
/// refuses more than 128 levels.)
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// An error body that cannot be localized.
///
/// ```
/// use defender_errors::{Catalog, EnvelopeError};
///
/// let err = Catalog::new().localize_body(r#"{"error": {"code": 404}}"#, "de", None).unwrap_err();
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

/// The locale of an envelope's `localizedMessage`, for its `Content-Language`.
#[cfg(feature = "axum")]
pub(crate) fn localized_locale(body: &Json) -> Option<&str> {
    body.pointer("/error/localizedMessage/locale")?.as_str()
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
    /// Localizes an error body from the Defender API: adds
    /// `"localizedMessage": {"locale", "message"}` inside `error` and keeps
    /// everything else as it was.
    ///
    /// When the English `message` is the catalog's English message with values
    /// filled in, the values are read back and the whole message is localized.
    /// Otherwise the message is localized without values. An unknown code gets
    /// the generic message of `status` (400, 401, 403, 404, 500) when one is
    /// given, and else shows the API's English text (locale `en`), escaped
    /// and cut like a value (see [`write_escaped`](crate::write_escaped)); an
    /// empty one gets the catalog's "unexpected error" message.
    ///
    /// # Errors
    /// [`EnvelopeError`] when the body is too large, not JSON, not an error
    /// envelope, or its code is not a string.
    ///
    /// ```
    /// use defender_errors::Catalog;
    ///
    /// let body = r#"{"error":{"code":"InvalidHashValue","message":"Hash value abc is invalid.","target":"43f4cb08"}}"#;
    /// let out = Catalog::new().localize_body(body, "de", None)?;
    /// assert_eq!(out["error"]["target"], "43f4cb08");
    /// assert_eq!(out["error"]["localizedMessage"]["message"], "Der Hashwert abc ist ungültig.");
    ///
    /// // The article's own example does not follow the catalog's English text:
    /// let body = r#"{"error":{"code":"ResourceNotFound","message":"Machine 123123123 was not found","target":"43f4cb08"}}"#;
    /// let out = Catalog::new().localize_body(body, "de", None)?;
    /// assert_eq!(out["error"]["localizedMessage"]["message"], "Die angeforderte Ressource wurde nicht gefunden.");
    /// # Ok::<(), defender_errors::EnvelopeError>(())
    /// ```
    pub fn localize_body(
        &self,
        body: &str,
        locale: &str,
        status: Option<u16>,
    ) -> Result<Json, EnvelopeError> {
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
        let (used, text) = match ErrorCode::lookup(code) {
            Some(code) => {
                let recovered = message.and_then(|m| self.recover(code, m));
                let rendered = match recovered {
                    Some(args) => self.render_args(locale, code, &args),
                    None => self.render_without_values(locale, code),
                };
                (rendered.locale.to_owned(), rendered.message.into_owned())
            }
            None => match (status.and_then(ErrorCode::generic_for_status), message) {
                (Some(generic), _) => {
                    let rendered = self.render_without_values(locale, generic);
                    (rendered.locale.to_owned(), rendered.message.into_owned())
                }
                // The API's own text, with what a value would be escaped of
                // escaped, and cut as a value is: it comes from outside.
                (None, Some(message)) if !message.trim().is_empty() => {
                    let mut text = String::with_capacity(message.len().min(MAX_VALUE_CHARS * 4));
                    // Writing into a String cannot fail.
                    let _ = write_escaped(&mut text, message);
                    (crate::SOURCE_LOCALE.to_owned(), text)
                }
                (None, _) => {
                    let (used, text) = self
                        .extra_text(locale, "unknown-error")
                        .unwrap_or((crate::SOURCE_LOCALE, "An unexpected error occurred."));
                    (used.to_owned(), text.to_owned())
                }
            },
        };
        error.insert(
            "localizedMessage".into(),
            json!({ "locale": used, "message": text }),
        );
        Ok(value)
    }

    /// The error body for a typed error, as the API would send it (English
    /// `message`), with `target` when given and the localized message beside it.
    ///
    /// ```
    /// use defender_errors::{Catalog, DefenderError};
    ///
    /// let body = Catalog::new().error_body("nl", &DefenderError::NotFound, Some("1fa66c0f"));
    /// assert_eq!(
    ///     body.to_string(),
    ///     r#"{"error":{"code":"NotFound","message":"The requested item was not found.","target":"1fa66c0f","localizedMessage":{"locale":"nl","message":"Het gevraagde item is niet gevonden."}}}"#
    /// );
    /// ```
    pub fn error_body(
        &self,
        locale: &str,
        error: &DefenderError<'_>,
        target: Option<&str>,
    ) -> Json {
        envelope(
            &self.render(crate::SOURCE_LOCALE, error),
            &self.render(locale, error),
            target,
        )
    }

    /// [`error_body`](Self::error_body) for values that arrive at run time.
    ///
    /// ```
    /// use defender_errors::{Args, Catalog, ErrorCode};
    ///
    /// let args = Args::new().with("url", "htp:/x");
    /// let body = Catalog::new().error_body_args("da", ErrorCode::InvalidUrl, &args, None);
    /// assert_eq!(body["error"]["message"], "URL htp:/x is invalid.");
    /// assert_eq!(body["error"]["localizedMessage"]["message"], "URL-adressen htp:/x er ugyldig.");
    /// ```
    pub fn error_body_args(
        &self,
        locale: &str,
        code: ErrorCode,
        args: &Args<'_>,
        target: Option<&str>,
    ) -> Json {
        envelope(
            &self.render_args(crate::SOURCE_LOCALE, code, args),
            &self.render_args(locale, code, args),
            target,
        )
    }

    /// The values of `code`'s variables, read back out of the API's English
    /// `text`, if the text is the catalog's English message with values in it.
    fn recover<'t>(&self, code: ErrorCode, text: &'t str) -> Option<Args<'t>> {
        let pattern = self.english(code)?.value();
        let mut args = Args::new();
        for (name, value) in match_pattern(pattern, text)? {
            let kind = code.variable(name)?.kind;
            match kind {
                // The API writes numbers in English, possibly grouped: "10,000".
                VariableKind::Number => {
                    args.set(name.to_owned(), Number::parse(&value.replace(',', ""))?)
                }
                VariableKind::String => args.set(name.to_owned(), value),
            };
        }
        Some(args)
    }
}

fn envelope(english: &Rendered<'_>, localized: &Rendered<'_>, target: Option<&str>) -> Json {
    let mut error = Map::new();
    error.insert("code".into(), json!(english.code.as_str()));
    error.insert("message".into(), json!(english.message));
    if let Some(target) = target {
        error.insert("target".into(), json!(target));
    }
    error.insert(
        "localizedMessage".into(),
        json!({ "locale": localized.locale, "message": localized.message }),
    );
    json!({ "error": error })
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

/// Matches `text` against a pattern made of text and variables only, and
/// returns each variable's value. Each value must be non-empty and is taken up
/// to the first occurrence of the text after it (the last one is anchored at
/// the end). Two variables in a row, selects or number literals make the
/// pattern unreadable: `None`. Linear in the length of `text`.
fn match_pattern<'p, 't>(pattern: &'p Pattern, text: &'t str) -> Option<Vec<(&'p str, &'t str)>> {
    // Isolation marks are the catalog's own, never in the API's text.
    let plain = |seg: Option<&'p Seg>| match seg {
        Some(Seg::Text(t)) => Some(without_marks(t)),
        _ => None,
    };
    let segments = pattern.segments();
    let mut rest = text;
    let mut values = Vec::new();
    for (i, segment) in segments.iter().enumerate() {
        match segment {
            Seg::Text(t) => rest = rest.strip_prefix(&*without_marks(t))?,
            Seg::Var(name) | Seg::Number(name, _) => {
                let next = segments.get(i + 1);
                let (value, after) = match (next, plain(next)) {
                    (None, _) => (rest, ""),
                    (Some(_), Some(next)) if i + 2 == segments.len() => {
                        (rest.strip_suffix(&*next)?, &rest[rest.len() - next.len()..])
                    }
                    (Some(_), Some(next)) => rest.split_at(rest.find(&*next)?),
                    (Some(_), None) => return None,
                };
                if value.is_empty() {
                    return None;
                }
                values.push((&**name, value));
                rest = after;
            }
            Seg::Select(_) => return None,
        }
    }
    rest.is_empty().then_some(values)
}

/// `text` without the isolation marks the catalog puts around values.
fn without_marks(text: &str) -> Cow<'_, str> {
    if text.contains([FSI, PDI]) {
        Cow::Owned(text.replace([FSI, PDI], ""))
    } else {
        Cow::Borrowed(text)
    }
}
