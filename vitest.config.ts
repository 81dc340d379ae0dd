import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { glossaryPlugin } from './scripts/glossary-plugin';

export default defineConfig({
  plugins: [WxtVitest(), glossaryPlugin()],
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/component/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
