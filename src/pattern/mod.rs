//! The compiled pattern: what a Fluent message becomes once, at load time,
//! so that rendering never looks anything up by name and never takes a lock.
//!
//! - [`nesting`] guards the Fluent parser against input that would overflow
//!   its stack or make it panic;
//! - [`compile`] turns a message's AST into a [`Pattern`], with Fluent's
//!   semantics (fluent-bundle 0.16 is the reference): references inlined,
//!   terms resolved with their own arguments, constants formatted, isolation
//!   marks placed where fluent-bundle places them;
//! - [`uses`] says which variables a message uses, with Fluent's scoping,
//!   and which of those uses are wrong (the compiler records them);
//! - [`resolve`] renders a pattern with the values of one request.
//!
//! The catalog, the envelope and the translators' checks all use this one
//! module; it uses only the value types of [`render`](crate::render).

pub(crate) mod compile;
pub(crate) mod nesting;
pub(crate) mod resolve;
pub(crate) mod uses;
pub(crate) mod ways;

use std::borrow::Cow;

use serde::{Deserialize, Deserializer, Serialize};

use crate::render::number::{Number, NumberPatch};

/// A compiled pattern: text, values and selects, in order, kept in the
/// form that renders it with the least work. Most patterns are text alone
/// (every message without a variable, every note and hint) or text around
/// one value (most messages with a variable); those two are read and written
/// without a loop over segments, and text alone without an allocation of
/// its own.
///
/// Its text is borrowed from the precompiled catalog embedded in the binary
/// (see `catalog::precompiled`), and owned when compiled at run time; so a
/// pattern is read back from a blob only with the blob's `'static` lifetime.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub(crate) enum Pattern {
    /// Text, the value of one of the code's variables, text (either text
    /// may be empty). First, so that it is the form told apart in one
    /// comparison.
    Around(Box<Around>),
    /// Text, without any value.
    Text(#[serde(deserialize_with = "borrowed")] Cow<'static, str>),
    /// Anything else (a variable that is not the code's, numbers, selects,
    /// several values), segment by segment, and a rough size of the
    /// rendered text, to reserve a buffer once.
    Segments(Box<[Seg]>, usize),
}

/// The text around one variable's value: [`Pattern::Around`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub(crate) struct Around {
    #[serde(deserialize_with = "borrowed")]
    pub(crate) before: Cow<'static, str>,
    /// The variable's name, and its place among the code's variables, as
    /// in [`Seg::Var`] (a variable that is not the code's is left to
    /// [`Pattern::Segments`]).
    pub(crate) name: Box<str>,
    pub(crate) place: u8,
    #[serde(deserialize_with = "borrowed")]
    pub(crate) after: Cow<'static, str>,
    /// The length of the two texts: with the value's, the length of the
    /// message, for its one allocation.
    pub(crate) text_len: usize,
}

/// One piece of a compiled pattern, borrowed: what [`Pattern::for_each_segment`]
/// gives, whatever the pattern's form.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum SegRef<'p> {
    Text(&'p str),
    Var(&'p str),
    Number(&'p str, &'p NumberPatch),
    Select(&'p Select),
}

/// One piece of a compiled pattern.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub(crate) enum Seg {
    /// Text written as it is: the translation's own text, string literals,
    /// constants already formatted, and isolation marks.
    Text(#[serde(deserialize_with = "borrowed")] Cow<'static, str>),
    /// A `$variable` of the message, and its place among the code's
    /// variables ([`ErrorCode::variables`](crate::ErrorCode::variables)),
    /// where it is one of them: a typed error's value is found by that
    /// place, not by the name.
    Var(Box<str>, Option<u8>),
    /// `NUMBER($variable, options…)`.
    Number(Box<str>, NumberPatch),
    /// A select expression whose selector is known only when rendering.
    Select(Box<Select>),
}

/// A select expression: the selector, the variants and the default's index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub(crate) struct Select {
    pub(crate) selector: Selector,
    pub(crate) variants: Box<[(Key, Pattern)]>,
    pub(crate) default: usize,
}

/// What a select chooses on, when it depends on the values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub(crate) enum Selector {
    /// `$variable`.
    Var(Box<str>),
    /// `NUMBER($variable, options…)`.
    Number(Box<str>, NumberPatch),
    /// A term attribute whose text depends on the message's values (only
    /// after a nested term reference, where fluent-bundle gives a term the
    /// message's arguments).
    Text(Pattern),
}

/// A variant key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) enum Key {
    /// `[one]`, `[masculine]`: a plural category or any other name.
    Ident(Box<str>),
    /// `[1]`, `[0.5]`: a number, matched with its options.
    Number(#[serde(with = "crate::render::number::as_parts")] Number),
}

/// Text read from a `'static` blob, borrowed rather than copied.
fn borrowed<'de: 'static, D: Deserializer<'de>>(d: D) -> Result<Cow<'static, str>, D::Error> {
    <&'de str>::deserialize(d).map(Cow::Borrowed)
}

impl Pattern {
    /// The whole text, when the pattern has no variable or select.
    #[inline]
    pub(crate) fn as_static(&self) -> Option<&str> {
        match self {
            Pattern::Text(text) => Some(text),
            Pattern::Around(_) | Pattern::Segments(..) => None,
        }
    }

    /// Calls `f` with the pattern's pieces in order, as its segments were
    /// compiled (text pieces never empty, never two in a row).
    pub(crate) fn for_each_segment<'p>(&'p self, mut f: impl FnMut(SegRef<'p>)) {
        match self {
            Pattern::Around(a) => {
                if !a.before.is_empty() {
                    f(SegRef::Text(&a.before));
                }
                f(SegRef::Var(&a.name));
                if !a.after.is_empty() {
                    f(SegRef::Text(&a.after));
                }
            }
            Pattern::Text(t) if t.is_empty() => {}
            Pattern::Text(t) => f(SegRef::Text(t)),
            Pattern::Segments(segments, _) => segments.iter().for_each(|seg| f(seg.as_ref())),
        }
    }

    /// The compiled segments, to be inlined into another pattern.
    pub(crate) fn into_segments(self) -> Vec<Seg> {
        match self {
            Pattern::Text(t) if t.is_empty() => Vec::new(),
            Pattern::Text(t) => vec![Seg::Text(t)],
            Pattern::Around(a) => {
                let Around {
                    before,
                    name,
                    place,
                    after,
                    text_len: _,
                } = *a;
                [
                    Seg::Text(before),
                    Seg::Var(name, Some(place)),
                    Seg::Text(after),
                ]
                .into_iter()
                .filter(|seg| !matches!(seg, Seg::Text(t) if t.is_empty()))
                .collect()
            }
            Pattern::Segments(segments, _) => segments.into_vec(),
        }
    }

    /// The pattern of `segments` (merged and without empty text, as the
    /// compiler makes them), in the form that fits.
    fn new(segments: Vec<Seg>) -> Self {
        let text_alone = matches!(segments.as_slice(), [] | [Seg::Text(_)]);
        // A variable that is not one of the code's has no place: it is
        // left to the segments, which look it up by name.
        let around = matches!(
            segments.as_slice(),
            [Seg::Var(_, Some(_))]
                | [Seg::Text(_), Seg::Var(_, Some(_))]
                | [Seg::Var(_, Some(_)), Seg::Text(_)]
                | [Seg::Text(_), Seg::Var(_, Some(_)), Seg::Text(_)]
        );
        if !text_alone && !around {
            let size_hint = segments
                .iter()
                .map(|seg| match seg {
                    Seg::Text(t) => t.len(),
                    Seg::Var(..) | Seg::Number(..) | Seg::Select(_) => 16,
                })
                .sum();
            return Pattern::Segments(segments.into_boxed_slice(), size_hint);
        }
        // Text alone, or text around one value.
        let mut before = Cow::Borrowed("");
        let mut var = None;
        let mut after = Cow::Borrowed("");
        for seg in segments {
            match seg {
                Seg::Text(t) if var.is_none() => before = t,
                Seg::Text(t) => after = t,
                Seg::Var(name, Some(place)) => var = Some((name, place)),
                // Not in these shapes.
                Seg::Var(_, None) | Seg::Number(..) | Seg::Select(_) => {}
            }
        }
        match var {
            None => Pattern::Text(before),
            Some((name, place)) => Pattern::Around(Box::new(Around {
                text_len: before.len() + after.len(),
                before,
                name,
                place,
                after,
            })),
        }
    }
}

impl Seg {
    fn as_ref(&self) -> SegRef<'_> {
        match self {
            Seg::Text(t) => SegRef::Text(t),
            Seg::Var(name, _) => SegRef::Var(name),
            Seg::Number(name, patch) => SegRef::Number(name, patch),
            Seg::Select(select) => SegRef::Select(select),
        }
    }
}
