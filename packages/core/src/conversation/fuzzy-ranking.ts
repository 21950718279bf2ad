import type { ProductSnapshot } from '../domain/product.js';
import type { CatalogEntry, CatalogIndex, MatchField } from './catalog-index.js';
import { MAX_FUZZY, QUERY_WEIGHT, scoreEntry, wordSimilarity } from './match-scoring.js';

/** A product with its best score for a query. */
export interface Scored {
  readonly product: ProductSnapshot;
  readonly score: number;
  readonly field: MatchField;
}

/** Best first; ties by name, then id, so the same catalog always gives the same answer. */
export function byRank(a: Scored, b: Scored): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.product.name !== b.product.name) return a.product.name < b.product.name ? -1 : 1;
  return a.product.id < b.product.id ? -1 : a.product.id > b.product.id ? 1 : 0;
}

/** Keeps each product's best entry, ranked. */
export function bestPerProduct(
  entries: Iterable<CatalogEntry>,
  score: (entry: CatalogEntry) => number,
): Scored[] {
  const best = new Map<string, Scored>();
  for (const entry of entries) keepBest(best, entry, score(entry));
  return [...best.values()].sort(byRank);
}

function keepBest(best: Map<string, Scored>, entry: CatalogEntry, score: number): void {
  const seen = best.get(entry.product.id);
  if (score > 0 && (seen === undefined || score > seen.score)) {
    best.set(entry.product.id, { product: entry.product, score, field: entry.field });
  }
}

const hasDigit = (word: string) => /\d/.test(word);

/**
 * Ranks the products a query may mean, scoring only what can matter.
 *
 * 1. Each query word is looked up among the catalog words near it (see `CatalogIndex.nearWords`), and its
 *    similarity to each is computed once. Words with digits ("500ml") are shared by much of a catalog: they
 *    change the score of an entry found by its other words but do not make one a candidate, unless the
 *    query has nothing else.
 * 2. Walking the postings of those words gives every candidate entry an upper bound of its score (each
 *    query word at its best similarity in the entry, as if no two could pair with the same word).
 * 3. Entries are scored exactly (`scoreEntry`) in order of their bound, stopping once the next bound can
 *    neither come within `margin` of the best score nor enter the first `keep` products.
 *
 * `measure` ("1kg" for "1 kg rice") counts as one more query word for entries that contain it.
 */
export function rankFuzzy(
  index: CatalogIndex,
  query: readonly string[],
  measure: string | null,
  limits: { readonly margin: number; readonly keep: number },
): Scored[] {
  const positions = query.length;
  const near = new Map<string, Map<string, number>>();
  const bestSimilarity = new Map<CatalogEntry, Float64Array>();
  const hasPlainWord = query.some((word) => !hasDigit(word));

  query.forEach((word, position) => {
    let similar = near.get(word);
    if (similar === undefined) {
      similar = new Map();
      for (const other of index.nearWords(word)) {
        const value = wordSimilarity(word, other);
        if (value > 0) similar.set(other, value);
      }
      near.set(word, similar);
    }
    if (hasPlainWord && hasDigit(word)) return;
    for (const [other, value] of similar) {
      for (const entry of index.entriesWith(other)) {
        let row = bestSimilarity.get(entry);
        if (row === undefined) {
          row = new Float64Array(positions);
          bestSimilarity.set(entry, row);
        }
        if (value > (row[position] as number)) row[position] = value;
      }
    }
  });

  const withMeasure = measure === null ? query : [...query, measure];
  const similarity = (word: string, other: string) =>
    word === other ? 1 : (near.get(word)?.get(other) ?? 0);
  const bounded: Array<{ entry: CatalogEntry; bound: number; words: readonly string[] }> = [];
  for (const [entry, row] of bestSimilarity) {
    let sum = 0;
    for (let i = 0; i < positions; i++) {
      const word = query[i] as string;
      sum += hasPlainWord && hasDigit(word) ? (entry.stems.includes(word) ? 1 : 0) : (row[i] as number);
    }
    const measured = measure !== null && entry.stems.includes(measure);
    const words = measured ? withMeasure : query;
    if (measured) sum += 1;
    const bound = QUERY_WEIGHT * (sum / words.length) + (1 - QUERY_WEIGHT) * (sum / entry.stems.length);
    bounded.push({ entry, bound: Math.min(MAX_FUZZY, bound), words });
  }
  bounded.sort((a, b) => b.bound - a.bound);

  const best = new Map<string, Scored>();
  const leaders = new TopScores(limits.keep);
  for (const { entry, bound, words } of bounded) {
    if (bound < leaders.best - limits.margin && bound < leaders.last) break;
    const score = scoreEntry(words, entry.stems, similarity);
    keepBest(best, entry, score);
    leaders.offer(entry.product.id, score);
  }
  return [...best.values()].sort(byRank);
}

/** The best scores of the first `size` distinct products seen so far. */
class TopScores {
  readonly #size: number;
  readonly #scores: Array<{ id: string; score: number }> = [];

  constructor(size: number) {
    this.#size = size;
  }

  /** The best score so far, or 0. */
  get best(): number {
    return this.#scores[0]?.score ?? 0;
  }

  /** The `size`-th best product score, or 0 while fewer products were seen. */
  get last(): number {
    return this.#scores.length < this.#size ? 0 : (this.#scores.at(-1)?.score ?? 0);
  }

  offer(id: string, score: number): void {
    const seen = this.#scores.find((scored) => scored.id === id);
    if (seen) seen.score = Math.max(seen.score, score);
    else this.#scores.push({ id, score });
    this.#scores.sort((a, b) => b.score - a.score);
    if (this.#scores.length > this.#size) this.#scores.length = this.#size;
  }
}
