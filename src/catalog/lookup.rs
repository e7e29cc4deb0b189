//! Finding things in the catalog: a locale by its id, and every lookup's
//! fallback, "the chosen locale, else English".

use super::load::{LocaleData, Message};
use super::{Catalog, SOURCE_LOCALE};
use crate::code::ErrorCode;
use crate::negotiate;
use crate::pattern::resolve::Scope;
use crate::render::args::ArgSource;

/// A locale id of 1 to 7 bytes as one integer: its length, then its bytes.
/// Two ids have the same key exactly when they are the same.
#[inline]
pub(super) fn short_key(id: &str) -> Option<u64> {
    (1..=7).contains(&id.len()).then(|| {
        id.bytes()
            .fold(id.len() as u64, |key, b| key << 8 | u64::from(b))
    })
}

impl Catalog {
    /// The `Content-Language` of text in `locale`: a BCP 47 tag. It is the
    /// locale's id, except for `zh`, which announces `zh-Hans`: the catalog's
    /// Chinese is Simplified, and `zh` alone does not say the script, so a
    /// reader of Traditional Chinese (or a cache serving one) could not tell.
    /// A locale the catalog does not have is negotiated first.
    ///
    /// ```
    /// let catalog = defender_errors::Catalog::new();
    /// assert_eq!(catalog.content_language("de"), "de");
    /// assert_eq!(catalog.content_language("zh"), "zh-Hans");
    /// assert_eq!(catalog.content_language("zh-CN"), "zh-Hans");
    /// assert_eq!(catalog.content_language("tlh"), "en");
    /// ```
    pub fn content_language(&self, locale: &str) -> &str {
        match self.locale_id(self.locale_index(locale)) {
            "zh" => "zh-Hans",
            id => id,
        }
    }

    /// The index of the locale to render `locale` in: its exact id, or what
    /// negotiation makes of it (so `de-CH` gives `de`).
    #[inline]
    pub(crate) fn locale_index(&self, locale: &str) -> usize {
        // This runs on every render: a short id is found by integer
        // comparisons, not a string comparison per locale.
        let found = short_key(locale).and_then(|key| self.keys.iter().position(|&k| k == key));
        match found {
            Some(index) => index,
            None => self.locale_index_slow(locale),
        }
    }

    /// [`locale_index`](Self::locale_index) for an id over 7 bytes, a tag to
    /// negotiate or a header: out of line, so that the common case stays small.
    #[inline(never)]
    fn locale_index_slow(&self, locale: &str) -> usize {
        let found = (locale.len() > 7)
            .then(|| self.locales.iter().position(|l| *l.id == *locale))
            .flatten();
        found.unwrap_or_else(|| {
            negotiate::negotiate(&self.tags, locale, self.allow_traditional_chinese).0
        })
    }

    /// The id of locale `index` (English for an index out of range).
    pub(crate) fn locale_id(&self, index: usize) -> &str {
        self.locales
            .get(index)
            .map_or(SOURCE_LOCALE, |slot| &*slot.id)
    }

    /// The English text of a code's message, as a compiled pattern.
    pub(crate) fn english(&self, code: ErrorCode) -> Option<&Message> {
        self.data(0)?.code(code)
    }

    /// A catalog message that is not a code (`unknown-error`, `tracking-id`) in
    /// `locale`, or English; with the locale it is in.
    pub(crate) fn extra_text(&self, locale: &str, id: &str) -> Option<(&str, &str)> {
        let index = self.locale_index(locale);
        let (data, text) = self.find(index, |data| data.extra(id)?.value.as_static())?;
        Some((&*data.id, text))
    }

    /// The `.generic` of the status phrase of `status` (`status-503.generic`)
    /// in `locale`, or English's; with the locale it is in.
    pub(crate) fn status_generic(&self, locale: &str, status: u16) -> Option<(&str, &str)> {
        let index = self.locale_index(locale);
        let (data, text) = self.find(index, |data| {
            data.status(status)?.attribute("generic")?.as_static()
        })?;
        Some((&*data.id, text))
    }

    /// The status phrase for `status` in `locale` ("Nicht gefunden" for 404 in
    /// German), falling back to English; `None` for a status the catalog lacks.
    ///
    /// ```
    /// let catalog = defender_errors::Catalog::new();
    /// assert_eq!(catalog.status_text("de", 404), Some("Nicht gefunden"));
    /// assert_eq!(catalog.status_text("de", 418), None);
    /// ```
    pub fn status_text(&self, locale: &str, status: u16) -> Option<&str> {
        let index = self.locale_index(locale);
        self.status_in(index, status).map(|(text, _)| text)
    }

    /// The label of the tracking id (the `target` property) in `locale`, for a
    /// portal to show next to it.
    ///
    /// ```
    /// let catalog = defender_errors::Catalog::new();
    /// assert_eq!(catalog.tracking_label("fr"), "ID de suivi");
    /// ```
    pub fn tracking_label(&self, locale: &str) -> &str {
        self.extra_text(locale, "tracking-id")
            .map_or("Tracking ID", |(_, text)| text)
    }

    /// Whether message `id` of `locale` (exactly that locale) shows any English:
    /// the message, or one of the attributes English has, is missing or could
    /// not be used. For the translators' coverage.
    #[cfg(feature = "translators")]
    pub(crate) fn falls_back(&self, locale: &str, id: &str) -> bool {
        fn find<'d>(data: &'d LocaleData, id: &str) -> Option<&'d Message> {
            match ErrorCode::lookup(id) {
                Some(code) => data.code(code),
                None => data.extra(id),
            }
        }
        let Some(message) = self
            .locales
            .iter()
            .position(|d| &*d.id == locale)
            .and_then(|index| find(self.data(index)?, id))
        else {
            return true;
        };
        let english = self.data(0).and_then(|en| find(en, id));
        english.is_some_and(|en| {
            en.attributes
                .iter()
                .any(|(name, _)| message.attribute(name).is_none())
        })
    }

    /// The status phrase in locale `index` or English, and whether it is English's.
    pub(super) fn status_in(&self, index: usize, status: u16) -> Option<(&str, bool)> {
        let (data, text) = self.find(index, |data| data.status(status)?.value.as_static())?;
        let chosen = self.data(index);
        Some((text, !chosen.is_some_and(|c| std::ptr::eq(c, data))))
    }

    /// The message for `code` in locale `index`, or English's when that locale
    /// lacks it.
    #[inline]
    pub(super) fn lookup(&self, index: usize, code: ErrorCode) -> Option<(&LocaleData, &Message)> {
        self.find(index, |data| data.code(code))
    }

    /// What `find` finds in locale `index`, else in English: the fallback
    /// of every lookup, with the locale it was found in.
    #[inline]
    pub(super) fn find<'s, T>(
        &'s self,
        index: usize,
        find: impl Fn(&'s LocaleData) -> Option<T>,
    ) -> Option<(&'s LocaleData, T)> {
        let chosen = self.data(index);
        if let Some(found) = chosen.and_then(|data| Some((data, find(data)?))) {
            return Some(found);
        }
        let english = self.data(0)?;
        Some((english, find(english)?))
    }

    pub(super) fn scope<'a, A: ArgSource + ?Sized>(
        &'a self,
        data: &'a LocaleData,
        args: &'a A,
    ) -> Scope<'a, A> {
        Scope {
            numbers: &data.numbers,
            args,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::short_key;

    #[test]
    fn short_keys_are_equal_only_for_equal_ids() {
        let ids = [
            "", "d", "de", "da", "ed", "de\0", "\u{1}de", "zh-Hant", "zh-Hans", "de-CH-1",
        ];
        for a in ids {
            for b in ids {
                let (ka, kb) = (short_key(a), short_key(b));
                if a.is_empty() || b.is_empty() {
                    assert!(ka.is_none() || kb.is_none());
                    continue;
                }
                assert_eq!(ka == kb, a == b, "{a:?} and {b:?}");
            }
        }
        assert_eq!(
            short_key("zh-Hant-TW"),
            None,
            "longer ids are compared as strings"
        );
    }
}
