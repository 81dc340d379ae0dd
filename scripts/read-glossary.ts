/** Reads glossary/*.json from disk for Node-side tools (build plugin, check, scan). */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SourceFile } from '../lib/core/glossary-validate';

/** PJ_GLOSSARY_DIR points tools at another folder, for trying out a draft glossary. */
export const GLOSSARY_DIR = process.env.PJ_GLOSSARY_DIR ?? join(import.meta.dirname, '..', 'glossary');

export function readGlossaryFiles(dir = GLOSSARY_DIR): SourceFile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const path = join(dir, name);
      const file = relative(join(dir, '..'), path);
      const text = readFileSync(path, 'utf8');
      try {
        return { file, data: JSON.parse(text) as unknown };
      } catch (error) {
        return { file, data: undefined, error: (error as Error).message };
      }
    });
}
