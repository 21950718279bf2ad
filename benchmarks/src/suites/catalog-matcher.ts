import {
  buildCatalogIndex,
  foldForMatching,
  matchItems,
  type ParsedItem,
  type ProductSnapshot,
  parseProductList,
  typoDistance,
} from '@chatcart/core';
import { type BenchSuite, compareRow, measure } from '../harness.js';

/**
 * Matching one customer message (ten items, some with typos, some exact aliases) against a catalog of
 * 5 000 products. No fuzzy-matching library is installed in this workspace, so the peer is a naive scan:
 * the same word-similarity rule and score (equal word 1, otherwise 1 − typos ÷ length within the typo
 * allowance; 0.7 × query coverage + 0.3 × name coverage) applied to every product, with the names folded
 * and split in advance. The difference is the index: exact lookups and word, typo and prefix postings, so
 * only products sharing a word, or nearly a word, with the message are scored.
 *
 * A second row puts the one-off cost of building the index next to the naive scan's own preparation
 * (folding every name), to show what a catalog change costs.
 */
const CATALOG_SIZE = 5_000;
const OURS = 'chatcart matchItems, indexed (5 000 products, 10 items)';
const NAIVE = 'naive scan, same scoring (5 000 products, 10 items)';
const OURS_BUILD = 'chatcart buildCatalogIndex (5 000 products)';
const NAIVE_BUILD = 'naive scan preparation (fold every name)';

const BRANDS = [
  'Coca Cola',
  'Pepsi',
  'Nestle',
  'Heinz',
  'Kelloggs',
  'Danone',
  'Unilever',
  'Barilla',
  'Lipton',
  'Knorr',
  'Colgate',
  'Dove',
  'Nivea',
  'Ariel',
  'Tide',
  'Oreo',
  'Cadbury',
  'Milka',
  'Lindt',
  'Ferrero',
  'Sadia',
  'Perdigao',
  'Ypioca',
  'Garoto',
  'Italac',
  'Piracanjuba',
  'Camil',
  'Tio Joao',
  'Uniao',
  'Pilao',
  'Amul',
  'Britannia',
  'Parle',
  'Haldiram',
  'Tata',
  'Aashirvaad',
  'Fortune',
  'Dabur',
  'Patanjali',
  'MDH',
];
const TYPES = [
  'Cola',
  'Orange Soda',
  'Mineral Water',
  'Ketchup',
  'Cornflakes',
  'Yogurt',
  'Spaghetti',
  'Green Tea',
  'Chicken Soup',
  'Toothpaste',
  'Body Soap',
  'Hand Cream',
  'Washing Powder',
  'Biscuits',
  'Milk Chocolate',
  'Dark Chocolate',
  'Sausages',
  'White Rice',
  'Brown Sugar',
  'Ground Coffee',
  'Whole Milk',
  'Wheat Flour',
  'Basmati Rice',
  'Sunflower Oil',
  'Garam Masala',
];
const SIZES = ['250g', '500g', '1kg', '330ml', '1.5l'];

function catalog(): ProductSnapshot[] {
  const products: ProductSnapshot[] = [];
  for (const brand of BRANDS) {
    for (const type of TYPES) {
      for (const size of SIZES) {
        const n = products.length;
        if (n >= CATALOG_SIZE) return products;
        products.push({
          id: `prod_${n}`,
          organizationId: 'org_bench',
          version: 0,
          sku: `SKU-${n}`,
          name: `${brand} ${type} ${size}`,
          aliases: n % 7 === 0 ? [`${type} ${brand}`] : [],
          price: { amountMinor: 100 + (n % 900), currency: 'USD' },
          stock: n % 11 === 0 ? 0 : null,
          active: n % 50 !== 49,
          createdAt: 0,
          updatedAt: 0,
        });
      }
    }
  }
  return products;
}

const MESSAGE = [
  '2x coka cola cola 330ml',
  '3 nestle yogurt 500g',
  'heinz ketchp 500g x2',
  'two barila spagheti 1kg',
  '1 kg tata basmati rice',
  'SKU-42',
  'oreo biscuits',
  'lindt dark choclate 250g',
  'knorr chiken soup',
  'pilao ground cofee 500g',
].join('\n');

/** The naive peer: every product scored, names folded once up front. */
function naivePrepare(products: readonly ProductSnapshot[]) {
  return products
    .filter((product) => product.active)
    .map((product) => ({
      product,
      labels: [product.name, ...product.aliases].map((label) => foldForMatching(label).split(' ')),
    }));
}

function similarity(query: string, word: string): number {
  if (query === word) return 1;
  if (/\d/.test(query) || /\d/.test(word) || Math.min(query.length, word.length) < 3) return 0;
  const longest = Math.max(query.length, word.length);
  const allowed = longest < 4 ? 0 : longest < 8 ? 1 : 2;
  const distance = typoDistance(query, word, allowed);
  return distance <= allowed ? 1 - distance / longest : 0;
}

function naiveScore(query: readonly string[], label: readonly string[]): number {
  let sum = 0;
  for (const word of query) {
    let best = 0;
    for (const candidate of label) best = Math.max(best, similarity(word, candidate));
    sum += best;
  }
  return 0.7 * (sum / query.length) + 0.3 * (sum / label.length);
}

function naiveMatch(items: readonly ParsedItem[], prepared: ReturnType<typeof naivePrepare>): string[] {
  return items.map((item) => {
    const query = foldForMatching(item.query).split(' ');
    let best = { id: '', score: 0 };
    for (const { product, labels } of prepared) {
      for (const label of labels) {
        const score = naiveScore(query, label);
        if (score > best.score) best = { id: product.id, score };
      }
    }
    return best.id;
  });
}

const suite: BenchSuite = {
  name: 'catalog-matcher',
  async run() {
    const products = catalog();
    const index = buildCatalogIndex(products);
    const prepared = naivePrepare(products);
    const items = parseProductList(MESSAGE, { knownPhrases: index.protectedPhrases }).items;
    if (items.length !== 10)
      throw new Error(`the benchmark message parsed into ${items.length} items, not 10`);

    const figures = await measure([
      { name: OURS, fn: () => matchItems(items, index) },
      { name: NAIVE, fn: () => naiveMatch(items, prepared) },
    ]);
    const builds = await measure(
      [
        { name: OURS_BUILD, fn: () => buildCatalogIndex(products) },
        { name: NAIVE_BUILD, fn: () => naivePrepare(products) },
      ],
      { timeMs: 1000, warmupMs: 200 },
    );
    return [
      compareRow('match a 10-item message', figures, OURS, NAIVE, 20),
      compareRow('prepare a 5 000-product catalog', builds, OURS_BUILD, NAIVE_BUILD, 0.05),
    ];
  },
};

export default suite;
