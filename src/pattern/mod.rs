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

use std::borrow::Cow;

use serde::{Deserialize, Deserializer, Serialize};

use crate::render::number::{Number, NumberPatch};

/// A compiled pattern: text, values and selects, in order.
///
/// Its text is borrowed from the precompiled catalog embedded in the binary
/// (see `catalog::precompiled`), and owned when compiled at run time; so a
/// pattern is read back from a blob only with the blob's `'static` lifetime.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub(crate) struct Pattern {
    segments: Box<[Seg]>,
    /// A rough size of the rendered text, to reserve a buffer once.
    size_hint: usize,
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
        match &*self.segments {
            [] => Some(""),
            [Seg::Text(t)] => Some(t),
            _ => None,
        }
    }

    pub(crate) fn segments(&self) -> &[Seg] {
        &self.segments
    }

    /// A rough size of the rendered text, to reserve a buffer once.
    pub(crate) fn size_hint(&self) -> usize {
        self.size_hint
    }

    fn new(segments: Vec<Seg>) -> Self {
        let size_hint = segments
            .iter()
            .map(|seg| match seg {
                Seg::Text(t) => t.len(),
                Seg::Var(..) | Seg::Number(..) | Seg::Select(_) => 16,
            })
            .sum();
        Self {
            segments: segments.into_boxed_slice(),
            size_hint,
        }
    }
}
