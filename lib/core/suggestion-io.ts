/**
 * Export and import of suggestions, without touching storage.
 *
 * Two formats:
 * - a glossary file, `{ "entries": [...] }`, valid against `GlossaryFile`:
 *   what maintainers merge, and what `exportGlossaryJson` writes;
 * - a backup, `{ "format": "probation-jargon-suggestions", "version": 1,
 *   "suggestions": [...] }`, which also keeps each suggestion's page, sentence
 *   and dates.
 *
 * `planImport` reads either. A file that is too big, not JSON, hostile
 * (markup, javascript: addresses, __proto__ keys) or invalid is refused with
 * every problem named by path; nothing is planned from it. A valid file gives
 * the new suggestions and the duplicates of stored ones, for the reader to
 * decide before anything is written (`mergeImport`).
 */
import * as v from 'valibot';
import { GlossaryFile, type Entry } from './glossary-schema';
import type { CompiledGlossary } from './matcher';
import { findClash, parseSuggestion, type Suggestion } from './suggestion-schema';

export const BACKUP_FORMAT = 'probation-jargon-suggestions';
export const BACKUP_VERSION = 1;
/** Imports larger than this are refused before parsing. */
export const MAX_IMPORT_BYTES = 1_000_000;
export const MAX_IMPORT_ITEMS = 2_000;
const MAX_DEPTH = 12;
const MAX_REPORTED = 50;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const HTML_TAG = /<\s*\/?\s*[a-z!?][^>]*>/i;
/** Addresses that run code or read local data: javascript:, vbscript:, data:…, file://, blob:… */
const SCRIPT_URL = /^\s*(?:(?:java|vb)script\s*:|data:[\w/+.-]*[;,]|file:\/\/|blob:)/i;

export interface ImportError {
  /** Where in the file: `entries[2].senses[0].sources[0]`; empty for the whole file. */
  path: string;
  message: string;
}

export interface Duplicate {
  incoming: Suggestion;
  existing: Suggestion;
}

export type ImportPlan =
  | { ok: false; errors: ImportError[] }
  | {
      ok: true;
      format: 'glossary' | 'backup';
      /** Not stored yet, and clashing with nothing stored. */
      fresh: Suggestion[];
      /** Stored already under the same id, key or headword, with different content. */
      duplicates: Duplicate[];
      /** Stored already, identical: nothing to do. */
      unchanged: Suggestion[];
    };

/** What to do with each duplicate, by the incoming suggestion's key. */
export type MergeDecision = 'keep-mine' | 'use-imported';

export interface ImportContext {
  existing: readonly Suggestion[];
  /** The bundled glossary, to tell edits from new entries and refuse clashes. */
  glossary: CompiledGlossary;
  now: Date;
  newKey: () => string;
}

/** The suggestions' entries as a glossary file, sorted by id. */
export function exportGlossaryFile(suggestions: readonly Suggestion[]): v.InferOutput<typeof GlossaryFile> {
  const entries = [...suggestions].sort((a, b) => a.entry.id.localeCompare(b.entry.id)).map((s) => s.entry);
  // Parse rather than trust: an export that the glossary would refuse is a bug here.
  return v.parse(GlossaryFile, { entries });
}

export function exportGlossaryJson(suggestions: readonly Suggestion[]): string {
  return `${JSON.stringify(exportGlossaryFile(suggestions), null, 2)}\n`;
}

export function exportBackupJson(suggestions: readonly Suggestion[], now: Date): string {
  return `${JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: now.toISOString(), suggestions }, null, 2)}\n`;
}

/** Reads an import file's text; see the module comment. */
export function planImport(text: string, context: ImportContext): ImportPlan {
  const size = byteLength(text);
  if (size > MAX_IMPORT_BYTES) {
    return fail('', `The file is ${formatBytes(size)}; files of up to ${formatBytes(MAX_IMPORT_BYTES)} can be imported`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return fail('', `The file is not valid JSON: ${describeJsonError(text, error as Error)}`);
  }
  const hostile = findHostileContent(data);
  if (hostile.length) return { ok: false, errors: hostile };

  if (isRecord(data) && 'format' in data) return planBackup(data, context);
  if (isRecord(data) && 'entries' in data) return planGlossary(data, context);
  return fail('', 'The file is neither a glossary file ({ "entries": [...] }) nor a suggestions backup from this extension');
}

/**
 * The stored list after an import: new suggestions added, and each duplicate
 * either kept as stored or replaced (keeping the stored key and creation date).
 * Decisions default to keeping what is stored.
 */
export function mergeImport(
  existing: readonly Suggestion[],
  plan: Extract<ImportPlan, { ok: true }>,
  decisions: Readonly<Record<string, MergeDecision>>,
): { suggestions: Suggestion[]; added: number; replaced: number; skipped: number } {
  const next = [...existing];
  let added = 0;
  let replaced = 0;
  let skipped = 0;
  for (const incoming of plan.fresh) {
    // Another tab may have stored the same entry since the plan was made.
    if (next.some((s) => sameIdentity(s, incoming))) skipped++;
    else {
      next.push(incoming);
      added++;
    }
  }
  for (const { incoming, existing: stored } of plan.duplicates) {
    const at = next.findIndex((s) => s.key === stored.key);
    if (decisions[incoming.key] !== 'use-imported' || at < 0) {
      skipped++;
      continue;
    }
    next[at] = { ...incoming, key: stored.key, createdAt: stored.createdAt };
    replaced++;
  }
  return { suggestions: next, added, replaced, skipped };
}

/**
 * Markup, script addresses, forbidden keys and excessive nesting anywhere in
 * parsed JSON, each with its path. Iterative, so a deeply nested file cannot
 * overflow the stack.
 */
export function findHostileContent(data: unknown): ImportError[] {
  const errors: ImportError[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: data, path: '', depth: 0 }];
  while (stack.length && errors.length < MAX_REPORTED) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const tag = HTML_TAG.exec(value);
      if (tag) errors.push({ path, message: `contains HTML (${tag[0].slice(0, 40)}); only plain text is allowed` });
      else if (SCRIPT_URL.test(value)) {
        errors.push({ path, message: `a ${value.trim().split(':')[0]!.replace(/\s/g, '').toLowerCase()}: address is not allowed` });
      }
      continue;
    }
    if (!value || typeof value !== 'object') continue;
    if (depth >= MAX_DEPTH) {
      errors.push({ path, message: `is nested more than ${MAX_DEPTH} levels deep` });
      continue;
    }
    const children: [string, unknown][] = Array.isArray(value)
      ? value.map((item, i) => [`${path}[${i}]`, item])
      : Object.keys(value).map((key) => [path ? `${path}.${key}` : key, (value as Record<string, unknown>)[key]]);
    if (!Array.isArray(value)) {
      for (const key of Object.keys(value)) {
        if (FORBIDDEN_KEYS.has(key)) errors.push({ path: path ? `${path}.${key}` : key, message: `"${key}" is not allowed as a field name` });
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push({ value: children[i]![1], path: children[i]![0], depth: depth + 1 });
  }
  return errors;
}

// --- Implementation helpers ---

function planGlossary(data: Record<string, unknown>, context: ImportContext): ImportPlan {
  if (Array.isArray(data.entries) && data.entries.length > MAX_IMPORT_ITEMS) {
    return fail('entries', `has ${data.entries.length} entries; up to ${MAX_IMPORT_ITEMS} can be imported at once`);
  }
  const result = v.safeParse(GlossaryFile, data);
  if (!result.success) return { ok: false, errors: result.issues.slice(0, MAX_REPORTED).map((issue) => issueError(issue, data)) };

  const errors: ImportError[] = [];
  const suggestions: Suggestion[] = [];
  const bundledIds = new Set(context.glossary.entries.map((entry) => entry.id));
  result.output.entries.forEach((entry, i) => {
    const where = `entries[${i}] ("${entry.headword}")`;
    const clash = findClash(entry.headword, context.glossary);
    if (!bundledIds.has(entry.id) && clash) {
      errors.push({ path: where, message: `“${entry.headword}” is already in the glossary as “${clash.id}”; give it that id to suggest an edit of it` });
      return;
    }
    const kind = bundledIds.has(entry.id) ? 'edit' : 'new';
    const stamp = context.now.toISOString();
    suggestions.push({ key: context.newKey(), kind, ...(kind === 'edit' ? { targetId: entry.id } : {}), entry, createdAt: stamp, updatedAt: stamp });
  });
  errors.push(...duplicateIds(suggestions.map((s) => s.entry), 'entries'));
  return errors.length ? { ok: false, errors } : classify('glossary', suggestions, context);
}

const Backup = v.strictObject({
  format: v.literal(BACKUP_FORMAT, `expected "${BACKUP_FORMAT}"`),
  version: v.pipe(v.number('expected a number'), v.integer('expected a whole number')),
  exportedAt: v.optional(v.string()),
  suggestions: v.pipe(v.array(v.unknown(), 'expected a list'), v.maxLength(MAX_IMPORT_ITEMS, `more than ${MAX_IMPORT_ITEMS} suggestions`)),
});

function planBackup(data: Record<string, unknown>, context: ImportContext): ImportPlan {
  const result = v.safeParse(Backup, data);
  if (!result.success) return { ok: false, errors: result.issues.slice(0, MAX_REPORTED).map((issue) => issueError(issue, data)) };
  if (result.output.version > BACKUP_VERSION) {
    return fail('version', `the backup was made by a newer version of the extension (format ${result.output.version}); update the extension to import it`);
  }
  const errors: ImportError[] = [];
  const suggestions: Suggestion[] = [];
  const bundledIds = new Set(context.glossary.entries.map((entry) => entry.id));
  result.output.suggestions.forEach((raw, i) => {
    const parsed = parseSuggestion(raw);
    const at = `suggestions[${i}]`;
    if ('problems' in parsed) {
      for (const problem of parsed.problems) errors.push({ path: problem.path ? `${at}.${problem.path}` : at, message: problem.message });
      return;
    }
    const { suggestion } = parsed;
    if (suggestion.targetId && !bundledIds.has(suggestion.targetId)) {
      errors.push({ path: `${at}.targetId`, message: `"${suggestion.targetId}" is not in the glossary` });
    }
    const clash = suggestion.kind === 'new' ? findClash(suggestion.entry.headword, context.glossary) : undefined;
    if (clash) errors.push({ path: `${at}.entry.headword`, message: `“${suggestion.entry.headword}” is already in the glossary as “${clash.id}”` });
    suggestions.push(suggestion);
  });
  errors.push(...duplicateIds(suggestions.map((s) => s.entry), 'suggestions', 'entry.id'));
  const keys = new Map<string, number>();
  suggestions.forEach((s, i) => {
    if (keys.has(s.key)) errors.push({ path: `suggestions[${i}].key`, message: `"${s.key}" appears twice (also suggestions[${keys.get(s.key)}])` });
    else keys.set(s.key, i);
  });
  return errors.length ? { ok: false, errors: errors.slice(0, MAX_REPORTED) } : classify('backup', suggestions, context);
}

function classify(format: 'glossary' | 'backup', incoming: Suggestion[], { existing }: ImportContext): ImportPlan {
  const fresh: Suggestion[] = [];
  const duplicates: Duplicate[] = [];
  const unchanged: Suggestion[] = [];
  for (const suggestion of incoming) {
    const stored = existing.find((s) => s.key === suggestion.key) ?? existing.find((s) => sameIdentity(s, suggestion));
    if (!stored) fresh.push(suggestion);
    else if (JSON.stringify(stored.entry) === JSON.stringify(suggestion.entry)) unchanged.push(suggestion);
    else duplicates.push({ incoming: suggestion, existing: stored });
  }
  return { ok: true, format, fresh, duplicates, unchanged };
}

/** The same glossary entry: the same id, or the same headword for a new term. */
function sameIdentity(a: Suggestion, b: Suggestion): boolean {
  return a.entry.id === b.entry.id || (a.kind === 'new' && b.kind === 'new' && a.entry.headword.toLowerCase() === b.entry.headword.toLowerCase());
}

function duplicateIds(entries: Entry[], list: string, field = 'id'): ImportError[] {
  const seen = new Map<string, number>();
  const errors: ImportError[] = [];
  entries.forEach((entry, i) => {
    const first = seen.get(entry.id);
    if (first === undefined) seen.set(entry.id, i);
    else errors.push({ path: `${list}[${i}].${field}`, message: `"${entry.id}" appears twice (also ${list}[${first}])` });
  });
  return errors;
}

function issueError(issue: v.BaseIssue<unknown>, data: Record<string, unknown>): ImportError {
  const keys = (issue.path ?? []).map((item) => item.key as string | number);
  let path = keys.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i ? '.' : ''}${key}`)).join('');
  // Name the entry by its id when it has one: `entries[3] ("epf").senses[0]`.
  if (keys[0] === 'entries' && typeof keys[1] === 'number') {
    const id = (data.entries as { id?: unknown }[])[keys[1]]?.id;
    if (typeof id === 'string' && id.length < 80) path = path.replace(/^entries\[\d+\]/, (m) => `${m} ("${id}")`);
  }
  const message =
    issue.kind === 'schema' && issue.received === 'undefined'
      ? 'is missing'
      : issue.type === 'strict_object' && issue.expected === 'never'
        ? 'is not a known field'
        : `${issue.message}${got(issue)}`;
  return { path, message };
}

/** ", got 42" or ", got "http://x.org"": what was found, briefly. */
function got(issue: v.BaseIssue<unknown>): string {
  if (issue.kind === 'validation' && typeof issue.input === 'string') {
    const text = issue.input.length > 60 ? `${issue.input.slice(0, 60)}…` : issue.input;
    return `, got ${JSON.stringify(text)}`;
  }
  if (!issue.received || issue.received === 'unknown' || issue.message.includes(issue.received)) return '';
  return `, got ${issue.received}`;
}

function fail(path: string, message: string): ImportPlan {
  return { ok: false, errors: [{ path, message }] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function byteLength(text: string): number {
  // Cheap bounds first: UTF-8 takes 1 to 3 bytes per UTF-16 unit.
  if (text.length > MAX_IMPORT_BYTES) return text.length;
  if (text.length * 3 <= MAX_IMPORT_BYTES) return text.length;
  return new TextEncoder().encode(text).length;
}

function formatBytes(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.ceil(bytes / 1000)} KB`;
}

/** "Unexpected token } in JSON at position 120" → "... (line 5, column 3)". */
function describeJsonError(text: string, error: Error): string {
  const position = /position (\d+)/.exec(error.message)?.[1];
  if (position === undefined) return error.message;
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  const column = Number(position) - before.lastIndexOf('\n');
  return `${error.message.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${column}`;
}
