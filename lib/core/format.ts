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
