/**
 * What the context menu item and the keyboard command do with a selection:
 * save a draft holding the term, the sentence, the page address and any
 * expansion the page gives, then open the suggestion form, which picks the
 * draft up. Runs in the background or an extension page (content scripts
 * do not write storage).
 */
import { draftFromSelection, type SelectionContext } from '../core/selection-context';
import type { SuggestionDraft } from '../core/suggestion-schema';
import { suggestionPath } from './links';
import { writingTo } from './storage-errors';
import { SUGGESTION_DRAFT_KEY, suggestionDraftItem } from './suggestions';

/**
 * Saves the draft, then calls `open` with the form's path
 * (`/options.html#suggest?term=EPF`, or `?id=oasys` for a known term).
 * A full quota throws a StorageFullError; the form then opens without the draft.
 */
export async function startSuggestion(context: SelectionContext, open: (path: ReturnType<typeof suggestionPath>) => Promise<unknown>): Promise<SuggestionDraft> {
  const draft = draftFromSelection(context);
  try {
    await writingTo(SUGGESTION_DRAFT_KEY, () => suggestionDraftItem.setValue(draft));
  } finally {
    await open(suggestionPath(draft.targetId ? { id: draft.targetId } : { term: draft.values.term }));
  }
  return draft;
}
