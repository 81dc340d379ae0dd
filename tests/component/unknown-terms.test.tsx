// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIRST_UNKNOWN, UnknownTerms } from '../../components/UnknownTerms';
import type { PageUnknownTerm } from '../../lib/browser/unknown-terms';
import type { UnknownTermsState } from '../../lib/browser/unknown-terms';

afterEach(cleanup);

const QZRP: PageUnknownTerm = { text: 'QZRP', count: 2, sentence: 'The QZRP meets.', expansion: 'Quarterly Zonal Review Panel' };
const XYZ: PageUnknownTerm = { text: 'XYZ', count: 1, sentence: 'Ask XYZ.' };

describe('Unknown terms on this page', () => {
  it('lists each term with its count and the page’s expansion; Suggest passes the term on', () => {
    const onSuggest = vi.fn();
    render(<UnknownTerms state={{ kind: 'ready', terms: [QZRP, XYZ], pageUrl: 'https://x.org/' }} onSuggest={onSuggest} />);
    const section = screen.getByRole('region', { name: 'Unknown terms on this page' });

    fireEvent.click(within(section).getByRole('button', { name: 'Suggest a definition for QZRP' }));

    expect(within(section).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'QZRP Quarterly Zonal Review Panel2 mentionsSuggest',
      'XYZ1 mentionSuggest',
    ]);
    expect(onSuggest).toHaveBeenCalledWith(QZRP);
  });

  it('shows the first few, then all on "Show all"', () => {
    const terms = Array.from({ length: FIRST_UNKNOWN + 2 }, (_, i) => ({ ...XYZ, text: `X${String.fromCharCode(65 + i)}Z` }));
    render(<UnknownTerms state={{ kind: 'ready', terms, pageUrl: '' }} onSuggest={() => {}} />);

    const before = screen.getAllByRole('listitem').length;
    fireEvent.click(screen.getByRole('button', { name: `Show all ${terms.length} unknown terms` }));

    expect([before, screen.getAllByRole('listitem').length]).toEqual([FIRST_UNKNOWN, terms.length]);
  });

  it.each<[string, UnknownTermsState]>([
    ['loading', { kind: 'loading' }],
    ['switched off or unreadable', { kind: 'none' }],
    ['nothing unknown', { kind: 'ready', terms: [], pageUrl: '' }],
  ])('shows NOTHING when %s', (_, state) => {
    const { container } = render(<UnknownTerms state={state} onSuggest={() => {}} />);

    expect(container.textContent).toBe('');
  });
});
