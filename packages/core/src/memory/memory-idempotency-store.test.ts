import { describeIdempotencyStoreContract } from '../testing/contracts/idempotency-store.contract.js';
import { ManualClock } from '../testing/manual-clock.js';
import { MemoryIdempotencyStore } from './memory-idempotency-store.js';

describeIdempotencyStoreContract('MemoryIdempotencyStore (ManualClock)', () => {
  const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
  return { store: new MemoryIdempotencyStore({ clock }), clock };
});

describeIdempotencyStoreContract('MemoryIdempotencyStore (real time)', () => ({
  store: new MemoryIdempotencyStore(),
}));
