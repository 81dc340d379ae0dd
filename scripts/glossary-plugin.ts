/**
 * A Vite plugin that validates glossary/*.json whenever the extension is built
 * or tested, and serves it as two virtual modules:
 * - `virtual:glossary`: every entry, in full (background, popup, options);
 * - `virtual:glossary-index`: only what the matcher needs (content script), so
 *   the content script stays small and the definitions are loaded once, by the
 *   background, and sent on demand.
 * An invalid glossary fails the build with every problem listed.
 */
import { join } from 'node:path';
import type { Plugin } from 'vite';
import type { Entry } from '../lib/core/glossary-schema';
import { loadGlossary } from '../lib/core/glossary-validate';
import { encodeIndex } from '../lib/core/glossary-index';
import { GLOSSARY_DIR, readGlossaryFiles } from './read-glossary';

const FULL = 'virtual:glossary';
const INDEX = 'virtual:glossary-index';

export function glossaryPlugin(): Plugin {
  let entries: Entry[] | undefined;
  const load = () => (entries ??= loadGlossary(readGlossaryFiles()));
  return {
    name: 'probation-jargon:glossary',
    buildStart() {
      entries = undefined;
      load();
    },
    resolveId(id) {
      return id === FULL || id === INDEX ? `\0${id}` : undefined;
    },
    load(id) {
      if (id !== `\0${FULL}` && id !== `\0${INDEX}`) return undefined;
      for (const file of readGlossaryFiles()) this.addWatchFile(join(GLOSSARY_DIR, '..', file.file));
      // The index is compact JSON text that the content script decodes (lib/core/glossary-index.ts).
      if (id === `\0${INDEX}`) return `export default ${JSON.stringify(encodeIndex(load()))};`;
      // JSON.parse of a string literal is faster to start than an object literal.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(load()))});`;
    },
    watchChange(id) {
      if (id.startsWith(GLOSSARY_DIR)) entries = undefined;
    },
  };
}
