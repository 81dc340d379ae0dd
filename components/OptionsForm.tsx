/**
 * Every setting, from plain props (the options page's container wires it to
 * storage). Each change is saved as it is made; there is no Save button.
 */
import { useEffect, useState } from 'preact/hooks';
import { CATEGORIES, type Category } from '../lib/core/glossary-schema';
import {
  MAX_HOVER_DELAY,
  type Settings,
  type SettingsProblem,
  type Theme,
  type Trigger,
  type UnderlineStyle,
} from '../lib/core/settings';
import { SiteList } from './SiteList';

export interface OptionsFormProps {
  settings: Settings;
  onChange: (patch: Partial<Settings>) => void;
  /** Stored values that could not be read (kept in a backup). */
  problems?: readonly SettingsProblem[];
  /** The keyboard shortcut as the browser reports it, if known. */
  shortcut?: string;
}

const UNDERLINES: { value: UnderlineStyle; label: string }[] = [
  { value: 'dotted', label: 'Dotted underline' },
  { value: 'solid', label: 'Solid underline' },
  { value: 'background', label: 'Shaded background' },
  { value: 'none', label: 'No mark (the card still opens)' },
];
const TRIGGER_LABELS: { value: Trigger; label: string }[] = [
  { value: 'hover', label: 'When I rest the pointer on a term' },
  { value: 'click-or-selection', label: 'Only when I click a term or select it' },
];
const THEME_LABELS: { value: Theme; label: string }[] = [
  { value: 'system', label: 'Follow the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function OptionsForm({ settings, onChange, problems = [], shortcut }: OptionsFormProps) {
  const categories = Object.keys(CATEGORIES) as Category[];
  return (
    <div class="options">
      {problems.length ? (
        <div class="problems" role="alert">
          <p>Some saved settings could not be read, so their defaults are in use. The saved values are kept in a backup.</p>
          <ul>
            {problems.map((p) => (
              <li key={p.path}>
                {p.path}: {p.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <section aria-labelledby="pj-h-highlighting">
        <h2 id="pj-h-highlighting">Highlighting</h2>
        <label class="switch">
          <input type="checkbox" role="switch" checked={settings.paused} onChange={(e) => onChange({ paused: e.currentTarget.checked })} />
          <span>Pause everywhere</span>
        </label>
        <fieldset>
          <legend>How terms are marked</legend>
          {UNDERLINES.map(({ value, label }) => (
            <label key={value} class="choice">
              <input type="radio" name="underline" value={value} checked={settings.underline === value} onChange={() => onChange({ underline: value })} />
              <span>
                {label} <span class={`sample sample-${value}`} aria-hidden="true">OASys</span>
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Categories to highlight</legend>
          <div class="inline">
            <button type="button" class="pill" onClick={() => onChange({ hiddenCategories: [] })}>
              All
            </button>
            <button type="button" class="pill" onClick={() => onChange({ hiddenCategories: [...categories] })}>
              None
            </button>
          </div>
          <div class="category-grid">
            {categories.map((category) => (
              <label key={category} class="choice">
                <input
                  type="checkbox"
                  checked={!settings.hiddenCategories.includes(category)}
                  onChange={(e) =>
                    onChange({
                      hiddenCategories: e.currentTarget.checked
                        ? settings.hiddenCategories.filter((c) => c !== category)
                        : [...settings.hiddenCategories, category].sort(),
                    })
                  }
                />
                <span>{CATEGORIES[category]}</span>
              </label>
            ))}
          </div>
        </fieldset>
      </section>

      <section aria-labelledby="pj-h-card">
        <h2 id="pj-h-card">The card</h2>
        <fieldset>
          <legend>Show the card</legend>
          {TRIGGER_LABELS.map(({ value, label }) => (
            <label key={value} class="choice">
              <input type="radio" name="trigger" value={value} checked={settings.trigger === value} onChange={() => onChange({ trigger: value })} />
              <span>{label}</span>
            </label>
          ))}
        </fieldset>
        <HoverDelay value={settings.hoverDelay} disabled={settings.trigger !== 'hover'} onChange={(hoverDelay) => onChange({ hoverDelay })} />
        <fieldset>
          <legend>Theme</legend>
          {THEME_LABELS.map(({ value, label }) => (
            <label key={value} class="choice">
              <input type="radio" name="theme" value={value} checked={settings.theme === value} onChange={() => onChange({ theme: value })} />
              <span>{label}</span>
            </label>
          ))}
        </fieldset>
        <p class="muted">
          Keyboard: select a term on a page and press <kbd>{shortcut || 'Alt+Shift+J'}</kbd> to open its card. You can change the
          keys in the browser’s extension shortcut settings.
        </p>
      </section>

      <section aria-labelledby="pj-h-sites">
        <h2 id="pj-h-sites">Sites</h2>
        <SiteList sites={settings.disabledSites} onChange={(disabledSites) => onChange({ disabledSites })} />
      </section>
    </div>
  );
}

/** A number field that saves on change (Enter or leaving it) and explains what it accepts. */
function HoverDelay({ value, disabled, onChange }: { value: number; disabled: boolean; onChange: (ms: number) => void }) {
  const [draft, setDraft] = useState(String(value));
  const [error, setError] = useState<string>();
  useEffect(() => setDraft(String(value)), [value]);

  const commit = () => {
    const ms = Number(draft);
    if (!draft.trim() || !Number.isInteger(ms) || ms < 0 || ms > MAX_HOVER_DELAY) {
      setError(`Enter a whole number of milliseconds from 0 to ${MAX_HOVER_DELAY}.`);
      return;
    }
    setError(undefined);
    if (ms !== value) onChange(ms);
  };

  return (
    <div class="field">
      <label for="pj-hover-delay">Hover delay (milliseconds)</label>
      <input
        id="pj-hover-delay"
        type="number"
        min={0}
        max={MAX_HOVER_DELAY}
        step={50}
        value={draft}
        disabled={disabled}
        aria-invalid={!!error}
        aria-describedby="pj-hover-delay-help"
        onInput={(e) => setDraft(e.currentTarget.value)}
        onChange={commit}
      />
      <p id="pj-hover-delay-help" class={error ? 'error' : 'muted hint'} role={error ? 'alert' : undefined}>
        {error ?? 'How long the pointer rests on a term before its card opens.'}
      </p>
    </div>
  );
}
