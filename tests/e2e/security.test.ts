/**
 * Security of the built extension:
 * - an entry with markup, script and javascript: URLs in every field that a
 *   glossary file allows reaches the card through the background's getEntry
 *   and is shown as text: nothing runs, nothing loads, links are https;
 * - the card's shadow root is closed;
 * - the manifests expose nothing to pages (no web_accessible_resources, no
 *   externally_connectable), ask only for the permissions the README
 *   justifies, and loosen no content security policy;
 * - the bundles hold no way to reach the network at all.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  cardShadowMode,
  cardText,
  escapeHtml,
  launchWithExtension,
  ROOT,
  serve,
  type ExtensionBrowser,
  type FixtureServer,
  findCdpNode,
  isCardHost,
  withPiercedDocument,
  type CdpNode,
} from './browser';

const OUT = process.env.PJ_OUT_DIR ?? join(ROOT, '.output');
const HOSTILE_GLOSSARY = join(ROOT, 'tests', 'fixtures', 'hostile-glossary');
const HEADWORD = `ZQX<img src=x onerror="window.__pwned='headword'">`;

describe('a hostile glossary entry, built into the extension and shown on the card', () => {
  let out: string;
  let browser: ExtensionBrowser;
  let server: FixtureServer;
  const pageErrors: string[] = [];

  before(async () => {
    // A build of its own, with a glossary whose every text field carries markup.
    out = mkdtempSync(join(tmpdir(), 'pj-hostile-'));
    const build = spawnSync('npx', ['wxt', 'build'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PJ_GLOSSARY_DIR: HOSTILE_GLOSSARY,
        PJ_OUT_DIR: out,
      },
      encoding: 'utf8',
    });
    assert.equal(build.status, 0, `the hostile build failed:\n${build.stdout}\n${build.stderr}`);
    server = await serve({
      '/note.html': `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Note</title></head><body>
<p id="note">The ${escapeHtml(HEADWORD)} entry appears in this probation note.</p></body></html>`,
      '/favicon.ico': '',
    });
    browser = await launchWithExtension(join(out, 'chrome-mv3'));
    browser.context.on('weberror', (error) => pageErrors.push(error.error().message));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('shows every field as text in a closed shadow root: nothing runs, nothing loads, links are https', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/note.html'));
    await page.waitForFunction(() => (CSS.highlights.get('probation-jargon')?.size ?? 0) > 0);
    const point = await page.evaluate(() => {
      const r = [...CSS.highlights.get('probation-jargon')!][0] as AbstractRange;
      const range = new Range();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      const rect = range.getClientRects()[0]!;
      return {
        x: rect.x + 10,
        y: rect.y + rect.height / 2,
        text: range.toString(),
      };
    });

    assert.equal(point.text, HEADWORD);
    await page.mouse.move(point.x, point.y);
    let text = '';
    for (let i = 0; i < 60 && !text.includes('Hostile expansion'); i++) {
      await page.waitForTimeout(50);
      text = await cardText(page);
    }
    await page.waitForTimeout(300);
    const card = await cardElements(page);

    assert.equal(await cardShadowMode(page), 'closed');
    assert.ok(text.includes(HEADWORD), `headword shown literally: ${text}`);
    assert.ok(text.includes(`<img src=x onerror="window.__pwned='expansion'"> Hostile expansion`), text);
    assert.ok(text.includes(`<script>window.__pwned='definition'</script>`), text);
    assert.ok(text.includes(`<iframe src="javascript:window.__pwned='second'"></iframe> Second sense`), text);
    assert.deepEqual(
      card.tags.filter((t) => ['img', 'script', 'iframe', 'svg', 'b', 'object', 'embed', 'form'].includes(t)),
      [],
    );
    assert.deepEqual(card.handlers, []);
    assert.ok(
      card.hrefs.length > 0 && card.hrefs.every((href) => href.startsWith('https://')),
      JSON.stringify(card.hrefs),
    );
    assert.equal(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned), undefined);
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(
      browser.requests.filter(
        (url) => !url.startsWith(server.url('/')) && !url.startsWith(`chrome-extension://${browser.extensionId}/`),
      ),
      [],
    );
    assert.equal(browser.requests.filter((url) => url === server.url('/x')).length, 0, 'the <img src=x> never loaded');
    await page.close();
  });
});

describe('the built manifests and bundles', () => {
  const builds = ['chrome-mv3', 'firefox-mv2']
    .map((name) => join(OUT, name))
    .filter((dir) => existsSync(join(dir, 'manifest.json')));
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const permissionsSection = readme.split(/^## /m).find((section) => section.startsWith('Permissions')) ?? '';

  it('there is a Chrome build to check (npm run build)', () => {
    assert.ok(
      builds.some((dir) => dir.endsWith('chrome-mv3')),
      `no Chrome build in ${OUT}`,
    );
  });

  for (const dir of builds) {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    const name = dir.split(/[\\/]/).at(-1)!;

    it(`${name}: exposes nothing to pages: no web_accessible_resources, no externally_connectable`, () => {
      assert.equal(manifest.web_accessible_resources, undefined);
      assert.equal(manifest.externally_connectable, undefined);
    });

    it(`${name}: asks only for permissions the README justifies, and for no host permissions`, () => {
      const permissions = (manifest.permissions as string[] | undefined) ?? [];
      const unjustified = permissions.filter((p) => !permissionsSection.includes(`\`${p}\``));
      assert.deepEqual(unjustified, [], 'every permission has a row in the README’s Permissions table');
      assert.equal(manifest.host_permissions, undefined);
      assert.equal(manifest.optional_permissions, undefined);
      for (const script of (manifest.content_scripts as {
        matches: string[];
      }[]) ?? []) {
        for (const match of script.matches)
          assert.ok(permissionsSection.includes(`\`${match}\``), `content script match ${match} justified`);
      }
    });

    it(`${name}: loosens no content security policy`, () => {
      assert.doesNotMatch(
        JSON.stringify(manifest.content_security_policy ?? ''),
        /unsafe-eval|unsafe-inline|http:|https:|\*/,
      );
    });

    it(`${name}: its code has no way to reach the network (fetch, XMLHttpRequest, WebSocket, sendBeacon, EventSource) and no eval`, () => {
      const found: string[] = [];
      for (const file of filesUnder(dir).filter((f) => f.endsWith('.js'))) {
        const code = readFileSync(file, 'utf8');
        for (const api of [
          'fetch(',
          'XMLHttpRequest',
          'WebSocket',
          'sendBeacon',
          'EventSource',
          'eval(',
          'new Function(',
        ]) {
          if (code.includes(api)) found.push(`${file.slice(dir.length + 1)}: ${api}`);
        }
      }
      assert.deepEqual(found, []);
    });
  }
});

// --- Implementation helpers ---

/** The element names, event-handler attributes and link targets inside the card's closed shadow root, via CDP. */
async function cardElements(
  page: import('playwright-core').Page,
): Promise<{ tags: string[]; handlers: string[]; hrefs: string[] }> {
  return withPiercedDocument(page, (root) => {
    const host = findCdpNode(root, isCardHost);
    assert.ok(host, 'the card is open');
    const out = {
      tags: [] as string[],
      handlers: [] as string[],
      hrefs: [] as string[],
    };
    const visit = (node: CdpNode) => {
      if (node.nodeType === 1 && node !== host) {
        out.tags.push(node.localName!);
        const attributes = node.attributes ?? [];
        for (let i = 0; i < attributes.length; i += 2) {
          const [attr, value] = [attributes[i]!, attributes[i + 1]!];
          if (/^on/i.test(attr)) out.handlers.push(`${node.localName}[${attr}]`);
          if (attr === 'href' || attr === 'src') out.hrefs.push(value);
        }
      }
      for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) visit(child);
    };
    visit(host);
    return out;
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
