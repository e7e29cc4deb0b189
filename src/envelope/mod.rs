//! The Defender error envelope, `{"error":{"code","message","target"}}`, read
//! from the API and written back with the localized text beside it.
//!
//! The shape follows Google's AIP-193: the code stays the contract, and
//! `localizedMessage: {"locale", "message"}` is added inside `error`; `code`,
//! `message`, `target` and every other field are kept as they were.

mod text;

use std::borrow::Cow;
use std::sync::Arc;

use serde_json::{json, Map, Value as Json};

use crate::code::{ErrorCode, VariableKind};
use crate::pattern::{Pattern, Seg};
use crate::render::escape::{write_escaped, MAX_VALUE_CHARS};
use crate::render::escape::{FSI, PDI};
use crate::render::number::Number;
use crate::{Args, Catalog, DefenderError, Rendered, ResponseInfo};

pub use text::LocalizedBody;

/// The variable of the wait, in whole seconds (`TooManyRequests`).
const RETRY_AFTER: &str = "retry_after";

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
    /// everything else as it was. `status` is the response's HTTP status;
    /// [`localize_body_with`](Self::localize_body_with) also takes the wait
    /// of a throttled response.
    ///
    /// When the English `message` is the catalog's English message with values
    /// filled in, the values are read back and the whole message is localized
    /// (`Try again in 12 seconds.` gives the wait of `TooManyRequests`).
    /// Otherwise the message is localized without values. An unknown code gets
    /// the [generic message](Self::generic_message) of `status` (one of
    /// [`GENERIC_STATUSES`](crate::GENERIC_STATUSES)) when one is given, and
    /// else shows the API's English text (locale `en`), escaped and cut like a
    /// value (see [`write_escaped`](crate::write_escaped)); an empty one gets
    /// the catalog's "unexpected error" message. The API's `message` is kept
    /// as it was in every case.
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
    ///
    /// // A code the catalog does not know, with a status it has a message for:
    /// let body = r#"{"error":{"code":"ServiceBusy","message":"Come back later."}}"#;
    /// let out = Catalog::new().localize_body(body, "nl", Some(503))?;
    /// assert_eq!(out["error"]["message"], "Come back later.");
    /// assert_eq!(out["error"]["localizedMessage"]["message"], "De service is tijdelijk niet beschikbaar. Probeer het later opnieuw.");
    /// # Ok::<(), defender_errors::EnvelopeError>(())
    /// ```
    pub fn localize_body(
        &self,
        body: &str,
        locale: &str,
        status: Option<u16>,
    ) -> Result<Json, EnvelopeError> {
        let info = ResponseInfo {
            status,
            ..ResponseInfo::new()
        };
        self.localize_body_with(body, locale, &info)
    }

    /// [`localize_body`](Self::localize_body) with what the response says
    /// beside the body: its status and the wait of its `Retry-After` header
    /// (read it with [`parse_retry_after`](crate::parse_retry_after), or with
    /// `defender_errors_tower::response_info`). The wait fills
    /// `$retry_after` of `TooManyRequests`, and of the generic message of an
    /// unknown code answered with 429; it is preferred to the one the body's
    /// English text gives, since the header is what the client must obey.
    ///
    /// # Errors
    /// As [`localize_body`](Self::localize_body).
    ///
    /// ```
    /// use defender_errors::{Catalog, ResponseInfo};
    ///
    /// let catalog = Catalog::new();
    /// let body = r#"{"error":{"code":"TooManyRequests","message":"Rate limit is exceeded.","target":"abc"}}"#;
    /// let info = ResponseInfo::new().status(429).retry_after(7);
    /// let out = catalog.localize_body_with(body, "de", &info)?;
    /// assert_eq!(
    ///     out["error"]["localizedMessage"]["message"],
    ///     "Zu viele Anforderungen: Das Anforderungslimit wurde überschritten. Versuchen Sie es in 7 Sekunden erneut."
    /// );
    /// // Without a wait, the message says to try again later.
    /// let out = catalog.localize_body_with(body, "de", &ResponseInfo::new().status(429))?;
    /// assert_eq!(
    ///     out["error"]["localizedMessage"]["message"],
    ///     "Zu viele Anforderungen: Das Anforderungslimit wurde überschritten. Versuchen Sie es später erneut."
    /// );
    /// # Ok::<(), defender_errors::EnvelopeError>(())
    /// ```
    pub fn localize_body_with(
        &self,
        body: &str,
        locale: &str,
        info: &ResponseInfo,
    ) -> Result<Json, EnvelopeError> {
        self.localize_value(body, locale, info)
            .map(|(value, _)| value)
    }

    /// [`localize_body_with`](Self::localize_body_with), with the locale of
    /// the message beside the body.
    fn localize_value(
        &self,
        body: &str,
        locale: &str,
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
        let localized = json!({ "locale": used, "message": text });
        error.insert("localizedMessage".into(), localized);
        Ok((value, used))
    }

    /// What `localizedMessage` says for an envelope's `code` and English
    /// `message`, and the locale it is in: the one answer for the parsed
    /// body ([`localize_body_with`](Self::localize_body_with)) and for the
    /// text ([`localize_body_text`](Self::localize_body_text)).
    fn localized_message(
        &self,
        code: &str,
        message: Option<&str>,
        locale: &str,
        info: &ResponseInfo,
    ) -> (&str, Cow<'_, str>) {
        let generic = || {
            let status = info.status?;
            self.generic_message(locale, status, info.retry_after)
        };
        match ErrorCode::lookup(code) {
            Some(code) => {
                let recovered = message.and_then(|m| self.recover(code, m));
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
    /// assert_eq!(
    ///     catalog.generic_message("fr", 415, None).unwrap(),
    ///     ("fr", "Le type de contenu de la requête n’est pas pris en charge.".into())
    /// );
    /// assert_eq!(
    ///     catalog.generic_message("da", 429, Some(1)).unwrap().1,
    ///     "For mange anmodninger: Grænsen for antallet af anmodninger er overskredet. Prøv igen om 1 sekund."
    /// );
    /// assert_eq!(catalog.generic_message("de", 404, None).unwrap().1, "Das angeforderte Element wurde nicht gefunden.");
    /// assert_eq!(catalog.generic_message("de", 418, None), None);
    /// ```
    pub fn generic_message(
        &self,
        locale: &str,
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
        locale: &str,
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
            Some(args) => self.render_args(locale, code, &args),
            None => self.render_without_values(locale, code),
        }
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
        // Nothing to read back (most codes): the text is not matched at all.
        if code.variables().is_empty() {
            return None;
        }
        let pattern = self.english(code)?.value();
        let mut args = Args::new();
        for (name, value) in match_pattern(pattern, text)? {
            let kind = code.variable(name)?.kind;
            match kind {
                // The API writes numbers in English, possibly grouped: "10,000".
                // Every number of the contract is a count (a batch size, a
                // wait in seconds): digits only, as its typed field is a `u64`.
                VariableKind::Number => args.set(name.to_owned(), count(value)?),
                VariableKind::String => args.set(name.to_owned(), value),
            };
        }
        Some(args)
    }
}

/// A whole number the API wrote in English, grouped or not ("10,000").
fn count(text: &str) -> Option<Number> {
    let digits = text.replace(',', "");
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse::<u64>().ok().map(Number::from)
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

/// Matches `text` against a pattern of text, variables and selects, and
/// returns each variable's value: each way through the selects is tried in
/// turn (`Try again in { $retry_after -> [one] … second *[other] … seconds }`
/// reads "12 seconds" and "1 second"), the first that fits wins.
fn match_pattern<'p, 't>(pattern: &'p Pattern, text: &'t str) -> Option<Vec<(&'p str, &'t str)>> {
    paths(pattern)
        .iter()
        .find_map(|path| match_path(path, text))
}

/// At most this many ways through a pattern's selects are tried.
const MAX_PATHS: usize = 16;

/// One piece of a way through a pattern: text (adjacent pieces joined, the
/// catalog's isolation marks left out, since the API's text never has them)
/// or a variable.
#[derive(Debug, Clone)]
enum Piece<'p> {
    Text(String),
    Var(&'p str),
}

/// The ways through `pattern`, one per choice of variant in each select,
/// each as text and variables only (at most [`MAX_PATHS`]).
fn paths(pattern: &Pattern) -> Vec<Vec<Piece<'_>>> {
    let mut found = vec![Vec::new()];
    for segment in pattern.segments() {
        match segment {
            Seg::Text(t) => found.iter_mut().for_each(|p| push_text(p, t)),
            Seg::Var(name) | Seg::Number(name, _) => {
                found.iter_mut().for_each(|p| p.push(Piece::Var(name)));
            }
            Seg::Select(select) => {
                let variants: Vec<_> = select.variants.iter().flat_map(|(_, v)| paths(v)).collect();
                let mut next = Vec::new();
                for path in &found {
                    for variant in &variants {
                        if next.len() == MAX_PATHS {
                            break;
                        }
                        let mut joined = path.clone();
                        for piece in variant {
                            match piece {
                                Piece::Text(t) => push_text(&mut joined, t.as_str()),
                                Piece::Var(name) => joined.push(Piece::Var(name)),
                            }
                        }
                        next.push(joined);
                    }
                }
                found = next;
            }
        }
    }
    found
}

fn push_text(path: &mut Vec<Piece<'_>>, text: &str) {
    let text = without_marks(text);
    match path.last_mut() {
        Some(Piece::Text(last)) => last.push_str(&text),
        _ => path.push(Piece::Text(text.into_owned())),
    }
}

/// Matches `text` against one way through a pattern. Each value must be
/// non-empty and is taken up to the first occurrence of the text after it
/// (the last one is anchored at the end). Two variables in a row make the
/// path unreadable: `None`. Linear in the length of `text`.
fn match_path<'p, 't>(path: &[Piece<'p>], text: &'t str) -> Option<Vec<(&'p str, &'t str)>> {
    let mut rest = text;
    let mut values = Vec::new();
    for (i, piece) in path.iter().enumerate() {
        match piece {
            Piece::Text(t) => rest = rest.strip_prefix(t.as_str())?,
            Piece::Var(name) => {
                let (value, after) = match path.get(i + 1) {
                    None => (rest, ""),
                    Some(Piece::Text(next)) if i + 2 == path.len() => {
                        let value = rest.strip_suffix(next.as_str())?;
                        (value, rest.get(value.len()..)?)
                    }
                    Some(Piece::Text(next)) => rest.split_at(rest.find(next.as_str())?),
                    Some(Piece::Var(_)) => return None,
                };
                if value.is_empty() {
                    return None;
                }
                values.push((*name, value));
                rest = after;
            }
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
