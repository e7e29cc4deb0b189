// The per-call benchmarks, shared by Node (bench.mjs) and the page it runs
// in headless Chromium: the main entry's `message` against
// @fluent/bundle's `getMessage` + `formatPattern` on the same German file
// (and French, for calls that alternate the two), and `localizeBody`. Times
// are medians of rounds within one run; compare the ratios, not the
// absolute numbers, on a shared machine.

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** Nanoseconds per call of `f`, the median of `rounds` rounds of `n` calls. */
function perCall(now, f, n, rounds = 7) {
  let sink = 0;
  for (let i = 0; i < n / 10; i++) sink += f(i).length; // warm up
  const times = [];
  for (let r = 0; r < rounds; r++) {
    const t = now();
    for (let i = 0; i < n; i++) sink += f(i).length;
    times.push(((now() - t) * 1e6) / n);
  }
  if (sink === 0) throw new Error('nothing rendered');
  return median(times);
}

/**
 * The rows of the two tables: `{ message: [[name, ours, fluent, ratio]],
 * bodies: [[name, µs]], texts }`. `now()` is in milliseconds; `ftl` holds
 * the German and French files.
 */
export function runBench({ Catalog, FluentBundle, FluentResource, ftl, now, n = 200_000 }) {
  const catalog = new Catalog();
  const bundles = new Map();
  for (const locale of ['de', 'fr']) {
    const bundle = new FluentBundle(locale, { useIsolating: false });
    const errors = bundle.addResource(new FluentResource(ftl[locale]));
    if (errors.length) throw new Error(`@fluent/bundle: ${errors.join('; ')}`);
    bundles.set(locale, bundle);
  }
  const bundle = bundles.get('de');
  const fluent = (id, args) => bundle.formatPattern(bundle.getMessage(id).value, args);
  const fluentIn = (locale, id, args) => {
    const b = bundles.get(locale);
    return b.formatPattern(b.getMessage(id).value, args);
  };
  const hashes = Array.from({ length: 64 }, (_, i) => `e3b0c442${i.toString(16)}`);
  const batch = (i) => ({ batch_size_received: 12500 + (i & 63), batch_size_allowed: 10000 });
  const cases = [
    ['NotFound (no variable)', () => catalog.message('de', 'NotFound'), () => fluent('NotFound')],
    ['NotFound, German and French in turn', (i) => catalog.message(i & 1 ? 'fr' : 'de', 'NotFound'),
      (i) => fluentIn(i & 1 ? 'fr' : 'de', 'NotFound')],
    ['InvalidHashValue (one string)', (i) => catalog.message('de', 'InvalidHashValue', { hash: hashes[i & 63] }),
      (i) => fluent('InvalidHashValue', { hash: hashes[i & 63] })],
    ['InvalidHashValue, German and French in turn',
      (i) => catalog.message(i & 1 ? 'fr' : 'de', 'InvalidHashValue', { hash: hashes[i & 63] }),
      (i) => fluentIn(i & 1 ? 'fr' : 'de', 'InvalidHashValue', { hash: hashes[i & 63] })],
    ['MaximumBatchSizeExceeded (two numbers)', (i) => catalog.message('de', 'MaximumBatchSizeExceeded', batch(i)),
      (i) => fluent('MaximumBatchSizeExceeded', batch(i))],
  ];
  const message = [];
  for (const [name, ours, theirs] of cases) {
    // Interleaved, twice, so that neither side always runs first.
    const a1 = perCall(now, ours, n);
    const b1 = perCall(now, theirs, n);
    const b2 = perCall(now, theirs, n);
    const a2 = perCall(now, ours, n);
    const a = Math.min(a1, a2);
    const b = Math.min(b1, b2);
    message.push([name, a, b, a / b]);
  }
  const article = '{"error":{"code":"ResourceNotFound","message":"Machine 123123123 was not found","target":"43f4cb08-8fac-4b65-9db1-745c2ae65f3a"}}';
  const filled = '{"error":{"code":"MaximumBatchSizeExceeded","message":"Maximum batch size exceeded. Received: 12,500, allowed: 10,000.","target":"43f4cb08"}}';
  const asObject = JSON.parse(filled);
  const wrap = (f) => () => JSON.stringify(f());
  const bodies = [
    ['the article\'s ResourceNotFound body (text)', () => catalog.localizeBody(article, 'de-DE,de;q=0.9')],
    ['a body with two values read back (text)', () => catalog.localizeBody(filled, 'de-DE,de;q=0.9')],
    ['the same body as an object', () => catalog.localizeBody(asObject, 'de-DE,de;q=0.9')],
  ].map(([name, f]) => [name, perCall(now, wrap(f), n / 4) / 1000]);
  const numbers = batch(0);
  return {
    message,
    bodies,
    texts: [fluent('MaximumBatchSizeExceeded', numbers), catalog.message('de', 'MaximumBatchSizeExceeded', numbers)],
  };
}
