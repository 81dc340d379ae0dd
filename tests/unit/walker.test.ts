// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { collectPassages, locate } from '../../lib/dom/walker';

function passagesOf(html: string, isOwn?: (el: Element) => boolean): string[] {
  setBody(html);
  return collectPassages(document.body, { isOwn }).map((p) => p.text);
}

describe('collectPassages', () => {
  it('joins text split by inline markup into one passage per block', () => {
    expect(passagesOf('<p>Approved <b>Premises</b> and <a href="#">OASys</a></p><div>MAPPA</div>')).toEqual([
      'Approved Premises and OASys',
      'MAPPA',
    ]);
  });

  it.each([
    ['script', '<script>var OASys = 1;</script>'],
    ['style', '<style>.OASys{}</style>'],
    ['noscript', '<noscript>OASys</noscript>'],
    ['textarea', '<textarea>OASys</textarea>'],
    ['select', '<select><option>OASys</option></select>'],
    ['code', '<code>OASys</code>'],
    ['pre', '<pre>OASys</pre>'],
    ['contenteditable', '<div contenteditable="true"><p>OASys</p></div>'],
    ['svg', '<svg><text>OASys</text></svg>'],
    ['hidden', '<div hidden>OASys</div>'],
  ])('does NOT read text inside %s', (_, html) => {
    expect(passagesOf(`<p>MAPPA</p>${html}`)).toEqual(['MAPPA']);
  });

  it('does NOT read the extension’s own UI', () => {
    expect(passagesOf('<p>MAPPA</p><aside class="own"><p>OASys</p></aside>', (el) => el.classList.contains('own'))).toEqual([
      'MAPPA',
    ]);
  });

  it('maps passage offsets back to text nodes', () => {
    setBody('<p>Approved <b>Premises</b> today</p>');
    const [passage] = collectPassages(document.body);

    const start = locate(passage!, 9);
    const end = locate(passage!, 17, true);

    expect([start.node.data, start.offset, end.node.data, end.offset]).toEqual(['Premises', 0, 'Premises', 8]);
  });
});

function setBody(html: string): void {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  document.body.replaceChildren(...document.adoptNode(parsed.body).childNodes);
}
