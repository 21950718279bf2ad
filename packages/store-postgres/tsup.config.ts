import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', bin: 'src/bin.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts' } },
  sourcemap: true,
  clean: true,
  target: 'node20',
  treeshake: true,
  // Migrations are inlined as text, so the code that applies them never looks for files at runtime; the
  // .sql files themselves ship too (package.json "files") for people who apply them with their own tools.
  loader: { '.sql': 'text' },
});
