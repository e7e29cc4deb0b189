//! [`Envelope`]: the one writer of an error envelope. Whoever writes one
//! whole (a typed error's body, a server's own error, before and after it
//! is localized) writes it here, so that its members, their order and their
//! escaping are decided in one place; a body from the API that is localized
//! in its own text gets its `localizedMessage` value from here too.

use serde::Serialize;

/// An error envelope to write, `{"error":{"code","message","target","localizedMessage"}}`,
/// its members in the order the Defender API documents (`code`, `message`,
/// `target`), then the localized message as Google's AIP-193 adds it:
/// `"localizedMessage": {"locale", "message"}`. `target` and
/// `localizedMessage` are left out when not given. Strings are escaped as
/// JSON strings, nothing else is changed: the English `message` of an
/// error the API would send, or a server's own English detail, is written as
/// given.
///
/// [`Catalog::error_body`](crate::Catalog::error_body) writes a typed error
/// with it, and `defender_errors_tower::ServerError` a server's own error,
/// in English and localized; with
/// [`Catalog::localized_message`](crate::Catalog::localized_message) it
/// writes any other.
///
/// ```
/// use defender_errors::{Catalog, Envelope, ResponseInfo};
///
/// let english = Envelope::new("PayloadTooLarge", "the body is \"too\" large");
/// assert_eq!(
///     english.to_json(),
///     r#"{"error":{"code":"PayloadTooLarge","message":"the body is \"too\" large"}}"#
/// );
///
/// let catalog = Catalog::new();
/// let de = catalog.negotiate("de").locale;
/// let info = ResponseInfo::new().status(413);
/// let (locale, text) = catalog.localized_message("PayloadTooLarge", None, de, &info);
/// let localized = english.target("t-1").localized(locale, &text);
/// assert_eq!(
///     localized.to_json(),
///     r#"{"error":{"code":"PayloadTooLarge","message":"the body is \"too\" large","target":"t-1","localizedMessage":{"locale":"de","message":"Die Anforderung ist zu groß."}}}"#
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub struct Envelope<'a> {
    code: &'a str,
    message: &'a str,
    target: Option<&'a str>,
    localized: Option<LocalizedMessage<'a>>,
}

impl<'a> Envelope<'a> {
    /// The envelope of `code` with its English `message`, without `target`
    /// or `localizedMessage`.
    ///
    /// ```
    /// let envelope = defender_errors::Envelope::new("NotFound", "no such endpoint");
    /// assert_eq!(envelope.to_json(), r#"{"error":{"code":"NotFound","message":"no such endpoint"}}"#);
    /// ```
    pub fn new(code: &'a str, message: &'a str) -> Self {
        Self {
            code,
            message,
            target: None,
            localized: None,
        }
    }

    /// Sets `target`, the API's tracking id of the request (or, with
    /// `None`, leaves it out: the default).
    ///
    /// ```
    /// use defender_errors::Envelope;
    /// let envelope = Envelope::new("NotFound", "x").target("1fa66c0f");
    /// assert_eq!(envelope.to_json(), r#"{"error":{"code":"NotFound","message":"x","target":"1fa66c0f"}}"#);
    /// assert_eq!(envelope.target(None), Envelope::new("NotFound", "x"));
    /// ```
    pub fn target(mut self, target: impl Into<Option<&'a str>>) -> Self {
        self.target = target.into();
        self
    }

    /// Sets `localizedMessage`: the `message` in the catalog locale
    /// `locale` (the one the message is in, which the catalog's calls
    /// return beside it). Left out by default.
    ///
    /// ```
    /// let envelope = defender_errors::Envelope::new("NotFound", "x").localized("fr", "Introuvable.");
    /// assert_eq!(
    ///     envelope.to_json(),
    ///     r#"{"error":{"code":"NotFound","message":"x","localizedMessage":{"locale":"fr","message":"Introuvable."}}}"#
    /// );
    /// ```
    pub fn localized(mut self, locale: &'a str, message: &'a str) -> Self {
        self.localized = Some(LocalizedMessage { locale, message });
        self
    }

    /// The envelope as compact JSON text.
    ///
    /// ```
    /// let text = defender_errors::Envelope::new("BadRequest", "line 1\nline 2").to_json();
    /// assert_eq!(text, r#"{"error":{"code":"BadRequest","message":"line 1\nline 2"}}"#);
    /// ```
    pub fn to_json(&self) -> String {
        let body = Body {
            error: Error {
                code: self.code,
                message: self.message,
                target: self.target,
                localized_message: self.localized,
            },
        };
        // Strings in a known shape: writing into a String cannot fail.
        serde_json::to_string(&body).unwrap_or_default()
    }
}

/// The value of `localizedMessage`, `{"locale","message"}`: in an envelope
/// written whole, and in an API's body localized in its own text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct LocalizedMessage<'a> {
    pub(crate) locale: &'a str,
    pub(crate) message: &'a str,
}

/// The envelope's members, in order.
#[derive(Serialize)]
struct Body<'a> {
    error: Error<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Error<'a> {
    code: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    localized_message: Option<LocalizedMessage<'a>>,
}
