//! Checks of one message against English's (or, for English itself, against
//! the codes' contract): its value and attributes, variables, text, verbatim
//! tokens and plural categories.

use std::ops::Range;

use fluent_syntax::ast;

use super::english::{contains_word, verbatim_tokens, English, TARGET};
use super::finding::Rule;
use super::lexical::{leading_id, placeholders};
use super::pattern::{facts, Facts};
use super::review::{shown, Record};
use super::sink::Sink;
use crate::catalog::load::ATTRIBUTES;
use crate::code::{ErrorCode, VariableKind};
use crate::diagnostic::span::{offset_of, range_of, range_with_sigil};
use crate::pattern::compile::{compile, CompileError, Entries, Target};
use crate::pattern::uses::{Uses, VarScope, Wrong};
use crate::render::number::NumberFormat;

/// CLDR's plural categories.
const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// One message being checked.
pub(super) struct MessageContext<'a, 'r, 's> {
    pub(super) name: &'s str,
    pub(super) id_range: Range<usize>,
    pub(super) code: Option<ErrorCode>,
    pub(super) known: bool,
    pub(super) is_source: bool,
    pub(super) entries: &'a Entries<'r, 's>,
    /// The locale's numbers, which constants are formatted with.
    pub(super) numbers: &'a NumberFormat,
    pub(super) english: &'a English,
    /// The English the translation was reviewed against, when known.
    pub(super) record: Option<&'a Record>,
}

impl<'s> MessageContext<'_, '_, 's> {
    pub(super) fn check(&self, sink: &mut Sink<'_>, message: &ast::Message<&'s str>) {
        let name = self.name;
        match &message.value {
            Some(value) => {
                self.outdated(sink, None, self.id_range.clone());
                self.part(sink, None, self.id_range.clone(), value);
            }
            None => sink.add(
                Rule::MissingValue,
                self.id_range.clone(),
                Some(name),
                format!("`{name}` has attributes but no text of its own; write its text after `=`"),
            ),
        }
        let mut attributes: Vec<&str> = Vec::new();
        for attribute in &message.attributes {
            let attr = attribute.id.name;
            let range = range_with_sigil(sink.text(), attr);
            if attributes.contains(&attr) {
                sink.add(
                    Rule::DuplicateId,
                    range,
                    Some(name),
                    format!("`.{attr}` is defined twice in `{name}`: only the first one is used"),
                );
                continue;
            }
            attributes.push(attr);
            if !self.allows_attribute(attr) {
                if self.known {
                    let hint = self
                        .attribute_names()
                        .into_iter()
                        .filter(|a| !message.attributes.iter().any(|m| m.id.name == *a))
                        .map(|a| format!("; did you mean `.{a}`?"))
                        .next()
                        .unwrap_or_default();
                    sink.add(
                        Rule::ExtraAttribute,
                        range,
                        Some(name),
                        format!(
                            "English has no `.{attr}` in `{name}`, so it is never shown; \
                             attribute names are never translated{hint}"
                        ),
                    );
                }
                continue;
            }
            self.outdated(sink, Some(attr), range.clone());
            self.part(sink, Some(attr), range, &attribute.value);
        }
        if self.known {
            for expected in self.required_attributes() {
                if !attributes.contains(&expected.as_str()) {
                    sink.add(
                        Rule::MissingAttribute,
                        self.id_range.clone(),
                        Some(name),
                        format!("`{name}` has no `.{expected}`, so English's is shown; add it"),
                    );
                }
            }
        }
    }

    /// Whether English's part `attr` (`None` for the value) changed since the
    /// translation was reviewed; a message with no record at all is
    /// reported once, at its value.
    fn outdated(&self, sink: &mut Sink<'_>, attr: Option<&str>, at: Range<usize>) {
        let (Some(record), false) = (self.record, self.is_source) else {
            return;
        };
        let name = self.name;
        let Some(english) = self.english.part(name, attr).filter(|_| self.known) else {
            return;
        };
        let mark = format!("`{}`", sink.mark_reviewed_command(name));
        if !record.has(name) {
            if attr.is_none() {
                sink.add(
                    Rule::Outdated,
                    at,
                    Some(name),
                    format!(
                        "nothing records which English `{name}` was translated from; \
                         compare it with English (“{}”), then run {mark}",
                        shown(&english.canonical)
                    ),
                );
            }
            return;
        }
        let key = attr.map_or(name.to_owned(), |a| format!("{name}.{a}"));
        let old = record.part(&key);
        if old == Some(english.canonical.as_str()) {
            return;
        }
        let was = old.map_or("nothing".to_owned(), |o| format!("“{}”", shown(o)));
        sink.add(
            Rule::Outdated,
            at,
            Some(name),
            format!(
                "English `{key}` changed since this was translated: it was {was}, it is now \
                 “{}”; update the translation, then run {mark}",
                shown(&english.canonical)
            ),
        );
    }

    /// The attributes English has (or, for English, the ones the catalog reads).
    fn attribute_names(&self) -> Vec<String> {
        if self.is_source {
            return ATTRIBUTES.iter().map(|a| (*a).to_owned()).collect();
        }
        self.english
            .messages
            .get(self.name)
            .map(|parts| parts.iter().filter_map(|p| p.name.clone()).collect())
            .unwrap_or_default()
    }

    fn allows_attribute(&self, attr: &str) -> bool {
        !self.known || self.attribute_names().iter().any(|a| a == attr)
    }

    fn required_attributes(&self) -> Vec<String> {
        if !self.is_source {
            return self.attribute_names();
        }
        match self.code {
            Some(code) if !code.variables().is_empty() => vec!["generic".into()],
            _ => Vec::new(),
        }
    }

    /// The variables a part may use, and the ones it should use.
    fn variables(&self, attr: Option<&str>) -> (Vec<String>, Vec<String>) {
        let contract: Vec<String> = self
            .code
            .map(|c| c.variables().iter().map(|v| v.name.to_owned()).collect())
            .unwrap_or_default();
        if self.is_source {
            return match attr {
                None => (contract.clone(), contract),
                Some("note" | "hint") => (contract, Vec::new()),
                Some(_) => (Vec::new(), Vec::new()),
            };
        }
        let Some(part) = self.english.part(self.name, attr) else {
            return (contract, Vec::new());
        };
        let mut allowed: Vec<String> = part
            .vars
            .iter()
            .chain(&part.variant_vars)
            .cloned()
            .collect();
        if attr != Some("generic") {
            if let Some(value) = self.english.part(self.name, None) {
                allowed.extend(value.vars.iter().chain(&value.variant_vars).cloned());
            }
        }
        let mut unique: Vec<String> = Vec::new();
        for name in allowed {
            if !unique.contains(&name) {
                unique.push(name);
            }
        }
        (unique, part.vars.clone())
    }

    /// Checks one pattern: `attr` is `None` for the value; `at` is where a
    /// finding about the whole pattern points.
    fn part(
        &self,
        sink: &mut Sink<'_>,
        attr: Option<&str>,
        at: Range<usize>,
        pattern: &ast::Pattern<&'s str>,
    ) {
        let name = self.name;
        let text = sink.text();
        let part_name = attr.map_or(format!("`{name}`"), |a| format!("`{name}.{a}`"));
        let qualified = attr.map_or(name.to_owned(), |a| format!("{name}.{a}"));
        let target = Target {
            numbers: self.numbers,
            isolate: false,
            variables: self.code.map_or(&[], |c| c.variables()),
        };
        // What the part uses, as the compiler resolves it; when it cannot
        // be compiled, English is shown and its variables are not looked at.
        let uses = match compile(pattern, self.entries, &qualified, target) {
            Ok(compiled) => Some(compiled.uses),
            Err(error) => {
                // A character written as itself already has its `forbidden-char`
                // finding; one written as an escape (`{ "\u202E" }`) has only this.
                if !matches!(error, CompileError::UnsafeChar(c) if text.contains(c)) {
                    sink.add(
                        Rule::Unresolved,
                        at.clone(),
                        Some(name),
                        format!("{part_name}: {error}, so English is shown"),
                    );
                }
                None
            }
        };
        let facts = facts(pattern);
        self.glued_lines(sink, &facts);
        if !self.is_source {
            super::typography::check(sink, name, pattern);
        }
        for text_part in &facts.texts {
            let base = offset_of(text, text_part).unwrap_or(0);
            for found in placeholders(text_part) {
                let range = base + found.start..base + found.end;
                let shown = text.get(range.clone()).unwrap_or_default();
                sink.add(
                    Rule::PlaceholderText,
                    range,
                    Some(name),
                    format!(
                        "`{shown}` is the article's placeholder written as text, and a user \
                         would see it as is; {}",
                        self.english.use_instead(Some(name))
                    ),
                );
            }
        }
        if let Some(uses) = uses.filter(|_| self.known) {
            self.variables_used(sink, attr, &at, &uses);
        }
        if !self.known {
            return;
        }
        self.plural_categories(sink, &facts);
        if self.is_source {
            return;
        }
        let Some(english) = self.english.part(name, attr) else {
            return;
        };
        let plain = facts.plain_text();
        for token in &english.tokens {
            if !contains_word(&plain, token) {
                let what = if *token == TARGET {
                    "the name of the JSON property that holds the tracking id"
                } else {
                    "an error code of the API"
                };
                sink.add(
                    Rule::VerbatimToken,
                    at.clone(),
                    Some(name),
                    format!(
                        "English has `{token}` in {part_name}, and the translation does not: \
                         it is {what}; write it exactly as English does"
                    ),
                );
            }
        }
        let translatable = verbatim_tokens()
            .fold(english.text.clone(), |t, token| t.replace(token, ""))
            .chars()
            .any(char::is_alphabetic);
        if translatable && plain == english.text {
            let first = facts
                .texts
                .first()
                .map_or(at.clone(), |t| range_of(text, t));
            sink.add(
                Rule::Untranslated,
                first,
                Some(name),
                format!("{part_name} is the English text; translate it"),
            );
        }
    }

    /// The variables of one part: each wrong use once, and each variable
    /// English always shows that the part never uses.
    fn variables_used(
        &self,
        sink: &mut Sink<'_>,
        attr: Option<&str>,
        at: &Range<usize>,
        uses: &Uses<'_>,
    ) {
        let name = self.name;
        let text = sink.text();
        let part_name = attr.map_or(format!("`{name}`"), |a| format!("`{name}.{a}`"));
        let (allowed, expected) = self.variables(attr);
        let missing: Vec<&String> = expected.iter().filter(|e| !uses.uses(e)).collect();
        for (var, why) in uses.wrong(|n| allowed.iter().any(|a| a == n)) {
            let range = range_with_sigil(text, var.name);
            let hint = match (&missing[..], &allowed[..]) {
                ([only], _) => format!("; did you mean `${only}`?"),
                (_, []) => format!("; {part_name} takes no variable"),
                _ => format!(
                    "; {part_name} takes {}",
                    allowed
                        .iter()
                        .map(|a| format!("`${a}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            let var_name = var.name;
            let message = match (why, &var.scope) {
                (Wrong::NotPassed, VarScope::Unfilled(term)) => format!(
                    "`{term}` shows `${var_name}`, and {part_name} does not pass it, so a user \
                     would see `{{${var_name}}}`; pass it (`{{ {term}({var_name}: \"…\") }}`) or \
                     choose on it in a select with a default variant"
                ),
                (Wrong::Selector, _) => format!(
                    "`${var_name}` is not a variable of {part_name}, so this select always takes \
                     its default variant; variable names are never translated{hint}"
                ),
                _ => format!(
                    "`${var_name}` is not a variable of {part_name}, so a user would see it \
                     unfilled; variable names are never translated{hint}"
                ),
            };
            sink.add(Rule::UnknownVariable, range, Some(name), message);
        }
        for var in missing {
            sink.add(
                Rule::MissingVariable,
                at.clone(),
                Some(name),
                format!(
                    "{part_name} does not use `${var}`, so a user does not see its value; \
                     put {{ ${var} }} where the sentence needs it"
                ),
            );
        }
    }

    /// Indented lines that look like a new `id = value` entry: Fluent reads
    /// them as more text of the message above.
    fn glued_lines(&self, sink: &mut Sink<'_>, facts: &Facts<'s>) {
        let text = sink.text();
        for part in &facts.texts {
            let Some(start) = offset_of(text, part) else {
                continue;
            };
            let line_start = text.get(..start).and_then(|t| t.rfind('\n')).map(|i| i + 1);
            let indented = line_start.is_some_and(|ls| {
                ls < start
                    && text
                        .get(ls..start)
                        .is_some_and(|gap| gap.chars().all(|c| c == ' '))
            });
            let Some(id) = leading_id(part).filter(|_| indented) else {
                continue;
            };
            sink.add(
                Rule::GluedEntry,
                start..start + id.len(),
                Some(self.name),
                format!(
                    "this indented line looks like the message `{id}`, but Fluent reads it as \
                     more text of `{}`; remove the spaces before `{id}`",
                    self.name
                ),
            );
        }
    }

    /// Selects on a number must have a variant for each plural category the
    /// locale uses, and no key that is not a category.
    fn plural_categories(&self, sink: &mut Sink<'_>, facts: &Facts<'s>) {
        let text = sink.text();
        let needed = self.numbers.categories();
        for select in &facts.selects {
            let number = select.number_function
                || self
                    .code
                    .and_then(|c| c.variable(select.selector))
                    .is_some_and(|v| v.kind == VariableKind::Number);
            if !number {
                continue;
            }
            let range = range_with_sigil(text, select.selector);
            for key in &select.keys {
                if !PLURAL_CATEGORIES.contains(key) {
                    sink.add(
                        Rule::PluralCategories,
                        range_of(text, key),
                        Some(self.name),
                        format!(
                            "`{key}` is not a plural category, so this variant is never chosen; \
                             the categories of `{}` are {}",
                            sink.locale(),
                            needed.join(", ")
                        ),
                    );
                }
            }
            let missing: Vec<&str> = needed
                .iter()
                .copied()
                .filter(|c| !select.keys.contains(c))
                .collect();
            if !missing.is_empty() {
                sink.add(
                    Rule::PluralCategories,
                    range.clone(),
                    Some(self.name),
                    format!(
                        "numbers in `{}` take the plural categories {}; this select lacks {}, so \
                         such numbers get the default variant: add {}",
                        sink.locale(),
                        needed.join(", "),
                        missing.join(", "),
                        missing
                            .iter()
                            .map(|m| format!("[{m}]"))
                            .collect::<Vec<_>>()
                            .join(" ")
                    ),
                );
            }
        }
    }
}
