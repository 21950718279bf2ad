import type { ProductSnapshot } from '../domain/product.js';
import { ENGLISH_CONJUNCTIONS } from './quantity-words.js';
import { foldForMatching, tokenize } from './text-normalization.js';

/** Which part of a product a match came from. */
export type MatchField = 'sku' | 'name' | 'alias';

/** One name, alias or sku of a product, prepared for matching. */
export interface CatalogEntry {
  readonly product: ProductSnapshot;
  readonly field: MatchField;
  /** Word stems of the folded text. */
  readonly stems: readonly string[];
}

/** Options of {@link buildCatalogIndex}. */
export interface CatalogIndexOptions {
  /** Words that split a list into items (see the parser's `conjunctions`); used for `protectedPhrases`. */
  readonly conjunctions?: readonly string[];
}

const SHORTEST_TYPO_WORD = 4;
const SHORTEST_PREFIX = 3;
const LONGEST_PREFIX = 12;

/**
 * A crude plural folding, the same on both sides of every comparison: "apples" → "apple", "tomatoes" →
 * "tomato", "boxes" → "box"; words with digits and short words are left alone.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (/(?:oes|ches|shes|xes|sses)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** The stems of a text, as the matcher compares them. */
export function stemsOf(text: string): string[] {
  return tokenize(foldForMatching(text)).map(stem);
}

/** Every variant of `word` with one letter removed. */
export function deletionsOf(word: string): string[] {
  const variants: string[] = [];
  for (let i = 0; i < word.length; i++) variants.push(word.slice(0, i) + word.slice(i + 1));
  return variants;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (list.at(-1) !== value) list.push(value);
}

/**
 * A catalog prepared for matching: active products only, with lookup tables for exact names, aliases and
 * skus, word postings, one-deletion variants (for typos) and prefixes (for abbreviations). Build it once
 * when the catalog changes with {@link buildCatalogIndex}; matching a message then touches only the
 * products that share a word, or nearly a word, with it.
 */
export class CatalogIndex {
  /** The active products, in the order given. */
  readonly products: readonly ProductSnapshot[];
  /**
   * Names and aliases the product-list parser must not split or take a quantity from ("mac and cheese",
   * "7 up", "iPhone 15"): pass them as its `knownPhrases`.
   */
  readonly protectedPhrases: readonly string[];
  readonly #exact = new Map<string, CatalogEntry[]>();
  readonly #compact = new Map<string, CatalogEntry[]>();
  /** Name and alias entries by word stem. */
  readonly #postings = new Map<string, CatalogEntry[]>();
  /** Vocabulary words by each of their one-deletion variants. */
  readonly #deletions = new Map<string, string[]>();
  /** Vocabulary words by their prefixes. */
  readonly #prefixes = new Map<string, string[]>();

  constructor(products: readonly ProductSnapshot[], options: CatalogIndexOptions = {}) {
    const conjunctions = (options.conjunctions ?? ENGLISH_CONJUNCTIONS).map((word) => word.toLowerCase());
    const active = products.filter((product) => product.active);
    const phrases = new Set<string>();
    for (const product of active) {
      this.#add(product, 'sku', product.sku);
      for (const text of [product.name, ...product.aliases]) {
        this.#add(product, text === product.name ? 'name' : 'alias', text);
        if (needsProtection(text, conjunctions)) phrases.add(text);
      }
    }
    for (const word of this.#postings.keys()) {
      if (!/\d/.test(word) && word.length >= SHORTEST_TYPO_WORD) {
        for (const variant of deletionsOf(word)) push(this.#deletions, variant, word);
      }
      if (!/\d/.test(word)) {
        for (let length = SHORTEST_PREFIX; length < Math.min(word.length, LONGEST_PREFIX + 1); length++) {
          push(this.#prefixes, word.slice(0, length), word);
        }
      }
    }
    this.products = active;
    this.protectedPhrases = [...phrases];
  }

  /** The skus, names and aliases whose folded text is exactly `folded`. */
  exactEntries(folded: string): readonly CatalogEntry[] | undefined {
    return this.#exact.get(folded);
  }

  /** The skus, names and aliases equal to `folded` once spaces are removed ("cocacola", "coca cola"). */
  compactEntries(folded: string): readonly CatalogEntry[] | undefined {
    return this.#compact.get(folded.replaceAll(' ', ''));
  }

  /**
   * Vocabulary words (from names and aliases) that may be `word` misspelt or abbreviated: the word itself,
   * words one deletion away on either side (one substitution, insertion, deletion or swap of neighbours)
   * and words it starts. Words with digits are matched as they are.
   */
  nearWords(word: string): string[] {
    const near = new Set<string>();
    if (this.#postings.has(word)) near.add(word);
    if (/\d/.test(word)) return [...near];
    for (const other of this.#prefixes.get(word) ?? []) near.add(other);
    for (const other of this.#deletions.get(word) ?? []) near.add(other);
    if (word.length >= SHORTEST_TYPO_WORD) {
      for (const variant of deletionsOf(word)) {
        if (this.#postings.has(variant)) near.add(variant);
        for (const other of this.#deletions.get(variant) ?? []) near.add(other);
      }
    }
    return [...near];
  }

  /** The name and alias entries that contain vocabulary word `word`. */
  entriesWith(word: string): readonly CatalogEntry[] {
    return this.#postings.get(word) ?? [];
  }

  #add(product: ProductSnapshot, field: MatchField, text: string): void {
    const folded = foldForMatching(text);
    if (folded === '') return;
    const entry: CatalogEntry = { product, field, stems: tokenize(folded).map(stem) };
    push(this.#exact, folded, entry);
    push(this.#compact, folded.replaceAll(' ', ''), entry);
    // A sku is matched exactly only: fuzzy matches on codes ("CK-500" vs "CK-600") would be guesses.
    if (field === 'sku') return;
    for (const word of new Set(entry.stems)) push(this.#postings, word, entry);
  }
}

function needsProtection(text: string, conjunctions: readonly string[]): boolean {
  if (/[,;|.!?]/.test(text)) return true;
  const words = text.toLowerCase().split(/\s+/);
  if (words.some((word, i) => i > 0 && i < words.length - 1 && conjunctions.includes(word))) return true;
  const folded = tokenize(foldForMatching(text));
  return folded.length > 1 && (/^\d/.test(folded[0] as string) || /^\d+$/.test(folded.at(-1) as string));
}

/**
 * Prepares `products` for {@link matchItems}. Inactive products are left out, so they never match.
 *
 * @example
 * ```ts
 * const index = buildCatalogIndex(products.map((product) => product.toSnapshot()));
 * const parse = createProductListParser({ knownPhrases: index.protectedPhrases });
 * const matches = matchItems(parse(message.text).items, index);
 * ```
 */
export function buildCatalogIndex(
  products: readonly ProductSnapshot[],
  options: CatalogIndexOptions = {},
): CatalogIndex {
  return new CatalogIndex(products, options);
}
