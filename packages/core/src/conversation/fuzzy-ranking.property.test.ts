import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProductSnapshot } from '../domain/product.js';
import { buildCatalogIndex, stemsOf } from './catalog-index.js';
import { byRank, rankFuzzy, type Scored } from './fuzzy-ranking.js';
import { scoreEntry } from './match-scoring.js';

const NAMES = [
  'Coca Cola 500ml',
  'Coca Cola Zero 500ml',
  'Pepsi 330ml',
  'Green Tea',
  'Black Tea',
  'Mint Tea Bags',
  'Chocolate Bar',
  'Dark Chocolate 250g',
  'White Bread',
  'Brown Bread',
  'Basmati Rice 1kg',
  'Basmati Rice 5kg',
  'Sunflower Oil',
  'Olive Oil',
  'Chicken Soup',
];

const products: ProductSnapshot[] = NAMES.map((name, i) => ({
  id: `prod_${i}`,
  organizationId: 'org_1',
  version: 0,
  sku: `SKU-${i}`,
  name,
  aliases: i % 4 === 0 ? [name.split(' ').reverse().join(' ')] : [],
  price: { amountMinor: 100, currency: 'USD' },
  stock: null,
  active: true,
  createdAt: 0,
  updatedAt: 0,
}));
const index = buildCatalogIndex(products);

/** Every product scored, no index and no pruning. */
function fullScan(query: readonly string[]): Scored[] {
  const ranked: Scored[] = [];
  for (const product of products) {
    const score = Math.max(
      ...[product.name, ...product.aliases].map((text) => scoreEntry(query, stemsOf(text))),
    );
    if (score > 0) ranked.push({ product, score, field: 'name' });
  }
  return ranked.sort(byRank);
}

/**
 * A catalog word with at most one typo, or cut short. Sizes are left out: by design they never make a
 * product a candidate on their own, which a full scan would.
 */
const word = fc
  .tuple(
    fc.constantFrom(...NAMES.flatMap((name) => stemsOf(name)).filter((stem) => !/\d/.test(stem))),
    fc.nat(20),
    fc.constantFrom('keep', 'drop', 'swap', 'cut'),
  )
  .map(([text, at, edit]) => {
    const i = at % text.length;
    if (edit === 'drop' && text.length > 4) return text.slice(0, i) + text.slice(i + 1);
    if (edit === 'swap' && i + 1 < text.length)
      return text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2);
    if (edit === 'cut' && text.length > 5) return text.slice(0, 4);
    return text;
  });

describe('rankFuzzy', () => {
  it('ranks the leading products exactly as a full scan does', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), (query) => {
        const ranked = rankFuzzy(index, query, null, { margin: 0.05, keep: 3 });
        const reference = fullScan(query);
        const view = (list: readonly Scored[]) =>
          list.slice(0, 3).map((s) => [s.product.id, s.score.toFixed(6)]);
        expect(view(ranked)).toEqual(view(reference));
      }),
      { numRuns: 300 },
    );
  });
});
