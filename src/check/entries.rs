//! Checks of a file's entries: duplicate, unknown and missing ids, with a
//! guess at the id a translated code meant. Each message is then checked by
//! [`super::message`].

use std::ops::Range;

use fluent_syntax::ast;

use super::english::{source_ids, English};
use super::finding::Rule;
use super::lexical::leading_id;
use super::message::MessageContext;
use super::review::Record;
use super::sink::Sink;
use crate::catalog::load::is_extra_id;
use crate::catalog::SOURCE_LOCALE;
use crate::code::ErrorCode;
use crate::diagnostic::span::{offset_of, range_of};
use crate::pattern::compile::Entries;
use crate::render::number::NumberFormat;

/// Checks every entry of one parsed file.
pub(super) fn check(
    sink: &mut Sink<'_>,
    resource: &ast::Resource<&str>,
    english: &English,
    record: Option<&Record>,
) {
    let text = sink.text();
    let is_source = sink.locale() == SOURCE_LOCALE;
    let expected: Vec<String> = if is_source {
        source_ids()
    } else {
        english.ids().to_vec()
    };
    let entries = Entries::new(resource);
    let numbers = NumberFormat::new(sink.locale());
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
                    code: ErrorCode::lookup(name),
                    known,
                    is_source,
                    entries: &entries,
                    numbers: &numbers,
                    english,
                    record,
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
