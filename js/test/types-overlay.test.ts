// The overlay entry (`defender-errors/overlay`), compiled by `tsc --strict`
// against the installed package's declarations (js/test.sh, when the
// package was built with it): a translator's files, the main entry's types
// and errors.
import { Catalog, UnknownCodeError, type LoadProblem, type Rendered } from 'defender-errors/overlay';
import * as main from 'defender-errors';

const translated: Catalog = Catalog.withLocales({ de: 'NotFound = Nicht da.' }, { useIsolating: true });
const also: Catalog = new Catalog({ locales: { it: 'NotFound = Non trovato.' }, allowTraditionalChinese: true });
const problems: readonly LoadProblem[] = translated.problems;
const out: Rendered = translated.render('de', 'NotFound');
const same: typeof main.UnknownCodeError = UnknownCodeError;
const text: string = also.message('it', 'NotFound');
translated.free();

// @ts-expect-error the files are text by locale id
Catalog.withLocales({ de: 42 });

void [problems, out, same, text];
