// The JavaScript API over the WebAssembly core. Nothing here runs the core
// when the module is evaluated: the entry point instantiates it first.
import { Core, unknownCode } from './core.js';
import { byCode, codes, decode, maxValueChars, memoryBytes } from './state.js';

export { codes, locales } from './state.js';

/** Every error this package throws: an `Error` with a stable `code`. */
export class CatalogError extends Error {
  constructor(message, code, options) {
    super(message, options);
    this.code = code;
  }
}
CatalogError.prototype.name = 'CatalogError';

/** A code the catalog does not know (`ERR_UNKNOWN_CODE`). */
export class UnknownCodeError extends CatalogError {
  constructor(message, input, suggestion) {
    super(message, 'ERR_UNKNOWN_CODE');
    this.input = input;
    this.suggestion = suggestion ?? null;
  }
}
UnknownCodeError.prototype.name = 'UnknownCodeError';

/** Strict rendering found problems with the values (`ERR_RENDER_PROBLEMS`). */
export class RenderError extends CatalogError {
  constructor(message, errorCode, problems) {
    super(message, 'ERR_RENDER_PROBLEMS');
    this.errorCode = errorCode;
    this.problems = problems;
  }
}
RenderError.prototype.name = 'RenderError';

/**
 * An error body that cannot be localized: `ERR_BODY_TOO_LARGE`,
 * `ERR_INVALID_JSON`, `ERR_NOT_AN_ENVELOPE` or `ERR_CODE_NOT_A_STRING`.
 */
export class EnvelopeError extends CatalogError {}
EnvelopeError.prototype.name = 'EnvelopeError';

/** An argument of the wrong type (`ERR_INVALID_VALUE`). */
export class InvalidValueError extends CatalogError {
  constructor(message, options) {
    super(message, 'ERR_INVALID_VALUE', options);
  }
}
InvalidValueError.prototype.name = 'InvalidValueError';

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

function describe(value) {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/** A locale or header argument: a string; `null` or `undefined` is none. */
function text(value, what) {
  if (typeof value === 'string') return value;
  if (value == null) return '';
  throw new InvalidValueError(`${what} must be a string, got ${describe(value)}`);
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
  if (args != null && (typeof args !== 'object' || Array.isArray(args))) {
    throw new InvalidValueError(`the values must be an object, got ${describe(args)}`);
  }
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
        if (value != null) {
          throw new InvalidValueError(
            `$${variables[i].name} must be a string, a number or a bigint, got ${describe(value)}`,
          );
        }
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
 * Whether the library's escaper writes `value` as it is: a string of
 * printable ASCII (`\x20` to `\x7e`, its fast path) no longer than what it
 * shows of a value (src/render/escape.rs).
 */
function verbatim(value) {
  if (typeof value !== 'string' || value.length > maxValueChars) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/** Text parts (`[text, variable number, text, …]`) with the values put in. */
function join(parts, values) {
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) out += values[parts[i]] + parts[i + 1];
  return out;
}

/**
 * The message from the core's text parts of it (`Core.textParts`), when
 * every variable of the code has a value the escaper writes as it is: then
 * it is exactly what the core writes. `undefined` for any other values,
 * which the core renders.
 */
function joined(parts, variables, args) {
  if (variables.length === 1) {
    const value = args[variables[0].name];
    if (!verbatim(value)) return undefined;
    return parts.length === 3 ? parts[0] + value + parts[2] : join(parts, [value]);
  }
  const values = [];
  for (const variable of variables) {
    const value = args[variable.name];
    if (!verbatim(value)) return undefined;
    values.push(value);
  }
  return join(parts, values);
}

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

/** Every Defender error message, in every locale of the catalog. */
export class Catalog {
  #core;
  #buffers;
  #locales;
  #problems;
  /** Locale id to index, for the ids a call names exactly. */
  #index = new Map();
  /**
   * Locale id to what `message` keeps for that locale: its index and, by
   * code number, each message rendered without values (it is the same
   * every time) and each message's text parts (`null` when it has numbers
   * or selects).
   */
  #kept = new Map();
  /** The locale of the last `message` and what is kept for it (most calls name the same one). */
  #lastLocale = null;
  #last = undefined;

  /**
   * @param {import('./index.js').CatalogOptions} [options]
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
    this.locales.forEach((id, index) => {
      this.#index.set(id, index);
      this.#kept.set(id, {
        index,
        constants: new Array(codes.length).fill(undefined),
        parts: new Array(codes.length).fill(undefined),
      });
    });
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
    // A catalog id and a code: the message without values as it was
    // rendered before, or joined from its text parts, without the core.
    const found = byCode.get(code);
    let kept = this.#last;
    if (locale !== this.#lastLocale) {
      kept = this.#kept.get(locale);
      this.#lastLocale = locale;
      this.#last = kept;
    }
    if (found !== undefined && kept !== undefined) {
      if (args == null) {
        const message = kept.constants[found.index];
        if (message !== undefined) return message;
      } else {
        const message = this.#joined(kept, found, args);
        if (message !== undefined) return message;
      }
    }
    return this.#rendered(locale, code, args);
  }

  /** The message joined from its text parts, when the values allow it (see `joined`). */
  #joined(kept, found, args) {
    if (typeof args !== 'object' || Array.isArray(args)) return undefined;
    let parts = kept.parts[found.index];
    if (parts === undefined) {
      parts = JSON.parse(this.#core.textParts(kept.index, found.index));
      kept.parts[found.index] = parts;
    }
    return parts === null ? undefined : joined(parts, found.info.variables, args);
  }

  /** `message` through the core: any locale, code and values. */
  #rendered(locale, code, args) {
    const found = entry(code);
    const where = text(locale, 'the locale');
    const index = this.#index.get(where) ?? LOCALE_IN_INPUT;
    const kinds = writeInput(this.#buffers, index === LOCALE_IN_INPUT ? where : null, found, args, null);
    // Without values, the message of a catalog id is the same every time.
    const constants = kinds === 0 && index !== LOCALE_IN_INPUT ? this.#kept.get(where).constants : null;
    if (constants !== null && constants[found.index] !== undefined) return constants[found.index];
    const len = this.#core.message(index, found.index, kinds);
    const message = this.#buffers.output(len);
    if (constants !== null) constants[found.index] = message;
    return message;
  }

  /**
   * An error body from the Defender API (text, bytes or an object) with
   * `error.localizedMessage` added for `acceptLanguage`; everything else is
   * kept. `status` picks the generic message for a code the catalog does not know.
   */
  localizeBody(body, acceptLanguage, options = {}) {
    const status = options.status;
    if (status != null && !(Number.isInteger(status) && status >= 100 && status <= 999)) {
      throw new InvalidValueError(`status must be an HTTP status (100 to 999), got ${String(status)}`);
    }
    let json;
    if (typeof body === 'string') json = body;
    else if (body instanceof Uint8Array) json = new TextDecoder().decode(body);
    else if (typeof body === 'object' && body !== null) {
      try {
        json = JSON.stringify(body);
      } catch (cause) {
        throw new InvalidValueError(`the body cannot be written as JSON: ${cause.message}`, { cause });
      }
    } else {
      throw new InvalidValueError(`the body must be a string, bytes or an object, got ${describe(body)}`);
    }
    const header = text(acceptLanguage, 'the Accept-Language value');
    let out;
    try {
      out = this.#core.localizeBody(json, header, status);
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
