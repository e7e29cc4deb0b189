// The package in a real browser: headless Chromium (Debian's, which .ci/run
// installs) loads pages from a static server on 127.0.0.1 that import the
// installed package's ES modules with a plain <script type="module">. The
// main entry's page runs every parity case (parity-check.mjs, as Node does)
// with Chromium's own Intl, and renders every code in every locale into the
// page; the overlay entry's page compiles a translator's file with the
// WebAssembly module. A missing browser is a failure, never a skip.
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
const here = dirname(fileURLToPath(import.meta.url));
const overlaySkip = process.env.OVERLAY === '0' && 'the package was built without its overlay entry (js/build.sh light)';

/** The values the page and Node give each code: a number or a name per variable's kind. */
const SAMPLE = { number: 12500, string: 'Machine-42 <b>' };

const MAIN_PAGE = `<!doctype html>
<meta charset="utf-8">
<title>loading</title>
<table id="messages"></table>
<script type="module">
  import * as pkg from '/pkg/index.js';
  import { runParity } from '/test/parity-check.mjs';
  const { Catalog, codes, locales } = pkg;
  const SAMPLE = ${JSON.stringify(SAMPLE)};
  const catalog = new Catalog();
  const table = document.getElementById('messages');
  for (const locale of locales) {
    for (const { code, variables } of codes) {
      const args = Object.fromEntries(variables.map((v) => [v.name, SAMPLE[v.kind]]));
      const row = table.insertRow();
      row.dataset.key = locale + '/' + code;
      row.insertCell().textContent = code;
      row.insertCell().textContent = catalog.message(locale, code, args);
    }
  }
  const cases = await (await fetch('/cases.json')).json();
  window.parity = runParity(cases, pkg);
  const chosen = catalog.negotiate(navigator.languages.join(','));
  document.documentElement.lang = chosen.locale;
  document.title = 'done ' + chosen.locale;
</script>`;

const OVERLAY_PAGE = `<!doctype html>
<meta charset="utf-8">
<title>loading</title>
<script type="module">
  import { Catalog } from '/pkg/overlay.js';
  import * as main from '/pkg/index.js';
  const custom = Catalog.withLocales({ it: 'NotFound = Non trovato.\\nInvalidUrl = L\\'URL { $url } non è valido.\\n' });
  const light = new main.Catalog();
  const wasm = new Catalog();
  const differ = [];
  for (const locale of main.locales) {
    for (const { code, variables } of main.codes) {
      const args = Object.fromEntries(variables.map((v) => [v.name, v.kind === 'number' ? 12500 : 'Machine-42']));
      if (light.message(locale, code, args) !== wasm.message(locale, code, args)) differ.push(locale + '/' + code);
    }
  }
  window.result = {
    it: [custom.message('it', 'NotFound'), custom.message('it-IT', 'InvalidUrl', { url: 'x' })],
    locales: custom.locales,
    differ,
  };
  document.title = 'done';
</script>`;

const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };

function serve() {
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://127.0.0.1').pathname;
    const pages = { '/': MAIN_PAGE, '/overlay': OVERLAY_PAGE };
    if (pages[path] !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages[path]);
      return;
    }
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    let file = null;
    if (path === '/cases.json') file = process.env.CASES ?? 'cases.json';
    else if (path === '/test/parity-check.mjs') file = join(here, 'parity-check.mjs');
    else if (path.startsWith('/pkg/')) {
      file = normalize(join(packageDir, path.slice('/pkg/'.length)));
      if (!file.startsWith(packageDir)) file = null;
    }
    if (file === null || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const type = TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream';
    res.writeHead(200, { 'content-type': type }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Opens `path` in headless Chromium (German), waits for its title to say done, and gives `read(page)`. */
async function inChromium(path, read) {
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
    await page.goto(`http://127.0.0.1:${server.address().port}${path}`);
    await page.waitForFunction(() => document.title.startsWith('done'), null, { timeout: 100_000 });
    assert.deepEqual(errors, []);
    return await read(page);
  } finally {
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

test('in headless Chromium, the main entry gives the library\'s answer for every parity case, and Node\'s text', { timeout: 180_000 }, async () => {
  const cases = JSON.parse(readFileSync(process.env.CASES ?? 'cases.json', 'utf8'));
  const { title, rows, parity } = await inChromium('/', async (page) => ({
    title: await page.title(),
    rows: await page.$$eval('#messages tr', (trs) => trs.map((tr) => [tr.dataset.key, ...[...tr.cells].map((td) => td.textContent)])),
    parity: await page.evaluate(() => window.parity),
  }));
  assert.equal(title, 'done de');
  for (const section of ['renders', 'isolating', 'bodies', 'negotiate']) {
    assert.deepEqual(parity[section].failures, [], section);
    assert.equal(parity[section].checked, cases[section].length, section);
  }
  const catalog = new Catalog();
  const expected = [];
  for (const locale of locales) {
    for (const { code, variables } of codes) {
      const args = Object.fromEntries(variables.map((v) => [v.name, SAMPLE[v.kind]]));
      expected.push([`${locale}/${code}`, code, catalog.message(locale, code, args)]);
    }
  }
  assert.deepEqual(rows, expected);
  assert.ok(rows.some(([key, , message]) => key === 'de/MaximumBatchSizeExceeded' && message.includes('12.500')));
  assert.ok(rows.some(([key, , message]) => key === 'fr/MaximumBatchSizeExceeded' && message.includes('12\u202f500')));
});

test('in headless Chromium, the overlay entry compiles a translator\'s file and renders as the main entry', { timeout: 120_000, skip: overlaySkip }, async () => {
  const result = await inChromium('/overlay', (page) => page.evaluate(() => window.result));
  assert.deepEqual(result.it, ['Non trovato.', 'L\'URL x non è valido.']);
  assert.deepEqual(result.locales, [...locales, 'it']);
  assert.deepEqual(result.differ, []);
});
