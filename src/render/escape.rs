//! Making a variable's value safe to show: the value comes from a request or
//! an upstream API, so it must not be able to break the text around it.

use std::fmt::{self, Write};

/// At most this many characters of a value are shown; a longer value is cut
/// and ends with `…`. 256 is enough for any hash, domain, URL or parameter
/// name a person would read, and bounds the work a hostile value can cause.
pub const MAX_VALUE_CHARS: usize = 256;

/// First Strong Isolate and Pop Directional Isolate (Unicode TR9), put around
/// values when isolation is on, as Fluent does.
pub(crate) const FSI: char = '\u{2068}';
pub(crate) const PDI: char = '\u{2069}';

/// Whether `c` must not reach the output as itself: control characters (C0,
/// DEL, C1), bidirectional formatting characters, which can reorder the text
/// around them (CVE-2021-42574), and invisible zero-width characters.
///
/// ```
/// use defender_errors::is_unsafe_char;
///
/// assert!(is_unsafe_char('\u{202E}'));
/// assert!(is_unsafe_char('\n'));
/// assert!(!is_unsafe_char('é'));
/// ```
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
            | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Writes `value` with every unsafe character shown as an escape (`\n`, `\t`,
/// `\r`, `\0`, or `\u{202e}`), cut after [`MAX_VALUE_CHARS`] characters.
/// Reads at most that many characters of the input, whatever its length.
///
/// ```
/// use defender_errors::write_escaped;
///
/// let mut out = String::new();
/// write_escaped(&mut out, "abc\u{202E}txt.exe\n")?;
/// assert_eq!(out, "abc\\u{202e}txt.exe\\n");
/// # Ok::<(), std::fmt::Error>(())
/// ```
#[inline(always)]
pub fn write_escaped<W: Write + ?Sized>(w: &mut W, value: &str) -> fmt::Result {
    // Fast path: a short value with nothing to escape is written in one go.
    // Printable ASCII (the common case) is checked eight bytes at a time;
    // anything else character by character.
    if value.len() <= MAX_VALUE_CHARS
        && (is_printable_ascii(value.as_bytes()) || !value.chars().any(is_unsafe_char))
    {
        w.write_str(value)
    } else {
        write_escaped_slow(w, value)
    }
}

/// Whether every byte is printable ASCII (`0x20..=0x7e`), eight bytes per
/// step: a word has a byte outside the range exactly when one of three bit
/// tricks sets that byte's high bit (the byte is 0x80 or more, under 0x20,
/// or 0x7f, which adding 1 takes to 0x80). A value under eight bytes is
/// checked byte by byte; a longer one ends with the word of its last eight
/// bytes, which may overlap the words before it (up to 16 bytes, those two
/// words are the whole check).
#[inline(always)]
pub(crate) fn is_printable_ascii(bytes: &[u8]) -> bool {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    #[inline(always)]
    fn word_is_printable(word: &[u8; 8]) -> bool {
        let x = u64::from_le_bytes(*word);
        let bad = x | (x.wrapping_sub(0x20 * LOW) & !x) | x.wrapping_add(LOW);
        bad & HIGH == 0
    }
    let (Some(first), Some(last)) = (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) else {
        return bytes.iter().all(|b| (0x20..0x7f).contains(b));
    };
    // Up to 16 bytes (most ids, names and addresses): the first word and
    // the last, without a loop.
    if bytes.len() <= 16 {
        return word_is_printable(first) && word_is_printable(last);
    }
    let (words, _) = bytes.as_chunks::<8>();
    words
        .iter()
        .fold(true, |all, word| all & word_is_printable(word))
        && word_is_printable(last)
}

/// The escaping and cutting of [`write_escaped`], out of line: most values
/// need neither.
#[cold]
fn write_escaped_slow<W: Write + ?Sized>(w: &mut W, value: &str) -> fmt::Result {
    let mut chars = value.chars();
    let mut shown = 0;
    while let Some(c) = chars.next() {
        // The last place holds the value's last character, or `…` when more follow.
        if shown == MAX_VALUE_CHARS - 1 && chars.clone().next().is_some() {
            return w.write_char('…');
        }
        shown += 1;
        match c {
            '\n' => w.write_str("\\n")?,
            '\r' => w.write_str("\\r")?,
            '\t' => w.write_str("\\t")?,
            '\0' => w.write_str("\\0")?,
            c if is_unsafe_char(c) => write!(w, "\\u{{{:x}}}", u32::from(c))?,
            c => w.write_char(c)?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(s: &str) -> String {
        let mut out = String::new();
        write_escaped(&mut out, s).unwrap();
        out
    }

    #[test]
    fn controls_and_bidi_are_escaped() {
        assert_eq!(escaped("a\0b\u{1b}[31m"), "a\\0b\\u{1b}[31m");
        assert_eq!(escaped("\u{2066}x\u{200b}"), "\\u{2066}x\\u{200b}");
        assert_eq!(escaped("中文 é"), "中文 é");
    }

    #[test]
    fn the_word_check_agrees_with_the_byte_check() {
        let by_byte = |b: &[u8]| b.iter().all(|b| (0x20..0x7f).contains(b));
        // Every byte value at every place of words of 8 to 17 bytes.
        for len in [1, 7, 8, 9, 15, 16, 17] {
            for at in 0..len {
                for b in 0..=255u8 {
                    let mut v = vec![b'a'; len];
                    v[at] = b;
                    assert_eq!(
                        is_printable_ascii(&v),
                        by_byte(&v),
                        "{b:#x} at {at} of {len}"
                    );
                }
            }
        }
        // Pairs of edge bytes, where a borrow or carry could cross bytes.
        let edges = [0x00, 0x1f, 0x20, 0x21, 0x7e, 0x7f, 0x80, 0xff];
        for &a in &edges {
            for &b in &edges {
                for at in 0..9 {
                    let mut v = vec![b'~'; 10];
                    v[at] = a;
                    v[at + 1] = b;
                    assert_eq!(is_printable_ascii(&v), by_byte(&v), "{a:#x},{b:#x} at {at}");
                }
            }
        }
    }

    #[test]
    fn long_values_are_cut_with_an_ellipsis() {
        let long = "x".repeat(1_000_000);
        let out = escaped(&long);
        assert_eq!(out.chars().count(), MAX_VALUE_CHARS);
        assert!(out.ends_with('…'));
        let exact = "y".repeat(MAX_VALUE_CHARS);
        assert_eq!(escaped(&exact), exact);
        let wide = "中".repeat(MAX_VALUE_CHARS);
        assert_eq!(escaped(&wide), wide, "a value that fits is not cut");
    }
}
