//! Finding things in the catalog: a locale by its id, and every lookup's
//! fallback, "the chosen locale, else English".

use super::load::{LocaleData, Message};
use super::{Catalog, Locale};
use crate::code::ErrorCode;
use crate::pattern::resolve::Scope;
use crate::render::args::ArgSource;

impl Catalog {
    /// The `Content-Language` of text in the locale of id `locale` (as
    /// [`Rendered::locale`](crate::Rendered::locale) and
    /// [`LocalizedBody::locale`](crate::LocalizedBody::locale) give it): a
    /// BCP 47 tag. It is the locale's id, except for `zh`, which announces
    /// `zh-Hans`: the catalog's Chinese is Simplified, and `zh` alone does
    /// not say the script, so a reader of Traditional Chinese (or a cache
    /// serving one) could not tell. Nothing is negotiated: an id the catalog
    /// does not serve gives English's, the language of its fallback.
    ///
    /// ```
    /// let catalog = defender_errors::Catalog::new();
    /// assert_eq!(catalog.content_language("de"), "de");
    /// assert_eq!(catalog.content_language("zh"), "zh-Hans");
    /// assert_eq!(catalog.content_language("tlh"), "en");
    /// ```
    pub fn content_language(&self, locale: &str) -> &str {
        let locale = self.locale(locale).unwrap_or(Locale::SOURCE);
        match self.locale_id(locale) {
            "zh" => "zh-Hans",
            id => id,
        }
    }

    /// The English text of a code's message, as a compiled pattern.
    pub(crate) fn english(&self, code: ErrorCode) -> Option<&Message> {
        self.data(0)?.code(code)
    }

    /// A catalog message that is not a code (`unknown-error`, `tracking-id`) in
    /// `locale`, or English; with the locale it is in.
    pub(crate) fn extra_text(&self, locale: Locale, id: &str) -> Option<(&str, &str)> {
        let index = self.index(locale);
        let (data, text) = self.find(index, |data| data.extra(id)?.value.as_static())?;
        Some((&*data.id, text))
    }

    /// The `.generic` of the status phrase of `status` (`status-503.generic`)
    /// in `locale`, or English's; with the locale it is in.
    pub(crate) fn status_generic(&self, locale: Locale, status: u16) -> Option<(&str, &str)> {
        let index = self.index(locale);
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
    /// let de = catalog.negotiate("de").locale;
    /// assert_eq!(catalog.status_text(de, 404), Some("Nicht gefunden"));
    /// assert_eq!(catalog.status_text(de, 418), None);
    /// ```
    pub fn status_text(&self, locale: Locale, status: u16) -> Option<&str> {
        let index = self.index(locale);
        self.status_in(index, status).map(|(text, _)| text)
    }

    /// The label of the tracking id (the `target` property) in `locale`, for a
    /// portal to show next to it.
    ///
    /// ```
    /// let catalog = defender_errors::Catalog::new();
    /// assert_eq!(catalog.tracking_label(catalog.negotiate("fr").locale), "ID de suivi");
    /// ```
    pub fn tracking_label(&self, locale: Locale) -> &str {
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

    /// The message for `code` in `locale`, or English's when that locale
    /// lacks it.
    #[inline]
    pub(super) fn lookup(
        &self,
        locale: Locale,
        code: ErrorCode,
    ) -> Option<(&LocaleData, &Message)> {
        self.find_in(self.locale_data(locale), |data| data.code(code))
    }

    /// What `find` finds in locale `index`, else in English: the fallback
    /// of every lookup, with the locale it was found in.
    #[inline]
    pub(super) fn find<'s, T>(
        &'s self,
        index: usize,
        find: impl Fn(&'s LocaleData) -> Option<T>,
    ) -> Option<(&'s LocaleData, T)> {
        self.find_in(self.data(index), find)
    }

    /// [`find`](Self::find) in the `chosen` locale's data, else in English.
    #[inline]
    fn find_in<'s, T>(
        &'s self,
        chosen: Option<&'s LocaleData>,
        find: impl Fn(&'s LocaleData) -> Option<T>,
    ) -> Option<(&'s LocaleData, T)> {
        if let Some(found) = chosen.and_then(|data| Some((data, find(data)?))) {
            return Some(found);
        }
        let english = self.data(0)?;
        Some((english, find(english)?))
    }

    pub(super) fn scope<'a, A: ArgSource>(&'a self, data: &'a LocaleData, args: A) -> Scope<'a, A> {
        Scope {
            numbers: &data.numbers,
            args,
        }
    }
}
