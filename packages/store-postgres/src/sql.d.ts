/**
 * SQL files are imported as their text: tsup inlines them at build time (`loader: { '.sql': 'text' }`) and
 * the vitest config loads them the same way, so migrations stay plain `.sql` files, shipped as they are in
 * the package, while the code that runs them never has to find them on disk.
 */
declare module '*.sql' {
  const source: string;
  export default source;
}
