// The main entry's JavaScript API, on the package installed from its tarball.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Catalog, codes, locales,
  CatalogError, UnknownCodeError, RenderError, EnvelopeError, InvalidValueError,
} from 'defender-errors';

const catalog = new Catalog();

test('codes and locales come from the library, with each variable and its kind', () => {
  assert.ok(codes.length >= 19);
  assert.equal(new Set(codes.map((c) => c.code)).size, codes.length);
  const batch = codes.find((c) => c.code === 'MaximumBatchSizeExceeded');
  assert.deepEqual(batch.variables.map((v) => [v.name, v.kind]),
    [['batch_size_received', 'number'], ['batch_size_allowed', 'number']]);
  assert.equal(codes.find((c) => c.code === 'ResourceNotFound').status, 404);
  assert.deepEqual(locales, ['en', 'nl', 'da', 'de', 'zh', 'fr']);
  assert.deepEqual(catalog.locales, locales);
  assert.ok(Object.isFrozen(codes) && Object.isFrozen(codes[0].variables));
  assert.deepEqual(catalog.problems, []);
});

test('render gives the code, status, status text, locale, message, note, hint, fallback and problems', () => {
  const out = catalog.render('de-CH', 'Unauthorized');
  assert.equal(out.code, 'Unauthorized');
  assert.equal(out.status, 401);
  assert.equal(out.statusText, 'Nicht autorisiert');
  assert.equal(out.locale, 'de');
  assert.equal(typeof out.note, 'string');
  assert.equal(out.fallback, false);
  assert.deepEqual(out.problems, []);
  const batch = catalog.render('de', 'MaximumBatchSizeExceeded',
    { batch_size_received: 12500, batch_size_allowed: 10000n });
  assert.equal(batch.message,
    'Die maximale Batchgröße wurde überschritten. Empfangene Batchgröße: 12.500, maximal zulässig: 10.000.');
});

test('numbers: JS numbers, bigints beyond 2^53 with every digit, and text for a number', () => {
  const render = (value) => catalog.message('en', 'MaximumBatchSizeExceeded',
    { batch_size_received: value, batch_size_allowed: 1 });
  assert.match(render(12500), /Received: 12,500,/);
  assert.match(render(1e15), /Received: 1,000,000,000,000,000,/);
  assert.match(render(123456789012345678901234567890n), /Received: 123,456,789,012,345,678,901,234,567,890,/);
  assert.match(render(-2.5), /Received: -2\.5,/);
  assert.match(render('12500'), /Received: 12,500,/);
});

test('missing and unknown values are reported, and strict rendering throws them', () => {
  const out = catalog.render('en', 'InvalidUrl', { uri: 'x' });
  assert.equal(out.message, 'The URL is not valid.');
  assert.deepEqual(out.problems.map((p) => [p.kind, p.name]),
    [['missing_variable', 'url'], ['unknown_variable', 'uri']]);
  assert.equal(catalog.message('en', 'InvalidUrl', { uri: 'x' }), out.message);
  assert.throws(() => catalog.render('en', 'InvalidUrl', {}, { strict: true }), (e) => {
    assert.ok(e instanceof RenderError && e instanceof CatalogError && e instanceof Error);
    assert.equal(e.code, 'ERR_RENDER_PROBLEMS');
    assert.equal(e.errorCode, 'InvalidUrl');
    assert.equal(e.problems[0].kind, 'missing_variable');
    assert.match(e.message, /^InvalidUrl: missing variable \$url/);
    return true;
  });
  assert.equal(catalog.render('en', 'InvalidUrl', { url: 'x' }, { strict: true }).message, 'URL x is invalid.');
});

test('an unknown code throws UnknownCodeError with the nearest code', () => {
  for (const call of [() => catalog.render('en', 'ResourceNotFund'), () => catalog.message('en', 'ResourceNotFund')]) {
    assert.throws(call, (e) => {
      assert.ok(e instanceof UnknownCodeError && e instanceof CatalogError);
      assert.equal(e.name, 'UnknownCodeError');
      assert.equal(e.code, 'ERR_UNKNOWN_CODE');
      assert.equal(e.input, 'ResourceNotFund');
      assert.equal(e.suggestion, 'ResourceNotFound');
      assert.match(e.message, /did you mean 'ResourceNotFound'\?/);
      return true;
    });
  }
  assert.throws(() => catalog.message('en', 'Nope'), (e) => e.suggestion === null);
  assert.throws(() => catalog.message('en', undefined), UnknownCodeError);
});

test('arguments of the wrong type throw InvalidValueError', () => {
  const invalid = (e) => e instanceof InvalidValueError && e.code === 'ERR_INVALID_VALUE';
  assert.throws(() => catalog.message('en', 'InvalidUrl', { url: true }), invalid);
  assert.throws(() => catalog.message('en', 'InvalidUrl', { url: { href: 'x' } }), invalid);
  assert.throws(() => catalog.message('en', 'InvalidUrl', 'x'), invalid);
  assert.throws(() => catalog.message(42, 'NotFound'), invalid);
  assert.throws(() => catalog.localizeBody(42, 'de'), invalid);
  assert.throws(() => catalog.localizeBody('{}', 'de', { status: 42.5 }), invalid);
  for (const retryAfter of [-1, 1.5, '3', 2 ** 64, 2n ** 64n]) {
    assert.throws(() => catalog.localizeBody('{}', 'de', { retryAfter }), invalid, String(retryAfter));
  }
  const cyclic = {};
  cyclic.self = cyclic;
  assert.throws(() => catalog.localizeBody(cyclic, 'de'), invalid);
  // null and undefined are "not given".
  assert.equal(catalog.message('en', 'InvalidUrl', { url: null }), 'The URL is not valid.');
  assert.equal(catalog.negotiate(undefined).locale, 'en');
});

test('localizeBody takes text, bytes or an object and keeps every field', () => {
  const body = { error: { code: 'InvalidHashValue', message: 'Hash value abc is invalid.', target: '43f4cb08', extra: [1, { a: null }] }, more: 1 };
  const expected = {
    error: { ...body.error, localizedMessage: { locale: 'de', message: 'Der Hashwert abc ist ungültig.' } },
    more: 1,
  };
  assert.deepEqual(catalog.localizeBody(body, 'de-DE,de;q=0.9'), expected);
  assert.deepEqual(catalog.localizeBody(JSON.stringify(body), 'de'), expected);
  assert.deepEqual(catalog.localizeBody(new TextEncoder().encode(JSON.stringify(body)), 'de'), expected);
  assert.deepEqual(Object.keys(catalog.localizeBody(body, 'de').error),
    ['code', 'message', 'target', 'extra', 'localizedMessage']);
  const generic = catalog.localizeBody({ error: { code: 'Unheard', message: 'x' } }, 'fr', { status: 404 });
  assert.equal(generic.error.localizedMessage.locale, 'fr');
});

test('bodies that cannot be localized throw EnvelopeError with a code per reason', () => {
  const cases = [
    ['not json', 'ERR_INVALID_JSON'],
    ['[1]', 'ERR_NOT_AN_ENVELOPE'],
    ['{"error":{"code":404}}', 'ERR_CODE_NOT_A_STRING'],
    [`{"error":{"code":"NotFound","message":"${'a'.repeat(1 << 20)}"}}`, 'ERR_BODY_TOO_LARGE'],
  ];
  for (const [body, code] of cases) {
    assert.throws(() => catalog.localizeBody(body, 'de'), (e) => {
      assert.ok(e instanceof EnvelopeError && e instanceof CatalogError, code);
      assert.equal(e.code, code);
      assert.equal(e.name, 'EnvelopeError');
      return true;
    });
  }
});

test('a translator\'s files need the overlay entry, and say so', () => {
  for (const call of [() => Catalog.withLocales({ de: 'NotFound = Nicht da.' }), () => new Catalog({ locales: { de: 'x' } })]) {
    assert.throws(call, (e) => {
      assert.ok(e instanceof CatalogError);
      assert.equal(e.code, 'ERR_OVERLAY_ENTRY');
      assert.match(e.message, /defender-errors\/overlay/);
      return true;
    });
  }
  // No files: the shipped catalog, as before.
  assert.deepEqual(new Catalog({ locales: {} }).locales, locales);
});

test('options: isolation marks and Traditional Chinese', () => {
  assert.equal(new Catalog({ useIsolating: true }).message('en', 'InvalidUrl', { url: 'x' }), 'URL \u2068x\u2069 is invalid.');
  assert.equal(catalog.negotiate('zh-TW').locale, 'en');
  assert.deepEqual(new Catalog({ allowTraditionalChinese: true }).negotiate('zh-TW'), { locale: 'zh', matched: true });
});

test('values of any size and script are shown whole, cut or escaped as the library shows them', () => {
  const huge = 'ä'.repeat(2_000_000);
  const out = catalog.render('de', 'InvalidUrl', { url: huge, [huge.slice(0, 70)]: 1 });
  assert.ok(out.message.startsWith('Die URL ää') && out.message.endsWith(' ist ungültig.'));
  assert.equal(out.problems[0].name, 'ä'.repeat(64));
  assert.equal(catalog.message('de', 'InvalidUrl', { url: huge }), out.message);
  assert.equal(catalog.message('zh', 'InvalidUrl', { url: '😀\ud800x' }), catalog.render('zh', 'InvalidUrl', { url: '😀\ufffdx' }).message);
  // A locale given as a header or a tag, not an id, crosses as text.
  assert.equal(catalog.message('fr-CA,fr;q=0.9', 'NotFound'), catalog.message('fr', 'NotFound'));
  assert.equal(catalog.message('de', 'NotFound'), 'Das angeforderte Element wurde nicht gefunden.');
  assert.equal(catalog.message('de', 'NotFound'), catalog.render('de', 'NotFound').message);
});
