import type { LogFields, Logger } from '@chatcart/core';
import { runWorker } from '../run-worker.js';
import { loadWorkerConfig } from './worker-config.js';

/**
 * `chatcart-worker ./worker.config.js`: runs the worker the config module describes, as its own process,
 * shutting down gracefully on SIGTERM. Logs JSON lines to stderr unless the config brings a logger.
 */
const logger = jsonLogger({});
try {
  const options = await loadWorkerConfig(process.argv[2]);
  await runWorker({ logger, ...options, handleSignals: true });
} catch (error) {
  logger.error({ err: error instanceof Error ? error.message : String(error) }, 'Worker failed to start');
  process.exit(1);
}

function jsonLogger(bindings: LogFields): Logger {
  const line =
    (level: string) =>
    (fieldsOrMessage: LogFields | string, message?: string): void => {
      const fields = typeof fieldsOrMessage === 'string' ? {} : fieldsOrMessage;
      const msg = typeof fieldsOrMessage === 'string' ? fieldsOrMessage : message;
      process.stderr.write(`${JSON.stringify({ level, time: Date.now(), ...bindings, ...fields, msg })}\n`);
    };
  return {
    debug: () => {},
    info: line('info'),
    warn: line('warn'),
    error: line('error'),
    child: (more) => jsonLogger({ ...bindings, ...more }),
  };
}
