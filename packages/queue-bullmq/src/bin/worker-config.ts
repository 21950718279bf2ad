import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ValidationError } from '@chatcart/core';
import type { RunWorkerOptions } from '../run-worker.js';

/**
 * What a worker config module default-exports: the `runWorker` options, or a function (maybe async) that
 * builds them, so the module can open its database and build core's handlers first.
 */
export type WorkerConfig = RunWorkerOptions | (() => RunWorkerOptions | Promise<RunWorkerOptions>);

/** Imports the host's worker config module at `path` (relative to the working directory). */
export async function loadWorkerConfig(path: string | undefined): Promise<RunWorkerOptions> {
  if (!path) {
    throw new ValidationError('chatcart-worker needs a config module', [
      {
        path: 'argv',
        message:
          'usage: chatcart-worker ./worker.config.js (a module whose default export is the runWorker options)',
      },
    ]);
  }
  const url = pathToFileURL(resolve(process.cwd(), path)).href;
  const module = (await import(url)) as { default?: WorkerConfig };
  const config = module.default;
  const options = typeof config === 'function' ? await config() : config;
  if (!options || typeof options !== 'object' || !('queue' in options)) {
    throw new ValidationError(`Worker config ${path} is not usable`, [
      {
        path: 'default',
        message: 'must default-export the runWorker options (with `queue`), or a function returning them',
      },
    ]);
  }
  return options;
}
