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
import type { Candidate, CompiledGlossary, Scan } from './matcher';

/** Words that show a text is about probation or criminal justice. */
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

export interface Mention {
  start: number;
  end: number;
  entry: number;
  /** The sense the context supports best; the card leads with it. */
  sense: number;
}

/** What a page (or any collection of passages) says about its topic. */
export interface TopicSignal {
  /** Topic words plus mentions of distinctive entries. */
  score: number;
  /** Characters read. */
  length: number;
  /** How often each cue occurs, by cue number. */
  cueCounts: Map<number, number>;
}

export function emptySignal(): TopicSignal {
  return { score: 0, length: 0, cueCounts: new Map() };
}

/** Adds one passage's scan to a page's signal. */
export function addToSignal(signal: TopicSignal, scan: Scan, length: number, glossary: CompiledGlossary): void {
  signal.length += length;
  for (const hit of scan.cues) {
    signal.cueCounts.set(hit.cue, (signal.cueCounts.get(hit.cue) ?? 0) + 1);
    if (glossary.topicCues.has(hit.cue)) signal.score++;
  }
  for (const candidate of scan.candidates) {
    if (glossary.highlight[candidate.entry] === 'always') signal.score++;
  }
}

export function isTopicalPage(signal: TopicSignal): boolean {
  return signal.score >= Math.max(PAGE_MIN, signal.length / PAGE_DENSITY);
}

/** Picks the mentions to show from one passage's scan, given the page's signal. */
export function resolveMentions(scan: Scan, glossary: CompiledGlossary, page: TopicSignal): Mention[] {
  const pageOnTopic = isTopicalPage(page);
  const mentions: Mention[] = [];
  for (const candidate of scan.candidates) {
    const policy = glossary.highlight[candidate.entry];
    if (policy === 'never') continue;
    const near = cuesNear(scan, candidate.start, candidate.end);
    const sense = bestSense(candidate.entry, near, glossary, page);
    if (glossary.entries[candidate.entry]!.senses[sense]!.domain === 'other') continue;
    if (policy === 'in-context' && !pageOnTopic && countTopicCues(near, glossary) + countAnchors(scan, candidate, glossary) < LOCAL_MIN) continue;
    mentions.push({ start: candidate.start, end: candidate.end, entry: candidate.entry, sense });
  }
  return mentions;
}

/** Ranks an entry's senses for a mention: best supported first. */
export function rankSenses(entry: number, near: readonly number[], glossary: CompiledGlossary, page: TopicSignal): number[] {
  const scores = glossary.senseCues[entry]!.map((cues) => senseScore(cues, near, page));
  return scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
}

/** Cue numbers within WINDOW characters of a span, outside the span itself. */
export function cuesNear(scan: Scan, start: number, end: number): number[] {
  const out: number[] = [];
  const { cues } = scan;
  for (let i = firstAtOrAfter(cues, start - WINDOW); i < cues.length && cues[i]!.at < end + WINDOW; i++) {
    const hit = cues[i]!;
    if (hit.at < start || hit.at >= end) out.push(hit.cue);
  }
  return out;
}

// --- Implementation helpers ---

function bestSense(entry: number, near: readonly number[], glossary: CompiledGlossary, page: TopicSignal): number {
  const senses = glossary.senseCues[entry]!;
  if (senses.length === 1) return 0;
  return rankSenses(entry, near, glossary, page)[0]!;
}

function senseScore(cues: ReadonlySet<number>, near: readonly number[], page: TopicSignal): number {
  let local = 0;
  for (const cue of near) if (cues.has(cue)) local++;
  let global = 0;
  for (const cue of cues) global += page.cueCounts.get(cue) ?? 0;
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
