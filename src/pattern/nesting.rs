//! A guard in front of the Fluent parser, which recurses once per nested
//! placeable or call: `{{{{…` a few hundred thousand deep overflows the
//! stack and aborts the process. Entries that nest deeper than
//! [`MAX_NESTING`] are blanked out before parsing, so the parser never sees
//! them, and reported; their messages fall back to English.

use std::borrow::Cow;
use std::ops::Range;

/// How deep placeables (`{`) and call arguments (`(`) may nest in one entry.
/// The shipped files nest two deep.
pub(crate) const MAX_NESTING: usize = 32;

/// An entry that nests too deep, or that holds a unicode escape the parser
/// would cut inside a character: its bytes, where, and which of the two.
pub(crate) struct TooDeep {
    pub(crate) entry: Range<usize>,
    pub(crate) at: usize,
    pub(crate) broken_escape: bool,
}

/// `source` with every too-deep entry turned into comment lines of the same
/// length (so that every other offset and line stays where it was), and
/// those entries.
pub(crate) fn guard(source: &str) -> (Cow<'_, str>, Vec<TooDeep>) {
    let found = too_deep(source);
    if found.is_empty() {
        return (Cow::Borrowed(source), found);
    }
    let mut out = String::with_capacity(source.len());
    let mut last = 0;
    for deep in &found {
        out.push_str(source.get(last..deep.entry.start).unwrap_or_default());
        let entry = source.get(deep.entry.clone()).unwrap_or_default();
        for line in entry.split_inclusive('\n') {
            let body = line.strip_suffix('\n');
            let len = body.map_or(line.len(), str::len);
            if len > 0 {
                out.push('#');
                out.extend(std::iter::repeat_n(' ', len - 1));
            }
            if body.is_some() {
                out.push('\n');
            }
        }
        last = deep.entry.end;
    }
    out.push_str(source.get(last..).unwrap_or_default());
    (Cow::Owned(out), found)
}

/// The entries of `source` that nest deeper than [`MAX_NESTING`]. An entry
/// starts at a line that begins with a letter or `-` and ends where the next
/// one starts, as the parser's recovery sees it.
fn too_deep(source: &str) -> Vec<TooDeep> {
    scan(source, true)
}

/// The scan of [`too_deep`]; `skip` lets it pass over plain runs eight bytes
/// at a time (off only in the test that checks the skipping against reading
/// every byte).
fn scan(source: &str, skip: bool) -> Vec<TooDeep> {
    let mut found: Vec<TooDeep> = Vec::new();
    let mut entry_start = 0;
    let mut depth = 0usize;
    let mut deep_at: Option<(usize, bool)> = None;
    let mut in_string = false;
    let mut line_start = true;
    // Every byte that matters is ASCII, and no byte of a multi-byte UTF-8
    // character is, so the scan reads bytes, and skips the runs of bytes
    // that change nothing eight at a time: it runs over every file the
    // catalog loads.
    let all = source.as_bytes();
    let mut i = 0;
    loop {
        if skip && !line_start {
            i = skip_plain(all, i);
        }
        let Some(&b) = all.get(i) else { break };
        if line_start && (b.is_ascii_alphabetic() || b == b'-' || b == b'#') {
            if let Some((at, broken_escape)) = deep_at.take() {
                found.push(TooDeep {
                    entry: entry_start..i,
                    at,
                    broken_escape,
                });
            }
            entry_start = i;
            depth = 0;
            in_string = false;
        }
        line_start = b == b'\n';
        if in_string {
            match b {
                b'\\' => {
                    // fluent-syntax 0.12 reads the digits of `\uXXXX` and
                    // `\UXXXXXX` by byte and panics when one of them is not
                    // ASCII (it slices inside the character). Such an escape
                    // is invalid anyway: the entry is blanked like a deep one.
                    let digits = match source.as_bytes().get(i + 1) {
                        Some(b'u') => 4,
                        Some(b'U') => 6,
                        _ => 0,
                    };
                    let window = source.as_bytes().get(i + 2..).unwrap_or_default();
                    if window.iter().take(digits).any(|b| !b.is_ascii()) && deep_at.is_none() {
                        deep_at = Some((i, true));
                    }
                    // The escaped byte is not read.
                    i += 1;
                }
                b'"' | b'\n' => in_string = false,
                _ => {}
            }
            i += 1;
            continue;
        }
        match b {
            b'{' | b'(' => {
                depth += 1;
                if depth > MAX_NESTING && deep_at.is_none() {
                    deep_at = Some((i, false));
                }
            }
            b'}' | b')' => depth = depth.saturating_sub(1),
            b'"' if depth > 0 => in_string = true,
            _ => {}
        }
        i += 1;
    }
    if let Some((at, broken_escape)) = deep_at {
        found.push(TooDeep {
            entry: entry_start..source.len(),
            at,
            broken_escape,
        });
    }
    found
}

/// The first index from `at` whose byte may change the scan's state (a
/// bracket, a quote, a backslash or a line break), or the length. A word of
/// eight bytes holds one of them exactly when one of its bytes XOR that
/// byte is zero, which the usual bit trick finds.
fn skip_plain(bytes: &[u8], mut at: usize) -> usize {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const SPECIAL: [u8; 7] = [b'{', b'(', b'}', b')', b'"', b'\\', b'\n'];
    let is_special = |b: &u8| SPECIAL.contains(b);
    let has_zero = |v: u64| v.wrapping_sub(LOW) & !v & HIGH != 0;
    while let Some(word) = bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) {
        let x = u64::from_le_bytes(*word);
        if SPECIAL.iter().any(|&s| has_zero(x ^ (u64::from(s) * LOW))) {
            break;
        }
        at += 8;
    }
    let rest = bytes.get(at..).unwrap_or_default();
    at + rest.iter().position(is_special).unwrap_or(rest.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn summary(found: &[TooDeep]) -> Vec<(Range<usize>, usize, bool)> {
        found
            .iter()
            .map(|d| (d.entry.clone(), d.at, d.broken_escape))
            .collect()
    }

    proptest! {
        #[test]
        fn skipping_finds_what_reading_every_byte_finds(
            source in proptest::string::string_regex(
                "([a-z#\\-]|[ {}()\"\\\\\n]|u|U|é|中){0,300}"
            ).expect("a valid regex"),
            depth in 0usize..40,
        ) {
            // Deep nesting somewhere in some cases, so that both kinds are found.
            let source = format!("{source}\nA = {}x\n{source}", "{".repeat(depth));
            prop_assert_eq!(summary(&scan(&source, true)), summary(&scan(&source, false)));
        }
    }

    #[test]
    fn deep_entries_become_comments_of_the_same_length() {
        let deep = format!("B = {}\n  x\n", "{".repeat(MAX_NESTING + 1));
        let source = format!("A = one\n{deep}C = {{ $c }}\n");
        let (guarded, found) = guard(&source);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].entry, 8..8 + deep.len());
        assert_eq!(found[0].at, 8 + 4 + MAX_NESTING);
        assert_eq!(guarded.len(), source.len());
        assert_eq!(guarded.lines().count(), source.lines().count());
        assert!(guarded.contains("A = one\n#"));
        assert!(guarded.ends_with("C = { $c }\n"));
        let resource = fluent_syntax::parser::parse(&*guarded).unwrap();
        let ids: Vec<&str> = resource
            .body
            .iter()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name),
                _ => None,
            })
            .collect();
        assert_eq!(ids, ["A", "C"]);
    }

    #[test]
    fn shallow_files_are_borrowed_and_strings_do_not_count() {
        let source = format!("A = {{ \"{}\" }}\n", "{".repeat(100));
        let (guarded, found) = guard(&source);
        assert!(found.is_empty());
        assert!(matches!(guarded, Cow::Borrowed(_)));
    }
}
