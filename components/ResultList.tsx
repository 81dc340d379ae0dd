/** Search results as a listbox: the search box keeps focus and points at the highlighted option. */
import { useEffect } from 'preact/hooks';
import type { Entry } from '../lib/core/glossary-schema';
import type { SearchResult } from '../lib/core/search';
import { EntrySummary } from './EntrySummary';

export interface ResultListProps {
  id: string;
  /** The query these are the results for (it names the list). */
  query: string;
  results: readonly SearchResult<Entry>[];
  selected: number;
  onOpen: (entry: Entry) => void;
  onSelect: (index: number) => void;
  ownIds?: ReadonlySet<string>;
}

/** The DOM id of result `index` in the list `listId`. */
export const optionId = (listId: string, index: number) => `${listId}-${index}`;

export function ResultList({ id, query, results, selected, onOpen, onSelect, ownIds }: ResultListProps) {
  useEffect(() => {
    // Keep the highlighted option in view as the arrow keys move it.
    document.getElementById(optionId(id, selected))?.scrollIntoView?.({ block: 'nearest' });
  }, [id, selected]);

  return (
    <ul id={id} role="listbox" aria-label={`Results for ${query.trim()}`} class="plain results">
      {results.map((result, i) => (
        <li
          key={result.entry.id}
          id={optionId(id, i)}
          role="option"
          aria-selected={i === selected}
          class="row"
          onClick={() => onOpen(result.entry)}
          onPointerMove={() => i !== selected && onSelect(i)}
        >
          <EntrySummary entry={result.entry} own={ownIds?.has(result.entry.id)} />
        </li>
      ))}
    </ul>
  );
}
