/**
 * Takes out the one place our bundles could set HTML from data: Preact's
 * support for `dangerouslySetInnerHTML`. We never use it (data is rendered
 * as text), and addons-linter warns about any innerHTML assignment of a
 * non-literal (UNSAFE_VAR_ASSIGNMENT), which a store reviewer would query.
 * With this plugin the prop would render its text, visibly, instead of markup.
 */
import type { Plugin } from 'vite';

const PREACT = /[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.(?:mjs|module\.js|js)$/;
const ASSIGNMENT = /\b(\w+)\.innerHTML=(\w+)\.__html\b/g;

export function noInnerHtmlPlugin(): Plugin {
  return {
    name: 'probation-jargon:no-inner-html',
    transform(code, id) {
      if (!PREACT.test(id.split('?')[0]!)) return null;
      const found = code.match(ASSIGNMENT)?.length ?? 0;
      if (found !== 1) {
        this.error(`${id}: expected one dangerouslySetInnerHTML assignment to disable, found ${found}; check this Preact version.`);
      }
      return { code: code.replace(ASSIGNMENT, '$1.textContent=$2.__html'), map: null };
    },
  };
}
