/**
 * The optimal-string-alignment distance between two words (Damerau–Levenshtein without edits of a
 * substring twice): insertions, deletions, substitutions and swaps of two neighbouring letters each cost 1,
 * so "coka" is 1 from "coca" and "cocacola" 1 from "coacacola". Gives up once the distance must exceed
 * `max` and returns `max + 1`, which keeps typo checks against a large vocabulary cheap.
 *
 * @example
 * ```ts
 * typoDistance('coka', 'coca', 2); // 1
 * typoDistance('recieve', 'receive', 2); // 1 (a swap)
 * typoDistance('apple', 'banana', 2); // 3
 * ```
 */
export function typoDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const cols = b.length + 1;
  let before = new Array<number>(cols).fill(0);
  let previous = new Array<number>(cols);
  for (let j = 0; j < cols; j++) previous[j] = j;
  let current = new Array<number>(cols).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (before[j - 2] as number) + 1);
      }
      current[j] = value;
      if (value < rowBest) rowBest = value;
    }
    if (rowBest > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  const distance = previous[b.length] as number;
  return distance > max ? max + 1 : distance;
}
