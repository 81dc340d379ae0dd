import entries from 'virtual:glossary';
import { describe, expect, it } from 'vitest';
import { findMentions } from '../../lib/core/find-mentions';
import { compileGlossary } from '../../lib/core/matcher';
import { TOPIC_WORDS } from '../../lib/core/relevance';
import { context, readGold, score, type Score } from './gold';

const glossary = compileGlossary(entries, TOPIC_WORDS);
const pct = (n: number, d: number) => (d ? ((100 * n) / d).toFixed(1) : '100.0') + '%';

describe('probation corpus scored against its gold annotations', () => {
  const files = readGold('corpus');
  const scores = new Map<string, Score>();

  it.each(files.map((f) => [f.name, f] as const))('%s: finds every core mention and highlights no trap', (_, file) => {
    const result = score(file, findMentions(file.text, glossary), entries);
    scores.set(file.name, result);
    report(file.name, result, file.text);

    expect(result.trapsHit).toEqual([]);
    expect(result.core.missed.map((m) => `${m.start} ${m.surface}`)).toEqual([]);
  });

  it('meets the corpus targets overall: core recall ≥ 99%, phrase recall ≥ 90%, precision ≥ 99%, sense ≥ 98%', () => {
    const all = [...scores.values()];
    const sum = (f: (s: Score) => number) => all.reduce((n, s) => n + f(s), 0);
    const core = [sum((s) => s.core.found), sum((s) => s.core.total)] as const;
    const phrase = [sum((s) => s.phrase.found), sum((s) => s.phrase.total)] as const;
    const tp = sum((s) => s.truePositives);
    const fp = sum((s) => s.falsePositives.length);
    const sense = [sum((s) => s.senses.right), sum((s) => s.senses.total)] as const;
    console.log(
      `CORPUS TOTAL core recall ${pct(...core)} (${core[0]}/${core[1]}), phrase recall ${pct(...phrase)} (${phrase[0]}/${phrase[1]}), ` +
        `precision ${pct(tp, tp + fp)} (${tp}/${tp + fp}), traps highlighted ${sum((s) => s.trapsHit.length)}, correct sense ${pct(...sense)} (${sense[0]}/${sense[1]})`,
    );

    expect(all).toHaveLength(files.length);
    expect(core[0] / core[1]).toBeGreaterThanOrEqual(0.99);
    expect(phrase[0] / phrase[1]).toBeGreaterThanOrEqual(0.9);
    expect(tp / (tp + fp)).toBeGreaterThanOrEqual(0.99);
    expect(sense[0] / sense[1]).toBeGreaterThanOrEqual(0.98);
  });
});

describe('unrelated and prison passages scored against their gold annotations', () => {
  it.each(readGold('traps').map((f) => [f.name, f] as const))('%s: highlights no trap and finds every genuine mention', (name, file) => {
    const result = score(file, findMentions(file.text, glossary), entries);
    report(name, result, file.text);

    expect(result.trapsHit).toEqual([]);
    expect([...result.core.missed, ...result.phrase.missed].map((m) => `${m.start} ${m.surface}`)).toEqual([]);
    expect(result.senses.wrong.map((w) => `${w.gold.surface}: ${w.got}`)).toEqual([]);
  });
});

describe('our own real-writing passages (tests/fixtures/own) scored against their gold', () => {
  const files = readGold('own');
  const all: Score[] = [];

  it.each(files.map((f) => [f.name, f] as const))('%s: highlights no trap', (name, file) => {
    const result = score(file, findMentions(file.text, glossary), entries);
    all.push(result);
    report(name, result, file.text);

    expect(result.trapsHit).toEqual([]);
  });

  it('finds at least 85% of their core and phrase mentions', () => {
    const found = all.reduce((n, s) => n + s.core.found + s.phrase.found, 0);
    const total = all.reduce((n, s) => n + s.core.total + s.phrase.total, 0);
    const fp = all.reduce((n, s) => n + s.falsePositives.length, 0);
    const tp = all.reduce((n, s) => n + s.truePositives, 0);
    console.log(`OWN TOTAL recall ${pct(found, total)} (${found}/${total}), precision ${pct(tp, tp + fp)} (${tp}/${tp + fp})`);

    expect(all).toHaveLength(files.length);
    expect(found / total).toBeGreaterThanOrEqual(0.85);
  });
});

function report(name: string, s: Score, text: string): void {
  const tp = s.truePositives;
  const fp = s.falsePositives.length;
  const lines = [
    `${name}: core recall ${pct(s.core.found, s.core.total)} (${s.core.found}/${s.core.total}), phrase recall ${pct(s.phrase.found, s.phrase.total)}, ` +
      `precision ${pct(tp, tp + fp)} (${tp}/${tp + fp}), traps highlighted ${s.trapsHit.length}, correct sense ${pct(s.senses.right, s.senses.total)}`,
    ...[...s.core.missed, ...s.phrase.missed].map((m) => `  missed ${m.tier} ${m.term} at ${m.start}: ${context(text, m.start, m.end)}`),
    ...s.falsePositives.map(({ mention: m, why }) => `  false positive at ${m.start} (${why}): ${context(text, m.start, m.end)}`),
    ...s.senses.wrong.map(({ gold, got }) => `  wrong sense at ${gold.start}: "${got}" for "${gold.expansion}"`),
  ];
  console.log(lines.join('\n'));
}
