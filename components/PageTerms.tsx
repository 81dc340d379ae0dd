/** "On this page": the glossary terms the content script found in the tab, with counts. */
import { useState } from 'preact/hooks';
import type { PageState } from '../lib/browser/page-terms';

/** Terms listed before "Show all": the popup stays short on a page full of jargon. */
export const FIRST_TERMS = 8;

export interface PageTermsProps {
  page: PageState;
  /** Highlighting is off for this page (paused, or the site switched off). */
  off: boolean;
  /** Scrolls the page to the term and flashes it. */
  onReveal: (id: string) => void;
  onOpen: (id: string) => void;
  /** A message about the last reveal, if it failed. */
  notice?: string;
}

export function PageTerms({ page, off, onReveal, onOpen, notice }: PageTermsProps) {
  return (
    <section aria-labelledby="pj-on-page" class="on-page">
      <h2 class="section" id="pj-on-page">
        On this page
      </h2>
      <PageTermsBody page={page} off={off} onReveal={onReveal} onOpen={onOpen} />
      <p role="status" class="muted notice">
        {notice ?? ''}
      </p>
    </section>
  );
}

function PageTermsBody({ page, off, onReveal, onOpen }: Omit<PageTermsProps, 'notice'>) {
  const [all, setAll] = useState(false);
  if (page.kind === 'loading') return <p class="muted">Looking for terms on this page…</p>;
  if (page.kind === 'unavailable') return <p class="muted">{page.reason}</p>;
  if (off) return <p class="muted">Highlighting is off here, so terms on this page are not listed.</p>;
  if (!page.terms.length) return <p class="muted">No glossary terms found on this page.</p>;
  const terms = all ? page.terms : page.terms.slice(0, FIRST_TERMS);
  return (
    <>
      <ul class="plain page-terms">
        {terms.map((term) => (
          <li key={term.id} class="page-term">
            <button type="button" class="row" onClick={() => onReveal(term.id)} title="Show it on the page">
              <span class="hw">{term.headword}</span>
              <span class="count">
                {term.count}
                <span class="sr-only">{term.count === 1 ? ' mention' : ' mentions'}, show the first</span>
              </span>
            </button>
            <button
              type="button"
              class="link define"
              onClick={() => onOpen(term.id)}
              aria-label={`Definition of ${term.headword}`}
            >
              Definition
            </button>
          </li>
        ))}
      </ul>
      {terms.length < page.terms.length ? (
        <button type="button" class="link more" onClick={() => setAll(true)}>
          Show all {page.terms.length} terms
        </button>
      ) : null}
    </>
  );
}
