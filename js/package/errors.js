// The errors every entry of the package throws, and the checks of the
// arguments that throw them: one set of classes, so that `instanceof` holds
// whichever entry made the catalog.

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

export function describe(value) {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/** A locale or header argument: a string; `null` or `undefined` is none. */
export function text(value, what) {
  if (typeof value === 'string') return value;
  if (value == null) return '';
  throw new InvalidValueError(`${what} must be a string, got ${describe(value)}`);
}

/** The values argument: an object, or `null`/`undefined` for none. */
export function values(args) {
  if (args != null && (typeof args !== 'object' || Array.isArray(args))) {
    throw new InvalidValueError(`the values must be an object, got ${describe(args)}`);
  }
  return args;
}

/** A value of variable `name`: a string, a number or a bigint; `null`/`undefined` is not given. */
export function invalidValue(name, value) {
  return new InvalidValueError(`$${name} must be a string, a number or a bigint, got ${describe(value)}`);
}

/** An HTTP status option: an integer of 100 to 999, or none. */
export function status(value) {
  if (value != null && !(Number.isInteger(value) && value >= 100 && value <= 999)) {
    throw new InvalidValueError(`status must be an HTTP status (100 to 999), got ${String(value)}`);
  }
  return value ?? undefined;
}

/** A `retryAfter` option: a wait in whole seconds (0 to 2^64 - 1, a number or a bigint) as a bigint, or none. */
export function wait(value) {
  if (value == null) return undefined;
  if (!((typeof value === 'bigint' || Number.isSafeInteger(value)) && value >= 0 && value <= 0xffffffffffffffffn)) {
    throw new InvalidValueError(`retryAfter must be a wait in whole seconds (0 to 2^64 - 1), got ${String(value)}`);
  }
  return BigInt(value);
}

/** An error body argument as JSON text. */
export function bodyText(body) {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  if (typeof body === 'object' && body !== null) {
    try {
      return JSON.stringify(body);
    } catch (cause) {
      throw new InvalidValueError(`the body cannot be written as JSON: ${cause.message}`, { cause });
    }
  }
  throw new InvalidValueError(`the body must be a string, bytes or an object, got ${describe(body)}`);
}
