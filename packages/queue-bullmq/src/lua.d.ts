/**
 * Lua scripts are imported as their source text: tsup inlines them at build time (`loader: { '.lua':
 * 'text' }`) and the vitest config loads them the same way, so the scripts stay `.lua` files that an editor
 * highlights and a reader finds beside the code that runs them.
 */
declare module '*.lua' {
  const source: string;
  export default source;
}
