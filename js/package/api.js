// The JavaScript API over the WebAssembly core. Nothing here runs the core
// when the module is evaluated: the entry point instantiates it first.
import { Core, unknownCode } from './core.js';
import { byCode } from './state.js';

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

/**
 * The values of `code`'s variables, in the order of its table, and their
 * kinds packed two bits each (0 none, 1 string, 2 number, 3 bigint as text).
 */
function pack(found, args, values) {
  if (args == null) return 0;
  if (typeof args !== 'object' || Array.isArray(args)) {
    throw new InvalidValueError(`the values must be an object, got ${describe(args)}`);
  }
  let kinds = 0;
  const variables = found.info.variables;
  for (let i = 0; i < variables.length; i++) {
    const value = args[variables[i].name];
    let kind;
    switch (typeof value) {
      case 'string':
        kind = 1;
        values.push(value);
        break;
      case 'number':
        kind = 2;
        values.push(value);
        break;
      case 'bigint':
        kind = 3;
        values.push(value.toString());
        break;
      default:
        if (value != null) {
          throw new InvalidValueError(
            `$${variables[i].name} must be a string, a number or a bigint, got ${describe(value)}`,
          );
        }
        kind = 0;
        values.push(undefined);
    }
    kinds |= kind << (2 * i);
  }
  return kinds;
}

const noFiles = [];

/** Every Defender error message, in every locale of the catalog. */
export class Catalog {
  #core;
  #locales;
  #problems;

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
      files.length ? files : noFiles,
    );
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
    const values = [];
    const kinds = pack(found, args, values);
    const unknown = args == null ? noFiles : Object.keys(args).filter((k) => !found.names.has(k));
    const where = text(locale, 'the locale');
    try {
      return JSON.parse(this.#core.render(where, found.index, kinds, values, unknown, Boolean(options.strict)));
    } catch (e) {
      throw thrown(e);
    }
  }

  /** The message alone: exactly `render(locale, code, args).message`. */
  message(locale, code, args) {
    const found = entry(code);
    const values = [];
    const kinds = pack(found, args, values);
    return this.#core.message(text(locale, 'the locale'), found.index, kinds, values);
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
