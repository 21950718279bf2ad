import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const support = fileURLToPath(new URL('./', import.meta.url));

/**
 * Starts a TypeScript file as its own Node process, through tsx, with `@chatcart/core` mapped to core's
 * sources and `.lua` imports loaded as text: the same code the tests run, in a process a test can kill.
 */
export function spawnTypeScript(
  file: string,
  args: readonly string[],
  env: Record<string, string>,
): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', '--import', `${support}lua-loader.mjs`, file, ...args], {
    env: { ...process.env, ...env, TSX_TSCONFIG_PATH: `${support}tsconfig.child.json` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Resolves with the exit code (or the signal's name) once the child has exited. */
export function exited(child: ChildProcess): Promise<number | string> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
}
