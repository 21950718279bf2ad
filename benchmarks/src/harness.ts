import { Bench } from 'tinybench';

/** One contender in a comparison: ours or a peer's. */
export interface Contender {
  readonly name: string;
  /** One operation. May return a promise; tinybench awaits it. */
  readonly fn: () => unknown;
}

/** One line of the results table: our figure next to a peer's, from the same run. */
export interface ResultRow {
  readonly benchmark: string;
  readonly ours: string;
  readonly oursOpsPerSec: number;
  readonly peer: string;
  readonly peerOpsPerSec: number;
  /** ours ÷ peer in operations per second: above 1 means we are faster. */
  readonly ratio: number;
  readonly target: string;
  readonly met: boolean;
}

/** A benchmark suite: one file in `suites/`, run by `pnpm bench`. */
export interface BenchSuite {
  readonly name: string;
  run(): Promise<ResultRow[]>;
}

/** Measures contenders in one tinybench run and returns operations per second for each, by name. */
export async function measure(
  contenders: readonly Contender[],
  options: { timeMs?: number; warmupMs?: number } = {},
): Promise<Map<string, number>> {
  const bench = new Bench({ time: options.timeMs ?? 1500, warmupTime: options.warmupMs ?? 300 });
  for (const contender of contenders) bench.add(contender.name, contender.fn);
  await bench.run();
  const result = new Map<string, number>();
  for (const task of bench.tasks) {
    // tinybench 5 records a task that threw in `result.error` and carries on; say so rather than report 0.
    if (task.result?.error) throw new Error(`Benchmark "${task.name}" threw`, { cause: task.result.error });
    const throughput = task.result && 'throughput' in task.result ? task.result.throughput.mean : 0;
    result.set(task.name, throughput);
  }
  return result;
}

/**
 * Wraps an operation of a few hundred nanoseconds so one benchmark sample runs it `times` times in a row
 * (awaiting each), because timing a single call that short mostly measures tinybench itself and flattens
 * every ratio towards 1. Divide the figures back with {@link perOperation}.
 */
export function sequentially(times: number, operation: () => unknown): () => Promise<void> {
  return async () => {
    for (let i = 0; i < times; i++) await operation();
  };
}

/** Turns figures measured with {@link sequentially} back into operations per second. */
export function perOperation(figures: Map<string, number>, times: number): Map<string, number> {
  return new Map([...figures].map(([name, opsPerSec]) => [name, opsPerSec * times]));
}

/** Builds a row comparing `ours` with `peer`; `minRatio` is the target (ours ÷ peer must reach it). */
export function compareRow(
  benchmark: string,
  figures: Map<string, number>,
  ours: string,
  peer: string,
  minRatio: number,
): ResultRow {
  const oursOps = figures.get(ours) ?? 0;
  const peerOps = figures.get(peer) ?? 0;
  const ratio = peerOps > 0 ? oursOps / peerOps : 0;
  return {
    benchmark,
    ours,
    oursOpsPerSec: oursOps,
    peer,
    peerOpsPerSec: peerOps,
    ratio,
    target: `≥ ${minRatio}×`,
    met: ratio >= minRatio,
  };
}
