/**
 * Where time comes from. Domain code never reads the clock; application code asks this port, so tests
 * can move time by hand.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/** The real clock. */
export const systemClock: Clock = { now: () => Date.now() };
