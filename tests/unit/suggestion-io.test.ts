import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { GlossaryFile } from '../../lib/core/glossary-schema';
import { validateGlossary } from '../../lib/core/glossary-validate';
import {
  exportBackupJson,
  exportGlossaryJson,
  findHostileContent,
  mergeImport,
  planImport,
  type ImportContext,
  type ImportPlan,
} from '../../lib/core/suggestion-io';
import type { Suggestion } from '../../lib/core/suggestion-schema';
import { CRC, GLOSSARY, makeSuggestion, NOW, OASYS } from './suggestion-fixtures';

const EPF = makeSuggestion();
const NAPO = makeSuggestion({ term: 'Napo', expansion: 'National Association of Probation Officers', category: 'workforce' });
const OASYS_SENSE = makeSuggestion({ term: 'OASys', expansion: 'Offender Assessment System (youth)' }, { kind: 'sense', target: OASYS });
const CRC_EDIT = makeSuggestion({ term: 'CRC', category: 'organisation', definition: 'Private probation companies, 2015 to 2021.' }, { kind: 'edit', target: CRC });
const ALL = [EPF, NAPO, OASYS_SENSE, CRC_EDIT];

describe('export', () => {
  it('writes a glossary file that the glossary’s own schema and validator accept', () => {
    const data: unknown = JSON.parse(exportGlossaryJson(ALL));

    expect(v.safeParse(GlossaryFile, data).success).toBe(true);
    expect(validateGlossary([{ file: 'glossary/suggestions.json', data }]).problems).toEqual([]);
    expect((data as { entries: { id: string }[] }).entries.map((e) => e.id)).toEqual(['crc', 'epf', 'napo', 'oasys']);
  });

  it('writes a glossary file with nothing but entries: no page, sentence or dates', () => {
    const text = exportGlossaryJson([EPF]);

    expect(Object.keys(JSON.parse(text) as object)).toEqual(['entries']);
    expect(text).not.toContain(EPF.sentence!);
    expect(text).not.toContain(EPF.pageUrl!);
  });
});

describe('import/export round trip', () => {
  it('a glossary export imported into an empty store gives back the same entries, as new entries and edits', () => {
    const plan = planImport(exportGlossaryJson(ALL), context([]));

    expect(plan.ok).toBe(true);
    const { fresh } = plan as Extract<ImportPlan, { ok: true }>;
    expect(sortById(fresh.map((s) => s.entry))).toEqual(sortById(ALL.map((s) => s.entry)));
    expect(Object.fromEntries(fresh.map((s) => [s.entry.id, [s.kind, s.targetId]]))).toEqual({
      crc: ['edit', 'crc'],
      epf: ['new', undefined],
      napo: ['new', undefined],
      oasys: ['edit', 'oasys'],
    });
  });

  it('a backup restores every suggestion exactly, keys, sentences and dates included', () => {
    const plan = planImport(exportBackupJson(ALL, NOW), context([]));

    expect(plan).toEqual({ ok: true, format: 'backup', fresh: ALL, duplicates: [], unchanged: [] });
  });

  it('importing what is already stored changes nothing', () => {
    const plan = planImport(exportBackupJson(ALL, NOW), context(ALL));

    expect(plan).toEqual({ ok: true, format: 'backup', fresh: [], duplicates: [], unchanged: ALL });
  });
});

describe('duplicates are returned for a decision before anything is written', () => {
  const changed = { ...EPF, key: 'key-other-0001', entry: { ...EPF.entry, senses: [{ ...EPF.entry.senses[0]!, definition: 'Another definition.' }] } };

  it('finds a stored entry with the same id', () => {
    const plan = planImport(exportBackupJson([changed, NAPO], NOW), context([EPF])) as Extract<ImportPlan, { ok: true }>;

    expect(plan.fresh).toEqual([NAPO]);
    expect(plan.duplicates).toEqual([{ incoming: changed, existing: EPF }]);
  });

  it('finds a stored new entry with the same headword under another id', () => {
    const renamed = { ...changed, entry: { ...changed.entry, id: 'epf-framework' } };

    const plan = planImport(exportBackupJson([renamed], NOW), context([EPF])) as Extract<ImportPlan, { ok: true }>;

    expect(plan.duplicates.map((d) => d.existing.key)).toEqual([EPF.key]);
  });

  it('keeps what is stored unless the reader chooses the imported version', () => {
    const plan = planImport(exportBackupJson([changed, NAPO], NOW), context([EPF])) as Extract<ImportPlan, { ok: true }>;

    const kept = mergeImport([EPF], plan, {});
    const replaced = mergeImport([EPF], plan, { [changed.key]: 'use-imported' });

    expect(kept).toEqual({ suggestions: [EPF, NAPO], added: 1, replaced: 0, skipped: 1 });
    expect(replaced.suggestions).toEqual([{ ...changed, key: EPF.key, createdAt: EPF.createdAt }, NAPO]);
    expect(replaced).toMatchObject({ added: 1, replaced: 1, skipped: 0 });
  });

  it('skips a new suggestion that another tab stored since the plan was made', () => {
    const plan = planImport(exportBackupJson([NAPO], NOW), context([])) as Extract<ImportPlan, { ok: true }>;

    expect(mergeImport([NAPO], plan, {})).toEqual({ suggestions: [NAPO], added: 0, replaced: 0, skipped: 1 });
  });
});

describe('hostile and broken imports are refused with what and where', () => {
  const glossaryFile = (entry: Record<string, unknown>) => JSON.stringify({ entries: [{ ...EPF.entry, ...entry }] });
  const sense = (change: Record<string, unknown>) => glossaryFile({ senses: [{ ...EPF.entry.senses[0], ...change }] });

  it.each<[string, string, string[]]>([
    ['malformed JSON', '{"entries": [\n  {"id": "x",}\n]}', [': The file is not valid JSON: Expected double-quoted property name at line 2, column 14']],
    ['an empty file', '', [': The file is not valid JSON: Unexpected end of JSON input']],
    ['a JSON list', '[1, 2]', [': The file is neither a glossary file ({ "entries": [...] }) nor a suggestions backup from this extension']],
    ['a JSON string', '"entries"', [': The file is neither a glossary file ({ "entries": [...] }) nor a suggestions backup from this extension']],
    ['entries that are not a list', '{"entries": {"id": "epf"}}', ['entries: Invalid type: Expected Array but received Object']],
    ['a number where text belongs', glossaryFile({ headword: 42 }), ['entries[0] ("epf").headword: expected the headword as a string, got 42']],
    ['a missing field', glossaryFile({ category: undefined }), ['entries[0] ("epf").category: is missing']],
    ['an unknown field', glossaryFile({ onclick: 'x' }), ['entries[0] ("epf").onclick: is not a known field']],
    ['a bad id', glossaryFile({ id: 'EPF Framework' }), ['entries[0] ("EPF Framework").id: expected a kebab-case id such as "oasys", got "EPF Framework"']],
    ['a script tag in a definition', sense({ definition: 'Hi <script>alert(1)</script>' }), ['entries[0].senses[0].definition: contains HTML (<script>); only plain text is allowed']],
    ['an image tag in a headword', glossaryFile({ headword: '<img src=x onerror=alert(1)>' }), ['entries[0].headword: contains HTML (<img src=x onerror=alert(1)>); only plain text is allowed']],
    ['a javascript: source', sense({ sources: ['javascript:alert(document.cookie)'] }), ['entries[0].senses[0].sources[0]: a javascript: address is not allowed']],
    ['a disguised javascript: source', sense({ sources: [' JavaScript :alert(1)'] }), ['entries[0].senses[0].sources[0]: a javascript: address is not allowed']],
    ['a data: source', sense({ sources: ['data:text/html,<b>x</b>'] }), ['entries[0].senses[0].sources[0]: contains HTML (<b>); only plain text is allowed']],
    ['a data: URL without markup', sense({ sources: ['data:text/html;base64,PHNjcmlwdD4='] }), ['entries[0].senses[0].sources[0]: a data: address is not allowed']],
    ['an http source', sense({ sources: ['http://www.gov.uk/x'] }), ['entries[0] ("epf").senses[0].sources[0]: expected an https URL, got "http://www.gov.uk/x"']],
    ['a __proto__ key', `{"entries": [], "__proto__": {"polluted": true}}`, ['__proto__: "__proto__" is not allowed as a field name']],
    ['a nested constructor key', `{"entries": [{"constructor": {"prototype": {"polluted": true}}}]}`, ['entries[0].constructor: "constructor" is not allowed as a field name', 'entries[0].constructor.prototype: "prototype" is not allowed as a field name']],
    ['a suggestion that clashes with the glossary', glossaryFile({ id: 'oasys-2', headword: 'OASys' }), ['entries[0] ("OASys"): “OASys” is already in the glossary as “oasys”; give it that id to suggest an edit of it']],
    ['the same id twice', JSON.stringify({ entries: [EPF.entry, EPF.entry] }), ['entries[1].id: "epf" appears twice (also entries[0])']],
    ['a backup from a newer version', JSON.stringify({ format: 'probation-jargon-suggestions', version: 9, suggestions: [] }), ['version: the backup was made by a newer version of the extension (format 9); update the extension to import it']],
    ['a backup with a wrong format name', JSON.stringify({ format: 'other', version: 1, suggestions: [] }), ['format: expected "probation-jargon-suggestions", got "other"']],
    ['a backup suggestion with a javascript: page', JSON.stringify({ format: 'probation-jargon-suggestions', version: 1, suggestions: [{ ...EPF, pageUrl: 'javascript:void(0)' }] }), ['suggestions[0].pageUrl: a javascript: address is not allowed']],
    ['a backup suggestion of the wrong type', JSON.stringify({ format: 'probation-jargon-suggestions', version: 1, suggestions: [null] }), ['suggestions[0]: Invalid type: Expected Object but received null']],
  ])('refuses %s', (_, text, expected) => {
    const plan = planImport(text, context([]));

    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.errors.map((e) => `${e.path}: ${e.message}`)).toEqual(expected);
  });

  it('refuses a 10 MB file before parsing it', () => {
    const huge = JSON.stringify({ entries: [], padding: 'x'.repeat(10_000_000) });

    const plan = planImport(huge, context([]));

    expect(plan).toEqual({ ok: false, errors: [{ path: '', message: 'The file is 10.0 MB; files of up to 1.0 MB can be imported' }] });
  });

  it('refuses a file just over 1 MB of multi-byte text', () => {
    const text = JSON.stringify({ entries: [], note: '€'.repeat(340_000) });

    expect(planImport(text, context([]))).toMatchObject({ ok: false, errors: [{ message: expect.stringMatching(/^The file is 1\.0 MB;/) }] });
  });

  it('refuses nesting too deep to be a glossary, without overflowing the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);

    const plan = planImport(deep, context([]));

    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.errors[0]!.message).toBe('is nested more than 12 levels deep');
  });

  it('does NOT pollute Object.prototype while reading a hostile file', () => {
    planImport('{"__proto__": {"polluted": true}, "entries": [{"__proto__": {"polluted": true}}]}', context([]));

    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('lists every problem, not only the first', () => {
    const text = JSON.stringify({ entries: [{ ...EPF.entry, headword: '<b>x</b>', senses: [{ ...EPF.entry.senses[0], sources: ['javascript:x'] }] }] });

    expect(findHostileContent(JSON.parse(text)).map((e) => e.path)).toEqual(['entries[0].headword', 'entries[0].senses[0].sources[0]']);
  });
});

// --- Helpers ---

let keys = 0;

function context(existing: Suggestion[]): ImportContext {
  return { existing, glossary: GLOSSARY, now: NOW, newKey: () => `imported-${String(++keys).padStart(4, '0')}` };
}

function sortById<T extends { id: string }>(entries: T[]): T[] {
  return [...entries].sort((a, b) => a.id.localeCompare(b.id));
}
