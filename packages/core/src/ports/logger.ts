/** Fields attached to a log line. */
export type LogFields = Record<string, unknown>;

/** One log method in pino's call shape: `log(fields, message)` or `log(message)`. */
export interface LogFn {
  (fields: LogFields, message?: string): void;
  (message: string): void;
}

/**
 * A structured logger in pino's shape, so a pino instance can be passed as is.
 *
 * @example
 * ```ts
 * import pino from 'pino';
 * createBot({ logger: pino() });
 * ```
 */
export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  /** A logger whose lines all carry `bindings`. */
  child(bindings: LogFields): Logger;
}

const ignore: LogFn = () => {};

/** A logger that drops everything. The default when none is given. */
export const silentLogger: Logger = {
  debug: ignore,
  info: ignore,
  warn: ignore,
  error: ignore,
  child: () => silentLogger,
};
