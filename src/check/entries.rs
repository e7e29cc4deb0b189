//! Checks of the parsed entries against English (or, for English itself,
//! against the codes' contract): ids, attributes, values, variables, text,
//! verbatim tokens and plural categories.

use std::collections::HashMap;
use std::ops::Range;

use fluent_syntax::ast;

use super::finding::Rule;
use super::lexical::{leading_id, placeholders};
use super::pattern::{facts, Facts, Refs};
use super::sink::Sink;
use super::span::{offset_of, range_of};
use crate::catalog::compile::{compile, Entries};
use crate::catalog::load::{is_extra_id, ATTRIBUTES};
use crate::catalog::SOURCE_LOCALE;
use crate::code::{ErrorCode, VariableKind};
use crate::render::number::NumberFormat;

/// The property name of the tracking id in the error envelope.
const TARGET: &str = "target";
/// CLDR's plural categories.
const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// What the checks need of English: its ids in order and, for each message,
/// its parts (the value, then each attribute).
pub(super) struct English {
    ids: Vec<String>,
    messages: HashMap<String, Vec<Part>>,
}

/// One pattern of an English message.
struct Part {
    /// `None` for the value, else the attribute's name.
    name: Option<String>,
    /// Variables used in every rendering.
    vars: Vec<String>,
    /// Variables used only in some variants of a select.
    variant_vars: Vec<String>,
    text: String,
    /// Codes and `target` that the text contains.
    tokens: Vec<&'static str>,
}

impl English {
    pub(super) fn parse(text: &str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let resource = match fluent_syntax::parser::parse(text) {
            Ok(resource) | Err((resource, _)) => resource,
        };
        let refs = Refs::new(&resource);
        let mut english = English {
            ids: Vec::new(),
            messages: HashMap::new(),
        };
        for entry in &resource.body {
            let ast::Entry::Message(message) = entry else {
                continue;
            };
            if english.messages.contains_key(message.id.name) {
                continue;
            }
            let mut parts = Vec::new();
            let named = message.value.iter().map(|v| (None, v)).chain(
                message
                    .attributes
                    .iter()
                    .map(|a| (Some(a.id.name), &a.value)),
            );
            for (name, pattern) in named {
                let facts = facts(pattern, &refs);
                let mut vars = Vec::new();
                let mut variant_vars = Vec::new();
                for var in &facts.vars {
                    let list = if var.in_variant {
                        &mut variant_vars
                    } else {
                        &mut vars
                    };
                    if !list.contains(&var.name.to_owned()) {
                        list.push(var.name.to_owned());
                    }
                }
                variant_vars.retain(|v| !vars.contains(v));
                let text = facts.plain_text();
                let tokens = verbatim_tokens()
                    .filter(|t| contains_word(&text, t))
                    .collect();
                parts.push(Part {
                    name: name.map(str::to_owned),
                    vars,
                    variant_vars,
                    text,
                    tokens,
                });
            }
            english.ids.push(message.id.name.to_owned());
            english.messages.insert(message.id.name.to_owned(), parts);
        }
        english
    }

    pub(super) fn ids(&self) -> &[String] {
        &self.ids
    }

    fn part(&self, id: &str, name: Option<&str>) -> Option<&Part> {
        self.messages
            .get(id)?
            .iter()
            .find(|p| p.name.as_deref() == name)
    }

    /// What to write instead of a placeholder in message `id`.
    pub(super) fn use_instead(&self, id: Option<&str>) -> String {
        let vars: Vec<String> = id
            .and_then(|id| self.part(id, None))
            .map(|p| {
                p.vars
                    .iter()
                    .chain(&p.variant_vars)
                    .map(|v| format!("{{ ${v} }}"))
                    .collect()
            })
            .unwrap_or_default();
        if vars.is_empty() {
            "English has no variable here: write it in words".into()
        } else {
            format!("write the variable instead: {}", vars.join(", "))
        }
    }
}

/// The codes and the property name `target`, which no translation changes.
/// A code that is also a plain English word (`Unauthorized`, `Forbidden`) is
/// read as the word, which is translated; a code in camel case
/// (`ResourceNotFound`) is always the code.
fn verbatim_tokens() -> impl Iterator<Item = &'static str> {
    ErrorCode::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|code| code.chars().skip(1).any(char::is_uppercase))
        .chain(std::iter::once(TARGET))
}

/// Whether `word` is in `text` with no letter, digit or `_` on either side.
fn contains_word(text: &str, word: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word).any(|(i, _)| {
        let before = text.get(..i).and_then(|t| t.chars().next_back());
        let after = text.get(i + word.len()..).and_then(|t| t.chars().next());
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

/// The ids English must have: every code, the tracking id, the unknown error
/// and the phrase of every code's status.
fn source_ids() -> Vec<String> {
    let mut ids: Vec<String> = ErrorCode::ALL.iter().map(|c| c.as_str().into()).collect();
    for code in ErrorCode::ALL {
        let status = format!("status-{}", code.http_status());
        if !ids.contains(&status) {
            ids.push(status);
        }
    }
    ids.extend(["tracking-id".into(), "unknown-error".into()]);
    ids
}

/// Checks every entry of one parsed file.
pub(super) fn check(sink: &mut Sink<'_>, resource: &ast::Resource<&str>, english: &English) {
    let text = sink.text();
    let is_source = sink.locale() == SOURCE_LOCALE;
    let expected: Vec<String> = if is_source {
        source_ids()
    } else {
        english.ids().to_vec()
    };
    let refs = Refs::new(resource);
    let entries = Entries::new(resource);
    let mut starts = Vec::new();
    let mut defined: Vec<&str> = Vec::new();
    let mut seen: Vec<(&str, Range<usize>)> = Vec::new();
    let file_ids: Vec<&str> = resource
        .body
        .iter()
        .filter_map(|e| match e {
            ast::Entry::Message(m) => Some(m.id.name),
            ast::Entry::Junk { content } => leading_id(content),
            _ => None,
        })
        .collect();
    for entry in &resource.body {
        match entry {
            ast::Entry::Message(message) => {
                let name = message.id.name;
                let id_range = range_of(text, name);
                starts.push((id_range.start, Some(name.to_owned())));
                if let Some((_, first)) = seen.iter().find(|(n, _)| *n == name) {
                    let label = "first defined here".to_owned();
                    sink.add_related(
                        Rule::DuplicateId,
                        id_range,
                        Some(name),
                        format!(
                            "`{name}` is defined twice: only the first one is used; delete one of \
                             them"
                        ),
                        Some((first.clone(), label)),
                    );
                    continue;
                }
                seen.push((name, id_range.clone()));
                defined.push(name);
                let known = expected.iter().any(|e| e == name) || (is_source && is_extra_id(name));
                if !known {
                    let hint = suggest_id(name, &file_ids, &expected);
                    sink.add(
                        Rule::UnknownId,
                        id_range.clone(),
                        Some(name),
                        format!(
                            "`{name}` is not a message of the catalog, so it is never shown; ids \
                             are the API's codes and are never translated{hint}"
                        ),
                    );
                }
                let context = MessageContext {
                    name,
                    id_range,
                    code: ErrorCode::try_from_str(name).ok(),
                    known,
                    is_source,
                    refs: &refs,
                    entries: &entries,
                    english,
                };
                context.check(sink, message);
            }
            ast::Entry::Term(term) => {
                let start = offset_of(text, term.id.name).unwrap_or(0).saturating_sub(1);
                starts.push((start, None));
            }
            ast::Entry::Junk { content } => {
                // Junk without an id of its own (an indented line) belongs
                // to the message above.
                if let Some(id) = leading_id(content) {
                    defined.push(id);
                    let start = offset_of(text, content).unwrap_or(0);
                    starts.push((start, Some(id.to_owned())));
                }
            }
            ast::Entry::Comment(c)
            | ast::Entry::GroupComment(c)
            | ast::Entry::ResourceComment(c) => {
                if let Some(first) = c.content.first() {
                    let start = offset_of(text, first).unwrap_or(0);
                    starts.push((
                        text.get(..start)
                            .map_or(0, |t| t.rfind('\n').map_or(0, |i| i + 1)),
                        None,
                    ));
                }
            }
        }
    }
    starts.sort_by_key(|(start, _)| *start);
    sink.set_entries(starts);
    missing_messages(sink, &expected, &seen, &defined);
}

/// Reports each expected id the file lacks, at the message that comes before
/// it in English.
fn missing_messages(
    sink: &mut Sink<'_>,
    expected: &[String],
    seen: &[(&str, Range<usize>)],
    defined: &[&str],
) {
    let mut previous: Option<(&str, Range<usize>)> = None;
    for id in expected {
        if let Some((name, range)) = seen.iter().find(|(n, _)| n == id) {
            previous = Some((name, range.clone()));
            continue;
        }
        if defined.contains(&id.as_str()) {
            // A syntax error dropped it; that is reported already.
            continue;
        }
        let (range, place) = match &previous {
            Some((name, range)) => (range.clone(), format!(" (after `{name}`, as in English)")),
            None => (0..0, String::new()),
        };
        sink.add(
            Rule::MissingMessage,
            range,
            Some(id),
            format!("`{id}` is missing, so English is shown; add it{place}"),
        );
    }
}

/// A likely meant id for an unknown one: the single expected id that is
/// missing between the same neighbours as in English (a translated code), or
/// a close spelling.
fn suggest_id(name: &str, file_ids: &[&str], expected: &[String]) -> String {
    let position = file_ids.iter().position(|id| *id == name).unwrap_or(0);
    let rank = |id: &str| expected.iter().position(|e| e == id);
    let before = file_ids
        .get(..position)
        .unwrap_or_default()
        .iter()
        .rev()
        .find_map(|id| rank(id));
    let after = file_ids
        .get(position + 1..)
        .unwrap_or_default()
        .iter()
        .find_map(|id| rank(id));
    let low = before.map_or(0, |b| b + 1);
    let high = after.unwrap_or(expected.len());
    let gap: Vec<&String> = expected
        .get(low..high.max(low))
        .unwrap_or_default()
        .iter()
        .filter(|e| !file_ids.contains(&e.as_str()))
        .collect();
    if let [only] = gap[..] {
        return format!(": did you mean `{only}`?");
    }
    expected
        .iter()
        .map(|e| (strsim::jaro(&name.to_lowercase(), &e.to_lowercase()), e))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, e)| format!(": did you mean `{e}`?"))
        .unwrap_or_default()
}

/// One message being checked.
struct MessageContext<'a, 'r, 's> {
    name: &'s str,
    id_range: Range<usize>,
    code: Option<ErrorCode>,
    known: bool,
    is_source: bool,
    refs: &'a Refs<'r, 's>,
    entries: &'a Entries<'r, 's>,
    english: &'a English,
}

impl<'s> MessageContext<'_, '_, 's> {
    fn check(&self, sink: &mut Sink<'_>, message: &ast::Message<&'s str>) {
        let name = self.name;
        match &message.value {
            Some(value) => self.part(sink, None, self.id_range.clone(), value),
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
            let range = range_of(sink.text(), attr);
            let range = range.start.saturating_sub(1)..range.end;
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
        (allowed, part.vars.clone())
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
        if let Err(error) = compile(pattern, self.entries, &qualified) {
            sink.add(
                Rule::Unresolved,
                at.clone(),
                Some(name),
                format!("{part_name}: {error}, so English is shown"),
            );
        }
        let facts = facts(pattern, self.refs);
        self.glued_lines(sink, &facts);
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
        if !self.known {
            return;
        }
        let (allowed, expected) = self.variables(attr);
        for var in &facts.vars {
            if allowed.iter().any(|a| a == var.name) {
                continue;
            }
            let range = range_of(text, var.name);
            let range = range.start.saturating_sub(1)..range.end;
            let missing: Vec<&String> = expected.iter().filter(|e| !facts.uses(e)).collect();
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
            sink.add(
                Rule::UnknownVariable,
                range,
                Some(name),
                format!(
                    "`${}` is not a variable of {part_name}, so a user would see it unfilled; \
                     variable names are never translated{hint}",
                    var.name
                ),
            );
        }
        for var in expected.iter().filter(|e| !facts.uses(e)) {
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
        let needed = NumberFormat::new(sink.locale()).categories();
        for select in &facts.selects {
            let number = select.number_function
                || self
                    .code
                    .and_then(|c| c.variable(select.selector))
                    .is_some_and(|v| v.kind == VariableKind::Number);
            if !number {
                continue;
            }
            let range = range_of(text, select.selector);
            let range = range.start.saturating_sub(1)..range.end;
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
