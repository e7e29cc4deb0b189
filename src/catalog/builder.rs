//! [`CatalogBuilder`]: the catalog's options and its locale files.

use std::borrow::Cow;
use std::sync::OnceLock;

use super::{embedded, overlay, Catalog, LoadProblem, OverlayError, Slot, SOURCE_LOCALE};
use crate::code::ErrorCode;
use crate::negotiate::{LocaleTag, MAX_LOCALES};

/// The order of the shipped locales: English first (the default), then the
/// translations in the order of the source article's pages.
const SHIPPED_ORDER: [&str; 6] = ["en", "nl", "da", "de", "zh", "fr"];

/// Options for building a [`Catalog`].
///
/// ```
/// use defender_errors::{CatalogBuilder, DefenderError};
///
/// let catalog = CatalogBuilder::new().use_isolating(true).build();
/// let out = catalog.render(catalog.negotiate("en").locale, &DefenderError::InvalidUrl { url: "x".into() });
/// assert_eq!(out.message, "URL \u{2068}x\u{2069} is invalid.");
/// ```
#[derive(Debug, Clone, Default)]
pub struct CatalogBuilder {
    use_isolating: bool,
    allow_traditional_chinese: bool,
    sources: Vec<(String, String)>,
    problems: Vec<LoadProblem>,
}

impl CatalogBuilder {
    /// A builder with the defaults: the embedded locales, isolation off,
    /// Traditional Chinese not served Simplified.
    ///
    /// ```
    /// let catalog = defender_errors::CatalogBuilder::new().build();
    /// assert_eq!(catalog.locales().count(), 6);
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether values are wrapped in Unicode isolation marks (U+2068, U+2069),
    /// as Fluent does by default. By default this is false: the texts go into
    /// JSON and plain-text interfaces, where the marks show up as stray
    /// characters, and values are already escaped of bidi controls.
    ///
    /// ```
    /// let catalog = defender_errors::CatalogBuilder::new().use_isolating(false).build();
    /// # let _ = catalog;
    /// ```
    pub fn use_isolating(&mut self, on: bool) -> &mut Self {
        self.use_isolating = on;
        self
    }

    /// Whether a request for Traditional Chinese (`zh-TW`, `zh-HK`, `zh-MO`,
    /// `zh-Hant`) may be served the Simplified `zh` catalog. By default this is
    /// false, and such a request gets English unless it also accepts Simplified.
    ///
    /// ```
    /// use defender_errors::{CatalogBuilder, Locale};
    ///
    /// assert_eq!(CatalogBuilder::new().build().negotiate("zh-TW").locale, Locale::SOURCE);
    /// let lenient = CatalogBuilder::new().allow_traditional_chinese(true).build();
    /// assert_eq!(lenient.locale_id(lenient.negotiate("zh-TW").locale), "zh");
    /// ```
    pub fn allow_traditional_chinese(&mut self, on: bool) -> &mut Self {
        self.allow_traditional_chinese = on;
        self
    }

    /// Uses `source` as the `errors.ftl` of locale `id`, instead of the embedded
    /// one; an id the catalog does not ship adds a locale. Problems in the
    /// source are reported by [`Catalog::problems`], and the messages they
    /// break fall back to English.
    ///
    /// ```
    /// use defender_errors::{CatalogBuilder, DefenderError};
    ///
    /// let catalog = CatalogBuilder::new()
    ///     .locale_source("it", "NotFound = L'elemento richiesto non è stato trovato.")
    ///     .build();
    /// let it = catalog.negotiate("it-IT").locale;
    /// assert_eq!(catalog.locale_id(it), "it");
    /// let out = catalog.render(it, &DefenderError::NotFound);
    /// assert_eq!(out.message, "L'elemento richiesto non è stato trovato.");
    /// ```
    pub fn locale_source(&mut self, id: impl Into<String>, source: impl Into<String>) -> &mut Self {
        let id = id.into();
        self.sources.retain(|(existing, _)| *existing != id);
        self.sources.push((id, source.into()));
        self
    }

    /// Uses the locale files of `dir`, laid out like `locales/`
    /// (`<dir>/<locale>/errors.ftl`), instead of the embedded ones of the same
    /// locale; a new locale directory adds a locale. A file that cannot be used
    /// (over [`MAX_LOCALE_FILE_BYTES`](crate::MAX_LOCALE_FILE_BYTES), not UTF-8, a link out of `dir`) is
    /// reported by [`Catalog::problems`] and the embedded file is kept.
    ///
    /// # Errors
    /// [`OverlayError`] when `dir` cannot be read, or is not laid out like
    /// `locales/` (one language's folder, a folder with no locale file).
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use defender_errors::{CatalogBuilder, DefenderError};
    ///
    /// let dir = std::env::temp_dir().join(format!("overlay-doc-{}", std::process::id()));
    /// std::fs::create_dir_all(dir.join("it"))?;
    /// std::fs::write(dir.join("it/errors.ftl"), "NotFound = Elemento non trovato.")?;
    /// let catalog = CatalogBuilder::new().overlay_dir(&dir)?.build();
    /// assert_eq!(catalog.render(catalog.negotiate("it").locale, &DefenderError::NotFound).message, "Elemento non trovato.");
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn overlay_dir(
        &mut self,
        dir: impl AsRef<std::path::Path>,
    ) -> Result<&mut Self, OverlayError> {
        let overlay = overlay::read(dir.as_ref())?;
        for (id, source) in overlay.sources {
            self.locale_source(id, source);
        }
        self.problems.extend(overlay.problems);
        Ok(self)
    }

    /// Builds the catalog. This never fails: what cannot be loaded is reported
    /// by [`Catalog::problems`] and falls back to English.
    ///
    /// ```
    /// let catalog = defender_errors::CatalogBuilder::new().build();
    /// assert!(catalog.problems().is_empty());
    /// ```
    pub fn build(&self) -> Catalog {
        let mut sources: Vec<(&str, Cow<'static, str>)> = embedded::sources()
            .filter(|(id, _)| !self.sources.iter().any(|(own, _)| own == id))
            .map(|(id, source)| (id, Cow::Borrowed(source)))
            .collect();
        sources.extend(
            self.sources
                .iter()
                .map(|(id, s)| (id.as_str(), Cow::Owned(s.clone()))),
        );
        sources.sort_by(|a, b| locale_order(a.0, b.0));
        if sources.first().map(|(id, _)| *id) != Some(SOURCE_LOCALE) {
            sources.insert(0, (SOURCE_LOCALE, Cow::Borrowed("")));
        }

        let english_shipped = !self.sources.iter().any(|(id, _)| id == SOURCE_LOCALE);
        let mut problems = self.problems.clone();
        let mut locales = Vec::new();
        let mut tags = Vec::new();
        for (id, source) in sources {
            let Some(tag) = LocaleTag::parse(id) else {
                problems.push(LoadProblem::file(
                    id,
                    "not a locale id such as 'de' or 'pt-BR'; the directory is ignored",
                ));
                continue;
            };
            if locales.len() == MAX_LOCALES {
                problems.push(LoadProblem::file(
                    id,
                    format!("a catalog serves at most {MAX_LOCALES} locales; this one is ignored"),
                ));
                continue;
            }
            // The build compiled the shipped files without isolation marks,
            // and each translation against the shipped English.
            let precompiled = match source {
                Cow::Borrowed(_) if !self.use_isolating && english_shipped => {
                    embedded::precompiled(id)
                }
                _ => None,
            };
            // Below MAX_LOCALES (64), checked above.
            let index = u8::try_from(locales.len()).unwrap_or(u8::MAX);
            locales.push(Slot::new(
                index,
                id,
                source,
                self.use_isolating,
                precompiled,
            ));
            tags.push(tag);
        }
        Catalog {
            locales: locales.into_boxed_slice(),
            tags: tags.into_boxed_slice(),
            allow_traditional_chinese: self.allow_traditional_chinese,
            build_problems: problems,
            problems: OnceLock::new(),
            readings: ErrorCode::ALL.iter().map(|_| OnceLock::new()).collect(),
        }
    }
}

/// The order of locales everywhere: English, the shipped translations, then
/// other locales by id.
pub(crate) fn locale_order(a: &str, b: &str) -> std::cmp::Ordering {
    let rank = |id: &str| {
        SHIPPED_ORDER
            .iter()
            .position(|s| *s == id)
            .unwrap_or(usize::MAX)
    };
    rank(a).cmp(&rank(b)).then(a.cmp(b))
}
