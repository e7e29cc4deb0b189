//! Numbers: exact values, and their locale formatting with ICU4X.
//!
//! fluent-bundle prints numbers with `f64::to_string` (`10000` in every locale).
//! The catalog formats them with CLDR data instead: `10,000` in English,
//! `10.000` in German, `10 000` in French (a narrow no-break space).

use std::fmt;
use std::sync::OnceLock;

use fixed_decimal::{SignedRoundingMode, UnsignedRoundingMode};
use icu_decimal::input::Decimal;
use icu_decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu_decimal::{DecimalFormatter, DecimalFormatterPreferences};
use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules, PluralRulesPreferences};

use super::integers::Integers;

/// A number given as a variable. Integers are kept exactly (up to 128 bits);
/// other values are `f64`. A number read from text keeps the fraction digits
/// it was written with, as Fluent does: `2.50` is shown as `2.50`.
///
/// ```
/// use defender_errors::Number;
///
/// assert_eq!(Number::parse("10000"), Some(Number::from(10_000u32)));
/// assert_eq!(Number::parse("-2.5").map(|n| n.to_string()), Some("-2.5".to_owned()));
/// assert_eq!(Number::parse("ten"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    repr: Repr,
    options: NumberOptions,
}

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
enum Repr {
    Int(i128),
    Float(f64),
}

/// A [`Number`] as its parts, for the precompiled catalog, without making
/// serde part of the public type.
pub(crate) mod as_parts {
    use super::{Number, NumberOptions, Repr};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(crate) fn serialize<S: Serializer>(n: &Number, s: S) -> Result<S::Ok, S::Error> {
        (n.repr, n.options).serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Number, D::Error> {
        let (repr, options) = <(Repr, NumberOptions)>::deserialize(d)?;
        Ok(Number { repr, options })
    }
}

/// How a number is formatted and selected on: the options of Fluent's
/// `NUMBER()` that the catalog supports. Two numbers are the same key of a
/// select only when their options are the same too, as in fluent-bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct NumberOptions {
    pub(crate) min_integer_digits: Option<u8>,
    pub(crate) min_fraction_digits: Option<u8>,
    pub(crate) max_fraction_digits: Option<u8>,
    pub(crate) grouping: bool,
    pub(crate) ordinal: bool,
}

impl Default for NumberOptions {
    fn default() -> Self {
        Self {
            min_integer_digits: None,
            min_fraction_digits: None,
            max_fraction_digits: None,
            grouping: true,
            ordinal: false,
        }
    }
}

/// The options one `NUMBER()` call sets; the others keep the value's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct NumberPatch {
    pub(crate) min_integer_digits: Option<u8>,
    pub(crate) min_fraction_digits: Option<u8>,
    pub(crate) max_fraction_digits: Option<u8>,
    pub(crate) grouping: Option<bool>,
    pub(crate) ordinal: Option<bool>,
}

/// The longest text [`Number::parse`] reads: 39 digits hold any `i128`,
/// and longer input is not a number a person typed.
const MAX_NUMBER_LEN: usize = 64;

impl Number {
    /// Reads a plain decimal number: an optional `-`, digits, and an optional
    /// fraction (`.` and digits). No grouping separators, no exponent, at most
    /// 64 characters; anything else is `None`. The digits of the fraction are
    /// all shown, trailing zeros included.
    ///
    /// ```
    /// use defender_errors::Number;
    ///
    /// let big = Number::parse("123456789012345678901234567890").unwrap();
    /// assert_eq!(big.to_string(), "123456789012345678901234567890");
    /// assert_eq!(Number::parse("2.50").unwrap().to_string(), "2.50");
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
        let Some(frac) = frac else {
            return match s.parse::<i128>() {
                Ok(i) => Some(Self::from_repr(Repr::Int(i))),
                Err(_) => s
                    .parse::<f64>()
                    .ok()
                    .map(|f| Self::from_repr(Repr::Float(f))),
            };
        };
        let value = s.parse::<f64>().ok()?;
        let mut number = Self::from_repr(Repr::Float(value));
        // At most 63 digits: MAX_NUMBER_LEN bounds the text.
        number.options.min_fraction_digits = u8::try_from(frac.len()).ok();
        Some(number)
    }

    const fn from_repr(repr: Repr) -> Self {
        Self {
            repr,
            options: NumberOptions {
                min_integer_digits: None,
                min_fraction_digits: None,
                max_fraction_digits: None,
                grouping: true,
                ordinal: false,
            },
        }
    }

    /// This number with the options of a `NUMBER()` call applied.
    pub(crate) fn with(mut self, patch: &NumberPatch) -> Self {
        let o = &mut self.options;
        o.min_integer_digits = patch.min_integer_digits.or(o.min_integer_digits);
        o.min_fraction_digits = patch.min_fraction_digits.or(o.min_fraction_digits);
        o.max_fraction_digits = patch.max_fraction_digits.or(o.max_fraction_digits);
        o.grouping = patch.grouping.unwrap_or(o.grouping);
        o.ordinal = patch.ordinal.unwrap_or(o.ordinal);
        self
    }

    /// The exact decimal value, without any option applied.
    fn to_decimal(self) -> Option<Decimal> {
        match self.repr {
            Repr::Int(i) => Some(Decimal::from(i)),
            Repr::Float(f) if f.is_finite() => Decimal::try_from_str(&f.to_string()).ok(),
            Repr::Float(_) => None,
        }
    }

    /// The decimal that plural rules see: the value with at least the
    /// minimum fraction digits, as fluent-bundle counts its operands.
    fn plural_operands(self) -> Option<Decimal> {
        let mut decimal = self.to_decimal()?;
        if let Some(digits) = self.options.min_fraction_digits {
            decimal.absolute.pad_end(-i16::from(digits));
        }
        Some(decimal)
    }

    /// The decimal that is shown: rounded to the maximum fraction digits
    /// (half away from zero, as `Intl.NumberFormat`), then padded to the
    /// minimum fraction and integer digits.
    fn shown(self) -> Option<Decimal> {
        let mut decimal = self.to_decimal()?;
        let o = self.options;
        if let Some(max) = o.max_fraction_digits {
            decimal.round_with_mode(
                -i16::from(max),
                SignedRoundingMode::Unsigned(UnsignedRoundingMode::HalfExpand),
            );
            decimal.absolute.trim_end();
        }
        if let Some(min) = o.min_fraction_digits {
            decimal.absolute.pad_end(-i16::from(min));
        }
        if let Some(min) = o.min_integer_digits {
            decimal.absolute.pad_start(i16::from(min));
        }
        Some(decimal)
    }

    /// The value as an `f64`, as fluent-bundle holds every number.
    pub(crate) fn as_f64(self) -> f64 {
        self.repr.as_f64()
    }

    /// Whether this number is the same select key as `key`, a Fluent number
    /// literal such as `1` or `0.5`: the same value with the same options,
    /// as fluent-bundle compares them (so `1.0` is not `1`).
    pub(crate) fn is_key(self, key: &Number) -> bool {
        let same_value = match (self.repr, key.repr) {
            (Repr::Int(a), Repr::Int(b)) => a == b,
            (a, b) => a.as_f64() == b.as_f64(),
        };
        same_value && self.options == key.options
    }
}
impl Repr {
    fn as_f64(self) -> f64 {
        match self {
            // fluent-bundle holds every number as an f64; so do comparisons.
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
                Self::from_repr(Repr::Int(i128::from(value)))
            }
        }
    )*};
}
from_int!(i8, i16, i32, i64, u8, u16, u32, u64);

impl From<usize> for Number {
    fn from(value: usize) -> Self {
        // usize is at most 64 bits on every supported target.
        Self::from_repr(Repr::Int(i128::try_from(value).unwrap_or(i128::MAX)))
    }
}

impl From<f64> for Number {
    fn from(value: f64) -> Self {
        Self::from_repr(Repr::Float(value))
    }
}

impl fmt::Display for Number {
    /// The number without locale formatting, as [`Number::parse`] reads it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.repr, self.options.min_fraction_digits) {
            (Repr::Int(i), _) => write!(f, "{i}"),
            (Repr::Float(x), Some(digits)) if x.is_finite() => match self.shown() {
                Some(decimal) => write!(f, "{decimal}"),
                None => write!(f, "{x:.*}", usize::from(digits)),
            },
            (Repr::Float(x), _) => write!(f, "{x}"),
        }
    }
}

/// A locale's number formatters and plural rules, built once per locale;
/// what only some messages need (no grouping, ordinal rules) is built the
/// first time one does.
#[derive(Debug)]
pub(crate) struct NumberFormat {
    locale: Locale,
    decimal: Option<DecimalFormatter>,
    ungrouped: OnceLock<Option<DecimalFormatter>>,
    /// Whole numbers written by hand, in the shape `decimal` writes them.
    integers: OnceLock<Option<Integers>>,
    plurals: Option<PluralRules>,
    ordinals: OnceLock<Option<PluralRules>>,
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
            ungrouped: OnceLock::new(),
            integers: OnceLock::new(),
            plurals: PluralRules::try_new_cardinal(PluralRulesPreferences::from(&locale)).ok(),
            ordinals: OnceLock::new(),
            locale,
        }
    }

    /// How this locale writes whole numbers, when ICU4X's text has the
    /// shape [`Integers`] writes.
    pub(crate) fn integers(&self) -> Option<&Integers> {
        self.integers
            .get_or_init(|| self.decimal.as_ref().and_then(Integers::derive))
            .as_ref()
    }

    pub(crate) fn write<W: fmt::Write + ?Sized>(&self, w: &mut W, n: Number) -> fmt::Result {
        // A whole number with the default options, the common case, needs
        // no general decimal machinery.
        if let (Repr::Int(i), true) = (n.repr, n.options == NumberOptions::default()) {
            if let Some(integers) = self.integers() {
                return integers.write(w, i);
            }
        }
        let formatter = if n.options.grouping {
            self.decimal.as_ref()
        } else {
            self.ungrouped
                .get_or_init(|| {
                    let mut options = DecimalFormatterOptions::default();
                    options.grouping_strategy = Some(GroupingStrategy::Never);
                    DecimalFormatter::try_new(
                        DecimalFormatterPreferences::from(&self.locale),
                        options,
                    )
                    .ok()
                })
                .as_ref()
        };
        match (formatter, n.shown()) {
            (Some(formatter), Some(decimal)) => write!(w, "{}", formatter.format(&decimal)),
            _ => write!(w, "{n}"),
        }
    }

    /// The CLDR plural category of `n` in this locale (`one`, `few`, `other`, …),
    /// by the cardinal rules, or the ordinal ones for `type: "ordinal"`.
    pub(crate) fn category(&self, n: Number) -> Option<&'static str> {
        let rules = if n.options.ordinal {
            self.ordinals
                .get_or_init(|| {
                    PluralRules::try_new_ordinal(PluralRulesPreferences::from(&self.locale)).ok()
                })
                .as_ref()?
        } else {
            self.plurals.as_ref()?
        };
        let category = match (n.repr, n.options.min_fraction_digits) {
            (Repr::Int(i), None) => rules.category_for(i),
            _ => rules.category_for(&n.plural_operands()?),
        };
        Some(category_name(category))
    }

    /// Every cardinal plural category this locale uses, for the translators' checks.
    #[cfg(feature = "translators")]
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

    /// The hand-written whole numbers give ICU4X's text in every shipped
    /// locale (and a few with other shapes) over a range of values.
    #[test]
    fn whole_numbers_by_hand_are_icu4x_text() {
        let mut values: Vec<i128> = vec![0, 1, 9, 10, 999, 1_000, 1_001, 9_999, 10_000, 12_500];
        values.extend([
            99_999,
            100_000,
            123_456,
            1_234_567,
            10_i128.pow(15),
            i128::MAX,
            i128::MIN,
        ]);
        values.extend((0..200).map(|k| 7_i128.pow(k % 40) * if k % 2 == 0 { 1 } else { -1 }));
        let negatives: Vec<i128> = values.iter().map(|v| v.saturating_neg()).collect();
        values.extend(negatives);
        let mut derived = 0;
        for locale in [
            "en", "nl", "da", "de", "zh", "fr", "es", "hi", "pl", "pt-BR", "de-CH", "ar",
        ] {
            let numbers = NumberFormat::new(locale);
            let Some(icu) = numbers.decimal.as_ref() else {
                continue;
            };
            let Some(integers) = Integers::derive(icu) else {
                continue;
            };
            derived += 1;
            for &n in &values {
                assert_eq!(
                    integers.text(n),
                    icu.format(&Decimal::from(n)).to_string(),
                    "{locale}: {n}"
                );
            }
        }
        assert!(
            derived >= 9,
            "the fast path serves most locales ({derived})"
        );
        for locale in ["en", "nl", "da", "de", "zh", "fr"] {
            assert!(
                Integers::derive(NumberFormat::new(locale).decimal.as_ref().unwrap()).is_some(),
                "{locale}"
            );
        }
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
        let key = |s: &str| Number::parse(s).unwrap();
        assert!(Number::from(1u8).is_key(&key("1")));
        assert!(Number::parse("0.5").unwrap().is_key(&key("0.5")));
        assert!(
            !Number::from(1u8).is_key(&key("1.0")),
            "fraction digits are options"
        );
    }
}
