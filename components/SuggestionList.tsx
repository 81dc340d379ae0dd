/**
 * The reader's suggestions and personal entries, from plain props: list,
 * edit, delete with undo, send to the maintainers, export, and import with a
 * decision on each duplicate before anything is written. The container
 * (options page) wires the callbacks to the suggestions store.
 */
import { useRef, useState } from 'preact/hooks';
import type { ImportResult } from '../lib/browser/suggestions';
import { MAX_IMPORT_BYTES, type ImportError, type ImportPlan, type MergeDecision } from '../lib/core/suggestion-io';
import type { Suggestion, SuggestionProblem } from '../lib/core/suggestion-schema';
import { SendToMaintainers } from './SendToMaintainers';
import './suggestions.css';

type Plan = Extract<ImportPlan, { ok: true }>;

export interface SuggestionListProps {
  suggestions: readonly Suggestion[];
  /** Stored data that could not be read (kept in a backup). */
  problems?: readonly SuggestionProblem[];
  /** Saved by a newer version: shown, not changed. */
  readOnly?: boolean;
  onEdit: (suggestion: Suggestion) => void;
  /** Resolves to an error message, or nothing once deleted. */
  onDelete: (suggestion: Suggestion) => Promise<string | void>;
  /** Undo: stores the deleted suggestion again. */
  onRestore: (suggestion: Suggestion) => Promise<string | void>;
  onExport: (format: 'glossary' | 'backup') => void;
  /** Reads an import file's text; writes nothing. */
  onPlanImport: (text: string) => Promise<ImportPlan>;
  onCommitImport: (plan: Plan, decisions: Record<string, MergeDecision>) => Promise<ImportResult>;
  /** Where "Send to maintainers" points; without them the action is not offered. */
  repositoryUrl?: string;
  email?: string;
  onCopy?: (text: string) => Promise<void>;
}

export function SuggestionList(props: SuggestionListProps) {
  const { suggestions, problems = [], readOnly = false, onEdit, onExport } = props;
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();
  const [undo, setUndo] = useState<Suggestion>();
  const [sending, setSending] = useState<string>();
  const [importErrors, setImportErrors] = useState<{ file: string; errors: ImportError[] }>();
  const [merge, setMerge] = useState<{ file: string; plan: Plan; decisions: Record<string, MergeDecision> }>();
  const fileInput = useRef<HTMLInputElement>(null);

  const report = (message: string | void, success: string) => {
    setError(message || undefined);
    setStatus(message ? undefined : success);
  };

  const remove = async (suggestion: Suggestion) => {
    const message = await props.onDelete(suggestion);
    report(message, `Deleted “${suggestion.entry.headword}”.`);
    setUndo(message ? undefined : suggestion);
  };

  const restore = async (suggestion: Suggestion) => {
    const message = await props.onRestore(suggestion);
    report(message, `Restored “${suggestion.entry.headword}”.`);
    setUndo(undefined);
  };

  const importFile = async (file: File) => {
    setImportErrors(undefined);
    setMerge(undefined);
    setStatus(undefined);
    setError(undefined);
    // Checked before reading, so a huge file is never loaded.
    if (file.size > MAX_IMPORT_BYTES) {
      setImportErrors({ file: file.name, errors: [{ path: '', message: `The file is ${(file.size / 1_000_000).toFixed(1)} MB; files of up to ${(MAX_IMPORT_BYTES / 1_000_000).toFixed(1)} MB can be imported` }] });
      return;
    }
    const plan = await props.onPlanImport(await file.text());
    if (!plan.ok) setImportErrors({ file: file.name, errors: plan.errors });
    else if (plan.duplicates.length) setMerge({ file: file.name, plan, decisions: {} });
    else await commit(file.name, plan, {});
  };

  const commit = async (file: string, plan: Plan, decisions: Record<string, MergeDecision>) => {
    const result = await props.onCommitImport(plan, decisions);
    setMerge(undefined);
    if (!result.ok) {
      report(result.message, '');
      return;
    }
    const parts = [`${result.added} added`];
    if (result.replaced) parts.push(`${result.replaced} replaced`);
    if (result.skipped) parts.push(`${result.skipped} kept as they were`);
    if (plan.unchanged.length) parts.push(`${plan.unchanged.length} already saved`);
    report(undefined, `Imported “${file}”: ${parts.join(', ')}.`);
  };

  return (
    <div class="suggestion-list">
      {readOnly ? (
        <p class="error-message" role="alert">
          These suggestions were saved by a newer version of the extension. Update the extension to change them.
        </p>
      ) : null}
      {problems.length ? (
        <div class="problems" role="alert">
          <p>Some saved suggestions could not be read. They are kept in a backup and have not been deleted.</p>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>
                {p.path ? `${p.path}: ` : ''}
                {p.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div aria-live="polite">
        {status ? (
          <p role="status">
            {status}
            {undo ? (
              <>
                {' '}
                <button type="button" onClick={() => void restore(undo)}>
                  Undo
                </button>
              </>
            ) : null}
          </p>
        ) : null}
      </div>
      {error ? (
        <p class="error-message" role="alert">
          {error}
        </p>
      ) : null}

      {suggestions.length ? (
        <ul aria-label="Your suggestions">
          {suggestions.map((s) => (
            <li key={s.key} class="item">
              <strong>{s.entry.headword}</strong>
              <span class="own-badge">{kindLabel(s)}</span>
              <p>
                {senseOf(s).expansion}: {senseOf(s).definition}
              </p>
              <div class="inline">
                <button type="button" onClick={() => onEdit(s)} disabled={readOnly} aria-label={`Edit “${s.entry.headword}”`}>
                  Edit
                </button>
                <button type="button" onClick={() => void remove(s)} disabled={readOnly} aria-label={`Delete “${s.entry.headword}”`}>
                  Delete
                </button>
                {props.repositoryUrl && props.email ? (
                  <button
                    type="button"
                    aria-expanded={sending === s.key}
                    onClick={() => setSending(sending === s.key ? undefined : s.key)}
                    aria-label={`Send “${s.entry.headword}” to the maintainers`}
                  >
                    Send to maintainers
                  </button>
                ) : null}
              </div>
              {sending === s.key && props.repositoryUrl && props.email ? (
                <SendToMaintainers suggestion={s} repositoryUrl={props.repositoryUrl} email={props.email} onCopy={props.onCopy} />
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">You have no suggestions yet. Select a term on any page and choose “Suggest a definition” from the right-click menu.</p>
      )}

      <div class="inline">
        <button type="button" onClick={() => onExport('glossary')} disabled={!suggestions.length}>
          Export for the glossary (JSON)
        </button>
        <button type="button" onClick={() => onExport('backup')} disabled={!suggestions.length}>
          Back up everything (JSON)
        </button>
      </div>
      <div class="field">
        <label for="pj-import">Import a JSON file</label>
        <p class="hint" id="pj-import-hint">
          A glossary file or a backup from this extension, up to 1 MB. Nothing is saved until you confirm.
        </p>
        <input
          id="pj-import"
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          aria-describedby="pj-import-hint"
          disabled={readOnly}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) void importFile(file).finally(() => fileInput.current && (fileInput.current.value = ''));
          }}
        />
      </div>

      {importErrors ? (
        <div class="error-summary" role="alert">
          <h4>“{importErrors.file}” could not be imported. Nothing was changed.</h4>
          <ul>
            {importErrors.errors.map((e, i) => (
              <li key={i}>{e.path ? `${e.path}: ${e.message}` : e.message}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {merge ? (
        <MergeChoices
          merge={merge}
          onDecide={(key, decision) => setMerge({ ...merge, decisions: { ...merge.decisions, [key]: decision } })}
          onConfirm={() => void commit(merge.file, merge.plan, merge.decisions)}
          onCancel={() => {
            setMerge(undefined);
            setStatus(`Import of “${merge.file}” cancelled. Nothing was changed.`);
          }}
        />
      ) : null}
    </div>
  );
}

// --- Implementation helpers ---

function MergeChoices({
  merge,
  onDecide,
  onConfirm,
  onCancel,
}: {
  merge: { file: string; plan: Plan; decisions: Record<string, MergeDecision> };
  onDecide: (key: string, decision: MergeDecision) => void;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { plan, decisions, file } = merge;
  return (
    <section class="merge" role="dialog" aria-labelledby="pj-merge-title" aria-describedby="pj-merge-intro">
      <h4 id="pj-merge-title">Some entries in “{file}” are already saved</h4>
      <p id="pj-merge-intro">
        Choose which version to keep for each. {plan.fresh.length} new {plan.fresh.length === 1 ? 'entry' : 'entries'} will be added. Nothing is saved
        until you choose Import.
      </p>
      <ul class="plain">
        {plan.duplicates.map(({ incoming, existing }) => {
          const choice = decisions[incoming.key] ?? 'keep-mine';
          const name = `pj-merge-${incoming.key}`;
          return (
            <li key={incoming.key}>
              <fieldset>
                <legend>{existing.entry.headword}</legend>
                <label class="choice">
                  <input type="radio" name={name} checked={choice === 'keep-mine'} onChange={() => onDecide(incoming.key, 'keep-mine')} />
                  <span>Keep mine: {senseOf(existing).definition}</span>
                </label>
                <label class="choice">
                  <input type="radio" name={name} checked={choice === 'use-imported'} onChange={() => onDecide(incoming.key, 'use-imported')} />
                  <span>Use the file’s: {senseOf(incoming).definition}</span>
                </label>
              </fieldset>
            </li>
          );
        })}
      </ul>
      <div class="inline">
        <button type="button" class="primary" onClick={onConfirm}>
          Import
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}

function senseOf(s: Suggestion) {
  return s.kind === 'sense' ? s.entry.senses.at(-1)! : s.entry.senses[0]!;
}

function kindLabel(s: Suggestion): string {
  if (s.kind === 'sense') return 'Your new sense';
  if (s.kind === 'edit') return 'Your edit';
  return 'Your entry';
}
