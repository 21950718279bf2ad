import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  treeshake: true,
  // The Lua scripts are inlined as strings, so the published package has no files to find at runtime.
  loader: { '.lua': 'text' },
});
