// Every JavaScript example of the package's README and of the JavaScript
// section of the repository's README runs as pasted into a new project
// with the package installed from its tarball (js/test.sh copies both
// READMEs here): each block is written to a file of its own and run by
// Node, which must exit cleanly and print what the comment line under each
// `console.log` says it prints. The overlay's examples are skipped when the
// package was built without it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.READMES ?? 'readmes';

/** What `code` says it prints: the comment line right under a `console.log` line, without `// `. */
function promised(code) {
  const lines = code.split('\n');
  return lines.flatMap((line, i) => (/console\.log\(/.test(line) && /^\s*\/\/ /.test(lines[i + 1] ?? '')
    ? [lines[i + 1].replace(/^\s*\/\/ /, '')] : []));
}

/** `s` with every run of white space one space. */
const squeezed = (s) => s.replace(/\s+/g, ' ').trim();

/** The ```js blocks of `markdown`. */
function blocks(markdown) {
  return [...markdown.matchAll(/^```js\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

const packageReadme = readFileSync(join(dir, 'package.md'), 'utf8');
const repositoryReadme = readFileSync(join(dir, 'repository.md'), 'utf8');
const section = repositoryReadme.split(/^### In a JavaScript portal/m)[1]?.split(/^#{2,3} /m)[0] ?? '';
const examples = [
  ...blocks(packageReadme).map((code, i) => [`js/package/README.md, example ${i + 1}`, code]),
  ...blocks(section).map((code, i) => [`README.md's JavaScript section, example ${i + 1}`, code]),
];
mkdirSync('examples', { recursive: true });

test('the READMEs have their JavaScript examples, and say what they print', () => {
  assert.ok(blocks(packageReadme).length >= 4);
  assert.ok(blocks(section).length >= 1);
  assert.ok(examples.map(([, code]) => promised(code).length).reduce((a, b) => a + b) >= 5);
});

examples.forEach(([name, code], i) => {
  const skip = process.env.OVERLAY === '0' && code.includes('defender-errors/overlay')
    && 'the package was built without its overlay entry (js/build.sh light)';
  test(`${name} runs as pasted`, { skip }, () => {
    const file = join('examples', `example-${i + 1}.mjs`);
    writeFileSync(file, code);
    const out = execFileSync(process.execPath, [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    assert.ok(out.trim().length > 0, 'it prints what it shows');
    for (const text of promised(code)) assert.ok(squeezed(out).includes(squeezed(text)), `it prints ${text}\n${out}`);
  });
});
