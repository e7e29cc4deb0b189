//! An envelope localized in its own text: `localizedMessage` is written
//! into the body as the last member of `error`, and every other byte is kept
//! as it came (its spacing, its escapes, its numbers, its key order), with
//! no tree of values built and written back. What the proxy, the layer and
//! the sidecar's `/localize` send.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::{EnvelopeError, MAX_BODY_BYTES};
use crate::{Catalog, ResponseInfo};

/// An error body localized by [`Catalog::localize_body_text`]: the JSON text
/// to send, and the locale its `localizedMessage` is in (for
/// `Content-Language`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalizedBody<'c> {
    /// The body with `localizedMessage` in its `error`.
    pub text: String,
    /// The catalog locale of the message: the one asked for, or English
    /// where it has no translation.
    pub locale: &'c str,
}

impl Catalog {
    /// [`localize_body_with`](Self::localize_body_with), written as text:
    /// the same `localizedMessage`, added as the last member of `error`,
    /// with every other byte of `body` as it came. A body that is not a
    /// plain envelope (one with a `localizedMessage` already, or whose
    /// `error` is not its last member) is written from its parsed value
    /// instead, as [`localize_body_with`](Self::localize_body_with) gives
    /// it: the same JSON, written compactly.
    ///
    /// # Errors
    /// As [`localize_body`](Self::localize_body).
    ///
    /// ```
    /// use defender_errors::{Catalog, ResponseInfo};
    ///
    /// let body = r#"{"error": {"code": "InvalidHashValue", "message": "Hash value abc is invalid.", "target": "43f4cb08"}}"#;
    /// let catalog = Catalog::new();
    /// let out = catalog.localize_body_text(body, "de", &ResponseInfo::new())?;
    /// assert_eq!(out.locale, "de");
    /// assert_eq!(
    ///     out.text,
    ///     r#"{"error": {"code": "InvalidHashValue", "message": "Hash value abc is invalid.", "target": "43f4cb08","localizedMessage":{"locale":"de","message":"Der Hashwert abc ist ungültig."}}}"#
    /// );
    /// # Ok::<(), defender_errors::EnvelopeError>(())
    /// ```
    pub fn localize_body_text(
        &self,
        body: &str,
        locale: &str,
        info: &ResponseInfo,
    ) -> Result<LocalizedBody<'_>, EnvelopeError> {
        if body.len() > MAX_BODY_BYTES {
            return Err(EnvelopeError::TooLarge { size: body.len() });
        }
        let Some(read) = Read::of(body) else {
            // Anything unusual (and every error) the general way.
            let (value, used) = self.localize_value(body, locale, info)?;
            // Straight into bytes, not through `Display`'s formatter.
            let text = serde_json::to_string(&value)
                .map_err(|e| EnvelopeError::InvalidJson(Arc::new(e)))?;
            return Ok(LocalizedBody { text, locale: used });
        };
        let (used, message) =
            self.localized_message(&read.code, read.message.as_deref(), locale, info);
        let mut text = Vec::with_capacity(body.len() + message.len() + 48);
        text.extend_from_slice(read.before.as_bytes());
        text.extend_from_slice(br#","localizedMessage":{"locale":"#);
        // serde_json's escaping of a string; writing into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut text, used);
        text.extend_from_slice(br#","message":"#);
        let _ = serde_json::to_writer(&mut text, &message);
        text.push(b'}');
        text.extend_from_slice(read.after.as_bytes());
        // UTF-8 throughout: the body's own (cut before a `}`) and
        // serde_json's; the lossy path is never taken.
        let text = String::from_utf8(text)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        Ok(LocalizedBody { text, locale: used })
    }
}

/// What the catalog reads of a plain envelope, and where `localizedMessage`
/// goes.
struct Read<'a> {
    code: Cow<'a, str>,
    message: Option<Cow<'a, str>>,
    /// The body before the `}` that closes `error` (its last, where keys
    /// repeat, as a JSON parser takes the last), which has members: a
    /// `code` at least; and from that `}` on.
    before: &'a str,
    after: &'a str,
}

impl<'a> Read<'a> {
    /// `None` unless `body` is JSON, an object whose last member is `error`,
    /// an object with a string `code` and no `localizedMessage`: the general
    /// path then says what is wrong, or writes the odd body anew. One pass
    /// over the body: `error` being the last member, its `}` is the last one
    /// before the body's own.
    fn of(body: &'a str) -> Option<Self> {
        let Outer { error, last } = serde_json::from_str(body).ok()?;
        let inner = error?;
        if !last || inner.localized {
            return None;
        }
        let code = inner.code?.0;
        let message = inner
            .message
            .and_then(|raw| serde_json::from_str::<Text<'a>>(raw.get()).ok())
            .map(|text| text.0);
        let within = body.trim_end().strip_suffix('}')?.trim_end();
        let (before, _) = within.split_at_checked(within.len().checked_sub(1)?)?;
        let after = body.get(before.len()..)?;
        if !after.starts_with('}') {
            return None;
        }
        Some(Self {
            code,
            message,
            before,
            after,
        })
    }
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

/// The body's top level: its `error` (the last, where the key repeats), and
/// whether that was the last member.
struct Outer<'a> {
    error: Option<Inner<'a>>,
    last: bool,
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
                let mut outer = Outer {
                    error: None,
                    last: false,
                };
                while let Some(Text(key)) = map.next_key()? {
                    outer.last = key == "error";
                    if outer.last {
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
/// repeat: a `code` that is not a string fails the read), and whether one
/// is `localizedMessage`.
struct Inner<'a> {
    code: Option<Text<'a>>,
    message: Option<&'a RawValue>,
    localized: bool,
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
                    localized: false,
                };
                while let Some(Text(key)) = map.next_key()? {
                    match &*key {
                        "code" => inner.code = Some(map.next_value()?),
                        "message" => inner.message = Some(map.next_value()?),
                        other => {
                            inner.localized |= other == "localizedMessage";
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

    use crate::{Catalog, EnvelopeError, ResponseInfo};

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
                    let parsed = catalog.localize_body_with(body, locale, info);
                    let text = catalog.localize_body_text(body, locale, info);
                    match (parsed, text) {
                        (Ok(parsed), Ok(text)) => {
                            let reparsed: Json = serde_json::from_str(&text.text).unwrap();
                            assert_eq!(reparsed, parsed, "{body} in {locale}");
                            assert_eq!(
                                Some(text.locale),
                                parsed["error"]["localizedMessage"]["locale"].as_str(),
                                "{body} in {locale}"
                            );
                        }
                        (Err(a), Err(b)) => assert_eq!(a, b, "{body}"),
                        (a, b) => panic!("{body} in {locale}: {a:?} against {b:?}"),
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
        let out = catalog
            .localize_body_text(body, "fr", &ResponseInfo::new())
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
            .localize_body_text(r#"{"error":{ }}"#, "de", &ResponseInfo::new())
            .map(|out| out.text);
        assert_eq!(out, Err(EnvelopeError::CodeNotAString { found: "nothing" }));
    }

    #[test]
    fn a_body_too_large_is_refused_before_it_is_read() {
        let body = " ".repeat(crate::MAX_BODY_BYTES + 1);
        assert_eq!(
            Catalog::new().localize_body_text(&body, "de", &ResponseInfo::new()),
            Err(EnvelopeError::TooLarge {
                size: crate::MAX_BODY_BYTES + 1
            })
        );
    }
}
