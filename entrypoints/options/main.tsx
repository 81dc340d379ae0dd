import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { OptionsForm } from '../../components/OptionsForm';
import { useThemeAttribute } from '../../components/use-theme';
import { SHOW_CARD_COMMAND } from '../../lib/browser/commands';
import { parseSuggestionHash, SUGGEST_SECTION } from '../../lib/browser/links';
import { useSettings } from '../../lib/browser/use-settings';
import '../../components/ui.css';
import './options.css';

function OptionsApp() {
  const { settings, problems, error, update } = useSettings();
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
      {/* The suggestions issue fills this section; the popup's "Suggest an edit" links here (#suggest?id=…). */}
      <section id={SUGGEST_SECTION} aria-labelledby="pj-h-suggest">
        <h2 id="pj-h-suggest" tabIndex={-1}>
          Suggestions
        </h2>
        <p class="muted">Suggested entries and edits will be listed here.</p>
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
      heading?.focus({ preventScroll: true });
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
