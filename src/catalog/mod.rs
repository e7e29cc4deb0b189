//! The catalog: every locale's messages, compiled once, shared by all threads.
//!
//! A message that a locale lacks, or has broken, falls back to English for
//! that message only; an attribute (`.note`, `.hint`, `.generic`) falls back
//! on its own. Nothing here takes a lock or touches global state: the locale is
//! an argument of every call.

pub(crate) mod embedded;
pub(crate) mod load;
pub(crate) mod overlay;

pub use load::LoadProblem;
pub use overlay::{OverlayError, MAX_LOCALE_FILE_BYTES};

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use crate::code::ErrorCode;
use crate::negotiate::{self, LocaleTag, Negotiated, MAX_LOCALES};
use crate::pattern::resolve::Scope;
use crate::pattern::Pattern;
use crate::render::args::{ArgSource, Args, NoArgs};
use crate::render::{check_args, Problem, RenderError, Rendered, Typed};
use crate::DefenderError;
use load::{status_id, LocaleData, Message};

/// The source locale, and the fallback of every other.
pub const SOURCE_LOCALE: &str = "en";

/// The order of the shipped locales: English first (the default), then the
/// translations in the order of the source article's pages.
const SHIPPED_ORDER: [&str; 6] = ["en", "nl", "da", "de", "zh", "fr"];

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
}

/// One locale: its id and its file, parsed and compiled the first time the
/// locale is used, so that building a catalog costs next to nothing and a
/// portal pays only for the locales its users ask for.
#[derive(Debug)]
struct Slot {
    id: Box<str>,
    /// `id` packed by [`short_key`], to find a locale by its id in a few
    /// integer comparisons.
    key: Option<u64>,
    source: Cow<'static, str>,
    /// Whether placeables get isolation marks (the catalog's option).
    isolate: bool,
    loaded: OnceLock<(LocaleData, Vec<LoadProblem>)>,
}

impl Slot {
    fn new(id: &str, source: Cow<'static, str>, isolate: bool) -> Self {
        Self {
            id: id.into(),
            key: short_key(id),
            source,
            isolate,
            loaded: OnceLock::new(),
        }
    }

    /// The compiled locale and what could not be loaded, compiled once;
    /// threads that ask meanwhile wait for that one compilation.
    fn loaded(&self) -> &(LocaleData, Vec<LoadProblem>) {
        self.loaded.get_or_init(|| {
            let mut problems = Vec::new();
            let data = LocaleData::load(&self.id, &self.source, self.isolate, &mut problems);
            (data, problems)
        })
    }

    fn data(&self) -> &LocaleData {
        &self.loaded().0
    }
}

/// A locale id of 1 to 7 bytes as one integer: its length, then its bytes.
/// Two ids have the same key exactly when they are the same.
fn short_key(id: &str) -> Option<u64> {
    (1..=7).contains(&id.len()).then(|| {
        id.bytes()
            .fold(id.len() as u64, |key, b| key << 8 | u64::from(b))
    })
}

/// Options for building a [`Catalog`].
///
/// ```
/// use defender_errors::{CatalogBuilder, DefenderError};
///
/// let catalog = CatalogBuilder::new().use_isolating(true).build();
/// let out = catalog.render("en", &DefenderError::InvalidUrl { url: "x".into() });
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
    /// use defender_errors::CatalogBuilder;
    ///
    /// assert_eq!(CatalogBuilder::new().build().negotiate("zh-TW").locale, "en");
    /// let lenient = CatalogBuilder::new().allow_traditional_chinese(true).build();
    /// assert_eq!(lenient.negotiate("zh-TW").locale, "zh");
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
    /// assert_eq!(catalog.negotiate("it-IT").locale, "it");
    /// let out = catalog.render("it", &DefenderError::NotFound);
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
    /// (over [`MAX_LOCALE_FILE_BYTES`], not UTF-8, a link out of `dir`) is
    /// reported by [`Catalog::problems`] and the embedded file is kept.
    ///
    /// # Errors
    /// [`OverlayError`] when `dir` itself cannot be read.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use defender_errors::{CatalogBuilder, DefenderError};
    ///
    /// let dir = std::env::temp_dir().join(format!("overlay-doc-{}", std::process::id()));
    /// std::fs::create_dir_all(dir.join("it"))?;
    /// std::fs::write(dir.join("it/errors.ftl"), "NotFound = Elemento non trovato.")?;
    /// let catalog = CatalogBuilder::new().overlay_dir(&dir)?.build();
    /// assert_eq!(catalog.render("it", &DefenderError::NotFound).message, "Elemento non trovato.");
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

        let mut problems = self.problems.clone();
        let mut locales = Vec::new();
        let mut tags = Vec::new();
        for (id, source) in sources {
            let Some(tag) = LocaleTag::parse(id) else {
                problems.push(LoadProblem::new(
                    id,
                    None,
                    None,
                    "not a locale id such as 'de' or 'pt-BR'; the directory is ignored",
                ));
                continue;
            };
            if locales.len() == MAX_LOCALES {
                problems.push(LoadProblem::new(
                    id,
                    None,
                    None,
                    format!("a catalog serves at most {MAX_LOCALES} locales; this one is ignored"),
                ));
                continue;
            }
            locales.push(Slot::new(id, source, self.use_isolating));
            tags.push(tag);
        }
        Catalog {
            locales: locales.into_boxed_slice(),
            tags: tags.into_boxed_slice(),
            allow_traditional_chinese: self.allow_traditional_chinese,
            build_problems: problems,
            problems: OnceLock::new(),
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
    /// Locales are compiled on first use; this compiles every one of them,
    /// so a portal that calls it at start-up (to log what it says) pays no
    /// compilation on its first requests.
    ///
    /// ```
    /// assert!(defender_errors::Catalog::new().problems().is_empty());
    /// ```
    pub fn problems(&self) -> &[LoadProblem] {
        self.problems.get_or_init(|| {
            let mut all = self.build_problems.clone();
            for slot in &self.locales {
                all.extend_from_slice(&slot.loaded().1);
            }
            all
        })
    }

    /// Chooses a locale for an `Accept-Language` header (or a single tag).
    /// See [`negotiate`](crate::negotiate) for the rules and caps.
    ///
    /// ```
    /// let catalog = defender_errors::Catalog::new();
    /// assert_eq!(catalog.negotiate("nl-BE").locale, "nl");
    /// assert_eq!(catalog.negotiate("de;q=0, fr;q=0.1").locale, "fr");
    /// ```
    pub fn negotiate(&self, accept_language: &str) -> Negotiated<'_> {
        let (index, matched) =
            negotiate::negotiate(&self.tags, accept_language, self.allow_traditional_chinese);
        Negotiated {
            locale: self.locales.get(index).map_or(SOURCE_LOCALE, |l| &*l.id),
            matched,
        }
    }

    /// The index of the locale to render `locale` in: its exact id, or what
    /// negotiation makes of it (so `de-CH` gives `de`).
    fn locale_index(&self, locale: &str) -> usize {
        // This runs on every render: a short id is found by integer
        // comparisons, not a string comparison per locale.
        let found = match short_key(locale) {
            Some(key) => self.locales.iter().position(|l| l.key == Some(key)),
            None => self.locales.iter().position(|l| *l.id == *locale),
        };
        found.unwrap_or_else(|| {
            negotiate::negotiate(&self.tags, locale, self.allow_traditional_chinese).0
        })
    }

    /// Renders a typed error in `locale` (a catalog id such as `de`, or any
    /// tag or `Accept-Language` value, which is negotiated).
    ///
    /// ```
    /// use defender_errors::{Catalog, DefenderError};
    ///
    /// let error = DefenderError::MaximumBatchSizeExceeded { batch_size_received: 12000, batch_size_allowed: 10000 };
    /// let catalog = Catalog::new();
    /// let out = catalog.render("fr", &error);
    /// assert_eq!(out.message, "La taille de lot maximale est dépassée. Reçu\u{a0}: 12\u{202f}000, autorisé\u{a0}: 10\u{202f}000.");
    /// ```
    pub fn render(&self, locale: &str, error: &DefenderError<'_>) -> Rendered<'_> {
        self.render_code(
            self.locale_index(locale),
            error.code(),
            error,
            Vec::new(),
            false,
        )
    }

    /// Renders `code` with values that arrive at run time (the dynamic path).
    /// Missing, unknown and malformed values are reported in
    /// [`Rendered::problems`]; a missing one makes the message render without
    /// values.
    ///
    /// ```
    /// use defender_errors::{Args, Catalog, ErrorCode};
    ///
    /// let args = Args::new().with("resource", "Machine 42");
    /// let catalog = Catalog::new();
    /// let out = catalog.render_args("zh", ErrorCode::ResourceNotFound, &args);
    /// assert_eq!(out.message, "找不到资源 Machine 42。");
    /// ```
    pub fn render_args(&self, locale: &str, code: ErrorCode, args: &Args<'_>) -> Rendered<'_> {
        let problems = check_args(code, args);
        self.render_code(self.locale_index(locale), code, args, problems, false)
    }

    /// The message of a typed error in `locale`, and nothing else: exactly
    /// `render(locale, error).message`, without the note, hint and status
    /// phrase. This is the fast path for a portal that shows only the text;
    /// a message without variables is borrowed, not allocated.
    ///
    /// ```
    /// use std::borrow::Cow;
    /// use defender_errors::{Catalog, DefenderError};
    ///
    /// let catalog = Catalog::new();
    /// let error = DefenderError::InvalidDomainName { domain: "contoso..com".into() };
    /// assert_eq!(catalog.message("nl", &error), "De domeinnaam contoso..com is ongeldig.");
    /// assert!(matches!(catalog.message("nl", &DefenderError::NotFound), Cow::Borrowed(_)));
    /// ```
    pub fn message(&self, locale: &str, error: &DefenderError<'_>) -> Cow<'_, str> {
        let index = self.locale_index(locale);
        match self.lookup(index, error.code()) {
            Some((data, message)) => self.scope(data, error).text(&message.value),
            None => Cow::Borrowed(error.code().as_str()),
        }
    }

    /// The message of `code` with values that arrive at run time, and nothing
    /// else: exactly `render_args(locale, code, args).message`.
    ///
    /// ```
    /// use defender_errors::{Args, Catalog, ErrorCode};
    ///
    /// let catalog = Catalog::new();
    /// let args = Args::new().with("ip", "300.1.1.1");
    /// assert_eq!(catalog.message_args("da", ErrorCode::InvalidIpAddress, &args), "IP-adressen 300.1.1.1 er ugyldig.");
    /// // A missing value gives the form without values, as `render_args` does.
    /// assert_eq!(catalog.message_args("en", ErrorCode::InvalidIpAddress, &Args::new()), "The IP address is not valid.");
    /// ```
    pub fn message_args(&self, locale: &str, code: ErrorCode, args: &Args<'_>) -> Cow<'_, str> {
        let complete = code.variables().iter().all(|v| args.get(v.name).is_some());
        if !complete {
            return self.render_args(locale, code, args).message;
        }
        let index = self.locale_index(locale);
        match self.lookup(index, code) {
            Some((data, message)) => self.scope(data, &Typed { code, args }).text(&message.value),
            None => Cow::Borrowed(code.as_str()),
        }
    }

    /// Like [`render`](Self::render), but strict: any problem is an error.
    /// (A typed error always has all its values, so this fails only for a
    /// message no locale has.)
    ///
    /// # Errors
    /// [`RenderError`] listing the problems.
    ///
    /// ```
    /// use defender_errors::{Catalog, DefenderError};
    /// assert!(Catalog::new().try_render("de", &DefenderError::BadRequest).is_ok());
    /// ```
    pub fn try_render(
        &self,
        locale: &str,
        error: &DefenderError<'_>,
    ) -> Result<Rendered<'_>, RenderError> {
        strict(self.render(locale, error))
    }

    /// Like [`render_args`](Self::render_args), but strict: a missing, unknown
    /// or malformed value is an error.
    ///
    /// # Errors
    /// [`RenderError`] listing the problems.
    ///
    /// ```
    /// use defender_errors::{Args, Catalog, ErrorCode};
    ///
    /// let args = Args::new().with("hash", "abc").with("hsah", "abc");
    /// let err = Catalog::new().try_render_args("en", ErrorCode::InvalidHashValue, &args).unwrap_err();
    /// assert_eq!(err.problems.len(), 1);
    /// ```
    pub fn try_render_args(
        &self,
        locale: &str,
        code: ErrorCode,
        args: &Args<'_>,
    ) -> Result<Rendered<'_>, RenderError> {
        strict(self.render_args(locale, code, args))
    }

    /// Writes only the message of `error` into `w`, without allocating: the
    /// twin of [`render`](Self::render) for a hot path with a reused buffer.
    /// It writes exactly `render(locale, error).message`.
    ///
    /// # Errors
    /// Only what `w` returns.
    ///
    /// ```
    /// use defender_errors::{Catalog, DefenderError};
    ///
    /// let catalog = Catalog::new();
    /// let mut buf = String::with_capacity(128);
    /// catalog.write_message(&mut buf, "de", &DefenderError::InvalidIpAddress { ip: "300.1.1.1".into() })?;
    /// assert_eq!(buf, "Die IP-Adresse 300.1.1.1 ist ungültig.");
    /// # Ok::<(), std::fmt::Error>(())
    /// ```
    pub fn write_message<W: fmt::Write + ?Sized>(
        &self,
        w: &mut W,
        locale: &str,
        error: &DefenderError<'_>,
    ) -> fmt::Result {
        let index = self.locale_index(locale);
        match self.lookup(index, error.code()) {
            Some((data, message)) => self.scope(data, error).write(w, &message.value),
            None => w.write_str(error.code().as_str()),
        }
    }

    /// The message without any value, for when the values are not known:
    /// the `.generic` form, or the message itself if it has no variables.
    pub(crate) fn render_without_values(&self, locale: &str, code: ErrorCode) -> Rendered<'_> {
        self.render_code(self.locale_index(locale), code, &NoArgs, Vec::new(), true)
    }

    /// The English text of a code's message, as a compiled pattern.
    pub(crate) fn english(&self, code: ErrorCode) -> Option<&Message> {
        self.locales.first()?.data().code(code)
    }

    /// A catalog message that is not a code (`unknown-error`, `tracking-id`) in
    /// `locale`, or English; with the locale it is in.
    pub(crate) fn extra_text(&self, locale: &str, id: &str) -> Option<(&str, &str)> {
        let index = self.locale_index(locale);
        let (data, text) = self.find(index, |data| data.extra(id)?.value.as_static())?;
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
            .find(|d| &*d.id == locale)
            .and_then(|d| find(d.data(), id))
        else {
            return true;
        };
        let english = self.locales.first().and_then(|d| find(d.data(), id));
        english.is_some_and(|en| {
            en.attributes
                .iter()
                .any(|(name, _)| message.attribute(name).is_none())
        })
    }

    /// The status phrase in locale `index` or English, and whether it is English's.
    fn status_in(&self, index: usize, status: u16) -> Option<(&str, bool)> {
        let id = status_id(status)?;
        let id = std::str::from_utf8(&id).ok()?;
        let (data, text) = self.find(index, |data| data.extra(id)?.value.as_static())?;
        let chosen = self.locales.get(index).map(Slot::data);
        Some((text, !chosen.is_some_and(|c| std::ptr::eq(c, data))))
    }

    /// The message for `code` in locale `index`, or English's when that locale
    /// lacks it.
    fn lookup(&self, index: usize, code: ErrorCode) -> Option<(&LocaleData, &Message)> {
        self.find(index, |data| data.code(code))
    }

    /// What `find` finds in locale `index`, else in English: the fallback
    /// of every lookup, with the locale it was found in.
    fn find<'s, T>(
        &'s self,
        index: usize,
        find: impl Fn(&'s LocaleData) -> Option<T>,
    ) -> Option<(&'s LocaleData, T)> {
        let chosen = self.locales.get(index).map(Slot::data);
        if let Some(found) = chosen.and_then(|data| Some((data, find(data)?))) {
            return Some(found);
        }
        let english = self.locales.first()?.data();
        Some((english, find(english)?))
    }

    fn scope<'a, A: ArgSource + ?Sized>(
        &'a self,
        data: &'a LocaleData,
        args: &'a A,
    ) -> Scope<'a, A> {
        Scope {
            numbers: &data.numbers,
            args,
        }
    }

    fn render_code<A: ArgSource + ?Sized>(
        &self,
        index: usize,
        code: ErrorCode,
        args: &A,
        mut problems: Vec<Problem>,
        without_values: bool,
    ) -> Rendered<'_> {
        let without_values = without_values
            || problems
                .iter()
                .any(|p| matches!(p, Problem::MissingVariable { .. }));
        let chosen = self.locales.get(index).map(Slot::data);
        let english = self
            .locales
            .first()
            .map(Slot::data)
            .and_then(|en| Some((en, en.code(code)?)));
        let found = self.lookup(index, code);
        let mut fallback =
            found.is_some_and(|(data, _)| !chosen.is_some_and(|c| std::ptr::eq(c, data)));
        // An attribute the chosen message lacks comes from English, on its own.
        let mut attribute = |name: &str| -> Option<(&LocaleData, &Pattern)> {
            let (data, message) = found?;
            if let Some(p) = message.attribute(name) {
                return Some((data, p));
            }
            let (en, en_message) = english?;
            let p = en_message.attribute(name)?;
            fallback = true;
            Some((en, p))
        };
        let text = match found {
            Some((data, message)) if !without_values => Some((data, &message.value)),
            Some((data, message)) => attribute("generic").or_else(|| {
                message
                    .value
                    .variables()
                    .is_empty()
                    .then_some((data, &message.value))
            }),
            None => None,
        };
        let note = attribute("note");
        let hint = attribute("hint");
        let (status_text, status_fallback) = self
            .status_in(index, code.http_status())
            .unwrap_or(("", false));
        let typed = Typed { code, args };
        let render = |(data, pattern)| text_of(&self.scope(data, &typed), pattern);
        let (locale, message) = match text {
            Some(text) => (&*text.0.id, render(text)),
            None => {
                // No form of the message fits: the code is shown, never a message with holes.
                problems.push(Problem::MessageUnavailable);
                (SOURCE_LOCALE, Cow::Borrowed(code.as_str()))
            }
        };
        Rendered {
            code,
            status: code.http_status(),
            status_text: Cow::Borrowed(status_text),
            locale,
            message,
            note: note.map(render),
            hint: hint.map(render),
            fallback: fallback || status_fallback,
            problems,
        }
    }
}

fn text_of<'p, A: ArgSource + ?Sized>(scope: &Scope<'_, A>, pattern: &'p Pattern) -> Cow<'p, str> {
    scope.text(pattern)
}

fn strict(rendered: Rendered<'_>) -> Result<Rendered<'_>, RenderError> {
    if rendered.problems.is_empty() {
        Ok(rendered)
    } else {
        Err(RenderError {
            code: rendered.code,
            problems: rendered.problems,
        })
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
