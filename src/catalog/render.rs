//! The rendering entry points: a typed error or a code with [`Args`], to a
//! [`Rendered`], to the message alone, or into a reused buffer.

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use super::load::LocaleData;
use super::{Catalog, SOURCE_LOCALE};
use crate::code::ErrorCode;
use crate::pattern::resolve::Scope;
use crate::pattern::Pattern;
use crate::render::args::{ArgSource, Args, NoArgs};
use crate::render::{check_args, Problem, RenderError, Rendered, Typed};
use crate::DefenderError;

impl Catalog {
    /// Renders a typed error in `locale` (a catalog id such as `de`, or any
    /// tag or `Accept-Language` value, which is negotiated).
    ///
    /// ```
    /// use defender_errors::{Catalog, DefenderError};
    ///
    /// let error = DefenderError::MaximumBatchSizeExceeded { batch_size_received: 12000, batch_size_allowed: 10000 };
    /// let catalog = Catalog::new();
    /// let out = catalog.render("fr", &error);
    /// assert_eq!(out.message, "La taille de lot maximale est dépassée. Taille reçue\u{a0}: 12\u{202f}000, taille maximale autorisée\u{a0}: 10\u{202f}000.");
    /// ```
    pub fn render(&self, locale: &str, error: &DefenderError<'_>) -> Rendered<'_> {
        if !error.has_every_value() {
            // An optional value left out (the wait of a 429): no value to show.
            return self.render_without_values(locale, error.code());
        }
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
        let without_values = !has_every_variable(code, args);
        self.render_code(
            self.locale_index(locale),
            code,
            args,
            problems,
            without_values,
        )
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
        if !error.has_every_value() {
            return self.render(locale, error).message;
        }
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
        if !has_every_variable(code, args) {
            return self.render_args(locale, code, args).message;
        }
        let index = self.locale_index(locale);
        match self.lookup(index, code) {
            Some((data, message)) => self.scope(data, &Typed { code, args }).text(&message.value),
            None => Cow::Borrowed(code.as_str()),
        }
    }

    /// Like [`render`](Self::render), but strict: any problem is an error.
    /// (A typed error always has its required values, so this fails only for a
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
        if !error.has_every_value() {
            return w.write_str(&self.render(locale, error).message);
        }
        let index = self.locale_index(locale);
        match self.lookup(index, error.code()) {
            Some((data, message)) => self.scope(data, error).write(w, &message.value),
            None => w.write_str(error.code().as_str()),
        }
    }

    /// Writes only the message of `code` with values that arrive at run time
    /// into `w`: the twin of [`message_args`](Self::message_args) for a hot
    /// path with a reused buffer. It writes exactly
    /// `render_args(locale, code, args).message`.
    ///
    /// # Errors
    /// Only what `w` returns.
    ///
    /// ```
    /// use defender_errors::{Args, Catalog, ErrorCode};
    ///
    /// let catalog = Catalog::new();
    /// let mut buf = String::with_capacity(128);
    /// let args = Args::new().with("url", "http//x");
    /// catalog.write_message_args(&mut buf, "nl", ErrorCode::InvalidUrl, &args)?;
    /// assert_eq!(buf, "De URL http//x is ongeldig.");
    /// # Ok::<(), std::fmt::Error>(())
    /// ```
    pub fn write_message_args<W: fmt::Write + ?Sized>(
        &self,
        w: &mut W,
        locale: &str,
        code: ErrorCode,
        args: &Args<'_>,
    ) -> fmt::Result {
        if !has_every_variable(code, args) {
            return w.write_str(&self.render_args(locale, code, args).message);
        }
        let index = self.locale_index(locale);
        match self.lookup(index, code) {
            Some((data, message)) => self
                .scope(data, &Typed { code, args })
                .write(w, &message.value),
            None => w.write_str(code.as_str()),
        }
    }

    /// The message without any value, for when the values are not known:
    /// the `.generic` form, or the message itself if it has no variables.
    pub(crate) fn render_without_values(&self, locale: &str, code: ErrorCode) -> Rendered<'_> {
        self.render_code(self.locale_index(locale), code, &NoArgs, Vec::new(), true)
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
            .write_message(f, SOURCE_LOCALE, self)
    }
}

impl std::error::Error for DefenderError<'_> {}

#[inline(always)]
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
