import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    treeshake: true,
    // The Lua scripts are inlined as strings, so the published package has no files to find at runtime.
    loader: { '.lua': 'text' },
  },
  {
    // The `chatcart-worker` command: ESM only (it uses top-level await), with its shebang.
    entry: { 'chatcart-worker': 'src/bin/chatcart-worker.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    loader: { '.lua': 'text' },
    banner: { js: '#!/usr/bin/env node' },
  },
]);
