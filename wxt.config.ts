import { fileURLToPath } from 'node:url';
import type { Alias, AliasOptions } from 'vite';
import { defineConfig } from 'wxt';
import { glossaryPlugin } from './scripts/glossary-plugin';
import { noInnerHtmlPlugin } from './scripts/no-inner-html-plugin';
import { MANIFEST_COMMANDS } from './lib/browser/commands';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  srcDir: '.',
  // PJ_OUT_DIR lets parallel builds (tests, benchmarks) keep apart.
  outDir: process.env.PJ_OUT_DIR ?? '.output',
  manifest: ({ browser }) => ({
    name: 'Probation Jargon',
    description: 'Explains UK probation jargon (OASys, MAPPA, CRC, PSO…) where you read it. Works offline; sends nothing anywhere.',
    permissions: ['storage', 'activeTab', 'contextMenus'],
    commands: MANIFEST_COMMANDS,
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'probation-jargon@example.org',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android gained data_collection_permissions in 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  vite: () => ({
    plugins: [glossaryPlugin(), noInnerHtmlPlugin()],
    // Vite's modulepreload polyfill is the only fetch() in our bundles; every browser we support preloads natively.
    build: { modulePreload: { polyfill: false }, ...(process.env.PJ_NO_MINIFY ? { minify: false } : {}) },
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  }),
  hooks: {
    // Content scripts use the browser's own API, without webextension-polyfill (see lib/browser/native-browser.ts);
    // the background, popup and options page keep the polyfill that the module above makes `wxt/browser`.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((entrypoint) => entrypoint.type === 'content-script')) return;
      config.resolve ??= {};
      config.resolve.alias = [{ find: /^wxt\/browser$/, replacement: NATIVE_BROWSER }, ...aliasList(config.resolve.alias)];
    },
  },
});

const NATIVE_BROWSER = fileURLToPath(new URL('./lib/browser/native-browser.ts', import.meta.url));

/** Vite's aliases as a list, whose first match wins. */
function aliasList(alias: AliasOptions | undefined): Alias[] {
  if (!alias) return [];
  return Array.isArray(alias) ? alias : Object.entries(alias).map(([find, replacement]) => ({ find, replacement }));
}
