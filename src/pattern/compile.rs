//! Compiling Fluent's AST into the catalog's own patterns, with the
//! semantics of fluent-bundle 0.16.
//!
//! Message and term references are inlined here, once. A term sees only the
//! arguments passed to it (`-t(case: "gen")`), never the message's, so its
//! text is known at load time and becomes plain text; a select on a constant
//! (a term attribute such as `-brand.gender`, a literal) is chosen here too.
//! Numbers that are constants are formatted here for the locale. Isolation
//! marks go where fluent-bundle puts them: around each placeable of a pattern
//! with more than one element, except message and term references and string
//! literals.
//!
//! What this compiler does not support is an error, and the message then
//! falls back to English: it never renders half-resolved.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use fluent_syntax::ast;
use fluent_syntax::unicode::unescape_unicode_to_string;

use super::resolve::{matches, Selected};
use super::uses::{Uses, VarScope, VarUse};
use super::{Key, Pattern, Seg, Select, Selector};
use crate::code::Variable;
use crate::render::escape::{is_printable_ascii, is_unsafe_char, FSI, PDI};
use crate::render::number::{Number, NumberFormat, NumberPatch};

/// How deep message and term references may nest.
pub(crate) const MAX_REFERENCE_DEPTH: usize = 8;
/// How large one compiled pattern may grow, in segments and in bytes of text,
/// so that references that expand exponentially ("billion laughs") are refused.
pub(crate) const MAX_SEGMENTS: usize = 512;
pub(crate) const MAX_TEXT_BYTES: usize = 16 * 1024;
/// How many placeables one rendering may go through: fluent-bundle stops at
/// 100 and shows the rest as an error, so the catalog refuses more.
pub(crate) const MAX_PLACEABLES: usize = 100;
/// The largest fraction-digit option of `NUMBER()`, and the largest
/// `minimumIntegerDigits`, as `Intl.NumberFormat` allows.
const MAX_FRACTION_OPTION: u8 = 20;
const MAX_INTEGER_OPTION: u8 = 21;

/// Why a pattern could not be compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CompileError {
    UnknownMessage(String),
    UnknownTerm(String),
    MissingValue(String),
    Cycle(String),
    TooDeep,
    TooLarge,
    Unsupported(String),
    UnsafeChar(char),
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompileError::UnknownMessage(id) => write!(f, "reference to unknown message '{id}'"),
            CompileError::UnknownTerm(id) => write!(f, "reference to unknown term '-{id}'"),
            CompileError::MissingValue(id) => write!(f, "'{id}' has no value to insert"),
            CompileError::Cycle(id) => write!(f, "'{id}' refers to itself"),
            CompileError::TooDeep => write!(
                f,
                "references nest deeper than {MAX_REFERENCE_DEPTH} levels"
            ),
            CompileError::TooLarge => write!(
                f,
                "the text expands beyond {MAX_SEGMENTS} parts, {MAX_TEXT_BYTES} bytes \
                 or {MAX_PLACEABLES} placeables"
            ),
            CompileError::Unsupported(what) => write!(f, "{what} is not supported by the catalog"),
            CompileError::UnsafeChar(c) => write!(
                f,
                "the text contains U+{:04X}, a control, bidirectional or invisible character",
                u32::from(*c)
            ),
        }
    }
}

/// The messages and terms of one resource, by id, to resolve references.
pub(crate) struct Entries<'r, 's> {
    messages: HashMap<&'s str, &'r ast::Message<&'s str>>,
    terms: HashMap<&'s str, &'r ast::Term<&'s str>>,
}

impl<'r, 's> Entries<'r, 's> {
    /// Indexes a resource; of two entries with one id, the first is kept, as
    /// fluent-bundle does.
    pub(crate) fn new(resource: &'r ast::Resource<&'s str>) -> Self {
        let mut messages = HashMap::new();
        let mut terms = HashMap::new();
        for entry in &resource.body {
            match entry {
                ast::Entry::Message(m) => {
                    messages.entry(m.id.name).or_insert(m);
                }
                ast::Entry::Term(t) => {
                    terms.entry(t.id.name).or_insert(t);
                }
                _ => {}
            }
        }
        Self { messages, terms }
    }

    /// The message called `id`, the first of that name.
    pub(crate) fn message(&self, id: &str) -> Option<&'r ast::Message<&'s str>> {
        self.messages.get(id).copied()
    }

    /// The term called `id` (without its `-`), the first of that name.
    pub(crate) fn term(&self, id: &str) -> Option<&'r ast::Term<&'s str>> {
        self.terms.get(id).copied()
    }
}

/// What a pattern is compiled for: the locale's numbers, whether
/// placeables get isolation marks, and the variables the message is given.
#[derive(Clone, Copy)]
pub(crate) struct Target<'n> {
    pub(crate) numbers: &'n NumberFormat,
    pub(crate) isolate: bool,
    pub(crate) variables: &'n [Variable],
}

/// A compiled pattern and the variables it uses.
#[derive(Debug)]
pub(crate) struct Compiled<'s> {
    pub(crate) pattern: Pattern,
    pub(crate) uses: Uses<'s>,
}

/// Compiles one pattern of the resource that `entries` indexes; `name` is the
/// message (or `message.attribute`) it belongs to, so that a reference back to
/// it is caught as a cycle.
pub(crate) fn compile<'s>(
    pattern: &ast::Pattern<&'s str>,
    entries: &Entries<'_, 's>,
    name: &str,
    target: Target<'_>,
) -> Result<Compiled<'s>, CompileError> {
    let mut compiler = Compiler {
        entries,
        target,
        stack: vec![name.to_owned()],
        budget: Budget::default(),
        local: None,
        terms: 0,
        uses: Vec::new(),
        in_select: 0,
        selecting: false,
    };
    let pattern = compiler.pattern(pattern)?;
    compiler.budget.check()?;
    Ok(Compiled {
        pattern,
        uses: Uses(compiler.uses),
    })
}

/// A value known at load time: a literal, or an argument passed to a term.
#[derive(Debug, Clone)]
enum Const {
    Str(String),
    Number(Number),
    /// What fluent-bundle resolves to an error without reporting one (a
    /// variable a term was not given): a select takes its default variant.
    Error,
}

impl Const {
    fn selected(&self) -> Selected<'_> {
        match self {
            Const::Str(s) => Selected::Str(s.into()),
            Const::Number(n) => Selected::Number(*n),
            Const::Error => Selected::Error,
        }
    }
}

#[derive(Default)]
struct Budget {
    segments: usize,
    text: usize,
    /// Placeables on the current path through the selects.
    placeables: usize,
    /// The most on any path so far.
    max_placeables: usize,
}

impl Budget {
    fn check(&self) -> Result<(), CompileError> {
        if self.segments > MAX_SEGMENTS
            || self.text > MAX_TEXT_BYTES
            || self.max_placeables.max(self.placeables) > MAX_PLACEABLES
        {
            Err(CompileError::TooLarge)
        } else {
            Ok(())
        }
    }

    fn placeable(&mut self) -> Result<(), CompileError> {
        self.placeables += 1;
        self.max_placeables = self.max_placeables.max(self.placeables);
        self.check()
    }
}

struct Compiler<'e, 'r, 's> {
    entries: &'e Entries<'r, 's>,
    target: Target<'e>,
    stack: Vec<String>,
    budget: Budget,
    /// The arguments of the term being compiled; `None` in the message's own
    /// scope. fluent-bundle sets them when it enters a term and clears them
    /// when it leaves one, even a term inside another term.
    local: Option<Vec<(&'s str, Const)>>,
    /// How many term references deep the compiler is.
    terms: usize,
    /// Every variable met, in order.
    uses: Vec<VarUse<'s>>,
    /// How many variants of selects on run-time values deep the compiler is.
    in_select: usize,
    /// Whether a term attribute is being written out to be chosen on.
    selecting: bool,
}

struct Builder(Vec<Seg>);

impl Builder {
    fn push(&mut self, seg: Seg, budget: &mut Budget) -> Result<(), CompileError> {
        if let Seg::Text(t) = &seg {
            // The catalog's own text must not carry what values are escaped
            // of; a line break of a multi-line message is the one exception.
            // Printable ASCII, most of most files, is checked by the word.
            if !is_printable_ascii(t.as_bytes()) {
                if let Some(c) = t.chars().find(|&c| c != '\n' && is_unsafe_char(c)) {
                    return Err(CompileError::UnsafeChar(c));
                }
            }
        }
        self.push_unchecked(seg, budget)
    }

    /// Pushes an isolation mark, which is the one unsafe character the
    /// catalog writes itself.
    fn mark(&mut self, mark: char, budget: &mut Budget) -> Result<(), CompileError> {
        self.push_unchecked(Seg::Text(mark.to_string().into()), budget)
    }

    fn push_unchecked(&mut self, seg: Seg, budget: &mut Budget) -> Result<(), CompileError> {
        if let Seg::Text(t) = &seg {
            if t.is_empty() {
                return Ok(());
            }
            budget.text += t.len();
            if let Some(Seg::Text(prev)) = self.0.last_mut() {
                let mut joined = String::with_capacity(prev.len() + t.len());
                joined.push_str(prev);
                joined.push_str(t);
                *prev = joined.into();
                return budget.check();
            }
        }
        budget.segments += 1;
        self.0.push(seg);
        budget.check()
    }
}

impl<'s> Compiler<'_, '_, 's> {
    fn pattern(&mut self, pattern: &ast::Pattern<&'s str>) -> Result<Pattern, CompileError> {
        let mut out = Builder(Vec::with_capacity(pattern.elements.len()));
        let several = pattern.elements.len() > 1;
        for element in &pattern.elements {
            match element {
                ast::PatternElement::TextElement { value } => {
                    out.push(Seg::Text(Cow::Owned((*value).to_owned())), &mut self.budget)?;
                }
                ast::PatternElement::Placeable { expression } => {
                    self.budget.placeable()?;
                    let isolate = self.target.isolate && several && !is_unisolated(expression);
                    if isolate {
                        out.mark(FSI, &mut self.budget)?;
                    }
                    self.expression(expression, &mut out)?;
                    if isolate {
                        out.mark(PDI, &mut self.budget)?;
                    }
                }
            }
        }
        Ok(Pattern::new(out.0))
    }

    fn expression(
        &mut self,
        expression: &ast::Expression<&'s str>,
        out: &mut Builder,
    ) -> Result<(), CompileError> {
        match expression {
            ast::Expression::Inline(inline) => self.inline(inline, out),
            ast::Expression::Select { selector, variants } => self.select(selector, variants, out),
        }
    }

    fn select(
        &mut self,
        selector: &ast::InlineExpression<&'s str>,
        variants: &[ast::Variant<&'s str>],
        out: &mut Builder,
    ) -> Result<(), CompileError> {
        let keys = variants
            .iter()
            .map(|variant| match &variant.key {
                ast::VariantKey::Identifier { name } => Ok(Key::Ident((*name).into())),
                ast::VariantKey::NumberLiteral { value } => {
                    Number::parse(value).map(Key::Number).ok_or_else(|| {
                        CompileError::Unsupported("a number key of over 64 characters".into())
                    })
                }
            })
            .collect::<Result<Vec<_>, _>>()?;
        let default = variants.iter().position(|v| v.default).unwrap_or(0);
        let selector = match self.selector(selector)? {
            Ok(runtime) => runtime,
            Err(constant) => {
                // Known now: only the chosen variant is compiled, as only it
                // would be resolved.
                let chosen = keys
                    .iter()
                    .position(|key| matches(key, &constant.selected(), self.target.numbers))
                    .unwrap_or(default);
                let Some(variant) = variants.get(chosen) else {
                    return Ok(());
                };
                let pattern = self.pattern(&variant.value)?;
                return self.append(pattern, out);
            }
        };
        let (start, scope) = (self.budget.placeables, self.local.clone());
        let mut ends = Vec::with_capacity(variants.len());
        let mut compiled = Vec::with_capacity(variants.len());
        self.in_select += 1;
        for (key, variant) in keys.into_iter().zip(variants) {
            self.budget.placeables = start;
            self.local.clone_from(&scope);
            compiled.push((key, self.pattern(&variant.value)?));
            ends.push((self.budget.placeables, self.local.is_some()));
        }
        self.in_select -= 1;
        // Which term scope comes after the select must not depend on the variant.
        if ends
            .windows(2)
            .any(|pair| matches!(pair, [(_, a), (_, b)] if a != b))
        {
            return Err(CompileError::Unsupported(
                "a select in a term whose variants leave different arguments in scope".into(),
            ));
        }
        self.budget.placeables = ends.iter().map(|(n, _)| *n).max().unwrap_or(start);
        out.push(
            Seg::Select(Box::new(Select {
                selector,
                variants: compiled.into_boxed_slice(),
                default,
            })),
            &mut self.budget,
        )
    }

    /// A selector: known only when rendering (`Ok`), or now (`Err`).
    fn selector(
        &mut self,
        selector: &ast::InlineExpression<&'s str>,
    ) -> Result<Result<Selector, Const>, CompileError> {
        Ok(match selector {
            ast::InlineExpression::StringLiteral { value } => {
                Err(Const::Str(unescape_unicode_to_string(value).into_owned()))
            }
            ast::InlineExpression::NumberLiteral { value } => Err(number_literal(value)?),
            ast::InlineExpression::VariableReference { id } => match self.variable(id.name) {
                Some(constant) => Err(constant),
                None => {
                    self.record(id.name, VarScope::Message, false);
                    Ok(Selector::Var(id.name.into()))
                }
            },
            ast::InlineExpression::FunctionReference { id, arguments } => {
                match self.number_call(id.name, arguments, false)? {
                    Ok((name, patch)) => Ok(Selector::Number(name.into(), patch)),
                    Err(constant) => Err(constant),
                }
            }
            ast::InlineExpression::TermReference { .. } => {
                // fluent-bundle writes the term attribute out and selects on its text.
                let mut text = Builder(Vec::new());
                let selecting = std::mem::replace(&mut self.selecting, true);
                let written = self.inline(selector, &mut text);
                self.selecting = selecting;
                written?;
                let pattern = Pattern::new(text.0);
                match pattern.as_static() {
                    Some(t) => Err(Const::Str(t.to_owned())),
                    None => Ok(Selector::Text(pattern)),
                }
            }
            _ => {
                return Err(CompileError::Unsupported(
                    "a selector that is not a variable, a literal, NUMBER() or a term attribute"
                        .into(),
                ))
            }
        })
    }

    fn inline(
        &mut self,
        inline: &ast::InlineExpression<&'s str>,
        out: &mut Builder,
    ) -> Result<(), CompileError> {
        match inline {
            ast::InlineExpression::StringLiteral { value } => {
                let text = unescape_unicode_to_string(value);
                out.push(Seg::Text(Cow::Owned(text.into_owned())), &mut self.budget)
            }
            ast::InlineExpression::NumberLiteral { value } => {
                let constant = number_literal(value)?;
                self.constant(&constant, "", out)
            }
            ast::InlineExpression::VariableReference { id } => match self.variable(id.name) {
                Some(constant) => {
                    if matches!(constant, Const::Error) {
                        self.record(id.name, self.unfilled(), true);
                    }
                    self.constant(&constant, id.name, out)
                }
                None => {
                    self.record(id.name, VarScope::Message, true);
                    let place = self
                        .target
                        .variables
                        .iter()
                        .position(|v| v.name == id.name)
                        .and_then(|i| u8::try_from(i).ok());
                    out.push(Seg::Var(id.name.into(), place), &mut self.budget)
                }
            },
            ast::InlineExpression::FunctionReference { id, arguments } => {
                match self.number_call(id.name, arguments, true)? {
                    Ok((name, patch)) => {
                        out.push(Seg::Number(name.into(), patch), &mut self.budget)
                    }
                    // A value NUMBER() cannot format: fluent-bundle writes the call's name.
                    Err(Const::Str(_) | Const::Error) => {
                        out.push(Seg::Text("NUMBER()".into()), &mut self.budget)
                    }
                    Err(constant) => self.constant(&constant, "", out),
                }
            }
            ast::InlineExpression::MessageReference { id, attribute } => {
                let message = self
                    .entries
                    .message(id.name)
                    .ok_or_else(|| CompileError::UnknownMessage(id.name.into()))?;
                let pattern = match attribute {
                    None => message.value.as_ref(),
                    Some(attr) => find_attribute(&message.attributes, attr.name),
                };
                let name = qualified(id.name, attribute.as_ref());
                let pattern = pattern.ok_or_else(|| CompileError::MissingValue(name.clone()))?;
                self.inline_reference(name, pattern, out)
            }
            ast::InlineExpression::TermReference {
                id,
                attribute,
                arguments,
            } => {
                let term = self
                    .entries
                    .term(id.name)
                    .ok_or_else(|| CompileError::UnknownTerm(id.name.into()))?;
                let pattern = match attribute {
                    None => Some(&term.value),
                    Some(attr) => find_attribute(&term.attributes, attr.name),
                };
                let name = format!("-{}", qualified(id.name, attribute.as_ref()));
                let pattern = pattern.ok_or_else(|| CompileError::MissingValue(name.clone()))?;
                let args = self.term_arguments(arguments.as_ref())?;
                self.local = Some(args);
                self.terms += 1;
                let result = self.inline_reference(name, pattern, out);
                self.terms -= 1;
                // As fluent-bundle does: after any term, the message's own
                // arguments are in scope again.
                self.local = None;
                result
            }
            ast::InlineExpression::Placeable { expression } => self.expression(expression, out),
        }
    }

    /// The value of `$name` when it is known now: in a term's scope, the
    /// argument passed to the term, or an error value if none was. Inside a
    /// term but after a term nested in it, fluent-bundle looks the name up
    /// in the message's arguments: a variable the message is not given is
    /// then an error value too.
    fn variable(&self, name: &str) -> Option<Const> {
        match &self.local {
            Some(local) => Some(
                local
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map_or(Const::Error, |(_, v)| v.clone()),
            ),
            None if self.terms > 0 && !self.target.variables.iter().any(|v| v.name == name) => {
                Some(Const::Error)
            }
            None => None,
        }
    }

    /// Notes a use of `$name`; `shown` when it is written out, unless it is
    /// written only to be chosen on.
    fn record(&mut self, name: &'s str, scope: VarScope, shown: bool) {
        self.uses.push(VarUse {
            name,
            scope,
            shown: shown && !self.selecting,
            in_variant: self.in_select > 0,
        });
    }

    /// The scope of a variable the term being compiled was not given.
    fn unfilled(&self) -> VarScope {
        let term = self.stack.iter().rev().find(|n| n.starts_with('-'));
        VarScope::Unfilled(term.cloned().unwrap_or_default())
    }

    /// Writes a constant: text as it is, a number formatted for the locale,
    /// and a missing term argument as fluent-bundle shows it, `{$name}`.
    fn constant(
        &mut self,
        constant: &Const,
        name: &str,
        out: &mut Builder,
    ) -> Result<(), CompileError> {
        let text = match constant {
            Const::Str(s) => s.clone(),
            Const::Number(n) => {
                let mut text = String::new();
                // Writing into a String cannot fail.
                let _ = self.target.numbers.write(&mut text, *n);
                text
            }
            Const::Error => format!("{{${name}}}"),
        };
        out.push(Seg::Text(Cow::Owned(text)), &mut self.budget)
    }

    /// The named arguments of a term reference, which Fluent allows to be
    /// literals only.
    fn term_arguments(
        &self,
        arguments: Option<&ast::CallArguments<&'s str>>,
    ) -> Result<Vec<(&'s str, Const)>, CompileError> {
        let Some(arguments) = arguments else {
            return Ok(Vec::new());
        };
        if !arguments.positional.is_empty() {
            return Err(CompileError::Unsupported(
                "a positional argument to a term".into(),
            ));
        }
        let mut args: Vec<(&'s str, Const)> = Vec::with_capacity(arguments.named.len());
        for arg in &arguments.named {
            let value = literal(&arg.value)?;
            // Of two arguments with one name, the last wins, as in fluent-bundle.
            match args.iter_mut().find(|(n, _)| *n == arg.name.name) {
                Some(existing) => existing.1 = value,
                None => args.push((arg.name.name, value)),
            }
        }
        Ok(args)
    }

    /// A `NUMBER()` call: of a message variable (`Ok`, formatted when
    /// rendering) or of a value known now (`Err`).
    fn number_call(
        &mut self,
        function: &str,
        arguments: &ast::CallArguments<&'s str>,
        shown: bool,
    ) -> Result<Result<(&'s str, NumberPatch), Const>, CompileError> {
        if function != "NUMBER" {
            return Err(CompileError::Unsupported(format!(
                "the function {function}()"
            )));
        }
        let [value] = &arguments.positional[..] else {
            return Err(CompileError::Unsupported(
                "NUMBER() without exactly one value".into(),
            ));
        };
        let patch = number_options(&arguments.named)?;
        let constant = match value {
            ast::InlineExpression::VariableReference { id } => match self.variable(id.name) {
                None => {
                    self.record(id.name, VarScope::Message, shown);
                    return Ok(Ok((id.name, patch)));
                }
                Some(constant) => {
                    if matches!(constant, Const::Error) {
                        self.record(id.name, self.unfilled(), shown);
                    }
                    constant
                }
            },
            ast::InlineExpression::NumberLiteral { value } => number_literal(value)?,
            _ => {
                return Err(CompileError::Unsupported(
                    "NUMBER() of something that is not a variable or a number".into(),
                ))
            }
        };
        Ok(Err(match constant {
            Const::Number(n) => Const::Number(n.with(&patch)),
            other => other,
        }))
    }

    fn inline_reference(
        &mut self,
        name: String,
        pattern: &ast::Pattern<&'s str>,
        out: &mut Builder,
    ) -> Result<(), CompileError> {
        if self.stack.contains(&name) {
            return Err(CompileError::Cycle(name));
        }
        if self.stack.len() > MAX_REFERENCE_DEPTH {
            return Err(CompileError::TooDeep);
        }
        self.stack.push(name);
        let inner = self.pattern(pattern);
        self.stack.pop();
        self.append(inner?, out)
    }

    fn append(&mut self, pattern: Pattern, out: &mut Builder) -> Result<(), CompileError> {
        for seg in pattern.into_segments() {
            // Already checked when it was compiled; isolation marks included.
            out.push_unchecked(seg, &mut self.budget)?;
        }
        Ok(())
    }
}

/// The placeables fluent-bundle never isolates.
fn is_unisolated(expression: &ast::Expression<&str>) -> bool {
    matches!(
        expression,
        ast::Expression::Inline(
            ast::InlineExpression::MessageReference { .. }
                | ast::InlineExpression::TermReference { .. }
                | ast::InlineExpression::StringLiteral { .. }
        )
    )
}

fn literal(value: &ast::InlineExpression<&str>) -> Result<Const, CompileError> {
    match value {
        ast::InlineExpression::StringLiteral { value } => {
            Ok(Const::Str(unescape_unicode_to_string(value).into_owned()))
        }
        ast::InlineExpression::NumberLiteral { value } => number_literal(value),
        _ => Err(CompileError::Unsupported(
            "an argument that is not a literal".into(),
        )),
    }
}

fn number_literal(value: &str) -> Result<Const, CompileError> {
    Number::parse(value)
        .map(Const::Number)
        .ok_or_else(|| CompileError::Unsupported("a number literal of over 64 characters".into()))
}

/// The options of a `NUMBER()` call that the catalog applies. An option
/// fluent-bundle ignores (an unknown name, a value of the wrong type) is
/// ignored; one that changes the text in ways the catalog does not format
/// (currency, percent, significant digits) is refused.
fn number_options(named: &[ast::NamedArgument<&str>]) -> Result<NumberPatch, CompileError> {
    let mut patch = NumberPatch::default();
    for arg in named {
        let name = arg.name.name;
        let value = literal(&arg.value)?;
        let digits = |max: u8| -> Result<Option<u8>, CompileError> {
            let Const::Number(n) = &value else {
                return Ok(None);
            };
            // fluent-bundle converts as `f64 as usize`: truncated, negative to 0.
            let digits = n.as_f64().max(0.0).trunc();
            if digits > f64::from(max) {
                return Err(CompileError::Unsupported(format!(
                    "NUMBER() option {name} above {max}"
                )));
            }
            // In range 0..=max, so the conversion is exact.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            Ok(Some(digits as u8))
        };
        let text = match &value {
            Const::Str(s) => Some(s.as_str()),
            _ => None,
        };
        match name {
            "minimumIntegerDigits" => {
                patch.min_integer_digits = digits(MAX_INTEGER_OPTION)?.or(patch.min_integer_digits);
            }
            "minimumFractionDigits" => {
                patch.min_fraction_digits =
                    digits(MAX_FRACTION_OPTION)?.or(patch.min_fraction_digits);
            }
            "maximumFractionDigits" => {
                patch.max_fraction_digits =
                    digits(MAX_FRACTION_OPTION)?.or(patch.max_fraction_digits);
            }
            "useGrouping" => {
                if let Some(text) = text {
                    patch.grouping = Some(text != "false");
                }
            }
            "type" => {
                if let Some(text) = text {
                    patch.ordinal = Some(text == "ordinal");
                }
            }
            "style" if matches!(text, Some("percent" | "currency")) => {
                return Err(CompileError::Unsupported(format!(
                    "NUMBER() option style: \"{}\"",
                    text.unwrap_or_default()
                )));
            }
            "currency"
            | "currencyDisplay"
            | "minimumSignificantDigits"
            | "maximumSignificantDigits" => {
                return Err(CompileError::Unsupported(format!("NUMBER() option {name}")));
            }
            _ => {}
        }
    }
    Ok(patch)
}

fn qualified(id: &str, attribute: Option<&ast::Identifier<&str>>) -> String {
    match attribute {
        Some(attr) => format!("{id}.{}", attr.name),
        None => id.to_owned(),
    }
}

pub(crate) fn find_attribute<'a, 's>(
    attributes: &'a [ast::Attribute<&'s str>],
    name: &str,
) -> Option<&'a ast::Pattern<&'s str>> {
    attributes
        .iter()
        .find(|a| a.id.name == name)
        .map(|a| &a.value)
}

#[cfg(test)]
mod tests {
    use super::super::uses::Wrong;
    use super::super::SegRef;
    use super::*;

    fn compile_in(source: &str, id: &str, isolate: bool) -> Result<Pattern, CompileError> {
        let resource = fluent_syntax::parser::parse(source).expect("valid test source");
        let entries = Entries::new(&resource);
        let message = entries.message(id).expect("message exists");
        let numbers = NumberFormat::new("en");
        let target = Target {
            numbers: &numbers,
            isolate,
            variables: &[],
        };
        compile(
            message.value.as_ref().expect("has value"),
            &entries,
            id,
            target,
        )
        .map(|c| c.pattern)
    }

    /// The wrong uses of message `id`, given `allowed`, as `(name, why)`.
    fn wrong_uses(source: &str, id: &str, allowed: &[&str]) -> Vec<(String, Wrong)> {
        let resource = fluent_syntax::parser::parse(source).expect("valid test source");
        let entries = Entries::new(&resource);
        let message = entries.message(id).expect("message exists");
        let numbers = NumberFormat::new("de");
        let target = Target {
            numbers: &numbers,
            isolate: false,
            variables: &[],
        };
        let value = message.value.as_ref().expect("has value");
        let compiled = compile(value, &entries, id, target).expect("compiles");
        let wrong = compiled
            .uses
            .wrong(|n| allowed.contains(&n))
            .map(|(u, w)| (u.name.to_owned(), w))
            .collect();
        wrong
    }

    fn compile_id(source: &str, id: &str) -> Result<Pattern, CompileError> {
        compile_in(source, id, false)
    }

    #[test]
    fn a_term_sees_only_its_own_arguments() {
        let p = compile_id("-t = { $resource }\nm = x { -t } { $resource }", "m").unwrap();
        assert_eq!(
            p.into_segments(),
            [
                Seg::Text("x {$resource} ".into()),
                Seg::Var("resource".into(), None)
            ]
        );
        let p = compile_id("-t = [{ $case }]\nm = { -t(case: \"gen\") }", "m").unwrap();
        assert_eq!(p.as_static(), Some("[gen]"));
    }

    #[test]
    fn a_term_attribute_selects_at_load_time() {
        let source = "-brand = Defender\n    .gender = masculine\n\
                      m = { -brand.gender ->\n    [masculine] le { -brand }\n   *[other] la { -brand }\n}";
        assert_eq!(
            compile_id(source, "m").unwrap().as_static(),
            Some("le Defender")
        );
    }

    #[test]
    fn what_a_message_uses_follows_fluent_scoping() {
        let obj = "-obj = { $case ->\n    [gen] des Geräts\n   *[nom] das Gerät\n}\n";
        // A term's selector that is not passed takes the default variant.
        let m = format!("{obj}m = {{ -obj(case: \"gen\") }}; {{ -obj }} fehlt.");
        assert_eq!(wrong_uses(&m, "m", &[]), []);
        // A term's value written out without being passed is shown unfilled.
        let items = "-items = { $n ->\n    [one] ein Element\n   *[other] { $n } Elemente\n}\n";
        assert_eq!(
            wrong_uses(&format!("{items}m = {{ -items }}"), "m", &["n"]),
            [("n".to_owned(), Wrong::NotPassed)]
        );
        assert_eq!(
            wrong_uses(&format!("{items}m = {{ -items(n: 1) }}"), "m", &[]),
            []
        );
        // A message's own variable, reached through a message reference too.
        let m = "a = { $hash } { $hash }\nm = { a } { $x ->\n   *[o] y\n}";
        assert_eq!(
            wrong_uses(m, "m", &[]),
            [
                ("hash".to_owned(), Wrong::Shown),
                ("x".to_owned(), Wrong::Selector)
            ]
        );
        assert_eq!(wrong_uses(m, "m", &["hash", "x"]), []);
    }

    #[test]
    fn isolation_marks_go_where_fluent_bundle_puts_them() {
        // A pattern that is a single placeable gets none.
        let p = compile_in("m = { $x }", "m", true).unwrap();
        assert_eq!(p.into_segments(), [Seg::Var("x".into(), None)]);
        let p = compile_in("m = a { $x } { \"s\" } { 5 }", "m", true).unwrap();
        assert_eq!(
            p.into_segments(),
            [
                Seg::Text("a \u{2068}".into()),
                Seg::Var("x".into(), None),
                Seg::Text("\u{2069} s \u{2068}5\u{2069}".into())
            ]
        );
    }

    #[test]
    fn references_are_inlined_and_text_is_merged() {
        let p = compile_id(
            "-brand = Defender\nhi = Hello { -brand } and { $name }!",
            "hi",
        )
        .unwrap();
        assert_eq!(
            p.into_segments(),
            [
                Seg::Text("Hello Defender and ".into()),
                Seg::Var("name".into(), None),
                Seg::Text("!".into())
            ]
        );
        let p = compile_id("a = x\nb = { a }{ \"\\u00A0\" }y", "b").unwrap();
        assert_eq!(p.as_static(), Some("x\u{a0}y"));
    }

    #[test]
    fn cycles_depth_and_expansion_are_refused() {
        assert_eq!(
            compile_id("a = { b }\nb = { a }", "a"),
            Err(CompileError::Cycle("a".into()))
        );
        let chain: String = (0..20)
            .map(|i| format!("m{i} = {{ m{} }}\n", i + 1))
            .collect();
        assert_eq!(
            compile_id(&format!("{chain}m20 = end"), "m0"),
            Err(CompileError::TooDeep)
        );
        let laughs: String = (0..8)
            .map(|i| {
                format!(
                    "l{i} = {{ l{n} }}{{ l{n} }}{{ l{n} }}{{ l{n} }}{{ $v }}\n",
                    n = i + 1
                )
            })
            .collect();
        assert_eq!(
            compile_id(&format!("{laughs}l8 = lol"), "l0"),
            Err(CompileError::TooLarge)
        );
    }

    #[test]
    fn unsupported_constructs_are_errors() {
        assert!(matches!(
            compile_id("a = { DATETIME($d) }", "a"),
            Err(CompileError::Unsupported(_))
        ));
        assert!(matches!(
            compile_id("a = { NUMBER($n, style: \"percent\") }", "a"),
            Err(CompileError::Unsupported(_))
        ));
        assert_eq!(
            compile_id("a = { nope }", "a"),
            Err(CompileError::UnknownMessage("nope".into()))
        );
    }

    #[test]
    fn selects_keep_their_variants_and_variables() {
        let p = compile_id(
            "a = { $n ->\n    [one] one { $x }\n   *[other] { NUMBER($n) } items\n}",
            "a",
        )
        .unwrap();
        let mut first = None;
        p.for_each_segment(|seg| {
            first.get_or_insert(seg);
        });
        let Some(SegRef::Select(select)) = first else {
            panic!("expected a select, got {p:?}")
        };
        assert_eq!(select.default, 1);
        assert_eq!(select.variants[0].0, Key::Ident("one".into()));
        assert!(matches!(&select.selector, Selector::Var(n) if &**n == "n"));
    }
}
