/**
 * Every message between the extension's contexts, declared once. Receivers
 * validate what arrives (`parseMessage`, `parseTabMessage`), check the
 * sender, and ignore anything they do not recognise.
 */
import * as v from 'valibot';
import type { Entry } from '../core/glossary-schema';

/** Longest entry id a message may carry. */
const MAX_ID = 100;
const Id = v.pipe(v.string(), v.maxLength(MAX_ID));
const Term = v.pipe(v.string(), v.maxLength(200));

/** Longest selection a suggestion starts from; longer ones are not a term. */
export const MAX_SELECTION = 1000;
/** Most page text sent with a selection, to find the page's own definition in. */
export const MAX_PAGE_TEXT = 200_000;
/** Characters of a page's readable text that a content script sends for "Unknown terms on this page". */
export const MAX_READABLE_TEXT = 2_000_000;

export const RuntimeMessage = v.variant('type', [
  /** Content script → background: the full entry for a card. */
  v.object({ type: v.literal('getEntry'), id: Id }),
  /**
   * Content script → background: the reader's personal entries, validated.
   * The content script carries no schema to check stored suggestions with.
   */
  v.object({ type: v.literal('personalEntries') }),
  /**
   * Content script → background: the stored settings do not parse; keep
   * them in the backup, as reading them in an extension page does. Content
   * scripts write nothing to storage themselves.
   */
  v.object({ type: v.literal('backUpSettings') }),
  /**
   * Content script or popup → background: open the suggestion form for an entry
   * ("Suggest an edit" on a card) or a term. Content scripts cannot open
   * extension pages themselves in every browser.
   */
  v.object({ type: v.literal('openSuggestion'), id: v.optional(Id), term: v.optional(Term) }),
  /**
   * Extension page → background: do what the context menu item does for the
   * selection in tab `tabId` (and frame `frameId`, else whichever frame has one).
   * The background refuses it from content scripts.
   */
  v.object({
    type: v.literal('suggestSelection'),
    tabId: v.pipe(v.number(), v.integer(), v.minValue(0)),
    frameId: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  }),
]);
export type RuntimeMessage = v.InferOutput<typeof RuntimeMessage>;

/**
 * Messages to content scripts. Checked by hand (`parseTabMessage`) rather
 * than with a valibot schema: the content script runs in every frame of
 * every tab, and valibot would be a large part of what each one loads.
 */
export type TabMessage =
  /** Popup → content script: which terms are on this page. */
  | { type: 'pageTerms' }
  /** Popup → content script: scroll to and flash the first mention of an entry. */
  | { type: 'revealTerm'; id: string }
  /** Background → content script: open the card for the term at the selection (keyboard command). */
  | { type: 'showCardAtSelection' }
  /** Background → content script: the selected text with its sentence, for a suggestion (context menu, keyboard command). */
  | { type: 'selectionContext' }
  /** Popup → content script: acronym-like tokens on the page that the glossary lacks. */
  | { type: 'unknownTerms' };

export interface PageTerm {
  id: string;
  headword: string;
  count: number;
}

export interface ResponseMap {
  getEntry: Entry | null;
  personalEntries: Entry[];
  /** Whether the backup now holds the stored value (false when it reads well, or the backup failed). */
  backUpSettings: { kept: boolean };
  /** `host` is the page's hostname, for the popup's per-site switch. */
  pageTerms: { terms: PageTerm[]; host: string };
  revealTerm: { found: boolean };
  showCardAtSelection: { shown: boolean };
  openSuggestion: { opened: boolean };
  suggestSelection: { started: boolean };
  /** Undefined when the frame has no selection. */
  selectionContext: SelectionReply | undefined;
  unknownTerms: UnknownTermsReply;
}

/**
 * What a content script knows about its selection: the text, the sentence
 * around it, the page's passages that mention it (to find the page's own
 * definition in) and the frame's address. Untrusted: the background validates it.
 */
export const SelectionReply = v.object({
  selection: v.pipe(v.string(), v.maxLength(MAX_SELECTION)),
  sentence: v.pipe(v.string(), v.maxLength(5000)),
  pageText: v.pipe(v.string(), v.maxLength(MAX_PAGE_TEXT)),
  pageUrl: v.pipe(v.string(), v.maxLength(5000)),
});
export type SelectionReply = v.InferOutput<typeof SelectionReply>;

/** A content script's answer to `unknownTerms`: the page's text, in which the popup finds them. */
export interface UnknownTermsReply {
  /** False when highlighting is off on this page: nothing was read. */
  enabled: boolean;
  /** The page's readable text (see readPageText); empty when switched off. */
  text: string;
  pageUrl: string;
}

/**
 * Validates a message to a content script; returns undefined (and warns) for
 * anything unknown. Like `parseMessage`, it returns a new object with only
 * the known fields.
 */
export function parseTabMessage(message: unknown): TabMessage | undefined {
  const type = isRecord(message) ? message.type : undefined;
  switch (type) {
    case 'pageTerms':
    case 'showCardAtSelection':
    case 'selectionContext':
    case 'unknownTerms':
      return { type };
    case 'revealTerm': {
      const id = (message as Record<string, unknown>).id;
      if (typeof id === 'string' && id.length <= MAX_ID) return { type, id };
      console.warn('Probation Jargon: ignored an unrecognised message', `revealTerm: expected an id of at most ${MAX_ID} characters`);
      return undefined;
    }
  }
  console.warn('Probation Jargon: ignored an unrecognised message', `unknown type ${typeof type === 'string' ? JSON.stringify(type.slice(0, 40)) : typeof type}`);
  return undefined;
}

/** Validates an incoming message; returns undefined (and warns) for anything unknown. */
export function parseMessage<T extends v.GenericSchema>(schema: T, message: unknown): v.InferOutput<T> | undefined {
  const result = v.safeParse(schema, message);
  if (result.success) return result.output;
  console.warn('Probation Jargon: ignored an unrecognised message', v.flatten(result.issues));
  return undefined;
}

// --- Implementation helpers ---

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
