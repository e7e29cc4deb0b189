//! Choosing a locale from an `Accept-Language` header (RFC 9110, section 12.5.4).
//!
//! Each language range is matched against the catalog's locales by its
//! language, script and region (RFC 4647 lookup, so `de-CH` and
//! `de-DE-u-co-phonebk` reach `de`); `q` weights order the ranges, and `q=0`
//! excludes the locales the range covers (RFC 4647 basic filtering). Garbage
//! entries are skipped; when nothing matches, the answer is English.
//!
//! Chinese is matched by script: the `zh` catalog is Simplified, so a range
//! asking for Traditional Chinese (`zh-Hant`, or `zh-TW`, `zh-HK`, `zh-MO`
//! without a script, by CLDR's likely subtags) does not get it unless the
//! builder allows it. A Taiwanese reader served Simplified characters gets a
//! text that reads as foreign; English is the better default.

/// At most this many bytes of a header are read; the rest is ignored.
/// Browsers send well under 200; 4 KiB is a common limit for one header line.
pub const MAX_HEADER_BYTES: usize = 4096;
/// At most this many comma-separated entries are read (garbage included).
/// Browsers send at most a dozen or so.
pub const MAX_ENTRIES: usize = 64;
/// A catalog serves at most this many locales: negotiation keeps the excluded
/// ones in a 64-bit set, so that it never allocates.
pub const MAX_LOCALES: usize = 64;

/// The result of negotiation: the locale chosen, and whether the header asked for it.
///
/// ```
/// use defender_errors::Catalog;
///
/// let catalog = Catalog::new();
/// let chosen = catalog.negotiate("fr-CA,fr;q=0.9,en;q=0.8");
/// assert_eq!((chosen.locale, chosen.matched), ("fr", true));
/// let fallback = catalog.negotiate("tlh, *;q=0");
/// assert_eq!((fallback.locale, fallback.matched), ("en", false));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Negotiated<'c> {
    /// The catalog locale chosen, such as `de` or `zh`.
    pub locale: &'c str,
    /// `false` when nothing in the header matched and English was chosen as the default.
    pub matched: bool,
}

/// A catalog locale's id, split into lowercase subtags for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LocaleTag {
    id: Box<str>,
    language: Box<str>,
    script: Option<Box<str>>,
    region: Option<Box<str>>,
}

impl LocaleTag {
    /// Reads a locale id such as `de`, `pt-BR` or `zh-Hant`; `None` if it is not one.
    pub(crate) fn parse(id: &str) -> Option<Self> {
        let range = Range::parse(id)?;
        let lower = |s: &str| s.to_ascii_lowercase().into_boxed_str();
        Some(Self {
            id: lower(id),
            language: lower(range.language),
            script: range.script.map(lower),
            region: range.region.map(lower),
        })
    }
}

/// One language range of a header, borrowed from it.
#[derive(Debug, Clone, Copy)]
struct Range<'h> {
    tag: &'h str,
    language: &'h str,
    script: Option<&'h str>,
    region: Option<&'h str>,
}

impl<'h> Range<'h> {
    /// Reads the language, script and region of a well-formed tag; extensions
    /// and private use after them are ignored. `None` for anything else.
    fn parse(tag: &'h str) -> Option<Self> {
        let mut subtags = tag.split('-');
        let language = subtags.next()?;
        if !(2..=8).contains(&language.len()) || !language.bytes().all(|b| b.is_ascii_alphabetic())
        {
            return None;
        }
        let mut range = Range {
            tag,
            language,
            script: None,
            region: None,
        };
        for (position, subtag) in subtags.enumerate() {
            if subtag.is_empty()
                || subtag.len() > 8
                || !subtag.bytes().all(|b| b.is_ascii_alphanumeric())
            {
                return None;
            }
            let alpha = subtag.bytes().all(|b| b.is_ascii_alphabetic());
            let digits = subtag.bytes().all(|b| b.is_ascii_digit());
            match subtag.len() {
                4 if alpha && position == 0 => range.script = Some(subtag),
                2 if alpha && range.region.is_none() && position <= 1 => {
                    range.region = Some(subtag)
                }
                3 if digits && range.region.is_none() && position <= 1 => {
                    range.region = Some(subtag)
                }
                // A singleton starts an extension or private use: nothing after it matters here.
                1 => break,
                _ => {}
            }
        }
        Some(range)
    }

    /// Whether this range covers `locale` under RFC 4647 basic filtering:
    /// equal, or a prefix of it up to a `-`. Used for `q=0` exclusions.
    fn covers(&self, locale: &LocaleTag) -> bool {
        let id = locale.id.as_bytes();
        let tag = self.tag.as_bytes();
        id.get(..tag.len())
            .is_some_and(|prefix| prefix.eq_ignore_ascii_case(tag))
            && matches!(id.get(tag.len()), None | Some(b'-'))
    }

    /// How well `locale` serves this range: `None` when it does not, else more
    /// for each script or region subtag of the locale that the range matches.
    fn score(&self, locale: &LocaleTag, allow_traditional: bool) -> Option<u8> {
        if !self.language.eq_ignore_ascii_case(&locale.language) {
            return None;
        }
        if locale.language.as_ref() == "zh" {
            let wanted = chinese_script(self.script, self.region);
            let served = chinese_script(locale.script.as_deref(), locale.region.as_deref());
            let allowed = wanted == served || (allow_traditional && served == "hans");
            if !allowed {
                return None;
            }
        } else if let Some(script) = &locale.script {
            if !self.script.is_some_and(|s| s.eq_ignore_ascii_case(script)) {
                return None;
            }
        }
        if let Some(region) = &locale.region {
            if !self.region.is_some_and(|r| r.eq_ignore_ascii_case(region)) {
                return None;
            }
        }
        Some(1 + u8::from(locale.script.is_some()) + u8::from(locale.region.is_some()))
    }
}

/// The script a Chinese tag means: its script subtag, or the likely script of
/// its region (CLDR likely subtags: TW, HK and MO write Traditional).
fn chinese_script(script: Option<&str>, region: Option<&str>) -> &'static str {
    let is = |s: Option<&str>, v: &str| s.is_some_and(|s| s.eq_ignore_ascii_case(v));
    if is(script, "hant") || (script.is_none() && ["tw", "hk", "mo"].iter().any(|r| is(region, r)))
    {
        "hant"
    } else {
        "hans"
    }
}

/// An entry of the header: a language range (or `*`) and its weight in thousandths.
struct Entry<'h> {
    range: Option<Range<'h>>,
    q: u16,
}

/// The well-formed entries of a header, within the caps.
fn entries(header: &str) -> impl Iterator<Item = Entry<'_>> {
    let mut end = header.len().min(MAX_HEADER_BYTES);
    while !header.is_char_boundary(end) {
        end -= 1;
    }
    header[..end]
        .split(',')
        .take(MAX_ENTRIES)
        .filter_map(|item| {
            let mut parts = item.split(';');
            let tag = parts.next()?.trim_matches([' ', '\t']);
            let mut q = 1000;
            for param in parts {
                let (name, value) = param.split_once('=')?;
                if name.trim_matches([' ', '\t']).eq_ignore_ascii_case("q") {
                    q = parse_q(value.trim_matches([' ', '\t']))?;
                }
            }
            let range = if tag == "*" {
                None
            } else {
                Some(Range::parse(tag)?)
            };
            Some(Entry { range, q })
        })
}

/// A qvalue (`0`, `0.5`, `1.000`, at most three decimals) in thousandths.
fn parse_q(value: &str) -> Option<u16> {
    let (int, frac) = value.split_once('.').unwrap_or((value, ""));
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut thousandths: u16 = 0;
    for i in 0..3 {
        let digit = frac.as_bytes().get(i).map_or(0, |b| u16::from(b - b'0'));
        thousandths = thousandths * 10 + digit;
    }
    match int {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

/// The index into `locales` of the best locale for `header`, and whether
/// anything matched; index 0 (English) otherwise.
pub(crate) fn negotiate(
    locales: &[LocaleTag],
    header: &str,
    allow_traditional: bool,
) -> (usize, bool) {
    let locales = locales.get(..MAX_LOCALES).unwrap_or(locales);
    let mut excluded: u64 = 0;
    for entry in entries(header).filter(|e| e.q == 0) {
        if let Some(range) = entry.range {
            for (i, locale) in locales.iter().enumerate() {
                if range.covers(locale) {
                    excluded |= 1 << i;
                }
            }
        }
    }
    let is_allowed = |i: usize| excluded & (1 << i) == 0;
    let mut best: Option<(u16, usize)> = None;
    for entry in entries(header).filter(|e| e.q > 0) {
        if best.is_some_and(|(q, _)| q >= entry.q) {
            continue;
        }
        let candidate = match entry.range {
            // `*`: any language; English, the source, unless excluded.
            None => (0..locales.len()).find(|&i| is_allowed(i)),
            Some(range) => locales
                .iter()
                .enumerate()
                .filter(|&(i, _)| is_allowed(i))
                .filter_map(|(i, locale)| Some((range.score(locale, allow_traditional)?, i)))
                .max_by_key(|&(score, i)| (score, std::cmp::Reverse(i)))
                .map(|(_, i)| i),
        };
        if let Some(i) = candidate {
            best = Some((entry.q, i));
        }
    }
    best.map_or((0, false), |(_, i)| (i, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn q_values() {
        assert_eq!(parse_q("0"), Some(0));
        assert_eq!(parse_q("0.8"), Some(800));
        assert_eq!(parse_q("0.125"), Some(125));
        assert_eq!(parse_q("1.000"), Some(1000));
        assert_eq!(parse_q("1."), Some(1000));
        for bad in ["", "1.5", "0.1234", "2", "-0", "0.a", "q"] {
            assert_eq!(parse_q(bad), None, "{bad}");
        }
    }

    #[test]
    fn ranges() {
        let r = Range::parse("zh-Hant-TW").unwrap();
        assert_eq!(
            (r.language, r.script, r.region),
            ("zh", Some("Hant"), Some("TW"))
        );
        let r = Range::parse("de-DE-u-co-phonebk").unwrap();
        assert_eq!((r.language, r.region), ("de", Some("DE")));
        let r = Range::parse("es-419").unwrap();
        assert_eq!(r.region, Some("419"));
        for bad in [
            "",
            "d",
            "de_DE",
            "de--DE",
            "1234",
            "de-verylongsubtag",
            "dé",
        ] {
            assert!(Range::parse(bad).is_none(), "{bad}");
        }
    }
}
