// The package in a real browser: headless Chromium (Debian's, which .ci/run
// installs) loads a page from a static server on 127.0.0.1 that imports the
// installed package's ES module with a plain <script type="module">, and
// renders every code in every locale into the page. What the page shows must
// be what the package renders in Node (which the parity test holds to the
// Rust library). A missing browser is a failure, never a skip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { Catalog, codes, locales } from 'defender-errors';

const CHROMIUM = '/usr/bin/chromium';
const packageDir = dirname(fileURLToPath(import.meta.resolve('defender-errors/package.json')));

/** The values the page and Node give each code: a number or a name per variable's kind. */
const SAMPLE = { number: 12500, string: 'Machine-42 <b>' };

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>loading</title>
<table id="messages"></table>
<script type="module">
  import { Catalog, codes, locales } from '/pkg/index.js';
  const SAMPLE = ${JSON.stringify(SAMPLE)};
  const catalog = new Catalog();
  const table = document.getElementById('messages');
  for (const locale of locales) {
    for (const { code, variables } of codes) {
      const args = Object.fromEntries(variables.map((v) => [v.name, SAMPLE[v.kind]]));
      const out = catalog.render(locale, code, args);
      const row = table.insertRow();
      row.dataset.key = locale + '/' + code;
      row.insertCell().textContent = code;
      row.insertCell().textContent = out.message;
      row.lastChild.lang = out.locale;
      row.insertCell().textContent = catalog.message(locale, code, args);
    }
  }
  const chosen = catalog.negotiate(navigator.languages.join(','));
  document.documentElement.lang = chosen.locale;
  document.title = 'done ' + chosen.locale;
</script>`;

const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };

function serve() {
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://127.0.0.1').pathname;
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
      return;
    }
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const file = normalize(join(packageDir, path.replace(/^\/pkg\//, '')));
    if (!path.startsWith('/pkg/') || !file.startsWith(packageDir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const type = TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream';
    res.writeHead(200, { 'content-type': type }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

test('a page renders every code in every locale in headless Chromium, as Node does', { timeout: 120_000 }, async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: .ci/run installs Debian's chromium`);
  const server = await serve();
  const profile = mkdtempSync(join(tmpdir(), 'defender-errors-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale: 'de-DE',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => document.title.startsWith('done'), null, { timeout: 60_000 });
    assert.deepEqual(errors, []);
    assert.equal(await page.title(), 'done de');
    const rows = await page.$$eval('#messages tr', (trs) => trs.map((tr) => [
      tr.dataset.key, ...[...tr.cells].map((td) => td.textContent),
    ]));

    const catalog = new Catalog();
    const expected = [];
    for (const locale of locales) {
      for (const { code, variables } of codes) {
        const args = Object.fromEntries(variables.map((v) => [v.name, SAMPLE[v.kind]]));
        const message = catalog.render(locale, code, args).message;
        expected.push([`${locale}/${code}`, code, message, message]);
      }
    }
    assert.equal(rows.length, locales.length * codes.length);
    assert.deepEqual(rows, expected);
    assert.ok(rows.some(([key, , message]) =>
      key === 'de/MaximumBatchSizeExceeded' && message.includes('12.500')));
    assert.ok(rows.some(([key, , message]) => key === 'zh/ResourceNotFound' && /Machine-42/.test(message)));
  } finally {
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
