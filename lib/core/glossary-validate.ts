/**
 * Validates glossary files as a whole: each file against the schema, then the
 * rules that span files (unique ids, clashing headwords, dangling links).
 * Every problem is collected so that one run reports them all.
 */
import * as v from 'valibot';
import { GlossaryFile, type Entry } from './glossary-schema';
import { variantsOf } from './variants';

export interface GlossaryProblem {
  file: string;
  /** The entry's id, or `entries[3]` when the id itself is missing. */
  entry?: string;
  /** A dotted path inside the entry: `senses[1].sources[0]`. */
  field?: string;
  message: string;
}

export interface SourceFile {
  file: string;
  data: unknown;
  /** Set when the file could not be read as JSON. */
  error?: string;
}

export interface ValidGlossary {
  entries: Entry[];
  problems: GlossaryProblem[];
}

export function formatProblem({ file, entry, field, message }: GlossaryProblem): string {
  return [file, entry, field].filter(Boolean).join(': ') + `: ${message}`;
}

export class GlossaryError extends Error {
  constructor(readonly problems: GlossaryProblem[]) {
    super(
      `The glossary has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  ${formatProblem(p)}`).join('\n'),
    );
    this.name = 'GlossaryError';
  }
}

/** Validates and returns every entry; throws a GlossaryError listing all problems. */
export function loadGlossary(files: SourceFile[]): Entry[] {
  const { entries, problems } = validateGlossary(files);
  if (problems.length) throw new GlossaryError(problems);
  return entries;
}

export function validateGlossary(files: SourceFile[]): ValidGlossary {
  const problems: GlossaryProblem[] = [];
  const entries: Entry[] = [];
  const fileOf = new Map<Entry, string>();

  for (const { file, data, error } of files) {
    if (error !== undefined) {
      problems.push({ file, message: `is not valid JSON: ${error}` });
      continue;
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data) || !('entries' in data)) {
      problems.push({ file, message: 'expected an object with an "entries" array' });
      continue;
    }
    const result = v.safeParse(GlossaryFile, data);
    if (result.success) {
      for (const entry of result.output.entries) {
        entries.push(entry);
        fileOf.set(entry, file);
      }
      continue;
    }
    for (const issue of result.issues) problems.push(describeIssue(file, data, issue));
  }

  problems.push(...crossFileProblems(entries, fileOf));
  return { entries, problems };
}

// --- Implementation helpers ---

function describeIssue(file: string, data: unknown, issue: v.BaseIssue<unknown>): GlossaryProblem {
  const keys = (issue.path ?? []).map((item) => item.key as string | number);
  if (keys[0] !== 'entries' || typeof keys[1] !== 'number') {
    return { file, field: joinPath(keys) || undefined, message: issueMessage(issue) };
  }
  const raw = (data as { entries: unknown[] }).entries[keys[1]] as { id?: unknown } | undefined;
  const entry = typeof raw?.id === 'string' && raw.id ? raw.id : `entries[${keys[1]}]`;
  return { file, entry, field: joinPath(keys.slice(2)) || undefined, message: issueMessage(issue) };
}

function issueMessage(issue: v.BaseIssue<unknown>): string {
  if (issue.kind === 'schema' && issue.input === undefined) return 'is missing';
  if (issue.type === 'strict_object') return 'unknown field';
  if (issue.kind === 'schema') return `${issue.message}, got ${issue.received}`;
  const input = issue.input;
  const shown = typeof input === 'string' && input.length <= 80 ? `, got ${JSON.stringify(input)}` : '';
  return issue.type === 'check' ? issue.message : `${issue.message}${shown}`;
}

function joinPath(keys: (string | number)[]): string {
  return keys.map((key, i) => (typeof key === 'number' ? `[${key}]` : i ? `.${key}` : key)).join('');
}

function crossFileProblems(entries: Entry[], fileOf: Map<Entry, string>): GlossaryProblem[] {
  const problems: GlossaryProblem[] = [];
  const byId = new Map<string, Entry>();
  const duplicates = new Set<Entry>();
  for (const entry of entries) {
    const other = byId.get(entry.id);
    if (other) {
      duplicates.add(entry);
      problems.push({
        file: fileOf.get(entry)!,
        entry: entry.id,
        field: 'id',
        message: `duplicate id, also in ${fileOf.get(other)}`,
      });
    } else byId.set(entry.id, entry);
  }

  // Two entries that match the same written form would fight over it; a term
  // with several meanings is one entry with several senses instead.
  const owner = new Map<string, Entry>();
  for (const entry of entries) {
    if (duplicates.has(entry)) continue;
    for (const variant of variantsOf(entry)) {
      const key = variant.text.toLowerCase();
      const other = owner.get(key);
      if (other && other !== entry && clashes(other, entry, variant.text)) {
        problems.push({
          file: fileOf.get(entry)!,
          entry: entry.id,
          field: 'variants',
          message: `"${variant.text}" is also matched by "${other.id}" (${fileOf.get(other)}); make it a sense of one entry`,
        });
      } else if (!other) owner.set(key, entry);
    }
  }

  for (const entry of entries) {
    entry.related.forEach((id, i) => {
      if (!byId.has(id)) {
        problems.push({
          file: fileOf.get(entry)!,
          entry: entry.id,
          field: `related[${i}]`,
          message: `links to "${id}", which is not in the glossary`,
        });
      }
      if (id === entry.id) {
        problems.push({ file: fileOf.get(entry)!, entry: entry.id, field: `related[${i}]`, message: 'links to itself' });
      }
    });
  }
  return problems;
}

/** Whether two entries' variants can match the same text. */
function clashes(a: Entry, b: Entry, text: string): boolean {
  const forms = (entry: Entry) =>
    variantsOf(entry).filter((variant) => variant.text.toLowerCase() === text.toLowerCase());
  return forms(a).some((x) => forms(b).some((y) => x.case === 'any' || y.case === 'any' || x.text === y.text || x.text.toUpperCase() === y.text.toUpperCase() && (x.case === 'upper' || y.case === 'upper')));
}
