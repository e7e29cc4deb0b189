//! Reading a code's values back out of the API's English `message`: the one
//! matcher, for the catalog's English and for the other phrasings the code
//! table lists beside the code (`"{ $resource } was not found"`).
//!
//! It never guesses. The phrasings are tried in order, the catalog's English
//! first; each is read first exactly as written, then leniently (a missing
//! final period, the first letter in either case), and whitespace around the
//! text is never part of a value. The first phrasing whose text it is (the
//! text starts as the phrasing does) gives the values, if the text fits it in
//! exactly one way, counting the ways with an empty value: a text that can be
//! split in two ways (`Received: 1, allowed: 2, allowed: 3.`), or that starts
//! as a phrasing and does not fit it (`Resource was not found`), gives no
//! values at all, and the message is shown in its form without values.

use std::borrow::Cow;

use crate::code::{ErrorCode, VariableKind};
use crate::pattern::ways::{Path, Piece, Readings};
use crate::render::number::Number;
use crate::Args;

/// The values of `code`'s variables, read back out of the API's English
/// `text` with the code's `readings` (the ways through the catalog's English
/// pattern of the code, then the table's other phrasings, as the catalog
/// keeps them); `None` when no phrasing fits, or the first whose text it is
/// cannot read it in exactly one way.
pub(super) fn recover<'t>(code: ErrorCode, readings: &Readings, text: &'t str) -> Option<Args<'t>> {
    // Nothing to read back (most codes): the text is not matched at all.
    if code.variables().is_empty() {
        return None;
    }
    first_reading(code, readings, text).map(into_args)
}

/// The values the first phrasing that fits `text` reads, exactly and then
/// leniently; `None` when none fits, or the first whose text it is cannot
/// read it (see [`Reading::Unreadable`]).
fn first_reading<'p, 't, P: AsRef<[Path<'p>]>>(
    code: ErrorCode,
    phrasings: impl IntoIterator<Item = P>,
    text: &'t str,
) -> Option<Vec<(&'static str, Found<'t>)>> {
    for paths in phrasings {
        let mut claimed = false;
        for lenient in [false, true] {
            match read(code, paths.as_ref(), text, lenient) {
                Reading::None => {}
                Reading::One(values) => return Some(values),
                // Read exactly, the text may still be read leniently
                // (`Resource Machine-42 was not found` has no period).
                Reading::Unreadable if !lenient => claimed = true,
                Reading::Unreadable => return None,
            }
        }
        // The text is this phrasing's, but not readable: not another's.
        if claimed {
            return None;
        }
    }
    None
}

/// A value read from the text: text as it stands there, or a number (read
/// from English digits, or known from the number key of the variant).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Found<'t> {
    Text(&'t str),
    Number(Number),
}

/// What one phrasing makes of a text.
#[derive(Debug, PartialEq)]
enum Reading<'t> {
    /// It is not this phrasing: its text does not start (or, when it starts
    /// with a value, end) as the phrasing does.
    None,
    /// It fits in exactly one way: every variable's value, by name.
    One(Vec<(&'static str, Found<'t>)>),
    /// It is this phrasing, but cannot be read: it fits in more than one
    /// way, or not at all (no value where one belongs, a wait that is not
    /// a number). No later phrasing is tried.
    Unreadable,
}

/// Reads `text` with each way through one phrasing: the values, when the ways
/// that fit all give the same ones.
fn read<'t>(code: ErrorCode, paths: &[Path<'_>], text: &'t str, lenient: bool) -> Reading<'t> {
    let mut reading = Reading::None;
    let mut claimed = false;
    for path in paths {
        let values = match match_path(path, text, lenient) {
            Split::None => continue,
            Split::Ambiguous => return Reading::Unreadable,
            Split::Claimed => {
                claimed = true;
                continue;
            }
            Split::One(values) => match typed(code, values) {
                Some(values) => values,
                None => {
                    claimed = true;
                    continue;
                }
            },
        };
        match &reading {
            Reading::One(earlier) if *earlier != values => return Reading::Unreadable,
            _ => reading = Reading::One(values),
        }
    }
    match reading {
        Reading::None if claimed => Reading::Unreadable,
        reading => reading,
    }
}

/// The values of one way through a phrasing, checked against the code's
/// variables: each variable once, numbers as whole numbers; sorted by name,
/// so that two ways compare by what they read.
fn typed<'t>(
    code: ErrorCode,
    values: Vec<(&str, Found<'t>)>,
) -> Option<Vec<(&'static str, Found<'t>)>> {
    let mut typed: Vec<(&'static str, Found<'t>)> = Vec::with_capacity(values.len());
    for (name, value) in values {
        let variable = code.variable(name)?;
        let value = match (variable.kind, value) {
            // The API writes numbers in English, possibly grouped: "10,000".
            // Every number of the contract is a count (a batch size, a wait
            // in seconds): digits only, as its typed field is a `u64`.
            (VariableKind::Number, Found::Text(text)) => Found::Number(count(text)?),
            (VariableKind::Number, value @ Found::Number(_))
            | (VariableKind::String, value @ Found::Text(_)) => value,
            (VariableKind::String, Found::Number(_)) => return None,
        };
        match typed.iter().find(|(seen, _)| *seen == variable.name) {
            // A variable twice in one way must have one value.
            Some((_, seen)) if *seen != value => return None,
            Some(_) => {}
            None => typed.push((variable.name, value)),
        }
    }
    // A way that leaves a variable out does not give the message's values.
    if typed.len() != code.variables().len() {
        return None;
    }
    typed.sort_by_key(|(name, _)| *name);
    Some(typed)
}

fn into_args<'t>(values: Vec<(&'static str, Found<'t>)>) -> Args<'t> {
    let mut args = Args::new();
    for (name, value) in values {
        match value {
            Found::Text(text) => args.set(name, text),
            Found::Number(number) => args.set(name, number),
        };
    }
    args
}

/// A whole number the API wrote in English, grouped or not ("10,000").
fn count(text: &str) -> Option<Number> {
    let digits = text.replace(',', "");
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse::<u64>().ok().map(Number::from)
}

/// What one way through a phrasing makes of a text.
#[derive(Debug, PartialEq)]
enum Split<'p, 't> {
    /// The text is not this way's: it does not start with its first text
    /// (or, when the way starts with a value, end with its last).
    None,
    /// It starts (or ends) as this way does, but does not fit.
    Claimed,
    One(Vec<(&'p str, Found<'t>)>),
    /// It fits in more than one way.
    Ambiguous,
}

/// Matches `text` against one way through a phrasing. Whitespace around
/// the text is the message's, not a value's. The text must fit in one way
/// only, counting the ways with an empty value and with a value that takes
/// some of that whitespace, and then every value must be non-empty; two
/// variables in a row make the way unreadable. A text that starts with the
/// way's first text (or, when the way starts with a value, ends with its
/// last) is the way's: if it does not fit, it is [`Split::Claimed`], and no
/// later phrasing reads it. Leniently, a final period of the text and of the
/// way are both optional, and the first letter matches in either case.
/// Linear in the length of `text`.
fn match_path<'p, 't>(path: &Path<'p>, text: &'t str, lenient: bool) -> Split<'p, 't> {
    let pieces = if lenient {
        loose_path(&path.pieces)
    } else {
        Cow::Borrowed(path.pieces.as_slice())
    };
    // Text, then variables each followed by text; the first and the last text
    // may be empty.
    let (lead, rest) = match pieces.split_first() {
        Some((Piece::Text(t), rest)) => (t.as_str(), rest),
        _ => ("", &pieces[..]),
    };
    let (tail, middle) = match rest.split_last() {
        Some((Piece::Text(t), middle)) => (t.as_str(), middle),
        _ => ("", rest),
    };
    // The text without the whitespace around it, and leniently without
    // its final period.
    let trimmed = text.trim();
    // Where `trimmed` starts in `text`.
    let space_before = text.len() - text.trim_start().len();
    let end_text = if lenient { loose(trimmed) } else { trimmed };
    // Where the values may start: after the first text, or, when the way
    // starts with a value, anywhere in the whitespace before the text.
    let start = if lead.is_empty() {
        0
    } else {
        match strip_lead(trimmed, lead, lenient) {
            Some(after) => space_before + trimmed.len() - after.len(),
            None => return Split::None,
        }
    };
    // Where they may end: before the last text, or anywhere in the whitespace after the text.
    let end = if tail.is_empty() {
        if lenient {
            space_before + end_text.len()
        } else {
            text.len()
        }
    } else {
        match end_text.strip_suffix(tail) {
            Some(before) => space_before + before.len(),
            // Neither the first text nor the last: not this way's text.
            None if lead.is_empty() => return Split::None,
            None => return Split::Claimed,
        }
    };
    let mut names = Vec::new();
    let mut separators = Vec::new();
    for (i, piece) in middle.iter().enumerate() {
        match (i % 2, piece) {
            (0, Piece::Var(name)) => names.push(*name),
            (1, Piece::Text(t)) => separators.push(t.as_str()),
            // Two variables in a row, or a text where a variable belongs.
            _ => return Split::Claimed,
        }
    }
    if names.is_empty() {
        // Text only: nothing may follow it but the whitespace (and,
        // leniently, the period) around the text.
        let after = text.get(start..).unwrap_or_default().trim();
        let after = if lenient { loose(after) } else { after };
        if !after.is_empty() {
            return Split::Claimed;
        }
    } else if names.len() != separators.len() + 1 {
        return Split::Claimed;
    }
    let values = if names.is_empty() {
        Vec::new()
    } else {
        // The first and the last text may overlap ("Resource was not found").
        let Some(middle) = text.get(start..end) else {
            return Split::Claimed;
        };
        let (Some(first), Some(last)) = (
            leftmost(middle, &separators),
            rightmost(middle, &separators),
        ) else {
            return Split::Claimed;
        };
        if first != last {
            return Split::Ambiguous;
        }
        let mut values = values_at(middle, &separators, &first);
        // The whitespace at the text's edges is the message's.
        if let Some(value) = values.first_mut().filter(|_| lead.is_empty()) {
            *value = value.trim_start();
        }
        if let Some(value) = values.last_mut().filter(|_| tail.is_empty()) {
            *value = value.trim_end();
        }
        values
    };
    // The one way to read it leaves a value out: nothing to show.
    if values.iter().any(|value| value.is_empty()) {
        return Split::Claimed;
    }
    let mut found: Vec<(&'p str, Found<'t>)> = names
        .into_iter()
        .zip(values)
        .map(|(name, value)| (name, Found::Text(value)))
        .collect();
    found.extend(path.keys.iter().map(|&(name, n)| (name, Found::Number(n))));
    Split::One(found)
}

/// `text` without one final period.
fn loose(text: &str) -> &str {
    text.strip_suffix('.').unwrap_or(text)
}

/// `pieces` without the final period of its last text.
fn loose_path<'a, 'p>(pieces: &'a [Piece<'p>]) -> Cow<'a, [Piece<'p>]> {
    match pieces.split_last() {
        Some((Piece::Text(last), before)) if last.ends_with('.') => {
            let mut pieces = before.to_vec();
            let last = &last[..last.len() - 1];
            if !last.is_empty() {
                pieces.push(Piece::Text(last.to_owned()));
            }
            Cow::Owned(pieces)
        }
        _ => Cow::Borrowed(pieces),
    }
}

/// `text` after `lead`; leniently, its first letter may be in the other case.
fn strip_lead<'t>(text: &'t str, lead: &str, lenient: bool) -> Option<&'t str> {
    if let Some(rest) = text.strip_prefix(lead) {
        return Some(rest);
    }
    if !lenient {
        return None;
    }
    let mut wanted = lead.chars();
    let mut given = text.chars();
    let (w, g) = (wanted.next()?, given.next()?);
    if !w.to_lowercase().eq(g.to_lowercase()) {
        return None;
    }
    given.as_str().strip_prefix(wanted.as_str())
}

/// Where each separator starts when every value is as short as it can be,
/// from the left: the earliest places at which the text fits, if it fits.
/// A value may be empty here: the text was written with some value, and an
/// empty one is one of the ways it can have been written.
fn leftmost(text: &str, separators: &[&str]) -> Option<Vec<usize>> {
    let mut starts = Vec::with_capacity(separators.len());
    let mut from = 0;
    for separator in separators {
        let at = from + text[from..].find(separator)?;
        starts.push(at);
        from = at + separator.len();
    }
    Some(starts)
}

/// Where each separator starts when every value is as long as it can be,
/// from the left: the latest places at which the text fits, if it fits.
fn rightmost(text: &str, separators: &[&str]) -> Option<Vec<usize>> {
    let mut starts = Vec::with_capacity(separators.len());
    let mut to = text.len();
    for separator in separators.iter().rev() {
        let at = text[..to].rfind(separator)?;
        starts.push(at);
        to = at;
    }
    starts.reverse();
    Some(starts)
}

/// The values between the separators, which start at `starts`.
fn values_at<'t>(text: &'t str, separators: &[&str], starts: &[usize]) -> Vec<&'t str> {
    let mut values = Vec::with_capacity(starts.len() + 1);
    let mut from = 0;
    for (separator, &at) in separators.iter().zip(starts) {
        values.push(&text[from..at]);
        from = at + separator.len();
    }
    values.push(&text[from..]);
    values
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use proptest::prelude::*;

    use super::*;
    use crate::pattern::ways::{paths, phrasing};
    use crate::{Catalog, Locale};

    static CATALOG: LazyLock<Catalog> = LazyLock::new(Catalog::new);

    /// Every phrasing of `code`, the catalog's English first, as the matcher
    /// takes them.
    fn phrasings(code: ErrorCode) -> Vec<Vec<Path<'static>>> {
        let english = CATALOG.english(code).map(|m| paths(m.value()));
        let others = code.phrasings().iter().map(|p| vec![phrasing(p).unwrap()]);
        english.into_iter().chain(others).collect()
    }

    fn reading(code: ErrorCode, text: &str) -> Option<Vec<(&'static str, Found<'_>)>> {
        first_reading(code, phrasings(code), text)
    }

    fn text(value: &str) -> Found<'_> {
        Found::Text(value)
    }

    fn number(value: u64) -> Found<'static> {
        Found::Number(Number::from(value))
    }

    /// The table's promise: each phrasing is written `{ $name }` where a
    /// value stands, holds each of the code's variables once and nothing
    /// else, never has two values in a row, and is not the catalog's English.
    #[test]
    fn every_phrasing_of_the_table_holds_the_code_variables() {
        let mut checked = 0;
        for &code in ErrorCode::ALL {
            for &written in code.phrasings() {
                let path = phrasing(written).unwrap_or_else(|| panic!("{code}: {written:?}"));
                assert!(path.keys.is_empty());
                let mut names: Vec<&str> = path
                    .pieces
                    .iter()
                    .filter_map(|piece| match piece {
                        Piece::Var(name) => Some(*name),
                        Piece::Text(_) => None,
                    })
                    .collect();
                names.sort_unstable();
                let mut wanted: Vec<&str> = code.variables().iter().map(|v| v.name).collect();
                wanted.sort_unstable();
                assert_eq!(names, wanted, "{code}: {written:?}");
                assert!(
                    path.pieces
                        .windows(2)
                        .all(|w| !matches!(w, [Piece::Var(_), Piece::Var(_)])),
                    "{code}: {written:?}"
                );
                let english = CATALOG.english(code).unwrap().value();
                assert!(
                    paths(english).iter().all(|p| p.pieces != path.pieces),
                    "{code}: {written:?} is the catalog's English"
                );
                checked += 1;
            }
        }
        assert!(checked >= 1);
        for broken in [
            "{ resource } was",
            "{$resource} was",
            "{ $Resource }",
            "{ $resource",
            "x }",
        ] {
            assert!(phrasing(broken).is_none(), "{broken:?}");
        }
    }

    /// The article's example body and the cases: the resource's
    /// kind where the English says "Resource", no final period, whitespace
    /// around, the first letter in either case.
    #[test]
    fn the_article_and_the_lenient_forms_give_the_value() {
        let code = ErrorCode::ResourceNotFound;
        for (message, resource) in [
            ("Machine 123123123 was not found", "Machine 123123123"),
            ("Machine 123123123 was not found.", "Machine 123123123"),
            ("Resource Machine-42 was not found.", "Machine-42"),
            ("Resource Machine-42 was not found", "Machine-42"),
            ("  resource Machine-42 was not found.\n", "Machine-42"),
            ("\tRESOURCE Machine-42 was not found", "RESOURCE Machine-42"),
            ("machine 7 was not found", "machine 7"),
            ("Resource was not found was not found", "was not found"),
        ] {
            assert_eq!(
                reading(code, message),
                Some(vec![("resource", text(resource))]),
                "{message:?}"
            );
        }
        for message in [
            "",
            "   ",
            " was not found",
            "Machine 1 was found",
            "Machine 1 was not found!",
            "Machine 1 was not found..",
            // The catalog's English with no value: it is not the other
            // phrasing's either ("Resource" is no resource).
            "Resource was not found",
            "Resource  was not found.",
            "resource was not found.",
        ] {
            assert_eq!(reading(code, message), None, "{message:?}");
        }
    }

    /// A wait of zero: the English says "now", the variant `[0]`, and reads
    /// back as the wait 0; written in seconds, it reads the same.
    #[test]
    fn a_wait_of_zero_reads_back_from_either_form() {
        let code = ErrorCode::TooManyRequests;
        for (message, wait) in [
            ("Rate limit is exceeded. Try again now.", 0),
            ("rate limit is exceeded. Try again now", 0),
            ("Rate limit is exceeded. Try again in 0 seconds.", 0),
            ("Rate limit is exceeded. Try again in 1 second.", 1),
            ("Rate limit is exceeded. Try again in 3,600 seconds", 3600),
        ] {
            assert_eq!(
                reading(code, message),
                Some(vec![("retry_after", number(wait))]),
                "{message:?}"
            );
        }
        for message in [
            "Rate limit is exceeded.",
            "Rate limit is exceeded. Try again in soon seconds.",
            "Rate limit is exceeded. Try again in -1 seconds.",
        ] {
            assert_eq!(reading(code, message), None, "{message:?}");
        }
    }

    /// Text that splits into values in two ways gives none, even when one of
    /// the ways would not type-check; the exact reading is preferred to the
    /// lenient one, and the catalog's English to the other phrasings.
    #[test]
    fn ambiguous_text_gives_no_values() {
        for (code, message) in [
            (
                ErrorCode::MaximumBatchSizeExceeded,
                "Maximum batch size exceeded. Received: 1, allowed: 2, allowed: 3.",
            ),
            (
                ErrorCode::ClientVersionNotSupported,
                "Live response is supported on client version 1 is supported on client version 2 and above.",
            ),
            (
                ErrorCode::MaximumBatchSizeExceeded,
                "maximum batch size exceeded. Received: 1, allowed: 2, allowed: 3",
            ),
            // Written with an empty version: the only way with two values
            // would read the action's text as the version.
            (
                ErrorCode::ClientVersionNotSupported,
                "Live response is supported on client version 2 and X is supported on client version  and above.",
            ),
        ] {
            assert_eq!(reading(code, message), None, "{message:?}");
        }
        // The last value runs to the end: " and above" twice is no second way.
        assert_eq!(
            reading(
                ErrorCode::ClientVersionNotSupported,
                "A is supported on client version B and above and above."
            ),
            Some(vec![
                ("action", text("A")),
                ("client_version", text("B and above"))
            ])
        );
        assert_eq!(
            reading(
                ErrorCode::ClientVersionNotSupported,
                "Live response is supported on client version 10.8040 and above."
            ),
            Some(vec![
                ("action", text("Live response")),
                ("client_version", text("10.8040"))
            ])
        );
        // With its period, the text is the catalog's English: the period is the message's.
        assert_eq!(
            reading(ErrorCode::DisallowedOperation, "Isolation is not allowed.."),
            Some(vec![("operation", text("Isolation is not allowed."))])
        );
        assert_eq!(
            reading(ErrorCode::DisallowedOperation, "Isolation is not allowed"),
            Some(vec![("operation", text("Isolation is not allowed"))])
        );
    }

    /// Values made of the pieces of the messages' own text, so that values
    /// often hold the text around them.
    fn value() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[a-zA-Z0-9é中-]{1,6}",
            Just(" ".to_owned()),
            Just(".".to_owned()),
            Just(", ".to_owned()),
            Just("Resource ".to_owned()),
            Just(" was not found".to_owned()),
            Just(" is supported on client version ".to_owned()),
            Just(" and above".to_owned()),
            Just("Received: ".to_owned()),
            Just(", allowed: ".to_owned()),
            Just(" is invalid".to_owned()),
            Just(" seconds".to_owned()),
        ];
        prop::collection::vec(piece, 1..6)
            .prop_map(|pieces| pieces.concat().trim().to_owned())
            .prop_filter("a value", |v| !v.is_empty())
    }

    /// The English text of a phrasing with values in it: the catalog's
    /// English rendered, or the table's phrasing filled in.
    fn written(code: ErrorCode, index: usize, values: &[(&'static str, Found<'_>)]) -> String {
        let mut args = Args::new();
        for &(name, value) in values {
            match value {
                Found::Text(t) => args.set(name, t),
                Found::Number(n) => args.set(name, n),
            };
        }
        if index == 0 {
            return CATALOG.message(Locale::SOURCE, (code, &args)).into_owned();
        }
        let mut out = code.phrasings()[index - 1].to_owned();
        for &(name, value) in values {
            let shown = match value {
                Found::Text(t) => t.to_owned(),
                Found::Number(n) => n.to_string(),
            };
            out = out.replace(&format!("{{ ${name} }}"), &shown);
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1024))]

        /// Never a wrong value: a phrasing written with any values reads
        /// back as those values, or as none (ambiguous), or as what an
        /// earlier phrasing reads in it (tried first, by design); with
        /// whitespace around, without its final period, or with its first
        /// letter in the other case, the same.
        #[test]
        fn a_written_phrasing_reads_back_its_values_or_none(
            code in prop::sample::select(
                ErrorCode::ALL.iter().copied().filter(|c| !c.variables().is_empty()).collect::<Vec<_>>()
            ),
            which in 0usize..4,
            texts in prop::collection::vec(prop_oneof![8 => value(), 1 => Just(String::new())], 2),
            numbers in prop::collection::vec(prop_oneof![0u64..3, any::<u64>()], 2),
            padded in any::<bool>(),
            without_period in any::<bool>(),
            other_case in any::<bool>(),
        ) {
            let all = phrasings(code);
            let index = which % all.len();
            let mut values: Vec<(&'static str, Found<'_>)> = code
                .variables()
                .iter()
                .enumerate()
                .map(|(i, v)| match v.kind {
                    VariableKind::String => (v.name, Found::Text(texts[i].as_str())),
                    VariableKind::Number => (v.name, number(numbers[i])),
                })
                .collect();
            values.sort_by_key(|(name, _)| *name);
            let mut message = written(code, index, &values);
            // A final period after a value's own is the message's: leaving
            // it out changes the value, so it is left in.
            if without_period && !message.ends_with("..") {
                message = message.strip_suffix('.').unwrap_or(&message).to_owned();
            }
            // The first letter is the phrasing's, not a value's.
            let starts_with_text = all[index]
                .iter()
                .all(|path| matches!(path.pieces.first(), Some(Piece::Text(_))));
            if other_case && starts_with_text {
                let mut chars = message.chars();
                let first = chars.next().unwrap();
                message = first.to_lowercase().chain(chars).collect();
            }
            if padded {
                message = format!(" \t{message}\n ");
            }
            let read = first_reading(code, all.clone(), &message);
            let earlier = first_reading(code, all[..index].to_vec(), &message);
            prop_assert!(
                read.is_none() || read.as_deref() == Some(&values[..]) || (read.is_some() && read == earlier),
                "{message:?} read as {read:?}, written with {values:?}"
            );
        }

        /// The matcher is total and linear: any text, any code, an answer.
        #[test]
        fn any_text_is_read_or_not(
            code in prop::sample::select(ErrorCode::ALL.to_vec()),
            message in any::<String>(),
        ) {
            let _ = reading(code, &message);
        }
    }

    /// Values without the text around them in them are always read back
    /// (the matcher is not just safe, it reads): one case per code, written
    /// in each phrasing.
    #[test]
    fn plain_values_are_always_read_back() {
        for &code in ErrorCode::ALL {
            if code.variables().is_empty() {
                continue;
            }
            let mut values: Vec<(&'static str, Found<'_>)> = code
                .variables()
                .iter()
                .map(|v| match v.kind {
                    VariableKind::String => (v.name, text("Machine-42")),
                    VariableKind::Number => (v.name, number(12_500)),
                })
                .collect();
            values.sort_by_key(|(name, _)| *name);
            for index in 0..phrasings(code).len() {
                let message = written(code, index, &values);
                assert_eq!(
                    reading(code, &message).as_deref(),
                    Some(&values[..]),
                    "{message:?}"
                );
            }
        }
    }
}
