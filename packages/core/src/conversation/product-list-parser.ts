import { ValidationError } from '../domain/errors.js';
import { type ItemGrammar, type ParsedItem, parseItem, type RejectedFragment } from './item-parser.js';
import { splitIntoFragments } from './list-splitter.js';
import { ProtectedPhrases } from './protected-phrases.js';
import { ENGLISH_CONJUNCTIONS, ENGLISH_FILLERS, ENGLISH_NUMBER_WORDS } from './quantity-words.js';
import { foldForMatching, normalizeMessageText, tokenize } from './text-normalization.js';

/** The most characters of one message the parser reads, by default. */
export const MAX_LIST_INPUT_LENGTH = 2_000;
/** The most items (and, separately, rejected fragments) one message yields, by default. */
export const MAX_LIST_ITEMS = 50;

/** Options of {@link createProductListParser} and {@link parseProductList}. */
export interface ProductListParserOptions {
  /**
   * Catalog names and aliases the parser must keep whole: "mac and cheese" is one item, not two, and
   * "iPhone 15" is one iPhone 15, not fifteen iPhones. `CatalogIndex.protectedPhrases` lists the ones of a
   * catalog that need it.
   */
  readonly knownPhrases?: readonly string[];
  /** Characters read, at most; the rest is ignored and `truncated` is set. Default 2 000. */
  readonly maxInputLength?: number;
  /** Items kept, at most; further fragments are counted in `overflow`. Default 50. */
  readonly maxItems?: number;
  /** Number words read as quantities, folded (lower case, no accents). Default English one–twenty, a, an. */
  readonly numberWords?: Readonly<Record<string, number>>;
  /** Words that split a line into items when surrounded by spaces. Default "and", "&", "+". */
  readonly conjunctions?: readonly string[];
  /** Polite words dropped at the start or end of an item ("please", "I want"). Default English ones. */
  readonly fillers?: readonly string[];
}

/** What the parser read from one message. */
export interface ParsedProductList {
  /** The items, in the order written; at most `maxItems`. */
  readonly items: readonly ParsedItem[];
  /** Fragments that looked like items but could not be used, with the reason; at most `maxItems`. */
  readonly rejected: readonly RejectedFragment[];
  /** Fragments not read because `items` or `rejected` was full: tell the customer to send them again. */
  readonly overflow: number;
  /** True when the message was longer than `maxInputLength` and its end was not read. */
  readonly truncated: boolean;
}

/** Reads product lists from customer messages. Make one per catalog and reuse it. */
export type ProductListParser = (text: string) => ParsedProductList;

function requireLimit(value: number | undefined, fallback: number, path: string, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1 || value > max) {
    throw new ValidationError('Invalid product-list parser options.', [
      { path, message: `must be a whole number from 1 to ${max}` },
    ]);
  }
  return value;
}

/** Cuts at the last line break or comma before `max` when there is one, so no item is cut in half. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  if (/[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end--;
  const head = text.slice(0, end);
  const boundary = Math.max(head.lastIndexOf('\n'), head.lastIndexOf(','));
  return boundary > 0 ? head.slice(0, boundary) : head;
}

/**
 * Builds a parser for product lists: one message, many items, one per line or separated by commas and
 * "and". Each item is read as a quantity, an optional unit and the product words:
 *
 * - `2x Coca Cola 500ml`, `Coca Cola 500ml x2`, `7up x 3`, `3 bread`, `bread 3`, `two apples`,
 *   `a dozen eggs` (1 dozen), `1 kg rice`, `500g sugar`, `1,5 kg de arroz`;
 * - a number inside or at the end of the name stays in it (`Coca Cola 500ml` is one of them);
 * - WhatsApp formatting, emoji, bullets, list numbering and polite filler are removed.
 *
 * The parser never throws on any message and its output is bounded (see {@link ParsedProductList}).
 *
 * @throws {ValidationError} when an option is out of range.
 * @example
 * ```ts
 * const parse = createProductListParser({ knownPhrases: index.protectedPhrases });
 * parse('2x Coca Cola 500ml\nmac and cheese, bread 3').items;
 * // [{ quantity: 2, unit: null, query: 'Coca Cola 500ml', … }, { quantity: 1, query: 'mac and cheese', … },
 * //  { quantity: 3, query: 'bread', … }]
 * ```
 */
export function createProductListParser(options: ProductListParserOptions = {}): ProductListParser {
  const maxInputLength = requireLimit(
    options.maxInputLength,
    MAX_LIST_INPUT_LENGTH,
    'maxInputLength',
    100_000,
  );
  const maxItems = requireLimit(options.maxItems, MAX_LIST_ITEMS, 'maxItems', 1_000);
  const numberWords = options.numberWords ?? ENGLISH_NUMBER_WORDS;
  const conjunctions = options.conjunctions ?? ENGLISH_CONJUNCTIONS;
  const grammar: ItemGrammar = {
    numberWords,
    fillers: (options.fillers ?? ENGLISH_FILLERS)
      .map((filler) => tokenize(foldForMatching(filler)))
      .filter((words) => words.length > 0)
      // Longest first, so "i would like" wins over a shorter filler that starts the same way.
      .sort((a, b) => b.length - a.length),
    phrases: new ProtectedPhrases(options.knownPhrases ?? [], numberWords),
  };

  return (text: string): ParsedProductList => {
    const input = typeof text === 'string' ? text : '';
    let normalized = normalizeMessageText(cut(input, maxInputLength));
    // NFKC can lengthen text (one ligature becomes several letters): the bound holds after it too.
    const truncated = input.length > maxInputLength || normalized.length > maxInputLength;
    normalized = cut(normalized, maxInputLength);

    const items: ParsedItem[] = [];
    const rejected: RejectedFragment[] = [];
    let overflow = 0;
    for (const fragment of splitIntoFragments(normalized, conjunctions, grammar.phrases)) {
      if (items.length >= maxItems) {
        overflow++;
        continue;
      }
      const result = parseItem(fragment, grammar);
      if (result === null) continue;
      if ('reason' in result) {
        if (rejected.length < maxItems) rejected.push(result);
        else overflow++;
      } else {
        items.push(result);
      }
    }
    return { items, rejected, overflow, truncated };
  };
}

/**
 * Parses one message with a parser built from `options`. When parsing many messages against one catalog,
 * build the parser once with {@link createProductListParser} instead.
 *
 * @example
 * ```ts
 * parseProductList('2 kg rice and two apples').items.map((item) => [item.quantity, item.unit, item.query]);
 * // [[2, 'kg', 'rice'], [2, null, 'apples']]
 * ```
 */
export function parseProductList(text: string, options: ProductListParserOptions = {}): ParsedProductList {
  return createProductListParser(options)(text);
}
