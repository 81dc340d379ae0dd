// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SuggestionForm } from '../../components/SuggestionForm';
import { SuggestionList, type SuggestionListProps } from '../../components/SuggestionList';
import { SuggestionsSection } from '../../components/SuggestionsSection';
import { createSuggestionStore, defineSuggestionsItem, loadDraft } from '../../lib/browser/suggestions';
import { planImport } from '../../lib/core/suggestion-io';
import { EMPTY_FORM, findClash, validateForm, type FormValues } from '../../lib/core/suggestion-schema';
import { EPF_FORM, GLOSSARY, makeSuggestion, NOW, OASYS } from '../unit/suggestion-fixtures';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('SuggestionForm', () => {
  it('shows a summary of specific errors, focuses it, and marks each field', async () => {
    const onSubmit = vi.fn();
    render(<SuggestionForm initial={{ ...EMPTY_FORM, term: 'EPF', sourceUrl: 'http://gov.uk/x' }} onSubmit={onSubmit} />);

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    const summary = screen.getByRole('alert');
    expect(within(summary).getAllByRole('link').map((a) => a.textContent)).toEqual([
      'Enter what the term stands for, or its full name',
      'Enter a short definition in plain English',
      'Choose a category',
      'The source must be a secure address starting with https://, not http://',
    ]);
    await waitFor(() => expect(document.activeElement).toBe(summary));
    const source = screen.getByRole('textbox', { name: 'Source' });
    expect(source.getAttribute('aria-invalid')).toBe('true');
    expect(source.getAttribute('aria-describedby')).toBe('pj-suggest-sourceUrl-hint pj-suggest-sourceUrl-error');
    expect(document.getElementById('pj-suggest-sourceUrl-error')!.textContent).toBe('Error: The source must be a secure address starting with https://, not http://');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('moves focus to the field when its error is chosen in the summary', () => {
    render(<SuggestionForm initial={EMPTY_FORM} onSubmit={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    fireEvent.click(screen.getByRole('link', { name: 'Choose a category' }));

    expect(document.activeElement).toBe(screen.getByRole('combobox', { name: 'Category' }));
  });

  it('reports every change as typed, for the draft', () => {
    const onDraftChange = vi.fn();
    render(<SuggestionForm initial={EMPTY_FORM} onSubmit={vi.fn()} onDraftChange={onDraftChange} />);
    const term = screen.getByRole('textbox', { name: 'Term' });

    fireEvent.input(term, { target: { value: 'E' } });
    fireEvent.input(term, { target: { value: 'EP' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Category' }), { target: { value: 'report' } });

    expect((onDraftChange.mock.calls as [FormValues, string][]).map(([values, kind]) => [values.term, values.category, kind])).toEqual([
      ['E', '', 'new'],
      ['EP', '', 'new'],
      ['EP', 'report', 'new'],
    ]);
  });

  it('submits valid values, and shows a message the container returns', async () => {
    const onSubmit = vi.fn().mockResolvedValue('Browser storage is full, so your change was not saved.');
    render(<SuggestionForm initial={EPF_FORM} onSubmit={onSubmit} />);

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Browser storage is full, so your change was not saved.'));
    expect(onSubmit).toHaveBeenCalledWith(EPF_FORM, 'new', undefined);
  });

  it('offers a new sense or an edit when the term is already in the glossary, and refuses it as new', async () => {
    const onSubmit = vi.fn();
    render(
      <SuggestionForm
        initial={{ ...EPF_FORM, term: 'OASys' }}
        findTarget={(term) => findClash(term, GLOSSARY)}
        validate={(values, kind, targetId) => validateForm(values, { kind, targetId, glossary: GLOSSARY })}
        onSubmit={onSubmit}
      />,
    );

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('link', { name: /already in the glossary/ }).textContent).toBe(
      '“OASys” is already in the glossary as “OASys”. Suggest a new sense or an edit of that entry instead',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Add a new sense to “OASys”' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(screen.getByRole('heading', { name: 'Add a new sense to “OASys”' })).toBeTruthy();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ ...EPF_FORM, term: 'OASys' }, 'sense', { id: 'oasys', headword: 'OASys' }));
  });

  it('re-checks a field as it changes once the form was submitted', () => {
    render(<SuggestionForm initial={{ ...EPF_FORM, category: '' }} onSubmit={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    fireEvent.change(screen.getByRole('combobox', { name: 'Category' }), { target: { value: 'report' } });

    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('counts the definition’s words against the limit', () => {
    render(<SuggestionForm initial={EMPTY_FORM} onSubmit={vi.fn()} />);

    fireEvent.input(screen.getByRole('textbox', { name: 'Definition' }), { target: { value: 'one two three' } });

    expect(document.getElementById('pj-suggest-definition-hint')!.textContent).toBe('Plain English, in your own words, 60 words at most. 3 of 60.');
  });
});

describe('SuggestionList', () => {
  const EPF = makeSuggestion();
  const NAPO = makeSuggestion({ term: 'Napo', expansion: 'National Association of Probation Officers', category: 'workforce' });

  it('lists each suggestion with its kind, and edits one', () => {
    const props = listProps({ suggestions: [EPF, makeSuggestion({ term: 'OASys', expansion: 'Youth' }, { kind: 'sense', target: OASYS })] });
    render(<SuggestionList {...props} />);

    const items = within(screen.getByRole('list', { name: 'Your suggestions' })).getAllByRole('listitem');
    fireEvent.click(screen.getByRole('button', { name: 'Edit “EPF”' }));

    expect(items.map((li) => li.querySelector('strong')!.textContent + ' / ' + li.querySelector('.own-badge')!.textContent)).toEqual([
      'EPF / Your entry',
      'OASys / Your new sense',
    ]);
    expect(props.onEdit).toHaveBeenCalledWith(EPF);
  });

  it('deletes with Undo', async () => {
    const props = listProps({ suggestions: [EPF, NAPO] });
    render(<SuggestionList {...props} />);

    fireEvent.click(screen.getByRole('button', { name: 'Delete “EPF”' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Deleted “EPF”. Undo'));
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));

    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Restored “EPF”.'));
    expect(props.onDelete).toHaveBeenCalledWith(EPF);
    expect(props.onRestore).toHaveBeenCalledWith(EPF);
  });

  it('exports in both formats', () => {
    const props = listProps({ suggestions: [EPF] });
    render(<SuggestionList {...props} />);

    fireEvent.click(screen.getByRole('button', { name: 'Export for the glossary (JSON)' }));
    fireEvent.click(screen.getByRole('button', { name: 'Back up everything (JSON)' }));

    expect(props.onExport.mock.calls).toEqual([['glossary'], ['backup']]);
  });

  it('shows a hostile file’s problems, and writes nothing', async () => {
    const props = listProps({ suggestions: [EPF] });
    render(<SuggestionList {...props} />);

    chooseFile('{"entries": [], "__proto__": {"x": 1}}', 'evil.json');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('“evil.json” could not be imported. Nothing was changed.__proto__: "__proto__" is not allowed as a field name');
    expect(props.onCommitImport).not.toHaveBeenCalled();
  });

  it('refuses a file over 1 MB without reading it', async () => {
    const props = listProps({ suggestions: [EPF] });
    render(<SuggestionList {...props} />);

    chooseFile('x'.repeat(10_000_000), 'huge.json');

    expect((await screen.findByRole('alert')).textContent).toContain('The file is 10.0 MB; files of up to 1.0 MB can be imported');
    expect(props.onPlanImport).not.toHaveBeenCalled();
  });

  it('asks about each duplicate before writing, then imports with the choices', async () => {
    const theirs = { ...EPF, key: 'key-file-0001', entry: { ...EPF.entry, senses: [{ ...EPF.entry.senses[0]!, definition: 'Their definition.' }] } };
    const props = listProps({ suggestions: [EPF] });
    render(<SuggestionList {...props} />);

    chooseFile(JSON.stringify({ format: 'probation-jargon-suggestions', version: 1, suggestions: [theirs, NAPO] }), 'backup.json');
    const dialog = await screen.findByRole('dialog', { name: 'Some entries in “backup.json” are already saved' });
    expect(props.onCommitImport).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole('radio', { name: 'Use the file’s: Their definition.' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import' }));

    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Imported “backup.json”: 1 added, 1 replaced.'));
    expect(props.onCommitImport.mock.calls[0]![1]).toEqual({ 'key-file-0001': 'use-imported' });
  });

  it('offers send links that carry nothing until clicked, and the page only if ticked', () => {
    render(<SuggestionList {...listProps({ suggestions: [EPF] })} repositoryUrl="https://github.com/o/r" email="m@example.org" />);

    fireEvent.click(screen.getByRole('button', { name: 'Send “EPF” to the maintainers' }));
    const issue = () => new URL(screen.getByRole('link', { name: 'Open a GitHub issue' }).getAttribute('href')!);
    const before = issue().searchParams.get('body')!;
    fireEvent.click(screen.getByRole('checkbox', { name: /Include the page address and the sentence/ }));

    expect(issue().pathname).toBe('/o/r/issues/new');
    expect(before).not.toContain('probationblog.example.org');
    expect(issue().searchParams.get('body')).toContain('**Met on:** https://probationblog.example.org/2019/staffing');
    expect(screen.getByRole('link', { name: 'Email the maintainers' }).getAttribute('href')).toMatch(/^mailto:m@example\.org\?subject=/);
  });

  it('reports stored data that could not be read', () => {
    render(<SuggestionList {...listProps({ suggestions: [], problems: [{ path: '[1].entry', message: 'is missing' }] })} />);

    expect(screen.getByRole('alert').textContent).toBe(
      'Some saved suggestions could not be read. They are kept in a backup and have not been deleted.[1].entry: is missing',
    );
  });
});

describe('SuggestionsSection, wired to the store', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });

  it('saves a new term from the form; it appears in the list and the draft is cleared', async () => {
    const store = createSuggestionStore({ item: defineSuggestionsItem(), now: () => NOW });
    render(<SuggestionsSection glossary={GLOSSARY} getEntry={async () => undefined} store={store} now={() => NOW} newKey={() => 'key-test-0001'} start={{ term: 'EPF' }} />);

    const term = await screen.findByRole('textbox', { name: 'Term' });
    expect((term as HTMLInputElement).value).toBe('EPF');
    fill({ ...EPF_FORM, term: 'EPF' });
    await waitFor(async () => expect((await loadDraft())?.values.definition).toBe(EPF_FORM.definition));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saved “EPF”. It works in your open tabs now.'));
    await waitFor(() => expect(screen.getByRole('list', { name: 'Your suggestions' }).textContent).toContain('EPF'));
    expect((await store.load()).suggestions.map((s) => [s.key, s.entry.id, s.sentence])).toEqual([['key-test-0001', 'epf', EPF_FORM.sentence]]);
    await waitFor(async () => expect(await loadDraft()).toBeNull());
  });

  it('opens an edit of a glossary entry prefilled from it', async () => {
    const store = createSuggestionStore({ item: defineSuggestionsItem() });
    render(<SuggestionsSection glossary={GLOSSARY} getEntry={async (id) => (id === 'oasys' ? OASYS : undefined)} store={store} start={{ id: 'oasys' }} />);

    expect(await screen.findByRole('heading', { name: 'Suggest an edit of “OASys”' })).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'Definition' }) as HTMLTextAreaElement).value).toBe(OASYS.senses[0]!.definition);
  });

  it('opens the fuller draft the context menu saved for the same term', async () => {
    await fakeBrowser.storage.local.set({
      suggestionDraft: { kind: 'new', values: { ...EMPTY_FORM, term: 'EPF', sentence: 'Complete the EPF first.' }, updatedAt: NOW.toISOString() },
    });
    const store = createSuggestionStore({ item: defineSuggestionsItem() });

    render(<SuggestionsSection glossary={GLOSSARY} getEntry={async () => undefined} store={store} start={{ term: 'EPF' }} />);

    expect(((await screen.findByRole('textbox', { name: 'Sentence where you met it' })) as HTMLTextAreaElement).value).toBe('Complete the EPF first.');
  });

  it('reopens the draft saved before the popup closed', async () => {
    await fakeBrowser.storage.local.set({ suggestionDraft: { kind: 'new', values: { ...EMPTY_FORM, term: 'WIP' }, updatedAt: NOW.toISOString() } });
    const store = createSuggestionStore({ item: defineSuggestionsItem() });

    render(<SuggestionsSection glossary={GLOSSARY} getEntry={async () => undefined} store={store} />);

    expect(((await screen.findByRole('textbox', { name: 'Term' })) as HTMLInputElement).value).toBe('WIP');
  });
});

// --- Helpers ---

function listProps(over: Pick<Partial<SuggestionListProps>, 'suggestions' | 'problems'>) {
  return {
    suggestions: [],
    onEdit: vi.fn(),
    onDelete: vi.fn().mockResolvedValue(undefined),
    onRestore: vi.fn().mockResolvedValue(undefined),
    onExport: vi.fn(),
    onPlanImport: vi.fn((text: string) =>
      Promise.resolve(planImport(text, { existing: over.suggestions ?? [], glossary: GLOSSARY, now: NOW, newKey: () => 'key-new-0001' })),
    ),
    onCommitImport: vi.fn().mockImplementation((plan: { fresh: unknown[] }, decisions: Record<string, string>) =>
      Promise.resolve({ ok: true, suggestions: [], added: plan.fresh.length, replaced: Object.values(decisions).filter((d) => d === 'use-imported').length, skipped: 0 }),
    ),
    ...over,
  } satisfies SuggestionListProps;
}

function chooseFile(text: string, name: string): void {
  const file = new File([text], name, { type: 'application/json' });
  fireEvent.change(screen.getByLabelText('Import a JSON file'), { target: { files: [file] } });
}

function fill(values: FormValues): void {
  const set = (name: string, value: string) => fireEvent.input(screen.getByRole('textbox', { name }), { target: { value } });
  set('Term', values.term);
  set('What it stands for, or its full name', values.expansion);
  set('Definition', values.definition);
  fireEvent.change(screen.getByRole('combobox', { name: 'Category' }), { target: { value: values.category } });
  set('Source', values.sourceUrl);
  set('Sentence where you met it', values.sentence);
  set('Page address', values.pageUrl);
}
