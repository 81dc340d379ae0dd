/**
 * Real-browser test helpers: Chromium with the built extension loaded, and a
 * loopback server for fixture pages.
 */
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Frame, type Page } from 'playwright-core';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CHROME_BUILD = join(process.env.PJ_OUT_DIR ?? join(ROOT, '.output'), 'chrome-mv3');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** Every request the browser made, by URL, so tests can assert the extension made none. */
  requests: string[];
  close(): Promise<void>;
}

export async function launchWithExtension(extensionDir = CHROME_BUILD): Promise<ExtensionBrowser> {
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: run "npm run build" first.`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'pj-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1200, height: 900 },
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker', { timeout: 15_000 });
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    requests,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      // Every browser test run is also a check that nothing reached beyond the loopback fixture servers.
      const foreign = foreignRequests(requests, extensionId);
      if (foreign.length) throw new Error(`Requests left the machine during the test: ${foreign.join(', ')}`);
    },
  };
}

/** Requests to anywhere but loopback fixture servers and the extension's own files. */
export function foreignRequests(requests: readonly string[], extensionId: string): string[] {
  return requests.filter(
    (url) =>
      !/^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(url) &&
      !url.startsWith(`chrome-extension://${extensionId}/`) &&
      !/^(data|about|blob):/.test(url),
  );
}

export interface FixtureServer {
  url: (path: string) => string;
  port: number;
  close(): Promise<void>;
}

/** Serves `pages` (path → HTML, or script, style and so on by extension) on 127.0.0.1 at a free port. */
export async function serve(pages: Record<string, string>): Promise<FixtureServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const body = pages[path];
    if (body === undefined) {
      res.writeHead(404).end('not found');
      return;
    }
    res
      .writeHead(200, {
        'content-type': CONTENT_TYPES[extname(path)] ?? CONTENT_TYPES['.html']!,
      })
      .end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The text of every range in the probation-jargon highlight, in document order. */
export function highlightTexts(page: Page | Frame): Promise<string[]> {
  return page.evaluate(() => {
    const highlight = CSS.highlights.get('probation-jargon');
    if (!highlight) return [];
    const ranges = [...highlight] as AbstractRange[];
    const live = ranges.map((r) => {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      return range;
    });
    live.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
    return live.map((r) => r.toString());
  });
}

/** Waits until the highlight holds at least `min` ranges and has stopped growing. */
export async function waitForHighlights(page: Page | Frame, min = 1, timeout = 10_000): Promise<number> {
  const deadline = Date.now() + timeout;
  let last = -1;
  for (;;) {
    const size = await page.evaluate(() => CSS.highlights.get('probation-jargon')?.size ?? 0);
    if (size >= min && size === last) return size;
    if (Date.now() > deadline)
      throw new Error(`Expected at least ${min} highlights; found ${size} after ${timeout} ms`);
    last = size;
    await page.waitForTimeout(150);
  }
}

/** The centre of the first highlighted range whose text is `text`. */
export async function pointOfTerm(page: Page, text: string): Promise<{ x: number; y: number }> {
  const point = await page.evaluate((wanted) => {
    for (const r of CSS.highlights.get('probation-jargon') ?? []) {
      const range = document.createRange();
      range.setStart((r as AbstractRange).startContainer, (r as AbstractRange).startOffset);
      range.setEnd((r as AbstractRange).endContainer, (r as AbstractRange).endOffset);
      if (range.toString() !== wanted) continue;
      range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
      const rect = range.getClientRects()[0]!;
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }
    return null;
  }, text);
  if (!point) throw new Error(`No highlighted "${text}" on the page`);
  return point;
}

/**
 * The text inside the card's closed shadow root, read through the DevTools
 * protocol (page scripts, by design, cannot reach it). Empty when no card.
 */
export async function cardText(page: Page): Promise<string> {
  return withPiercedDocument(page, (root) => {
    const host = findCdpNode(root, isCardHost);
    return host ? collectText(host).replace(/\s+/g, ' ').trim() : '';
  });
}

/** Whether the card's shadow root is closed, as the DevTools protocol reports it. */
export async function cardShadowMode(page: Page): Promise<string | undefined> {
  return withPiercedDocument(page, (root) => findCdpNode(root, isCardHost)?.shadowRoots?.[0]?.shadowRootType);
}

/**
 * Runs `read` on the page's whole DOM as the DevTools protocol reports it,
 * closed shadow roots included, with the session open for node-id calls.
 */
export async function withPiercedDocument<T>(
  page: Page,
  read: (root: CdpNode, cdp: CDPSession) => T | Promise<T>,
): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    return await read(root, cdp);
  } finally {
    await cdp.detach();
  }
}

export const isCardHost = (node: CdpNode): boolean => node.localName === 'probation-jargon-card';

/** An HTML page of paragraphs, with a MutationObserver the page installs before any extension runs. */
export function corpusPage(title: string, text: string): string {
  const paragraphs = text
    .split(/\n\s*\n|\n/)
    .filter((p) => p.trim())
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n');
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<script>
  window.__mutations = [];
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      window.__mutations.push({ type: r.type, target: r.target.nodeName,
        added: [...r.addedNodes].map((n) => n.nodeName), removed: [...r.removedNodes].map((n) => n.nodeName) });
    }
  });
  observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  // The parser's own insertions are not changes; the extension runs after this point.
  document.addEventListener('DOMContentLoaded', () => { observer.takeRecords(); window.__mutations = []; });
</script></head><body><main>${paragraphs}</main></body></html>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// --- Implementation helpers ---

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/** A node of the DevTools protocol's DOM.getDocument({ pierce: true }), closed shadow roots included. */
export interface CdpNode {
  nodeId: number;
  nodeType: number;
  localName?: string;
  nodeValue?: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: (CdpNode & { shadowRootType?: string })[];
}

/** The first node, depth first through shadow roots and children, that passes `test`. */
export function findCdpNode(node: CdpNode, test: (n: CdpNode) => boolean): CdpNode | undefined {
  if (test(node)) return node;
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) {
    const hit = findCdpNode(child, test);
    if (hit) return hit;
  }
  return undefined;
}

function collectText(node: CdpNode): string {
  if (node.nodeType === 3) return node.nodeValue ?? '';
  if (node.localName === 'style') return '';
  return [...(node.shadowRoots ?? []), ...(node.children ?? [])].map(collectText).join(' ');
}
