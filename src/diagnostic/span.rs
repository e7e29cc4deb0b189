//! Places in a file: byte offsets turned into 1-based lines and columns
//! counted in characters, as an editor shows them.

use std::ops::Range;

/// The start of each line of a file.
pub(crate) struct Lines<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> Lines<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self { text, starts }
    }

    /// The 1-based line and character column of byte `offset`. An offset
    /// inside a character counts as that character.
    pub(crate) fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let index = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.starts.get(index).copied().unwrap_or(0);
        let column = self
            .text
            .get(start..)
            .unwrap_or_default()
            .char_indices()
            .take_while(|(i, _)| start + i < offset)
            .count();
        (index + 1, column + 1)
    }
}

/// Where `part`, a slice the parser took from `text`, starts in `text`. The
/// parser's syntax tree borrows every identifier and text from the source, so
/// the address tells the offset; `None` if `part` is not inside `text`.
pub(crate) fn offset_of(text: &str, part: &str) -> Option<usize> {
    let start = (part.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    (start + part.len() <= text.len()).then_some(start)
}

/// The range of `part` in `text`, or an empty range at the start.
pub(crate) fn range_of(text: &str, part: &str) -> Range<usize> {
    offset_of(text, part).map_or(0..0, |start| start..start + part.len())
}

/// The range of a name the parser took without its sigil (`hash` of
/// `$hash`, `note` of `.note`), with the sigil.
pub(crate) fn range_with_sigil(text: &str, name: &str) -> Range<usize> {
    let range = range_of(text, name);
    range.start.saturating_sub(1)..range.end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_from_one() {
        let text = "a = x\n数据 = y\n";
        let lines = Lines::new(text);
        assert_eq!(lines.position(0), (1, 1));
        assert_eq!(lines.position(4), (1, 5));
        assert_eq!(lines.position(6), (2, 1));
        // After two 3-byte characters and a space.
        assert_eq!(lines.position(6 + 7), (2, 4));
        assert_eq!(lines.position(text.len()), (3, 1));
    }

    #[test]
    fn offsets_of_borrowed_slices() {
        let text = String::from("abc def");
        let other = String::from("def");
        assert_eq!(offset_of(&text, &text[4..]), Some(4));
        assert_eq!(offset_of(&text, &other), None);
    }
}
