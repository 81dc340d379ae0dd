/**
 * `npm run glossary:check`: validates every glossary file and prints each
 * problem as `file: entry: field: message`. Exits 1 if there is any.
 */
import { formatProblem, validateGlossary } from '../lib/core/glossary-validate';
import { readGlossaryFiles } from './read-glossary';

const files = readGlossaryFiles();
const { entries, problems } = validateGlossary(files);
if (problems.length) {
  for (const problem of problems) console.error(formatProblem(problem));
  console.error(`\n${problems.length} problem(s) in ${files.length} file(s).`);
  process.exit(1);
}
const senses = entries.reduce((n, entry) => n + entry.senses.length, 0);
console.log(`glossary OK: ${entries.length} entries, ${senses} senses, ${files.length} files.`);
