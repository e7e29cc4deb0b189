//! What the checks need to know of one pattern (a message's value or an
//! attribute): its variables, its text and its selects, each with the slice of
//! the source it came from, so that a finding can point at it.

use std::collections::HashMap;

use fluent_syntax::ast;

use crate::pattern::compile::{find_attribute, MAX_REFERENCE_DEPTH};

/// A `$variable` in a pattern. `name` borrows the source, after the `$`.
pub(super) struct VarUse<'s> {
    pub(super) name: &'s str,
    /// Whether it sits inside a variant of a select rather than in every
    /// rendering of the pattern.
    pub(super) in_variant: bool,
}

/// A select expression: its selector and the identifier keys of its variants.
pub(super) struct SelectUse<'s> {
    /// The variable selected on (borrowed from the source).
    pub(super) selector: &'s str,
    /// `NUMBER($x)` rather than `$x`.
    pub(super) number_function: bool,
    /// Identifier keys such as `one` or `other` (numeric keys are left out).
    pub(super) keys: Vec<&'s str>,
}

#[derive(Default)]
pub(super) struct Facts<'s> {
    pub(super) vars: Vec<VarUse<'s>>,
    /// The pattern's own text: text elements and string literals.
    pub(super) texts: Vec<&'s str>,
    pub(super) selects: Vec<SelectUse<'s>>,
}

impl Facts<'_> {
    /// Whether `name` is used anywhere in the pattern.
    pub(super) fn uses(&self, name: &str) -> bool {
        self.vars.iter().any(|v| v.name == name)
    }

    /// The pattern's own text with white space collapsed, to compare a
    /// translation with English.
    pub(super) fn plain_text(&self) -> String {
        let mut words = String::new();
        for text in &self.texts {
            words.push_str(text);
            words.push(' ');
        }
        words.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// The messages and terms of a file by id (the first of two with one id), to
/// follow references.
#[derive(Default)]
pub(super) struct Refs<'r, 's> {
    pub(super) messages: HashMap<&'s str, &'r ast::Message<&'s str>>,
    pub(super) terms: HashMap<&'s str, &'r ast::Term<&'s str>>,
}

impl<'r, 's> Refs<'r, 's> {
    pub(super) fn new(resource: &'r ast::Resource<&'s str>) -> Self {
        let mut refs = Self::default();
        for entry in &resource.body {
            match entry {
                ast::Entry::Message(m) => {
                    refs.messages.entry(m.id.name).or_insert(m);
                }
                ast::Entry::Term(t) => {
                    refs.terms.entry(t.id.name).or_insert(t);
                }
                _ => {}
            }
        }
        refs
    }
}

/// Collects the facts of `pattern`. Variables of referenced messages and terms
/// count as the pattern's own (Fluent passes the arguments on); each
/// reference is followed once, at most [`MAX_REFERENCE_DEPTH`] deep.
pub(super) fn facts<'s>(pattern: &ast::Pattern<&'s str>, refs: &Refs<'_, 's>) -> Facts<'s> {
    let mut walker = Walker {
        refs,
        facts: Facts::default(),
        visited: Vec::new(),
    };
    walker.pattern(pattern, false, 0);
    walker.facts
}

struct Walker<'a, 'r, 's> {
    refs: &'a Refs<'r, 's>,
    facts: Facts<'s>,
    visited: Vec<(bool, &'s str, Option<&'s str>)>,
}

impl<'s> Walker<'_, '_, 's> {
    fn pattern(&mut self, pattern: &ast::Pattern<&'s str>, in_variant: bool, depth: usize) {
        for element in &pattern.elements {
            match element {
                ast::PatternElement::TextElement { value } => {
                    if depth == 0 {
                        self.facts.texts.push(value);
                    }
                }
                ast::PatternElement::Placeable { expression } => {
                    self.expression(expression, in_variant, depth);
                }
            }
        }
    }

    fn expression(
        &mut self,
        expression: &ast::Expression<&'s str>,
        in_variant: bool,
        depth: usize,
    ) {
        match expression {
            ast::Expression::Inline(inline) => self.inline(inline, in_variant, depth),
            ast::Expression::Select { selector, variants } => {
                self.inline(selector, in_variant, depth);
                let (variable, number_function) = match selector {
                    ast::InlineExpression::VariableReference { id } => (Some(id.name), false),
                    ast::InlineExpression::FunctionReference { id, arguments } => (
                        arguments.positional.iter().find_map(|a| match a {
                            ast::InlineExpression::VariableReference { id } => Some(id.name),
                            _ => None,
                        }),
                        id.name == "NUMBER",
                    ),
                    _ => (None, false),
                };
                if let Some(selector) = variable.filter(|_| depth == 0) {
                    let keys = variants
                        .iter()
                        .filter_map(|v| match v.key {
                            ast::VariantKey::Identifier { name } => Some(name),
                            ast::VariantKey::NumberLiteral { .. } => None,
                        })
                        .collect();
                    self.facts.selects.push(SelectUse {
                        selector,
                        number_function,
                        keys,
                    });
                }
                for variant in variants {
                    self.pattern(&variant.value, true, depth);
                }
            }
        }
    }

    fn inline(&mut self, inline: &ast::InlineExpression<&'s str>, in_variant: bool, depth: usize) {
        match inline {
            ast::InlineExpression::StringLiteral { value } => {
                if depth == 0 {
                    self.facts.texts.push(value);
                }
            }
            ast::InlineExpression::NumberLiteral { .. } => {}
            ast::InlineExpression::VariableReference { id } => self.facts.vars.push(VarUse {
                name: id.name,
                in_variant,
            }),
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                for argument in &arguments.positional {
                    self.inline(argument, in_variant, depth);
                }
                for argument in &arguments.named {
                    self.inline(&argument.value, in_variant, depth);
                }
            }
            ast::InlineExpression::MessageReference { id, attribute } => {
                let pattern = self
                    .refs
                    .messages
                    .get(id.name)
                    .and_then(|m| match attribute {
                        None => m.value.as_ref(),
                        Some(a) => find_attribute(&m.attributes, a.name),
                    });
                self.reference(
                    (false, id.name, attribute.as_ref().map(|a| a.name)),
                    pattern,
                    in_variant,
                    depth,
                );
            }
            ast::InlineExpression::TermReference {
                id,
                attribute,
                arguments,
            } => {
                if let Some(arguments) = arguments {
                    for argument in &arguments.named {
                        self.inline(&argument.value, in_variant, depth);
                    }
                }
                let pattern = self.refs.terms.get(id.name).and_then(|t| match attribute {
                    None => Some(&t.value),
                    Some(a) => find_attribute(&t.attributes, a.name),
                });
                self.reference(
                    (true, id.name, attribute.as_ref().map(|a| a.name)),
                    pattern,
                    in_variant,
                    depth,
                );
            }
            ast::InlineExpression::Placeable { expression } => {
                self.expression(expression, in_variant, depth);
            }
        }
    }

    fn reference(
        &mut self,
        key: (bool, &'s str, Option<&'s str>),
        pattern: Option<&ast::Pattern<&'s str>>,
        in_variant: bool,
        depth: usize,
    ) {
        if depth >= MAX_REFERENCE_DEPTH || self.visited.contains(&key) {
            return;
        }
        self.visited.push(key);
        if let Some(pattern) = pattern {
            self.pattern(pattern, in_variant, depth + 1);
        }
    }
}
