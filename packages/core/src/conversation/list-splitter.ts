import type { ProtectedPhrases } from './protected-phrases.js';
import { MEASURE_UNITS } from './quantity-words.js';

const NUMBERED = /^\d{1,3}[.)]\s+(?=\S)/;
const BULLET = /^(?:[-•·*>–—]+|\[\s?\]|\[x\])\s*/iu;
const MEASURE_WORDS = Object.keys(MEASURE_UNITS).join('|');
// "2,5 kg" and "1,500 g": the comma is part of the number when a measure follows.
const DECIMAL_COMMA = new RegExp(`^\\d{1,3}\\s?(?:${MEASURE_WORDS})(?![\\p{L}\\p{N}])`, 'iu');

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Splits a normalised message into item fragments: one per line, and within a line at commas, semicolons,
 * sentence ends and the given conjunctions (surrounded by spaces). List numbering ("1. ", "2) ") is removed
 * when at least two lines carry it, bullets always. Separators inside a protected phrase do not split.
 */
export function splitIntoFragments(
  text: string,
  conjunctions: readonly string[],
  phrases: ProtectedPhrases,
): string[] {
  const lines = text.split('\n');
  const numbered = lines.filter((line) => NUMBERED.test(line)).length >= 2;
  const words = conjunctions.map((word) => escapeRegExp(word.toLowerCase())).filter((word) => word !== '');
  const conjunction = words.length > 0 ? `|\\s(?:${words.join('|')})(?=\\s)` : '';
  const separator = new RegExp(`[,;|]|[.!?](?=\\s|$)${conjunction}`, 'giu');

  const fragments: string[] = [];
  for (const rawLine of lines) {
    let line = numbered ? rawLine.replace(NUMBERED, '') : rawLine;
    line = line.replace(BULLET, '');
    const ranges = phrases.rangesIn(line);
    let start = 0;
    for (const match of line.matchAll(separator)) {
      const at = match.index;
      if (ranges.some(([from, to]) => at >= from && at < to)) continue;
      if (match[0] === ',' && /\d$/.test(line.slice(0, at)) && DECIMAL_COMMA.test(line.slice(at + 1)))
        continue;
      fragments.push(line.slice(start, at));
      start = at + match[0].length;
    }
    fragments.push(line.slice(start));
  }
  return fragments.map((fragment) => fragment.trim()).filter((fragment) => fragment !== '');
}
