//! Checks of the raw text, which the Fluent parser hides or turns into Junk:
//! a byte order mark, tab indentation, forbidden characters, and the entries
//! it cannot parse (with the article's `{placeholder}` named as such).

use fluent_syntax::parser::ParserError;

use super::english::English;
use super::finding::Rule;
use super::sink::Sink;
pub(super) use crate::diagnostic::{leading_id, placeholders};
use crate::diagnostic::{parser_words, syntax_place};
use crate::pattern::nesting::{TooDeep, MAX_NESTING};
use crate::render::escape::is_unsafe_char;

const BOM: char = '\u{feff}';

/// The byte order mark, tab indentation and forbidden characters. Returns the
/// length of the byte order mark, which the parser must not see.
pub(super) fn check(sink: &mut Sink<'_>) -> usize {
    let text = sink.text();
    let bom = if text.starts_with(BOM) {
        sink.add(
            Rule::Bom,
            0..BOM.len_utf8(),
            None,
            "the file starts with a byte order mark (U+FEFF): Fluent parsers take it for part \
             of the first message, which is then lost (this catalog skips it); save the file \
             as UTF-8 without a BOM",
        );
        BOM.len_utf8()
    } else {
        0
    };
    let mut line_start = true;
    let mut chars = text.char_indices().skip(usize::from(bom > 0)).peekable();
    while let Some((i, c)) = chars.next() {
        let at_line_start = line_start;
        line_start = c == '\n' || (line_start && (c == ' ' || c == '\t'));
        if c == '\t' && at_line_start {
            sink.add(
                Rule::TabIndent,
                i..i + 1,
                None,
                "this line is indented with a tab: Fluent accepts only spaces, so the line is \
                 dropped (and with it the message, if it is the message's first line); indent \
                 with spaces",
            );
            // One finding per line.
            while let Some(&(_, next)) = chars.peek() {
                if next != ' ' && next != '\t' {
                    break;
                }
                chars.next();
            }
            line_start = false;
            continue;
        }
        let crlf = c == '\r' && chars.peek().is_some_and(|&(_, next)| next == '\n');
        if c == '\n' || crlf {
            continue;
        }
        if let Some(advice) = forbidden(c) {
            let mut end = i + c.len_utf8();
            // A run of the same character is one finding.
            while let Some(&(j, next)) = chars.peek() {
                if next != c {
                    break;
                }
                end = j + next.len_utf8();
                chars.next();
            }
            sink.add(
                Rule::ForbiddenChar,
                i..end,
                None,
                format!("U+{:04X} {advice}", u32::from(c)),
            );
        }
    }
    bom
}

/// What is wrong with `c` and what to do, if it must not be in a locale file.
fn forbidden(c: char) -> Option<&'static str> {
    match c {
        '\u{FFFD}' => Some(
            "is the replacement character: the text was damaged by a wrong encoding; type the \
             character that was meant",
        ),
        '\t' => Some("is a tab, which a user sees as a control character; use a space"),
        '\u{061C}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' => {
            Some("is a bidirectional control, which can reorder the text around it; delete it")
        }
        '\u{200B}'..='\u{200D}' | '\u{2060}' | BOM => {
            Some("is invisible (zero width) and breaks search and copy; delete it")
        }
        c if is_unsafe_char(c) => Some("is a control character; delete it"),
        _ => None,
    }
}

/// Entries that nest too deep for the parser, blanked out before parsing.
pub(super) fn nesting(sink: &mut Sink<'_>, too_deep: &[TooDeep]) {
    for deep in too_deep {
        let id = sink.original().get(deep.entry.clone()).and_then(leading_id);
        let message = if deep.broken_escape {
            "this unicode escape has a character that is not a hex digit: the whole entry \
             is ignored and English is shown; write `\\u` and four hex digits, or the \
             character itself"
                .to_owned()
        } else {
            format!(
                "placeables and calls nest deeper than {MAX_NESTING} levels here: the whole \
                 entry is ignored and English is shown; write the text without nesting"
            )
        };
        sink.add(Rule::Syntax, deep.at..deep.at + 1, id, message);
    }
}

/// The entries the parser turned into Junk. `offset` is where the parsed text
/// starts in the file (after a byte order mark).
pub(super) fn syntax(
    sink: &mut Sink<'_>,
    errors: &[ParserError],
    offset: usize,
    english: &English,
) {
    let text = sink.text();
    for error in errors {
        let place = syntax_place(text, error, offset);
        let id = place.id;
        match place.rule {
            // A tab at the start of one of the junk's lines was reported already.
            Rule::TabIndent => continue,
            Rule::PlaceholderText => {
                let shown = text.get(place.range.clone()).unwrap_or_default();
                let message = format!(
                    "`{shown}` is the article's placeholder written as text, which Fluent cannot \
                     read: the whole message is dropped; {}",
                    english.use_instead(id)
                );
                sink.add(Rule::PlaceholderText, place.range, id, message);
                continue;
            }
            _ => {}
        }
        let mut message = format!(
            "{}: Fluent cannot read this, so it drops the whole {} and English is shown",
            parser_words(&error.kind),
            id.map_or("entry".to_owned(), |id| format!("message `{id}`")),
        );
        if id.is_some_and(|id| !id.is_ascii()) {
            message.push_str(
                "; a message id is the API's code, in ASCII letters, and is never translated",
            );
        }
        sink.add_related(
            Rule::Syntax,
            place.range,
            id,
            message,
            Some((place.junk, "dropped from here".into())),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_words_in_brackets() {
        fn found(t: &str) -> Vec<&str> {
            placeholders(t).map(|r| &t[r]).collect()
        }
        assert_eq!(
            found("Ugyldig hash <the invalid hash\\>."),
            ["<the invalid hash\\>"]
        );
        assert_eq!(
            found("maks {batch size allowed} x"),
            ["{batch size allowed}"]
        );
        assert_eq!(
            found("{taille de lot autorisée}"),
            ["{taille de lot autorisée}"]
        );
        assert!(found("{ $hash } { -brand } { message-ref } <br /> <a href=\"x\">").is_empty());
    }

    #[test]
    fn junk_ids() {
        assert_eq!(leading_id("InvalidUrl = x {"), Some("InvalidUrl"));
        assert_eq!(leading_id("  .note = x"), None);
    }
}
