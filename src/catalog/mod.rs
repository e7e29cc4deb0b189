//! The catalog: every locale's messages, compiled once, shared by all threads.
//!
//! A message that a locale lacks, or has broken, falls back to English for
//! that message only; an attribute (`.note`, `.hint`, `.generic`) falls back
//! on its own. Nothing here takes a lock or touches global state: the locale is
//! an argument of every call.
//!
//! - `builder`: [`CatalogBuilder`], the options and the locale files;
//! - `lookup`: a locale by its id, and the "this locale, else English" fallback;
//! - `render`: the rendering entry points ([`Catalog::render`] and its twins);
//! - `load`: one locale's file parsed and compiled, and its [`LoadProblem`]s;
//! - `precompiled`: the shipped locales compiled at build time, read back
//!   (`source_hash` tells a fresh one from a stale one).

mod builder;
pub(crate) mod embedded;
pub(crate) mod load;
mod locale;
mod lookup;
pub(crate) mod overlay;
mod precompiled;
mod render;
#[cfg(test)]
mod source_hash;

#[cfg(feature = "translators")]
pub(crate) use builder::locale_order;
pub use builder::CatalogBuilder;
pub use embedded::FILE_NAME as LOCALE_FILE_NAME;
pub use load::LoadProblem;
pub use overlay::{
    files as locale_files, FileError as LocaleFileError, OverlayError, OverlayFile as LocaleFile,
    MAX_LOCALE_FILE_BYTES,
};
pub use render::Renderable;

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::code::ErrorCode;
use crate::negotiate::{id_key, Locale, LocaleTag};
use crate::pattern::ways::{readings, Readings};
use load::LocaleData;

pub use crate::negotiate::SOURCE_LOCALE;

/// The catalog of localized Defender error messages.
///
/// Build it once and share it (`&Catalog` or `Arc<Catalog>`): it is `Send + Sync`
/// and rendering takes no lock.
///
/// ```
/// use defender_errors::{Catalog, DefenderError};
///
/// let catalog = Catalog::new();
/// let locale = catalog.negotiate("da-DK,da;q=0.9,en;q=0.5").locale;
/// let error = DefenderError::ResourceNotFound { resource: "Machine 42".into() };
/// assert_eq!(catalog.render(locale, &error).message, "Ressourcen Machine 42 blev ikke fundet.");
/// ```
#[derive(Debug)]
pub struct Catalog {
    locales: Box<[Slot]>,
    tags: Box<[LocaleTag]>,
    allow_traditional_chinese: bool,
    /// What the builder found: files it could not read, ids that are not locales.
    build_problems: Vec<LoadProblem>,
    /// Those, and every locale's load problems; made by the first `problems()`.
    problems: OnceLock<Vec<LoadProblem>>,
    /// Each code's phrasings as the envelope reads values back with them,
    /// made the first time a message of the code is read.
    readings: Box<[OnceLock<Readings>]>,
}

/// One locale: its id and its file, loaded the first time the locale is
/// used (read back from its precompiled form for a shipped file, else parsed
/// and compiled), so that building a catalog costs next to nothing and a
/// portal pays only for the locales its users ask for.
#[derive(Debug)]
struct Slot {
    id: Box<str>,
    /// The handle of this slot's locale: a handle given to a render is
    /// checked against its slot in one comparison.
    handle: Locale,
    /// Its id's key (also in `handle`), on its own for the searches by id.
    key: u64,
    source: Cow<'static, str>,
    /// Whether placeables get isolation marks (the catalog's option).
    isolate: bool,
    /// The locale compiled ahead of time, for an embedded file with the
    /// options it was compiled with (see `precompiled`).
    precompiled: Option<&'static [u8]>,
    loaded: OnceLock<(LocaleData, Vec<LoadProblem>)>,
}

impl Slot {
    /// The slot of locale `id`, the catalog's locale number `index`.
    pub(super) fn new(
        index: u8,
        id: &str,
        source: Cow<'static, str>,
        isolate: bool,
        precompiled: Option<&'static [u8]>,
    ) -> Self {
        Self {
            id: id.into(),
            handle: Locale::new(index, id_key(id)),
            key: id_key(id),
            source,
            isolate,
            precompiled,
            loaded: OnceLock::new(),
        }
    }

    /// The compiled locale and what could not be loaded, compiled once;
    /// threads that ask meanwhile wait for that one compilation. `english`
    /// is the source locale, `None` for the source itself.
    fn loaded(&self, english: Option<&LocaleData>) -> &(LocaleData, Vec<LoadProblem>) {
        self.loaded.get_or_init(|| {
            // A shipped file is read back as the build compiled it (and
            // had no problems); anything else is compiled here. Built
            // without blobs, the reading is left out of the code too.
            let blob = self
                .precompiled
                .filter(|_| !cfg!(defender_errors_no_precompiled));
            if let Some(data) = blob.and_then(|b| precompiled::decode(&self.id, b)) {
                return (data, Vec::new());
            }
            let mut problems = Vec::new();
            let data =
                LocaleData::load(&self.id, &self.source, self.isolate, english, &mut problems);
            (data, problems)
        })
    }
}

impl Default for Catalog {
    fn default() -> Self {
        Self::new()
    }
}

impl Catalog {
    /// The catalog of the embedded locales, with the default options.
    ///
    /// ```
    /// let catalog = defender_errors::Catalog::new();
    /// assert_eq!(catalog.locales().collect::<Vec<_>>(), ["en", "nl", "da", "de", "zh", "fr"]);
    /// ```
    pub fn new() -> Self {
        CatalogBuilder::new().build()
    }

    /// A builder, to set options or replace locale files.
    ///
    /// ```
    /// let catalog = defender_errors::Catalog::builder().use_isolating(true).build();
    /// # let _ = catalog;
    /// ```
    pub fn builder() -> CatalogBuilder {
        CatalogBuilder::new()
    }

    /// The ids of the locales this catalog serves, English first.
    ///
    /// ```
    /// assert!(defender_errors::Catalog::new().locales().any(|l| l == "zh"));
    /// ```
    pub fn locales(&self) -> impl Iterator<Item = &str> {
        self.locales.iter().map(|l| &*l.id)
    }

    /// What could not be loaded: first what the builder found, then each
    /// locale's problems in file order. Empty for the shipped files.
    ///
    /// Locales are loaded on first use; this loads every one of them, so a
    /// portal that calls it at start-up (to log what it says) pays nothing
    /// for loading on its first requests.
    ///
    /// ```
    /// assert!(defender_errors::Catalog::new().problems().is_empty());
    /// ```
    pub fn problems(&self) -> &[LoadProblem] {
        self.problems.get_or_init(|| {
            let mut all = self.build_problems.clone();
            for slot in &self.locales {
                all.extend_from_slice(&self.loaded(slot).1);
            }
            all
        })
    }

    /// The phrasings `code`'s values are read back with, from the English
    /// message of this catalog and the code table: made once.
    pub(crate) fn readings(&self, code: ErrorCode) -> Option<&Readings> {
        let cell = self.readings.get(code.index())?;
        Some(cell.get_or_init(|| readings(code, self.english(code).map(|m| m.value()))))
    }

    /// The same locale files and options with isolation marks around each
    /// value, for the preview to find where the values sit.
    #[cfg(feature = "translators")]
    pub(crate) fn isolating_twin(&self) -> Catalog {
        let mut builder = CatalogBuilder::new();
        builder
            .use_isolating(true)
            .allow_traditional_chinese(self.allow_traditional_chinese);
        for slot in self.locales.iter() {
            builder.locale_source(&*slot.id, slot.source.as_ref());
        }
        builder.build()
    }

    /// `slot` compiled, after English (which a translation is loaded against).
    #[inline]
    fn loaded<'s>(&'s self, slot: &'s Slot) -> &'s (LocaleData, Vec<LoadProblem>) {
        // Compiled already: the path of every request after the first.
        match slot.loaded.get() {
            Some(loaded) => loaded,
            None => self.compile(slot),
        }
    }

    /// The first use of `slot`: compiles English if need be, then the slot.
    #[cold]
    #[inline(never)]
    fn compile<'s>(&'s self, slot: &'s Slot) -> &'s (LocaleData, Vec<LoadProblem>) {
        let english = match self.locales.first() {
            Some(first) if !std::ptr::eq(first, slot) => Some(&first.loaded(None).0),
            _ => None,
        };
        slot.loaded(english)
    }

    /// Locale `index`, compiled.
    #[inline]
    pub(crate) fn data(&self, index: usize) -> Option<&LocaleData> {
        Some(&self.loaded(self.locales.get(index)?).0)
    }
}
