/**
 * What a suggestion needs from the page, read only when asked: the selected
 * text with its sentence and the passages that mention it (the context menu
 * and the keyboard command), and the page's readable text, in which the popup
 * looks for the acronym-like tokens the glossary lacks ("Unknown terms on
 * this page"). Reading never changes the page.
 */
import { sentenceAround } from '../core/selection-context';
import { MAX_PAGE_TEXT, MAX_READABLE_TEXT, MAX_SELECTION, type SelectionReply } from '../browser/messages';
import { collectPassages, type Passage, type WalkOptions } from './walker';

/**
 * The document's selection with its sentence and the passages that mention
 * it; undefined when nothing is selected.
 */
export function readSelection(doc: Document, options: WalkOptions = {}): Omit<SelectionReply, 'pageUrl'> | undefined {
  const selection = doc.getSelection();
  if (!selection?.rangeCount || selection.isCollapsed) return undefined;
  const selected = selection.toString().replace(/\s+/g, ' ').trim().slice(0, MAX_SELECTION);
  if (!selected) return undefined;

  const passages = doc.body ? collectPassages(doc.body, options) : [];
  const range = selection.getRangeAt(0);
  const at = whereIs(range, passages) ?? firstMention(selected, passages);
  const sentence = at ? sentenceAround(at.passage.text, at.offset, Math.min(at.passage.text.length, at.offset + selected.length)) : '';
  // The page's own definition ("Effective Proposal Framework (EPF)") is in a passage that names the term.
  const mentioning = passages.filter((p) => p === at?.passage || p.text.includes(selected)).map((p) => p.text);
  return { selection: selected, sentence, pageText: joinCapped(mentioning, MAX_PAGE_TEXT) };
}

/**
 * The page's readable text, a blank line between passages, up to
 * MAX_READABLE_TEXT characters. The popup finds the unknown terms in it:
 * that work, and its word lists, stay out of the script every page loads.
 */
export function readPageText(doc: Document, options: WalkOptions = {}): string {
  if (!doc.body) return '';
  const text = collectPassages(doc.body, options)
    .map((p) => p.text)
    .join(PASSAGE_BREAK);
  return text.slice(0, MAX_READABLE_TEXT);
}

// --- Implementation helpers ---

/** A blank line: it ends a sentence and a long form, as a block boundary does. */
const PASSAGE_BREAK = '\n\n';

function whereIs(range: Range, passages: readonly Passage[]): { passage: Passage; offset: number } | undefined {
  const node = range.startContainer;
  if (node.nodeType !== Node.TEXT_NODE) return undefined;
  for (const passage of passages) {
    const i = passage.nodes.indexOf(node as Text);
    if (i >= 0) return { passage, offset: passage.starts[i]! + range.startOffset };
  }
  return undefined;
}

function firstMention(selected: string, passages: readonly Passage[]): { passage: Passage; offset: number } | undefined {
  for (const passage of passages) {
    const offset = passage.text.replace(/\s/g, ' ').indexOf(selected);
    if (offset >= 0) return { passage, offset };
  }
  return undefined;
}

function joinCapped(texts: readonly string[], max: number): string {
  let out = '';
  for (const text of texts) {
    const next = out ? `${out}${PASSAGE_BREAK}${text}` : text;
    if (next.length > max) break;
    out = next;
  }
  return out;
}
