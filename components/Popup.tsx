/**
 * The toolbar popup, from plain props (the container, PopupApp, wires it to
 * the browser): search with keyboard selection, entry pages with a history,
 * what is on the current page, the switches, and browsing.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PageUnknownTerm } from '../lib/browser/unknown-terms';
import type { PageState } from '../lib/browser/page-terms';
import type { UnknownTermsState } from '../lib/browser/unknown-terms';
import type { Entry } from '../lib/core/glossary-schema';
import type { GlossarySearch } from '../lib/core/search';
import { isActiveOn, type Settings } from '../lib/core/settings';
import { Browse } from './Browse';
import { EntryPage } from './EntryPage';
import { PageTerms } from './PageTerms';
import { optionId, ResultList } from './ResultList';
import { SearchBox } from './SearchBox';
import { SiteSwitches } from './SiteSwitches';
import { UnknownTerms } from './UnknownTerms';

export interface PopupProps {
  search: GlossarySearch<Entry>;
  /** Every entry, bundled and personal, for browsing and related links. */
  entries: readonly Entry[];
  page: PageState;
  /** Undefined while the settings load. */
  settings?: Settings;
  onSiteEnabled: (host: string, on: boolean) => void;
  onPaused: (paused: boolean) => void;
  /** Scrolls the page to a term and flashes it; resolves to whether it was found. */
  onReveal: (id: string) => Promise<boolean>;
  suggestEditUrl: (id: string) => string;
  suggestTermUrl: (term: string) => string;
  optionsUrl: string;
  ownIds?: ReadonlySet<string>;
  /** Acronym-like tokens on the page that the glossary lacks. */
  unknown?: UnknownTermsState;
  /** Opens the suggestion form for one of them, prefilled. */
  onSuggestUnknown?: (term: PageUnknownTerm) => void;
}

const LIST_ID = 'pj-results';

export function Popup(props: PopupProps) {
  const { search, entries, page, settings, ownIds } = props;
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);
  /** Entry ids opened, most recent last; empty shows the search. */
  const [trail, setTrail] = useState<string[]>([]);
  const [notice, setNotice] = useState<string>();
  const input = useRef<HTMLInputElement>(null);

  const byId = useMemo(() => new Map(entries.map((entry) => [entry.id, entry])), [entries]);
  const results = useMemo(() => search.search(query), [search, query]);
  const current = trail.length ? byId.get(trail[trail.length - 1]!) : undefined;
  // The popup opens ready to type.
  useEffect(() => input.current?.focus(), []);

  const open = (entry: Entry) => setTrail((t) => [...t, entry.id]);
  const back = () => {
    setTrail((t) => t.slice(0, -1));
    // Back on the search, focus returns to the box (after it renders again).
    if (trail.length === 1) setTimeout(() => input.current?.focus(), 0);
  };
  const onQuery = (q: string) => {
    setQuery(q);
    setSelected(0);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!results.length) return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setSelected((s) => (s + step + results.length) % results.length);
    } else if (event.key === 'Enter') {
      const result = results[selected];
      if (!result) return;
      event.preventDefault();
      open(result.entry);
    } else if (event.key === 'Escape' && query) {
      // Clears the box; a second Escape, on an empty box, closes the popup as usual.
      event.preventDefault();
      event.stopPropagation();
      onQuery('');
    }
  };
  const reveal = async (id: string) => {
    setNotice(undefined);
    const found = await props.onReveal(id);
    if (!found) setNotice('That term is no longer on the page.');
  };

  if (current) {
    const previous = trail.length > 1 ? byId.get(trail[trail.length - 2]!) : undefined;
    return (
      <main class="popup">
        <EntryPage
          entry={current}
          byId={byId}
          onOpen={open}
          onBack={back}
          backTo={previous ? previous.headword : query ? 'results' : 'the glossary'}
          suggestEditUrl={props.suggestEditUrl(current.id)}
          own={ownIds?.has(current.id)}
        />
      </main>
    );
  }

  const host = page.kind === 'ready' ? page.host || undefined : page.kind === 'unavailable' ? page.host : undefined;
  return (
    <main class="popup">
      <h1 class="sr-only">Probation Jargon</h1>
      <SearchBox
        query={query}
        onQuery={onQuery}
        onKeyDown={onKeyDown}
        listId={LIST_ID}
        activeId={results.length ? optionId(LIST_ID, selected) : undefined}
        expanded={results.length > 0}
        inputRef={input}
      />
      <p role="status" class="sr-only">
        {query.trim() ? `${results.length} ${results.length === 1 ? 'result' : 'results'}` : ''}
      </p>
      {query.trim() ? (
        results.length ? (
          <ResultList id={LIST_ID} query={query} results={results} selected={selected} onOpen={open} onSelect={setSelected} ownIds={ownIds} />
        ) : (
          <div class="empty">
            <p>No entries match “{query.trim()}”.</p>
            <p>
              <a href={props.suggestTermUrl(query.trim())} target="_blank" rel="noopener">
                Suggest “{query.trim()}” as a new term
              </a>
            </p>
          </div>
        )
      ) : (
        <>
          {settings ? (
            <SiteSwitches settings={settings} host={host} onSiteEnabled={props.onSiteEnabled} onPaused={props.onPaused} />
          ) : null}
          <PageTerms
            page={page}
            off={!!settings && page.kind === 'ready' && !isActiveOn(settings, page.host)}
            onReveal={(id) => void reveal(id)}
            onOpen={(id) => {
              const entry = byId.get(id);
              if (entry) open(entry);
            }}
            notice={notice}
          />
          {props.unknown && props.onSuggestUnknown ? <UnknownTerms state={props.unknown} onSuggest={props.onSuggestUnknown} /> : null}
          <Browse entries={entries} onOpen={open} ownIds={ownIds} />
        </>
      )}
      <footer class="popup-footer">
        <a href={props.optionsUrl} target="_blank" rel="noopener">
          Settings
        </a>
      </footer>
    </main>
  );
}
