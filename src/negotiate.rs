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

/// The id of the source locale, English: the fallback of every other, and
/// the first locale of every catalog ([`Locale::SOURCE`]).
pub const SOURCE_LOCALE: &str = "en";

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
/// assert_eq!((catalog.locale_id(chosen.locale), chosen.matched), ("fr", true));
/// let fallback = catalog.negotiate("tlh, *;q=0");
/// assert_eq!((catalog.locale_id(fallback.locale), fallback.matched), ("en", false));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Negotiated {
    /// The catalog locale chosen, such as `de` or `zh`
    /// ([`Catalog::locale_id`](crate::Catalog::locale_id) gives its id).
    pub locale: Locale,
    /// `false` when nothing in the header matched and English was chosen as the default.
    pub matched: bool,
}

/// One of a catalog's locales, as [`Catalog::negotiate`](crate::Catalog::negotiate) or
/// [`Catalog::locale`](crate::Catalog::locale) chose it: a small `Copy` handle that every render
/// method takes, so that the locale is decided once, where the request's
/// header or setting is read, and never again on the way to the text.
///
/// [`Catalog::locale_id`](crate::Catalog::locale_id) gives its id back (for `Content-Language`).
/// [`Locale::SOURCE`] is English, in every catalog.
///
/// A handle from another catalog (one built with other files, or rebuilt on
/// a reload) stands for the locale of the same id in the catalog it is
/// given to, and for English when that catalog lacks the id: never a panic,
/// never another language.
///
/// ```
/// use defender_errors::{Catalog, DefenderError, Locale};
///
/// let catalog = Catalog::new();
/// let de = catalog.negotiate("de-CH, de;q=0.9").locale;
/// assert_eq!(catalog.locale_id(de), "de");
/// assert_eq!(catalog.locale("de"), Some(de));
/// assert_eq!(catalog.message(de, &DefenderError::NotFound), "Das angeforderte Element wurde nicht gefunden.");
/// assert_eq!(catalog.locale_id(Locale::SOURCE), "en");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Locale {
    /// The locale's place in its catalog (the top byte) and its id's key
    /// ([`id_key`], the other 56 bits), which tells a handle of another
    /// catalog. One word, so that a handle, and a [`Negotiated`], travel
    /// in registers, and a catalog checks a handle with one comparison.
    handle: u64,
}

impl Locale {
    /// The source locale, English: the fallback of every other, and the
    /// first locale of every catalog.
    ///
    /// ```
    /// use defender_errors::{Catalog, Locale};
    /// assert_eq!(Catalog::new().negotiate("tlh").locale, Locale::SOURCE);
    /// ```
    pub const SOURCE: Locale = Locale::new(0, id_key(SOURCE_LOCALE));

    /// The handle of the locale at `index` whose id's key is `key`.
    pub(crate) const fn new(index: u8, key: u64) -> Self {
        Locale {
            handle: (index as u64) << KEY_BITS | key & KEY_MASK,
        }
    }

    /// The locale's place in its catalog.
    #[inline]
    pub(crate) const fn index(self) -> usize {
        (self.handle >> KEY_BITS) as usize
    }

    /// Its id's key.
    #[inline]
    pub(crate) const fn key(self) -> u64 {
        self.handle & KEY_MASK
    }
}

/// The bits of a [`Locale`] that hold its id's key.
const KEY_BITS: u32 = 56;
const KEY_MASK: u64 = (1 << KEY_BITS) - 1;

/// A locale id's key: FNV-1a over its bytes, lowercased (ids compare
/// without regard to ASCII case, as BCP 47 tags do), in the 56 bits a
/// [`Locale`] keeps of it.
pub(crate) const fn id_key(id: &str) -> u64 {
    let bytes = id.as_bytes();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        // `i` is below the length.
        #[allow(clippy::indexing_slicing)]
        let byte = bytes[i].to_ascii_lowercase();
        hash ^= byte as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash & KEY_MASK
}

/// A subtag of at most 8 ASCII letters or digits, lowercased and packed into
/// one integer, so that matching compares integers, not strings. Subtags
/// never hold a NUL byte, so the zero padding cannot make two subtags equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Subtag(u64);

impl Subtag {
    /// `s` as a subtag: 1 to 8 ASCII letters or digits; `None` otherwise.
    fn new(s: &[u8]) -> Option<Self> {
        if s.is_empty() || s.len() > 8 {
            return None;
        }
        let mut packed = [0u8; 8];
        for (slot, &b) in packed.iter_mut().zip(s) {
            if !b.is_ascii_alphanumeric() {
                return None;
            }
            *slot = b.to_ascii_lowercase();
        }
        Some(Self(u64::from_le_bytes(packed)))
    }

    /// A lowercase literal as a subtag, at compile time.
    // Indexing is bounded by both lengths, and `of` takes only literals.
    #[allow(clippy::indexing_slicing)]
    const fn of(s: &str) -> Self {
        let bytes = s.as_bytes();
        let mut packed = [0u8; 8];
        let mut i = 0;
        while i < bytes.len() && i < packed.len() {
            packed[i] = bytes[i];
            i += 1;
        }
        Self(u64::from_le_bytes(packed))
    }
}

const ZH: Subtag = Subtag::of("zh");
const HANT: Subtag = Subtag::of("hant");
const TRADITIONAL_REGIONS: [Subtag; 3] = [Subtag::of("tw"), Subtag::of("hk"), Subtag::of("mo")];

/// A catalog locale's id, split into packed subtags for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LocaleTag {
    id: Box<str>,
    language: Subtag,
    script: Option<Subtag>,
    region: Option<Subtag>,
}

impl LocaleTag {
    /// Reads a locale id such as `de`, `pt-BR` or `zh-Hant`; `None` if it is not one.
    pub(crate) fn parse(id: &str) -> Option<Self> {
        let range = Range::parse(id)?;
        Some(Self {
            id: id.to_ascii_lowercase().into_boxed_str(),
            language: range.language,
            script: range.script,
            region: range.region,
        })
    }
}

/// One language range of a header: the tag as written, and its packed
/// language, script and region.
#[derive(Debug, Clone, Copy)]
struct Range<'h> {
    tag: &'h str,
    language: Subtag,
    script: Option<Subtag>,
    region: Option<Subtag>,
}

impl<'h> Range<'h> {
    /// Reads the language, script and region of a well-formed tag; extensions
    /// and private use after them are ignored. `None` for anything else.
    fn parse(tag: &'h str) -> Option<Self> {
        let mut subtags = tag.as_bytes().split(|&b| b == b'-');
        let first = subtags.next()?;
        if first.len() < 2 || !first.iter().all(u8::is_ascii_alphabetic) {
            return None;
        }
        let mut range = Range {
            tag,
            language: Subtag::new(first)?,
            script: None,
            region: None,
        };
        for (position, subtag) in subtags.enumerate() {
            let packed = Subtag::new(subtag)?;
            let alpha = subtag.iter().all(u8::is_ascii_alphabetic);
            let digits = subtag.iter().all(u8::is_ascii_digit);
            match subtag.len() {
                4 if alpha && position == 0 => range.script = Some(packed),
                2 if alpha && range.region.is_none() && position <= 1 => {
                    range.region = Some(packed);
                }
                3 if digits && range.region.is_none() && position <= 1 => {
                    range.region = Some(packed);
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
        if self.language != locale.language {
            return None;
        }
        if locale.language == ZH {
            let wanted = is_traditional(self.script, self.region);
            let served = is_traditional(locale.script, locale.region);
            // Traditional may be served Simplified only when the builder allows it.
            let allowed = wanted == served || (allow_traditional && !served);
            if !allowed {
                return None;
            }
        } else if locale.script.is_some() && self.script != locale.script {
            return None;
        }
        if locale.region.is_some() && self.region != locale.region {
            return None;
        }
        Some(1 + u8::from(locale.script.is_some()) + u8::from(locale.region.is_some()))
    }
}

/// Whether a Chinese tag means Traditional script: its script subtag, or the
/// likely script of its region (CLDR likely subtags: TW, HK and MO write
/// Traditional).
fn is_traditional(script: Option<Subtag>, region: Option<Subtag>) -> bool {
    match script {
        Some(script) => script == HANT,
        None => region.is_some_and(|r| TRADITIONAL_REGIONS.contains(&r)),
    }
}

/// An entry of the header: the language range as written (`*` included) and
/// its weight in thousandths.
struct Entry<'h> {
    tag: &'h str,
    q: u16,
}

impl<'h> Entry<'h> {
    /// The entry's range, `Ok(None)` for `*`, `Err(())` when malformed.
    fn range(&self) -> Result<Option<Range<'h>>, ()> {
        if matches!(self.tag.as_bytes(), [b'*']) {
            Ok(None)
        } else {
            Range::parse(self.tag).map(Some).ok_or(())
        }
    }
}

/// The entries of a header with a well-formed weight, within the caps. The
/// range itself is parsed later, and only when its weight could win.
fn entries(header: &str) -> impl Iterator<Item = Entry<'_>> {
    let mut end = header.len().min(MAX_HEADER_BYTES);
    while !header.is_char_boundary(end) {
        end -= 1;
    }
    split_at_byte(&header[..end], b',')
        .take(MAX_ENTRIES)
        .filter_map(|item| {
            let (tag, params) = match split_once_byte(item, b';') {
                Some((tag, params)) => (tag, Some(params)),
                None => (item, None),
            };
            let mut q = 1000;
            if let Some(params) = params {
                for param in split_at_byte(params, b';') {
                    let (name, value) = split_once_byte(param, b'=')?;
                    if matches!(trim_ows(name).as_bytes(), [b'q' | b'Q']) {
                        q = parse_q(trim_ows(value))?;
                    }
                }
            }
            Some(Entry {
                tag: trim_ows(tag),
                q,
            })
        })
}

/// A qvalue (`0`, `0.5`, `1.000`, at most three decimals) in thousandths.
fn parse_q(value: &str) -> Option<u16> {
    let digit = |b: u8| b.is_ascii_digit().then(|| u16::from(b - b'0'));
    match *value.as_bytes() {
        [b'0'] => Some(0),
        [b'1'] | [b'1', b'.'] => Some(1000),
        [b'0', b'.', a] => Some(digit(a)? * 100),
        [b'0', b'.', a, b] => Some(digit(a)? * 100 + digit(b)? * 10),
        [b'0', b'.', a, b, c] => Some(digit(a)? * 100 + digit(b)? * 10 + digit(c)?),
        [b'0', b'.'] => Some(0),
        [b'1', b'.', ref zeros @ ..] if zeros.len() <= 3 && zeros.iter().all(|&z| z == b'0') => {
            Some(1000)
        }
        _ => None,
    }
}

/// `s` split at every `sep`, an ASCII byte. The header is split with these
/// rather than with `str::split`, whose `char` searcher calls `memcmp` for
/// each match: negotiation runs on every request.
fn split_at_byte(s: &str, sep: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let current = rest?;
        let (item, after) =
            split_once_byte(current, sep).map_or((current, None), |(i, a)| (i, Some(a)));
        rest = after;
        Some(item)
    })
}

/// `s` split at its first `sep`, an ASCII byte (so both sides are `str`).
fn split_once_byte(s: &str, sep: u8) -> Option<(&str, &str)> {
    let i = s.bytes().position(|b| b == sep)?;
    Some((s.get(..i)?, s.get(i + 1..)?))
}

/// `s` without the spaces and tabs around it (HTTP's optional whitespace).
#[inline]
fn trim_ows(s: &str) -> &str {
    let is_ows = |b: &u8| *b == b' ' || *b == b'\t';
    let bytes = s.as_bytes();
    // Most entries have none: two comparisons, and no search.
    if !bytes.first().is_some_and(is_ows) && !bytes.last().is_some_and(is_ows) {
        return s;
    }
    let start = bytes.iter().position(|b| !is_ows(b)).unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !is_ows(b))
        .map_or(start, |i| i + 1);
    // Spaces and tabs are ASCII, so both ends are character boundaries.
    s.get(start..end).unwrap_or("")
}

/// The index into `locales` of the best locale for `header`, and whether
/// anything matched; index 0 (English) otherwise.
///
/// A locale excluded by a `q=0` entry is known only once the whole header is
/// read, so the common header, without `q=0`, is chosen in one pass, and a
/// header with exclusions gets a second pass that skips what they exclude.
pub(crate) fn negotiate(
    locales: &[LocaleTag],
    header: &str,
    allow_traditional: bool,
) -> (usize, bool) {
    let locales = locales.get(..MAX_LOCALES).unwrap_or(locales);
    let mut excluded: u64 = 0;
    let best = choose(locales, header, allow_traditional, 0, Some(&mut excluded));
    let best = if excluded == 0 {
        best
    } else {
        choose(locales, header, allow_traditional, excluded, None)
    };
    best.map_or((0, false), |i| (i, true))
}

/// The best allowed locale for the positive entries of `header`: the first
/// entry of the highest weight that some locale serves, and among the locales
/// it serves the most specific, then the first. With `exclusions`, also
/// collects the locales that `q=0` entries exclude.
fn choose(
    locales: &[LocaleTag],
    header: &str,
    allow_traditional: bool,
    excluded: u64,
    mut exclusions: Option<&mut u64>,
) -> Option<usize> {
    let is_allowed = |i: usize| excluded & (1 << i) == 0;
    let mut best: Option<(u16, usize)> = None;
    for entry in entries(header) {
        if entry.q == 0 {
            if let (Some(mask), Ok(Some(range))) = (exclusions.as_deref_mut(), entry.range()) {
                for (i, locale) in locales.iter().enumerate() {
                    if range.covers(locale) {
                        *mask |= 1 << i;
                    }
                }
            }
            continue;
        }
        if best.is_some_and(|(q, _)| q >= entry.q) {
            continue;
        }
        let candidate = match entry.range() {
            Err(()) => None,
            // `*`: any language; English, the source, unless excluded.
            Ok(None) => (0..locales.len()).find(|&i| is_allowed(i)),
            Ok(Some(range)) => {
                // The most specific locale the range matches; the first of equals.
                let mut found: Option<(u8, usize)> = None;
                for (i, locale) in locales.iter().enumerate() {
                    if let Some(score) = range.score(locale, allow_traditional) {
                        if is_allowed(i) && found.is_none_or(|(s, _)| score > s) {
                            found = Some((score, i));
                        }
                    }
                }
                found.map(|(_, i)| i)
            }
        };
        if let Some(i) = candidate {
            best = Some((entry.q, i));
        }
    }
    best.map(|(_, i)| i)
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
        assert_eq!(parse_q("0."), Some(0));
        assert_eq!(parse_q("0.05"), Some(50));
        assert_eq!(parse_q("1.0"), Some(1000));
        for bad in [
            "", "1.5", "0.1234", "2", "-0", "0.a", "q", "1.0001", "1.01", "00", ".5", "0,5", "0.5 ",
        ] {
            assert_eq!(parse_q(bad), None, "{bad}");
        }
    }

    /// The first, general reading of a qvalue, kept to check the fast one.
    fn parse_q_reference(value: &str) -> Option<u16> {
        let (int, frac) = split_once_byte(value, b'.').unwrap_or((value, ""));
        if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let mut thousandths: u16 = 0;
        for i in 0..3 {
            let digit = frac.as_bytes().get(i).map_or(0, |b| u16::from(b - b'0'));
            thousandths = thousandths * 10 + digit;
        }
        match int.as_bytes() {
            [b'0'] => Some(thousandths),
            [b'1'] if thousandths == 0 => Some(1000),
            _ => None,
        }
    }

    #[test]
    fn q_values_agree_with_the_general_reading() {
        // Every string of up to six bytes over an alphabet with each kind of byte.
        let alphabet = b"0159.a -";
        let mut strings = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..6 {
            last = last
                .iter()
                .flat_map(|s| alphabet.iter().map(move |&b| format!("{s}{}", b as char)))
                .collect();
            strings.extend(last.iter().cloned());
        }
        assert_eq!(strings.len(), (0..=6).map(|k| 8usize.pow(k)).sum::<usize>());
        for s in &strings {
            assert_eq!(parse_q(s), parse_q_reference(s), "{s:?}");
        }
    }

    #[test]
    fn ranges() {
        let tag = |s: &str| Some(Subtag::of(s));
        let r = Range::parse("zh-Hant-TW").unwrap();
        assert_eq!(
            (Some(r.language), r.script, r.region),
            (tag("zh"), tag("hant"), tag("tw"))
        );
        let r = Range::parse("de-DE-u-co-phonebk").unwrap();
        assert_eq!((Some(r.language), r.region), (tag("de"), tag("de")));
        let r = Range::parse("es-419").unwrap();
        assert_eq!(r.region, tag("419"));
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
