/**
 * Decides which candidate mentions to show, and in which sense.
 *
 * Distinctive entries (`highlight: "always"`) are shown anywhere. Entries
 * whose written form collides with ordinary usage (`"in-context"`) are shown
 * only where the page, or the passage around the mention, is about probation
 * or criminal justice. Either way the sense is the one whose cue words occur
 * most near the mention, and a mention whose best sense is unrelated (the
 * Post Office, a checksum) is not shown at all.
 */
import { findAbbreviationsAt } from './abbreviations';
import { scanCuesOfTexts, scanText, type Candidate, type CompiledGlossary, type CueHit, type Scan } from './matcher';
import { isApostrophe, isSpace, isWordChar } from './text';

/** Words that show a text is about probation or criminal justice. */
// prettier-ignore
export const TOPIC_WORDS: readonly string[] = [
  'probation', 'offender', 'offending', 'reoffending', 're-offending', 'reoffend', 'prison', 'prisoner',
  'parole', 'licence', 'custody', 'custodial', 'sentence', 'sentenced', 'sentencing', 'conviction',
  'convicted', 'magistrates', 'crown court', 'criminal justice', 'rehabilitation', 'rehabilitative',
  'supervision', 'unpaid work', 'community order', 'recall', 'police', 'justice secretary',
  'ministry of justice', 'safeguarding', 'public protection', 'caseload', 'caseloads',
];

/** A passage counts as on topic with this many topic words within WINDOW characters of a mention. */
const LOCAL_MIN = 2;
/** A page counts as on topic with this many topic words and mentions... */
const PAGE_MIN = 4;
/** ...and at least one per this many characters, so a passing "prison" in a long page is not enough. */
const PAGE_DENSITY = 20_000;
const WINDOW = 300;
/** The senses of an entry with one: shared, and never changed. */
const ONLY_SENSE: number[] = Object.freeze([0]) as unknown as number[];

export interface Mention {
  start: number;
  end: number;
  entry: number;
  /** The sense the context supports best; the card leads with it. */
  sense: number;
  /** Every sense, best supported first (`sense` first). */
  senses: number[];
}

/** What a page (or any collection of passages) says about its topic. */
export interface TopicSignal {
  /** Topic words plus mentions of distinctive entries. */
  score: number;
  /** Characters read. */
  length: number;
  /** How often each cue occurs, by cue number (undefined for none). */
  cueCounts: number[];
  /**
   * Long forms the page gives for entries it mentions, by entry: "patient group
   * directions (PGDs)". The page's own definition outranks our guess.
   */
  definedAs: Map<number, string>;
  /** @internal The sense each `definedAs` long form names (see senseOfLongForm), worked out once. */
  definedSense: Map<number, number | undefined>;
  /** @internal Entries whose mentions on the page need a sense chosen. */
  senseEntries: Set<number>;
  /** @internal The cues of those entries' senses: all the sense-cue pass reads. */
  senseCueSet?: Set<number>;
}

export function emptySignal(): TopicSignal {
  return { score: 0, length: 0, cueCounts: [], definedAs: new Map(), definedSense: new Map(), senseEntries: new Set() };
}

/**
 * Adds one passage's scan to a page's signal. With the passage's `text`, it
 * also reads the abbreviations the passage defines for itself.
 */
export function addToSignal(
  signal: TopicSignal,
  scan: Scan,
  length: number,
  glossary: CompiledGlossary,
  text?: string,
): void {
  signal.length += length;
  // Only the text next to each candidate is looked at: cheaper than any search of the whole passage.
  const sites = text !== undefined && scan.candidates.length ? definitionSites(text, scan.candidates) : undefined;
  for (const definition of sites ? findAbbreviationsAt(text!, sites.opens, sites.forward) : []) {
    const candidate = scan.candidates.find((c) => c.start === definition.shortStart);
    if (candidate && !signal.definedAs.has(candidate.entry)) signal.definedAs.set(candidate.entry, definition.long);
  }
  const { cueCounts } = signal;
  for (const { cue } of scan.cues) {
    cueCounts[cue] = (cueCounts[cue] ?? 0) + 1;
    if (glossary.topicCues.has(cue)) signal.score++;
  }
  for (const candidate of scan.candidates) {
    if (glossary.highlight[candidate.entry] === 'always') signal.score++;
  }
}

export function isTopicalPage(signal: TopicSignal): boolean {
  return signal.score >= Math.max(PAGE_MIN, signal.length / PAGE_DENSITY);
}

/**
 * Reads the cues of a passage with a mention whose sense must be chosen, and
 * counts them for the page. Which mentions need a sense depends on the whole
 * page (is it about probation?), so call this for each passage once
 * addToSignal has read them all, and before resolveMentions. Most passages
 * need none, and are spared the second pass.
 */
export function addSenseCues(signal: TopicSignal, scan: Scan, text: string, glossary: CompiledGlossary): void {
  if (!scan.senseCues && noteSenseEntries(signal, scan, glossary)) readSenseCues(signal, scan, text, glossary);
}

/**
 * The second half of addSenseCues, for a passage that noteSenseEntries has
 * already found to need it: reads its cues and counts them for the page.
 */
export function readSenseCues(signal: TopicSignal, scan: Scan, text: string, glossary: CompiledGlossary): void {
  readSenseCuesOf(signal, [{ scan, text }], glossary);
}

/**
 * readSenseCues for many passages at once, read together as one text (see
 * scanTexts): the first scan's way for a page's passages.
 */
export function readSenseCuesOf(
  signal: TopicSignal,
  passages: readonly { scan: Scan; text: string }[],
  glossary: CompiledGlossary,
): void {
  const unread = passages.filter(({ scan }) => !scan.senseCues);
  if (!unread.length) return;
  signal.senseCueSet ??= cuesOfEntries(signal.senseEntries, glossary);
  const found = scanCuesOfTexts(
    unread.map(({ text }) => text),
    glossary,
    signal.senseCueSet,
  );
  const { cueCounts } = signal;
  unread.forEach(({ scan }, i) => {
    scan.senseCues = found[i]!;
    for (const { cue } of scan.senseCues) cueCounts[cue] = (cueCounts[cue] ?? 0) + 1;
  });
}

/**
 * Notes the entries of a passage whose mentions need a sense chosen, so that
 * the sense-cue pass reads their cues (and no others); returns whether there
 * are any. Call it for every passage before addSenseCues, so that the page's
 * counts cover every passage read.
 */
export function noteSenseEntries(signal: TopicSignal, scan: Scan, glossary: CompiledGlossary): boolean {
  let any = false;
  for (const candidate of scan.candidates) {
    if (!needsSense(candidate, scan, glossary, signal)) continue;
    any = true;
    if (signal.senseEntries.has(candidate.entry)) continue;
    signal.senseEntries.add(candidate.entry);
    signal.senseCueSet = undefined;
  }
  return any;
}

/**
 * Picks the mentions to show from one passage's scan, given the page's
 * signal; reads the passage's sense cues first if addSenseCues has not.
 */
export function resolveMentions(scan: Scan, glossary: CompiledGlossary, page: TopicSignal, text: string): Mention[] {
  const pageOnTopic = isTopicalPage(page);
  const mentions: Mention[] = [];
  for (const candidate of scan.candidates) {
    const policy = glossary.highlight[candidate.entry];
    if (policy === 'never') continue;
    const definedSense = definedSenseOf(candidate.entry, glossary, page);
    // The page spells the abbreviation out as something we do not know: not ours to explain.
    if (definedSense === -1) continue;
    if (
      policy === 'in-context' &&
      definedSense === undefined &&
      !pageOnTopic &&
      !isLocallyOnTopic(scan, candidate, glossary)
    ) {
      continue;
    }
    let senses = ONLY_SENSE;
    if (glossary.senseCues[candidate.entry]!.length > 1) {
      if (definedSense === undefined) addSenseCues(page, scan, text, glossary);
      senses = rankSenses(candidate.entry, senseCuesNear(scan, candidate.start, candidate.end), glossary, page);
      // The page's own definition leads; the cues order the rest.
      if (definedSense !== undefined) senses = [definedSense, ...senses.filter((s) => s !== definedSense)];
    }
    const sense = senses[0]!;
    if (glossary.entries[candidate.entry]!.senses[sense]!.domain === 'other') continue;
    mentions.push({ start: candidate.start, end: candidate.end, entry: candidate.entry, sense, senses });
  }
  return mentions;
}

/**
 * Reads whole pages the way the page scanner does, for tools and tests: every
 * passage's scan, then the sense cues, then the mentions of each passage.
 */
export function resolvePage(texts: readonly string[], glossary: CompiledGlossary): Mention[][] {
  const scans = texts.map((text) => scanText(text, glossary));
  const page = emptySignal();
  scans.forEach((scan, i) => addToSignal(page, scan, texts[i]!.length, glossary, texts[i]));
  const needing = scans.flatMap((scan, i) => (noteSenseEntries(page, scan, glossary) ? [{ scan, text: texts[i]! }] : []));
  readSenseCuesOf(page, needing, glossary);
  return scans.map((scan, i) => resolveMentions(scan, glossary, page, texts[i]!));
}

/** Ranks an entry's senses for a mention: best supported first. */
export function rankSenses(
  entry: number,
  near: readonly number[],
  glossary: CompiledGlossary,
  page: TopicSignal,
): number[] {
  const scores = glossary.senseCues[entry]!.map((cues) => senseScore(cues, near, page));
  return scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
}

/** The cue numbers (sense cues and topic words) within WINDOW characters of a span, outside it; none before addSenseCues. */
export function senseCuesNear(scan: Scan, start: number, end: number): number[] {
  return cuesNear(scan.senseCues ?? [], start, end);
}

/**
 * The sense whose expansion the page's long form spells out; -1 if none does;
 * undefined if the entry carries no expansions to compare (a compact index).
 */
export function senseOfLongForm(entry: CompiledGlossary['entries'][number], longForm: string): number | undefined {
  if (entry.senses.some((sense) => sense.expansion === undefined)) return undefined;
  const page = stems(longForm);
  // Spelled-out variants ("His Majesty's Prison and Probation Service") name the entry's main sense.
  const spelledOut = entry.variants.map((v) => (typeof v === 'string' ? v : v.text)).filter((v) => v.includes(' '));
  let best = -1;
  let bestShare = 0.5;
  entry.senses.forEach((sense, i) => {
    for (const form of i === 0 ? [sense.expansion!, ...spelledOut] : [sense.expansion!]) {
      const ours = stems(form);
      let shared = 0;
      for (const word of page) if (ours.has(word)) shared++;
      const share = shared / Math.max(page.size, 1);
      if (share >= bestShare) {
        best = i;
        bestShare = share;
      }
    }
  });
  return best;
}

// --- Implementation helpers ---

/** The sense that the page's own long form for `entry` names (see senseOfLongForm), once per page and entry. */
function definedSenseOf(entry: number, glossary: CompiledGlossary, page: TopicSignal): number | undefined {
  const defined = page.definedAs.get(entry);
  if (defined === undefined) return undefined;
  if (page.definedSense.has(entry)) return page.definedSense.get(entry);
  const sense = senseOfLongForm(glossary.entries[entry]!, defined);
  page.definedSense.set(entry, sense);
  return sense;
}

/**
 * Where a definition of a candidate could be, as findAbbreviations reads them:
 * the bracket just before it ("long form (SF)") or just after it ("SF (long
 * form)"); with `forward`, a question or "stands for" after one of them.
 * Undefined when there is none: most passages, which are spared the search.
 */
function definitionSites(text: string, candidates: readonly Candidate[]): { opens: number[]; forward: boolean } | undefined {
  const opens: number[] = [];
  let forward = false;
  for (const { start, end } of candidates) {
    let before = start - 1;
    while (before >= 0 && isQuoteOrSpace(text.charCodeAt(before))) before--;
    if (text.charCodeAt(before) === 40 /* ( */ && opens[opens.length - 1] !== before) opens.push(before);
    // Past a plural or possessive and any quotes: "SFs (", "SF's”?"
    let after = end;
    while (isWordChar(text, after) || isApostrophe(text.charCodeAt(after))) after++;
    const space = after;
    while (after < text.length && isQuoteOrSpace(text.charCodeAt(after))) after++;
    const next = text.charCodeAt(after);
    if (next === 40 /* ( */) opens.push(after);
    else if (next === 63 /* ? */) forward = true;
    // "SF stands for", "SF is short for", "SF is an acronym for".
    else if (after !== space && (next === 115 /* s */ || next === 105) /* i */) {
      DEFINING.lastIndex = end;
      if (DEFINING.test(text)) forward = true;
    }
  }
  return opens.length || forward ? { opens, forward } : undefined;
}

/** What may follow a short form that findAbbreviations reads as "SF stands for long form". */
const DEFINING = /[^\s(]*\s+(?:stands\s+for|is\s+(?:short\s+for|an?\s+(?:abbreviation|acronym|initialism)))/iy;

function isQuoteOrSpace(code: number): boolean {
  return (
    isSpace(code) ||
    isApostrophe(code) ||
    code === 34 ||
    code === 0x201c ||
    code === 0x201d ||
    code === 0x2018 ||
    code === 0xab ||
    code === 0xbb
  );
}

const MINOR_WORDS = new Set(['of', 'the', 'and', 'for', 'in', 'on', 'to', 'a', 'an', '&']);

/** Lower-case word stems, without minor words: "Community Rehabilitation Companies" → community, rehabilitation, company. */
function stems(text: string): Set<string> {
  const out = new Set<string>();
  for (const raw of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < 2 || MINOR_WORDS.has(raw)) continue;
    out.add(raw.replace(/ies$/, 'y').replace(/(?<=[^s])s$/, ''));
  }
  return out;
}

/** Every cue of the senses of `entries`. */
function cuesOfEntries(entries: ReadonlySet<number>, glossary: CompiledGlossary): Set<number> {
  const cues = new Set<number>();
  for (const entry of entries) for (const sense of glossary.senseCues[entry]!) for (const cue of sense) cues.add(cue);
  return cues;
}

/** Cue numbers within WINDOW characters of a span, outside the span itself. */
function cuesNear(cues: readonly CueHit[], start: number, end: number): number[] {
  const out: number[] = [];
  for (let i = firstAtOrAfter(cues, start - WINDOW); i < cues.length && cues[i]!.at < end + WINDOW; i++) {
    const hit = cues[i]!;
    if (hit.at < start || hit.at >= end) out.push(hit.cue);
  }
  return out;
}

/** Whether a mention of an entry would have its sense chosen by the cues around it. */
function needsSense(candidate: Candidate, scan: Scan, glossary: CompiledGlossary, page: TopicSignal): boolean {
  const policy = glossary.highlight[candidate.entry];
  if (policy === 'never' || glossary.senseCues[candidate.entry]!.length < 2) return false;
  if (definedSenseOf(candidate.entry, glossary, page) !== undefined) return false;
  return policy !== 'in-context' || isTopicalPage(page) || isLocallyOnTopic(scan, candidate, glossary);
}

/** Whether the passage around a candidate is about probation: topic words, or distinctive mentions. */
function isLocallyOnTopic(scan: Scan, candidate: Candidate, glossary: CompiledGlossary): boolean {
  return (
    countTopicCues(cuesNear(scan.cues, candidate.start, candidate.end), glossary) +
      countAnchors(scan, candidate, glossary) >=
    LOCAL_MIN
  );
}

function senseScore(cues: ReadonlySet<number>, near: readonly number[], page: TopicSignal): number {
  let local = 0;
  for (const cue of near) if (cues.has(cue)) local++;
  let global = 0;
  for (const cue of cues) global += page.cueCounts[cue] ?? 0;
  // Nearby cues decide; the page as a whole breaks ties and settles bare mentions.
  return local + Math.min(global, 20) / 25;
}

function countTopicCues(near: readonly number[], glossary: CompiledGlossary): number {
  let n = 0;
  for (const cue of near) if (glossary.topicCues.has(cue)) n++;
  return n;
}

/** Distinctive mentions near a candidate also show that the passage is on topic. */
function countAnchors(scan: Scan, candidate: Candidate, glossary: CompiledGlossary): number {
  const { candidates } = scan;
  let n = 0;
  for (let i = firstAtOrAfter(candidates, candidate.start - WINDOW); i < candidates.length; i++) {
    const other = candidates[i]!;
    if (other.start >= candidate.end + WINDOW) break;
    if (other !== candidate && glossary.highlight[other.entry] === 'always') n++;
  }
  return n;
}

function firstAtOrAfter(items: readonly { start?: number; at?: number }[], at: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const item = items[mid]!;
    if ((item.at ?? item.start!) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
