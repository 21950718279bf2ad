import { describe, expect, it } from 'vitest';
import { SequentialIdGenerator } from './sequential-id-generator.js';

describe('SequentialIdGenerator', () => {
  it('counts each prefix on its own, from 1', () => {
    const ids = new SequentialIdGenerator();
    expect([ids.next('ord'), ids.next('ord'), ids.next('inv'), ids.next()]).toEqual([
      'ord_1',
      'ord_2',
      'inv_1',
      'id_1',
    ]);
  });

  it('starts where told and starts over on reset', () => {
    const ids = new SequentialIdGenerator({ start: 100 });
    expect(ids.next('ord')).toBe('ord_100');
    ids.reset();
    expect(ids.next('ord')).toBe('ord_100');
  });
});
