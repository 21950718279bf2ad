import { describe, expect, it } from 'vitest';
import { quoteSchema } from './schema-name.js';

describe('quoteSchema', () => {
  it('quotes a plain lower-case identifier', () => {
    expect(quoteSchema('chatcart')).toBe('"chatcart"');
    expect(quoteSchema('_shop_2')).toBe('"_shop_2"');
  });

  it('refuses anything that could leave the quoted identifier or be folded differently', () => {
    for (const schema of ['', 'Shop', 'shop"; DROP SCHEMA public; --', 'shop-bot', '1shop', 'a'.repeat(64)]) {
      expect(() => quoteSchema(schema)).toThrow(/schema: must be lower-case letters/);
    }
  });
});
