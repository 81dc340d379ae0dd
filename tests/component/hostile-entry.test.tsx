// @vitest-environment happy-dom
/**
 * Entries are rendered as text, whatever they hold. Every field of an entry
 * carries markup, script or a javascript: URL, bypassing the schemas that
 * would normally refuse them (stored data may be corrupt, an import hostile):
 * nothing becomes an element, no event handler appears, and every link is https.
 */
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { EntryPage } from '../../components/EntryPage';
import { EntrySummary } from '../../components/EntrySummary';
import { SendToMaintainers } from '../../components/SendToMaintainers';
import type { Entry } from '../../lib/core/glossary-schema';
import type { Suggestion } from '../../lib/core/suggestion-schema';
import { renderDefinitionCard, type DefinitionCardProps } from '../../lib/dom/definition-card';

afterEach(() => {
  cleanup();
  document.body.replaceChildren();
  delete (window as { __pwned?: unknown }).__pwned;
});

const img = (where: string) => `<img src=x onerror="window.__pwned='${where}'">`;
const script = (where: string) => `<script>window.__pwned='${where}'</script>`;
const js = (where: string) => `javascript:window.__pwned='${where}'`;

const SOURCES = [
  js('source'),
  'JaVaScRiPt:window.__pwned=1',
  ' javascript:window.__pwned=1',
  'data:text/html,<script>window.__pwned=1</script>',
  'http://insecure.example.org/',
  'vbscript:msgbox(1)',
  `https://example.org/"><img src=x onerror="window.__pwned='attribute'">`,
  'https://www.gov.uk/safe',
];

/** An entry with hostile text in every field, as no schema would let through. */
const HOSTILE = {
  id: `x" onmouseover="window.__pwned='id'`,
  headword: `${img('headword')}${script('headword')}`,
  category: `<b onclick="window.__pwned='category'">category</b>`,
  status: 'historic',
  years: { from: `<i>1999</i>`, until: 2001 },
  case: 'any',
  highlight: 'always',
  variants: [`<svg onload="window.__pwned='variant'">`, { text: `<iframe src="${js('variant')}">`, case: 'any' }],
  digitSuffix: false,
  senses: [
    {
      expansion: `${img('expansion')} expansion`,
      definition: `${script('definition')} <a href="${js('definition')}">click</a> <style>*{display:none}</style>`,
      domain: 'probation',
      cues: [`<object data="${js('cue')}">`],
      sources: SOURCES,
    },
    {
      expansion: `${img('second expansion')}`,
      definition: `<form action="${js('form')}"><button>go</button></form>`,
      domain: 'other',
      cues: [],
      sources: [js('second source')],
    },
  ],
  related: [`<a href="${js('related')}">`, 'safe-id'],
} as unknown as Entry;

const RELATED = { ...HOSTILE, id: 'safe-id', headword: `${img('related headword')}`, related: [] } as unknown as Entry;
const SURFACE = `${img('surface')} on the page`;

describe('entries with markup, script and javascript: URLs in every field', () => {
  it.each([
    [
      'the card',
      () =>
        showCard({
          entry: HOSTILE,
          senses: [0, 1],
          surface: SURFACE,
          own: true,
          onClose: () => undefined,
          onSuggestEdit: () => undefined,
        }),
    ],
    ['the card, second sense first', () => showCard({ entry: HOSTILE, senses: [1, 0], surface: SURFACE })],
    [
      'the entry page',
      () =>
        render(
          <EntryPage
            entry={HOSTILE}
            byId={new Map([['safe-id', RELATED]])}
            onOpen={() => undefined}
            onBack={() => undefined}
            backTo={`${img('back')}`}
            suggestEditUrl="https://github.com/example/probation-jargon/issues/new"
            own
          />,
        ).container,
    ],
    ['a search result', () => render(<EntrySummary entry={HOSTILE} own />).container],
    [
      'send to maintainers',
      () =>
        render(
          <SendToMaintainers
            suggestion={
              {
                key: 'abcdefgh-1234',
                kind: 'new',
                entry: HOSTILE,
                sentence: SURFACE,
                createdAt: '2025-01-01T00:00:00.000Z',
                updatedAt: '2025-01-01T00:00:00.000Z',
              } as Suggestion
            }
            repositoryUrl="https://github.com/example/probation-jargon"
            email="maintainers@example.org"
          />,
        ).container,
    ],
  ])('%s renders it all as text: no element from the data, no handler, https links only', (_, view) => {
    const container = view();

    const made = container.querySelectorAll(
      'img, script, svg, iframe, object, embed, style, form, b, i, frame, link, meta, base',
    );
    expect([...made].map((el) => el.localName)).toEqual([]);
    for (const el of container.querySelectorAll('*')) {
      const handlers = [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.localName}[${a.name}]`);
      expect(handlers).toEqual([]);
      for (const name of ['href', 'src', 'action', 'formaction', 'data', 'xlink:href']) {
        const value = el.getAttribute(name);
        if (value !== null) expect(value, `${el.localName}[${name}]`).toMatch(/^(https:\/\/|mailto:|#)/);
      }
    }
    expect(container.textContent).toContain('<img src=x onerror=');
    expect((window as { __pwned?: unknown }).__pwned).toBeUndefined();
  });

  it('the card links only the https source, and shows the hostile text literally', () => {
    const container = showCard({ entry: HOSTILE, senses: [0], surface: SURFACE });

    const links = [...container.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links.every((href) => href!.startsWith('https://'))).toBe(true);
    expect(links.length).toBeGreaterThan(0);
    expect(container.textContent).toContain(`${img('expansion')} expansion`);
    expect(container.textContent).toContain(SURFACE);
  });
});

/** The content script's card, in the document as the page would hold it; returns its container. */
function showCard(props: DefinitionCardProps): HTMLElement {
  const container = document.createElement('div');
  container.append(renderDefinitionCard(document, props));
  document.body.append(container);
  return container;
}
