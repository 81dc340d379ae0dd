/** Test helpers for code that several extension contexts run at once. */
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/**
 * Two separate copies of a module, as two extension pages each load their own.
 * `load` must call `import()` itself, so that Vite resolves the path.
 */
export async function twoContexts<M>(load: () => Promise<M>): Promise<[M, M]> {
  vi.resetModules();
  const a = await load();
  vi.resetModules();
  const b = await load();
  return [a, b];
}

/**
 * Browsers give every extension page and the background one shared Web Locks
 * manager (navigator.locks); Node 20 has none, so this provides a minimal
 * exclusive one with the same contract: callbacks for one name run one at a
 * time, in order. `vi.unstubAllGlobals()` removes it.
 */
export function installLockManager(): void {
  const queues = new Map<string, Promise<unknown>>();
  const locks = {
    request<T>(name: string, callback: () => Promise<T>): Promise<T> {
      const previous = queues.get(name) ?? Promise.resolve();
      const result = previous.then(callback, callback);
      queues.set(name, result.catch(() => undefined));
      return result;
    },
  };
  vi.stubGlobal('navigator', { ...(globalThis.navigator ?? {}), locks });
  // Only extension pages use it: in a content script the lock manager is the page's.
  vi.stubGlobal('location', { protocol: 'chrome-extension:' });
}

/**
 * Starts the background (entrypoints/background.ts) on WXT's fake browser,
 * and routes `runtime.sendMessage` to it as from our own content script:
 * the fake sends with no sender id, which the background would refuse.
 * Returns the function that undoes the stand-ins the fake lacks.
 */
export async function startBackground(): Promise<() => void> {
  const fake = fakeBrowser as unknown as Record<string, unknown>;
  const real = { commands: fake.commands, contextMenus: fake.contextMenus };
  // The fake browser lacks these; the background only registers a menu item and listeners on them.
  const event = { addListener: () => undefined, removeListener: () => undefined, hasListener: () => false };
  fake.commands = { ...(real.commands as object), onCommand: event };
  fake.contextMenus = {
    create: () => 1,
    update: async () => undefined,
    remove: async () => undefined,
    removeAll: async () => undefined,
    onClicked: event,
    onShown: event,
  };
  const { default: background } = await import('../../entrypoints/background');
  background.main();
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
    const answers = await fakeBrowser.runtime.onMessage.trigger(message, { id: fakeBrowser.runtime.id, url: 'https://example.org/' });
    return answers.find((answer: unknown) => answer !== undefined);
  });
  return () => Object.assign(fake, real);
}
