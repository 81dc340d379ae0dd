/**
 * Firefox with the built extension, driven over WebDriver BiDi (no driver
 * binary, no extra package): Debian's firefox-esr, headless, in a fresh
 * profile, with the extension installed temporarily (webExtension.install).
 *
 * Every HTTP request Firefox makes, from any page, frame or extension
 * context, goes through a recording proxy, so tests can assert the
 * extension made none of its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './browser';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_BUILD = join(process.env.PJ_OUT_DIR ?? join(ROOT, '.output'), 'firefox-mv2');
/** The moz-extension:// host the installed extension gets: fixed through a preference, so tests can open its pages. */
export const EXTENSION_UUID = '7f3c1f7e-5b1a-4c38-9d2e-0a6b4e1c2d3f';

/** The address of one of the extension's pages, such as "/popup.html". */
export function extensionUrl(path: string): string {
  return `moz-extension://${EXTENSION_UUID}${path}`;
}

export interface FirefoxBrowser {
  /** The first tab. */
  page: FirefoxPage;
  /**
   * The tab whose address starts with `prefix`, once there is one: an
   * extension page the extension opened, for instance (WebDriver BiDi may
   * not navigate to moz-extension:// itself, but it may script such a tab).
   */
  waitForPage(prefix: string, timeout?: number): Promise<FirefoxPage>;
  /** Every URL Firefox asked the proxy for, in order. */
  requests: string[];
  /** Console messages from every realm: pages and the extension. */
  logs: { level: string; text: string; source: string }[];
  close(): Promise<void>;
}

export interface FirefoxPage {
  goto(url: string): Promise<void>;
  /** Runs `fn(arg)` in the page and returns its (JSON-like) result. */
  evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  mouseMove(x: number, y: number): Promise<void>;
  /** A click of the main mouse button at (x, y), in CSS pixels of the viewport. */
  click(x: number, y: number): Promise<void>;
  waitFor(fn: () => boolean, timeout?: number): Promise<void>;
}

/** Whether this machine can run the Firefox tests (firefox-esr installed, a Firefox build present). */
export function canRunFirefox(): boolean {
  return existsSync(FIREFOX) && existsSync(join(FIREFOX_BUILD, 'manifest.json'));
}

/** Firefox with the extension in `extensionDir` installed; with null, the same Firefox without it (a baseline). */
export async function launchFirefoxWithExtension(extensionDir: string | null = FIREFOX_BUILD): Promise<FirefoxBrowser> {
  const requests: string[] = [];
  const proxy = await startProxy(requests);
  const profile = mkdtempSync(join(tmpdir(), 'pj-firefox-'));
  writeFileSync(join(profile, 'user.js'), firefoxPrefs(proxy.port, extensionDir ? addonId(extensionDir) : undefined));
  const firefox = spawn(FIREFOX, ['--headless', '--remote-debugging-port', '0', '--profile', profile, '--no-remote'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let close: () => Promise<void> = async () => {
    firefox.kill();
    await proxy.close();
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    const port = await bidiPort(firefox);
    const bidi = await Bidi.connect(`ws://127.0.0.1:${port}/session`);
    await bidi.send('session.new', { capabilities: {} });
    const logs: FirefoxBrowser['logs'] = [];
    bidi.on('log.entryAdded', (p) => {
      const params = p as {
        level: string;
        text: string | null;
        source?: { realm?: string };
        stackTrace?: { callFrames?: { url: string }[] };
      };
      logs.push({
        level: params.level,
        text: params.text ?? '',
        source: params.stackTrace?.callFrames?.[0]?.url ?? '',
      });
    });
    await bidi.send('session.subscribe', { events: ['log.entryAdded'] });
    if (extensionDir) await bidi.send('webExtension.install', { extensionData: { type: 'path', path: extensionDir } });
    const { contexts } = (await bidi.send('browsingContext.getTree', {})) as { contexts: { context: string }[] };
    const context = contexts[0]!.context;
    const previousClose = close;
    close = async () => {
      await bidi.send('browser.close', {}).catch(() => undefined);
      bidi.close();
      await new Promise((resolve) => (firefox.exitCode === null ? firefox.once('exit', resolve) : resolve(undefined)));
      await previousClose();
    };
    const waitForPage = async (prefix: string, timeout = 5000) => {
      for (const deadline = Date.now() + timeout; ; await new Promise((resolve) => setTimeout(resolve, 100))) {
        const tree = (await bidi.send('browsingContext.getTree', {})) as {
          contexts: { context: string; url: string }[];
        };
        const found = tree.contexts.find((c) => c.url.startsWith(prefix));
        if (found) return pageOf(bidi, found.context);
        if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for a tab at ${prefix}`);
      }
    };
    return { page: pageOf(bidi, context), waitForPage, requests, logs, close: () => close() };
  } catch (error) {
    await close();
    throw error;
  }
}

// --- Implementation helpers ---

function pageOf(bidi: Bidi, context: string): FirefoxPage {
  const evaluate = async <T, A>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T> => {
    // Arguments and results cross as JSON text: enough for what the tests pass and read.
    const reply = (await bidi.send('script.callFunction', {
      functionDeclaration: `async (json) => JSON.stringify(await (${fn.toString()})(JSON.parse(json)) ?? null)`,
      arguments: [{ type: 'string', value: JSON.stringify(arg ?? null) }],
      target: { context },
      awaitPromise: true,
    })) as { type: 'success' | 'exception'; result?: { value: string }; exceptionDetails?: { text: string } };
    if (reply.type === 'exception') throw new Error(`In the page: ${reply.exceptionDetails?.text}`);
    return JSON.parse(reply.result!.value) as T;
  };
  /** One mouse's actions, in order. */
  const pointer = (actions: Record<string, unknown>[]) =>
    bidi.send('input.performActions', {
      context,
      actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions }],
    });
  return {
    async goto(url) {
      await bidi.send('browsingContext.navigate', { context, url, wait: 'complete' });
    },
    evaluate,
    async mouseMove(x, y) {
      await pointer([{ type: 'pointerMove', x: Math.round(x), y: Math.round(y) }]);
    },
    async click(x, y) {
      await pointer([
        { type: 'pointerMove', x: Math.round(x), y: Math.round(y) },
        { type: 'pointerDown', button: 0 },
        { type: 'pointerUp', button: 0 },
      ]);
    },
    async waitFor(fn, timeout = 5000) {
      const deadline = Date.now() + timeout;
      while (!(await evaluate(fn))) {
        if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${fn.toString()}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}

/** A minimal WebDriver BiDi client: commands with ids, and events. */
class Bidi {
  readonly #socket: WebSocket;
  readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; method: string }>();
  readonly #listeners = new Map<string, ((params: unknown) => void)[]>();
  #next = 0;

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.addEventListener('message', (event) => this.#onMessage(String(event.data)));
  }

  static async connect(url: string): Promise<Bidi> {
    const Socket =
      (globalThis as { WebSocket?: typeof WebSocket }).WebSocket ??
      ((await import('ws')) as unknown as { default: typeof WebSocket }).default;
    const socket = new Socket(url);
    await new Promise((resolve, reject) => {
      socket.addEventListener('open', resolve);
      socket.addEventListener('error', () => reject(new Error(`Could not connect to ${url}`)));
    });
    return new Bidi(socket);
  }

  send(method: string, params: object): Promise<unknown> {
    const id = ++this.#next;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, method });
      this.#socket.send(JSON.stringify({ id, method, params }));
    });
  }

  on(event: string, listener: (params: unknown) => void): void {
    this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), listener]);
  }

  close(): void {
    this.#socket.close();
  }

  #onMessage(text: string): void {
    const message = JSON.parse(text) as {
      id?: number;
      type: string;
      method?: string;
      params?: unknown;
      result?: unknown;
      error?: string;
      message?: string;
    };
    if (message.type === 'event') {
      for (const listener of this.#listeners.get(message.method!) ?? []) listener(message.params);
      return;
    }
    const waiting = message.id === undefined ? undefined : this.#pending.get(message.id);
    if (!waiting) return;
    this.#pending.delete(message.id!);
    if (message.type === 'error') waiting.reject(new Error(`${waiting.method}: ${message.error}: ${message.message}`));
    else waiting.resolve(message.result);
  }
}

function bidiPort(firefox: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(
      () => reject(new Error(`Firefox did not start its WebDriver BiDi server:\n${log}`)),
      30_000,
    );
    firefox.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const match = /WebDriver BiDi listening on ws:\/\/127\.0\.0\.1:(\d+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    firefox.once('exit', (code) => reject(new Error(`Firefox exited (${code}) before it was ready:\n${log}`)));
  });
}

/**
 * Sends every request through our proxy, loopback included, and keeps
 * Firefox's own background services quiet, so the proxy sees only the
 * pages' requests and, were there any, the extension's.
 */
function firefoxPrefs(proxyPort: number, extensionId: string | undefined): string {
  const prefs: Record<string, string | number | boolean> = {
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.http.speculative-parallel-limit': 0,
    'browser.safebrowsing.update.enabled': false,
    'browser.safebrowsing.downloads.remote.enabled': false,
    'extensions.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'app.update.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.enabled': false,
    'network.connectivity-service.enabled': false,
    'network.captive-portal-service.enabled': false,
    'browser.region.network.url': '',
    'extensions.blocklist.enabled': false,
    'security.remote_settings.crlite_filters.enabled': false,
    'security.remote_settings.intermediates.enabled': false,
    'browser.topsites.contile.enabled': false,
    'network.trr.mode': 5,
    // Firefox keeps each add-on's moz-extension:// host here, and gives an add-on the one listed for it.
    ...(extensionId ? { 'extensions.webextensions.uuids': JSON.stringify({ [extensionId]: EXTENSION_UUID }) } : {}),
    // Release builds ignore a changed services.settings.server, so Remote Settings still calls
    // firefox.settings.services.mozilla.com: tests compare with a Firefox without the extension.
  };
  return Object.entries(prefs)
    .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`)
    .join('\n');
}

/** The add-on id in a built extension's manifest. */
function addonId(extensionDir: string): string {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${extensionDir}/manifest.json: expected browser_specific_settings.gecko.id`);
  return id;
}

/** An HTTP proxy that records every request and passes on only those to loopback addresses. */
async function startProxy(requests: string[]): Promise<{ port: number; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '';
    requests.push(url);
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (target.hostname !== '127.0.0.1' && target.hostname !== 'localhost') {
      res.writeHead(403).end('no network in tests');
      return;
    }
    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port: target.port,
        path: target.pathname + target.search,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req, socket) => {
    requests.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
