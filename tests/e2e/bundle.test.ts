/**
 * What the built content script carries. It runs in every frame of every
 * tab, so it leaves out the libraries the extension's own pages use: the
 * card is plain DOM (no Preact), its few messages and the settings are
 * checked by hand (no valibot), storage is read directly (no
 * @wxt-dev/storage), and it uses the browser's own API (no
 * webextension-polyfill). The background and the pages keep all four.
 * Each library is recognised by a string its bundled code always holds.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { ROOT } from './browser';

const OUT = process.env.PJ_OUT_DIR ?? join(ROOT, '.output');
/** The content script's size budget, gzipped at level 9 as the benchmark measures it. */
const BUDGET_BYTES = 40_000;

const LIBRARIES: [name: string, marker: string][] = [
  // Preact's dangerouslySetInnerHTML prop, which scripts/no-inner-html-plugin.ts turns into text.
  ['Preact', '__html'],
  // The Standard Schema property on every valibot schema.
  ['valibot', '~standard'],
  ['@wxt-dev/storage', 'Storage key should be in the form of'],
  ['webextension-polyfill', 'This script should only be loaded in a browser extension'],
];

describe('the built content script', () => {
  const builds = ['chrome-mv3', 'firefox-mv2']
    .map((name) => join(OUT, name))
    .filter((dir) => existsSync(join(dir, 'manifest.json')));

  it('there is a Chrome build to check (npm run build)', () => {
    assert.ok(
      builds.some((dir) => dir.endsWith('chrome-mv3')),
      `no Chrome build in ${OUT}`,
    );
  });

  for (const dir of builds) {
    const name = dir.split(/[\\/]/).at(-1)!;
    const content = readFileSync(join(dir, 'content-scripts', 'content.js'), 'utf8');
    const others = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.js') && !file.startsWith('content-scripts'))
      .map((file) => readFileSync(join(dir, file), 'utf8'))
      .join('\n');

    it(`${name}: bundles none of Preact, valibot, @wxt-dev/storage and webextension-polyfill`, () => {
      const found = LIBRARIES.filter(([, marker]) => content.includes(marker)).map(([library]) => library);

      assert.deepEqual(found, []);
      console.log(
        `# ${name} content script: ${content.length} bytes, ${gzipSync(content, { level: 9 }).length} gzipped`,
      );
    });

    it(`${name}: stays within its size budget, ${BUDGET_BYTES / 1000} kB gzipped (issue 8)`, () => {
      const gzipped = gzipSync(content, { level: 9 }).length;

      assert.ok(gzipped <= BUDGET_BYTES, `the content script is ${gzipped} bytes gzipped, over ${BUDGET_BYTES}`);
    });

    it(`${name}: the markers are right: the background and the pages do bundle the four`, () => {
      const missing = LIBRARIES.filter(([, marker]) => !others.includes(marker)).map(([library]) => library);

      assert.deepEqual(missing, []);
    });
  }
});
