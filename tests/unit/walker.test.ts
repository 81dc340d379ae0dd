// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { collectPassages, locate, PassageWalk } from '../../lib/dom/walker';

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

describe('PassageWalk', () => {
  const html =
    '<div id="outer">Opening <b>OASys</b> words<p>One MAPPA</p><p>Two <i>ViSOR</i> here</p>' +
    '<section><p>Three</p><p>Four ARMS</p></section>closing <em>SARA</em> words</div><p>Five</p>';

  it.each([1, 5, 12, 30, Infinity])('read %s characters at a time, gives the passages of one whole walk', (chars) => {
    setBody(html);
    const whole = collectPassages(document.body);
    const walk = new PassageWalk(document.body);
    const stretches: ReturnType<PassageWalk['next']>[] = [];
    while (!walk.done) stretches.push(walk.next(chars));

    const passages = stretches.flat();
    expect(passages.map((p) => [p.block, p.text, p.nodes, p.starts])).toEqual(
      whole.map((p) => [p.block, p.text, p.nodes, p.starts]),
    );
    // Never an empty stretch, and never more than one passage past the characters asked for.
    for (const stretch of stretches) {
      expect(stretch.length).toBeGreaterThan(0);
      const before = stretch.slice(0, -1).reduce((n, p) => n + p.text.length, 0);
      expect(before).toBeLessThan(chars);
    }
  });

  it('names the blocks it is inside, whose passages can go on after the stretch', () => {
    setBody(html);
    const walk = new PassageWalk(document.body);

    const first = walk.next(10);

    expect(first.map((p) => p.text)).toEqual(['Opening OASys words']);
    expect(walk.openBlocks).toContain(document.getElementById('outer'));
    expect(walk.position?.isConnected).toBe(true);
    walk.next();
    expect(walk.done).toBe(true);
    expect(walk.position).toBeNull();
  });
});

function setBody(html: string): void {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  document.body.replaceChildren(...document.adoptNode(parsed.body).childNodes);
}
