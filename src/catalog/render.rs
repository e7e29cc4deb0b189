//! The rendering entry points: a typed error or a code with [`Args`], to a
//! [`Rendered`], to the message alone, or into a reused buffer.

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use super::load::LocaleData;
use super::{Catalog, Locale, SOURCE_LOCALE};
use crate::code::ErrorCode;
use crate::pattern::resolve::Scope;
use crate::pattern::Pattern;
use crate::render::args::{ArgSource, Args, NoArgs};
use crate::render::{check_args, Problem, RenderError, Rendered, Typed};
use crate::DefenderError;

/// What a catalog renders: a typed error (`&DefenderError`), or a code with
/// values that arrive at run time (`(ErrorCode, &Args)`). Every render
/// method ([`Catalog::render`], [`Catalog::try_render`],
/// [`Catalog::message`], [`Catalog::write_message`]) takes either.
///
/// Missing, unknown and malformed values of an `(ErrorCode, &Args)` are
/// reported in [`Rendered::problems`]; a missing one makes the message
/// render in its form without values. A typed error has its values by
/// construction; one without its optional value (the wait of a 429) is
/// rendered without values too.
///
/// The trait is sealed: the catalog reads the values its own way.
///
/// ```
/// use defender_errors::{Args, Catalog, DefenderError, ErrorCode};
///
/// let catalog = Catalog::new();
/// let nl = catalog.negotiate("nl").locale;
/// let typed = DefenderError::InvalidUrl { url: "http//x".into() };
/// let args = Args::new().with("url", "http//x");
/// assert_eq!(catalog.message(nl, &typed), "De URL http//x is ongeldig.");
/// assert_eq!(catalog.message(nl, (ErrorCode::InvalidUrl, &args)), "De URL http//x is ongeldig.");
/// ```
pub trait Renderable: sealed::Values {}

pub(crate) mod sealed {
    use crate::code::ErrorCode;
    use crate::render::args::ArgSource;
    use crate::render::Problem;

    /// How the catalog reads what it renders.
    pub trait Values: Copy {
        /// Where the values are found.
        type Source: ArgSource + Copy;
        /// The code rendered.
        fn code(&self) -> ErrorCode;
        /// The values, as the renderer reads them.
        fn source(&self) -> Self::Source;
        /// The code, when every variable has a value: only then is the
        /// message rendered with values.
        fn complete_code(&self) -> Option<ErrorCode>;
        /// What is wrong with the values.
        fn problems(&self) -> Vec<Problem>;
    }
}

impl<'r, 'e> sealed::Values for &'r DefenderError<'e> {
    type Source = &'r DefenderError<'e>;
    #[inline(always)]
    fn code(&self) -> ErrorCode {
        DefenderError::code(self)
    }
    #[inline(always)]
    fn source(&self) -> Self::Source {
        self
    }
    #[inline(always)]
    fn complete_code(&self) -> Option<ErrorCode> {
        self.code_if_complete()
    }
    fn problems(&self) -> Vec<Problem> {
        Vec::new()
    }
}

impl Renderable for &DefenderError<'_> {}

impl<'r, 'a> sealed::Values for (ErrorCode, &'r Args<'a>) {
    type Source = Typed<'r, Args<'a>>;
    #[inline(always)]
    fn code(&self) -> ErrorCode {
        self.0
    }
    #[inline(always)]
    fn source(&self) -> Self::Source {
        Typed {
            code: self.0,
            args: self.1,
        }
    }
    #[inline]
    fn complete_code(&self) -> Option<ErrorCode> {
        has_every_variable(self.0, self.1).then_some(self.0)
    }
    fn problems(&self) -> Vec<Problem> {
        check_args(self.0, self.1)
    }
}

impl Renderable for (ErrorCode, &Args<'_>) {}

impl Catalog {
    /// Renders a typed error, or a code with [`Args`], in `locale`: the
    /// message, note, hint and status phrase, and what was wrong with the
    /// values (see [`Renderable`]).
    ///
    /// ```
    /// use defender_errors::{Args, Catalog, DefenderError, ErrorCode};
    ///
    /// let error = DefenderError::MaximumBatchSizeExceeded { batch_size_received: 12000, batch_size_allowed: 10000 };
    /// let catalog = Catalog::new();
    /// let fr = catalog.negotiate("fr").locale;
    /// let out = catalog.render(fr, &error);
    /// assert_eq!(out.message, "La taille de lot maximale est dépassée. Taille reçue\u{a0}: 12\u{202f}000, taille maximale autorisée\u{a0}: 10\u{202f}000.");
    ///
    /// let args = Args::new().with("resource", "Machine 42");
    /// let zh = catalog.negotiate("zh").locale;
    /// let out = catalog.render(zh, (ErrorCode::ResourceNotFound, &args));
    /// assert_eq!(out.message, "找不到资源 Machine 42。");
    /// ```
    pub fn render(&self, locale: Locale, what: impl Renderable) -> Rendered<'_> {
        let index = self.index(locale);
        if what.complete_code().is_none() {
            // A value left out: the form without values, out of line, so
            // that the common case renders with its switch a constant.
            return self.render_without_values_at(index, what.code(), what.problems());
        }
        // The code read again rather than taken from `complete_code`: this
        // way the whole render counts 8 instructions fewer (callgrind).
        self.render_code(index, what.code(), &what.source(), what.problems(), false)
    }

    /// Like [`render`](Self::render), but strict: any problem is an error
    /// (a missing, unknown or malformed value, or a message no locale has).
    ///
    /// # Errors
    /// [`RenderError`] listing the problems.
    ///
    /// ```
    /// use defender_errors::{Args, Catalog, DefenderError, ErrorCode, Locale};
    ///
    /// let catalog = Catalog::new();
    /// assert!(catalog.try_render(Locale::SOURCE, &DefenderError::BadRequest).is_ok());
    /// let args = Args::new().with("hash", "abc").with("hsah", "abc");
    /// let err = catalog.try_render(Locale::SOURCE, (ErrorCode::InvalidHashValue, &args)).unwrap_err();
    /// assert_eq!(err.problems.len(), 1);
    /// ```
    pub fn try_render(
        &self,
        locale: Locale,
        what: impl Renderable,
    ) -> Result<Rendered<'_>, RenderError> {
        strict(self.render(locale, what))
    }

    /// The message alone: exactly `render(locale, what).message`, without
    /// the note, hint and status phrase. This is the fast path for a portal
    /// that shows only the text; a message without variables is borrowed,
    /// not allocated.
    ///
    /// ```
    /// use std::borrow::Cow;
    /// use defender_errors::{Args, Catalog, DefenderError, ErrorCode};
    ///
    /// let catalog = Catalog::new();
    /// let nl = catalog.negotiate("nl").locale;
    /// let error = DefenderError::InvalidDomainName { domain: "contoso..com".into() };
    /// assert_eq!(catalog.message(nl, &error), "De domeinnaam contoso..com is ongeldig.");
    /// assert!(matches!(catalog.message(nl, &DefenderError::NotFound), Cow::Borrowed(_)));
    /// // A missing value gives the form without values, as `render` does.
    /// let none = Args::new();
    /// let en = catalog.negotiate("en").locale;
    /// assert_eq!(catalog.message(en, (ErrorCode::InvalidIpAddress, &none)), "The IP address is not valid.");
    /// ```
    #[inline]
    pub fn message(&self, locale: Locale, what: impl Renderable) -> Cow<'_, str> {
        let Some(code) = what.complete_code() else {
            return self.render(locale, what).message;
        };
        match self.lookup(locale, code) {
            Some((data, message)) => self.scope(data, what.source()).text(&message.value),
            None => Cow::Borrowed(code.as_str()),
        }
    }

    /// Writes the message alone into `w`, without allocating: exactly
    /// `render(locale, what).message`, for a hot path with a reused buffer.
    ///
    /// # Errors
    /// Only what `w` returns.
    ///
    /// ```
    /// use defender_errors::{Catalog, DefenderError};
    ///
    /// let catalog = Catalog::new();
    /// let de = catalog.negotiate("de").locale;
    /// let mut buf = String::with_capacity(128);
    /// catalog.write_message(&mut buf, de, &DefenderError::InvalidIpAddress { ip: "300.1.1.1".into() })?;
    /// assert_eq!(buf, "Die IP-Adresse 300.1.1.1 ist ungültig.");
    /// # Ok::<(), std::fmt::Error>(())
    /// ```
    #[inline]
    pub fn write_message<W: fmt::Write + ?Sized>(
        &self,
        w: &mut W,
        locale: Locale,
        what: impl Renderable,
    ) -> fmt::Result {
        let Some(code) = what.complete_code() else {
            return w.write_str(&self.render(locale, what).message);
        };
        match self.lookup(locale, code) {
            Some((data, message)) => self.scope(data, what.source()).write(w, &message.value),
            None => w.write_str(code.as_str()),
        }
    }

    /// The message without any value, for when the values are not known:
    /// the `.generic` form, or the message itself if it has no variables.
    pub(crate) fn render_without_values(&self, locale: Locale, code: ErrorCode) -> Rendered<'_> {
        self.render_without_values_at(self.index(locale), code, Vec::new())
    }

    /// [`render_without_values`](Self::render_without_values) in locale
    /// `index`, with the problems found so far.
    #[inline(never)]
    fn render_without_values_at(
        &self,
        index: usize,
        code: ErrorCode,
        problems: Vec<Problem>,
    ) -> Rendered<'_> {
        self.render_code(index, code, &NoArgs, problems, true)
    }

    fn render_code<A: ArgSource + ?Sized>(
        &self,
        index: usize,
        code: ErrorCode,
        args: &A,
        mut problems: Vec<Problem>,
        without_values: bool,
    ) -> Rendered<'_> {
        let chosen = self.data(index);
        let en = self.data(0);
        let english = en.and_then(|en| Some((en, en.code(code)?)));
        let found = chosen
            .and_then(|data| Some((data, data.code(code)?)))
            .or(english);
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
                // A value without variables is all text once compiled.
                message
                    .value
                    .as_static()
                    .is_some()
                    .then_some((data, &message.value))
            }),
            None => None,
        };
        let note = attribute("note");
        let hint = attribute("hint");
        // The status phrase: the chosen locale's, else English's.
        let (status_text, status_fallback) = match chosen.and_then(|c| c.code_status(code)) {
            Some(text) => (text, false),
            None => en
                .and_then(|en| en.code_status(code))
                .map_or(("", false), |text| (text, true)),
        };
        let render = |(data, pattern)| text_of(&self.scope(data, args), pattern);
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

/// Whether `args` has a value for each of `code`'s variables: only then is the
/// message rendered with values (else in its form without them).
fn has_every_variable(code: ErrorCode, args: &Args<'_>) -> bool {
    code.variables().iter().all(|v| args.get(v.name).is_some())
}

/// The English message, as the embedded English file has it: what a log line
/// or `?` in a `main` shows. A catalog renders it in any other language.
///
/// ```
/// use defender_errors::DefenderError;
///
/// let error = DefenderError::MissingRequiredParameter { parameter: "Action".into() };
/// assert_eq!(error.to_string(), "Parameter Action is missing.");
/// let boxed: Box<dyn std::error::Error> = Box::new(error.into_owned());
/// assert!(boxed.source().is_none());
/// ```
impl fmt::Display for DefenderError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Only English is ever compiled in this catalog: locales compile on first use.
        static ENGLISH: OnceLock<Catalog> = OnceLock::new();
        ENGLISH
            .get_or_init(Catalog::new)
            .write_message(f, Locale::SOURCE, self)
    }
}

impl std::error::Error for DefenderError<'_> {}

/// One of a render's texts (the message, the note or the hint): text
/// alone is borrowed inline; a text with values is rendered out of line,
/// because inline for each of the three the render grew past what the
/// compiler inlines of a string's allocation.
#[inline(always)]
fn text_of<'p, A: ArgSource + Copy>(scope: &Scope<'_, A>, pattern: &'p Pattern) -> Cow<'p, str> {
    match pattern.as_static() {
        Some(text) => Cow::Borrowed(text),
        None => with_values(*scope, pattern),
    }
}

#[inline(never)]
fn with_values<'p, A: ArgSource + Copy>(scope: Scope<'_, A>, pattern: &'p Pattern) -> Cow<'p, str> {
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
