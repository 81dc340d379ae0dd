/**
 * The suggestion form, from plain props: a container supplies the starting
 * values (a saved draft, a selection on a page, or a suggestion to edit),
 * saves the draft on every change, and stores what is submitted.
 *
 * Errors follow the GOV.UK pattern: a summary at the top that takes focus and
 * links to each field, and the message again above the field, tied to it with
 * aria-describedby. After the first submit, fields are checked as they change.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { CATEGORIES, type Category } from '../lib/core/glossary-schema';
import {
  FORM_FIELDS,
  LIMITS,
  validateForm,
  type FieldErrors,
  type FormField,
  type FormValues,
  type SuggestionKind,
} from '../lib/core/suggestion-schema';
import './suggestions.css';

export interface FormTarget {
  id: string;
  headword: string;
}

export interface SuggestionFormProps {
  /** Values to start with: a draft, a selection on a page, or a suggestion to edit. */
  initial: FormValues;
  kind?: SuggestionKind;
  /** The glossary entry a new sense or an edit is for. */
  target?: FormTarget;
  /** The glossary entry a term would clash with, if any (a capability: `findClash` over the glossary). */
  findTarget?: (term: string) => FormTarget | undefined;
  /** Checks the values; defaults to `validateForm` without the glossary. */
  validate?: (values: FormValues, kind: SuggestionKind, targetId?: string) => FieldErrors;
  /** Every change, as typed, for the draft. */
  onDraftChange?: (values: FormValues, kind: SuggestionKind, target?: FormTarget) => void;
  /** Valid values; resolves to an error message to show, or nothing on success. */
  onSubmit: (values: FormValues, kind: SuggestionKind, target?: FormTarget) => Promise<string | void> | string | void;
  onCancel?: () => void;
  /** Shown on the submit button. */
  submitLabel?: string;
}

const LABELS: Record<FormField, string> = {
  term: 'Term',
  expansion: 'What it stands for, or its full name',
  definition: 'Definition',
  category: 'Category',
  sourceUrl: 'Source',
  sentence: 'Sentence where you met it',
  pageUrl: 'Page address',
};

const HINTS: Partial<Record<FormField, string>> = {
  term: 'As it is written, for example EPF or Approved Premises.',
  definition: `Plain English, in your own words, ${LIMITS.definitionWords} words at most.`,
  sourceUrl: 'The https address of a page that explains the term, such as a GOV.UK page.',
  sentence: 'Optional. Filled in from the page; you can change it.',
  pageUrl: 'Optional. Filled in from the page; you can change it.',
};

export function SuggestionForm({
  initial,
  kind: initialKind = 'new',
  target: initialTarget,
  findTarget,
  validate = (values, kind, targetId) => validateForm(values, { kind, targetId }),
  onDraftChange,
  onSubmit,
  onCancel,
  submitLabel = 'Save',
}: SuggestionFormProps) {
  const [values, setValues] = useState<FormValues>(initial);
  const [kind, setKind] = useState<SuggestionKind>(initialKind);
  const [target, setTarget] = useState<FormTarget | undefined>(initialTarget);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string>();
  const summary = useRef<HTMLDivElement>(null);
  const [focusSummary, setFocusSummary] = useState(0);

  useEffect(() => {
    if (focusSummary) summary.current?.focus();
  }, [focusSummary]);

  const clash = useMemo(() => (kind === 'new' && findTarget ? findTarget(values.term) : undefined), [kind, findTarget, values.term]);
  const shownErrors = submitted ? errors : {};
  const errorFields = FORM_FIELDS.filter((field) => shownErrors[field]);
  const wordCount = values.definition.trim() ? values.definition.trim().split(/\s+/).length : 0;

  const change = (field: FormField, value: string) => {
    const next = { ...values, [field]: value };
    setValues(next);
    onDraftChange?.(next, kind, target);
    if (submitted) setErrors(validate(next, kind, target?.id));
  };

  const switchKind = (nextKind: SuggestionKind, nextTarget: FormTarget | undefined) => {
    setKind(nextKind);
    setTarget(nextTarget);
    onDraftChange?.(values, nextKind, nextTarget);
    if (submitted) setErrors(validate(values, nextKind, nextTarget?.id));
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const found = validate(values, kind, target?.id);
    setSubmitted(true);
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length) {
      setFocusSummary((n) => n + 1);
      return;
    }
    setSaving(true);
    try {
      const message = await onSubmit(values, kind, target);
      if (message) setFailure(message);
    } catch (error) {
      setFailure(`Could not save: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setSaving(false);
    }
  };

  const field = (name: FormField, control: (props: Record<string, unknown>) => preact.JSX.Element) => {
    const id = `pj-suggest-${name}`;
    const hint = HINTS[name];
    const error = shownErrors[name];
    const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
    return (
      <div class={`field${error ? ' field-error' : ''}`}>
        <label for={id}>{LABELS[name]}</label>
        {hint ? (
          <p id={`${id}-hint`} class="hint">
            {name === 'definition' ? `${hint} ${wordCount} of ${LIMITS.definitionWords}.` : hint}
          </p>
        ) : null}
        {error ? (
          <p id={`${id}-error`} class="error-message">
            <span class="sr-only">Error: </span>
            {error}
          </p>
        ) : null}
        {control({ id, name, 'aria-describedby': describedBy, 'aria-invalid': error ? 'true' : undefined })}
      </div>
    );
  };

  const text = (name: FormField, type = 'text', extra: Record<string, unknown> = {}) =>
    field(name, (props) => (
      <input {...props} {...extra} type={type} value={values[name]} onInput={(e) => change(name, e.currentTarget.value)} />
    ));
  const area = (name: FormField, rows: number) =>
    field(name, (props) => <textarea {...props} rows={rows} value={values[name]} onInput={(e) => change(name, e.currentTarget.value)} />);

  return (
    <form class="suggestion-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="pj-suggest-heading">
      <h3 id="pj-suggest-heading">{heading(kind, target)}</h3>

      {errorFields.length ? (
        <div class="error-summary" role="alert" tabIndex={-1} ref={summary} aria-labelledby="pj-suggest-error-title">
          <h4 id="pj-suggest-error-title">There is a problem</h4>
          <ul>
            {errorFields.map((name) => (
              <li key={name}>
                <a href={`#pj-suggest-${name}`} onClick={(e) => focusField(e, name)}>
                  {shownErrors[name]}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {text('term', 'text', { autoComplete: 'off', spellcheck: false, readOnly: kind === 'sense' })}
      {clash ? (
        <div class="clash" role="status">
          <p>
            “{clash.headword}” is already in the glossary. You can add a new meaning to it, or suggest a change to it.
          </p>
          <div class="inline">
            <button type="button" onClick={() => switchKind('sense', clash)}>
              Add a new sense to “{clash.headword}”
            </button>
            <button type="button" onClick={() => switchKind('edit', clash)}>
              Suggest an edit of “{clash.headword}”
            </button>
          </div>
        </div>
      ) : null}
      {kind !== 'new' && target ? (
        <p class="muted">
          <button type="button" class="link" onClick={() => switchKind('new', undefined)}>
            Make it a new entry instead
          </button>
        </p>
      ) : null}
      {text('expansion')}
      {area('definition', 4)}
      {field('category', (props) => (
        <select {...props} value={values.category} onChange={(e) => change('category', e.currentTarget.value)}>
          <option value="">Choose a category</option>
          {(Object.keys(CATEGORIES) as Category[]).map((key) => (
            <option key={key} value={key}>
              {CATEGORIES[key]}
            </option>
          ))}
        </select>
      ))}
      {text('sourceUrl', 'url', { inputMode: 'url', spellcheck: false })}
      {area('sentence', 2)}
      {text('pageUrl', 'url', { inputMode: 'url', spellcheck: false })}

      {failure ? (
        <p class="error-message" role="alert">
          {failure}
        </p>
      ) : null}
      <div class="inline actions">
        <button type="submit" class="primary" disabled={saving}>
          {saving ? 'Saving…' : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}

// --- Implementation helpers ---

function heading(kind: SuggestionKind, target?: FormTarget): string {
  if (kind === 'sense' && target) return `Add a new sense to “${target.headword}”`;
  if (kind === 'edit' && target) return `Suggest an edit of “${target.headword}”`;
  return 'Suggest a new term';
}

/** The summary's links move focus to the field itself, not only scroll to it. */
function focusField(event: Event, name: FormField): void {
  const control = document.getElementById(`pj-suggest-${name}`);
  if (!control) return;
  event.preventDefault();
  control.focus();
}
