import { readFile } from 'node:fs/promises';
import { defineProject, type Plugin } from 'vitest/config';
import { sourceAliases } from '../../vitest.shared.js';

/** Loads `.sql` files as their text, as tsup's `text` loader does for the build. */
const sqlAsText: Plugin = {
  name: 'chatcart:sql-as-text',
  async load(id) {
    if (!id.endsWith('.sql')) return null;
    return `export default ${JSON.stringify(await readFile(id, 'utf8'))};`;
  },
};

export default defineProject({
  plugins: [sqlAsText],
  resolve: { alias: sourceAliases },
  test: {
    name: 'store-postgres',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Every file talks to a real PostgreSQL; a little headroom over vitest's default for slow shared machines.
    testTimeout: 15_000,
    hookTimeout: 20_000,
  },
});
