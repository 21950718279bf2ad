/**
 * Lets a child process started with `node --import tsx --import ./lua-loader.mjs` import `.lua` files as
 * their source text, as tsup and the vitest config do, so child processes run the package's sources.
 */
import { register } from 'node:module';

const hooks = `
import { readFile } from 'node:fs/promises';
export async function load(url, context, next) {
  if (!url.endsWith('.lua')) return next(url, context);
  const source = await readFile(new URL(url), 'utf8');
  return { format: 'module', source: 'export default ' + JSON.stringify(source) + ';', shortCircuit: true };
}
`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
