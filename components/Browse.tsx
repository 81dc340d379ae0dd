/** With an empty search box: the glossary A–Z, or by category. */
import { useMemo, useState } from 'preact/hooks';
import { CATEGORIES, type Category, type Entry } from '../lib/core/glossary-schema';
import { normalise } from '../lib/core/search';
import { EntrySummary } from './EntrySummary';

export interface BrowseProps {
  entries: readonly Entry[];
  onOpen: (entry: Entry) => void;
  ownIds?: ReadonlySet<string>;
}

type Mode = 'letters' | 'categories';

export function Browse({ entries, onOpen, ownIds }: BrowseProps) {
  const [mode, setMode] = useState<Mode>('letters');
  const [letter, setLetter] = useState<string>();
  const [category, setCategory] = useState<Category>();
  const sorted = useMemo(() => [...entries].sort(byHeadword), [entries]);
  const letters = useMemo(() => groupBy(sorted, (e) => letterOf(e.headword)), [sorted]);
  const categories = useMemo(() => groupBy(sorted, (e) => e.category), [sorted]);
  const shown = mode === 'letters' ? (letter ? letters.get(letter) : undefined) : category ? categories.get(category) : undefined;

  return (
    <section aria-labelledby="pj-browse" class="browse">
      <h2 class="section" id="pj-browse">
        Browse
      </h2>
      <div class="modes" role="group" aria-label="Browse by">
        <button type="button" class="pill" aria-pressed={mode === 'letters'} onClick={() => setMode('letters')}>
          A–Z
        </button>
        <button type="button" class="pill" aria-pressed={mode === 'categories'} onClick={() => setMode('categories')}>
          By category
        </button>
      </div>
      {mode === 'letters' ? (
        <ul class="plain letters" aria-label="Letters">
          {[...letters.keys()].map((l) => (
            <li key={l}>
              <button type="button" class="pill" aria-pressed={l === letter} onClick={() => setLetter(l === letter ? undefined : l)}>
                {l}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <ul class="plain categories" aria-label="Categories">
          {(Object.keys(CATEGORIES) as Category[])
            .filter((c) => categories.has(c))
            .map((c) => (
              <li key={c}>
                <button type="button" class="pill" aria-pressed={c === category} onClick={() => setCategory(c === category ? undefined : c)}>
                  {CATEGORIES[c]} <span class="muted">{categories.get(c)!.length}</span>
                </button>
              </li>
            ))}
        </ul>
      )}
      {shown ? (
        <ul class="plain browse-list" aria-label={mode === 'letters' ? `Entries under ${letter}` : CATEGORIES[category!]}>
          {shown.map((entry) => (
            <li key={entry.id}>
              <button type="button" class="row" onClick={() => onOpen(entry)}>
                <EntrySummary entry={entry} own={ownIds?.has(entry.id)} />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

// --- Implementation helpers ---

function byHeadword(a: Entry, b: Entry): number {
  return normalise(a.headword).localeCompare(normalise(b.headword), 'en-GB') || a.headword.localeCompare(b.headword);
}

/** "A"…"Z", or "0–9" for headwords that start with a digit or anything else. */
function letterOf(headword: string): string {
  const first = normalise(headword).charAt(0).toUpperCase();
  return first >= 'A' && first <= 'Z' ? first : '0–9';
}

function groupBy<K>(entries: readonly Entry[], key: (entry: Entry) => K): Map<K, Entry[]> {
  const groups = new Map<K, Entry[]>();
  for (const entry of entries) {
    const k = key(entry);
    const list = groups.get(k);
    if (list) list.push(entry);
    else groups.set(k, [entry]);
  }
  return groups;
}
