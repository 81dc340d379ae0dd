/**
 * Personal entries at work: the reader's suggestions take effect at once,
 * on top of the bundled glossary.
 *
 * An edit or a new sense is stored as the whole entry under the bundled id,
 * so it replaces the bundled entry; a new term is added. The content script
 * compiles the result (`compileGlossary(applyPersonalEntries(index, own),
 * TOPIC_WORDS)`) and the card marks entries whose id is in `ownIds` as the
 * reader's own.
 */
import type { Entry } from './glossary-schema';
import type { Suggestion } from './suggestion-schema';

/** The bundled entries with the reader's own applied, bundled order first. */
export function applyPersonalEntries<T extends { id: string }>(bundled: readonly T[], own: readonly T[]): T[] {
  const byId = new Map(own.map((entry) => [entry.id, entry]));
  const out = bundled.map((entry) => byId.get(entry.id) ?? entry);
  const bundledIds = new Set(bundled.map((entry) => entry.id));
  for (const entry of own) if (!bundledIds.has(entry.id)) out.push(entry);
  return out;
}

/** The entries of the reader's suggestions. */
export function ownEntries(suggestions: readonly Suggestion[]): Entry[] {
  return suggestions.map((s) => s.entry);
}

/** Ids of entries that are the reader's own (new, edited or with an added sense). */
export function ownIds(suggestions: readonly Suggestion[]): Set<string> {
  return new Set(suggestions.map((s) => s.entry.id));
}
