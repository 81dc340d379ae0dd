// @vitest-environment happy-dom
import entries from 'virtual:glossary';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Popup, type PopupProps } from '../../components/Popup';
import type { PageState } from '../../lib/browser/page-terms';
import { createSearch } from '../../lib/core/search';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/core/settings';

const search = createSearch(entries);

afterEach(cleanup);

describe('popup search', () => {
  it('shows results as the reader types, best first', () => {
    renderPopup();

    type('oasis');

    expect(optionTexts()[0]).toMatch(/^OASys/);
    expect(searchBox().getAttribute('aria-activedescendant')).toBe(options()[0]!.id);
    expect(screen.getByRole('status', { name: '' }).textContent).toMatch(/^\d+ results?$/);
  });

  it('moves the selection with the arrow keys, wrapping at both ends', () => {
    renderPopup();
    type('risk of serious');
    const count = options().length;

    key('ArrowDown');
    expect(selectedIndex()).toBe(1);
    key('ArrowUp');
    key('ArrowUp');
    expect(selectedIndex()).toBe(count - 1);
    key('ArrowDown');
    expect(selectedIndex()).toBe(0);
    expect(searchBox().getAttribute('aria-activedescendant')).toBe(options()[0]!.id);
  });

  it('opens the selected result with Enter', () => {
    renderPopup();
    type('risk of serious');
    key('ArrowDown');
    const second = optionTexts()[1]!;

    key('Enter');

    expect(second.startsWith(heading().textContent!)).toBe(true);
    expect(document.activeElement).toBe(heading());
  });

  it('clears the box with Escape, back to browsing', () => {
    renderPopup();
    type('visor');

    key('Escape');

    expect(searchBox().value).toBe('');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Browse' })).toBeTruthy();
  });

  it('offers to suggest a term that finds nothing', () => {
    renderPopup();

    type('zzqqxx');

    const link = screen.getByRole('link', { name: 'Suggest “zzqqxx” as a new term' });
    expect(link.getAttribute('href')).toBe('ext:/options.html#suggest?term=zzqqxx');
  });
});

describe('entry page', () => {
  it('shows the entry in full: expansion, status, sources in a new tab, and a suggest-an-edit link', () => {
    renderPopup();
    type('OASys');
    key('Enter');
    const page = screen.getByRole('article');

    expect(heading().textContent).toBe('OASys');
    expect(page.textContent).toContain('Offender Assessment System');
    expect(page.textContent).toContain('Current (since 2001)');
    const source = within(page).getByRole('link', { name: 'gov.uk' });
    expect([source.getAttribute('href'), source.getAttribute('target'), source.getAttribute('rel')]).toEqual([
      'https://www.gov.uk/guidance/risk-assessment-of-offenders',
      '_blank',
      'noopener noreferrer',
    ]);
    expect(within(page).getByRole('link', { name: 'Suggest an edit' }).getAttribute('href')).toBe('ext:/options.html#suggest?id=oasys');
  });

  it('follows related entries and comes back with Back, then to the results with the query kept', () => {
    renderPopup();
    type('oasys');
    key('Enter');

    fireEvent.click(screen.getByRole('button', { name: 'RoSH' }));
    expect(heading().textContent).toBe('RoSH');
    fireEvent.click(screen.getByRole('button', { name: '← Back to OASys' }));
    expect(heading().textContent).toBe('OASys');
    fireEvent.click(screen.getByRole('button', { name: '← Back to results' }));

    expect(searchBox().value).toBe('oasys');
    expect(optionTexts()[0]).toMatch(/^OASys/);
  });

  it('goes back with Escape on the entry page', () => {
    renderPopup();
    type('oasys');
    key('Enter');

    fireEvent.keyDown(heading(), { key: 'Escape' });

    expect(screen.queryByRole('article')).toBeNull();
    expect(searchBox().value).toBe('oasys');
  });
});

describe('browsing with an empty box', () => {
  it('lists the entries under a letter', () => {
    renderPopup();

    fireEvent.click(screen.getByRole('button', { name: 'O' }));

    const list = screen.getByRole('list', { name: 'Entries under O' });
    const names = within(list).getAllByRole('button').map((b) => b.querySelector('.hw')!.textContent);
    expect(names).toContain('OASys');
    expect(names.every((n) => /^o/i.test(n!))).toBe(true);
  });

  it('lists the entries of a category and opens one', () => {
    renderPopup();

    fireEvent.click(screen.getByRole('button', { name: 'By category' }));
    fireEvent.click(screen.getByRole('button', { name: /^Risk and needs assessment \d+$/ }));
    const list = screen.getByRole('list', { name: 'Risk and needs assessment' });
    fireEvent.click(within(list).getAllByRole('button').find((b) => b.querySelector('.hw')!.textContent === 'OASys')!);

    expect(heading().textContent).toBe('OASys');
  });
});

describe('on this page and the switches', () => {
  const ready: PageState = {
    kind: 'ready',
    tabId: 7,
    host: 'news.example.org',
    terms: [
      { id: 'oasys', headword: 'OASys', count: 3 },
      { id: 'mappa', headword: 'MAPPA', count: 1 },
    ],
  };

  it('lists the page’s terms with counts, and a click asks the page to show one', () => {
    const onReveal = vi.fn(async () => true);
    renderPopup({ page: ready, onReveal });

    const rows = screen.getAllByRole('button', { name: /mentions?, show the first$/ });
    fireEvent.click(rows[0]!);

    expect(rows.map((r) => r.textContent)).toEqual(['OASys3 mentions, show the first', 'MAPPA1 mention, show the first']);
    expect(onReveal).toHaveBeenCalledWith('oasys');
  });

  it('opens a page term’s definition', () => {
    renderPopup({ page: ready });

    fireEvent.click(screen.getByRole('button', { name: 'Definition of MAPPA' }));

    expect(heading().textContent).toBe('MAPPA');
  });

  it('says plainly when the page cannot be read', () => {
    renderPopup({ page: { kind: 'unavailable', reason: 'This is one of the browser’s own pages.' } });

    expect(screen.getByText('This is one of the browser’s own pages.')).toBeTruthy();
    expect(screen.queryByRole('switch', { name: /Highlight on this site/ })).toBeNull();
  });

  it('switches the site off and pauses everywhere', () => {
    const onSiteEnabled = vi.fn();
    const onPaused = vi.fn();
    renderPopup({ page: ready, onSiteEnabled, onPaused });

    fireEvent.click(screen.getByRole('switch', { name: 'Highlight on this site (news.example.org)' }));
    fireEvent.click(screen.getByRole('switch', { name: 'Pause everywhere' }));

    expect(onSiteEnabled).toHaveBeenCalledWith('news.example.org', false);
    expect(onPaused).toHaveBeenCalledWith(true);
  });

  it('shows the site switch off, and no terms, where a parent domain is switched off', () => {
    renderPopup({ page: ready, settings: { ...DEFAULT_SETTINGS, disabledSites: ['example.org'] } });

    expect((screen.getByRole('switch', { name: /Highlight on this site/ }) as HTMLInputElement).checked).toBe(false);
    expect(screen.getByText('Highlighting is off here, so terms on this page are not listed.')).toBeTruthy();
  });
});

// --- Helpers ---

function renderPopup(over: Partial<PopupProps> & { settings?: Settings } = {}) {
  return render(
    <Popup
      search={search}
      entries={entries}
      page={{ kind: 'loading' }}
      settings={{ ...DEFAULT_SETTINGS, disabledSites: [], hiddenCategories: [] }}
      onSiteEnabled={() => undefined}
      onPaused={() => undefined}
      onReveal={async () => true}
      suggestEditUrl={(id) => `ext:/options.html#suggest?id=${id}`}
      suggestTermUrl={(term) => `ext:/options.html#suggest?term=${term}`}
      optionsUrl="ext:/options.html"
      {...over}
    />,
  );
}

function searchBox(): HTMLInputElement {
  return screen.getByRole('combobox', { name: 'Search the glossary' }) as HTMLInputElement;
}

function type(text: string) {
  fireEvent.input(searchBox(), { target: { value: text } });
}

function key(name: string) {
  fireEvent.keyDown(searchBox(), { key: name });
}

function options(): HTMLElement[] {
  return screen.getAllByRole('option');
}

function optionTexts(): string[] {
  return options().map((o) => o.textContent ?? '');
}

function selectedIndex(): number {
  return options().findIndex((o) => o.getAttribute('aria-selected') === 'true');
}

function heading(): HTMLElement {
  return screen.getByRole('heading', { level: 1 });
}
