//! The ways through a code's phrasings, as text and variables: the paths
//! through the catalog's English pattern (one per choice of variant), then
//! the code table's other phrasings (`"{ $resource } was not found"`). The
//! envelope reads a code's values back out of the API's English with them,
//! the catalog keeps them made once per code ([`Readings`]), and the export
//! gives them to the npm package.

use std::borrow::Cow;

use crate::code::ErrorCode;
use crate::pattern::{Key, Pattern, SegRef, Selector};
use crate::render::escape::{FSI, PDI};
use crate::render::number::Number;

/// The phrasings of one code, as the envelope reads values back with them:
/// made once per catalog and code (the catalog keeps them), not for every
/// message.
/// Their variables are named by the code's own names, so that they outlive
/// the pattern they were read from.
pub(crate) type Readings = Vec<Vec<Path<'static>>>;

/// [`phrasings`] of `code`, kept: each variable renamed to the code's own
/// name for it, and one the code does not have to a name no code has, which
/// reads as it did and is refused as it was.
pub(crate) fn readings(code: ErrorCode, english: Option<&Pattern>) -> Readings {
    /// No code has a variable of this name.
    const NOT_THE_CODES: &str = "";
    let own = |name: &str| code.variable(name).map_or(NOT_THE_CODES, |v| v.name);
    phrasings(code, english)
        .map(|paths| {
            paths
                .into_iter()
                .map(|path| Path {
                    pieces: path
                        .pieces
                        .into_iter()
                        .map(|piece| match piece {
                            Piece::Text(text) => Piece::Text(text),
                            Piece::Var(name) => Piece::Var(own(name)),
                        })
                        .collect(),
                    keys: path
                        .keys
                        .into_iter()
                        .map(|(name, number)| (own(name), number))
                        .collect(),
                })
                .collect()
        })
        .collect()
}

/// Every phrasing the matcher reads `code`'s values through, in the order
/// it tries them: the ways through the catalog's `english` pattern, then each
/// of the table's other phrasings as one way. The envelope reads values
/// back with these ([`readings`]), and the catalog's export gives them to
/// the npm package's renderer, which reads with them as the envelope does.
pub(crate) fn phrasings<'p>(
    code: ErrorCode,
    english: Option<&'p Pattern>,
) -> impl Iterator<Item = Vec<Path<'p>>> {
    let others = code.phrasings().iter().filter_map(|p| phrasing(p));
    english
        .map(paths)
        .into_iter()
        .chain(others.map(|path| vec![path]))
}

/// At most this many ways through a pattern's selects are tried.
const MAX_PATHS: usize = 16;

/// One way through a phrasing: its text and variables, and the variables
/// whose value the way itself says (the variant `[0]` of a select on
/// `$retry_after` is taken for a wait of 0 only).
#[derive(Debug, Clone, Default)]
pub(crate) struct Path<'p> {
    pub(crate) pieces: Vec<Piece<'p>>,
    pub(crate) keys: Vec<(&'p str, Number)>,
}

/// One piece of a way through a phrasing: text (adjacent pieces joined, the
/// catalog's isolation marks left out, since the API's text never has them)
/// or a variable.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Piece<'p> {
    Text(String),
    Var(&'p str),
}

impl<'p> Path<'p> {
    fn push_text(&mut self, text: &str) {
        let text = without_marks(text);
        if text.is_empty() {
            return;
        }
        match self.pieces.last_mut() {
            Some(Piece::Text(last)) => last.push_str(&text),
            _ => self.pieces.push(Piece::Text(text.into_owned())),
        }
    }

    fn append(&mut self, other: &Path<'p>) {
        for piece in &other.pieces {
            match piece {
                Piece::Text(t) => self.push_text(t),
                Piece::Var(name) => self.pieces.push(Piece::Var(name)),
            }
        }
        self.keys.extend_from_slice(&other.keys);
    }
}

/// The ways through `pattern`, one per choice of variant in each select
/// (at most [`MAX_PATHS`]).
pub(crate) fn paths(pattern: &Pattern) -> Vec<Path<'_>> {
    let mut found = vec![Path::default()];
    pattern.for_each_segment(|segment| match segment {
        SegRef::Text(t) => found.iter_mut().for_each(|p| p.push_text(t)),
        SegRef::Var(name) | SegRef::Number(name, _) => {
            found
                .iter_mut()
                .for_each(|p| p.pieces.push(Piece::Var(name)));
        }
        SegRef::Select(select) => {
            let on = match &select.selector {
                Selector::Var(name) | Selector::Number(name, _) => Some(&**name),
                Selector::Text(_) => None,
            };
            let mut variants = Vec::new();
            for (key, variant) in select.variants.iter() {
                for mut path in paths(variant) {
                    if let (Some(name), Key::Number(number)) = (on, key) {
                        path.keys.push((name, *number));
                    }
                    variants.push(path);
                }
            }
            let mut next = Vec::new();
            for path in &found {
                for variant in &variants {
                    if next.len() == MAX_PATHS {
                        break;
                    }
                    let mut joined = path.clone();
                    joined.append(variant);
                    next.push(joined);
                }
            }
            found = next;
        }
    });
    found
}

/// A phrasing of the code table, `"{ $resource } was not found"`, as a way
/// to match; `None` when it is not written as the table says (a test holds
/// every phrasing of the table to that).
pub(crate) fn phrasing(text: &str) -> Option<Path<'_>> {
    let mut path = Path::default();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        path.push_text(&rest[..open]);
        let close = open + rest[open..].find('}')?;
        let name = rest[open..=close].strip_prefix("{ $")?.strip_suffix(" }")?;
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            return None;
        }
        path.pieces.push(Piece::Var(name));
        rest = &rest[close + 1..];
    }
    if rest.contains('}') {
        return None;
    }
    path.push_text(rest);
    Some(path)
}

/// `text` without the isolation marks the catalog puts around values.
fn without_marks(text: &str) -> Cow<'_, str> {
    if text.contains([FSI, PDI]) {
        Cow::Owned(text.replace([FSI, PDI], ""))
    } else {
        Cow::Borrowed(text)
    }
}
