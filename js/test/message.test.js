// `message`, the quickest call, joins a message that is text around one
// text value without the general renderer when the value is shown as it
// is. It must give exactly `render(…).message` — and, with the overlay entry
// built, exactly what the Rust library gives — for every code × locale ×
// value, with and without isolation marks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Catalog, codes, locales } from 'defender-errors';

const overlay = process.env.OVERLAY === '0' ? null : await import('defender-errors/overlay');
const MAX = 256;

const values = [
  'e3b0c442', '', ' ', '~', 'Machine 42', '{$hash}', '\\u{202e}', 'x'.repeat(MAX), 'y'.repeat(MAX + 1),
  'é', 'Maschine 中', '😀', '\ud800', 'a\nb', 'tab\t', 'nul\0', 'del\x7f', '\x1f', '\x80',
  'abc\u202etxt.exe', '\u2066x\u2069', 'a\u2068b', '\u200b', '\ufeff', '12500', '2.50',
];

test('every code × locale × value: message is render(…).message, and the library\'s', () => {
  let compared = 0;
  for (const useIsolating of [false, true]) {
    const catalog = new Catalog({ useIsolating });
    const library = overlay && new overlay.Catalog({ useIsolating });
    for (const { code, variables } of codes) {
      for (const locale of [...locales, 'de-CH', 'xx']) {
        const all = (value) => Object.fromEntries(variables.map((v) => [v.name, value]));
        const cases = values.map(all);
        // One value shown as it is beside one that is not.
        if (variables.length > 1) cases.push({ ...all('plain'), [variables[1].name]: 'a\u202eb' });
        // A number for a text variable, a bigint, and a variable left out.
        if (variables.length > 0) cases.push(all(7), all(10n ** 20n), { ...all('plain'), [variables[0].name]: undefined });
        for (const args of cases) {
          const where = `${code} in ${locale} (isolation ${useIsolating}) with ${JSON.stringify(args, (_, v) => (typeof v === 'bigint' ? `${v}n` : v))}`;
          const got = catalog.message(locale, code, args);
          assert.equal(got, catalog.render(locale, code, args).message, where);
          if (library) {
            assert.equal(got, library.message(locale, code, args), where);
            compared++;
          }
        }
      }
    }
  }
  if (overlay) assert.ok(compared > codes.length * locales.length * values.length, `${compared} compared with the library`);
});

test('the checks of the arguments are the same on the quick path', () => {
  const catalog = new Catalog();
  catalog.message('de', 'NotFound');
  catalog.message('de', 'InvalidUrl', { url: 'x' });
  assert.throws(() => catalog.message('de', 'NotFound', 'x'), { code: 'ERR_INVALID_VALUE' });
  assert.throws(() => catalog.message('de', 'NotFound', 5), { code: 'ERR_INVALID_VALUE' });
  assert.throws(() => catalog.message('de', 'NotFound', ['x']), { code: 'ERR_INVALID_VALUE' });
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
