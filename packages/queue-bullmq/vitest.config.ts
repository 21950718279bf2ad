import { readFile } from 'node:fs/promises';
import { defineProject, type Plugin } from 'vitest/config';
import { sourceAliases } from '../../vitest.shared.js';

/** Loads `.lua` files as their source text, as tsup's `text` loader does for the build. */
const luaAsText: Plugin = {
  name: 'chatcart:lua-as-text',
  async load(id) {
    if (!id.endsWith('.lua')) return null;
    return `export default ${JSON.stringify(await readFile(id, 'utf8'))};`;
  },
};

export default defineProject({
  plugins: [luaAsText],
  resolve: { alias: sourceAliases },
  test: {
    name: 'queue-bullmq',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Every file talks to a real Redis; a little headroom over vitest's default for slow shared machines.
    testTimeout: 15_000,
  },
});
