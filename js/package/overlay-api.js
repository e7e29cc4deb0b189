// The `defender-errors/overlay` entry's API over the WebAssembly core (the
// Rust library with its Fluent compiler), for catalogs with a translator's
// own files. Nothing here runs the core when the module is evaluated: the
// entry point instantiates it first. The errors are the main entry's.
import { Core, unknownCode } from './core.js';
import {
  CatalogError, EnvelopeError, RenderError, UnknownCodeError,
  bodyText, invalidValue, status as statusOption, text, wait as waitOption, values as checkValues,
} from './errors.js';
import { byCode, codes, decode, memoryBytes } from './state.js';

export { codes, locales } from './state.js';
export { CatalogError, EnvelopeError, InvalidValueError, RenderError, UnknownCodeError } from './errors.js';

/** The core's error (JSON text) as the matching `Error` subclass. */
function thrown(error) {
  if (typeof error !== 'string') return error;
  const e = JSON.parse(error);
  switch (e.name) {
    case 'UnknownCodeError':
      return new UnknownCodeError(e.message, e.input, e.suggestion);
    case 'RenderError':
      return new RenderError(e.message, e.errorCode, e.problems);
    case 'EnvelopeError':
      return new EnvelopeError(e.message, e.code);
    default:
      return new CatalogError(e.message, e.code);
  }
}

function entry(code) {
  const found = byCode.get(code);
  if (found !== undefined) return found;
  throw thrown(unknownCode(typeof code === 'string' ? code : String(code)));
}

/** The locale index that says the locale is written in the input. */
const LOCALE_IN_INPUT = 0xffffffff;

const utf8 = new TextEncoder();
const float = new Float64Array(1);
const floatBytes = new Uint8Array(float.buffer);

function writeU32(bytes, at, n) {
  bytes[at] = n;
  bytes[at + 1] = n >>> 8;
  bytes[at + 2] = n >>> 16;
  bytes[at + 3] = n >>> 24;
  return at + 4;
}

/** Writes `s` as a u32 length and UTF-8 (an ASCII loop, else TextEncoder). */
function writeText(bytes, at, s) {
  const start = at + 4;
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) break;
    bytes[start + i] = c;
  }
  let end = start + i;
  if (i < s.length) end += utf8.encodeInto(s.slice(i), bytes.subarray(end, end + 3 * (s.length - i))).written;
  writeU32(bytes, at, end - start);
  return end;
}

/**
 * Validates the values of `found`'s variables in `args` and writes them
 * into the core's input after the locale (when it is not a catalog id) and,
 * for `render`, the names the code does not have (`unknown`, `null` for
 * `message`); see js/src/exchange.rs.
 * Returns the kinds, two bits a variable (0 none, 1 string, 2 number,
 * 3 bigint as text).
 */
function writeInput(buffers, locale, found, args, unknown) {
  checkValues(args);
  const variables = found.info.variables;
  const values = [];
  let kinds = 0;
  let capacity = locale === null ? 8 : 8 + 3 * locale.length;
  for (let i = 0; args != null && i < variables.length; i++) {
    let value = args[variables[i].name];
    let kind;
    switch (typeof value) {
      case 'string': kind = 1; break;
      case 'number': kind = 2; break;
      case 'bigint': kind = 3; value = value.toString(); break;
      default:
        if (value != null) throw invalidValue(variables[i].name, value);
        continue;
    }
    kinds |= kind << (2 * i);
    values.push(value);
    capacity += kind === 2 ? 8 : 4 + 3 * value.length;
  }
  if (unknown !== null) for (const name of unknown) capacity += 4 + 3 * name.length;
  const ptr = buffers.input(capacity);
  const bytes = memoryBytes();
  let at = ptr;
  if (locale !== null) at = writeText(bytes, at, locale);
  for (const value of values) {
    if (typeof value === 'number') {
      float[0] = value;
      bytes.set(floatBytes, at);
      at += 8;
    } else {
      at = writeText(bytes, at, value);
    }
  }
  if (unknown !== null) {
    at = writeU32(bytes, at, unknown.length);
    for (const name of unknown) at = writeText(bytes, at, name);
  }
  return kinds;
}

const none = [];

/**
 * The core with the addresses of its buffers kept, so that a call asks for
 * them only when they may have moved (see js/src/lib.rs).
 */
class Buffers {
  constructor(core) {
    this.core = core;
    this.inputAt = 0;
    this.inputCapacity = 0;
    this.outputAt = 0;
    this.outputCapacity = -1;
  }

  /** The input's address, with room for `capacity` bytes. */
  input(capacity) {
    if (capacity > this.inputCapacity) {
      this.inputAt = this.core.inputBuffer(capacity);
      this.inputCapacity = capacity;
    }
    return this.inputAt;
  }

  /** The answer of `len` bytes, as text. */
  output(len) {
    if (len > this.outputCapacity) {
      this.outputAt = this.core.outputBuffer();
      this.outputCapacity = this.core.outputCapacity();
    }
    return decode(this.outputAt, len);
  }
}

/**
 * A catalog compiled from the shipped locale files and a translator's own,
 * by the Rust library in WebAssembly: the same API as the main entry's
 * `Catalog`, and `Catalog.withLocales`.
 */
export class Catalog {
  #core;
  #buffers;
  #locales;
  #problems;
  /** Locale id to index, for the ids a call names exactly. */
  #index = new Map();

  /**
   * @param {import('./overlay.js').CatalogOptions} [options]
   */
  constructor(options = {}) {
    const files = [];
    for (const [id, source] of Object.entries(options.locales ?? {})) {
      files.push(id, text(source, `the file of locale '${id}'`));
    }
    this.#core = new Core(
      Boolean(options.useIsolating),
      Boolean(options.allowTraditionalChinese),
      files.length ? files : none,
    );
    this.#buffers = new Buffers(this.#core);
    this.locales.forEach((id, index) => this.#index.set(id, index));
  }

  /** A catalog with these locale files (`{ de: ftlText, … }`) in place of or beside the shipped ones. */
  static withLocales(files, options = {}) {
    return new Catalog({ ...options, locales: files });
  }

  /** The locale ids, English first. */
  get locales() {
    this.#locales ??= Object.freeze(this.#core.locales());
    return this.#locales;
  }

  /** What could not be loaded from the locale files; empty for the shipped ones. */
  get problems() {
    this.#problems ??= Object.freeze(JSON.parse(this.#core.problems()));
    return this.#problems;
  }

  /** The locale for an `Accept-Language` header or a tag. */
  negotiate(acceptLanguage) {
    const n = this.#core.negotiate(text(acceptLanguage, 'the Accept-Language value'));
    return { locale: this.locales[n >> 1], matched: (n & 1) === 1 };
  }

  /** The message of `code` in `locale` (an id, a tag or a header), with its status, note and hint. */
  render(locale, code, args, options = {}) {
    const found = entry(code);
    const where = text(locale, 'the locale');
    const index = this.#index.get(where) ?? LOCALE_IN_INPUT;
    const unknown = args == null || typeof args !== 'object' ? none : Object.keys(args).filter((k) => !found.names.has(k));
    const kinds = writeInput(this.#buffers, index === LOCALE_IN_INPUT ? where : null, found, args, unknown);
    const len = this.#core.render(index, found.index, kinds, Boolean(options.strict));
    // A render replaces the output: its address is asked for afresh.
    this.#buffers.outputCapacity = -1;
    const json = this.#buffers.output(Math.abs(len));
    if (len < 0) throw thrown(json);
    return JSON.parse(json);
  }

  /** The message alone: exactly `render(locale, code, args).message`. */
  message(locale, code, args) {
    const found = entry(code);
    const where = text(locale, 'the locale');
    const index = this.#index.get(where) ?? LOCALE_IN_INPUT;
    const kinds = writeInput(this.#buffers, index === LOCALE_IN_INPUT ? where : null, found, args, null);
    return this.#buffers.output(this.#core.message(index, found.index, kinds));
  }

  /**
   * An error body from the Defender API (text, bytes or an object) with
   * `error.localizedMessage` added for `acceptLanguage`; everything else is
   * kept. `status` picks the generic message for a code the catalog does not know;
   * `retryAfter`, a wait in seconds, is the wait the message says (in place of the text's).
   */
  localizeBody(body, acceptLanguage, options = {}) {
    const status = statusOption(options.status);
    const retryAfter = waitOption(options.retryAfter);
    const json = bodyText(body);
    const header = text(acceptLanguage, 'the Accept-Language value');
    let out;
    try {
      out = this.#core.localizeBody(json, header, status, retryAfter);
    } catch (e) {
      throw thrown(e);
    }
    return JSON.parse(out);
  }

  /** Frees the catalog's memory now rather than when it is collected. */
  free() {
    this.#core.free();
  }
}
