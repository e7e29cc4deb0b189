//! The typography of each language, where a machine can see it: quotation
//! marks and apostrophes, French spaces before `:` `;` `!` `?`, and Chinese
//! full-width punctuation with a half-width space between Chinese and Latin
//! text or a value. Only the pattern's own text is looked at, never a value.
//! `locales/REVIEW.md` has the rules these come from.

use fluent_syntax::ast;

use super::sink::Sink;
use crate::diagnostic::span::offset_of;
use crate::diagnostic::Rule;

/// The language's name and the quotation marks it uses, for the advice.
fn quotes(language: &str) -> Option<(&'static str, &'static str)> {
    Some(match language {
        "fr" => ("French", "« … » (with no-break spaces inside)"),
        "de" => ("German", "„ … “"),
        "nl" => ("Dutch", "‘ … ’ or “ … ”"),
        "da" => ("Danish", "» … « or „ … “"),
        "zh" => ("Chinese", "“ … ”"),
        _ => return None,
    })
}

const NO_BREAK_SPACES: [char; 2] = ['\u{a0}', '\u{202f}'];

fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

/// Checks the text of `pattern` (a message's value or attribute) in `locale`.
pub(super) fn check(sink: &mut Sink<'_>, name: &str, pattern: &ast::Pattern<&str>) {
    let language = sink
        .locale()
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_owned();
    let Some((language_name, quotes)) = quotes(&language) else {
        return;
    };
    let text = sink.text();
    let elements = &pattern.elements;
    for (index, element) in elements.iter().enumerate() {
        match element {
            ast::PatternElement::TextElement { value } => {
                let Some(base) = offset_of(text, value) else {
                    continue;
                };
                let placeable_before = index > 0;
                let placeable_after = index + 1 < elements.len();
                let mut add = |at: usize, len: usize, message: String| {
                    sink.add(
                        Rule::Typography,
                        base + at..base + at + len,
                        Some(name),
                        message,
                    );
                };
                let chars: Vec<(usize, char)> = value.char_indices().collect();
                for (i, &(at, c)) in chars.iter().enumerate() {
                    let before = i.checked_sub(1).and_then(|j| chars.get(j)).map(|p| p.1);
                    let after = chars.get(i + 1).map(|p| p.1);
                    if c == '"' {
                        add(at, 1, format!("`\"` is an ASCII quotation mark; {language_name} text uses {quotes}"));
                    }
                    if c == '\'' && (language == "fr" || language == "zh") {
                        add(
                            at,
                            1,
                            "`'` is an ASCII apostrophe; write the typographic one, `’`".into(),
                        );
                    }
                    if language == "fr" {
                        french_space(&mut add, at, c, before, after);
                    }
                    if language == "zh" {
                        chinese(&mut add, at, c, before, after);
                        // Chinese text that touches a value: no space between.
                        if is_ideograph(c) && i == 0 && placeable_before {
                            add(at, c.len_utf8(), "a value comes right before this Chinese text; put a half-width space between them".into());
                        }
                        if is_ideograph(c) && i + 1 == chars.len() && placeable_after {
                            add(at, c.len_utf8(), "a value comes right after this Chinese text; put a half-width space between them".into());
                        }
                    }
                }
            }
            ast::PatternElement::Placeable { expression } => {
                if let ast::Expression::Select { variants, .. } = expression {
                    for variant in variants {
                        check(sink, name, &variant.value);
                    }
                }
            }
        }
    }
}

/// French wants a no-break space before `:` `;` `!` `?` (U+00A0, or the
/// narrow U+202F), so that the sign never starts a line.
fn french_space(
    add: &mut impl FnMut(usize, usize, String),
    at: usize,
    c: char,
    before: Option<char>,
    after: Option<char>,
) {
    if !matches!(c, ':' | ';' | '!' | '?') {
        return;
    }
    // Only punctuation that ends a phrase: not `http://`, `12:30` or `?x=`.
    if !after.is_none_or(char::is_whitespace) {
        return;
    }
    match before {
        Some(space) if NO_BREAK_SPACES.contains(&space) => {}
        Some(' ') => add(
            at - 1,
            1,
            format!("the space before `{c}` is an ordinary one, so `{c}` can start a line; French uses a no-break space (U+00A0) there"),
        ),
        _ => add(
            at,
            1,
            format!("French puts a no-break space (U+00A0) before `{c}`"),
        ),
    }
}

/// Chinese punctuation is full width, and a Latin letter or digit next to a
/// Chinese character is set off by a half-width space.
fn chinese(
    add: &mut impl FnMut(usize, usize, String),
    at: usize,
    c: char,
    before: Option<char>,
    after: Option<char>,
) {
    let full = match c {
        ',' => Some('，'),
        ':' => Some('：'),
        ';' => Some('；'),
        '(' => Some('（'),
        ')' => Some('）'),
        '!' => Some('！'),
        '?' => Some('？'),
        '.' => Some('。'),
        _ => None,
    };
    if let Some(full) = full {
        if before.is_some_and(is_ideograph) {
            add(
                at,
                1,
                format!("`{c}` after Chinese text is half width; write `{full}`"),
            );
        }
        return;
    }
    let latin = |x: char| x.is_ascii_alphanumeric();
    if is_ideograph(c) && after.is_some_and(latin) {
        add(
            at,
            c.len_utf8(),
            "Chinese text runs into Latin text here; put a half-width space between them".into(),
        );
    }
    if latin(c) && after.is_some_and(is_ideograph) {
        add(
            at,
            1,
            "Latin text runs into Chinese text here; put a half-width space between them".into(),
        );
    }
}
