/**
 * The card shown for a term on a page: what it stands for and what it means.
 *
 * Built with plain DOM calls rather than a UI library, because it is the
 * content script's only UI and the content script runs in every frame of
 * every tab: Preact alone was a tenth of its download. Every piece of data
 * goes in as a text node or an attribute value, never as markup.
 */
import { CATEGORIES, type Entry } from '../core/glossary-schema';
import { isHttps, sourceLabel, statusLabel } from '../core/format';

export interface DefinitionCardProps {
  entry: Entry;
  /** Sense indices, best supported by the context first. */
  senses: readonly number[];
  /** The text as written on the page. */
  surface: string;
  /** The reader's own entry, not the published glossary's. */
  own?: boolean;
  onSuggestEdit?: () => void;
  onClose?: () => void;
  /** The reader's theme; `system` (the default) follows prefers-color-scheme. */
  theme?: 'system' | 'light' | 'dark';
}

/** The card's element, ready to insert; focus it to give the dialog keyboard focus. */
export function renderDefinitionCard(doc: Document, props: DefinitionCardProps): HTMLElement {
  const { entry, senses, surface, own, onSuggestEdit, onClose, theme } = props;
  const el = elementMaker(doc);
  const [lead, ...others] = senses.length ? senses : [0];
  const sense = entry.senses[lead!]!;
  const titleId = `pj-title-${entry.id}`;
  const bodyId = `pj-body-${entry.id}`;

  const close = onClose ? el('button', { type: 'button', class: 'close', 'aria-label': 'Close' }, '×') : null;
  close?.addEventListener('click', () => onClose!());
  const suggest = onSuggestEdit ? el('button', { type: 'button', class: 'link' }, 'Suggest an edit') : null;
  suggest?.addEventListener('click', () => onSuggestEdit!());
  const source = sense.sources.find(isHttps);

  // The dialog role sits on a wrapper: ARIA in HTML does not allow it on <article>.
  return el(
    'div',
    {
      class: 'dialog',
      role: 'dialog',
      'aria-labelledby': titleId,
      'aria-describedby': bodyId,
      tabindex: '-1',
      lang: 'en-GB',
    },
    el(
      'article',
      { class: theme === 'light' || theme === 'dark' ? `card ${theme}` : 'card' },
      el(
        'header',
        {},
        el(
          'h2',
          { id: titleId },
          entry.headword,
          surface && surface !== entry.headword ? el('span', { class: 'surface' }, ' (“', surface, '”)') : null,
        ),
        close,
      ),
      el(
        'div',
        { id: bodyId },
        el('p', { class: 'expansion' }, sense.expansion),
        el('p', { class: 'definition' }, sense.definition),
      ),
      el(
        'p',
        { class: 'meta' },
        el('span', { class: 'chip' }, CATEGORIES[entry.category]),
        entry.status === 'historic' ? el('span', { class: 'chip historic' }, statusLabel(entry)) : null,
        own ? el('span', { class: 'chip own' }, 'Your own entry') : null,
      ),
      others.length
        ? el(
            'section',
            { class: 'others', 'aria-label': 'Other meanings' },
            el('h3', {}, 'Can also mean'),
            el(
              'ul',
              {},
              ...others.map((i) =>
                el('li', {}, el('strong', {}, entry.senses[i]!.expansion), ': ', entry.senses[i]!.definition),
              ),
            ),
          )
        : null,
      el(
        'footer',
        {},
        source
          ? el('a', { href: source, target: '_blank', rel: 'noopener noreferrer' }, 'Source: ', sourceLabel(source))
          : null,
        suggest,
      ),
    ),
  );
}

// --- Implementation helpers ---

/** A child as the card takes it: an element, text, or nothing (null, undefined, false). */
type Child = Node | string | number | null | undefined | false;

/**
 * `el(tag, attributes, ...children)`: attributes are set with setAttribute
 * and children appended as nodes, so text stays text whatever it holds.
 */
function elementMaker(doc: Document) {
  return (tag: string, attributes: Record<string, string>, ...children: Child[]): HTMLElement => {
    const element = doc.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      element.append(typeof child === 'object' ? child : doc.createTextNode(String(child)));
    }
    return element;
  };
}
