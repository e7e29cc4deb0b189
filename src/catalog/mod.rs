//! The catalog: every locale's messages, compiled once, shared by all threads.
//!
//! A message that a locale lacks, or has broken, falls back to English for
//! that message only; an attribute (`.note`, `.hint`, `.generic`) falls back
//! on its own. Nothing here takes a lock or touches global state: the locale is
//! an argument of every call.

pub(crate) mod compile;
mod embedded;

use std::borrow::Cow;
use std::fmt;

use fluent_syntax::ast;

use crate::code::ErrorCode;
use crate::negotiate::{self, LocaleTag, Negotiated, MAX_LOCALES};
use crate::render::args::{ArgSource, Args, NoArgs};
use crate::render::number::NumberFormat;
use crate::render::{check_args, Problem, RenderError, Rendered, Scope, Typed};
use crate::DefenderError;
use compile::{compile, find_attribute, Entries, Pattern};

/// The source locale, and the fallback of every other.
pub const SOURCE_LOCALE: &str = "en";

/// The order of the shipped locales: English first (the default), then the
/// translations in the order of the source article's pages.
const SHIPPED_ORDER: [&str; 6] = ["en", "nl", "da", "de", "zh", "fr"];

/// The attributes a message may have; see `locales/en/errors.ftl`.
const ATTRIBUTES: [&str; 4] = ["note", "hint", "generic", "help"];

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
    locales: Box<[LocaleData]>,
    tags: Box<[LocaleTag]>,
    use_isolating: bool,
    allow_traditional_chinese: bool,
    problems: Vec<LoadProblem>,
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

    /// Builds the catalog. This never fails: what cannot be loaded is reported
    /// by [`Catalog::problems`] and falls back to English.
    ///
    /// ```
    /// let catalog = defender_errors::CatalogBuilder::new().build();
    /// assert!(catalog.problems().is_empty());
    /// ```
    pub fn build(&self) -> Catalog {
        let mut sources: Vec<(&str, &str)> = embedded::sources()
            .filter(|(id, _)| !self.sources.iter().any(|(own, _)| own == id))
            .collect();
        sources.extend(self.sources.iter().map(|(id, s)| (id.as_str(), s.as_str())));
        let rank = |id: &str| {
            SHIPPED_ORDER
                .iter()
                .position(|s| *s == id)
                .unwrap_or(usize::MAX)
        };
        sources.sort_by(|a, b| rank(a.0).cmp(&rank(b.0)).then(a.0.cmp(b.0)));
        if sources.first().map(|(id, _)| *id) != Some(SOURCE_LOCALE) {
            sources.insert(0, (SOURCE_LOCALE, ""));
        }

        let mut problems = Vec::new();
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
            locales.push(LocaleData::load(id, source, &mut problems));
            tags.push(tag);
        }
        Catalog {
            locales: locales.into_boxed_slice(),
            tags: tags.into_boxed_slice(),
            use_isolating: self.use_isolating,
            allow_traditional_chinese: self.allow_traditional_chinese,
            problems,
        }
    }
}

/// Something in a locale file that the catalog could not use. The message it
/// concerns falls back to English.
///
/// ```
/// use defender_errors::CatalogBuilder;
///
/// let catalog = CatalogBuilder::new()
///     .locale_source("da", "Ugyldiginput = Ugyldigt input: { $input }.")
///     .build();
/// let problem = &catalog.problems()[0];
/// assert_eq!(problem.to_string(), "da/errors.ftl:1: Ugyldiginput: unknown message id");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadProblem {
    /// The locale id, e.g. `da`.
    pub locale: String,
    /// The message id concerned, if any.
    pub id: Option<String>,
    /// The 1-based line, where known.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl LoadProblem {
    fn new(
        locale: &str,
        id: Option<&str>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            locale: locale.into(),
            id: id.map(Into::into),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for LoadProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.locale, embedded::FILE_NAME)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(id) = &self.id {
            write!(f, ": {id}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// One compiled message: its value and its attributes.
#[derive(Debug)]
pub(crate) struct Message {
    value: Pattern,
    attributes: Vec<(&'static str, Pattern)>,
}

impl Message {
    fn attribute(&self, name: &str) -> Option<&Pattern> {
        self.attributes
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, p)| p)
    }

    /// The English pattern of the message's value, to read values back out of
    /// the API's English text.
    pub(crate) fn value(&self) -> &Pattern {
        &self.value
    }
}

/// One locale's compiled messages and number formatting.
#[derive(Debug)]
pub(crate) struct LocaleData {
    id: Box<str>,
    codes: Box<[Option<Message>]>,
    extras: Vec<(String, Message)>,
    numbers: NumberFormat,
}

impl LocaleData {
    fn load(id: &str, source: &str, problems: &mut Vec<LoadProblem>) -> Self {
        let mut data = Self {
            id: id.into(),
            codes: ErrorCode::ALL.iter().map(|_| None).collect(),
            extras: Vec::new(),
            numbers: NumberFormat::new(id),
        };
        let mut report = |line: Option<usize>, msg_id: Option<&str>, text: String| {
            problems.push(LoadProblem::new(id, msg_id, line, text));
        };
        let source = match source.strip_prefix('\u{feff}') {
            Some(rest) => {
                report(
                    Some(1),
                    None,
                    "the file starts with a byte order mark (U+FEFF); it was skipped".into(),
                );
                rest
            }
            None => source,
        };
        let resource = match fluent_syntax::parser::parse(source) {
            Ok(resource) => resource,
            Err((resource, errors)) => {
                for error in errors {
                    // The entry the error breaks starts at `slice`; `pos` is where parsing failed.
                    let start = error
                        .slice
                        .as_ref()
                        .map_or(error.pos.start, |slice| slice.start);
                    let line = line_of_offset(source, start);
                    report(Some(line), None, format!("syntax error: {}", error.kind));
                }
                resource
            }
        };
        let entries = Entries::new(&resource);
        let mut seen: Vec<&str> = Vec::new();
        for entry in &resource.body {
            let ast::Entry::Message(message) = entry else {
                continue;
            };
            let name = message.id.name;
            let line = line_of_id(source, name);
            if seen.contains(&name) {
                report(
                    line,
                    Some(name),
                    "duplicate message id; the first one is used".into(),
                );
                continue;
            }
            seen.push(name);
            let code = ErrorCode::try_from_str(name).ok();
            let allowed_vars: &[crate::Variable] = code.map_or(&[], |c| c.variables());
            if code.is_none() && !is_extra_id(name) {
                let mut text = "unknown message id".to_owned();
                if let Some(near) = ErrorCode::try_from_str(name)
                    .err()
                    .and_then(|e| e.suggestion())
                {
                    text.push_str(&format!("; did you mean '{near}'?"));
                }
                report(line, Some(name), text);
                continue;
            }
            match compile_message(message, &entries, allowed_vars) {
                Ok((compiled, warnings)) => {
                    for warning in warnings {
                        report(line, Some(name), warning);
                    }
                    match code {
                        Some(code) => {
                            if let Some(slot) = data.codes.get_mut(code.index()) {
                                *slot = Some(compiled);
                            }
                        }
                        None => data.extras.push((name.to_owned(), compiled)),
                    }
                }
                Err(error) => report(
                    line,
                    Some(name),
                    format!("{error}; English is used instead"),
                ),
            }
        }
        data
    }

    fn code(&self, code: ErrorCode) -> Option<&Message> {
        self.codes.get(code.index())?.as_ref()
    }

    fn extra(&self, id: &str) -> Option<&Message> {
        self.extras.iter().find(|(n, _)| n == id).map(|(_, m)| m)
    }
}

/// The message id of a status phrase, `status-404`, built without allocating.
fn status_id(status: u16) -> Option<[u8; 10]> {
    if !(100..=999).contains(&status) {
        return None;
    }
    let mut id = *b"status-000";
    let digits = [status / 100, status / 10 % 10, status % 10];
    for (slot, digit) in id[7..].iter_mut().zip(digits) {
        *slot = b'0' + u8::try_from(digit).ok()?;
    }
    Some(id)
}

/// Message ids besides the codes: status phrases, the tracking id's label and
/// the message for an error the catalog knows nothing about.
fn is_extra_id(id: &str) -> bool {
    let status = id
        .strip_prefix("status-")
        .is_some_and(|n| n.len() == 3 && n.bytes().all(|b| b.is_ascii_digit()));
    status || id == "tracking-id" || id == "unknown-error"
}

/// Compiles a message and checks its variables against the contract. Returns
/// the warnings (ignored attributes) along with it.
fn compile_message(
    message: &ast::Message<&str>,
    entries: &Entries<'_, '_>,
    allowed: &[crate::Variable],
) -> Result<(Message, Vec<String>), String> {
    let value = message.value.as_ref().ok_or("the message has no value")?;
    let value = compile(value, entries, message.id.name).map_err(|e| e.to_string())?;
    check_variables(&value, allowed, "")?;
    let mut attributes = Vec::new();
    let mut warnings = Vec::new();
    for attribute in &message.attributes {
        let Some(&name) = ATTRIBUTES.iter().find(|a| **a == attribute.id.name) else {
            warnings.push(format!(
                "unknown attribute .{}; it is ignored",
                attribute.id.name
            ));
            continue;
        };
        if find_attribute(&message.attributes, name).map(|p| p as *const _)
            != Some(&attribute.value as *const _)
        {
            warnings.push(format!(
                "duplicate attribute .{name}; the first one is used"
            ));
            continue;
        }
        let pattern = compile(
            &attribute.value,
            entries,
            &format!("{}.{name}", message.id.name),
        )
        .map_err(|e| format!(".{name}: {e}"))?;
        let allowed_here = if name == "generic" { &[][..] } else { allowed };
        check_variables(&pattern, allowed_here, name)?;
        attributes.push((name, pattern));
    }
    Ok((Message { value, attributes }, warnings))
}

fn check_variables(
    pattern: &Pattern,
    allowed: &[crate::Variable],
    attribute: &str,
) -> Result<(), String> {
    for name in pattern.variables() {
        if !allowed.iter().any(|v| v.name == name) {
            let place = if attribute.is_empty() {
                String::new()
            } else {
                format!(".{attribute}: ")
            };
            return Err(format!("{place}unknown variable ${name}"));
        }
    }
    Ok(())
}

/// The 1-based line of a byte offset.
fn line_of_offset(source: &str, offset: usize) -> usize {
    let end = offset.min(source.len());
    source.bytes().take(end).filter(|&b| b == b'\n').count() + 1
}

/// The 1-based line where message `id` is defined.
fn line_of_id(source: &str, id: &str) -> Option<usize> {
    source
        .lines()
        .position(|line| {
            line.strip_prefix(id)
                .is_some_and(|rest| rest.trim_start_matches([' ', '\t']).starts_with('='))
        })
        .map(|i| i + 1)
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

    /// What could not be loaded, in file order. Empty for the shipped files.
    ///
    /// ```
    /// assert!(defender_errors::Catalog::new().problems().is_empty());
    /// ```
    pub fn problems(&self) -> &[LoadProblem] {
        &self.problems
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
        self.locales
            .iter()
            .position(|l| *l.id == *locale)
            .unwrap_or_else(|| {
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
    pub fn render(&self, locale: &str, error: &DefenderError) -> Rendered<'_> {
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
        error: &DefenderError,
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
        error: &DefenderError,
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
        self.locales.first()?.code(code)
    }

    /// A catalog message that is not a code (`unknown-error`, `tracking-id`) in
    /// `locale`, or English; with the locale it is in.
    pub(crate) fn extra_text(&self, locale: &str, id: &str) -> Option<(&str, &str)> {
        let index = self.locale_index(locale);
        [index, 0].into_iter().find_map(|i| {
            let data = self.locales.get(i)?;
            Some((&*data.id, data.extra(id)?.value.as_static()?))
        })
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

    /// The status phrase in locale `index` or English, and whether it is English's.
    fn status_in(&self, index: usize, status: u16) -> Option<(&str, bool)> {
        let id = status_id(status)?;
        let id = std::str::from_utf8(&id).ok()?;
        [index, 0].into_iter().find_map(|i| {
            let text = self.locales.get(i)?.extra(id)?.value.as_static()?;
            Some((text, i != index))
        })
    }

    /// The message for `code` in locale `index`, or English's when that locale
    /// lacks it.
    fn lookup(&self, index: usize, code: ErrorCode) -> Option<(&LocaleData, &Message)> {
        [index, 0].into_iter().find_map(|i| {
            let data = self.locales.get(i)?;
            Some((data, data.code(code)?))
        })
    }

    fn scope<'a, A: ArgSource + ?Sized>(
        &'a self,
        data: &'a LocaleData,
        args: &'a A,
    ) -> Scope<'a, A> {
        Scope {
            numbers: &data.numbers,
            args,
            isolate: self.use_isolating,
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
        let chosen = self.locales.get(index);
        let english = self
            .locales
            .first()
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
