/** The popup's two switches: highlighting on this site, and pause everywhere. Both apply to open tabs at once. */
import type { Settings } from '../lib/core/settings';
import { isSiteDisabled } from '../lib/core/settings';

export interface SiteSwitchesProps {
  settings: Settings;
  /** The page's hostname; undefined where there is no site to switch. */
  host?: string;
  onSiteEnabled: (host: string, on: boolean) => void;
  onPaused: (paused: boolean) => void;
}

export function SiteSwitches({ settings, host, onSiteEnabled, onPaused }: SiteSwitchesProps) {
  return (
    <div class="switches">
      {host ? (
        <label class="switch">
          <input
            type="checkbox"
            role="switch"
            checked={!isSiteDisabled(settings, host)}
            onChange={(event) => onSiteEnabled(host, event.currentTarget.checked)}
          />
          <span>
            Highlight on this site <span class="muted">({host})</span>
          </span>
        </label>
      ) : null}
      <label class="switch">
        <input type="checkbox" role="switch" checked={settings.paused} onChange={(event) => onPaused(event.currentTarget.checked)} />
        <span>Pause everywhere</span>
      </label>
    </div>
  );
}
