/**
 * Every message between the extension's contexts, declared once. Receivers
 * validate what arrives (`parseMessage`), check the sender, and ignore
 * anything they do not recognise.
 */
import * as v from 'valibot';
import type { Entry } from '../core/glossary-schema';

const Id = v.pipe(v.string(), v.maxLength(100));

export const RuntimeMessage = v.variant('type', [
  /** Content script → background: the full entry for a card. */
  v.object({ type: v.literal('getEntry'), id: Id }),
]);
export type RuntimeMessage = v.InferOutput<typeof RuntimeMessage>;

export const TabMessage = v.variant('type', [
  /** Popup → content script: which terms are on this page. */
  v.object({ type: v.literal('pageTerms') }),
  /** Popup → content script: scroll to and flash the first mention of an entry. */
  v.object({ type: v.literal('revealTerm'), id: Id }),
  /** Background → content script: open the card for the term at the selection (keyboard command). */
  v.object({ type: v.literal('showCardAtSelection') }),
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
}

/** Validates an incoming message; returns undefined (and warns) for anything unknown. */
export function parseMessage<T extends v.GenericSchema>(schema: T, message: unknown): v.InferOutput<T> | undefined {
  const result = v.safeParse(schema, message);
  if (result.success) return result.output;
  console.warn('Probation Jargon: ignored an unrecognised message', v.flatten(result.issues));
  return undefined;
}
