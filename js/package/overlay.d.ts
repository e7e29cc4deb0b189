// `defender-errors/overlay`: the catalog compiled by the Rust library in
// WebAssembly, for a translator's own locale files; otherwise the main
// entry's API, types and errors.
import type {
  Args, CatalogOptions as MainOptions, ErrorBody, LoadProblem, LocalizeOptions, LocalizedBody, Negotiated,
  RenderOptions, Rendered,
} from './index.js';

export type * from './index.js';
export {
  codes, locales, CatalogError, UnknownCodeError, RenderError, EnvelopeError, InvalidValueError,
} from './index.js';

export interface CatalogOptions extends MainOptions {
  /** Locale files (`errors.ftl` text) by locale id, in place of or beside the shipped ones. */
  locales?: Readonly<Record<string, string>>;
}

/** Every Defender error message, with a translator's own files compiled in the page. */
export class Catalog {
  constructor(options?: CatalogOptions);
  /** A catalog with these locale files (`{ de: ftlText }`), compiled here; see `problems`. */
  static withLocales(files: Readonly<Record<string, string>>, options?: Omit<CatalogOptions, 'locales'>): Catalog;
  /** The locale ids, English first. */
  readonly locales: readonly string[];
  /** What could not be loaded from the locale files. */
  readonly problems: readonly LoadProblem[];
  /** The locale for an `Accept-Language` header or a single tag. */
  negotiate(acceptLanguage: string | null | undefined): Negotiated;
  /** Renders `code` in `locale` (an id, a tag or a whole `Accept-Language` value). */
  render(locale: string, code: string, args?: Args | null, options?: RenderOptions): Rendered;
  /** The message alone: exactly `render(locale, code, args).message`. */
  message(locale: string, code: string, args?: Args | null): string;
  /** Adds `error.localizedMessage` to an error body (JSON text, UTF-8 bytes or an object). */
  localizeBody(body: string | Uint8Array | ErrorBody, acceptLanguage: string | null | undefined, options?: LocalizeOptions): LocalizedBody;
  /** Frees the catalog's WebAssembly memory now rather than when it is collected. */
  free(): void;
}
