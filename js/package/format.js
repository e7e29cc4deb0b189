// Values as the library writes them (src/render): text escaped of control,
// bidi and invisible characters and cut at MAX_VALUE_CHARS; numbers exact
// (bigints and numbers typed as text keep every digit), written with the
// locale's signs and grouping as ICU4X writes them (read off it at the
// build, see Catalog::export), and their CLDR plural category from
// Intl.PluralRules, which agrees with ICU4X for every value once the
// integer part is brought under 10^8 (the parity test proves both).

/** Characters a value never shows as themselves (`is_unsafe_char`). */
const UNSAFE = /[\0-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/;
const PLAIN = /^[\x20-\x7e]*$/;
const ESCAPES = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': '\\0' };

/** `value` escaped and cut as `write_escaped` writes it. */
export function escape(value, max) {
  if (value.length <= max && PLAIN.test(value)) return value;
  let out = '';
  let shown = 0;
  const chars = [...value];
  for (let i = 0; i < chars.length; i++) {
    if (shown === max - 1 && i + 1 < chars.length) return out + '…';
    shown++;
    let c = chars[i];
    const code = c.codePointAt(0);
    // A lone surrogate is no character: as UTF-8, it is U+FFFD.
    if (code >= 0xd800 && code <= 0xdfff) c = '\ufffd';
    out += ESCAPES[c] ?? (UNSAFE.test(c) ? `\\u{${code.toString(16)}}` : c);
  }
  return out;
}

/** `s` with lone surrogates as U+FFFD, as it reaches the library in UTF-8. */
export function wellFormed(s) {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    out += ch.length === 1 && c >= 0xd800 && c <= 0xdfff ? '\ufffd' : ch;
  }
  return out;
}

/**
 * A number as the library holds it: its decimal text `d` (digits, `-`,
 * `.` and the fraction digits shown; `NaN`, `inf` or `-inf`), whether it is
 * an integer (`i128`) rather than an `f64`, and the fraction digits it was
 * typed with (`fd`, text such as `2.50`; else `null`).
 */
class Num {
  constructor(d, int, fd = null) {
    this.d = d;
    this.int = int;
    this.fd = fd;
  }
}

const I128_MAX = (1n << 127n) - 1n;

/** An `f64`'s shortest decimal text, without an exponent, as Rust writes it. */
function plain(x) {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const s = String(x);
  const e = s.indexOf('e');
  if (e < 0) return s;
  // Digits d.ddd and an exponent: the point goes `exponent` places right of the first digit.
  const sign = s[0] === '-' ? '-' : '';
  const digits = s.slice(sign.length, e).replace('.', '');
  const point = 1 + Number(s.slice(e + 1));
  return sign + (point >= digits.length
    ? digits + '0'.repeat(point - digits.length)
    : point > 0 ? `${digits.slice(0, point)}.${digits.slice(point)}` : `0.${'0'.repeat(-point)}${digits}`);
}

/** A JavaScript number: a whole one up to 2^53 is an integer, any other an `f64`. */
export function fromNumber(x) {
  return Number.isSafeInteger(x) ? new Num(String(x === 0 ? 0 : x), true) : new Num(plain(x), false);
}

/**
 * Text read as a number (`Number::parse`): an optional `-`, digits, an
 * optional fraction; at most 64 characters. `null` for anything else.
 */
export function parseNumber(s) {
  if (s.length > 64 || !/^-?\d+(\.\d+)?$/.test(s)) return null;
  const dot = s.indexOf('.');
  if (dot < 0) {
    const n = BigInt(s);
    return n <= I128_MAX && n >= -I128_MAX - 1n ? new Num(n.toString(), true) : new Num(plain(Number(s)), false);
  }
  const fd = s.length - dot - 1;
  let d = plain(Number(s));
  if (!d.includes('.')) d += '.';
  const have = d.length - d.indexOf('.') - 1;
  if (have < fd) d += '0'.repeat(fd - have);
  return new Num(d.endsWith('.') ? d.slice(0, -1) : d, false, fd);
}

/** A value given for a number variable, as the library reads it: a `Num`, or text. */
export function typed(value) {
  if (typeof value === 'number') return fromNumber(value);
  const s = typeof value === 'bigint' ? value.toString() : value;
  return parseNumber(s) ?? s;
}

export function isNum(value) {
  return value instanceof Num;
}

/** `n` written as the locale writes numbers (`shape` from the data). */
export function formatNumber(n, shape) {
  let d = n.d;
  if (d === 'NaN' || d === 'inf' || d === '-inf') return d;
  const negative = d[0] === '-';
  if (negative) d = d.slice(1);
  const dot = d.indexOf('.');
  const int = dot < 0 ? d : d.slice(0, dot);
  let out = int;
  const { primary, secondary, separator } = shape;
  if (int.length >= primary + shape.minGrouping) {
    let head = int.slice(0, int.length - primary);
    out = separator + int.slice(int.length - primary);
    while (head.length > secondary) {
      out = separator + head.slice(head.length - secondary) + out;
      head = head.slice(0, head.length - secondary);
    }
    out = head + out;
  }
  if (dot >= 0) out += shape.decimal + d.slice(dot + 1);
  return negative ? shape.minus + out : out;
}

/** Whether `n` is the select key `key` (a `Num`): the same value and the same options. */
export function isKey(n, key) {
  const same = n.int && key.int ? n.d === key.d : Number(n.d) === Number(key.d);
  return same && n.fd === key.fd;
}

/**
 * The CLDR plural category of `n` with `rules(fractionDigits)`, an
 * `Intl.PluralRules` of the locale for that many fraction digits; `null`
 * for NaN and the infinities. The integer part i is read as 10^7 + (i mod
 * 10^7) past 8 digits: CLDR's rules look at i modulo at most 10^6 and at
 * small values, so the category is the same, and the value stays exact.
 */
export function category(n, rules) {
  let d = n.d;
  if (d === 'NaN' || d.endsWith('inf')) return null;
  if (d[0] === '-') d = d.slice(1);
  const dot = d.indexOf('.');
  let int = dot < 0 ? d : d.slice(0, dot);
  const fraction = dot < 0 ? '' : d.slice(dot);
  if (int.length > 8) int = '1' + int.slice(-7);
  return rules(Math.min(fraction.length && fraction.length - 1, 20)).select(Number(int + fraction));
}
