//! An envelope localized in its own text: `localizedMessage` is written
//! into the body as the last member of `error` (or in place of the one it
//! has), and every other byte is kept as it came (its spacing, its escapes,
//! its numbers, its key order), with no tree of values built and written
//! back. What the proxy, the layer and the sidecar's `/localize` send.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::{EnvelopeError, LocalizedMessage, MAX_BODY_BYTES};
use crate::{Catalog, Locale, ResponseInfo};

/// An error body localized by [`Catalog::localize_body`], or written by
/// [`Catalog::error_body`]: the JSON text to send, and the locale its
/// `localizedMessage` is in (for `Content-Language`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LocalizedBody<'c> {
    /// The body with `localizedMessage` in its `error`.
    pub text: String,
    /// The catalog locale of the message: the one asked for, or English
    /// where it has no translation.
    pub locale: &'c str,
}

impl Catalog {
    /// Localizes an error body from the Defender API: adds
    /// `"localizedMessage": {"locale", "message"}` as the last member of
    /// `error`, and keeps every other byte of `body` as it came (its
    /// spacing, escapes, numbers and key order); a `localizedMessage` the
    /// body has already is replaced where it stands. `info` is what the
    /// response says beside the body: its status, and the wait of its
    /// `Retry-After` header (read it with
    /// [`parse_retry_after`](crate::parse_retry_after), or with
    /// `defender_errors_tower::response_info`).
    ///
    /// When the English `message` is the catalog's English message with values
    /// filled in, or another phrasing the API is documented to send for the
    /// code (the article's `Machine 123123123 was not found`), the values are
    /// read back and the whole message is localized (`Try again in 12
    /// seconds.` gives the wait of `TooManyRequests`; the wait of `info` is
    /// preferred, since the header is what the client must obey). The
    /// message is read with or without its final period, with whitespace
    /// around it, and with its first letter in either case. A message that
    /// fits no phrasing, or fits one in more than one way (a value that holds
    /// the text after it), is localized without values: a value is never
    /// guessed. An unknown
    /// code gets the [generic message](Self::generic_message) of the status
    /// (one of [`GENERIC_STATUSES`](crate::GENERIC_STATUSES)) when one is
    /// given, and else shows the API's English text (locale `en`), escaped
    /// and cut like a value (see [`write_escaped`](crate::write_escaped)); an
    /// empty one gets the catalog's "unexpected error" message. The API's
    /// `message` is kept as it was in every case.
    ///
    /// # Errors
    /// [`EnvelopeError`] when the body is too large, not JSON, not an error
    /// envelope, or its code is not a string.
    ///
    /// ```
    /// use defender_errors::{Catalog, ResponseInfo};
    ///
    /// let catalog = Catalog::new();
    /// let de = catalog.negotiate("de").locale;
    /// let body = r#"{"error": {"code": "InvalidHashValue", "message": "Hash value abc is invalid.", "target": "43f4cb08"}}"#;
    /// let out = catalog.localize_body(body, de, &ResponseInfo::new())?;
    /// assert_eq!(out.locale, "de");
    /// assert_eq!(
    ///     out.text,
    ///     r#"{"error": {"code": "InvalidHashValue", "message": "Hash value abc is invalid.", "target": "43f4cb08","localizedMessage":{"locale":"de","message":"Der Hashwert abc ist ungültig."}}}"#
    /// );
    ///
    /// // The article's own example, with the resource's kind where the
    /// // catalog's English says "Resource", and no final period:
    /// let body = r#"{"error":{"code":"ResourceNotFound","message":"Machine 123123123 was not found","target":"43f4cb08"}}"#;
    /// let out = catalog.localize_body(body, de, &ResponseInfo::new())?;
    /// assert!(out.text.contains(r#""message":"Die Ressource Machine 123123123 wurde nicht gefunden.""#));
    ///
    /// // Text that can be read in two ways gives no values:
    /// let body = r#"{"error":{"code":"MaximumBatchSizeExceeded","message":"Maximum batch size exceeded. Received: 1, allowed: 2, allowed: 3."}}"#;
    /// let out = catalog.localize_body(body, de, &ResponseInfo::new())?;
    /// assert!(out.text.contains(r#""message":"Die maximale Batchgröße wurde überschritten.""#));
    ///
    /// // A throttled response's wait, from its header:
    /// let body = r#"{"error":{"code":"TooManyRequests","message":"Rate limit is exceeded.","target":"abc"}}"#;
    /// let out = catalog.localize_body(body, de, &ResponseInfo::new().status(429).retry_after(7))?;
    /// assert!(out.text.contains("Versuchen Sie es in 7 Sekunden erneut."));
    ///
    /// // A code the catalog does not know, with a status it has a message for:
    /// let nl = catalog.negotiate("nl").locale;
    /// let body = r#"{"error":{"code":"ServiceBusy","message":"Come back later."}}"#;
    /// let out = catalog.localize_body(body, nl, &ResponseInfo::new().status(503))?;
    /// assert!(out.text.contains(r#""message":"De service is tijdelijk niet beschikbaar. Probeer het later opnieuw.""#));
    /// # Ok::<(), defender_errors::EnvelopeError>(())
    /// ```
    pub fn localize_body(
        &self,
        body: &str,
        locale: Locale,
        info: &ResponseInfo,
    ) -> Result<LocalizedBody<'_>, EnvelopeError> {
        if body.len() > MAX_BODY_BYTES {
            return Err(EnvelopeError::TooLarge { size: body.len() });
        }
        let Some(read) = Read::of(body) else {
            // Every error, said as the parsed body says it. (A body read
            // here is one `Read` could not place; it is written from its
            // parsed value.)
            let (value, used) = self.localize_value(body, locale, info)?;
            // Straight into bytes, not through `Display`'s formatter.
            let text = serde_json::to_string(&value)
                .map_err(|e| EnvelopeError::InvalidJson(Arc::new(e)))?;
            return Ok(LocalizedBody { text, locale: used });
        };
        let (used, message) =
            self.localized_message(&read.code, read.message.as_deref(), locale, info);
        let (before, after) = (
            body.get(..read.start).unwrap_or_default(),
            body.get(read.end..).unwrap_or_default(),
        );
        let mut text = Vec::with_capacity(body.len() + message.len() + 48);
        text.extend_from_slice(before.as_bytes());
        if read.member {
            text.extend_from_slice(br#","localizedMessage":"#);
        }
        let localized = LocalizedMessage {
            locale: used,
            message: &message,
        };
        // The value as every envelope has it; writing into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut text, &localized);
        text.extend_from_slice(after.as_bytes());
        // UTF-8 throughout: the body's own (cut at a `}` or around a
        // value) and serde_json's; the lossy path is never taken.
        let text = String::from_utf8(text)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        Ok(LocalizedBody { text, locale: used })
    }
}

/// What the catalog reads of an envelope, and where `localizedMessage` goes.
struct Read<'a> {
    code: Cow<'a, str>,
    message: Option<Cow<'a, str>>,
    /// The bytes of the body that the localized message replaces: none
    /// before the `}` that closes `error` (the last `error`, where keys
    /// repeat, as a JSON parser takes the last), or the value of the
    /// `localizedMessage` it has already.
    start: usize,
    end: usize,
    /// Whether the member's name is written (a new member), or only its value.
    member: bool,
}

impl<'a> Read<'a> {
    /// `None` unless `body` is JSON, an object with an `error` object inside
    /// whose `code` is a string: the general path then says what is wrong.
    /// The body is read once, and `error` once more.
    fn of(body: &'a str) -> Option<Self> {
        let Outer { error } = serde_json::from_str(body).ok()?;
        let error = error?.get();
        let inner: Inner<'a> = serde_json::from_str(error).ok()?;
        let code = inner.code?.0;
        let message = inner
            .message
            .and_then(|raw| serde_json::from_str::<Text<'a>>(raw.get()).ok())
            .map(|text| text.0);
        let (start, end, member) = match inner.localized {
            Some(old) => {
                let start = offset_in(body, old.get())?;
                (start, start + old.get().len(), false)
            }
            None => {
                let close = offset_in(body, error)? + error.len().checked_sub(1)?;
                (close, close, true)
            }
        };
        if !body.is_char_boundary(start) || !body.is_char_boundary(end) {
            return None;
        }
        Some(Self {
            code,
            message,
            start,
            end,
            member,
        })
    }
}

/// Where `part`, a slice of `whole` (as a borrowed raw value is), starts in it.
fn offset_in(whole: &str, part: &str) -> Option<usize> {
    let at = (part.as_ptr() as usize).checked_sub(whole.as_ptr() as usize)?;
    (at + part.len() <= whole.len()).then_some(at)
}

/// A JSON string, borrowed where it has no escapes.
struct Text<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}

/// The body's top level: its `error` (the last, where the key repeats), as
/// the text it has in the body.
struct Outer<'a> {
    error: Option<&'a RawValue>,
}

impl<'de> Deserialize<'de> for Outer<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OuterVisitor;
        impl<'de> Visitor<'de> for OuterVisitor {
            type Value = Outer<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Outer<'de>, M::Error> {
                let mut outer = Outer { error: None };
                while let Some(Text(key)) = map.next_key()? {
                    if key == "error" {
                        outer.error = Some(map.next_value()?);
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(outer)
            }
        }
        deserializer.deserialize_map(OuterVisitor)
    }
}

/// The members of `error` the catalog reads (the last of each, where keys
/// repeat: a `code` that is not a string fails the read), and the
/// `localizedMessage` it has already, as its text in the body.
struct Inner<'a> {
    code: Option<Text<'a>>,
    message: Option<&'a RawValue>,
    localized: Option<&'a RawValue>,
}

impl<'de> Deserialize<'de> for Inner<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct InnerVisitor;
        impl<'de> Visitor<'de> for InnerVisitor {
            type Value = Inner<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Inner<'de>, M::Error> {
                let mut inner = Inner {
                    code: None,
                    message: None,
                    localized: None,
                };
                while let Some(Text(key)) = map.next_key()? {
                    match &*key {
                        "code" => inner.code = Some(map.next_value()?),
                        "message" => inner.message = Some(map.next_value()?),
                        "localizedMessage" => inner.localized = Some(map.next_value()?),
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(inner)
            }
        }
        deserializer.deserialize_map(InnerVisitor)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Value as Json;

    use crate::{Catalog, EnvelopeError, Locale, ResponseInfo};

    /// The text and the parsed value say the same, for bodies of every
    /// shape: plain, spaced, escaped, with repeated keys, with a
    /// `localizedMessage` already, unknown codes with and without a status,
    /// and the errors.
    #[test]
    fn the_text_says_what_the_parsed_body_says() {
        let catalog = Catalog::new();
        let bodies = [
            r#"{"error":{"code":"ResourceNotFound","message":"Machine 123 was not found","target":"43f4cb08"}}"#,
            r#"{"error":{"code":"InvalidHashValue","message":"Hash value abc is invalid.","target":"t"}}"#,
            "{ \"error\" :\n {\n  \"code\" : \"MaximumBatchSizeExceeded\",\n  \"message\" : \"Maximum batch size exceeded. Received: 12500, allowed: 10000.\"\n }\n}\n",
            r#"{"error":{"code":"Invalid\u0048ashValue","message":"Hash value \"x\u00e9\" is invalid.","target":"t"}}"#,
            r#"{"error":{"code":"NotFound"},"error":{"code":"BadRequest","message":"m"},"x":[1,2.50,{"a":null}]}"#,
            r#"{"error":{"code":"NotFound","code":"InvalidUrl","message":"URL htp:/x is invalid."}}"#,
            r#"{"error":{"code":7},"x":{"y":"}"},"error":{"code":"NotFound","message":"}"}}"#,
            "{\"x\":1 , \"error\":{\"code\":\"InvalidUrl\",\"message\":\"URL {x} is invalid.\"} }\n\t",
            r#"{"error":{"code":"NotFound"},"x":1}"#,
            r#"{"error":{"code":"NotFound"},"x":{"a":1}}"#,
            r#"{"error":{"code":"NotFound","localizedMessage":{"locale":"xx","message":"old"}}}"#,
            r#"{"error":{"code":"ServiceBusy","message":"Come back later."}}"#,
            r#"{"error":{"code":"ServiceBusy","message":7}}"#,
            r#"{"error":{"code":"ServiceBusy"}}"#,
            r#"{"error":{"code":"TooManyRequests","message":"Rate limit is exceeded. Try again in 5 seconds."}}"#,
            r#"{"error":{"code":"NotFound","message":"\ud83d\ude00 \u0000 <b>"}}"#,
            r#"{"error":{"code":7}}"#,
            r#"{"error":{"code":null}}"#,
            r#"{"error":{}}"#,
            r#"{"error":"NotFound"}"#,
            r#"{"errors":{"code":"NotFound"}}"#,
            r#"[{"error":{"code":"NotFound"}}]"#,
            r#"{"error":{"code":"NotFound"}} trailing"#,
            r#"{"error":{"code":"NotFound""#,
            "",
        ];
        let infos = [
            ResponseInfo::new(),
            ResponseInfo::new().status(503),
            ResponseInfo::new().status(429).retry_after(7),
        ];
        for body in bodies {
            for info in &infos {
                for locale in ["de", "zh", "en", "xx"] {
                    let locale = catalog.negotiate(locale).locale;
                    let parsed = catalog.localize_value(body, locale, info).map(|(v, _)| v);
                    let text = catalog.localize_body(body, locale, info);
                    match (parsed, text) {
                        (Ok(parsed), Ok(text)) => {
                            let reparsed: Json = serde_json::from_str(&text.text).unwrap();
                            assert_eq!(reparsed, parsed, "{body} in {locale:?}");
                            assert_eq!(
                                Some(text.locale),
                                parsed["error"]["localizedMessage"]["locale"].as_str(),
                                "{body} in {locale:?}"
                            );
                        }
                        (Err(a), Err(b)) => assert_eq!(a, b, "{body}"),
                        (a, b) => panic!("{body} in {locale:?}: {a:?} against {b:?}"),
                    }
                }
            }
        }
    }

    /// A plain envelope keeps every byte it came with: the text is the body
    /// with `localizedMessage` inserted before the `}` that closes `error`.
    #[test]
    fn every_other_byte_is_kept() {
        let catalog = Catalog::new();
        let body = "{ \"z\" : [1, {}] , \"error\" : { \"code\" : \"NotFound\" , \"message\" : \"caf\\u00e9\" , \"n\" : 1.50e2 }\n}\n";
        let fr = catalog.negotiate("fr").locale;
        let out = catalog
            .localize_body(body, fr, &ResponseInfo::new())
            .unwrap();
        let at = body.find(" }\n}").unwrap() + 1;
        let inserted =
            r#","localizedMessage":{"locale":"fr","message":"L’élément demandé est introuvable."}"#;
        assert_eq!(
            out.text,
            format!("{}{inserted}{}", &body[..at], &body[at..])
        );
        // Without a code, no text is made: the error is the parsed body's.
        let out = catalog
            .localize_body(r#"{"error":{ }}"#, Locale::SOURCE, &ResponseInfo::new())
            .map(|out| out.text);
        assert_eq!(out, Err(EnvelopeError::CodeNotAString { found: "nothing" }));
    }

    /// An envelope whose `error` is not the last member, or which has a
    /// `localizedMessage` already, keeps its order too: the message goes
    /// where a parser would read it.
    #[test]
    fn unusual_envelopes_keep_their_order() {
        let catalog = Catalog::new();
        let de = catalog.negotiate("de").locale;
        let info = ResponseInfo::new();
        let body = r#"{"z":1,"error":{"code":"NotFound","b":2,"a":1},"m":[3]}"#;
        let out = catalog.localize_body(body, de, &info).unwrap();
        assert_eq!(
            out.text,
            r#"{"z":1,"error":{"code":"NotFound","b":2,"a":1,"localizedMessage":{"locale":"de","message":"Das angeforderte Element wurde nicht gefunden."}},"m":[3]}"#
        );
        let body = r#"{"error":{"localizedMessage": {"locale":"xx"} ,"code":"NotFound","z":0}}"#;
        let out = catalog.localize_body(body, de, &info).unwrap();
        assert_eq!(
            out.text,
            r#"{"error":{"localizedMessage": {"locale":"de","message":"Das angeforderte Element wurde nicht gefunden."} ,"code":"NotFound","z":0}}"#
        );
        // Where `error` repeats, the last is the one a parser reads, and the one localized.
        let body = r#"{"error":{"code":"BadRequest"},"error":{"code":"NotFound"}}"#;
        let out = catalog.localize_body(body, de, &info).unwrap();
        assert!(
            out.text.starts_with(
                r#"{"error":{"code":"BadRequest"},"error":{"code":"NotFound","localizedMessage""#
            ),
            "{}",
            out.text
        );
    }

    #[test]
    fn a_body_too_large_is_refused_before_it_is_read() {
        let body = " ".repeat(crate::MAX_BODY_BYTES + 1);
        assert_eq!(
            Catalog::new().localize_body(&body, Locale::SOURCE, &ResponseInfo::new()),
            Err(EnvelopeError::TooLarge {
                size: crate::MAX_BODY_BYTES + 1
            })
        );
    }
}
