import type { LogFields, LogFn, Logger } from '../ports/logger.js';

/** A log level of `Logger`. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** One line a `CapturingLogger` recorded. */
export interface CapturedLogLine {
  readonly level: LogLevel;
  /** The message, or `undefined` when only fields were logged. */
  readonly message: string | undefined;
  /** The bindings of every `child` on the way, then the call's own fields (which win on a clash). */
  readonly fields: Readonly<LogFields>;
}

/**
 * A `Logger` that keeps what it was given, for asserting on logs in tests. Children share their root's
 * `lines`, with their bindings merged into each line's fields as pino does.
 *
 * @example
 * ```ts
 * const logger = new CapturingLogger();
 * logger.child({ organizationId: 'org_1' }).warn({ orderId: 'ord_1' }, 'payment overdue');
 * expect(logger.lines).toEqual([
 *   { level: 'warn', message: 'payment overdue', fields: { organizationId: 'org_1', orderId: 'ord_1' } },
 * ]);
 * ```
 */
export class CapturingLogger implements Logger {
  /** Every line logged through this logger or its children, oldest first. */
  readonly lines: CapturedLogLine[];
  readonly #bindings: Readonly<LogFields>;

  readonly debug: LogFn = (...args: [LogFields | string, string?]) => this.#record('debug', args);
  readonly info: LogFn = (...args: [LogFields | string, string?]) => this.#record('info', args);
  readonly warn: LogFn = (...args: [LogFields | string, string?]) => this.#record('warn', args);
  readonly error: LogFn = (...args: [LogFields | string, string?]) => this.#record('error', args);

  constructor(bindings: LogFields = {}, lines: CapturedLogLine[] = []) {
    this.#bindings = { ...bindings };
    this.lines = lines;
  }

  child(bindings: LogFields): CapturingLogger {
    return new CapturingLogger({ ...this.#bindings, ...bindings }, this.lines);
  }

  /** The lines at `level`, or all of them. */
  at(level?: LogLevel): CapturedLogLine[] {
    return level === undefined ? [...this.lines] : this.lines.filter((line) => line.level === level);
  }

  /** The messages logged, in order, optionally only at `level`. */
  messages(level?: LogLevel): Array<string | undefined> {
    return this.at(level).map((line) => line.message);
  }

  /** Forgets every line (of the root and all its children). */
  clear(): void {
    this.lines.length = 0;
  }

  #record(level: LogLevel, [first, second]: [LogFields | string, string?]): void {
    const line: CapturedLogLine =
      typeof first === 'string'
        ? { level, message: first, fields: { ...this.#bindings } }
        : { level, message: second, fields: { ...this.#bindings, ...first } };
    this.lines.push(line);
  }
}
