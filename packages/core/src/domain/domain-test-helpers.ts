/**
 * Shared checks for the domain's property tests (test-only; not exported from the package).
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { ChatcartError } from './errors.js';

/** Epoch ms between 2020 and 2040: realistic times for generated operations. */
export const timestamps = (): fc.Arbitrary<number> =>
  fc.integer({ min: 1_577_836_800_000, max: 2_208_988_800_000 });

/** How many runs property tests use: enough to find bugs, small enough for a shared 2-core machine. */
export const RUNS = { numRuns: 150 } as const;

interface Aggregate {
  toSnapshot(): unknown;
  peekEvents(): readonly unknown[];
}

type SnapshotOf<A> = A extends { toSnapshot(): infer S } ? S : never;

/**
 * Applies operations one by one. A failing operation must throw a ChatcartError and leave the snapshot and
 * the pending events exactly as they were; after every operation the snapshot must survive
 * `fromSnapshot` (which validates every invariant) unchanged.
 */
export function applyAtomically<A extends Aggregate>(
  aggregate: A,
  operations: readonly ((aggregate: A) => unknown)[],
  fromSnapshot: (snapshot: SnapshotOf<A>) => A,
): { succeeded: number; failed: number } {
  let succeeded = 0;
  let failed = 0;
  for (const operation of operations) {
    const before = aggregate.toSnapshot();
    const eventsBefore = aggregate.peekEvents().length;
    try {
      operation(aggregate);
      succeeded++;
    } catch (error) {
      failed++;
      if (!(error instanceof ChatcartError)) throw error;
      expect(aggregate.toSnapshot()).toEqual(before);
      expect(aggregate.peekEvents()).toHaveLength(eventsBefore);
    }
    const snapshot = aggregate.toSnapshot();
    expect(fromSnapshot(JSON.parse(JSON.stringify(snapshot)) as SnapshotOf<A>).toSnapshot()).toEqual(
      snapshot,
    );
  }
  return { succeeded, failed };
}
