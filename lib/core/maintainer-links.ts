/**
 * "Send to maintainers": a prefilled new-issue link on the project's
 * repository and a mailto: draft, each carrying the suggestion as glossary
 * JSON that a maintainer can paste into glossary/<category>.json.
 *
 * The page address and the sentence stay out unless the reader asks for
 * them: a page read at work may hold personal details. Even then the page
 * address loses its query and fragment, which often carry case numbers or
 * session tokens.
 *
 * Links have length limits: GitHub refuses new-issue URLs much over 8 KB, and
 * mail programs cut mailto: links near 2,000 characters. When the JSON does
 * not fit, the link says to paste it, and `fits` is false so the caller can
 * put the JSON on the clipboard first.
 */
import type { Suggestion } from './suggestion-schema';

/** Longest new-issue URL we build; GitHub answers 414 somewhat above 8,000. */
export const MAX_ISSUE_URL = 8000;
/** Longest mailto: URL we build; some mail programs stop near 2,000. */
export const MAX_MAILTO_URL = 2000;

export interface MaintainerLink {
  url: string;
  /** Whether the JSON is in the link; if not, the link asks the reader to paste it. */
  fits: boolean;
  /** The glossary JSON for the clipboard. */
  json: string;
}

export interface LinkOptions {
  /** Include the page address (without query) and the sentence. */
  includeContext?: boolean;
}

/** A new-issue link on `repositoryUrl` (https://github.com/owner/name). */
export function newIssueLink(suggestion: Suggestion, repositoryUrl: string, { includeContext = false }: LinkOptions = {}): MaintainerLink {
  const json = suggestionJson(suggestion);
  const build = (body: string) =>
    `${repositoryUrl.replace(/\/+$/, '')}/issues/new?${new URLSearchParams({ title: titleOf(suggestion), body, labels: 'suggestion' }).toString()}`;
  const full = build(bodyOf(suggestion, includeContext, json));
  if (full.length <= MAX_ISSUE_URL) return { url: full, fits: true, json };
  return { url: build(bodyOf(suggestion, includeContext, undefined)), fits: false, json };
}

/** A mailto: draft to `email`. */
export function mailtoLink(suggestion: Suggestion, email: string, { includeContext = false }: LinkOptions = {}): MaintainerLink {
  const json = suggestionJson(suggestion);
  // RFC 6068: line breaks in a mailto: body are written %0D%0A.
  const encode = (text: string) => encodeURIComponent(text.replace(/\r?\n/g, '\r\n'));
  const build = (body: string) => `mailto:${encodeURIComponent(email).replace('%40', '@')}?subject=${encode(titleOf(suggestion))}&body=${encode(body)}`;
  const full = build(bodyOf(suggestion, includeContext, json));
  if (full.length <= MAX_MAILTO_URL) return { url: full, fits: true, json };
  return { url: build(bodyOf(suggestion, includeContext, undefined)), fits: false, json };
}

/** The entry as glossary JSON, as it would sit in a glossary file's `entries` list. */
export function suggestionJson(suggestion: Suggestion): string {
  return JSON.stringify(suggestion.entry, null, 2);
}

// --- Implementation helpers ---

function titleOf({ kind, entry }: Suggestion): string {
  const sense = entry.senses.at(-1)!;
  if (kind === 'new') return `Suggestion: new term “${entry.headword}” (${sense.expansion})`;
  if (kind === 'sense') return `Suggestion: new sense of “${entry.headword}” (${sense.expansion})`;
  return `Suggestion: edit of “${entry.headword}”`;
}

function bodyOf(suggestion: Suggestion, includeContext: boolean, json: string | undefined): string {
  const { kind, entry, targetId } = suggestion;
  const sense = kind === 'sense' ? entry.senses.at(-1)! : entry.senses[0]!;
  const lines = [
    kind === 'new' ? 'A new term for the glossary.' : kind === 'sense' ? `A new sense of the entry \`${targetId}\`.` : `An edit of the entry \`${targetId}\`.`,
    '',
    `**Term:** ${entry.headword}`,
    `**Stands for:** ${sense.expansion}`,
    `**Definition:** ${sense.definition}`,
    `**Category:** ${entry.category}`,
    `**Source:** ${sense.sources.join(' ')}`,
  ];
  if (includeContext && suggestion.pageUrl) lines.push(`**Met on:** ${withoutQuery(suggestion.pageUrl)}`);
  if (includeContext && suggestion.sentence) lines.push('', `> ${suggestion.sentence}`);
  lines.push('', `Glossary JSON (for glossary/${entry.category}.json):`, '');
  lines.push(json === undefined ? '(The JSON was too long for a link. It is on your clipboard: paste it here.)' : ['```json', json, '```'].join('\n'));
  lines.push('', 'Sent from the Probation Jargon browser extension.');
  return lines.join('\n');
}

function withoutQuery(url: string): string {
  const at = url.search(/[?#]/);
  return at < 0 ? url : url.slice(0, at);
}
