// The parity cases (cases.json, written by js/parity from the Rust library)
// run through a copy of the package: shared by parity.test.js in Node and
// by the page browser.test.js loads in headless Chromium, so that both run
// the same comparisons. Returns, by section, how many cases were checked and
// the first of those that differ.

/** A sample as the JavaScript value it stands for. */
export function value(sample) {
  if ('str' in sample) return sample.str;
  if ('big' in sample) return BigInt(sample.big);
  return sample.num;
}

/** Deep equality of JSON-like values, object keys in any order. */
export function same(a, b) {
  if (a === b) return !(a === 0 && 1 / a !== 1 / b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && same(a[k], b[k]));
}

/** The stable code of the library's envelope error, by its text. */
export function envelopeCode(message) {
  if (message.startsWith('the error body has ')) return 'ERR_BODY_TOO_LARGE';
  if (message.startsWith('the error body is not valid JSON: ')) return 'ERR_INVALID_JSON';
  if (message.startsWith('the body is not a Defender error')) return 'ERR_NOT_AN_ENVELOPE';
  if (message.startsWith('error.code must be a string')) return 'ERR_CODE_NOT_A_STRING';
  return 'ERR_INVALID_BODY';
}

const stringify = (v) => JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? `${x}n` : x));

/** Runs every case through `pkg` (the package's module): `{ section: { checked, failures } }`. */
export function runParity(cases, pkg) {
  const { Catalog, EnvelopeError } = pkg;
  const result = {};
  const section = (name, each) => {
    const out = { checked: 0, failures: [] };
    for (const c of cases[name]) {
      out.checked++;
      let failure;
      try {
        failure = each(c);
      } catch (e) {
        failure = { case: c, thrown: `${e.name}: ${e.message}` };
      }
      if (failure && out.failures.length < 10) out.failures.push(failure);
    }
    result[name] = out;
  };
  const catalog = new Catalog();
  const args = (c) => Object.fromEntries(c.args.map(([name, sample]) => [name, value(sample)]));
  const where = (c) => `${c.code} in '${c.locale}' with ${stringify(c.args)}`;

  section('renders', (c) => {
    const got = catalog.render(c.locale, c.code, args(c));
    const { status_text: statusText, ...rest } = c.rendered;
    const expected = { ...rest, statusText };
    if (!same(got, expected)) return { where: where(c), got, expected };
    const message = catalog.message(c.locale, c.code, args(c));
    if (message !== c.message) return { where: `message of ${where(c)}`, got: message, expected: c.message };
    return undefined;
  });

  const isolating = new Catalog({ useIsolating: true });
  section('isolating', (c) => {
    const got = [isolating.render(c.locale, c.code, args(c)).message, isolating.message(c.locale, c.code, args(c))];
    return got.every((m) => m === c.message) ? undefined : { where: where(c), got, expected: c.message };
  });

  section('bodies', (c) => {
    const body = typeof c.body === 'string'
      ? c.body
      : `{"error":{"code":"NotFound","message":"${'a'.repeat(c.body.notFoundMessageOfAs)}"}}`;
    const at = `${body.slice(0, 120)} for '${c.acceptLanguage}', status ${c.status}, retryAfter ${c.retryAfter}`;
    const options = c.status == null ? {} : { status: c.status };
    if (c.retryAfter != null) options.retryAfter = BigInt(c.retryAfter);
    if ('ok' in c.outcome) {
      const got = catalog.localizeBody(body, c.acceptLanguage, options);
      const expected = typeof c.outcome.ok === 'string' ? JSON.parse(c.outcome.ok) : c.outcome.ok;
      return same(got, expected) ? undefined : { where: at, got, expected };
    }
    try {
      catalog.localizeBody(body, c.acceptLanguage, options);
    } catch (e) {
      const code = envelopeCode(c.outcome.error);
      // JSON's syntax errors are the parser's own words (serde_json's in
      // Rust, the engine's here); every other error is the library's text.
      const text = code === 'ERR_INVALID_JSON'
        ? e.message.startsWith('the error body is not valid JSON: ')
        : e.message === c.outcome.error;
      if (e instanceof EnvelopeError && e.code === code && text) return undefined;
      return { where: at, got: `${e.name} ${e.code}: ${e.message}`, expected: c.outcome.error };
    }
    return { where: at, got: 'no error', expected: c.outcome.error };
  });

  const lenient = new Catalog({ allowTraditionalChinese: true });
  section('negotiate', (c) => {
    const got = (c.allowTraditionalChinese ? lenient : catalog).negotiate(c.header);
    const expected = { locale: c.locale, matched: c.matched };
    return same(got, expected) ? undefined : { where: stringify(c.header.slice(0, 80)), got, expected };
  });
  return result;
}
