import { foldForMatching, tokenize } from './text-normalization.js';

/**
 * Catalog phrases the product-list parser must keep whole: names with a separator inside ("mac and cheese",
 * "salt, pepper & co") are never split, and names that start or end with a number ("7 up", "iPhone 15") do
 * not lend that number to the quantity. Compiled once, used for every message.
 */
export class ProtectedPhrases {
  /** Folded phrase words, by their first word. */
  readonly #byFirstWord = new Map<string, string[][]>();
  readonly #numericLead: string[] = [];
  readonly #numericTail: string[] = [];

  constructor(phrases: readonly string[], numberWords: Readonly<Record<string, number>>) {
    const seen = new Set<string>();
    for (const phrase of phrases) {
      if (typeof phrase !== 'string') continue;
      const folded = foldForMatching(phrase);
      const words = tokenize(folded);
      if (words.length === 0 || seen.has(folded)) continue;
      seen.add(folded);
      const isNumeric = (word: string | undefined) =>
        word !== undefined && (/^\d/.test(word) || Object.hasOwn(numberWords, word));
      if (words.length > 1 && isNumeric(words[0])) this.#numericLead.push(folded);
      if (words.length > 1 && isNumeric(words.at(-1))) this.#numericTail.push(folded);
      const first = words[0] as string;
      const list = this.#byFirstWord.get(first);
      if (list) list.push(words);
      else this.#byFirstWord.set(first, [words]);
    }
  }

  /** True when there is nothing to protect. */
  get isEmpty(): boolean {
    return this.#byFirstWord.size === 0;
  }

  /**
   * Character ranges `[start, end)` of `line` covered by a known phrase; separators inside them do not split.
   * Tokens that fold to nothing (a lone "&") are skipped when comparing, as folding drops them from the
   * phrase too.
   */
  rangesIn(line: string): Array<readonly [number, number]> {
    if (this.isEmpty) return [];
    const tokens: Array<{ start: number; end: number; words: string[] }> = [];
    // A token starts and ends with a letter or digit, so a comma right after a phrase still separates.
    for (const match of line.matchAll(/[\p{L}\p{N}](?:\S*[\p{L}\p{N}])?|&/gu)) {
      const words = tokenize(foldForMatching(match[0]));
      if (words.length > 0) tokens.push({ start: match.index, end: match.index + match[0].length, words });
    }
    const ranges: Array<readonly [number, number]> = [];
    for (let i = 0; i < tokens.length; i++) {
      const head = tokens[i];
      const candidates = head ? this.#byFirstWord.get(head.words[0] as string) : undefined;
      if (!head || !candidates) continue;
      let best = -1;
      for (const phrase of candidates) {
        const end = matchAt(tokens, i, phrase);
        if (end > best) best = end;
      }
      if (best > i) {
        ranges.push([head.start, (tokens[best - 1] as { end: number }).end]);
        i = best - 1;
      }
    }
    return ranges;
  }

  /** True when `folded` starts with a phrase whose first word is a number ("7 up lemon"). */
  startsWithNumericPhrase(folded: string): boolean {
    return this.#numericLead.some((phrase) => folded === phrase || folded.startsWith(`${phrase} `));
  }

  /** True when `folded` ends with a phrase whose last word is a number ("apple iphone 15"). */
  endsWithNumericPhrase(folded: string): boolean {
    return this.#numericTail.some((phrase) => folded === phrase || folded.endsWith(` ${phrase}`));
  }
}

/** The index after the last token of `phrase` when it starts at token `start`, else -1. */
function matchAt(
  tokens: ReadonlyArray<{ words: string[] }>,
  start: number,
  phrase: readonly string[],
): number {
  let wordIndex = 0;
  let tokenIndex = start;
  while (wordIndex < phrase.length) {
    const token = tokens[tokenIndex];
    if (!token) return -1;
    for (const word of token.words) {
      if (word !== phrase[wordIndex]) return -1;
      wordIndex++;
    }
    tokenIndex++;
  }
  return wordIndex === phrase.length ? tokenIndex : -1;
}
