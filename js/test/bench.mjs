// The main entry's speed and size (`bash js/test.sh bench`), in Node and in
// headless Chromium: `message` per call against @fluent/bundle (see
// bench-core.mjs), the first message after import, and the gzipped size of
// what a bundler ships, beside fluent.js's. Exits non-zero when a goal of
// BENCHMARKS.md is not met: `message` ≤ 0.5× fluent with one string value
// and ≤ 1.0× with two numbers, the first message after import ≤ 0.2 ms.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
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

console.log(`node ${process.version}; load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const node = runBench({ Catalog, FluentBundle, FluentResource, ftl, now: () => performance.now() });
printMessages('Node', node);
console.log('\n| localizeBody, German, Node | per call |\n|---|---|');
for (const [name, us] of node.bodies) console.log(`| ${name} | ${us.toFixed(2)} µs |`);
console.log(`\nfirst message after import, Node: median ${nodeFirst.toFixed(3)} ms of ${starts.length} fresh processes (goal ≤ 0.2 ms: ${goal('Node, first message', nodeFirst, 0.2, ' ms')}); the import itself ${nodeImport.toFixed(2)} ms`);

// The same in headless Chromium: pages bundled by esbuild, served
// cross-origin isolated (COOP and COEP), so that performance.now() has
// microseconds, not Chromium's coarse 0.1 ms. The first message after the
// import is timed in a new browser context each time (no code cache).
const bundle = async (contents) => (await build({
  stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
  bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, outdir: 'out', logLevel: 'warning',
})).outputFiles[0].contents;
const scripts = {
  '/bench.js': await bundle(`
    import { Catalog } from 'defender-errors';
    import { FluentBundle, FluentResource } from '@fluent/bundle';
    import { runBench } from './test/bench-core.mjs';
    const ftl = await (await fetch('/ftl.json')).json();
    window.result = runBench({ Catalog, FluentBundle, FluentResource, ftl, now: () => performance.now() });
    document.title = 'done';`),
  '/first.js': await bundle(`
    import { Catalog } from 'defender-errors';
    const t = performance.now();
    new Catalog().message('de', 'InvalidHashValue', { hash: 'e3b0c442' });
    window.result = { first: performance.now() - t, isolated: crossOriginIsolated };
    document.title = 'done';`),
};
const ISOLATED = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
const server = createServer((req, res) => {
  const script = scripts[req.url.replace('.html', '.js')];
  if (req.url.endsWith('.html') && script) {
    res.writeHead(200, { 'content-type': 'text/html', ...ISOLATED })
      .end(`<!doctype html><title>bench</title><script type="module" src="${req.url.replace('.html', '.js')}"></script>`);
  } else if (script) res.writeHead(200, { 'content-type': 'text/javascript', ...ISOLATED }).end(script);
  else if (req.url === '/ftl.json') res.writeHead(200, { 'content-type': 'application/json', ...ISOLATED }).end(JSON.stringify(ftl));
  else res.writeHead(404).end();
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
/** Loads `path` in a new context and gives the page's `window.result`. */
async function load(path) {
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    await tab.goto(`http://127.0.0.1:${server.address().port}${path}`);
    await tab.waitForFunction(() => document.title === 'done', null, { timeout: 600_000 });
    return await tab.evaluate(() => window.result);
  } finally {
    await context.close();
  }
}
let inChromium;
const firsts = [];
const version = browser.version();
try {
  inChromium = await load('/bench.html');
  for (let i = 0; i < 15; i++) {
    const { first, isolated } = await load('/first.html');
    if (!isolated) throw new Error('the page is not cross-origin isolated: its timer is coarse');
    firsts.push(first);
  }
} finally {
  await browser.close();
  server.close();
}
printMessages(`Chromium ${version}`, inChromium);
const chromiumFirst = median(firsts);
console.log(`\nfirst message after import, Chromium: median ${chromiumFirst.toFixed(3)} ms of ${firsts.length} new contexts (goal ≤ 0.2 ms: ${goal('Chromium, first message', chromiumFirst, 0.2, ' ms')})`);

const ours = await bundled("export { Catalog } from 'defender-errors';");
const fluentJs = await bundled("export { FluentBundle, FluentResource } from '@fluent/bundle'; export { negotiateLanguages } from '@fluent/langneg';");
const ftlGz = locales.reduce((sum, l) => sum + gzipSync(ftl[l], { level: 9 }).length, 0);
console.log(`\nsize, gzip -9 of esbuild's bundle: defender-errors' main entry ${ours} bytes (all six locales); @fluent/bundle + @fluent/langneg ${fluentJs} bytes, plus the six .ftl files ${ftlGz} bytes (each gzipped), ${fluentJs + ftlGz} in all`);

if (failed.length) {
  console.error(`\ngoals not met:\n- ${failed.join('\n- ')}`);
  process.exit(1);
}
console.log('\nevery goal met');
