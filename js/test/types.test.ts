// The main entry, compiled by `tsc --strict` against the installed package's declarations
// (js/test.sh): what a TypeScript portal writes must type-check, and each
// `@ts-expect-error` line must not (tsc fails if one of them compiles).
import {
  Catalog, CatalogError, EnvelopeError, InvalidValueError, RenderError, UnknownCodeError,
  codes, locales,
  type Args, type CodeInfo, type LoadProblem, type LocalizedBody, type Negotiated, type Problem, type Rendered,
} from 'defender-errors';

const catalog: Catalog = new Catalog({ useIsolating: false, allowTraditionalChinese: true });
const problems: readonly LoadProblem[] = catalog.problems;
const lines: string[] = problems.map((p) => `${p.text} ${p.line ?? '-'} ${p.severity}`);

const negotiated: Negotiated = catalog.negotiate('de-CH,de;q=0.9');
const locale: string = negotiated.locale;
const args: Args = { batch_size_received: 12500, batch_size_allowed: 10000n, other: null };
const out: Rendered = catalog.render(locale, 'MaximumBatchSizeExceeded', args, { strict: false });
const status: number = out.status;
const text: string = `${out.code} ${out.statusText} ${out.message} ${out.note ?? ''} ${out.hint ?? ''}`;
const fallback: boolean = out.fallback;
const kinds: string[] = out.problems.map((p: Problem) => `${p.kind}:${p.name ?? ''}:${p.message}`);
const message: string = catalog.message('fr', 'InvalidUrl', { url: 'x' });

const body: LocalizedBody = catalog.localizeBody(
  { error: { code: 'NotFound', message: 'Not found', target: '43f4cb08' } }, 'de', { status: 404 });
const localized: string = body.error.localizedMessage.message;
catalog.localizeBody('{"error":{"code":"NotFound"}}', null);
catalog.localizeBody(new TextEncoder().encode('{}'), undefined);

const table: readonly CodeInfo[] = codes;
const numberVariables: string[] = table.flatMap((c) => c.variables.filter((v) => v.kind === 'number').map((v) => v.name));
const shipped: readonly string[] = locales;

try {
  catalog.render('en', 'Nope');
} catch (e) {
  if (e instanceof UnknownCodeError) {
    const suggestion: string | null = e.suggestion;
    const code: 'ERR_UNKNOWN_CODE' = e.code;
    void [suggestion, code, e.input];
  } else if (e instanceof RenderError) {
    const list: readonly Problem[] = e.problems;
    void [list, e.errorCode];
  } else if (e instanceof EnvelopeError || e instanceof InvalidValueError) {
    const code: string = e.code;
    void code;
  } else if (e instanceof CatalogError) {
    const error: Error = e;
    void error;
  }
}
catalog.free();

// @ts-expect-error a value is a string, a number or a bigint
catalog.message('en', 'InvalidUrl', { url: true });
// @ts-expect-error the code is a string
catalog.render('en', 404);
// @ts-expect-error the options are an object
catalog.localizeBody('{}', 'de', 404);
// @ts-expect-error the locales of a catalog are read-only
catalog.locales.push('it');
// @ts-expect-error the rendered message is read-only
out.message = 'x';
// @ts-expect-error the main entry takes no locale files: they need the overlay
new Catalog({ locales: { de: 'NotFound = Nicht da.' } });
// @ts-expect-error withLocales is the overlay's
Catalog.withLocales({ de: 'NotFound = Nicht da.' });
// @ts-expect-error status is a number
catalog.localizeBody('{}', 'de', { status: '404' });

void [lines, status, text, fallback, kinds, message, localized, numberVariables, shipped];
