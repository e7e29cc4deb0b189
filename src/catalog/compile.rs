//! Compiling Fluent's AST into the catalog's own patterns.
//!
//! A pattern is a flat list of text and variable segments, plus select
//! expressions. Message and term references are inlined here, once, so that
//! rendering never looks anything up by name and never takes a lock
//! (fluent-bundle's concurrent memoizer locks a `Mutex` for every number or
//! plural rule it formats). What this compiler does not support is an error,
//! and the message then falls back to English: it never renders half-resolved.

use std::collections::HashMap;
use std::fmt;

use fluent_syntax::ast;
use fluent_syntax::unicode::unescape_unicode_to_string;

use crate::render::escape::is_unsafe_char;
use crate::render::number::Number;

/// How deep message and term references may nest.
pub(crate) const MAX_REFERENCE_DEPTH: usize = 8;
/// How large one compiled pattern may grow, in segments and in bytes of text,
/// so that references that expand exponentially ("billion laughs") are refused.
pub(crate) const MAX_SEGMENTS: usize = 512;
pub(crate) const MAX_TEXT_BYTES: usize = 16 * 1024;

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Pattern {
    segments: Box<[Seg]>,
    /// A rough size of the rendered text, to reserve a buffer once.
    size_hint: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Seg {
    Text(Box<str>),
    Var(Box<str>),
    Number(Number),
    Select(Box<Select>),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Select {
    pub(crate) selector: Box<str>,
    pub(crate) variants: Box<[(Key, Pattern)]>,
    pub(crate) default: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Key {
    Ident(Box<str>),
    Number(Box<str>),
}

impl Pattern {
    /// The whole text, when the pattern has no variable or select.
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

    /// Every variable name the pattern uses, selectors included, each once.
    pub(crate) fn variables(&self) -> Vec<&str> {
        fn walk<'p>(p: &'p Pattern, out: &mut Vec<&'p str>) {
            for seg in p.segments() {
                let name = match seg {
                    Seg::Var(name) => name,
                    Seg::Select(select) => {
                        for (_, variant) in select.variants.iter() {
                            walk(variant, out);
                        }
                        &select.selector
                    }
                    Seg::Text(_) | Seg::Number(_) => continue,
                };
                if !out.contains(&&**name) {
                    out.push(name);
                }
            }
        }
        let mut out = Vec::new();
        walk(self, &mut out);
        out
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
                Seg::Var(_) | Seg::Number(_) | Seg::Select(_) => 16,
            })
            .sum();
        Self {
            segments: segments.into_boxed_slice(),
            size_hint,
        }
    }
}

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
                "the text expands beyond {MAX_SEGMENTS} parts or {MAX_TEXT_BYTES} bytes"
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

    #[cfg(test)]
    pub(crate) fn message(&self, id: &str) -> Option<&'r ast::Message<&'s str>> {
        self.messages.get(id).copied()
    }
}

/// Compiles one pattern of the resource that `entries` indexes; `name` is the
/// message (or `message.attribute`) it belongs to, so that a reference back to
/// it is caught as a cycle.
pub(crate) fn compile(
    pattern: &ast::Pattern<&str>,
    entries: &Entries<'_, '_>,
    name: &str,
) -> Result<Pattern, CompileError> {
    let mut compiler = Compiler {
        entries,
        stack: vec![name.to_owned()],
        budget: Budget::default(),
    };
    compiler.pattern(pattern)
}

#[derive(Default)]
struct Budget {
    segments: usize,
    text: usize,
}

struct Compiler<'e, 'r, 's> {
    entries: &'e Entries<'r, 's>,
    stack: Vec<String>,
    budget: Budget,
}

struct Builder(Vec<Seg>);

impl Builder {
    fn push(&mut self, seg: Seg, budget: &mut Budget) -> Result<(), CompileError> {
        if let Seg::Text(t) = &seg {
            // The catalog's own text must not carry what values are escaped
            // of; a line break of a multi-line message is the one exception.
            if let Some(c) = t.chars().find(|&c| c != '\n' && is_unsafe_char(c)) {
                return Err(CompileError::UnsafeChar(c));
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

impl Budget {
    fn check(&self) -> Result<(), CompileError> {
        if self.segments > MAX_SEGMENTS || self.text > MAX_TEXT_BYTES {
            Err(CompileError::TooLarge)
        } else {
            Ok(())
        }
    }
}

impl Compiler<'_, '_, '_> {
    fn pattern(&mut self, pattern: &ast::Pattern<&str>) -> Result<Pattern, CompileError> {
        let mut out = Builder(Vec::with_capacity(pattern.elements.len()));
        for element in &pattern.elements {
            match element {
                ast::PatternElement::TextElement { value } => {
                    out.push(Seg::Text((*value).into()), &mut self.budget)?;
                }
                ast::PatternElement::Placeable { expression } => {
                    self.expression(expression, &mut out)?;
                }
            }
        }
        Ok(Pattern::new(out.0))
    }

    fn expression(
        &mut self,
        expression: &ast::Expression<&str>,
        out: &mut Builder,
    ) -> Result<(), CompileError> {
        match expression {
            ast::Expression::Inline(inline) => self.inline(inline, out),
            ast::Expression::Select { selector, variants } => {
                let selector = match selector {
                    ast::InlineExpression::VariableReference { id } => id.name,
                    ast::InlineExpression::FunctionReference { id, arguments } => {
                        number_argument(id.name, arguments)?
                    }
                    _ => {
                        return Err(CompileError::Unsupported(
                            "a selector that is not a $variable".into(),
                        ))
                    }
                };
                let mut compiled = Vec::with_capacity(variants.len());
                let mut default = 0;
                for (i, variant) in variants.iter().enumerate() {
                    let key = match &variant.key {
                        ast::VariantKey::Identifier { name } => Key::Ident((*name).into()),
                        ast::VariantKey::NumberLiteral { value } => Key::Number((*value).into()),
                    };
                    if variant.default {
                        default = i;
                    }
                    compiled.push((key, self.pattern(&variant.value)?));
                }
                out.push(
                    Seg::Select(Box::new(Select {
                        selector: selector.into(),
                        variants: compiled.into_boxed_slice(),
                        default,
                    })),
                    &mut self.budget,
                )
            }
        }
    }

    fn inline(
        &mut self,
        inline: &ast::InlineExpression<&str>,
        out: &mut Builder,
    ) -> Result<(), CompileError> {
        match inline {
            ast::InlineExpression::StringLiteral { value } => {
                let text = unescape_unicode_to_string(value);
                out.push(Seg::Text(text.as_ref().into()), &mut self.budget)
            }
            ast::InlineExpression::NumberLiteral { value } => match Number::parse(value) {
                Some(n) => out.push(Seg::Number(n), &mut self.budget),
                None => out.push(Seg::Text((*value).into()), &mut self.budget),
            },
            ast::InlineExpression::VariableReference { id } => {
                out.push(Seg::Var(id.name.into()), &mut self.budget)
            }
            ast::InlineExpression::FunctionReference { id, arguments } => {
                let name = number_argument(id.name, arguments)?;
                out.push(Seg::Var(name.into()), &mut self.budget)
            }
            ast::InlineExpression::MessageReference { id, attribute } => {
                let message = self
                    .entries
                    .messages
                    .get(id.name)
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
                if arguments.is_some() {
                    return Err(CompileError::Unsupported("a term with arguments".into()));
                }
                let term = self
                    .entries
                    .terms
                    .get(id.name)
                    .ok_or_else(|| CompileError::UnknownTerm(id.name.into()))?;
                let pattern = match attribute {
                    None => Some(&term.value),
                    Some(attr) => find_attribute(&term.attributes, attr.name),
                };
                let name = format!("-{}", qualified(id.name, attribute.as_ref()));
                let pattern = pattern.ok_or_else(|| CompileError::MissingValue(name.clone()))?;
                self.inline_reference(name, pattern, out)
            }
            ast::InlineExpression::Placeable { expression } => self.expression(expression, out),
        }
    }

    fn inline_reference(
        &mut self,
        name: String,
        pattern: &ast::Pattern<&str>,
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
        for seg in inner?.segments.into_vec() {
            out.push(seg, &mut self.budget)?;
        }
        Ok(())
    }
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

/// `NUMBER($var)` without options is the only function: the catalog already
/// formats every number for its locale.
fn number_argument<'s>(
    function: &str,
    arguments: &ast::CallArguments<&'s str>,
) -> Result<&'s str, CompileError> {
    match (
        function,
        &arguments.positional[..],
        arguments.named.is_empty(),
    ) {
        ("NUMBER", [ast::InlineExpression::VariableReference { id }], true) => Ok(id.name),
        ("NUMBER", _, _) => Err(CompileError::Unsupported(
            "NUMBER() with options or without a single $variable".into(),
        )),
        (other, _, _) => Err(CompileError::Unsupported(format!("the function {other}()"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile_id(source: &str, id: &str) -> Result<Pattern, CompileError> {
        let resource = fluent_syntax::parser::parse(source).expect("valid test source");
        let entries = Entries::new(&resource);
        let message = entries.message(id).expect("message exists");
        compile(message.value.as_ref().expect("has value"), &entries, id)
    }

    #[test]
    fn references_are_inlined_and_text_is_merged() {
        let p = compile_id(
            "-brand = Defender\nhi = Hello { -brand } and { $name }!",
            "hi",
        )
        .unwrap();
        assert_eq!(
            p.segments(),
            [
                Seg::Text("Hello Defender and ".into()),
                Seg::Var("name".into()),
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
            compile_id("-t = x\na = { -t(case: \"gen\") }", "a"),
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
        assert_eq!(p.variables(), ["x", "n"]);
        let Seg::Select(select) = &p.segments()[0] else {
            panic!("expected a select, got {p:?}")
        };
        assert_eq!(select.default, 1);
        assert_eq!(select.variants[0].0, Key::Ident("one".into()));
    }
}
