//! The values given to a message: the dynamic [`Args`] for data that arrives
//! at run time, and the trait both it and the typed [`DefenderError`](crate::DefenderError) implement.

use smallvec::SmallVec;
use std::borrow::Cow;

use super::number::Number;
use crate::code::table::FieldRef;
use crate::DefenderError;

/// The value of one variable.
///
/// ```
/// use defender_errors::{Number, Value};
///
/// assert_eq!(Value::from("abc"), Value::Str("abc".into()));
/// assert_eq!(Value::from(5000u32), Value::Number(Number::from(5000u32)));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// Text, shown after escaping (see [`write_escaped`](crate::write_escaped)).
    Str(Cow<'a, str>),
    /// A number, formatted for the locale.
    Number(Number),
}

impl Value<'_> {
    pub(crate) fn as_ref(&self) -> ValueRef<'_> {
        match self {
            Value::Str(s) => ValueRef::Str(s),
            Value::Number(n) => ValueRef::Number(*n),
        }
    }
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(s: &'a str) -> Self {
        Value::Str(Cow::Borrowed(s))
    }
}

impl From<String> for Value<'_> {
    fn from(s: String) -> Self {
        Value::Str(Cow::Owned(s))
    }
}

impl<'a> From<Cow<'a, str>> for Value<'a> {
    fn from(s: Cow<'a, str>) -> Self {
        Value::Str(s)
    }
}

impl From<Number> for Value<'_> {
    fn from(n: Number) -> Self {
        Value::Number(n)
    }
}

macro_rules! value_from_number {
    ($($t:ty),*) => {$(
        impl From<$t> for Value<'_> {
            fn from(n: $t) -> Self {
                Value::Number(Number::from(n))
            }
        }
    )*};
}
value_from_number!(i8, i16, i32, i64, u8, u16, u32, u64, usize, f64);

/// A borrowed value, as the renderer reads it.
#[derive(Debug, Clone, Copy)]
pub enum ValueRef<'a> {
    Str(&'a str),
    Number(Number),
}

/// Where the renderer finds the values of a message's variables.
pub trait ArgSource {
    /// The value of the variable called `name`, if given.
    fn get(&self, name: &str) -> Option<ValueRef<'_>>;
    /// The value of `name` when it is text: the renderer's common case, which
    /// a source may answer without building a [`ValueRef`].
    #[inline]
    fn text(&self, name: &str) -> Option<&str> {
        match self.get(name)? {
            ValueRef::Str(s) => Some(s),
            ValueRef::Number(_) => None,
        }
    }
    /// Calls `f` with the name of every value given, to report unknown ones.
    fn for_each_name(&self, f: &mut dyn FnMut(&str));
    /// The value of variable `name`, whose place among the code's variables
    /// is `place` when the pattern knows it: a source that keeps its values
    /// by place (a typed error) finds it there, without comparing names.
    #[inline(always)]
    fn get_at(&self, place: Option<u8>, name: &str) -> Option<ValueRef<'_>> {
        let _ = place;
        self.get(name)
    }
    /// [`text`](Self::text) by place, as [`get_at`](Self::get_at).
    #[inline(always)]
    fn text_at(&self, place: Option<u8>, name: &str) -> Option<&str> {
        let _ = place;
        self.text(name)
    }
}

impl<T: ArgSource + ?Sized> ArgSource for &T {
    #[inline(always)]
    fn get(&self, name: &str) -> Option<ValueRef<'_>> {
        (**self).get(name)
    }
    #[inline(always)]
    fn text(&self, name: &str) -> Option<&str> {
        (**self).text(name)
    }
    fn for_each_name(&self, f: &mut dyn FnMut(&str)) {
        (**self).for_each_name(f);
    }
    #[inline(always)]
    fn get_at(&self, place: Option<u8>, name: &str) -> Option<ValueRef<'_>> {
        (**self).get_at(place, name)
    }
    #[inline(always)]
    fn text_at(&self, place: Option<u8>, name: &str) -> Option<&str> {
        (**self).text_at(place, name)
    }
}

/// No values at all: for messages rendered without variables.
pub(crate) struct NoArgs;

impl ArgSource for DefenderError<'_> {
    #[inline(always)]
    fn get(&self, name: &str) -> Option<ValueRef<'_>> {
        Some(match self.field(name)? {
            FieldRef::Text(text) => ValueRef::Str(text),
            FieldRef::Number(n) => ValueRef::Number(Number::from(n)),
        })
    }

    #[inline(always)]
    fn text(&self, name: &str) -> Option<&str> {
        match self.field(name)? {
            FieldRef::Text(text) => Some(text),
            FieldRef::Number(_) => None,
        }
    }

    fn for_each_name(&self, f: &mut dyn FnMut(&str)) {
        for variable in self.code().variables() {
            f(variable.name);
        }
    }

    #[inline(always)]
    fn get_at(&self, place: Option<u8>, name: &str) -> Option<ValueRef<'_>> {
        let field = match place {
            Some(place) => self.field_at(place),
            None => self.field_by_name(name),
        };
        Some(match field? {
            FieldRef::Text(text) => ValueRef::Str(text),
            FieldRef::Number(n) => ValueRef::Number(Number::from(n)),
        })
    }

    #[inline(always)]
    fn text_at(&self, place: Option<u8>, name: &str) -> Option<&str> {
        match place {
            Some(place) => DefenderError::text_at(self, place),
            None => match self.field_by_name(name)? {
                FieldRef::Text(text) => Some(text),
                FieldRef::Number(_) => None,
            },
        }
    }
}

impl DefenderError<'_> {
    /// [`field`](Self::field), out of line: a compiled message finds its
    /// code's variables by place, so a name is looked up only for one
    /// that is not the code's.
    #[inline(never)]
    fn field_by_name(&self, name: &str) -> Option<FieldRef<'_>> {
        self.field(name)
    }
}

impl ArgSource for NoArgs {
    fn get(&self, _: &str) -> Option<ValueRef<'_>> {
        None
    }
    fn for_each_name(&self, _: &mut dyn FnMut(&str)) {}
}

/// Variables by name, for data that arrives at run time (the dynamic path).
///
/// Setting a name twice keeps the last value. Names the code's message does not
/// have are reported by the render, not ignored.
///
/// ```
/// use defender_errors::{Args, Catalog, ErrorCode};
///
/// let catalog = Catalog::new();
/// let args = Args::new()
///     .with("batch_size_received", 10_000u32)
///     .with("batch_size_allowed", "5000");
/// let out = catalog.render(catalog.negotiate("de").locale, (ErrorCode::MaximumBatchSizeExceeded, &args));
/// assert_eq!(
///     out.message,
///     "Die maximale Batchgröße wurde überschritten. Empfangene Batchgröße: 10.000, maximal zulässig: 5.000."
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Args<'a> {
    // Up to two values, the most any code has, are kept without allocating.
    entries: SmallVec<[(Cow<'a, str>, Value<'a>); 2]>,
}

impl<'a> Args<'a> {
    /// No variables.
    ///
    /// ```
    /// assert!(defender_errors::Args::new().is_empty());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `name` to `value` and returns the arguments, for chaining.
    ///
    /// ```
    /// let args = defender_errors::Args::new().with("hash", "abc");
    /// assert_eq!(args.len(), 1);
    /// ```
    #[must_use]
    pub fn with(mut self, name: impl Into<Cow<'a, str>>, value: impl Into<Value<'a>>) -> Self {
        self.set(name, value);
        self
    }

    /// Sets `name` to `value`, replacing an earlier value of the same name.
    ///
    /// ```
    /// let mut args = defender_errors::Args::new();
    /// args.set("hash", "a").set("hash", "b");
    /// assert_eq!(args.get("hash"), Some(&defender_errors::Value::from("b")));
    /// ```
    pub fn set(&mut self, name: impl Into<Cow<'a, str>>, value: impl Into<Value<'a>>) -> &mut Self {
        let name = name.into();
        let value = value.into();
        match self.entries.iter_mut().find(|(n, _)| *n == name) {
            Some(entry) => entry.1 = value,
            None => self.entries.push((name, value)),
        }
        self
    }

    /// The value of `name`, if set.
    ///
    /// ```
    /// let args = defender_errors::Args::new().with("ip", "300.1.1.1");
    /// assert!(args.get("ip").is_some());
    /// assert!(args.get("url").is_none());
    /// ```
    pub fn get(&self, name: &str) -> Option<&Value<'a>> {
        self.entries.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// Every name and value, in the order they were first set.
    ///
    /// ```
    /// let args = defender_errors::Args::new().with("a", "1").with("b", 2u8);
    /// let names: Vec<_> = args.iter().map(|(name, _)| name).collect();
    /// assert_eq!(names, ["a", "b"]);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value<'a>)> {
        self.entries.iter().map(|(n, v)| (n.as_ref(), v))
    }

    /// How many variables are set.
    ///
    /// ```
    /// assert_eq!(defender_errors::Args::new().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no variable is set.
    ///
    /// ```
    /// assert!(!defender_errors::Args::new().with("url", "x").is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl ArgSource for Args<'_> {
    fn get(&self, name: &str) -> Option<ValueRef<'_>> {
        Args::get(self, name).map(Value::as_ref)
    }

    fn for_each_name(&self, f: &mut dyn FnMut(&str)) {
        for (name, _) in &self.entries {
            f(name);
        }
    }
}
