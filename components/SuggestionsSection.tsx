/**
 * The "Suggestions" section of the options page: the form and the list,
 * wired to the suggestions store and the draft. Glossary access comes in as
 * props, so tests and pages can each supply their own.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SuggestionStore } from '../lib/browser/suggestions';
import { suggestionStore } from '../lib/browser/suggestions';
import { useSuggestionDraft, useSuggestions } from '../lib/browser/use-suggestions';
import type { Entry } from '../lib/core/glossary-schema';
import type { CompiledGlossary } from '../lib/core/matcher';
import {
  buildSuggestion,
  EMPTY_FORM,
  findClash,
  formValuesOf,
  validateForm,
  type FormValues,
  type Suggestion,
  type SuggestionKind,
} from '../lib/core/suggestion-schema';
import { downloadText } from './download';
import { SuggestionForm, type FormTarget } from './SuggestionForm';
import { SuggestionList } from './SuggestionList';

export interface SuggestionsSectionProps {
  /** The bundled glossary compiled for matching: clash checks and imports. */
  glossary: CompiledGlossary;
  /** A bundled entry in full, for an edit or a new sense (the background's getEntry). */
  getEntry: (id: string) => Promise<Entry | undefined | null>;
  /** Where the page was opened from: `#suggest?id=oasys` (edit) or `?term=EPF` (new). */
  start?: { id?: string; term?: string };
  store?: SuggestionStore;
  repositoryUrl?: string;
  email?: string;
  now?: () => Date;
  newKey?: () => string;
}

interface Editing {
  /** Set when editing a stored suggestion. */
  key?: string;
  kind: SuggestionKind;
  target?: FormTarget;
  initial: FormValues;
  /** Remounts the form when a different thing is edited. */
  id: number;
}

export function SuggestionsSection({
  glossary,
  getEntry,
  start,
  store = suggestionStore,
  repositoryUrl,
  email,
  now = () => new Date(),
  newKey = () => crypto.randomUUID(),
}: SuggestionsSectionProps) {
  const { suggestions, problems, readOnly, loaded, error } = useSuggestions(store);
  const draft = useSuggestionDraft();
  const [editing, setEditing] = useState<Editing>();
  const [status, setStatus] = useState<string>();
  const formHeading = useRef<HTMLDivElement>(null);
  const started = useRef(false);
  const counter = useRef(0);

  const open = (next: Omit<Editing, 'id'>) => {
    setEditing({ ...next, id: ++counter.current });
    setStatus(undefined);
    setTimeout(() => formHeading.current?.querySelector<HTMLElement>('input, textarea')?.focus(), 0);
  };

  // Open the form once: from the link that opened the page, else from a saved draft.
  useEffect(() => {
    if (started.current || draft.draft === undefined || !loaded) return;
    started.current = true;
    const d = draft.draft;
    // The context menu saves a fuller draft (sentence, page, expansion) before opening this page with the same term.
    const draftMatches = d && ((start?.term && d.values.term === start.term) || (start?.id && d.targetId === start.id));
    if (d && (draftMatches || (!start?.id && !start?.term))) {
      const target = d.targetId ? { id: d.targetId, headword: d.values.term } : undefined;
      open({ key: d.key, kind: d.kind, target, initial: d.values });
    } else if (start?.id) {
      void getEntry(start.id).then((entry) => {
        const own = suggestions.find((s) => s.entry.id === start.id);
        if (own) open({ key: own.key, kind: own.kind, target: own.targetId ? { id: own.targetId, headword: own.entry.headword } : undefined, initial: formValuesOf(own) });
        else if (entry) open({ kind: 'edit', target: { id: entry.id, headword: entry.headword }, initial: valuesOfEntry(entry) });
      });
    } else if (start?.term) {
      open({ kind: 'new', initial: { ...EMPTY_FORM, term: start.term } });
    }
  }, [draft.draft, loaded]);

  const submit = async (values: FormValues, kind: SuggestionKind, formTarget?: FormTarget): Promise<string | void> => {
    let previous = editing?.key ? suggestions.find((s) => s.key === editing.key) : undefined;
    let target: Entry | undefined;
    if (kind !== 'new' && formTarget) {
      const own = suggestions.find((s) => s.entry.id === formTarget.id);
      // One personal entry per glossary entry: a change to an entry that already has one builds on it.
      // Re-editing that same suggestion starts from the bundled entry, so a sense is not added twice.
      if (own && own !== previous) {
        target = own.entry;
        previous = own;
      } else target = (await getEntry(formTarget.id)) ?? undefined;
      if (!target) return `Could not find “${formTarget.headword}” in the glossary`;
    }
    const same = suggestions.find((s) => s.kind === 'new' && kind === 'new' && s.key !== previous?.key && s.entry.headword.toLowerCase() === values.term.trim().toLowerCase());
    if (same) return `You already have an entry “${same.entry.headword}”: edit that one instead`;
    const taken = new Set([...glossary.entries.map((e) => e.id), ...suggestions.filter((s) => s !== previous).map((s) => s.entry.id)]);
    const key = previous?.key ?? newKey();
    const suggestion = buildSuggestion(values, { kind, key, now: now(), target, takenIds: taken, previous });
    const result = await store.save(suggestion);
    if (!result.ok) return result.reason === 'invalid' ? `${result.message}: ${result.problems.map((p) => `${p.path} ${p.message}`).join('; ')}` : result.message;
    draft.save(null);
    setEditing(undefined);
    setStatus(`Saved “${suggestion.entry.headword}”. It works in your open tabs now.`);
  };

  return (
    <div class="suggestions-section">
      {error ? (
        <p class="error-message" role="alert">
          {error}
        </p>
      ) : null}
      {draft.error ? (
        <p class="error-message" role="alert">
          {draft.error}
        </p>
      ) : null}
      <div aria-live="polite">{status ? <p role="status">{status}</p> : null}</div>

      <div ref={formHeading}>
        {editing ? (
          <SuggestionForm
            key={editing.id}
            initial={editing.initial}
            kind={editing.kind}
            target={editing.target}
            findTarget={(term) => findClash(term, glossary)}
            validate={(values, kind, targetId) => validateForm(values, { kind, targetId, glossary })}
            onDraftChange={(values, kind, target) =>
              draft.save({ kind, ...(target ? { targetId: target.id } : {}), ...(editing.key ? { key: editing.key } : {}), values, updatedAt: now().toISOString() })
            }
            onSubmit={submit}
            onCancel={() => {
              draft.save(null);
              setEditing(undefined);
            }}
          />
        ) : (
          <button type="button" class="primary" disabled={readOnly} onClick={() => open({ kind: 'new', initial: EMPTY_FORM })}>
            Suggest a new term
          </button>
        )}
      </div>

      <h3>Your suggestions and personal entries</h3>
      {loaded ? (
        <SuggestionList
          suggestions={suggestions}
          problems={problems}
          readOnly={readOnly}
          onEdit={(s: Suggestion) =>
            open({ key: s.key, kind: s.kind, target: s.targetId ? { id: s.targetId, headword: s.entry.headword } : undefined, initial: formValuesOf(s) })
          }
          onDelete={async (s) => {
            const result = await store.remove(s.key);
            return result.ok ? undefined : result.message;
          }}
          onRestore={async (s) => {
            const result = await store.save(s);
            return result.ok ? undefined : result.message;
          }}
          onExport={(format) => {
            const date = now().toISOString().slice(0, 10);
            void (format === 'glossary' ? store.exportGlossary() : store.exportBackup()).then((text) =>
              downloadText(format === 'glossary' ? `probation-jargon-suggestions-${date}.json` : `probation-jargon-backup-${date}.json`, text),
            );
          }}
          onPlanImport={(text) => store.planImport(text, glossary)}
          onCommitImport={(plan, decisions) => store.commitImport(plan, decisions)}
          repositoryUrl={repositoryUrl}
          email={email}
          onCopy={(text) => navigator.clipboard.writeText(text)}
        />
      ) : (
        <p>Loading…</p>
      )}
    </div>
  );
}

// --- Implementation helpers ---

function valuesOfEntry(entry: Entry): FormValues {
  const sense = entry.senses[0]!;
  return { ...EMPTY_FORM, term: entry.headword, expansion: sense.expansion, definition: sense.definition, category: entry.category, sourceUrl: sense.sources[0] ?? '' };
}
