/** Small text helpers shared by the card, the popup and the options page. */
import type { Entry } from './glossary-schema';

/** "Historic (2014–2021)", "Current (since 2002)", "Historic". */
export function statusLabel(entry: Pick<Entry, 'status' | 'years'>): string {
  const { from, until } = entry.years ?? {};
  const label = entry.status === 'historic' ? 'Historic' : 'Current';
  if (from && until) return `${label} (${from}–${until})`;
  if (until) return `${label} (until ${until})`;
  if (from) return `${label} (since ${from})`;
  return label;
}

/** Whether a source may be linked: only https addresses are. */
export function isHttps(url: string): boolean {
  return url.startsWith('https://');
}

/** "gov.uk", or "github.com/ministryofjustice" for a GitHub source: a repository host says little on its own. */
export function sourceLabel(url: string): string {
  try {
    const { hostname, pathname } = new URL(url);
    const host = hostname.replace(/^www\./, '');
    if (host === 'github.com') {
      const owner = pathname.split('/').filter(Boolean)[0];
      return owner ? `${host}/${owner}` : host;
    }
    return host;
  } catch {
    return url; // Shown as written; only https URLs reach here.
  }
}
