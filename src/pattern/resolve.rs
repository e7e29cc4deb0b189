//! Rendering a compiled pattern with the values of one request: values
//! escaped, numbers formatted for the locale, selects chosen as
//! fluent-bundle chooses them.

use std::borrow::Cow;
use std::fmt::{self, Write};

use super::{Around, Key, Pattern, Seg, Selector};
use crate::render::args::{ArgSource, ValueRef};
use crate::render::escape::{write_escaped, MAX_VALUE_CHARS};
use crate::render::number::{Number, NumberFormat};

/// What a pattern is rendered with: two words (the locale's number
/// format, and the values as their source gives them, such as a reference
/// to a typed error), passed by value to the paths out of line, so that a
/// render keeps them in registers.
pub(crate) struct Scope<'a, A> {
    pub(crate) numbers: &'a NumberFormat,
    pub(crate) args: A,
}

impl<A: Copy> Clone for Scope<'_, A> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<A: Copy> Copy for Scope<'_, A> {}

/// The value a select chooses on.
#[derive(Debug, Clone)]
pub(crate) enum Selected<'a> {
    /// Text; a term attribute's is made when rendering.
    Str(Cow<'a, str>),
    Number(Number),
    /// No value (a missing variable, text given to `NUMBER()`): the default
    /// variant is taken.
    Error,
}

/// Whether variant `key` matches `value`, as fluent-bundle matches them: a
/// name against text of the same spelling or a number of that plural
/// category, a number against the same number with the same options.
pub(crate) fn matches(key: &Key, value: &Selected<'_>, numbers: &NumberFormat) -> bool {
    match (key, value) {
        (Key::Ident(name), Selected::Str(s)) => **name == **s,
        (Key::Ident(name), Selected::Number(n)) => numbers.category(*n) == Some(&**name),
        (Key::Number(k), Selected::Number(n)) => n.is_key(k),
        (Key::Number(_), Selected::Str(_)) | (_, Selected::Error) => false,
    }
}

impl<A: ArgSource + Copy> Scope<'_, A> {
    /// The pattern as text: borrowed when it has no variable, so a message
    /// without variables is returned without allocating.
    #[inline(always)]
    pub(crate) fn text<'p>(&self, pattern: &'p Pattern) -> Cow<'p, str> {
        match pattern {
            Pattern::Text(text) => Cow::Borrowed(text),
            Pattern::Around(around) => Cow::Owned(self.around_string(around)),
            Pattern::Segments(segments, size_hint) => {
                let mut out = String::with_capacity(*size_hint);
                // Writing into a String cannot fail.
                let _ = self.write_segments(&mut out, segments);
                Cow::Owned(out)
            }
        }
    }

    #[inline(always)]
    pub(crate) fn write<W: Write + ?Sized>(&self, w: &mut W, pattern: &Pattern) -> fmt::Result {
        match pattern {
            Pattern::Text(text) => w.write_str(text),
            Pattern::Around(around) => match self.args.text_at(Some(around.place), &around.name) {
                Some(value) => write_around(w, around, value),
                None => self.write_around_value(w, around),
            },
            Pattern::Segments(segments, _) => self.write_segments(w, segments),
        }
    }

    /// Text around one value, in a new string. A text value (the common
    /// case) is written into a string of the size it takes when it is
    /// shown as it is: one allocation, never grown.
    #[inline(always)]
    fn around_string(&self, around: &Around) -> String {
        let Some(value) = self.args.text_at(Some(around.place), &around.name) else {
            return self.around_value_string(around);
        };
        // A longer value is cut (`write_escaped`): its length says nothing.
        let len = around.text_len + value.len().min(MAX_VALUE_CHARS);
        let mut out = String::with_capacity(len);
        // Writing into a String cannot fail.
        let _ = write_around(&mut out, around, value);
        out
    }

    /// [`write_around_value`](Self::write_around_value) into a new string.
    #[inline(never)]
    fn around_value_string(self, around: &Around) -> String {
        let mut out = String::with_capacity(around.text_len + 16);
        // Writing into a String cannot fail.
        let _ = self.write_around_value(&mut out, around);
        out
    }

    /// Text around a value that is not text (a number), or around no
    /// value, out of line.
    #[inline(never)]
    fn write_around_value<W: Write + ?Sized>(self, w: &mut W, around: &Around) -> fmt::Result {
        w.write_str(&around.before)?;
        let value = self.args.get_at(Some(around.place), &around.name);
        self.write_value(w, &around.name, value)?;
        w.write_str(&around.after)
    }

    /// Any other pattern, out of line.
    #[inline(never)]
    fn write_segments<W: Write + ?Sized>(self, w: &mut W, segments: &[Seg]) -> fmt::Result {
        // Text and text values are written here, numbers and selects out
        // of line, so that this loop stays small.
        for seg in segments {
            match seg {
                Seg::Text(text) => w.write_str(text)?,
                Seg::Var(name, place) => match self.args.get_at(*place, name) {
                    Some(ValueRef::Str(s)) => write_escaped(w, s)?,
                    value => self.write_value(w, name, value)?,
                },
                seg => self.write_seg(w, seg)?,
            }
        }
        Ok(())
    }

    /// A variable's value that is not text: a number, or nothing.
    #[inline(never)]
    fn write_value<W: Write + ?Sized>(
        &self,
        w: &mut W,
        name: &str,
        value: Option<ValueRef<'_>>,
    ) -> fmt::Result {
        match value {
            Some(ValueRef::Str(s)) => write_escaped(w, s),
            Some(ValueRef::Number(n)) => self.numbers.write(w, n),
            None => missing(w, name),
        }
    }

    /// A `NUMBER()` or a select.
    #[inline(never)]
    fn write_seg<W: Write + ?Sized>(&self, w: &mut W, seg: &Seg) -> fmt::Result {
        match seg {
            Seg::Text(text) => w.write_str(text),
            Seg::Var(name, place) => self.write_value(w, name, self.args.get_at(*place, name)),
            Seg::Number(name, patch) => match self.args.get(name) {
                Some(ValueRef::Number(n)) => self.numbers.write(w, n.with(patch)),
                // Text where a number belongs is shown as text, and
                // reported by the render (fluent-bundle shows `NUMBER()`).
                Some(ValueRef::Str(s)) => write_escaped(w, s),
                None => missing(w, name),
            },
            Seg::Select(select) => {
                let value = self.selected(&select.selector);
                let chosen = select
                    .variants
                    .iter()
                    .find(|(key, _)| matches(key, &value, self.numbers))
                    .or_else(|| select.variants.get(select.default));
                match chosen {
                    Some((_, pattern)) => self.write(w, pattern),
                    None => Ok(()),
                }
            }
        }
    }

    fn selected<'p>(&'p self, selector: &'p Selector) -> Selected<'p> {
        match selector {
            Selector::Var(name) => match self.args.get(name) {
                Some(ValueRef::Str(s)) => Selected::Str(Cow::Borrowed(s)),
                Some(ValueRef::Number(n)) => Selected::Number(n),
                None => Selected::Error,
            },
            Selector::Number(name, patch) => match self.args.get(name) {
                Some(ValueRef::Number(n)) => Selected::Number(n.with(patch)),
                Some(ValueRef::Str(_)) | None => Selected::Error,
            },
            Selector::Text(pattern) => Selected::Str(self.text(pattern)),
        }
    }
}

/// Text around the text `value`, escaped.
#[inline(always)]
fn write_around<W: Write + ?Sized>(w: &mut W, around: &Around, value: &str) -> fmt::Result {
    w.write_str(&around.before)?;
    write_escaped(w, value)?;
    w.write_str(&around.after)
}

/// Only reachable for a pattern whose variables were not checked: show the
/// placeholder as Fluent does, never panic.
fn missing<W: Write + ?Sized>(w: &mut W, name: &str) -> fmt::Result {
    write!(w, "{{${name}}}")
}
