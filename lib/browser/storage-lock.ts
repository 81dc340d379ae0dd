/**
 * Serialises read-modify-write cycles on one storage key, so that two
 * contexts changing it at once (the popup and the options page, two
 * windows) both keep their change.
 *
 * Extension pages and the background share one Web Locks manager
 * (navigator.locks, same origin), so a lock there holds across them. Content
 * scripts would see the page's lock manager instead, where the page could
 * list our lock names (navigator.locks.query) or hold them for ever; so they
 * never use it, and should ask the background to write rather than write
 * themselves. Elsewhere a queue in this context still orders its own writes.
 */

const queues = new Map<string, Promise<unknown>>();

/** Runs `task` while holding the lock named `name`; tasks for one name run one at a time, in order. */
export function withStorageLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  const { navigator, location } = globalThis as { navigator?: { locks?: LockManagerLike }; location?: { protocol?: string } };
  const isExtensionOrigin = /^(chrome|moz|safari-web)-extension:$/.test(location?.protocol ?? '');
  if (isExtensionOrigin && navigator?.locks?.request) return navigator.locks.request(`probation-jargon:${name}`, task);
  const previous = queues.get(name) ?? Promise.resolve();
  const result = previous.then(task, task);
  queues.set(name, result.catch(() => undefined));
  return result;
}

interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}
