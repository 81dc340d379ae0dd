/**
 * `npm run scan -- FILE...`: runs the extension's matcher and context rules
 * over files and prints one JSON object per file, for maintainers:
 * {"file", "matches": [{start, end, text, id, term, expansion}], "unknown": [{text, count}]}
 * Offsets are JavaScript string offsets into the file's text; for .html files
 * they index its text content.
 */
import { readFileSync } from 'node:fs';
import { findMentions } from '../lib/core/find-mentions';
import { loadGlossary } from '../lib/core/glossary-validate';
import { compileGlossary } from '../lib/core/matcher';
import { TOPIC_WORDS } from '../lib/core/relevance';
import { findUnknownTerms } from '../lib/core/unknown-terms';
import { htmlToText } from './html-text';
import { readGlossaryFiles } from './read-glossary';

const files = process.argv.slice(2);
if (!files.length) {
  console.error('usage: npm run scan -- FILE...');
  process.exit(2);
}

const entries = loadGlossary(readGlossaryFiles());
const glossary = compileGlossary(entries, TOPIC_WORDS);
let failed = false;

for (const file of files) {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`${file}: cannot read: ${(error as Error).message}`);
    failed = true;
    continue;
  }
  const text = /\.html?$/i.test(file) ? htmlToText(raw) : raw;
  const matches = findMentions(text, glossary).map((m) => {
    const entry = entries[m.entry]!;
    return {
      start: m.start,
      end: m.end,
      text: text.slice(m.start, m.end),
      id: entry.id,
      term: entry.headword,
      expansion: entry.senses[m.sense]!.expansion,
    };
  });
  console.log(JSON.stringify({ file, matches, unknown: findUnknownTerms(text, glossary) }));
}
process.exit(failed ? 1 : 0);
