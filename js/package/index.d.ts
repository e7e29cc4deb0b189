/** A value of a message's variable: text, or a number (a bigint keeps every digit). */
export type Value = string | number | bigint;

/** The values of a message's variables by name; `null` or `undefined` is not given. */
export type Args = { readonly [name: string]: Value | null | undefined };

/** One variable of a code's message. */
export interface VariableInfo {
  /** The name used in the Fluent files, without `$`. */
  readonly name: string;
  /** Whether the value is text or a number (formatted for the locale). */
  readonly kind: 'string' | 'number';
  /** The article's placeholder for it, e.g. "the invalid hash". */
  readonly description: string;
}

/** One error code of the Defender API. */
export interface CodeInfo {
  readonly code: string;
  /** Its HTTP status. */
  readonly status: number;
  readonly variables: readonly VariableInfo[];
}

/** Every code the catalog knows, with its status and variables. */
export const codes: readonly CodeInfo[];

/** The shipped locales, English first. */
export const locales: readonly string[];

/** Something wrong with the values given; the message is rendered all the same. */
export interface Problem {
  readonly kind: 'missing_variable' | 'unknown_variable' | 'not_a_number' | 'message_unavailable' | (string & {});
  /** The variable concerned, for the first three kinds. */
  readonly name?: string;
  /** The problem in words. */
  readonly message: string;
}

/** A message rendered for one locale. */
export interface Rendered {
  /** The stable code, never translated. */
  readonly code: string;
  readonly status: number;
  /** The status phrase in the locale, e.g. "Nicht gefunden". */
  readonly statusText: string;
  /** The locale of the text: the one chosen, or `en` when the message fell back. */
  readonly locale: string;
  readonly message: string;
  readonly note?: string;
  readonly hint?: string;
  /** Whether any part came from English because the locale lacks it. */
  readonly fallback: boolean;
  readonly problems: readonly Problem[];
}

/** The locale chosen for a header. */
export interface Negotiated {
  readonly locale: string;
  /** `false` when nothing matched and English was chosen as the default. */
  readonly matched: boolean;
}

/** Something in a locale file that could not be used; the message falls back to English. */
export interface LoadProblem {
  readonly locale: string;
  readonly id?: string;
  /** The rule id of the translators' check, e.g. `unknown-variable`. */
  readonly rule: string;
  readonly severity: 'error' | 'warning';
  /** 1-based line and column, where known. */
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
  /** The whole line as the translators' check prints it. */
  readonly text: string;
}

/** The Defender error envelope, as the API sends it; any other field is kept. */
export interface ErrorBody {
  error: {
    code: string;
    message?: string;
    target?: string;
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

/** The envelope with the localized message added inside `error`. */
export interface LocalizedBody extends ErrorBody {
  error: ErrorBody['error'] & {
    localizedMessage: { locale: string; message: string };
  };
}

export interface CatalogOptions {
  /** Wrap values in Unicode isolation marks (U+2068, U+2069). Default `false`. */
  useIsolating?: boolean;
  /** Serve Simplified Chinese to a request for Traditional. Default `false`. */
  allowTraditionalChinese?: boolean;
}

export interface RenderOptions {
  /** Throw a `RenderError` when the values have any problem. */
  strict?: boolean;
}

export interface LocalizeOptions {
  /** The HTTP status, for the generic message of a code the catalog does not know. */
  status?: number;
  /** The wait in whole seconds (the response's `Retry-After`): the wait the message says, in place of the text's. */
  retryAfter?: number | bigint;
}

/**
 * Every Defender error message, in every shipped locale: the catalog the
 * Rust library compiled at the package's build, rendered in JavaScript. A
 * translator's own files need `Catalog` from `defender-errors/overlay`.
 */
export class Catalog {
  constructor(options?: CatalogOptions);
  /** The locale ids, English first. */
  readonly locales: readonly string[];
  /** What could not be loaded from the locale files: empty for the shipped ones. */
  readonly problems: readonly LoadProblem[];
  /** The locale for an `Accept-Language` header or a single tag. */
  negotiate(acceptLanguage: string | null | undefined): Negotiated;
  /** Renders `code` in `locale` (an id, a tag or a whole `Accept-Language` value). */
  render(locale: string, code: string, args?: Args | null, options?: RenderOptions): Rendered;
  /** The message alone: exactly `render(locale, code, args).message`. */
  message(locale: string, code: string, args?: Args | null): string;
  /** Adds `error.localizedMessage` to an error body (JSON text, UTF-8 bytes or an object). */
  localizeBody(body: string | Uint8Array | ErrorBody, acceptLanguage: string | null | undefined, options?: LocalizeOptions): LocalizedBody;
  /** Does nothing here (the overlay's catalog frees its WebAssembly memory). */
  free(): void;
}

/**
 * Every error this package throws: an `Error` with a stable `code`
 * (`ERR_OVERLAY_ENTRY` when the main entry is given a translator's files).
 */
export class CatalogError extends Error {
  readonly code: string;
}

/** A code the catalog does not know. */
export class UnknownCodeError extends CatalogError {
  readonly code: 'ERR_UNKNOWN_CODE';
  /** The text given (at most 64 characters of it). */
  readonly input: string;
  /** The nearest code, when one is close. */
  readonly suggestion: string | null;
}

/** Strict rendering found problems with the values. */
export class RenderError extends CatalogError {
  readonly code: 'ERR_RENDER_PROBLEMS';
  /** The Defender code that was rendered. */
  readonly errorCode: string;
  readonly problems: readonly Problem[];
}

/** An error body that cannot be localized. */
export class EnvelopeError extends CatalogError {
  readonly code: 'ERR_BODY_TOO_LARGE' | 'ERR_INVALID_JSON' | 'ERR_NOT_AN_ENVELOPE' | 'ERR_CODE_NOT_A_STRING' | 'ERR_INVALID_BODY';
}

/** An argument of the wrong type. */
export class InvalidValueError extends CatalogError {
  readonly code: 'ERR_INVALID_VALUE';
}
