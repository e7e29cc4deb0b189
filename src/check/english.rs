//! What the checks need of English, the source: its ids in order and, for
//! each message, the variables, text and verbatim tokens of every part.

use std::collections::HashMap;

use fluent_syntax::ast;

use super::pattern::facts;
use crate::catalog::load::extra_ids;
use crate::code::ErrorCode;
use crate::pattern::compile::{compile, Entries, Target};
use crate::render::number::NumberFormat;

/// The property name of the tracking id in the error envelope.
pub(super) const TARGET: &str = "target";
/// What the checks need of English: its ids in order and, for each message,
/// its parts (the value, then each attribute).
pub(super) struct English {
    ids: Vec<String>,
    pub(super) messages: HashMap<String, Vec<Part>>,
}

/// One pattern of an English message.
pub(super) struct Part {
    /// `None` for the value, else the attribute's name.
    pub(super) name: Option<String>,
    /// Variables used in every rendering.
    pub(super) vars: Vec<String>,
    /// Variables used only in some variants of a select.
    pub(super) variant_vars: Vec<String>,
    pub(super) text: String,
    /// Codes and `target` that the text contains.
    pub(super) tokens: Vec<&'static str>,
    /// The pattern as Fluent's serializer writes it, to compare with the
    /// English a translation was reviewed against.
    pub(super) canonical: String,
}

impl English {
    pub(super) fn parse(text: &str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let resource = match fluent_syntax::parser::parse(text) {
            Ok(resource) | Err((resource, _)) => resource,
        };
        let entries = Entries::new(&resource);
        let numbers = NumberFormat::new(crate::catalog::SOURCE_LOCALE);
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
            let target = Target {
                numbers: &numbers,
                isolate: false,
                variables: ErrorCode::lookup(message.id.name).map_or(&[], |c| c.variables()),
            };
            for (name, pattern) in named {
                let qualified = name.map_or(message.id.name.to_owned(), |a| {
                    format!("{}.{a}", message.id.name)
                });
                // What the compiler says the part uses; nothing, if English
                // itself is broken there (its own check reports it).
                let uses = compile(pattern, &entries, &qualified, target)
                    .map(|c| c.uses)
                    .unwrap_or_default();
                let always = uses.always();
                let vars: Vec<String> = always.iter().map(|n| (*n).to_owned()).collect();
                let variant_vars = uses
                    .names()
                    .into_iter()
                    .filter(|n| !always.contains(n))
                    .map(str::to_owned)
                    .collect();
                let text = facts(pattern).plain_text();
                let tokens = verbatim_tokens()
                    .filter(|t| contains_word(&text, t))
                    .collect();
                parts.push(Part {
                    canonical: super::review::canonical(pattern),
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

    pub(super) fn part(&self, id: &str, name: Option<&str>) -> Option<&Part> {
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
pub(super) fn verbatim_tokens() -> impl Iterator<Item = &'static str> {
    ErrorCode::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|code| code.chars().skip(1).any(char::is_uppercase))
        .chain(std::iter::once(TARGET))
}

/// Whether `word` is in `text` with no letter, digit or `_` on either side.
pub(super) fn contains_word(text: &str, word: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word).any(|(i, _)| {
        let before = text.get(..i).and_then(|t| t.chars().next_back());
        let after = text.get(i + word.len()..).and_then(|t| t.chars().next());
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

/// The ids English must have: every code, the tracking id, the unknown error
/// and the phrase of every code's status.
pub(super) fn source_ids() -> Vec<String> {
    let mut ids: Vec<String> = ErrorCode::ALL.iter().map(|c| c.as_str().into()).collect();
    ids.extend(extra_ids());
    ids
}
