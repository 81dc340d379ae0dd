/**
 * A glossary entry in full, in the popup: every sense with its sources,
 * status, other spellings, related entries (which open in place, with
 * Back), and a link to suggest an edit.
 */
import { Fragment } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { CATEGORIES, type Entry } from '../lib/core/glossary-schema';
import { isHttps, sourceLabel, statusLabel } from '../lib/core/format';
import { normalise } from '../lib/core/search';

export interface EntryPageProps {
  entry: Entry;
  /** Looks up related entries; unknown ids are left out. */
  byId: ReadonlyMap<string, Entry>;
  onOpen: (entry: Entry) => void;
  onBack: () => void;
  /** What Back returns to, for its label: "results", or a headword. */
  backTo: string;
  /** Where "Suggest an edit" leads. */
  suggestEditUrl: string;
  own?: boolean;
}

export function EntryPage({ entry, byId, onOpen, onBack, backTo, suggestEditUrl, own }: EntryPageProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  // A new entry moves focus to its heading, so a screen reader announces it and Tab starts from the top.
  useLayoutEffect(() => heading.current?.focus(), [entry.id]);

  // Other spellings, less those the page already shows (the headword, an expansion).
  const shown = new Set([entry.headword, ...entry.senses.map((s) => s.expansion)].map(normalise));
  const variants = entry.variants.map((v) => (typeof v === 'string' ? v : v.text)).filter((v) => !shown.has(normalise(v)));
  const related = entry.related.map((id) => byId.get(id)).filter((e): e is Entry => !!e);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' || (event.altKey && event.key === 'ArrowLeft')) {
      event.preventDefault();
      event.stopPropagation();
      onBack();
    }
  };

  return (
    <article class="entry" aria-labelledby="pj-entry-title" onKeyDown={onKeyDown} lang="en-GB">
      <button type="button" class="link back" onClick={onBack}>
        ← Back to {backTo}
      </button>
      <h1 id="pj-entry-title" ref={heading} tabIndex={-1}>
        {entry.headword}
      </h1>
      <p class="meta">
        <span class="chip">{CATEGORIES[entry.category] ?? entry.category}</span>{' '}
        <span class={entry.status === 'historic' ? 'chip historic' : 'chip'}>{statusLabel(entry)}</span>
        {own ? (
          <>
            {' '}
            <span class="chip own">Your own entry</span>
          </>
        ) : null}
      </p>
      {variants.length ? <p class="muted">Also written: {variants.join(', ')}</p> : null}

      {entry.senses.length > 1 ? <h2 class="section">{entry.senses.length} meanings</h2> : null}
      <ol class={entry.senses.length > 1 ? 'senses' : 'senses single'}>
        {entry.senses.map((sense, i) => (
          <li key={i}>
            <p class="expansion">{sense.expansion}</p>
            {sense.domain === 'other' ? <p class="muted">Outside probation and criminal justice</p> : null}
            <p>{sense.definition}</p>
            <p class="sources">
              {sense.sources.length === 1 ? 'Source: ' : 'Sources: '}
              {sense.sources.filter(isHttps).map((url, j) => (
                <Fragment key={url}>
                  {j ? ', ' : null}
                  <a href={url} target="_blank" rel="noopener noreferrer">
                    {sourceLabel(url)}
                  </a>
                </Fragment>
              ))}
            </p>
          </li>
        ))}
      </ol>

      {related.length ? (
        <section aria-labelledby="pj-related">
          <h2 class="section" id="pj-related">
            Related
          </h2>
          <ul class="plain related">
            {related.map((other) => (
              <li key={other.id}>
                <button type="button" class="pill" onClick={() => onOpen(other)}>
                  {other.headword}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <p class="actions">
        <a href={suggestEditUrl} target="_blank" rel="noopener">
          Suggest an edit
        </a>
      </p>
    </article>
  );
}
