import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { OptionsForm } from '../../components/OptionsForm';
import { SuggestionsSection } from '../../components/SuggestionsSection';
import { useThemeAttribute } from '../../components/use-theme';
import { SHOW_CARD_COMMAND } from '../../lib/browser/commands';
import { parseSuggestionHash, SUGGEST_SECTION } from '../../lib/browser/links';
import type { ResponseMap, RuntimeMessage } from '../../lib/browser/messages';
import { useSettings } from '../../lib/browser/use-settings';
import { compileWith } from '../../lib/core/default-glossary';
import { MAINTAINERS_EMAIL, REPOSITORY_URL } from '../../lib/config';
import '../../components/ui.css';
import './options.css';

/** The bundled glossary, for clash checks and imports: personal entries are the section's own. */
const glossary = compileWith();

function getEntry(id: string): Promise<ResponseMap['getEntry']> {
  return browser.runtime.sendMessage({ type: 'getEntry', id } satisfies RuntimeMessage) as Promise<ResponseMap['getEntry']>;
}

function OptionsApp() {
  const { settings, problems, error, update } = useSettings();
  // Read once: a later #suggest link (hashchange) only scrolls to the section.
  const [start] = useState(() => parseSuggestionHash(location.hash));
  const shortcut = useShortcut();
  useThemeAttribute(settings?.theme);
  // After the settings render, so the section is where it will stay.
  useSuggestionLinks(!!settings);

  return (
    <main class="options-page">
      <h1>Probation Jargon settings</h1>
      <p class="muted">Changes are saved as you make them and apply to open tabs at once.</p>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {settings ? <OptionsForm settings={settings} onChange={(patch) => void update(patch)} problems={problems} shortcut={shortcut} /> : <p>Loading…</p>}
      {/* The popup's and the card's "Suggest an edit" link here (#suggest?id=…), the context menu too (#suggest?term=…). */}
      <section id={SUGGEST_SECTION} aria-labelledby="pj-h-suggest">
        <h2 id="pj-h-suggest" tabIndex={-1}>
          Suggestions
        </h2>
        <p class="muted">
          Your own entries work at once in every open tab. They stay in this browser until you export them or send one to the
          glossary’s maintainers.
        </p>
        <SuggestionsSection glossary={glossary} getEntry={getEntry} start={start} repositoryUrl={REPOSITORY_URL} email={MAINTAINERS_EMAIL} />
      </section>
    </main>
  );
}

/**
 * "#suggest?id=…" is not an element id, so the browser does not scroll to
 * the section by itself: bring it into view and move focus to its heading.
 */
function useSuggestionLinks(ready: boolean): void {
  useEffect(() => {
    if (!ready) return undefined;
    const go = () => {
      if (!parseSuggestionHash(location.hash)) return;
      const heading = document.getElementById('pj-h-suggest');
      heading?.scrollIntoView({ block: 'start' });
      // The suggestion form may have opened first and taken focus: leave it in the form.
      if (!document.getElementById(SUGGEST_SECTION)?.contains(document.activeElement)) heading?.focus({ preventScroll: true });
    };
    go();
    addEventListener('hashchange', go);
    return () => removeEventListener('hashchange', go);
  }, [ready]);
}

/** The shortcut the reader has for the show-card command, as the browser reports it. */
function useShortcut(): string | undefined {
  const [shortcut, setShortcut] = useState<string>();
  useEffect(() => {
    browser.commands.getAll().then(
      (commands) => setShortcut(commands.find((c) => c.name === SHOW_CARD_COMMAND)?.shortcut || undefined),
      (err: unknown) => console.warn('Probation Jargon: could not read the keyboard shortcut', err),
    );
  }, []);
  return shortcut;
}

render(<OptionsApp />, document.getElementById('app')!);
