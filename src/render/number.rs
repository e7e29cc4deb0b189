//! Numbers: exact values, and their locale formatting with ICU4X.
//!
//! fluent-bundle prints numbers with `f64::to_string` (`10000` in every locale).
//! The catalog formats them with CLDR data instead: `10,000` in English,
//! `10.000` in German, `10 000` in French (a narrow no-break space).

use std::fmt;

use icu_decimal::input::Decimal;
use icu_decimal::{DecimalFormatter, DecimalFormatterPreferences};
use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules, PluralRulesPreferences};

/// A number given as a variable. Integers are kept exactly (up to 128 bits);
/// other values are `f64`.
///
/// ```
/// use defender_errors::Number;
///
/// assert_eq!(Number::parse("10000"), Some(Number::from(10_000u32)));
/// assert_eq!(Number::parse("-2.5"), Some(Number::from(-2.5)));
/// assert_eq!(Number::parse("ten"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number(Repr);

#[derive(Debug, Clone, Copy, PartialEq)]
enum Repr {
    Int(i128),
    Float(f64),
}

/// The longest text [`Number::parse`] reads: 39 digits hold any `i128`,
/// and longer input is not a number a person typed.
const MAX_NUMBER_LEN: usize = 64;

impl Number {
    /// Reads a plain decimal number: an optional `-`, digits, and an optional
    /// fraction (`.` and digits). No grouping separators, no exponent, at most
    /// 64 characters; anything else is `None`.
    ///
    /// ```
    /// use defender_errors::Number;
    ///
    /// let big = Number::parse("123456789012345678901234567890").unwrap();
    /// assert_eq!(big.to_string(), "123456789012345678901234567890");
    /// assert_eq!(Number::parse("1,000"), None);
    /// ```
    pub fn parse(s: &str) -> Option<Self> {
        if s.is_empty() || s.len() > MAX_NUMBER_LEN {
            return None;
        }
        let digits = s.strip_prefix('-').unwrap_or(s);
        let (int, frac) = match digits.split_once('.') {
            Some((int, frac)) => (int, Some(frac)),
            None => (digits, None),
        };
        let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(int) || !frac.is_none_or(all_digits) {
            return None;
        }
        if frac.is_none() {
            if let Ok(i) = s.parse::<i128>() {
                return Some(Self(Repr::Int(i)));
            }
        }
        s.parse::<f64>().ok().map(|f| Self(Repr::Float(f)))
    }

    fn to_decimal(self) -> Option<Decimal> {
        match self.0 {
            Repr::Int(i) => Some(Decimal::from(i)),
            Repr::Float(f) if f.is_finite() => Decimal::try_from_str(&f.to_string()).ok(),
            Repr::Float(_) => None,
        }
    }

    /// Whether this number equals a Fluent number literal such as `1` or `0.5`.
    pub(crate) fn equals_literal(self, literal: &str) -> bool {
        match (self.0, Number::parse(literal).map(|n| n.0)) {
            (Repr::Int(a), Some(Repr::Int(b))) => a == b,
            (a, Some(b)) => a.as_f64() == b.as_f64(),
            (_, None) => false,
        }
    }
}

impl Repr {
    fn as_f64(self) -> f64 {
        match self {
            // Precision loss is fine here: only used to compare non-integer literals.
            #[allow(clippy::cast_precision_loss)] // see the line above
            Repr::Int(i) => i as f64,
            Repr::Float(f) => f,
        }
    }
}

macro_rules! from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Number {
            fn from(value: $t) -> Self {
                Self(Repr::Int(i128::from(value)))
            }
        }
    )*};
}
from_int!(i8, i16, i32, i64, u8, u16, u32, u64);

impl From<usize> for Number {
    fn from(value: usize) -> Self {
        // usize is at most 64 bits on every supported target.
        Self(Repr::Int(i128::try_from(value).unwrap_or(i128::MAX)))
    }
}

impl From<f64> for Number {
    fn from(value: f64) -> Self {
        Self(Repr::Float(value))
    }
}

impl fmt::Display for Number {
    /// The number without locale formatting, as [`Number::parse`] reads it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Repr::Int(i) => write!(f, "{i}"),
            Repr::Float(x) => write!(f, "{x}"),
        }
    }
}

/// A locale's number formatter and cardinal plural rules, built once per locale.
#[derive(Debug)]
pub(crate) struct NumberFormat {
    decimal: Option<DecimalFormatter>,
    plurals: Option<PluralRules>,
}

impl NumberFormat {
    /// Formatters for a locale id such as `de` or `pt-BR`. An id ICU4X cannot
    /// read gets the root locale's data; with no data at all, numbers are
    /// written plainly and plural selection uses the default variant.
    pub(crate) fn new(locale_id: &str) -> Self {
        let locale = Locale::try_from_str(locale_id).unwrap_or(Locale::UNKNOWN);
        Self {
            decimal: DecimalFormatter::try_new(
                DecimalFormatterPreferences::from(&locale),
                Default::default(),
            )
            .ok(),
            plurals: PluralRules::try_new_cardinal(PluralRulesPreferences::from(&locale)).ok(),
        }
    }

    pub(crate) fn write<W: fmt::Write + ?Sized>(&self, w: &mut W, n: Number) -> fmt::Result {
        match (&self.decimal, n.to_decimal()) {
            (Some(formatter), Some(decimal)) => write!(w, "{}", formatter.format(&decimal)),
            _ => write!(w, "{n}"),
        }
    }

    /// The CLDR plural category of `n` in this locale (`one`, `few`, `other`, …).
    pub(crate) fn category(&self, n: Number) -> Option<&'static str> {
        let rules = self.plurals.as_ref()?;
        let category = match n.0 {
            Repr::Int(i) => rules.category_for(i),
            Repr::Float(_) => rules.category_for(&n.to_decimal()?),
        };
        Some(category_name(category))
    }

    /// Every plural category this locale uses, for the translators' checks.
    pub(crate) fn categories(&self) -> Vec<&'static str> {
        self.plurals
            .as_ref()
            .map(|rules| rules.categories().map(category_name).collect())
            .unwrap_or_default()
    }
}

fn category_name(category: PluralCategory) -> &'static str {
    match category {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format(locale: &str, n: Number) -> String {
        let mut s = String::new();
        NumberFormat::new(locale).write(&mut s, n).unwrap();
        s
    }

    #[test]
    fn integers_are_exact_and_grouped_per_locale() {
        let n = Number::from(10_000u64);
        assert_eq!(format("en", n), "10,000");
        assert_eq!(format("de", n), "10.000");
        assert_eq!(format("fr", n), "10\u{202f}000");
        let huge = Number::parse("170141183460469231731687303715884105727").unwrap();
        assert_eq!(
            format("en", huge),
            "170,141,183,460,469,231,731,687,303,715,884,105,727"
        );
    }

    #[test]
    fn fractions_use_the_locale_separator() {
        assert_eq!(format("de", Number::from(2.5)), "2,5");
        assert_eq!(format("en", Number::from(f64::NAN)), "NaN");
    }

    #[test]
    fn plural_categories_follow_cldr() {
        let fr = NumberFormat::new("fr");
        assert_eq!(fr.category(Number::from(0u8)), Some("one"));
        assert_eq!(
            NumberFormat::new("en").category(Number::from(0u8)),
            Some("other")
        );
        assert_eq!(
            NumberFormat::new("en").category(Number::from(1u8)),
            Some("one")
        );
    }

    #[test]
    fn parse_rejects_what_is_not_a_plain_number() {
        for bad in [
            "",
            "-",
            "1.",
            ".5",
            "1e5",
            " 1",
            "1_000",
            "١٢",
            &"9".repeat(65),
        ] {
            assert_eq!(Number::parse(bad), None, "{bad:?}");
        }
        assert!(Number::from(1u8).equals_literal("1"));
        assert!(Number::from(0.5).equals_literal("0.5"));
        assert!(!Number::from(1u8).equals_literal("one"));
    }
}
