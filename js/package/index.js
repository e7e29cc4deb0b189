// The package's main entry, for browsers, bundlers and Node: the catalog
// the Rust library compiled at the package's build (data.js, written by
// Catalog::export), rendered here with the library's rules, synchronously
// and without WebAssembly. The parity test proves it gives the library's
// text for every code, locale and sample value. A translator's own files
// need the Fluent compiler: the `defender-errors/overlay` entry has it.
import data from './data.js';
import {
  CatalogError, EnvelopeError, InvalidValueError, RenderError, UnknownCodeError,
  bodyText, invalidValue, status as statusOption, text, wait as waitOption, values,
} from './errors.js';
import { category, escape, formatNumber, isKey, isNum, parseNumber, typed, wellFormed } from './format.js';
import { localeTags, negotiate } from './negotiate.js';

export { CatalogError, EnvelopeError, InvalidValueError, RenderError, UnknownCodeError } from './errors.js';

const MAX = data.maxValueChars;
/** Without isolation marks (plain string replacements: no regular expression to compile on a first call). */
const unmarked = (t) => t.replaceAll('\u2068', '').replaceAll('\u2069', '');

/** Every code the catalog knows, with its status and variables. */
export const codes = Object.freeze(data.codes.map(({ code, status, variables }) => Object.freeze({
  code,
  status,
  variables: Object.freeze(variables.map(({ name, kind, description }) => Object.freeze({ name, kind, description }))),
})));

/** The shipped locales, English first. */
export const locales = Object.freeze(data.locales.map((l) => l.id));

const TAGS = localeTags(locales);
/** Each locale's number, by id. */
const INDEX = new Map(locales.map((id, i) => [id, i]));
/** By isolation (0 without marks, 1 with), locale and code: what `message` puts together itself (see `quickOf`). */
const QUICK = [locales.map(() => []), locales.map(() => [])];

/** Each code's number, variables and names, by code. */
const CODES = new Map(data.codes.map((info, index) => [info.code, {
  index,
  code: info.code,
  status: info.status,
  variables: info.variables,
  names: new Set(info.variables.map((v) => v.name)),
}]));

/**
 * Whether `v` is printable ASCII, which the library's escaper writes as it
 * is. Parenthesized, as `quickOf`, to be compiled with the module.
 */
const plain = (function plain(v) {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
});

function entry(code) {
  const found = CODES.get(code);
  if (found !== undefined) return found;
  throw unknownCode(typeof code === 'string' ? code : String(code));
}

/** strsim's Jaro similarity of two strings, by characters. */
function jaro(a, b) {
  a = [...a];
  b = [...b];
  if (!a.length || !b.length) return a.length === b.length ? 1 : 0;
  const range = Math.max(0, (Math.max(a.length, b.length) >> 1) - 1);
  const aFlags = [];
  const bFlags = [];
  let matches = 0;
  a.forEach((c, i) => {
    for (let j = Math.max(0, i - range); j < Math.min(b.length, i + range + 1); j++) {
      if (c === b[j] && !bFlags[j]) {
        aFlags[i] = bFlags[j] = true;
        matches++;
        break;
      }
    }
  });
  if (!matches) return 0;
  let t = 0;
  let j = 0;
  a.forEach((c, i) => {
    if (!aFlags[i]) return;
    while (!bFlags[j]) j++;
    if (c !== b[j++]) t++;
  });
  return (matches / a.length + matches / b.length + (matches - (t >> 1)) / matches) / 3;
}

/** Rust's `escape_debug` of text quoted back in a message. */
function escapeDebug(s) {
  return s.replace(/^\p{M}|[\\'"]|[\p{C}\p{Z}]/gu, (c) => ({ '\\': '\\\\', "'": "\\'", '"': '\\"', '\t': '\\t', '\r': '\\r', '\n': '\\n', '\0': '\\0', ' ': ' ' })[c]
    ?? `\\u{${c.codePointAt(0).toString(16)}}`);
}

/** At most `n` characters of `s`, as the library quotes it back. */
function quoted(s, n) {
  return [...wellFormed(s)].slice(0, n).join('');
}

/** `UnknownCodeError` for `input`, with the nearest code when one is close. */
function unknownCode(input) {
  input = quoted(input, 64);
  let best = null;
  let score = 0.8;
  const lower = input.toLowerCase();
  for (const code of CODES.keys()) {
    const s = jaro(lower, code.toLowerCase());
    if (s > 0.8 && s >= score) {
      score = s;
      best = code;
    }
  }
  const suggestion = best === null ? '' : `; did you mean '${best}'?`;
  return new UnknownCodeError(
    `unknown error code '${escapeDebug(input)}'${suggestion} (valid codes: ${[...CODES.keys()].join(', ')})`,
    input,
    best,
  );
}

const PROBLEM_TEXT = {
  missing_variable: (name) => `missing variable $${name}; the message is shown without values`,
  unknown_variable: (name) => `unknown variable $${escapeDebug(name)}; the message does not use it`,
  not_a_number: (name) => `variable $${name} expects a number; the value is shown as text`,
  message_unavailable: () => 'no locale has this message; the code is shown instead',
};

function problem(kind, name) {
  const out = name === undefined ? { kind } : { kind, name };
  out.message = PROBLEM_TEXT[kind](name);
  return out;
}

/** A pattern without isolation marks: out of its text, and empty text left out. */
function stripPattern(p) {
  if (typeof p === 'string') return unmarked(p);
  return p.map((piece) => (typeof piece === 'string' ? unmarked(piece)
    : piece.variants ? { ...piece, variants: piece.variants.map(([k, v]) => [k, stripPattern(v)]) } : piece))
    .filter((piece) => piece !== '');
}

/** A pattern's number keys read as numbers, once. */
function readKeys(p) {
  if (typeof p === 'string') return p;
  return p.map((piece) => (piece?.variants
    ? { ...piece, variants: piece.variants.map(([k, v]) => [k.number === undefined ? k : parseNumber(k.number), readKeys(v)]) }
    : piece));
}

/** Each locale's messages ready to render, with and without isolation marks, made on first use. */
const prepared = [[], []];

function locale(index, isolate) {
  const made = prepared[+isolate];
  if (made[index] !== undefined) return made[index];
  const source = data.locales[index];
  const plurals = [];
  return (made[index] = {
    index,
    isolate,
    id: source.id,
    numbers: source.numbers,
    source: source.codes,
    /** By code: `[value, attributes]` ready to render, `null` where the locale lacks it; made on first use. */
    codes: [],
    statuses: source.statuses,
    extras: source.extras,
    plural: (fd) => (plurals[fd] ??= new Intl.PluralRules(source.id, { minimumFractionDigits: fd, maximumFractionDigits: fd })),
  });
}

/**
 * Code `i`'s message in `loc`, ready to render: `[value, attributes]`
 * (the attributes made on first use, see `attributesOf`), `null` where the
 * locale lacks it.
 */
function messageOf(loc, i) {
  let m = loc.codes[i];
  if (m === undefined) {
    const source = loc.source[i];
    m = loc.codes[i] = source ? [prepare(source[0], loc.isolate), null] : null;
  }
  return m;
}

/** The attributes (`note`, `hint`, `generic`) of code `i`'s message in `loc`, by name, ready to render. */
function attributesOf(loc, i) {
  const m = messageOf(loc, i);
  if (m === null) return undefined;
  m[1] ??= Object.fromEntries(Object.entries(loc.source[i][1]).map(([k, p]) => [k, prepare(p, loc.isolate)]));
  return m[1];
}

/** A pattern of the data ready to render: without isolation marks unless kept, number keys read. */
function prepare(p, isolate) {
  if (typeof p === 'string') return isolate ? p : unmarked(p);
  return readKeys(isolate ? p : stripPattern(p));
}

/** The value of variable `i` as it is shown. */
function show(v, loc) {
  return typeof v === 'string' ? escape(v, MAX) : formatNumber(v, loc.numbers);
}

/** Whether variant key `key` matches the select's value `v`. */
function matches(key, v, loc) {
  if (typeof key === 'string') return typeof v === 'string' ? key === v : isNum(v) && category(v, loc.plural) === key;
  return isNum(v) && isKey(v, key);
}

/** `p` written with the values `vals` (by variable number, `undefined` for none). */
function write(p, vals, loc) {
  if (typeof p === 'string') return p;
  let out = '';
  for (const piece of p) {
    if (typeof piece === 'string') out += piece;
    else if (typeof piece === 'number') out += vals[piece] === undefined ? '' : show(vals[piece], loc);
    else if (piece.missing !== undefined) out += `{$${piece.missing}}`;
    else if (piece.number !== undefined) out += vals[piece.number] === undefined ? '' : show(vals[piece.number], loc);
    else {
      const v = vals[piece.select];
      const chosen = v === undefined ? undefined : piece.variants.find(([key]) => matches(key, v, loc));
      out += write((chosen ?? piece.variants[piece.default])[1], vals, loc);
    }
  }
  return out;
}

/**
 * The values of `c`'s variables in `args`, by number, each as the library
 * reads it (a number variable's text as a number, when it is one); throws
 * on a value of the wrong type.
 */
function read(c, args) {
  const vals = [];
  if (args == null) return vals;
  c.variables.forEach(({ name, kind }, i) => {
    const value = args[name];
    switch (typeof value) {
      case 'string':
        vals[i] = kind === 'number' ? typed(wellFormed(value)) : value;
        break;
      case 'number':
      case 'bigint':
        vals[i] = typed(value);
        break;
      default:
        if (value != null) throw invalidValue(name, value);
    }
  });
  return vals;
}

/** Whether every variable of `c` has a value: only then is the message rendered with values. */
function complete(c, vals) {
  for (let i = 0; i < c.variables.length; i++) if (vals[i] === undefined) return false;
  return true;
}

/** Every Defender error message, in every shipped locale. */
export class Catalog {
  #isolate;
  #allowTraditional;
  /** The locale `message` was last given, its number and its quick forms (`undefined` when it is not an id). */
  #lastWhere = null;
  #lastIndex = undefined;
  #lastQuick = undefined;

  /**
   * @param {import('./index.js').CatalogOptions} [options]
   */
  constructor(options = {}) {
    if (options.locales != null && Object.keys(options.locales).length) throw overlayOnly();
    this.#isolate = Boolean(options.useIsolating);
    this.#allowTraditional = Boolean(options.allowTraditionalChinese);
  }

  /** A translator's files need the Fluent compiler: `defender-errors/overlay` has it. */
  static withLocales() {
    throw overlayOnly();
  }

  /** The locale ids, English first. */
  get locales() {
    return locales;
  }

  /** What could not be loaded: nothing, for the shipped files. */
  get problems() {
    return Object.freeze([]);
  }

  /** The locale for an `Accept-Language` header or a tag. */
  negotiate(acceptLanguage) {
    const [index, matched] = negotiate(TAGS, text(acceptLanguage, 'the Accept-Language value'), this.#allowTraditional);
    return { locale: locales[index], matched };
  }

  /** The index of the locale to render `where` in: its id, or what negotiation makes of it. */
  #index(where) {
    const index = INDEX.get(where);
    return index !== undefined ? index : negotiate(TAGS, wellFormed(where), this.#allowTraditional)[0];
  }

  /** The message of `code` in `locale` (an id, a tag or a header), with its status, note and hint. */
  render(where, code, args, options = {}) {
    const c = entry(code);
    const index = this.#index(text(where, 'the locale'));
    const vals = read(c, values(args));
    const problems = [];
    c.variables.forEach(({ name, kind, optional }, i) => {
      const v = vals[i];
      if (v === undefined && !optional) problems.push(problem('missing_variable', name));
      if (typeof v === 'string' && kind === 'number') problems.push(problem('not_a_number', name));
    });
    if (args != null) {
      for (const name of Object.keys(args)) {
        if (!c.names.has(name)) problems.push(problem('unknown_variable', quoted(name, 64)));
      }
    }
    const out = this.#render(index, c, vals, complete(c, vals), problems);
    if (options.strict && out.problems.length) {
      throw new RenderError(`${c.code}: ${out.problems.map((p) => p.message).join('; ')}`, c.code, out.problems);
    }
    return out;
  }

  /**
   * `render_code`: the message (with the values `vals`, or its form without
   * values), note, hint and status text.
   */
  #render(index, c, vals, withValues, problems) {
    const chosen = locale(index, this.#isolate);
    const en = locale(0, this.#isolate);
    const english = messageOf(en, c.index);
    const ownMessage = messageOf(chosen, c.index);
    const [loc, message] = ownMessage ? [chosen, ownMessage] : [en, english];
    let fallback = loc !== chosen;
    const attribute = (name) => {
      if (!message) return undefined;
      const own = attributesOf(loc, c.index)[name];
      if (own !== undefined) return [loc, own];
      const other = english && attributesOf(en, c.index)[name];
      if (other === undefined) return undefined;
      fallback = true;
      return [en, other];
    };
    let found;
    if (message) {
      found = withValues ? [loc, message[0]] : attribute('generic')
        ?? (typeof message[0] === 'string' ? [loc, message[0]] : undefined);
    }
    const note = attribute('note');
    const hint = attribute('hint');
    const status = String(c.status);
    let statusText = chosen.statuses[status]?.[0];
    if (statusText == null) {
      statusText = en.statuses[status]?.[0] ?? '';
      if (statusText !== '') fallback = true;
    }
    const shown = (at) => write(at[1], vals, at[0]);
    const out = {
      code: c.code,
      status: c.status,
      statusText,
      locale: found ? found[0].id : 'en',
      message: found ? shown(found) : c.code,
    };
    if (!found) problems.push(problem('message_unavailable'));
    if (note) out.note = shown(note);
    if (hint) out.hint = shown(hint);
    out.fallback = fallback;
    out.problems = problems;
    return out;
  }

  /** The message alone: exactly `render(locale, code, args).message`. */
  message(where, code, args) {
    // The common call names a catalog id (most often the last call's) and
    // a code: a message without values, or text around one text value
    // shown as it is, is put together here (see `quickOf`).
    if (where !== this.#lastWhere) {
      this.#lastWhere = where;
      const index = INDEX.get(where);
      this.#lastIndex = index;
      this.#lastQuick = index === undefined ? undefined : QUICK[+this.#isolate][index];
    }
    const quick = this.#lastQuick;
    const c = CODES.get(code);
    if (quick !== undefined && c !== undefined) {
      const q = quick[c.index] ?? (quick[c.index] = quickOf(this.#lastIndex, this.#isolate, c));
      if (q.constant !== undefined) {
        if (args == null || (typeof args === 'object' && !Array.isArray(args))) return q.constant;
      } else if (q.name !== undefined && args != null) {
        const v = args[q.name];
        if (typeof v === 'string' && v.length <= MAX && plain(v) && !Array.isArray(args)) return q.before + v + q.after;
      }
    }
    return this.#message(where, code, args);
  }

  /** `message` for any locale, code and values. */
  #message(where, code, args) {
    const found = entry(code);
    const index = this.#index(text(where, 'the locale'));
    const vals = read(found, values(args));
    if (!complete(found, vals)) return this.render(where, code, args).message;
    const loc = locale(index, this.#isolate);
    const own = messageOf(loc, found.index);
    if (own) return write(own[0], vals, loc);
    const en = locale(0, this.#isolate);
    const english = messageOf(en, found.index);
    return english ? write(english[0], vals, en) : found.code;
  }

  /**
   * An error body from the Defender API (text, bytes or an object) with
   * `error.localizedMessage` added for `acceptLanguage`; everything else is
   * kept. `status` picks the generic message for a code the catalog does not know;
   * `retryAfter`, a wait in seconds, is the wait the message says (in place of the text's).
   */
  localizeBody(body, acceptLanguage, options = {}) {
    const status = statusOption(options.status);
    const wait = waitOption(options.retryAfter);
    const json = bodyText(body);
    const header = text(acceptLanguage, 'the Accept-Language value');
    const size = json.length * 3 <= data.maxBodyBytes ? 0 : new TextEncoder().encode(json).length;
    if (size > data.maxBodyBytes) {
      throw new EnvelopeError(`the error body has ${size} bytes; at most ${data.maxBodyBytes} are read`, 'ERR_BODY_TOO_LARGE');
    }
    // Text with surrogates: a lone one is no character, and reaches the
    // library as U+FFFD; one that an escape makes is refused after parsing.
    const surrogates = SURROGATE.test(json);
    let value;
    try {
      value = JSON.parse(surrogates ? wellFormed(json) : json);
    } catch (e) {
      throw new EnvelopeError(`the error body is not valid JSON: ${e.message}`, 'ERR_INVALID_JSON');
    }
    const escapes = surrogates || json.includes('\\u');
    const error = value?.error;
    if (typeof value !== 'object' || Array.isArray(value) || typeof error !== 'object' || error === null || Array.isArray(error)) {
      throw new EnvelopeError('the body is not a Defender error: expected {"error":{"code":…,"message":…,"target":…}}', 'ERR_NOT_AN_ENVELOPE');
    }
    const code = error.code;
    if (typeof code !== 'string') {
      const found = !('code' in error) ? 'nothing' : code === null ? 'null' : Array.isArray(code) ? 'an array'
        : { boolean: 'a boolean', number: 'a number', object: 'an object' }[typeof code];
      throw new EnvelopeError(`error.code must be a string, found ${found}`, 'ERR_CODE_NOT_A_STRING');
    }
    // The library reads the body's text, skipping what it does not need:
    // the member names of the body and of `error`, and `code`, it reads as
    // text, and a lone surrogate there is an error; in `message`, the
    // message is not read; elsewhere it is kept.
    if (escapes && [...Object.keys(value), ...Object.keys(error), code].some(lone)) {
      throw new EnvelopeError('the error body is not valid JSON: a lone surrogate in a string', 'ERR_INVALID_JSON');
    }
    const message = typeof error.message === 'string' && !(escapes && lone(error.message)) ? error.message : undefined;
    const [used, localized] = this.#localized(code, message, header, status, wait);
    error.localizedMessage = { locale: used, message: localized };
    return value;
  }

  /** What `localizedMessage` says for an envelope's code and English message, and its locale. */
  #localized(code, message, header, status, wait) {
    const index = this.#index(header);
    let c = CODES.get(code);
    let vals = c === undefined || message === undefined ? null : recover(c, message);
    if (c === undefined && status !== undefined && data.genericCodes[status] !== undefined) {
      c = CODES.get(data.codes[data.genericCodes[status]].code);
    }
    if (c !== undefined) {
      // The wait given beside the body, in place of the text's.
      if (wait !== undefined && c.names.has('retry_after')) (vals ??= {}).retry_after = wait;
      const out = vals === null ? this.#render(index, c, [], false, []) : this.render(header, c.code, vals);
      return [out.locale, out.message];
    }
    if (status !== undefined && data.genericStatuses.includes(status)) {
      const own = locale(index, this.#isolate).statuses[status]?.[1];
      if (own != null) return [locales[index], own];
      const en = locale(0, this.#isolate).statuses[status]?.[1];
      if (en != null) return ['en', en];
    }
    if (message !== undefined && message.trim() !== '') return ['en', escape(message, MAX)];
    const own = data.locales[index].extras['unknown-error'];
    return own != null ? [locales[index], own] : ['en', data.locales[0].extras['unknown-error'] ?? 'An unexpected error occurred.'];
  }

  /** Nothing to free: the catalog holds no memory of its own (kept for the overlay entry's API). */
  free() {}
}

/**
 * What `message` puts together without the renderer for code `c` in `loc`:
 * `constant`, the text of a message without variables, or the text
 * `before` and `after` the value of variable `name`, for a message that is
 * text around one text variable; every field `undefined` for any other.
 * Read straight off the data (a first message runs little code). The
 * function is parenthesized: V8 then compiles it with the module (off the
 * main thread when a browser streams the script) instead of on the first
 * message, which it serves.
 */
const quickOf = (function quickOf(index, isolate, c) {
  const q = { constant: undefined, name: undefined, before: '', after: '' };
  const p = (data.locales[index].codes[c.index] ?? data.locales[0].codes[c.index])?.[0];
  const vars = c.variables;
  if (p === undefined) {
    // No locale has it: the general path says so.
  } else if (vars.length === 0) {
    if (typeof p === 'string') q.constant = isolate ? p : p.replaceAll('\u2068', '').replaceAll('\u2069', '');
  } else if (vars.length === 1 && vars[0].kind === 'string' && typeof p !== 'string') {
    // `[text, 0, text]`, `[0, text]`, `[text, 0]` or `[0]`.
    const at = p.indexOf(0);
    const n = p.length;
    let texts = 0;
    for (let k = 0; k < n; k++) if (typeof p[k] === 'string') texts++;
    if (at >= 0 && at <= 1 && n <= at + 2 && texts === n - 1) {
      q.name = vars[0].name;
      q.before = at === 1 ? p[0] : '';
      q.after = at + 1 < n ? p[at + 1] : '';
      if (!isolate) {
        q.before = q.before.replaceAll('\u2068', '').replaceAll('\u2069', '');
        q.after = q.after.replaceAll('\u2068', '').replaceAll('\u2069', '');
      }
    }
  }
  return q;
});

const SURROGATE = /[\ud800-\udfff]/;

/** Whether `s` has a surrogate that is not half of a pair. */
function lone(s) {
  return SURROGATE.test(s) && wellFormed(s) !== s;
}

function overlayOnly() {
  return new CatalogError(
    "a translator's locale files need the Fluent compiler: import { Catalog } from 'defender-errors/overlay'",
    'ERR_OVERLAY_ENTRY',
  );
}

/**
 * The values of `c`'s variables read back out of the API's English `text`,
 * as an object for `render`; `null` when no phrasing fits, or the first whose
 * text it is cannot read it in exactly one way. The library's matcher: the
 * phrasings in order, each exactly and then leniently (final period
 * optional, first letter in either case), whitespace around the text never a
 * value's.
 */
function recover(c, text) {
  for (const paths of data.recover[c.index] ?? []) {
    let claimed = false;
    for (const lenient of [false, true]) {
      const r = readWith(c, paths, text, lenient);
      if (r === undefined) continue;
      if (r !== null || lenient) return r;
      claimed = true;
    }
    if (claimed) return null;
  }
  return null;
}

/** One phrasing's reading of `text`: `undefined` (not this phrasing's), `null` (its, unreadable) or the values. */
function readWith(c, paths, text, lenient) {
  let reading;
  let claimed = false;
  for (const path of paths) {
    const split = matchPath(path, text, lenient);
    if (split === undefined) continue;
    if (split === 0) return null;
    const values = split && checked(c, split);
    if (!values) claimed = true;
    else if (reading && c.variables.some(({ name }) => reading[name] !== values[name])) return null;
    else reading = values;
  }
  return reading ?? (claimed ? null : undefined);
}

/** `found` (`[[i, value]]`) checked against `c`'s variables: each once, numbers as whole numbers; or `null`. */
function checked(c, found) {
  const out = {};
  let n = 0;
  for (const [i, v] of found) {
    const variable = typeof i === 'number' ? c.variables[i] : undefined;
    if (variable === undefined) return null;
    let value = v;
    if (variable.kind === 'number') {
      if (typeof v === 'string') {
        const digits = v.replaceAll(',', '');
        if (!/^\d+$/.test(digits) || BigInt(digits) > 0xffffffffffffffffn) return null;
        value = BigInt(digits);
      }
    } else if (typeof v !== 'string') return null;
    const { name } = variable;
    if (!Object.hasOwn(out, name)) {
      out[name] = value;
      n++;
    } else if (out[name] !== value) return null;
  }
  return n === c.variables.length ? out : null;
}

// Rust's whitespace (`str::trim`), not JavaScript's (which has U+FEFF, not U+0085).
const WS = /[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const trimStart = (s) => {
  let a = 0;
  while (a < s.length && WS.test(s[a])) a++;
  return s.slice(a);
};
const trimEnd = (s) => {
  let b = s.length;
  while (b > 0 && WS.test(s[b - 1])) b--;
  return s.slice(0, b);
};
const loose = (s) => (s.endsWith('.') ? s.slice(0, -1) : s);

/**
 * `text` matched against one way through a phrasing: `undefined` when it is
 * not the way's text, `null` when it is and does not fit, `0` when it fits
 * in more than one way, else `[[i, value]]`.
 */
function matchPath(path, text, lenient) {
  let pieces = path.pieces ?? path;
  const lastPiece = pieces.at(-1);
  if (lenient && typeof lastPiece === 'string' && lastPiece.endsWith('.')) {
    pieces = pieces.slice(0, -1);
    if (lastPiece.length > 1) pieces.push(lastPiece.slice(0, -1));
  }
  let a = 0;
  let b = pieces.length;
  const lead = typeof pieces[0] === 'string' ? pieces[a++] : '';
  const tail = b > a && typeof pieces[b - 1] === 'string' ? pieces[--b] : '';
  const trimmed = trimEnd(trimStart(text));
  const before = text.length - trimStart(text).length;
  const endText = lenient ? loose(trimmed) : trimmed;
  let start = 0;
  if (lead) {
    let after;
    if (trimmed.startsWith(lead)) after = trimmed.slice(lead.length);
    else if (lenient && trimmed) {
      const w = String.fromCodePoint(lead.codePointAt(0));
      const g = String.fromCodePoint(trimmed.codePointAt(0));
      if (w.toLowerCase() === g.toLowerCase() && trimmed.startsWith(lead.slice(w.length), g.length)) {
        after = trimmed.slice(g.length + lead.length - w.length);
      }
    }
    if (after === undefined) return undefined;
    start = before + trimmed.length - after.length;
  }
  let end;
  if (!tail) end = lenient ? before + endText.length : text.length;
  else if (endText.endsWith(tail)) end = before + endText.length - tail.length;
  else return lead ? null : undefined;
  const names = [];
  const seps = [];
  for (let i = a; i < b; i++) {
    const odd = (i - a) % 2;
    if (!odd === (typeof pieces[i] === 'string')) return null;
    (odd ? seps : names).push(pieces[i]);
  }
  let values = [];
  if (!names.length) {
    const rest = trimEnd(trimStart(text.slice(start)));
    if ((lenient ? loose(rest) : rest) !== '') return null;
  } else {
    if (names.length !== seps.length + 1 || start > end) return null;
    const middle = text.slice(start, end);
    // The separators' places with every value as short, then as long, as it can be.
    const first = [];
    let from = 0;
    for (const sep of seps) {
      const at = middle.indexOf(sep, from);
      if (at < 0) return null;
      first.push(at);
      from = at + sep.length;
    }
    let to = middle.length;
    for (let k = seps.length - 1; k >= 0; k--) {
      const at = to < seps[k].length ? -1 : middle.lastIndexOf(seps[k], to - seps[k].length);
      if (at < 0) return null;
      if (at !== first[k]) return 0;
      to = at;
    }
    from = 0;
    for (let k = 0; k <= seps.length; k++) {
      values.push(middle.slice(from, k < seps.length ? first[k] : middle.length));
      if (k < seps.length) from = first[k] + seps[k].length;
    }
    if (!lead) values[0] = trimStart(values[0]);
    if (!tail) values[values.length - 1] = trimEnd(values.at(-1));
  }
  if (values.includes('')) return null;
  const found = names.map((n, k) => [n, values[k]]);
  for (const [i, n] of path.known ?? []) found.push([i, /^\d+$/.test(n) ? BigInt(n) : Number(n)]);
  return found;
}
