import { fileURLToPath } from 'node:url';

const coreSrc = fileURLToPath(new URL('./packages/core/src/', import.meta.url));

/**
 * Tests import `@chatcart/core` by its public name, but run against the sources beside them, so a test run
 * never depends on a stale build. The more specific entry point comes first.
 */
export const sourceAliases = [
  { find: /^@chatcart\/core\/testing$/, replacement: `${coreSrc}testing/index.ts` },
  { find: /^@chatcart\/core$/, replacement: `${coreSrc}index.ts` },
];
