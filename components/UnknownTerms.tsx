/**
 * "Unknown terms on this page": acronym-like tokens on the page that the
 * glossary lacks, with counts, each with a "Suggest" action that opens the
 * suggestion form prefilled (the page's own expansion too, when it gives one).
 */
import { useState } from 'preact/hooks';
import type { PageUnknownTerm } from '../lib/browser/unknown-terms';
import type { UnknownTermsState } from '../lib/browser/unknown-terms';

/** Terms listed before "Show all". */
export const FIRST_UNKNOWN = 5;

export interface UnknownTermsProps {
  state: UnknownTermsState;
  onSuggest: (term: PageUnknownTerm) => void;
}

export function UnknownTerms({ state, onSuggest }: UnknownTermsProps) {
  const [all, setAll] = useState(false);
  if (state.kind !== 'ready' || !state.terms.length) return null;
  const terms = all ? state.terms : state.terms.slice(0, FIRST_UNKNOWN);
  return (
    <section aria-labelledby="pj-unknown" class="unknown-terms">
      <h2 class="section" id="pj-unknown">
        Unknown terms on this page
      </h2>
      <p class="muted hint">Abbreviations here that the glossary does not have yet.</p>
      <ul class="plain">
        {terms.map((term) => (
          <li key={term.text} class="unknown-term">
            <span class="term">
              <span class="hw">{term.text}</span>
              {term.expansion ? <span class="muted"> {term.expansion}</span> : null}
            </span>
            <span class="count">
              {term.count}
              <span class="sr-only">{term.count === 1 ? ' mention' : ' mentions'}</span>
            </span>
            <button type="button" class="link define" onClick={() => onSuggest(term)} aria-label={`Suggest a definition for ${term.text}`}>
              Suggest
            </button>
          </li>
        ))}
      </ul>
      {terms.length < state.terms.length ? (
        <button type="button" class="link more" onClick={() => setAll(true)}>
          Show all {state.terms.length} unknown terms
        </button>
      ) : null}
    </section>
  );
}
