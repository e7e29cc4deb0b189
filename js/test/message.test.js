// `message` without the core: a message that is only text and text values
// is joined in JavaScript from the core's text parts, when every value is one
// the library's escaper writes as it is. Here it must give exactly what the
// core gives (`render(…).message` always goes through the core), for every
// code × locale × value, with and without isolation marks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Catalog, codes, locales } from 'defender-errors';

// The package's own core module (the same instance as the package's), for
// the library's limit and to count the calls that reach the core.
const packageDir = dirname(fileURLToPath(import.meta.resolve('defender-errors/package.json')));
const core = await import(pathToFileURL(join(packageDir, 'core.js')).href);
const max = core.maxValueChars();

let coreCalls = 0;
const coreMessage = core.Core.prototype.message;
core.Core.prototype.message = function message(...args) {
  coreCalls++;
  return coreMessage.apply(this, args);
};

const values = [
  'e3b0c442', '', ' ', '~', 'Machine 42', '{$hash}', '\\u{202e}', 'x'.repeat(max), 'y'.repeat(max + 1),
  'é', 'Maschine 中', '😀', '\ud800', 'a\nb', 'tab\t', 'nul\0', 'del\x7f', '\x1f', '\x80',
  'abc\u202etxt.exe', '\u2066x\u2069', 'a\u2068b', '\u200b', '\ufeff',
];

test('every code × locale × value: the joined message is the core\'s', () => {
  let joined = 0;
  for (const useIsolating of [false, true]) {
    const catalog = new Catalog({ useIsolating });
    for (const { code, variables } of codes) {
      for (const locale of locales) {
        const all = (value) => Object.fromEntries(variables.map((v) => [v.name, value]));
        const cases = values.map(all);
        // One value the escaper keeps beside one it does not.
        if (variables.length > 1) cases.push({ ...all('plain'), [variables[1].name]: 'a\u202eb' });
        // A number for a text variable, and a variable left out.
        if (variables.length > 0) cases.push(all(7), { ...all('plain'), [variables[0].name]: undefined });
        for (const args of cases) {
          const before = coreCalls;
          const got = catalog.message(locale, code, args);
          if (coreCalls === before) joined++;
          const where = `${code} in ${locale} (isolation ${useIsolating}) with ${JSON.stringify(args)}`;
          assert.equal(got, catalog.render(locale, code, args).message, where);
        }
      }
    }
  }
  // Most messages are text and text values, and most values are kept as they are.
  assert.ok(joined > codes.length * locales.length * 2, `${joined} joined without the core`);
});

test('plain ASCII values of the text messages do not reach the core; others do', () => {
  const catalog = new Catalog();
  const expected = catalog.render('de', 'InvalidHashValue', { hash: 'e3b0c442' }).message;
  assert.equal(expected, 'Der Hashwert e3b0c442 ist ungültig.');
  catalog.message('de', 'InvalidHashValue', { hash: 'warm up' });
  let before = coreCalls;
  assert.equal(catalog.message('de', 'InvalidHashValue', { hash: 'e3b0c442' }), expected);
  assert.equal(catalog.message('de', 'NotFound', {}), catalog.render('de', 'NotFound').message);
  assert.equal(coreCalls, before);
  for (const hash of ['é', 'y'.repeat(max + 1), 'a\u202eb']) {
    before = coreCalls;
    catalog.message('de', 'InvalidHashValue', { hash });
    assert.equal(coreCalls, before + 1, JSON.stringify(hash));
  }
  // Numbers are formatted by the core.
  before = coreCalls;
  catalog.message('de', 'MaximumBatchSizeExceeded', { batch_size_received: '12500', batch_size_allowed: '1' });
  assert.equal(coreCalls, before + 1);
});

test('the checks of the arguments stay the same on the path without the core', () => {
  const catalog = new Catalog();
  catalog.message('de', 'NotFound');
  catalog.message('de', 'InvalidUrl', { url: 'x' });
  assert.throws(() => catalog.message('de', 'NotFound', 'x'), { code: 'ERR_INVALID_VALUE' });
  assert.throws(() => catalog.message('de', 'NotFound', 5), { code: 'ERR_INVALID_VALUE' });
  assert.throws(() => catalog.message('de', 'InvalidUrl', ['x']), { code: 'ERR_INVALID_VALUE' });
  assert.throws(() => catalog.message('de', 'InvalidUrl', { url: true }), { code: 'ERR_INVALID_VALUE' });
  assert.throws(() => catalog.message('de', 'InvalidUrl', { url: Symbol('x') }), { code: 'ERR_INVALID_VALUE' });
  assert.throws(() => catalog.message('de', 'NotAThing', { url: 'x' }), { code: 'ERR_UNKNOWN_CODE' });
  assert.throws(() => catalog.message(42, 'InvalidUrl', { url: 'x' }), { code: 'ERR_INVALID_VALUE' });
  // Names the code does not have are left out of the message, as before.
  assert.equal(catalog.message('de', 'InvalidUrl', { url: 'x', other: 'y' }), 'Die URL x ist ungültig.');
});

test('calls that switch between locales, tags and codes each get their own message', () => {
  const catalog = new Catalog();
  const expected = (locale, code, args) => catalog.render(locale, code, args).message;
  const calls = [
    ['de', 'NotFound'], ['fr', 'NotFound'], ['de', 'NotFound'], ['de-CH', 'NotFound'], ['de', 'Forbidden'],
    ['zh', 'InvalidUrl', { url: 'x' }], ['de', 'InvalidUrl', { url: 'x' }], ['nl', 'InvalidUrl'], ['de', 'InvalidUrl'],
    ['xx', 'NotFound'], ['de', 'InvalidUrl', { url: 'é' }], ['de', 'InvalidUrl', { url: 'x' }],
  ];
  for (let round = 0; round < 2; round++) {
    for (const [locale, code, args] of calls) {
      assert.equal(catalog.message(locale, code, args), expected(locale, code, args), `${locale} ${code}`);
    }
  }
  assert.equal(catalog.message('de', 'NotFound'), 'Das angeforderte Element wurde nicht gefunden.');
  assert.equal(catalog.message('fr', 'InvalidUrl', { url: 'x' }), expected('fr', 'InvalidUrl', { url: 'x' }));
});
