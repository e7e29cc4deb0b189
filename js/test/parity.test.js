// The package's main entry, the JavaScript renderer, against the Rust
// library: every case of cases.json (written by js/parity from the library
// itself: every code × every locale and a few headers × sample values, with
// and without isolation marks, error bodies, Accept-Language headers) is run
// through the package, which must give the library's answer. The same runs
// in headless Chromium (browser.test.js), whose Intl is another build of ICU.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Catalog, EnvelopeError, codes, locales } from 'defender-errors';

const cases = JSON.parse(readFileSync(process.env.CASES ?? 'cases.json', 'utf8'));
const catalog = new Catalog();

/** A sample as the JavaScript value it stands for. */
function value(sample) {
  if ('str' in sample) return sample.str;
  if ('big' in sample) return BigInt(sample.big);
  return sample.num;
}

test('the package has the library\'s codes and locales', () => {
  assert.deepEqual(codes.map((c) => c.code), cases.codes);
  assert.deepEqual([...locales], cases.locales);
});

test('every code × locale × sample renders the same text as the library', () => {
  const seen = new Set();
  let checked = 0;
  for (const c of cases.renders) {
    const args = Object.fromEntries(c.args.map(([name, sample]) => [name, value(sample)]));
    const where = `${c.code} in '${c.locale}' with ${JSON.stringify(c.args)}`;
    const got = catalog.render(c.locale, c.code, args);
    const { status_text: statusText, ...rest } = c.rendered;
    assert.deepEqual(got, { ...rest, statusText }, where);
    assert.equal(catalog.message(c.locale, c.code, args), c.message, where);
    seen.add(`${c.code}/${c.locale}`);
    checked++;
  }
  for (const code of cases.codes) {
    for (const locale of cases.locales) assert.ok(seen.has(`${code}/${locale}`), `${code}/${locale} has cases`);
  }
  assert.ok(checked >= cases.codes.length * cases.locales.length * 3);
});

test('with isolation marks, every code × locale renders the library\'s text', () => {
  const isolating = new Catalog({ useIsolating: true });
  for (const c of cases.isolating) {
    const args = Object.fromEntries(c.args.map(([name, sample]) => [name, value(sample)]));
    const where = `${c.code} in '${c.locale}' with ${JSON.stringify(c.args)}`;
    assert.equal(isolating.render(c.locale, c.code, args).message, c.message, where);
    assert.equal(isolating.message(c.locale, c.code, args), c.message, where);
  }
  assert.ok(cases.isolating.some((c) => c.message.includes('\u2068')));
});

/** The stable code of the library's envelope error, by its text. */
function envelopeCode(message) {
  if (message.startsWith('the error body has ')) return 'ERR_BODY_TOO_LARGE';
  if (message.startsWith('the error body is not valid JSON: ')) return 'ERR_INVALID_JSON';
  if (message.startsWith('the body is not a Defender error')) return 'ERR_NOT_AN_ENVELOPE';
  if (message.startsWith('error.code must be a string')) return 'ERR_CODE_NOT_A_STRING';
  return 'ERR_INVALID_BODY';
}

test('localizeBody gives the library\'s envelope for the article\'s bodies and the others', () => {
  for (const c of cases.bodies) {
    const body = typeof c.body === 'string'
      ? c.body
      : `{"error":{"code":"NotFound","message":"${'a'.repeat(c.body.notFoundMessageOfAs)}"}}`;
    const where = `${body.slice(0, 120)} for '${c.acceptLanguage}', status ${c.status}`;
    const options = c.status == null ? {} : { status: c.status };
    if ('ok' in c.outcome) {
      assert.deepEqual(catalog.localizeBody(body, c.acceptLanguage, options), c.outcome.ok, where);
    } else {
      assert.throws(() => catalog.localizeBody(body, c.acceptLanguage, options), (e) => {
        assert.ok(e instanceof EnvelopeError, where);
        assert.equal(e.code, envelopeCode(c.outcome.error), where);
        // JSON's syntax errors are the parser's own words (serde_json's in
        // Rust, the engine's here); every other error is the library's text.
        if (e.code === 'ERR_INVALID_JSON') assert.match(e.message, /^the error body is not valid JSON: ./, where);
        else assert.equal(e.message, c.outcome.error, where);
        return true;
      });
    }
  }
  assert.ok(cases.bodies.some((c) => c.body.includes?.('43f4cb08-8fac-4b65-9db1-745c2ae65f3a')));
});

test('negotiate chooses the library\'s locale for each header', () => {
  const lenient = new Catalog({ allowTraditionalChinese: true });
  for (const c of cases.negotiate) {
    const got = (c.allowTraditionalChinese ? lenient : catalog).negotiate(c.header);
    assert.deepEqual(got, { locale: c.locale, matched: c.matched }, JSON.stringify(c.header.slice(0, 80)));
  }
});
