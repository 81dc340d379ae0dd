/** The card shown for a term on a page: what it stands for and what it means. */
import { CATEGORIES, type Entry } from '../lib/core/glossary-schema';
import { statusLabel } from '../lib/core/format';

export interface DefinitionCardProps {
  entry: Entry;
  /** Sense indices, best supported by the context first. */
  senses: number[];
  /** The text as written on the page. */
  surface: string;
  /** The reader's own entry, not the published glossary's. */
  own?: boolean;
  onSuggestEdit?: () => void;
  onClose?: () => void;
  /** The reader's theme; `system` (the default) follows prefers-color-scheme. */
  theme?: 'system' | 'light' | 'dark';
}

export function DefinitionCard({ entry, senses, surface, own, onSuggestEdit, onClose, theme }: DefinitionCardProps) {
  const [lead, ...others] = senses.length ? senses : [0];
  const sense = entry.senses[lead!]!;
  const titleId = `pj-title-${entry.id}`;
  const bodyId = `pj-body-${entry.id}`;
  return (
    // The dialog role sits on a wrapper: ARIA in HTML does not allow it on <article>.
    <div class="dialog" role="dialog" aria-labelledby={titleId} aria-describedby={bodyId} tabIndex={-1} lang="en-GB">
      <article class={theme === 'light' || theme === 'dark' ? `card ${theme}` : 'card'}>
        <header>
          <h2 id={titleId}>
            {entry.headword}
            {surface && surface !== entry.headword ? <span class="surface"> (“{surface}”)</span> : null}
          </h2>
          {onClose ? (
            <button type="button" class="close" aria-label="Close" onClick={onClose}>
              ×
            </button>
          ) : null}
        </header>
        <div id={bodyId}>
          <p class="expansion">{sense.expansion}</p>
          <p class="definition">{sense.definition}</p>
        </div>
        <p class="meta">
          <span class="chip">{CATEGORIES[entry.category]}</span>
          {entry.status === 'historic' ? <span class="chip historic">{statusLabel(entry)}</span> : null}
          {own ? <span class="chip own">Your own entry</span> : null}
        </p>
        {others.length ? (
          <section class="others" aria-label="Other meanings">
            <h3>Can also mean</h3>
            <ul>
              {others.map((i) => (
                <li key={i}>
                  <strong>{entry.senses[i]!.expansion}</strong>: {entry.senses[i]!.definition}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <footer>
          {sense.sources
            .filter(isHttps)
            .slice(0, 1)
            .map((url) => (
              <a key={url} href={url} target="_blank" rel="noopener noreferrer">
                Source: {hostOf(url)}
              </a>
            ))}
          {onSuggestEdit ? (
            <button type="button" class="link" onClick={onSuggestEdit}>
              Suggest an edit
            </button>
          ) : null}
        </footer>
      </article>
    </div>
  );
}

function isHttps(url: string): boolean {
  return url.startsWith('https://');
}

function hostOf(url: string): string {
  try {
    const { hostname, pathname } = new URL(url);
    const host = hostname.replace(/^www\./, '');
    // A repository host says little on its own: name the owner too.
    return host === 'github.com' ? `${host}/${pathname.split('/')[1] ?? ''}` : host;
  } catch {
    return url;
  }
}
