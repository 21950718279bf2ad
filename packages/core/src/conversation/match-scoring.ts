import { typoDistance } from './string-distance.js';

/** How much of the score comes from covering the customer's words, the rest from covering the name's. */
export const QUERY_WEIGHT = 0.7;
/** A fuzzy score never reaches 1: confidence 1 is kept for exact matches. */
export const MAX_FUZZY = 0.99;
/** Folded texts equal but for spaces ("cocacola", "coca cola"). */
export const COMPACT_CONFIDENCE = 0.98;

/** Typos tolerated in a word of `length` letters: none up to 3, one up to 7, two beyond. */
function allowedTypos(length: number): number {
  return length < 4 ? 0 : length < 8 ? 1 : 2;
}

/**
 * How alike two word stems are, 0–1: 1 when equal; for words without digits, 1 − edits ÷ length within the
 * typo allowance, or 0.6–0.9 when the customer's word starts the catalog's ("choc" → "chocolate"). Words
 * with digits must be equal: "500ml" is not a typo of "330ml".
 */
export function wordSimilarity(query: string, word: string): number {
  if (query === word) return 1;
  if (/\d/.test(query) || /\d/.test(word)) return 0;
  let best = 0;
  if (query.length >= 3 && word.startsWith(query)) best = 0.6 + (0.3 * query.length) / word.length;
  // The longer word sets the allowance ("barr" for "bar"), but a word of one or two letters is never a typo.
  const allowed =
    Math.min(query.length, word.length) < 3 ? 0 : allowedTypos(Math.max(query.length, word.length));
  if (allowed > 0) {
    const distance = typoDistance(query, word, allowed);
    if (distance <= allowed) best = Math.max(best, 1 - distance / Math.max(query.length, word.length));
  }
  return best;
}

/**
 * Scores a query against one name or alias, 0–0.99. Each query word is paired with the most similar unused
 * word of the entry; the summed similarity S gives `0.7 × S/|query| + 0.3 × S/|entry|`: missing customer
 * words cost most, extra words in the name (sizes, brands) cost a little.
 */
export function scoreEntry(
  query: readonly string[],
  entry: readonly string[],
  similarity: WordSimilarity = wordSimilarity,
): number {
  if (query.length === 0 || entry.length === 0) return 0;
  const used = new Array<boolean>(entry.length).fill(false);
  let sum = 0;
  for (const word of query) {
    let best = 0;
    let bestAt = -1;
    for (let i = 0; i < entry.length; i++) {
      if (used[i]) continue;
      const value = similarity(word, entry[i] as string);
      if (value > best) {
        best = value;
        bestAt = i;
        if (value === 1) break;
      }
    }
    if (bestAt >= 0) used[bestAt] = true;
    sum += best;
  }
  const score = QUERY_WEIGHT * (sum / query.length) + (1 - QUERY_WEIGHT) * (sum / entry.length);
  return Math.min(MAX_FUZZY, score);
}

/** The similarity of a query word to a catalog word. */
export type WordSimilarity = (query: string, word: string) => number;
