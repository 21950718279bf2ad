import { describeSessionStoreContract } from '../testing/contracts/session-store.contract.js';
import { ManualClock } from '../testing/manual-clock.js';
import { MemorySessionStore } from './memory-session-store.js';

describeSessionStoreContract('MemorySessionStore (ManualClock)', () => {
  const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
  return { store: new MemorySessionStore({ clock }), clock };
});

// Real time too, as the Redis store runs it: proves the contract's waits work without a clock.
describeSessionStoreContract('MemorySessionStore (real time)', () => ({ store: new MemorySessionStore() }));
