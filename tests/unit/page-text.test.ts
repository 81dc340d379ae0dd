// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { compileGlossary, type MatchableEntry } from '../../lib/core/matcher';
import { TOPIC_WORDS } from '../../lib/core/relevance';
import { listUnknownTerms } from '../../lib/browser/unknown-terms';
import { readPageText, readSelection } from '../../lib/dom/page-text';

const entry = (id: string, headword: string): MatchableEntry => ({
  id,
  headword,
  case: 'any',
  variants: [],
  digitSuffix: false,
  highlight: 'always',
  senses: [{ domain: 'probation', cues: [] }],
});
const GLOSSARY = compileGlossary([entry('oasys', 'OASys')], TOPIC_WORDS);

const PAGE = `
  <p>The Effective Proposal Framework (EPF) helps with <b>court</b> reports.</p>
  <p>Nothing to see here.</p>
  <p>Officers completed the EPF before the hearing. Then they filed it.</p>
  <p>The QZRP reviews OASys scores. Ask the QZRP.</p>
  <div class="ours"><p>EPF in our own card</p></div>`;

describe('readSelection', () => {
  it('returns the selected text, its sentence and only the passages that mention it', () => {
    setBody(PAGE);
    select(document.querySelectorAll('p')[2]!.firstChild as Text, 'EPF');

    const context = readSelection(document, { isOwn: (el) => el.classList.contains('ours') });

    expect(context).toEqual({
      selection: 'EPF',
      sentence: 'Officers completed the EPF before the hearing.',
      pageText: 'The Effective Proposal Framework (EPF) helps with court reports.\n\nOfficers completed the EPF before the hearing. Then they filed it.',
    });
  });

  it('returns NOTHING when the selection is collapsed', () => {
    setBody(PAGE);
    const range = document.createRange();
    range.setStart(document.querySelector('p')!.firstChild!, 3);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);

    expect(readSelection(document)).toBeUndefined();
  });
});

describe('readPageText, then listUnknownTerms (in the popup)', () => {
  it('reads every passage but our own, a blank line between them', () => {
    setBody(PAGE);

    const text = readPageText(document, { isOwn: (el) => el.classList.contains('ours') });

    expect(text.split('\n\n').filter((passage) => passage.trim())).toEqual([
      'The Effective Proposal Framework (EPF) helps with court reports.',
      'Nothing to see here.',
      'Officers completed the EPF before the hearing. Then they filed it.',
      'The QZRP reviews OASys scores. Ask the QZRP.',
    ]);
  });

  it('lists tokens the glossary lacks with counts, first sentence and the page’s expansion', () => {
    setBody(PAGE);

    const terms = listUnknownTerms(readPageText(document, { isOwn: (el) => el.classList.contains('ours') }), GLOSSARY);

    expect(terms).toEqual([
      { text: 'EPF', count: 2, sentence: 'The Effective Proposal Framework (EPF) helps with court reports.', expansion: 'Effective Proposal Framework' },
      { text: 'QZRP', count: 2, sentence: 'The QZRP reviews OASys scores.' },
    ]);
  });
});

function setBody(html: string): void {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  document.body.replaceChildren(...document.adoptNode(parsed.body).childNodes);
}

function select(node: Text, word: string): void {
  const at = node.data.indexOf(word);
  const range = document.createRange();
  range.setStart(node, at);
  range.setEnd(node, at + word.length);
  getSelection()!.removeAllRanges();
  getSelection()!.addRange(range);
}
