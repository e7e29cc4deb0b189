//! The catalog's side of a [`Locale`]: finding one by its id or by
//! negotiation, its id, and its index in a catalog.

use super::load::LocaleData;
use super::{Catalog, SOURCE_LOCALE};
use crate::negotiate::{self, id_key, Locale, Negotiated};

impl Catalog {
    /// The locale whose id is exactly `id` (ignoring ASCII case), if the
    /// catalog serves it; nothing is negotiated (see
    /// [`negotiate`](Self::negotiate) for a tag such as `de-CH` or a header).
    ///
    /// ```
    /// let catalog = defender_errors::Catalog::new();
    /// assert!(catalog.locale("zh").is_some());
    /// assert_eq!(catalog.locale("DE"), catalog.locale("de"));
    /// assert_eq!(catalog.locale("de-CH"), None);
    /// ```
    pub fn locale(&self, id: &str) -> Option<Locale> {
        let key = id_key(id);
        let index = self
            .locales
            .iter()
            .position(|slot| slot.key == key && slot.id.eq_ignore_ascii_case(id))?;
        Some(self.handle(index))
    }

    /// The id of `locale` in this catalog, such as `de`: what a
    /// `Content-Language` header says. A handle of another catalog gives
    /// the id it stands for here (see [`Locale`]).
    ///
    /// ```
    /// let catalog = defender_errors::Catalog::new();
    /// let fr = catalog.negotiate("fr-CA").locale;
    /// assert_eq!(catalog.locale_id(fr), "fr");
    /// ```
    pub fn locale_id(&self, locale: Locale) -> &str {
        self.id_at(self.index(locale))
    }

    /// Chooses a locale for an `Accept-Language` header (or a single tag).
    /// See [`negotiate`](crate::negotiate) for the rules and caps.
    ///
    /// ```
    /// let catalog = defender_errors::Catalog::new();
    /// assert_eq!(catalog.negotiate("nl-BE").locale, catalog.locale("nl").unwrap());
    /// assert_eq!(catalog.negotiate("de;q=0, fr;q=0.1").locale, catalog.locale("fr").unwrap());
    /// ```
    pub fn negotiate(&self, accept_language: &str) -> Negotiated {
        let (index, matched) =
            negotiate::negotiate(&self.tags, accept_language, self.allow_traditional_chinese);
        Negotiated {
            locale: self.handle(index),
            matched,
        }
    }

    /// The handle of locale `index` (English for an index out of range).
    pub(crate) fn handle(&self, index: usize) -> Locale {
        self.locales
            .get(index)
            .map_or(Locale::SOURCE, |slot| slot.handle)
    }

    /// The index of `locale` in this catalog: its own, for a handle of this
    /// catalog (the path of every render); else the index of its id, or
    /// English's.
    #[inline]
    pub(crate) fn index(&self, locale: Locale) -> usize {
        let index = locale.index();
        if self.locales.get(index).map(|slot| slot.handle) == Some(locale) {
            index
        } else {
            self.foreign_index(locale.key())
        }
    }

    /// The compiled data of `locale`, as [`index`](Self::index) finds it:
    /// for a handle of this catalog (the path of every render), its slot
    /// checked and read at once.
    #[inline]
    pub(crate) fn locale_data(&self, locale: Locale) -> Option<&LocaleData> {
        let slot = match self.locales.get(locale.index()) {
            Some(slot) if slot.handle == locale => slot,
            _ => self.locales.get(self.foreign_index(locale.key()))?,
        };
        Some(&self.loaded(slot).0)
    }

    /// [`index`](Self::index) for a handle of another catalog.
    #[cold]
    #[inline(never)]
    fn foreign_index(&self, key: u64) -> usize {
        self.locales
            .iter()
            .position(|slot| slot.key == key)
            .unwrap_or(0)
    }

    /// The id of locale `index` (English for an index out of range).
    pub(crate) fn id_at(&self, index: usize) -> &str {
        self.locales
            .get(index)
            .map_or(SOURCE_LOCALE, |slot| &*slot.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CatalogBuilder;

    #[test]
    fn a_handle_of_another_catalog_stands_for_its_id_or_english() {
        let shipped = Catalog::new();
        let with_italian = CatalogBuilder::new()
            .locale_source("it", "NotFound = Elemento non trovato.\n")
            .build();
        let it = with_italian.locale("it").expect("it is served");
        let fr_there = with_italian.locale("fr").expect("fr is served");
        // Italian sorts after the shipped six: its index is past the shipped catalog's.
        assert_eq!(shipped.locale_id(it), "en");
        assert_eq!(shipped.locale_id(fr_there), "fr");
        let zh = shipped.locale("zh").expect("zh is served");
        assert_eq!(with_italian.locale_id(zh), "zh");
        // Another catalog's locale at an index this one serves differently.
        let only_de = CatalogBuilder::new()
            .locale_source("aa", "NotFound = x\n")
            .build();
        let aa = only_de.locale("aa").expect("aa is served");
        assert_eq!(shipped.locale_id(aa), "en");
    }

    #[test]
    fn ids_are_keyed_without_regard_to_case() {
        assert_eq!(id_key("zh-Hant"), id_key("ZH-hant"));
        assert_ne!(id_key("de"), id_key("da"));
        assert_ne!(id_key("de"), id_key("de-"));
        let catalog = Catalog::new();
        assert_eq!(catalog.handle(99), Locale::SOURCE);
        assert_eq!(catalog.locale("en"), Some(Locale::SOURCE));
    }
}
