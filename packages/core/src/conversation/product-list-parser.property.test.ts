import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ITEM_NAME_LENGTH, MAX_ITEM_QUANTITY } from '../domain/order-item.js';
import { MAX_LIST_INPUT_LENGTH, MAX_LIST_ITEMS, parseProductList } from './product-list-parser.js';
import { DECIMAL_UNITS } from './quantity-words.js';

const RUNS = 300;

/** Text built from the pieces product lists are made of, so the fuzzing reaches the interesting paths. */
const listLike = fc
  .array(
    fc.oneof(
      fc.constantFrom('2x', 'x3', '×', '0', '1.5', '2,5', '10000', '10001', 'kg', 'ml', 'dozen', 'a', 'two'),
      fc.constantFrom('and', '&', '+', ',', ';', '\n', '. ', '*', '_', '~', '```', '`', '-', '•', '1.', '2)'),
      fc.constantFrom('Coca Cola', '7up', 'café', 'pão de queijo', 'mac and cheese', '🍞', '👍🏽', '🇧🇷', '3️⃣'),
      fc.string({ maxLength: 8 }),
      fc.string({ unit: 'grapheme', maxLength: 8 }),
      fc.integer({ min: -5, max: 20_000 }).map(String),
    ),
    { maxLength: 60 },
  )
  .map((pieces) => pieces.join(' '));

const anyText = fc.oneof(
  listLike,
  fc.string({ maxLength: 3000 }),
  fc.string({ unit: 'binary', maxLength: 500 }),
  fc.string({ unit: 'grapheme-composite', maxLength: 500 }),
);

function validQuantity(quantity: number, unit: string | null): boolean {
  if (!(quantity > 0 && quantity <= MAX_ITEM_QUANTITY)) return false;
  if (Number.isInteger(quantity)) return true;
  return unit !== null && DECIMAL_UNITS.has(unit) && Number(quantity.toFixed(3)) === quantity;
}

describe('parseProductList on any text', () => {
  it('never throws and keeps its output within bounds', () => {
    fc.assert(
      fc.property(
        anyText,
        fc.array(fc.constantFrom('Mac and Cheese', '7 Up', 'iPhone 15'), { maxLength: 3 }),
        (text, knownPhrases) => {
          const result = parseProductList(text, { knownPhrases });
          expect(result.items.length).toBeLessThanOrEqual(MAX_LIST_ITEMS);
          expect(result.rejected.length).toBeLessThanOrEqual(MAX_LIST_ITEMS);
          expect(result.overflow).toBeGreaterThanOrEqual(0);
          for (const item of result.items) {
            expect(validQuantity(item.quantity, item.unit), `${item.quantity} ${item.unit}`).toBe(true);
            expect(item.query.trim()).not.toBe('');
            expect(item.query.length).toBeLessThanOrEqual(MAX_ITEM_NAME_LENGTH);
            expect(item.raw.length).toBeLessThanOrEqual(MAX_LIST_INPUT_LENGTH);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('reads a long message only up to the limit and says so', () => {
    fc.assert(
      fc.property(fc.string({ minLength: MAX_LIST_INPUT_LENGTH + 1, maxLength: 5000 }), (text) => {
        const result = parseProductList(text);
        expect(result.truncated).toBe(true);
        const read = [...result.items, ...result.rejected].reduce((sum, part) => sum + part.raw.length, 0);
        expect(read).toBeLessThanOrEqual(MAX_LIST_INPUT_LENGTH);
      }),
      { numRuns: 30 },
    );
  });

  it('gives the same result for the same message', () => {
    fc.assert(
      fc.property(listLike, (text) => {
        expect(parseProductList(text)).toEqual(parseProductList(text));
      }),
      { numRuns: 100 },
    );
  });

  it('reads back a generated list of well-formed items', () => {
    const item = fc.record({
      quantity: fc.integer({ min: 1, max: MAX_ITEM_QUANTITY }),
      name: fc.constantFrom('bread', 'Coca Cola 500ml', 'café crème', 'pão', 'Rice'),
      style: fc.constantFrom('lead', 'leadX', 'tail', 'tailX'),
    });
    fc.assert(
      fc.property(
        fc.array(item, { minLength: 1, maxLength: MAX_LIST_ITEMS }),
        fc.constantFrom('\n', ', '),
        (items, separator) => {
          const text = items
            .map(({ quantity, name, style }) =>
              style === 'lead'
                ? `${quantity} ${name}`
                : style === 'leadX'
                  ? `${quantity}x ${name}`
                  : style === 'tail'
                    ? `${name} ${quantity}`
                    : `${name} x${quantity}`,
            )
            .join(separator);
          const result = parseProductList(text, { maxInputLength: 100_000 });
          expect(result.items.map((parsed) => [parsed.quantity, parsed.query])).toEqual(
            items.map(({ quantity, name }) => [quantity, name]),
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});
