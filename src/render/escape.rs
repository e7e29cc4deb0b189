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
#[inline]
pub fn write_escaped<W: Write + ?Sized>(w: &mut W, value: &str) -> fmt::Result {
    // Fast path: a short value with nothing to escape is written in one go.
    // Printable ASCII (the common case) is checked over every byte without
    // an early exit, which the compiler vectorizes; anything else character
    // by character.
    let printable_ascii = |v: &str| {
        v.bytes()
            .fold(true, |all, b| all & (0x20..0x7f).contains(&b))
    };
    if value.len() <= MAX_VALUE_CHARS
        && (printable_ascii(value) || !value.chars().any(is_unsafe_char))
    {
        w.write_str(value)
    } else {
        write_escaped_slow(w, value)
    }
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
