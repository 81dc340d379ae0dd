// @vitest-environment happy-dom
/**
 * Property-based tests: the matcher over random strings and random glossaries,
 * and the page walker and scanner over random DOM trees. Whatever the input,
 * they never throw, every range lies inside text, every match slices back to
 * a glossary variant, and scanning again gives the same result.
 */
import fc from 'fast-check';
import entries from 'virtual:glossary';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CasePolicy } from '../../lib/core/glossary-schema';
import { compileGlossary, scanText, type CompiledGlossary, type MatchableEntry, type Scan } from '../../lib/core/matcher';
import { TOPIC_WORDS } from '../../lib/core/relevance';
import { isDigit, isSpace, isWordChar } from '../../lib/core/text';
import { variantsOf, type ResolvedVariant } from '../../lib/core/variants';
import { HIGHLIGHT_NAME, PageScanner } from '../../lib/dom/page-scanner';
import { blockOf, collectPassages, isReadableText } from '../../lib/dom/walker';
import { installHighlightApi } from './highlight-api';

const RUNS = Number(process.env.PJ_FUZZ_RUNS ?? 300);
const real = compileGlossary(entries, TOPIC_WORDS);

describe('matcher over random strings', () => {
  it('never throws, and every candidate lies inside the text, in order, without overlap, on a variant', () => {
    fc.assert(
      fc.property(textOf(realVariants()), (text) => {
        checkScan(text, real, scanText(text, real));
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on arbitrary UTF-16, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        checkScan(text, real, scanText(text, real));
      }),
      { numRuns: RUNS },
    );
  });

  it('holds for random glossaries too (personal entries can hold anything the schema lets through)', () => {
    fc.assert(
      fc.property(
        randomGlossary().chain((glossary) => fc.tuple(fc.constant(glossary), textOf(variantsIn(glossary)))),
        ([glossary, text]) => {
          checkScan(text, glossary, scanText(text, glossary));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('gives the same result when it scans the same text again, or the text with a space either side', () => {
    fc.assert(
      fc.property(textOf(realVariants()), (text) => {
        const first = scanText(text, real);
        const again = scanText(text, real);
        const padded = scanText(` ${text} `, real);

        expect(again).toEqual(first);
        expect(padded.candidates).toEqual(first.candidates.map((c) => ({ ...c, start: c.start + 1, end: c.end + 1 })));
        expect(padded.cues).toEqual(first.cues.map((c) => ({ ...c, at: c.at + 1 })));
      }),
      { numRuns: RUNS },
    );
  });

  it('finds a variant written between line breaks, in any casing its policy allows', () => {
    fc.assert(
      fc.property(
        randomGlossary().chain((glossary) =>
          fc.tuple(
            fc.constant(glossary),
            textOf(variantsIn(glossary)),
            fc.nat(glossary.entries.length - 1),
            fc.nat(),
            fc.constantFrom('as-is', 'upper', 'lower', 'title'),
            textOf(variantsIn(glossary)),
          ),
        ),
        ([glossary, before, entryIndex, variantPick, casing, after]) => {
          const variants = variantsOf(glossary.entries[entryIndex]!).filter((v) => isWordChar(v.text.trim(), 0));
          fc.pre(variants.length > 0);
          const variant = variants[variantPick % variants.length]!;
          const written = applyCase(variant.text.trim(), casing);
          fc.pre(isAllowedCase(written, variant));
          const text = `${before}\n;\n${written}\n;\n${after}`;
          const at = before.length + 3;

          const scan = scanText(text, glossary);

          // A longer term (or one that began earlier) may cover it; it must not be missed.
          const covering = scan.candidates.filter((c) => c.start < at + written.length && c.end > at);
          expect(covering.length, `"${written}" at ${at} in ${JSON.stringify(text)}`).toBeGreaterThan(0);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('page walker and scanner over random DOM trees', () => {
  beforeAll(() => installHighlightApi());
  afterEach(() => {
    document.body.replaceChildren();
    CSS.highlights.clear();
  });

  it('makes the glossary only once the page has text to read', async () => {
    let made = 0;
    const scanner = new PageScanner({ document, glossary: () => (made++, fuzzGlossary), batchMs: 0 });
    document.body.replaceChildren();
    await scanner.start();
    expect(made).toBe(0);

    const p = document.createElement('p');
    p.textContent = 'The OASys assessment.';
    document.body.append(p);
    await settle();
    expect(made).toBe(1);
    expect([...scanner.mentions()].map((m) => m.text)).toEqual(['OASys']);
    scanner.stop();
  });

  it('collects passages whose text is exactly their readable text nodes, in order, each node in the passage\'s block', () => {
    fc.assert(
      fc.property(domTree(), (tree) => {
        document.body.replaceChildren(build(tree));

        const passages = collectPassages(document.body);

        const seen = new Set<Text>();
        for (const passage of passages) {
          expect(passage.text).toBe(passage.nodes.map((n) => n.data).join(''));
          expect(passage.starts).toEqual(offsetsOf(passage.nodes));
          for (const node of passage.nodes) {
            expect(node.nodeType).toBe(Node.TEXT_NODE);
            expect(blockOf(node), `block of ${JSON.stringify(node.data)} in ${pathOf(node)}`).toBe(passage.block);
            expect(isReadableText(node), `unreadable node ${JSON.stringify(node.data)} in ${pathOf(node)}`).toBe(true);
            expect(seen.has(node)).toBe(false);
            seen.add(node);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('registers only ranges inside readable text nodes, each on a glossary variant', async () => {
    await fc.assert(
      fc.asyncProperty(domTree(), async (tree) => {
        document.body.replaceChildren(build(tree));
        const scanner = new PageScanner({ document, glossary: fuzzGlossary, batchMs: 0 });

        await scanner.start();
        try {
          checkHighlight(scanner, fuzzGlossary);
        } finally {
          scanner.stop();
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('after random edits, holds the same mentions as a fresh scan of the edited page', async () => {
    await fc.assert(
      fc.asyncProperty(domTree(), fc.array(edit(), { minLength: 1, maxLength: 6 }), async (tree, edits) => {
        document.body.replaceChildren(build(tree));
        const scanner = new PageScanner({ document, glossary: fuzzGlossary, batchMs: 0 });
        await scanner.start();

        try {
          for (const change of edits) {
            applyEdit(document.body, change);
            await settle();
          }
          checkHighlight(scanner, fuzzGlossary);
          const incremental = describeMentions(scanner);
          scanner.stop();
          const fresh = new PageScanner({ document, glossary: fuzzGlossary, batchMs: 0 });
          await fresh.start();
          const expected = describeMentions(fresh);
          fresh.stop();

          expect(incremental).toEqual(expected);
        } finally {
          scanner.stop();
        }
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });
});

// --- Implementation helpers ---

/** Checks every candidate of a scan against the text and the glossary. */
function checkScan(text: string, glossary: CompiledGlossary, scan: Scan): void {
  let previousEnd = 0;
  for (const c of scan.candidates) {
    const where = `candidate ${JSON.stringify(text.slice(c.start, c.end))} at ${c.start} in ${JSON.stringify(text)}`;
    expect(c.start >= 0 && c.start < c.end && c.end <= text.length, where).toBe(true);
    expect(c.start >= previousEnd, `${where} overlaps the one before`).toBe(true);
    expect(isWordChar(text, c.start - 1), `${where} starts inside a word`).toBe(false);
    const entry = glossary.entries[c.entry]!;
    const surface = text.slice(c.start, c.end);
    const variant = withIesPlurals(variantsOf(entry)).find((v) => slicesBackTo(surface, v));
    expect(variant, `${where} is no variant of ${entry.id}`).toBeDefined();
    expect(endsWell(text, c.end, variant!, entry.digitSuffix), `${where} ends inside a word`).toBe(true);
    previousEnd = c.end;
  }
  let previousCue = -1;
  for (const cue of scan.cues) {
    expect(cue.at >= previousCue && cue.at < text.length).toBe(true);
    expect(cue.cue >= 0 && cue.cue < glossary.cueTexts.length).toBe(true);
    previousCue = cue.at;
  }
}

/** The matcher also knows the y → ies plural of a variant ("Companies"). */
function withIesPlurals(variants: ResolvedVariant[]): ResolvedVariant[] {
  return variants.flatMap((v) =>
    /[^aeiouAEIOU\s]y$/.test(v.text) && v.text.length > 4 ? [v, { ...v, text: `${v.text.slice(0, -1)}ies` }] : [v],
  );
}

/** Whether a matched surface is the variant, allowing its case policy, any white space and either apostrophe. */
function slicesBackTo(surface: string, variant: ResolvedVariant): boolean {
  const want = normalise(variant.text.trim().replace(/\s+/g, ' '));
  const got = normalise(collapseSpaces(surface));
  if (got === want) return true;
  if (variant.case === 'upper') return got === normalise(want.toUpperCase());
  if (variant.case !== 'any' || got.length !== want.length) return false;
  for (let i = 0; i < got.length; i++) if (got[i]!.toLowerCase() !== want[i]!.toLowerCase()) return false;
  return true;
}

/** After the match: a word boundary, perhaps after digits (TR1) or a plural (PSOs, premises). */
function endsWell(text: string, end: number, variant: ResolvedVariant, digitSuffix: boolean): boolean {
  const trimmed = variant.text.trim();
  if (!isWordChar(trimmed, trimmed.length - 1)) return true;
  let next = end;
  if (digitSuffix) while (isDigit(text.charCodeAt(next))) next++;
  if (!isWordChar(text, next)) return true;
  if (text[next] === 's' && !isWordChar(text, next + 1)) return true;
  if (text[next] === 'S' && /^[A-Z]{3}$/.test(text.slice(next - 3, next)) && !isWordChar(text, next + 1)) return true;
  return text.startsWith('es', next) && !isWordChar(text, next + 2);
}

function collapseSpaces(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (isSpace(text.charCodeAt(i))) {
      if (!out.endsWith(' ')) out += ' ';
    } else out += text[i];
  }
  return out;
}

function normalise(text: string): string {
  return text.replace(/\u2019/g, "'");
}

function applyCase(text: string, casing: string): string {
  if (casing === 'upper') return text.toUpperCase();
  if (casing === 'lower') return text.toLowerCase();
  if (casing === 'title') return text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
  return text;
}

function isAllowedCase(written: string, variant: ResolvedVariant): boolean {
  const text = variant.text.trim();
  if (written === text) return true;
  // Case mappings that change a string's length (ß → SS) are outside the policy.
  if (written.length !== text.length) return false;
  if (variant.case === 'any') return true;
  return variant.case === 'upper' && written === text.toUpperCase();
}

// Random text: glossary variants in every casing, suffixes, separators, and awkward Unicode.

const SEPARATORS = [' ', ' ', '  ', '\n', '\t', '\u00a0', '\u2009', '.', ',', ';', '-', '/', '(', ')', "'", '\u2019', '"', ':', '&', '\u200b'];
const SUFFIXES = ['s', 'es', "'s", '\u2019s', "s'", '1', '40', 'x', '-led'];
const AWKWARD = ['e\u0301', '\u0130', 'ß', '\ufb01', '\u03c2', '\ud835\udc00', '\ud83d\ude00', '\ud800', '\udc00', '\u05d0', '\u0627\u0644', '\u200f', '\ufeff', '\u3000', '\u2028', '0', '2014'];

function realVariants(): string[] {
  return real.entries.flatMap((entry) => variantsOf(entry).map((v) => v.text)).concat([...TOPIC_WORDS]);
}

function variantsIn(glossary: CompiledGlossary): string[] {
  return glossary.entries.flatMap((entry) => variantsOf(entry).map((v) => v.text)).concat(glossary.cueTexts);
}

function textOf(words: readonly string[]): fc.Arbitrary<string> {
  const token = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...words), fc.constantFrom('as-is', 'upper', 'lower', 'title')).map(([w, c]) => applyCase(w, c)) },
    { weight: 3, arbitrary: fc.constantFrom(...SEPARATORS) },
    { weight: 1, arbitrary: fc.constantFrom(...SUFFIXES) },
    { weight: 1, arbitrary: fc.constantFrom(...AWKWARD) },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
  );
  return fc.array(token, { maxLength: 40 }).map((tokens) => tokens.join(''));
}

const word = fc.oneof(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,9}$/),
  fc.constantFrom('PSO', 'OASys', 'P.O.', 'A&E', "O'Brien", 'O\u2019Brien', 'Café', 'e\u0301tude', 'ß', 'İstanbul', 'x'.repeat(45), '-dash', ' spaced ', 'Tier 4', '\u00a0nbsp'),
);

function randomEntry(index: number): fc.Arbitrary<MatchableEntry> {
  const casePolicy = fc.constantFrom<CasePolicy>('any', 'upper', 'exact');
  const phrase = fc.array(word, { minLength: 1, maxLength: 3 }).map((words) => words.join(' '));
  return fc.record({
    id: fc.constant(`e${index}`),
    headword: phrase,
    case: casePolicy,
    variants: fc.array(fc.oneof(phrase, fc.record({ text: phrase, case: casePolicy })), { maxLength: 3 }),
    digitSuffix: fc.boolean(),
    highlight: fc.constant('always' as const),
    senses: fc.constant([{ domain: 'probation' as const, cues: [] }]),
  });
}

function randomGlossary(): fc.Arbitrary<CompiledGlossary> {
  return fc
    .integer({ min: 1, max: 6 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => randomEntry(i))))
    .map((list) => compileGlossary(list, ['probation', 'licence']));
}

// Random DOM trees, built with DOM calls (never markup), and random edits.

/** Entries that are always shown, so that which mentions appear does not depend on the page's topic. */
const fuzzGlossary = compileGlossary(
  [
    { id: 'oasys', headword: 'OASys', case: 'any', variants: [], digitSuffix: false, highlight: 'always', senses: [{ domain: 'probation', cues: [] }] },
    { id: 'arms', headword: 'ARMS', case: 'exact', variants: [], digitSuffix: false, highlight: 'always', senses: [{ domain: 'probation', cues: [] }] },
    { id: 'ap', headword: 'Approved Premises', case: 'any', variants: ['AP'], digitSuffix: false, highlight: 'always', senses: [{ domain: 'probation', cues: [] }] },
    { id: 'tr', headword: 'TR', case: 'upper', variants: [], digitSuffix: true, highlight: 'always', senses: [{ domain: 'probation', cues: [] }] },
    { id: 'po', headword: 'P.O.', case: 'exact', variants: ["PO's office"], digitSuffix: false, highlight: 'always', senses: [{ domain: 'probation', cues: [] }] },
  ],
  TOPIC_WORDS,
);
const FUZZ_WORDS = ['OASys', 'oasys', 'ARMS', 'arms', 'Approved', 'Premises', 'Approved Premises', 'AP', 'APs', 'TR', 'TR1', 'P.O.', "PO's office", 'probation', 'the', 'x'];

type Tree = { text: string } | { tag: string; attrs: readonly (readonly [string, string])[]; children: Tree[] };

const TAGS = ['p', 'div', 'span', 'b', 'em', 'a', 'li', 'section', 'h2', 'td', 'label', 'button', 'br', 'code', 'pre', 'textarea', 'script', 'style', 'svg', 'template', 'select'];
const ATTRS: (readonly [string, string])[] = [['contenteditable', 'true'], ['contenteditable', 'false'], ['hidden', ''], ['aria-hidden', 'true'], ['dir', 'rtl'], ['class', 'x']];

function domTree(): fc.Arbitrary<Tree> {
  const { tree } = fc.letrec<{ tree: Tree; node: Tree }>((tie) => ({
    tree: fc.record({ tag: fc.constant('div'), attrs: fc.constant([]), children: fc.array(tie('node'), { maxLength: 6 }) }),
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({ text: textOf(FUZZ_WORDS) }),
      fc.record({
        tag: fc.constantFrom(...TAGS),
        attrs: fc.subarray(ATTRS, { maxLength: 2 }),
        children: fc.array(tie('node'), { maxLength: 4 }),
      }),
    ),
  }));
  return tree;
}

function build(tree: Tree): Node {
  if ('text' in tree) return document.createTextNode(tree.text);
  const element =
    tree.tag === 'svg' ? document.createElementNS('http://www.w3.org/2000/svg', 'svg') : document.createElement(tree.tag);
  for (const [name, value] of tree.attrs) element.setAttribute(name, value);
  const parent = element instanceof HTMLTemplateElement ? element.content : element;
  for (const child of tree.children) parent.appendChild(build(child));
  return element;
}

type Edit =
  | { kind: 'setText'; pick: number; text: string }
  | { kind: 'remove'; pick: number }
  | { kind: 'insert'; pick: number; tree: Tree }
  | { kind: 'split'; pick: number; at: number };

function edit(): fc.Arbitrary<Edit> {
  return fc.oneof(
    fc.record({ kind: fc.constant('setText' as const), pick: fc.nat(), text: textOf(FUZZ_WORDS) }),
    fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('insert' as const), pick: fc.nat(), tree: domTree() }),
    fc.record({ kind: fc.constant('split' as const), pick: fc.nat(), at: fc.nat() }),
  );
}

/** Edits the page as a script would: change text, remove or insert nodes, split a text node. */
function applyEdit(root: HTMLElement, change: Edit): void {
  const nodes = allNodes(root);
  if (!nodes.length) return;
  const target = nodes[change.pick % nodes.length]!;
  switch (change.kind) {
    case 'setText':
      if (target.nodeType === Node.TEXT_NODE) (target as Text).data = change.text;
      else target.textContent = change.text;
      break;
    case 'remove':
      target.parentNode?.removeChild(target);
      break;
    case 'insert':
      if (target.nodeType === Node.ELEMENT_NODE) target.appendChild(build(change.tree));
      else target.parentNode?.insertBefore(build(change.tree), target);
      break;
    case 'split':
      if (target.nodeType === Node.TEXT_NODE && (target as Text).length > 0) (target as Text).splitText(change.at % (target as Text).length);
      break;
  }
}

function allNodes(root: Node): Node[] {
  const out: Node[] = [];
  const walk = (node: Node) => {
    for (const child of node.childNodes) {
      out.push(child);
      walk(child);
    }
  };
  walk(root);
  return out;
}

/** Lets the scanner's mutation observer and its batch timer run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Every range in the highlight lies inside readable, connected text and reads as a variant of its entry. */
function checkHighlight(scanner: PageScanner, glossary: CompiledGlossary): void {
  const highlight = CSS.highlights.get(HIGHLIGHT_NAME);
  const ranges = highlight ? ([...highlight] as StaticRange[]) : [];
  const mentions = [...scanner.mentions()];
  expect(ranges.length).toBe(mentions.length);
  for (const mention of mentions) {
    const { startContainer: sc, startOffset: so, endContainer: ec, endOffset: eo } = mention.range;
    const where = `mention ${JSON.stringify(mention.text)} in ${pathOf(sc)}`;
    expect(ranges.includes(mention.range), where).toBe(true);
    expect(sc.nodeType === Node.TEXT_NODE && ec.nodeType === Node.TEXT_NODE, `${where}: ends in text`).toBe(true);
    expect(sc.isConnected && ec.isConnected, `${where}: connected`).toBe(true);
    expect(so >= 0 && so <= (sc as Text).length && eo >= 0 && eo <= (ec as Text).length, `${where}: offsets inside the text`).toBe(true);
    expect(isReadableText(sc as Text) && isReadableText(ec as Text), `${where}: readable`).toBe(true);
    const live = document.createRange();
    live.setStart(sc, so);
    live.setEnd(ec, eo);
    expect(live.collapsed, `${where}: not empty`).toBe(false);
    for (const node of textNodesIn(live)) {
      expect(isReadableText(node), `${where}: spans unreadable text ${JSON.stringify(node.data)}`).toBe(true);
    }
    expect(live.toString(), where).toBe(mention.text);
    const entry = glossary.entries[mention.entry]!;
    expect(variantsOf(entry).some((v) => slicesBackTo(mention.text, v)), `${where} is no variant of ${entry.id}`).toBe(true);
  }
}

function textNodesIn(range: Range): Text[] {
  const out: Text[] = [];
  const root = range.commonAncestorContainer;
  if (root.nodeType === Node.TEXT_NODE) return [root as Text];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (range.intersectsNode(node) && (node as Text).length > 0) out.push(node as Text);
  }
  // The boundary nodes may be touched at an offset with nothing selected; the walk still lists them.
  return out.filter((node) => !(node === range.endContainer && range.endOffset === 0) && !(node === range.startContainer && range.startOffset === node.length));
}

function describeMentions(scanner: PageScanner): string[] {
  return [...scanner.mentions()]
    .map((m) => `${pathOf(m.range.startContainer)}:${m.range.startOffset}-${pathOf(m.range.endContainer)}:${m.range.endOffset} ${m.text}`)
    .sort();
}

function pathOf(node: Node): string {
  const parts: string[] = [];
  for (let n: Node | null = node; n && n !== document; n = n.parentNode) {
    const index = n.parentNode ? [...n.parentNode.childNodes].indexOf(n as ChildNode) : 0;
    parts.unshift(`${n.nodeName}[${index}]`);
  }
  return parts.join('/');
}

function offsetsOf(nodes: Text[]): number[] {
  let at = 0;
  return nodes.map((node) => {
    const start = at;
    at += node.data.length;
    return start;
  });
}
