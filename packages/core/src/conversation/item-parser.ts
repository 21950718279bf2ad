import { MAX_ITEM_NAME_LENGTH, MAX_ITEM_QUANTITY } from '../domain/order-item.js';
import type { ProtectedPhrases } from './protected-phrases.js';
import { COUNT_UNITS, DECIMAL_UNITS, MEASURE_UNITS, UNIT_LINKS } from './quantity-words.js';
import { foldForMatching } from './text-normalization.js';

/** One product line read from a customer's message. */
export interface ParsedItem {
  /**
   * How many: a whole number from 1 to `MAX_ITEM_QUANTITY`, or, when `unit` is a measure (kg, g, l, ml, lb,
   * oz), a positive decimal with at most three places up to the same bound.
   */
  readonly quantity: number;
  /** The unit the quantity counts in ("kg", "g", "l", "ml", "pcs", "dozen", "pack"…), or `null` for items. */
  readonly unit: string | null;
  /** The product words, cleaned of quantity, unit, filler and stray punctuation; original case kept. */
  readonly query: string;
  /** The fragment as the customer wrote it (after formatting and emoji were removed). */
  readonly raw: string;
}

/** Why a fragment was not read as an item. */
export type RejectionReason =
  /** A quantity with no product ("3", "2x"). */
  | 'empty'
  /** The quantity was zero. */
  | 'zero_quantity'
  /** The quantity was above `MAX_ITEM_QUANTITY`. */
  | 'quantity_too_large'
  /** A fraction of something that is counted ("1.5 bread"), or more than three decimal places. */
  | 'invalid_quantity'
  /** Two different quantities for one item ("2 coke x3"). */
  | 'ambiguous_quantity'
  /** The product words are longer than a product name can be. */
  | 'too_long';

/** A fragment of the message that was not read as an item, and why. */
export interface RejectedFragment {
  readonly raw: string;
  readonly reason: RejectionReason;
}

/** The tables and phrases one parser uses. */
export interface ItemGrammar {
  readonly numberWords: Readonly<Record<string, number>>;
  /** Folded filler word sequences. */
  readonly fillers: ReadonlyArray<readonly string[]>;
  readonly phrases: ProtectedPhrases;
}

interface Quantity {
  readonly value: number;
  readonly unit: string | null;
  /** Tokens it used. */
  readonly length: number;
  /** Written with an explicit "x" marker ("x3", "3x"). */
  readonly marked: boolean;
}

const NUMBER = /^(\d+(?:[.,]\d+)?)$/;
const MARKED_AFTER = /^(\d+)[x×]$/;
const MARKED_BEFORE = /^[x×](\d+)$/;
const WITH_UNIT = /^(\d+(?:[.,]\d+)?)(\p{L}+)$/u;
const MARKERS = new Set(['x', '×', '*']);
const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

function lower(token: string): string {
  return token
    .normalize('NFD')
    .replace(/\p{M}+|['’]/gu, '')
    .toLowerCase();
}

/** "2,5" → 2.5; "1,500" → 1500 (three digits after a comma group thousands). */
function readNumber(text: string): number {
  const comma = /^(\d+),(\d+)$/.exec(text);
  if (comma)
    return comma[2]?.length === 3 ? Number(`${comma[1]}${comma[2]}`) : Number(`${comma[1]}.${comma[2]}`);
  return Number(text);
}

function unitOf(word: string | undefined): string | null {
  if (word === undefined) return null;
  if (Object.hasOwn(MEASURE_UNITS, word)) return MEASURE_UNITS[word] ?? null;
  if (Object.hasOwn(COUNT_UNITS, word)) return COUNT_UNITS[word] ?? null;
  return null;
}

/** The quantity written as the first word ("2", "2x", "x2", "500g", "two"), or `null`. */
function firstWordQuantity(
  first: string,
  hasMore: boolean,
  grammar: ItemGrammar,
): { value: number; unit: string | null; marked: boolean } | null {
  const number = NUMBER.exec(first);
  if (number) return { value: readNumber(number[1] as string), unit: null, marked: false };
  const marked = MARKED_AFTER.exec(first) ?? MARKED_BEFORE.exec(first);
  if (marked) return { value: Number(marked[1]), unit: null, marked: true };
  const measured = WITH_UNIT.exec(first);
  const unit = measured ? unitOf(measured[2]) : null;
  if (measured && unit !== null) return { value: readNumber(measured[1] as string), unit, marked: false };
  if (hasMore && Object.hasOwn(grammar.numberWords, first)) {
    const value = grammar.numberWords[first];
    return value === undefined ? null : { value, unit: null, marked: false };
  }
  return null;
}

function leadingQuantity(words: readonly string[], grammar: ItemGrammar): Quantity | null {
  const [first, second] = words;
  if (first === undefined) return null;
  if (unitOf(first) === 'dozen' && second !== undefined) {
    return { value: 1, unit: 'dozen', length: 1, marked: false };
  }
  const read = firstWordQuantity(first, second !== undefined, grammar);
  if (read === null) return null;
  let { unit, marked } = read;
  const { value } = read;
  let used = 1;
  if (!marked && words[used] !== undefined && MARKERS.has(words[used] as string)) {
    marked = true;
    used++;
  }
  if (unit === null && words.length > used) {
    unit = unitOf(words[used]);
    if (unit !== null) used++;
  }
  if (words.length > used + 1 && UNIT_LINKS.has(words[used] as string)) used++;
  return { value, unit, length: used, marked };
}

function trailingQuantity(words: readonly string[]): Quantity | null {
  const last = words.at(-1);
  const before = words.at(-2);
  if (last === undefined || before === undefined) return null;
  const marked = MARKED_BEFORE.exec(last) ?? MARKED_AFTER.exec(last);
  if (marked) return { value: Number(marked[1]), unit: null, length: 1, marked: true };
  if (/^\d+$/.test(last)) {
    const afterMarker = MARKERS.has(before);
    return { value: Number(last), unit: null, length: afterMarker ? 2 : 1, marked: afterMarker };
  }
  const unit = unitOf(last);
  if (unit !== null && !DECIMAL_UNITS.has(unit) && /^\d+$/.test(before) && words.length > 2) {
    return { value: Number(before), unit, length: 2, marked: false };
  }
  return null;
}

function stripFillers(tokens: string[], words: string[], fillers: ItemGrammar['fillers']): void {
  let changed = true;
  while (changed && words.length > 0) {
    changed = false;
    for (const filler of fillers) {
      if (filler.length <= words.length && filler.every((word, i) => words[i] === word)) {
        tokens.splice(0, filler.length);
        words.splice(0, filler.length);
        changed = true;
      } else if (
        filler.length < words.length &&
        filler.every((word, i) => words.at(i - filler.length) === word)
      ) {
        tokens.splice(-filler.length);
        words.splice(-filler.length);
        changed = true;
      }
    }
  }
}

function validate(quantity: number, unit: string | null): RejectionReason | null {
  if (!Number.isFinite(quantity)) return 'quantity_too_large';
  if (quantity === 0) return 'zero_quantity';
  if (quantity > MAX_ITEM_QUANTITY) return 'quantity_too_large';
  const decimal = unit !== null && DECIMAL_UNITS.has(unit);
  if (!Number.isInteger(quantity) && (!decimal || Number(quantity.toFixed(3)) !== quantity)) {
    return 'invalid_quantity';
  }
  return null;
}

/**
 * Reads one fragment ("2x Coca Cola 500ml", "bread 3", "1,5 kg de arroz"). Returns `null` for a fragment
 * with nothing in it (stray punctuation), an item, or a rejection.
 */
export function parseItem(raw: string, grammar: ItemGrammar): ParsedItem | RejectedFragment | null {
  const tokens = raw
    .split(/\s+/)
    // A lone "&" inside a kept phrase ("Mac & Cheese") is part of the name.
    .map((token) => (token === '&' ? token : token.replace(EDGE_PUNCTUATION, '')))
    .filter((token) => token !== '');
  const words = tokens.map(lower);
  stripFillers(tokens, words, grammar.fillers);
  if (tokens.length === 0) return null;

  const folded = foldForMatching(tokens.join(' '));
  const lead = grammar.phrases.startsWithNumericPhrase(folded) ? null : leadingQuantity(words, grammar);
  let quantity = lead;
  let end = tokens.length;
  const tail = grammar.phrases.endsWithNumericPhrase(folded) ? null : trailingQuantity(words);
  if (lead && tail?.marked && tail.length < tokens.length - lead.length) {
    return { raw, reason: 'ambiguous_quantity' };
  }
  if (!lead && tail && tail.length < tokens.length) {
    quantity = tail;
    end -= tail.length;
  }
  const query = tokens.slice(quantity === lead ? (lead?.length ?? 0) : 0, end).join(' ');
  // A lone multiplication sign ("x") is what is left of "2 x" with the product missing.
  if (query === '' || !/[\p{L}\p{N}]/u.test(query) || MARKERS.has(query.toLowerCase())) {
    return quantity || /\d/.test(raw) ? { raw, reason: 'empty' } : null;
  }
  if (query.length > MAX_ITEM_NAME_LENGTH) return { raw, reason: 'too_long' };
  const value = quantity?.value ?? 1;
  const unit = quantity?.unit ?? null;
  const problem = validate(value, unit);
  if (problem) return { raw, reason: problem };
  return { quantity: value, unit, query, raw };
}
