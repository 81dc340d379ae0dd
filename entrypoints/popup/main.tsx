import entries from 'virtual:glossary';
import { render } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { Popup } from '../../components/Popup';
import { useThemeAttribute } from '../../components/use-theme';
import { extensionUrl, suggestionPath } from '../../lib/browser/links';
import { usePageTerms } from '../../lib/browser/page-terms';
import { setSiteEnabled } from '../../lib/browser/settings';
import { suggestUnknownTerm, useUnknownTerms } from '../../lib/browser/unknown-terms';
import { useSettings } from '../../lib/browser/use-settings';
import { usePersonalEntries } from '../../lib/browser/use-suggestions';
import { compileGlossary, type CompiledGlossary } from '../../lib/core/matcher';
import { applyPersonalEntries } from '../../lib/core/personal-entries';
import { TOPIC_WORDS } from '../../lib/core/relevance';
import { createSearch } from '../../lib/core/search';
import '../../components/ui.css';
import './popup.css';

/** Time for open tabs to rescan after a switch, before the page's terms are asked for again. */
const RESCAN_MS = 600;

function PopupApp() {
  // The reader's own entries join the bundled ones (an edit replaces its entry); the index is rebuilt only when they change.
  const personal = usePersonalEntries();
  const all = useMemo(() => applyPersonalEntries(entries, personal.entries), [personal]);
  const search = useMemo(() => createSearch(all), [all]);
  const { settings, update, error: settingsError } = useSettings();
  const { page, refresh, reveal } = usePageTerms();
  const unknown = useUnknownTerms(page, all);
  useThemeAttribute(settings?.theme);

  // A switch that could not be saved (a full storage quota, say) is said, not just logged.
  const [saveError, setSaveError] = useState<string>();
  const afterSwitch = () => {
    setSaveError(undefined);
    setTimeout(refresh, RESCAN_MS);
  };
  const failedSwitch = (error: unknown) => {
    reportError(error);
    setSaveError(`Could not save the setting. ${error instanceof Error ? error.message : String(error)}`);
  };
  return (
    <>
      {(saveError ?? settingsError) ? (
        <p class="error" role="alert">
          {saveError ?? settingsError}
        </p>
      ) : null}
      <Popup
        search={search}
        entries={all}
        page={page}
        settings={settings}
        onSiteEnabled={(host, on) => void setSiteEnabled(host, on).then(afterSwitch, failedSwitch)}
        onPaused={(paused) => void update({ paused }).then(afterSwitch, failedSwitch)}
        onReveal={reveal}
        suggestEditUrl={(id) => extensionUrl(suggestionPath({ id }))}
        suggestTermUrl={(term) => extensionUrl(suggestionPath({ term }))}
        optionsUrl={extensionUrl('/options.html')}
        ownIds={personal.ownIds}
        unknown={unknown}
        onSuggestUnknown={(term) => {
          if (unknown.kind !== 'ready') return;
          void suggestUnknownTerm({ term, pageUrl: unknown.pageUrl, glossary: bundledGlossary() }).catch((error: unknown) =>
            console.error('Probation Jargon: could not start the suggestion', error),
          );
        }}
      />
    </>
  );
}

let compiled: CompiledGlossary | undefined;

/** The bundled glossary, compiled when first needed (a suggestion's clash check), not as the popup opens. */
function bundledGlossary(): CompiledGlossary {
  return (compiled ??= compileGlossary(entries, TOPIC_WORDS));
}

function reportError(error: unknown) {
  console.error('Probation Jargon: could not save the setting', error);
}

render(<PopupApp />, document.getElementById('app')!);
