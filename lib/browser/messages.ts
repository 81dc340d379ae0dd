/**
 * Every message between the extension's contexts, declared once. Receivers
 * validate what arrives (`parseMessage`), check the sender, and ignore
 * anything they do not recognise.
 */
import * as v from 'valibot';
import type { Entry } from '../core/glossary-schema';

const Id = v.pipe(v.string(), v.maxLength(100));
const Term = v.pipe(v.string(), v.maxLength(200));

/** Longest selection a suggestion starts from; longer ones are not a term. */
export const MAX_SELECTION = 1000;
/** Most page text sent with a selection, to find the page's own definition in. */
export const MAX_PAGE_TEXT = 200_000;

export const RuntimeMessage = v.variant('type', [
  /** Content script → background: the full entry for a card. */
  v.object({ type: v.literal('getEntry'), id: Id }),
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

export const TabMessage = v.variant('type', [
  /** Popup → content script: which terms are on this page. */
  v.object({ type: v.literal('pageTerms') }),
  /** Popup → content script: scroll to and flash the first mention of an entry. */
  v.object({ type: v.literal('revealTerm'), id: Id }),
  /** Background → content script: open the card for the term at the selection (keyboard command). */
  v.object({ type: v.literal('showCardAtSelection') }),
  /** Background → content script: the selected text with its sentence, for a suggestion (context menu, keyboard command). */
  v.object({ type: v.literal('selectionContext') }),
  /** Popup → content script: acronym-like tokens on the page that the glossary lacks. */
  v.object({ type: v.literal('unknownTerms') }),
]);
export type TabMessage = v.InferOutput<typeof TabMessage>;

export interface PageTerm {
  id: string;
  headword: string;
  count: number;
}

export interface ResponseMap {
  getEntry: Entry | null;
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

/** An unknown term on the page, for the popup's list. */
export interface PageUnknownTerm {
  text: string;
  count: number;
  /** The sentence around its first occurrence. */
  sentence: string;
  /** What the page says it stands for, when it defines it. */
  expansion?: string;
}

export interface UnknownTermsReply {
  /** False when highlighting is off on this page: nothing was read. */
  enabled: boolean;
  terms: PageUnknownTerm[];
  pageUrl: string;
}

/** Validates an incoming message; returns undefined (and warns) for anything unknown. */
export function parseMessage<T extends v.GenericSchema>(schema: T, message: unknown): v.InferOutput<T> | undefined {
  const result = v.safeParse(schema, message);
  if (result.success) return result.output;
  console.warn('Probation Jargon: ignored an unrecognised message', v.flatten(result.issues));
  return undefined;
}
