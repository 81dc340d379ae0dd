/** Test helpers for code that several extension contexts run at once. */
import { vi } from 'vitest';

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
