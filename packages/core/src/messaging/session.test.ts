import { describe, expect, it } from 'vitest';
import { Session } from './session.js';

const stored = (data: Session['data'], version = 3) => ({ data, version, expiresAt: 10_000 });

describe('Session', () => {
  it('is new, empty and unchanged when nothing was stored', () => {
    const session = new Session(undefined);
    expect(session.isNew).toBe(true);
    expect(session.version).toBe(0);
    expect(session.data).toEqual({});
    expect(session.changed).toBe(false);
  });

  it('starts from the initial data when nothing was stored', () => {
    const session = new Session(undefined, () => ({ step: 'start' }));
    expect(session.get('step')).toBe('start');
  });

  it('reports no change when the data was only read', () => {
    const session = new Session(stored({ cart: [{ sku: 'rice', qty: 2 }] }));
    expect(session.data.cart).toEqual([{ sku: 'rice', qty: 2 }]);
    expect(session.changed).toBe(false);
  });

  it('notices a change deep inside the data', () => {
    const session = new Session(stored({ cart: [{ sku: 'rice', qty: 2 }] }));
    const cart = session.data.cart as { qty: number }[];
    (cart[0] as { qty: number }).qty = 3;
    expect(session.changed).toBe(true);
  });

  it('counts set, delete and assigning data as changes', () => {
    const a = new Session(stored({ step: 'start' }));
    a.set('step', 'confirm');
    expect(a.changed).toBe(true);
    const b = new Session(stored({ step: 'start' }));
    b.delete('step');
    expect(b.changed).toBe(true);
    const c = new Session(stored({ step: 'start' }));
    c.data = { step: 'start' };
    expect(c.changed).toBe(true);
  });

  it('ignores deleting a key that is not there', () => {
    const session = new Session(stored({ step: 'start' }));
    session.delete('missing');
    expect(session.changed).toBe(false);
  });

  it('starts over, keeping the version, when the stored value is not an object', () => {
    const session = new Session(stored(['not', 'an', 'object'] as unknown as Session['data'], 7));
    expect(session.data).toEqual({});
    expect(session.version).toBe(7);
  });

  it('remembers destroy() until the data is assigned again', () => {
    const session = new Session(stored({ step: 'start' }));
    session.destroy();
    expect(session.destroyed).toBe(true);
    session.data = {};
    expect(session.destroyed).toBe(false);
  });
});
