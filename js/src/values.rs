//! JavaScript values as the library's values.
//!
//! JavaScript has one number type: a whole number (up to 2^53) is an integer
//! here, as it is to a person, and anything else an `f64`. A `bigint` arrives
//! as its decimal text and becomes an exact integer, so values beyond 2^53
//! keep every digit.

use defender_errors::{Number, Value};

/// The JavaScript type of one value, as `overlay-api.js` packs it: two bits a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// `undefined` or `null`: the variable is not given.
    Missing = 0,
    /// A string.
    Text = 1,
    /// A number.
    Number = 2,
    /// A bigint, sent as its decimal text.
    BigInt = 3,
}

/// The kinds of a code's values, two bits each, the first variable lowest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kinds(pub u32);

impl Kinds {
    /// The kind of value `index`.
    pub fn get(self, index: usize) -> ValueKind {
        match self
            .0
            .checked_shr(u32::try_from(index * 2).unwrap_or(u32::MAX))
            .unwrap_or(0)
            & 3
        {
            1 => ValueKind::Text,
            2 => ValueKind::Number,
            3 => ValueKind::BigInt,
            _ => ValueKind::Missing,
        }
    }
}

/// The largest integer a JavaScript number holds exactly.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// A JavaScript number as the library's number: whole numbers exactly.
pub fn number(value: f64) -> Number {
    if value.fract() == 0.0 && value.abs() <= MAX_SAFE_INTEGER {
        // Exact: a whole number within ±2^53 fits an i64.
        #[allow(clippy::cast_possible_truncation)]
        Number::from(value as i64)
    } else {
        Number::from(value)
    }
}

/// A bigint's decimal text as a value: an exact number, or, past what the
/// library reads as a number (64 characters), the text itself.
pub fn bigint(text: &str) -> Value<'_> {
    match Number::parse(text) {
        Some(n) => Value::Number(n),
        None => Value::from(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_two_bits_each_the_first_lowest() {
        let kinds = Kinds(1 | 2 << 2 | 3 << 4);
        assert_eq!(
            [0, 1, 2, 3, 40].map(|i| kinds.get(i)),
            [
                ValueKind::Text,
                ValueKind::Number,
                ValueKind::BigInt,
                ValueKind::Missing,
                ValueKind::Missing
            ]
        );
    }

    #[test]
    fn whole_numbers_are_integers_and_others_floats() {
        assert_eq!(number(12_500.0), Number::from(12_500i64));
        assert_eq!(number(-1.0), Number::from(-1i64));
        assert_eq!(number(1e15), Number::from(1_000_000_000_000_000i64));
        assert_eq!(number(1e300), Number::from(1e300));
        assert_eq!(number(2.5), Number::from(2.5));
    }

    #[test]
    fn a_bigint_keeps_every_digit_and_past_64_digits_is_text() {
        assert_eq!(
            bigint("123456789012345678901234567890"),
            Value::Number(Number::parse("123456789012345678901234567890").unwrap())
        );
        let long = "9".repeat(65);
        assert_eq!(bigint(&long), Value::from(long.as_str()));
    }
}
