//! Whole numbers without the general decimal machinery: the locale's minus
//! sign, grouping separator and group sizes are read off ICU4X's own output
//! once per locale, checked against it on a range of values, and then
//! applied by hand. A locale whose output does not fit that shape (other
//! digits, a sign after the number) keeps ICU4X for everything.

use std::fmt;

use icu_decimal::input::Decimal;
use icu_decimal::DecimalFormatter;

/// How a locale writes whole numbers with grouping.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "export", derive(serde::Serialize))]
#[cfg_attr(feature = "export", serde(rename_all = "camelCase"))]
pub(crate) struct Integers {
    minus: Box<str>,
    separator: Box<str>,
    /// The size of the rightmost group (3), and of the groups left of it
    /// (3; 2 in Indian grouping).
    primary: usize,
    secondary: usize,
    /// How many digits left of the first group a number needs before it is
    /// grouped at all: 1 (`1,000`), or 2 where `1000` stays whole.
    min_grouping: usize,
}

/// The values both ways must agree on before the fast one is used.
const CHECKED: [i128; 16] = [
    0,
    7,
    999,
    1_000,
    1_234,
    9_999,
    12_500,
    100_000,
    1_234_567,
    12_345_678,
    1_000_000_000_000_000,
    -1,
    -1_000,
    -12_500,
    i64::MAX as i128,
    i64::MIN as i128,
];

fn icu(formatter: &DecimalFormatter, n: i128) -> String {
    formatter.format(&Decimal::from(n)).to_string()
}

impl Integers {
    /// Reads the shape off `formatter`, and keeps it only if it gives
    /// ICU4X's text for every checked value.
    pub(crate) fn derive(formatter: &DecimalFormatter) -> Option<Self> {
        let sample = icu(formatter, -1_234_567_890);
        let first_digit = sample.find(|c: char| c.is_ascii_digit())?;
        let minus = sample.get(..first_digit)?;
        let body = sample.get(first_digit..)?;
        if minus.is_empty() || !body.ends_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        // Digits and one separator between the groups.
        let groups: Vec<&str> = body
            .split(|c: char| !c.is_ascii_digit())
            .filter(|g| !g.is_empty())
            .collect();
        let separator = body
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .split(|c: char| c.is_ascii_digit())
            .next()
            .unwrap_or_default();
        let (primary, secondary) = match groups.as_slice() {
            [.., secondary, _, primary] if !separator.is_empty() => {
                (primary.len(), secondary.len())
            }
            _ => return None,
        };
        let min_grouping = if icu(formatter, 1_000).contains(separator) {
            1
        } else {
            2
        };
        let integers = Self {
            minus: minus.into(),
            separator: separator.into(),
            primary,
            secondary,
            min_grouping,
        };
        CHECKED
            .iter()
            .all(|&n| integers.text(n) == icu(formatter, n))
            .then_some(integers)
    }

    pub(crate) fn text(&self, n: i128) -> String {
        let mut out = String::new();
        // Writing into a String cannot fail.
        let _ = self.write(&mut out, n);
        out
    }

    /// Writes `n` as the locale writes it.
    pub(crate) fn write<W: fmt::Write + ?Sized>(&self, w: &mut W, n: i128) -> fmt::Result {
        // i128 has at most 39 digits.
        let mut digits = [0u8; 40];
        let mut start = digits.len();
        let mut rest = n.unsigned_abs();
        loop {
            start -= 1;
            let slot = digits.get_mut(start).ok_or(fmt::Error)?;
            // The remainder is below 10.
            *slot = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        let digits = digits.get(start..).ok_or(fmt::Error)?;
        // Only ASCII digits were written.
        let text = std::str::from_utf8(digits).map_err(|_| fmt::Error)?;
        if n < 0 {
            w.write_str(&self.minus)?;
        }
        let len = text.len();
        if len < self.primary + self.min_grouping {
            return w.write_str(text);
        }
        let (head, last) = text
            .split_at_checked(len - self.primary)
            .ok_or(fmt::Error)?;
        // The leftmost group is what the secondary groups leave over.
        let first = match head.len().checked_rem(self.secondary) {
            Some(0) | None => self.secondary,
            Some(r) => r,
        };
        let (lead, mut middle) = head.split_at_checked(first).ok_or(fmt::Error)?;
        w.write_str(lead)?;
        while !middle.is_empty() {
            let (group, more) = middle.split_at_checked(self.secondary).ok_or(fmt::Error)?;
            w.write_str(&self.separator)?;
            w.write_str(group)?;
            middle = more;
        }
        w.write_str(&self.separator)?;
        w.write_str(last)
    }
}
