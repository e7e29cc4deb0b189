// The main entry's speed and size (`bash js/test.sh bench`), in Node and in
// headless Chromium: `message` per call against @fluent/bundle (see
// bench-core.mjs), the first message after import, and the gzipped size of
// what a bundler ships, beside fluent.js's. Exits non-zero when a goal of
// BENCHMARKS.md is not met: `message` ≤ 0.5× fluent with one string value
// and ≤ 1.0× with two numbers, the first message after import ≤ 0.2 ms.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { FluentBundle, FluentResource } from '@fluent/bundle';
import { Catalog, locales } from 'defender-errors';
import { runBench } from './bench-core.mjs';

const LOCALES = process.env.LOCALES ?? 'locales';
const ftl = Object.fromEntries(locales.map((l) => [l, readFileSync(join(LOCALES, l, 'errors.ftl'), 'utf8')]));
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const failed = [];
const goal = (what, value, limit, unit) => {
  const ok = value <= limit;
  if (!ok) failed.push(`${what}: ${value.toFixed(2)}${unit}, over ${limit}${unit}`);
  return ok ? 'met' : '**not met**';
};

/** esbuild's --bundle --minify --format=esm --platform=browser of `code`: every emitted file's bytes gzipped (-9). */
async function bundled(code) {
  const out = await build({
    stdin: { contents: code, resolveDir: process.cwd(), loader: 'js' },
    bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, outdir: 'out', logLevel: 'warning',
  });
  return out.outputFiles.reduce((sum, f) => sum + gzipSync(f.contents, { level: 9 }).length, 0);
}

// The first message after import, in fresh Node processes.
const FIRST = `
const t0 = performance.now();
const { Catalog } = await import('defender-errors');
const t1 = performance.now();
const message = new Catalog().message('de', 'InvalidHashValue', { hash: 'e3b0c442' });
const t2 = performance.now();
console.log(JSON.stringify([t1 - t0, t2 - t1, message]));`;
const starts = Array.from({ length: 15 }, () => JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', FIRST], { encoding: 'utf8' })));
const nodeImport = median(starts.map((s) => s[0]));
const nodeFirst = median(starts.map((s) => s[1]));

function printMessages(where, result) {
  console.log(`\n| message, German, ${where} | defender-errors \`message\` | @fluent/bundle \`getMessage\` + \`formatPattern\` | ratio |`);
  console.log('|---|---|---|---|');
  for (const [name, ours, theirs, ratio] of result.message) {
    console.log(`| ${name} | ${ours.toFixed(0)} ns | ${theirs.toFixed(0)} ns | ${ratio.toFixed(2)}× |`);
  }
  console.log(`\nfluent's text: ${result.texts[0]}\nours:          ${result.texts[1]}`);
  const [, , , one] = result.message.find(([name]) => name === 'InvalidHashValue (one string)');
  const [, , , two] = result.message.find(([name]) => name === 'MaximumBatchSizeExceeded (two numbers)');
  console.log(`goal one string ≤ 0.5×: ${goal(`${where}, one string`, one, 0.5, '×')}; two numbers ≤ 1.0×: ${goal(`${where}, two numbers`, two, 1.0, '×')}`);
}

console.log(`node ${process.version}`);
const node = runBench({ Catalog, FluentBundle, FluentResource, ftl, now: () => performance.now() });
printMessages('Node', node);
console.log('\n| localizeBody, German, Node | per call |\n|---|---|');
for (const [name, us] of node.bodies) console.log(`| ${name} | ${us.toFixed(2)} µs |`);
console.log(`\nfirst message after import, Node: median ${nodeFirst.toFixed(3)} ms of ${starts.length} fresh processes (goal ≤ 0.2 ms: ${goal('Node, first message', nodeFirst, 0.2, ' ms')}); the import itself ${nodeImport.toFixed(2)} ms`);

// The same in headless Chromium: one page, bundled by esbuild; its first
// lines time the first message after the imports.
const page = await build({
  stdin: {
    contents: `
      import { Catalog } from 'defender-errors';
      import { FluentBundle, FluentResource } from '@fluent/bundle';
      import { runBench } from './test/bench-core.mjs';
      const t = performance.now();
      new Catalog().message('de', 'InvalidHashValue', { hash: 'e3b0c442' });
      const first = performance.now() - t;
      const ftl = await (await fetch('/ftl.json')).json();
      window.result = { first, ...runBench({ Catalog, FluentBundle, FluentResource, ftl, now: () => performance.now() }) };
      document.title = 'done';`,
    resolveDir: process.cwd(),
    loader: 'js',
  },
  bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, outdir: 'out', logLevel: 'warning',
});
const script = page.outputFiles[0].contents;
const server = createServer((req, res) => {
  if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>bench</title><script type="module" src="/bench.js"></script>');
  else if (req.url === '/bench.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
  else if (req.url === '/ftl.json') res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(ftl));
  else res.writeHead(404).end();
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const profile = mkdtempSync(join(tmpdir(), 'defender-errors-bench-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
});
let inChromium;
let version;
try {
  const tab = await browser.newPage();
  await tab.goto(`http://127.0.0.1:${server.address().port}/`);
  await tab.waitForFunction(() => document.title === 'done', null, { timeout: 600_000 });
  inChromium = await tab.evaluate(() => window.result);
  version = browser.browser()?.version() ?? await tab.evaluate(() => navigator.userAgent);
} finally {
  await browser.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
printMessages(`Chromium ${version}`, inChromium);
console.log(`\nfirst message after import, Chromium: ${inChromium.first.toFixed(3)} ms (goal ≤ 0.2 ms: ${goal('Chromium, first message', inChromium.first, 0.2, ' ms')}; the timer's resolution is 0.1 ms there)`);

const ours = await bundled("export { Catalog } from 'defender-errors';");
const fluentJs = await bundled("export { FluentBundle, FluentResource } from '@fluent/bundle'; export { negotiateLanguages } from '@fluent/langneg';");
const ftlGz = locales.reduce((sum, l) => sum + gzipSync(ftl[l], { level: 9 }).length, 0);
console.log(`\nsize, gzip -9 of esbuild's bundle: defender-errors' main entry ${ours} bytes (all six locales); @fluent/bundle + @fluent/langneg ${fluentJs} bytes, plus the six .ftl files ${ftlGz} bytes (each gzipped), ${fluentJs + ftlGz} in all`);

if (failed.length) {
  console.error(`\ngoals not met:\n- ${failed.join('\n- ')}`);
  process.exit(1);
}
console.log('\nevery goal met');
