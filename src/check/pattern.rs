//! What the checks need to know of one pattern (a message's value or an
//! attribute) besides its variables, which the compiler tells
//! ([`crate::pattern::uses`]): its text and its selects, each with the slice
//! of the source it came from, so that a finding can point at it.

use fluent_syntax::ast;

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
    /// The pattern's own text: text elements and string literals.
    pub(super) texts: Vec<&'s str>,
    pub(super) selects: Vec<SelectUse<'s>>,
}

impl Facts<'_> {
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

/// Collects the facts of `pattern`: its own text and selects (the text of
/// a referenced message or term is that entry's own).
pub(super) fn facts<'s>(pattern: &ast::Pattern<&'s str>) -> Facts<'s> {
    let mut facts = Facts::default();
    walk_pattern(&mut facts, pattern);
    facts
}

fn walk_pattern<'s>(facts: &mut Facts<'s>, pattern: &ast::Pattern<&'s str>) {
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => facts.texts.push(value),
            ast::PatternElement::Placeable { expression } => walk_expression(facts, expression),
        }
    }
}

fn walk_expression<'s>(facts: &mut Facts<'s>, expression: &ast::Expression<&'s str>) {
    match expression {
        ast::Expression::Inline(inline) => walk_inline(facts, inline),
        ast::Expression::Select { selector, variants } => {
            walk_inline(facts, selector);
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
            if let Some(selector) = variable {
                let keys = variants
                    .iter()
                    .filter_map(|v| match v.key {
                        ast::VariantKey::Identifier { name } => Some(name),
                        ast::VariantKey::NumberLiteral { .. } => None,
                    })
                    .collect();
                facts.selects.push(SelectUse {
                    selector,
                    number_function,
                    keys,
                });
            }
            for variant in variants {
                walk_pattern(facts, &variant.value);
            }
        }
    }
}

fn walk_inline<'s>(facts: &mut Facts<'s>, inline: &ast::InlineExpression<&'s str>) {
    match inline {
        ast::InlineExpression::StringLiteral { value } => facts.texts.push(value),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                walk_inline(facts, argument);
            }
        }
        ast::InlineExpression::Placeable { expression } => walk_expression(facts, expression),
        _ => {}
    }
}
