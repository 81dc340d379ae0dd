import entries from 'virtual:glossary';
import { render } from 'preact';
import { useMemo } from 'preact/hooks';
import { Popup } from '../../components/Popup';
import { useThemeAttribute } from '../../components/use-theme';
import { extensionUrl, suggestionPath } from '../../lib/browser/links';
import { usePageTerms } from '../../lib/browser/page-terms';
import { setSiteEnabled } from '../../lib/browser/settings';
import { useSettings } from '../../lib/browser/use-settings';
import { createSearch } from '../../lib/core/search';
import '../../components/ui.css';
import './popup.css';

/** Time for open tabs to rescan after a switch, before the page's terms are asked for again. */
const RESCAN_MS = 600;

function PopupApp() {
  // Personal entries (suggestions issue) join the bundled ones here, and the index is rebuilt only when they change.
  const all = entries;
  const search = useMemo(() => createSearch(all), [all]);
  const { settings, update } = useSettings();
  const { page, refresh, reveal } = usePageTerms();
  useThemeAttribute(settings?.theme);

  const afterSwitch = () => setTimeout(refresh, RESCAN_MS);
  return (
    <Popup
      search={search}
      entries={all}
      page={page}
      settings={settings}
      onSiteEnabled={(host, on) => void setSiteEnabled(host, on).then(afterSwitch, reportError)}
      onPaused={(paused) => void update({ paused }).then(afterSwitch, reportError)}
      onReveal={reveal}
      suggestEditUrl={(id) => extensionUrl(suggestionPath({ id }))}
      suggestTermUrl={(term) => extensionUrl(suggestionPath({ term }))}
      optionsUrl={extensionUrl('/options.html')}
    />
  );
}

function reportError(error: unknown) {
  console.error('Probation Jargon: could not save the setting', error);
}

render(<PopupApp />, document.getElementById('app')!);
