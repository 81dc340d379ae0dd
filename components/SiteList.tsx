/** The sites where highlighting is off: add by name or URL, remove one by one. */
import { useState } from 'preact/hooks';
import { normaliseHost } from '../lib/core/settings';

export interface SiteListProps {
  sites: readonly string[];
  onChange: (sites: string[]) => void;
}

export function SiteList({ sites, onChange }: SiteListProps) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string>();

  const add = (event: Event) => {
    event.preventDefault();
    const host = normaliseHost(draft);
    if (!host) {
      setError(draft.trim() ? `“${draft.trim()}” is not a site name. Enter one such as example.org.` : 'Enter a site name such as example.org.');
      return;
    }
    setError(undefined);
    setDraft('');
    if (!sites.includes(host)) onChange([...sites, host].sort());
  };

  return (
    <div class="site-list">
      {sites.length ? (
        <ul class="plain sites" aria-label="Sites where highlighting is off">
          {sites.map((site) => (
            <li key={site}>
              <span>{site}</span>
              <button type="button" class="link" aria-label={`Remove ${site}`} onClick={() => onChange(sites.filter((s) => s !== site))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">Highlighting is on for every site.</p>
      )}
      <form class="add-site" onSubmit={add} noValidate>
        <label for="pj-add-site">Turn highlighting off for a site</label>
        <div class="inline">
          <input
            id="pj-add-site"
            type="text"
            inputMode="url"
            placeholder="example.org"
            value={draft}
            aria-invalid={!!error}
            aria-describedby={error ? 'pj-add-site-error' : 'pj-add-site-hint'}
            onInput={(event) => setDraft(event.currentTarget.value)}
          />
          <button type="submit" class="pill">
            Add
          </button>
        </div>
        {error ? (
          <p id="pj-add-site-error" class="error" role="alert">
            {error}
          </p>
        ) : (
          <p id="pj-add-site-hint" class="muted hint">
            A site covers its subdomains: example.org also covers news.example.org.
          </p>
        )}
      </form>
    </div>
  );
}
