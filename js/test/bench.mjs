// The package's speed and size, in one Node run (`bash js/test.sh bench`):
// `message` per call against @fluent/bundle's formatPattern on the same
// German file (and French, for calls that alternate the two), `localizeBody`
// per call, instantiation plus the first render,
// and the package's size gzipped. Times are medians of rounds within this
// run; compare the ratios, not the absolute numbers, on a shared machine.
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FluentBundle, FluentResource } from '@fluent/bundle';

const started = process.hrtime.bigint();
const { Catalog } = await import('defender-errors');
const catalog = new Catalog();
const first = catalog.message('de', 'InvalidHashValue', { hash: 'e3b0c442' });
const importAndFirst = Number(process.hrtime.bigint() - started) / 1e6;

const packageDir = dirname(fileURLToPath(import.meta.resolve('defender-errors/package.json')));
/** A bundle of the catalog's file for `locale`, as a fluent.js portal makes it. */
function fluentBundle(locale) {
  const ftl = readFileSync(join(process.env.LOCALES ?? 'locales', locale, 'errors.ftl'), 'utf8');
  const bundle = new FluentBundle(locale, { useIsolating: false });
  const errors = bundle.addResource(new FluentResource(ftl));
  if (errors.length) throw new Error(`@fluent/bundle: ${errors.join('; ')}`);
  return bundle;
}
const bundle = fluentBundle('de');
// For calls that name a locale each: the bundle is found by its locale.
const bundles = new Map([['de', bundle], ['fr', fluentBundle('fr')]]);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** Nanoseconds per call of `f`, the median of `rounds` rounds of `n` calls. */
function perCall(f, n = 200_000, rounds = 7) {
  let sink = 0;
  for (let i = 0; i < n / 10; i++) sink += f(i).length; // warm up
  const times = [];
  for (let r = 0; r < rounds; r++) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) sink += f(i).length;
    times.push(Number(process.hrtime.bigint() - t) / n);
  }
  if (sink === 0) throw new Error('nothing rendered');
  return median(times);
}

function fluent(id, args) {
  const message = bundle.getMessage(id);
  return bundle.formatPattern(message.value, args);
}

function fluentIn(locale, id, args) {
  const b = bundles.get(locale);
  return b.formatPattern(b.getMessage(id).value, args);
}

const hashes = Array.from({ length: 64 }, (_, i) => `e3b0c442${i.toString(16)}`);
const cases = [
  ['NotFound (no variable)', (i) => catalog.message('de', 'NotFound'), (i) => fluent('NotFound')],
  ['NotFound, German and French in turn', (i) => catalog.message(i & 1 ? 'fr' : 'de', 'NotFound'),
    (i) => fluentIn(i & 1 ? 'fr' : 'de', 'NotFound')],
  ['InvalidHashValue (a string)',
    (i) => catalog.message('de', 'InvalidHashValue', { hash: hashes[i & 63] }),
    (i) => fluent('InvalidHashValue', { hash: hashes[i & 63] })],
  ['InvalidHashValue, German and French in turn',
    (i) => catalog.message(i & 1 ? 'fr' : 'de', 'InvalidHashValue', { hash: hashes[i & 63] }),
    (i) => fluentIn(i & 1 ? 'fr' : 'de', 'InvalidHashValue', { hash: hashes[i & 63] })],
  ['MaximumBatchSizeExceeded (two numbers)',
    (i) => catalog.message('de', 'MaximumBatchSizeExceeded', { batch_size_received: 12500 + (i & 63), batch_size_allowed: 10000 }),
    (i) => fluent('MaximumBatchSizeExceeded', { batch_size_received: 12500 + (i & 63), batch_size_allowed: 10000 })],
];

console.log(`node ${process.version}; first message: ${first}`);
console.log('\n| message, German | defender-errors `message` | @fluent/bundle `getMessage` + `formatPattern` | ratio |');
console.log('|---|---|---|---|');
for (const [name, ours, theirs] of cases) {
  // Interleaved, twice, so that neither side always runs first.
  const a1 = perCall(ours), b1 = perCall(theirs), b2 = perCall(theirs), a2 = perCall(ours);
  const a = Math.min(a1, a2), b = Math.min(b1, b2);
  console.log(`| ${name} | ${a.toFixed(0)} ns | ${b.toFixed(0)} ns | ${(a / b).toFixed(2)}× |`);
}
console.log(`\nfluent's German text for the numbers: ${fluent('MaximumBatchSizeExceeded', { batch_size_received: 12500, batch_size_allowed: 10000 })}`);
console.log(`ours: ${catalog.message('de', 'MaximumBatchSizeExceeded', { batch_size_received: 12500, batch_size_allowed: 10000 })}`);

const article = '{"error":{"code":"ResourceNotFound","message":"Machine 123123123 was not found","target":"43f4cb08-8fac-4b65-9db1-745c2ae65f3a"}}';
const filled = '{"error":{"code":"MaximumBatchSizeExceeded","message":"Maximum batch size exceeded. Received: 12,500, allowed: 10,000.","target":"43f4cb08"}}';
const asObject = JSON.parse(filled);
const wrap = (f) => (i) => JSON.stringify(f(i));
console.log('\n| localizeBody, German | per call |\n|---|---|');
for (const [name, f] of [
  ['the article\'s ResourceNotFound body (text)', () => catalog.localizeBody(article, 'de-DE,de;q=0.9')],
  ['a body with two values read back (text)', () => catalog.localizeBody(filled, 'de-DE,de;q=0.9')],
  ['the same body as an object', () => catalog.localizeBody(asObject, 'de-DE,de;q=0.9')],
]) {
  console.log(`| ${name} | ${(perCall(wrap(f), 50_000) / 1000).toFixed(2)} µs |`);
}

// Instantiation: a fresh copy of the bindings (a new module URL) compiles
// and instantiates the module from its bytes, builds a catalog and renders once.
const bytes = readFileSync(join(packageDir, 'core_bg.wasm'));
const fresh = [];
for (let i = 0; i < 15; i++) {
  const t = process.hrtime.bigint();
  const core = await import(`${pathToFileURL(join(packageDir, 'core.js'))}?copy=${i}`);
  const { memory } = core.initSync({ module: bytes });
  const c = new core.Core(false, false, []);
  const index = JSON.parse(core.codeTable()).findIndex((x) => x.code === 'InvalidHashValue');
  // The value as api.js writes it (js/src/exchange.rs): its length, its bytes.
  const hash = new TextEncoder().encode('e3b0c442');
  const input = new Uint8Array(memory.buffer, c.inputBuffer(4 + hash.length), 4 + hash.length);
  input.set([hash.length, 0, 0, 0, ...hash]);
  const len = c.message(c.locales().indexOf('de'), index, 1);
  if (Buffer.from(memory.buffer, c.outputBuffer(), len).toString() !== first) throw new Error('not the first message');
  fresh.push(Number(process.hrtime.bigint() - t) / 1e6);
  c.free();
}
console.log(`\ninstantiation + new catalog + first German message: median ${median(fresh).toFixed(1)} ms of ${fresh.length} (the first import of the package, with the first message: ${importAndFirst.toFixed(1)} ms)`);

let raw = 0, gz = 0, page = 0;
const pageFiles = ['index.js', 'api.js', 'state.js', 'core.js', 'core_bg.wasm'];
for (const file of readdirSync(packageDir)) {
  const data = readFileSync(join(packageDir, file));
  const size = gzipSync(data, { level: 9 }).length;
  raw += data.length;
  gz += size;
  if (pageFiles.includes(file)) page += size;
}
const wasmGz = gzipSync(bytes, { level: 9 }).length;
console.log(`size: core_bg.wasm ${bytes.length} bytes, ${wasmGz} gzipped; what a page loads (${pageFiles.join(', ')}) ${page} gzipped; the whole package ${raw} bytes, ${gz} gzipped file by file`);
