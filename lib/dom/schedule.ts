/** Gives the main thread back to the page between slices of work. */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A slice of main-thread work stays well under the 50 ms of a long task. */
export const SLICE_MS = 8;
