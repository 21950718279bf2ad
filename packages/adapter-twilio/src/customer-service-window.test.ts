import { ConflictError, MemorySessionStore, type SessionStore } from '@chatcart/core';
import { ManualClock } from '@chatcart/core/testing';
import { describe, expect, it } from 'vitest';
import { CustomerServiceWindow, type CustomerServiceWindowStore } from './customer-service-window.js';
import { CustomerServiceWindowClosedError } from './errors.js';
import { MemoryCustomerServiceWindowStore } from './memory-window-store.js';
import { SessionWindowStore } from './session-window-store.js';

const HOUR = 60 * 60 * 1000;
const START = Date.parse('2026-11-25T08:00:00Z');

const stores: Array<[string, (clock: ManualClock) => CustomerServiceWindowStore]> = [
  ['MemoryCustomerServiceWindowStore', (clock) => new MemoryCustomerServiceWindowStore({ clock })],
  [
    'SessionWindowStore over MemorySessionStore',
    (clock) => new SessionWindowStore({ sessions: new MemorySessionStore({ clock }), clock }),
  ],
];

describe.each(stores)('CustomerServiceWindow with %s', (_name, createStore) => {
  function setup() {
    const clock = new ManualClock(START);
    const window = new CustomerServiceWindow({ store: createStore(clock), clock });
    return { clock, window };
  }

  it('is closed for a customer who never wrote', async () => {
    const { window } = setup();
    expect(await window.state('org_1', '+4915112345678')).toEqual({
      open: false,
      lastInboundAt: undefined,
      closesAt: undefined,
    });
    await expect(window.assertOpen('org_1', '+4915112345678')).rejects.toBeInstanceOf(
      CustomerServiceWindowClosedError,
    );
  });

  it('opens for 24 hours from the last inbound message, and not a millisecond longer', async () => {
    const { clock, window } = setup();
    await window.recordInbound('org_1', '+4915112345678', START);
    clock.advance(24 * HOUR - 1);
    expect(await window.state('org_1', '+4915112345678')).toMatchObject({
      open: true,
      closesAt: START + 24 * HOUR,
    });
    clock.advance(1);
    const error = await window.assertOpen('org_1', '+4915112345678').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CustomerServiceWindowClosedError);
    expect(error).toMatchObject({ code: 'WHATSAPP_WINDOW_CLOSED' });
  });

  it('reopens when the customer writes again', async () => {
    const { clock, window } = setup();
    await window.recordInbound('org_1', '+4915112345678', START);
    clock.advance(30 * HOUR);
    await window.recordInbound('org_1', '+4915112345678', clock.now());
    await expect(window.assertOpen('org_1', '+4915112345678')).resolves.toBeUndefined();
  });

  it('never moves back when an older webhook arrives late', async () => {
    const { clock, window } = setup();
    await window.recordInbound('org_1', '+4915112345678', START + 2 * HOUR);
    await window.recordInbound('org_1', '+4915112345678', START);
    clock.advance(25 * HOUR);
    expect(await window.state('org_1', '+4915112345678')).toMatchObject({
      open: true,
      lastInboundAt: START + 2 * HOUR,
    });
  });

  it('keeps customers and organizations apart', async () => {
    const { window } = setup();
    await window.recordInbound('org_1', '+4915112345678', START);
    expect((await window.state('org_2', '+4915112345678')).open).toBe(false);
    expect((await window.state('org_1', '+4915112345679')).open).toBe(false);
  });
});

describe('MemoryCustomerServiceWindowStore', () => {
  it('forgets customers a day after their window closed, and keeps at most maxEntries', async () => {
    const clock = new ManualClock(START);
    const store = new MemoryCustomerServiceWindowStore({ clock, maxEntries: 2 });
    await store.recordInbound('org_1', 'a', START);
    await store.recordInbound('org_1', 'b', START);
    await store.recordInbound('org_1', 'c', START);
    expect(await store.lastInboundAt('org_1', 'a')).toBeUndefined();
    expect(await store.lastInboundAt('org_1', 'c')).toBe(START);
    clock.advance(48 * HOUR);
    expect(await store.lastInboundAt('org_1', 'c')).toBeUndefined();
  });
});

describe('SessionWindowStore', () => {
  it('retries a compare-and-set conflict, so of two racing webhooks the later time wins', async () => {
    const clock = new ManualClock(START);
    const sessions = new MemorySessionStore({ clock });
    let interfered = false;
    // A second instance writes between this instance's read and write, once.
    const racing: SessionStore = {
      get: (organizationId, key) => sessions.get(organizationId, key),
      delete: (organizationId, key) => sessions.delete(organizationId, key),
      async set(organizationId, key, data, options) {
        if (!interfered) {
          interfered = true;
          await sessions.set(organizationId, key, { lastInboundAt: START + 1 }, options);
        }
        return sessions.set(organizationId, key, data, options);
      },
    };
    const store = new SessionWindowStore({ sessions: racing, clock });
    await store.recordInbound('org_1', '+4915112345678', START + 5);
    expect(await store.lastInboundAt('org_1', '+4915112345678')).toBe(START + 5);
  });

  it('gives up after repeated conflicts with the ConflictError', async () => {
    const clock = new ManualClock(START);
    const conflicting: SessionStore = {
      get: async () => undefined,
      delete: async () => undefined,
      set: async () => {
        throw new ConflictError('Session', 'k', 0, 1);
      },
    };
    const store = new SessionWindowStore({ sessions: conflicting, clock });
    await expect(store.recordInbound('org_1', '+4915112345678', START)).rejects.toBeInstanceOf(ConflictError);
  });

  it('writes nothing for an inbound message older than it keeps', async () => {
    const clock = new ManualClock(START + 49 * HOUR);
    const sessions = new MemorySessionStore({ clock });
    const store = new SessionWindowStore({ sessions, clock });
    await store.recordInbound('org_1', '+4915112345678', START);
    expect(await sessions.get('org_1', 'twilio-window:+4915112345678')).toBeUndefined();
  });
});
