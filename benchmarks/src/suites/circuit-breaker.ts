import { CircuitBreaker } from '@chatcart/core';
import { ConsecutiveBreaker, circuitBreaker, handleAll, TimeoutStrategy, timeout, wrap } from 'cockatiel';
import Opossum from 'opossum';
import { type BenchSuite, compareRow, measure, perOperation, sequentially } from '../harness.js';

/**
 * Overhead of one call through a CLOSED breaker around a trivially resolving async function, with a 10 s
 * per-call timeout where the library has one. What is measured is the breaker, not the work. Each sample
 * runs {@link CALLS} calls one after another (see `sequentially`); figures are calls per second.
 */
const work = async (): Promise<number> => 1;
const CALLS = 100;

const OURS = 'chatcart CircuitBreaker (timeout 10 s)';
const OPOSSUM = 'opossum (timeout 10 s)';
const COCKATIEL = 'cockatiel ConsecutiveBreaker (no timeout)';
const COCKATIEL_TIMEOUT = 'cockatiel breaker + TimeoutPolicy 10 s';

const suite: BenchSuite = {
  name: 'circuit-breaker',
  async run() {
    const ours = new CircuitBreaker({ name: 'bench', timeout: 10_000 });
    const opossum = new Opossum(work, { timeout: 10_000 });
    const cockatielBreaker = circuitBreaker(handleAll, {
      halfOpenAfter: 60_000,
      breaker: new ConsecutiveBreaker(5),
    });
    const cockatielWithTimeout = wrap(timeout(10_000, TimeoutStrategy.Aggressive), cockatielBreaker);

    const figures = perOperation(
      await measure([
        { name: OURS, fn: sequentially(CALLS, () => ours.execute(work)) },
        { name: OPOSSUM, fn: sequentially(CALLS, () => opossum.fire()) },
        { name: COCKATIEL, fn: sequentially(CALLS, () => cockatielBreaker.execute(work)) },
        { name: COCKATIEL_TIMEOUT, fn: sequentially(CALLS, () => cockatielWithTimeout.execute(work)) },
      ]),
      CALLS,
    );
    // opossum keeps a rolling-stats interval running; stop it so the process can exit.
    opossum.shutdown();

    return [
      compareRow('breaker call, closed', figures, OURS, OPOSSUM, 5),
      compareRow('breaker call, closed', figures, OURS, COCKATIEL, 1),
      compareRow('breaker call, closed', figures, OURS, COCKATIEL_TIMEOUT, 1),
    ];
  },
};

export default suite;
