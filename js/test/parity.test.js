// The package's main entry, the JavaScript renderer, against the Rust
// library: every case of cases.json (written by js/parity from the library
// itself: every code × every locale and a few headers × sample values, with
// and without isolation marks, error bodies, Accept-Language headers) is run
// through the package, which must give the library's answer. The same
// comparisons run in headless Chromium (browser.test.js), whose Intl is
// another build of ICU.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as pkg from 'defender-errors';
import { runParity } from './parity-check.mjs';

const cases = JSON.parse(readFileSync(process.env.CASES ?? 'cases.json', 'utf8'));
const result = runParity(cases, pkg);

test('the package has the library\'s codes and locales', () => {
  assert.deepEqual(pkg.codes.map((c) => c.code), cases.codes);
  assert.deepEqual([...pkg.locales], cases.locales);
});

for (const [section, what] of [
  ['renders', 'every code × locale × sample renders the same text as the library'],
  ['isolating', 'with isolation marks, every code × locale renders the library\'s text'],
  ['bodies', 'localizeBody gives the library\'s envelope for the article\'s bodies and the others'],
  ['negotiate', 'negotiate chooses the library\'s locale for each header'],
]) {
  test(what, () => {
    assert.deepEqual(result[section].failures, []);
    assert.equal(result[section].checked, cases[section].length);
    assert.ok(result[section].checked > 50);
  });
}

test('the cases cover every code in every locale, and the article\'s bodies', () => {
  const seen = new Set(cases.renders.map((c) => `${c.code}/${c.locale}`));
  for (const code of cases.codes) {
    for (const locale of cases.locales) assert.ok(seen.has(`${code}/${locale}`), `${code}/${locale} has cases`);
  }
  assert.ok(cases.renders.length >= cases.codes.length * cases.locales.length * 3);
  assert.ok(cases.bodies.some((c) => c.body.includes?.('43f4cb08-8fac-4b65-9db1-745c2ae65f3a')));
});
