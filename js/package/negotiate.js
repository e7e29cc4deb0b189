// Choosing a locale from an Accept-Language header: the library's rules
// (src/negotiate.rs) in JavaScript, proved the same by the parity test.
// Ranges match by language, script and region (RFC 4647 lookup); q weights
// order them and q=0 excludes what it covers; Traditional Chinese does not
// get the Simplified catalog unless allowed; garbage is skipped; with no
// match, English.

/** At most this many bytes of a header, and entries of it, are read. */
const MAX_HEADER_BYTES = 4096;
const MAX_ENTRIES = 64;

const SUBTAG = /^[a-z0-9]{1,8}$/i;
const TRADITIONAL_REGIONS = ['tw', 'hk', 'mo'];

/** A tag's language, script and region, lowercased; `null` when it is not a tag. */
export function parseTag(tag) {
  const subtags = tag.split('-');
  const first = subtags[0];
  if (!/^[a-z]{2,8}$/i.test(first)) return null;
  const range = { tag, language: first.toLowerCase(), script: null, region: null };
  for (let position = 0; position < subtags.length - 1; position++) {
    const subtag = subtags[position + 1];
    if (!SUBTAG.test(subtag)) return null;
    const lower = subtag.toLowerCase();
    const len = subtag.length;
    if (len === 4 && /^[a-z]+$/i.test(subtag) && position === 0) range.script = lower;
    else if (((len === 2 && /^[a-z]+$/i.test(subtag)) || (len === 3 && /^[0-9]+$/.test(subtag)))
      && range.region === null && position <= 1) range.region = lower;
    else if (len === 1) break;
  }
  return range;
}

function isTraditional(script, region) {
  return script !== null ? script === 'hant' : TRADITIONAL_REGIONS.includes(region);
}

/** How well `locale` serves `range`: `undefined` when it does not. */
function score(range, locale, allowTraditional) {
  if (range.language !== locale.language) return undefined;
  if (locale.language === 'zh') {
    const wanted = isTraditional(range.script, range.region);
    const served = isTraditional(locale.script, locale.region);
    if (!(wanted === served || (allowTraditional && !served))) return undefined;
  } else if (locale.script !== null && range.script !== locale.script) {
    return undefined;
  }
  if (locale.region !== null && range.region !== locale.region) return undefined;
  return 1 + (locale.script !== null) + (locale.region !== null);
}

/** Whether `range` covers `locale` under basic filtering (for q=0). */
function covers(range, locale) {
  const id = locale.id;
  const tag = range.tag.toLowerCase();
  return id.startsWith(tag) && (id.length === tag.length || id[tag.length] === '-');
}

/** A qvalue in thousandths; `undefined` when malformed. */
function parseQ(value) {
  const m = /^(?:(0)(?:\.(\d{0,3}))?|1(?:\.0{0,3})?)$/.exec(value);
  if (m === null) return undefined;
  return m[1] === undefined ? 1000 : Number((m[2] ?? '').padEnd(3, '0'));
}

function trimOws(s) {
  return s.replace(/^[ \t]+|[ \t]+$/g, '');
}

/** At most MAX_HEADER_BYTES bytes of `header` as UTF-8, cut at a character's start. */
function capped(header) {
  if (header.length * 3 <= MAX_HEADER_BYTES) return header;
  let bytes = 0;
  let i = 0;
  for (const ch of header) {
    const c = ch.codePointAt(0);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (bytes > MAX_HEADER_BYTES) break;
    i += ch.length;
  }
  return header.slice(0, i);
}

/** The entries with a well-formed weight: `[tag, q]`. */
function entries(header) {
  const out = [];
  for (const item of capped(header).split(',').slice(0, MAX_ENTRIES)) {
    const semi = item.indexOf(';');
    let q = 1000;
    let ok = true;
    if (semi >= 0) {
      for (const param of item.slice(semi + 1).split(';')) {
        const eq = param.indexOf('=');
        if (eq < 0) {
          ok = false;
          break;
        }
        if (/^[qQ]$/.test(trimOws(param.slice(0, eq)))) {
          q = parseQ(trimOws(param.slice(eq + 1)));
          if (q === undefined) {
            ok = false;
            break;
          }
        }
      }
    }
    if (ok) out.push([trimOws(semi >= 0 ? item.slice(0, semi) : item), q]);
  }
  return out;
}

/** The catalog's locale ids as tags to negotiate against. */
export function localeTags(ids) {
  return ids.map((id) => ({ ...parseTag(id), id: id.toLowerCase() }));
}

/**
 * The index into `locales` (from `localeTags`) of the best locale for
 * `header`, and whether anything matched: `[index, matched]`.
 */
export function negotiate(locales, header, allowTraditional) {
  const list = entries(header);
  const excluded = new Set();
  for (const [tag, q] of list) {
    if (q !== 0 || tag === '*') continue;
    const range = parseTag(tag);
    if (range !== null) locales.forEach((locale, i) => covers(range, locale) && excluded.add(i));
  }
  let best;
  for (const [tag, q] of list) {
    if (q === 0 || (best !== undefined && best[0] >= q)) continue;
    let candidate;
    if (tag === '*') {
      candidate = locales.findIndex((_, i) => !excluded.has(i));
      if (candidate < 0) candidate = undefined;
    } else {
      const range = parseTag(tag);
      if (range === null) continue;
      let found;
      locales.forEach((locale, i) => {
        const s = score(range, locale, allowTraditional);
        if (s !== undefined && !excluded.has(i) && (found === undefined || s > found[0])) found = [s, i];
      });
      candidate = found?.[1];
    }
    if (candidate !== undefined) best = [q, candidate];
  }
  return best === undefined ? [0, false] : [best[1], true];
}
