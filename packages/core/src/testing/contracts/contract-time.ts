/**
 * A clock a contract harness may hand over, so time-dependent contract tests move time instead of waiting.
 * `ManualClock` fits; so does a `ManualScheduler` (its `advance` also fires what fell due).
 */
export interface ContractClock {
  now(): number;
  advance(ms: number): void | Promise<void>;
}

/** How the contract suites pass time: by the harness's clock when it has one, in real milliseconds otherwise. */
export interface ContractTime {
  /** Now, by the harness's clock, or `Date.now()`. */
  now(): number;
  /** Lets `ms` pass: moves the clock (then gives pending callbacks a turn), or sleeps. */
  elapse(ms: number): Promise<void>;
  /**
   * Passes time in steps of `stepMs` until `condition` holds; fails once `timeoutMs` passed by this clock or
   * 10 s of real time, whichever comes first.
   */
  waitFor(
    condition: () => boolean,
    options?: { timeoutMs?: number; stepMs?: number; what?: string },
  ): Promise<void>;
}

/** The `ContractTime` of a harness with `clock`, or of real time. */
export function contractTime(clock: ContractClock | undefined): ContractTime {
  const now = (): number => (clock ? clock.now() : Date.now());
  const elapse = async (ms: number): Promise<void> => {
    if (clock) {
      await clock.advance(ms);
      await sleep(1);
    } else {
      await sleep(ms);
    }
  };
  return {
    now,
    elapse,
    async waitFor(condition, options = {}) {
      const { timeoutMs = 2_000, stepMs = 5, what = 'the condition' } = options;
      const startedAt = now();
      const realStart = Date.now();
      while (!condition()) {
        if (now() - startedAt > timeoutMs || Date.now() - realStart > 10_000) {
          throw new Error(`Waited ${timeoutMs} ms for ${what}, in vain`);
        }
        await elapse(stepMs);
      }
    },
  };
}

/** Resolves after `ms` real milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A promise with its `resolve` handed out, for holding work open until the test lets it go. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/**
 * A random suffix for the ids and names of one test, so suites running in parallel against one shared
 * Redis or Postgres never see each other's data.
 */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}
