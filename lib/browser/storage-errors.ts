/**
 * Storage failures the reader must hear about. A full quota is expected
 * (personal entries and suggestions grow), so it becomes a StorageFullError
 * whose message can be shown as it is; other errors pass through unchanged.
 */

/** What every context shows when a write did not fit. */
export const STORAGE_FULL_MESSAGE =
  'Browser storage is full, so your change was not saved. Delete some personal entries or suggestions you no longer need, then try again.';

export class StorageFullError extends Error {
  /** The storage key whose write failed. */
  readonly key: string;

  constructor(key: string, options?: { cause?: unknown }) {
    super(STORAGE_FULL_MESSAGE, options);
    this.name = 'StorageFullError';
    this.key = key;
  }
}

/**
 * Whether an error from `storage.*.set` means the quota is full: Chrome
 * rejects with "QUOTA_BYTES quota exceeded" (or QUOTA_BYTES_PER_ITEM; newer
 * Chromium says "Resource::kQuotaBytes quota exceeded"), Firefox with a
 * QuotaExceededError.
 */
export function isQuotaError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { name, message } = error as { name?: unknown; message?: unknown };
  if (name === 'QuotaExceededError') return true;
  return typeof message === 'string' && /QUOTA_BYTES|quota ?exceeded|exceeded its quota/i.test(message);
}

/** Runs a storage write; a full quota becomes a StorageFullError naming `key`. */
export async function writingTo<T>(key: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isQuotaError(error)) throw new StorageFullError(key, { cause: error });
    throw error;
  }
}
