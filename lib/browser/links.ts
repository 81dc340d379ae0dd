/**
 * Links between the extension's own pages. Suggestions live in the options
 * page's "suggest" section (issue: suggest new entries); the popup links
 * there with the entry or the term to prefill.
 */
import { browser } from 'wxt/browser';

export const SUGGEST_SECTION = 'suggest';

/** What a suggestion link carries: an entry to edit, or a new term. */
export interface SuggestionTarget {
  id?: string;
  term?: string;
}

/** `/options.html#suggest?id=oasys`, or `…?term=EPF`, as a path inside the extension. */
export function suggestionPath({ id, term }: SuggestionTarget): `/options.html#${string}` {
  const params = new URLSearchParams();
  if (id) params.set('id', id);
  if (term) params.set('term', term);
  const query = params.toString();
  return `/options.html#${SUGGEST_SECTION}${query ? `?${query}` : ''}`;
}

/** Reads a suggestion link's hash back; undefined when the hash is not the suggest section. */
export function parseSuggestionHash(hash: string): SuggestionTarget | undefined {
  const match = /^#suggest(?:\?(.*))?$/.exec(hash);
  if (!match) return undefined;
  const params = new URLSearchParams(match[1] ?? '');
  return { id: params.get('id') ?? undefined, term: params.get('term') ?? undefined };
}

/** A full extension URL for a path such as "/options.html". */
export function extensionUrl(path: '/options.html' | '/popup.html' | `/options.html#${string}`): string {
  return browser.runtime.getURL(path);
}
