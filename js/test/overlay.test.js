// The `defender-errors/overlay` entry: the Rust library in WebAssembly, for
// a translator's own files, with the main entry's API and errors. Skipped
// when the package was built without it (`js/build.sh light`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as main from 'defender-errors';

const skip = process.env.OVERLAY === '0' && 'the package was built without its overlay entry (js/build.sh light)';
const overlay = skip ? null : await import('defender-errors/overlay');

test('a translator\'s files are compiled in place, with their problems reported', { skip }, () => {
  const { Catalog } = overlay;
  const custom = Catalog.withLocales({
    it: 'NotFound = L\'elemento richiesto non è stato trovato.\n',
    de: 'NotFound = Nicht da.\nUngueltig = { $x }\nInvalidUrl = Die URL { $uri } ist ungültig.\n',
  });
  assert.deepEqual(custom.locales, ['en', 'nl', 'da', 'de', 'zh', 'fr', 'it']);
  assert.equal(custom.negotiate('it-IT').locale, 'it');
  assert.equal(custom.message('it', 'NotFound'), 'L\'elemento richiesto non è stato trovato.');
  assert.equal(custom.message('de', 'NotFound'), 'Nicht da.');
  const problems = custom.problems;
  assert.ok(problems.some((p) => p.locale === 'de' && p.id === 'Ungueltig' && p.rule === 'unknown-id' && p.line === 2));
  assert.ok(problems.some((p) => p.locale === 'de' && p.id === 'InvalidUrl' && p.severity === 'error'));
  for (const p of problems) assert.match(p.text, /^de\/errors\.ftl:\d+:\d+: (error|warning)\[[a-z-]+\]: /);
  // The broken message falls back to English.
  const out = custom.render('de', 'InvalidUrl', { url: 'x' });
  assert.equal(out.locale, 'en');
  assert.equal(out.fallback, true);
  custom.free();
});

test('the overlay\'s errors are the main entry\'s classes', { skip }, () => {
  const catalog = new overlay.Catalog();
  assert.equal(overlay.UnknownCodeError, main.UnknownCodeError);
  assert.throws(() => catalog.message('en', 'ResourceNotFund'), (e) => {
    assert.ok(e instanceof main.UnknownCodeError && e instanceof main.CatalogError);
    assert.equal(e.suggestion, 'ResourceNotFound');
    return true;
  });
  assert.throws(() => catalog.render('en', 'InvalidUrl', {}, { strict: true }), main.RenderError);
  assert.throws(() => catalog.localizeBody('[1]', 'de'), main.EnvelopeError);
  assert.throws(() => catalog.message('en', 'InvalidUrl', { url: true }), main.InvalidValueError);
  assert.deepEqual(overlay.codes, main.codes);
  assert.deepEqual(overlay.locales, main.locales);
});

test('without files, the overlay renders what the main entry renders', { skip }, () => {
  const wasm = new overlay.Catalog();
  const light = new main.Catalog();
  const samples = { number: [0, 1, 12500, 1e15, 2.5, 123456789012345678901234567890n], string: ['Machine-42', 'a\u202eb', 'x'.repeat(300)] };
  let checked = 0;
  for (const locale of [...main.locales, 'de-CH', 'zh-TW', 'tlh']) {
    for (const { code, variables } of main.codes) {
      for (let i = 0; i < 6; i++) {
        const args = Object.fromEntries(variables.map((v) => [v.name, samples[v.kind][i % samples[v.kind].length]]));
        assert.deepEqual(light.render(locale, code, args), wasm.render(locale, code, args), `${code} in ${locale}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 1000);
  // Bodies, with the wait beside them or not: the same matcher and wait.
  const bodies = [
    ['ResourceNotFound', 'Resource was not found', {}],
    ['ResourceNotFound', '  resource Machine-42 was not found', {}],
    ['MaximumBatchSizeExceeded', 'Maximum batch size exceeded. Received: 1, allowed: 2, allowed: 3.', {}],
    ['TooManyRequests', 'Rate limit is exceeded. Try again in 5 seconds.', { status: 429, retryAfter: 0 }],
    ['Unheard', 'x', { status: 429, retryAfter: 2n ** 64n - 1n }],
  ];
  for (const [code, message, options] of bodies) {
    const body = { error: { code, message } };
    for (const locale of ['de', 'fr']) {
      assert.deepEqual(wasm.localizeBody(body, locale, options), light.localizeBody(body, locale, options), message);
    }
  }
});
