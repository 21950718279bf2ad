/**
 * Text clean-up shared by the product-list parser and the catalog matcher. WhatsApp messages arrive with
 * formatting markers, emoji, odd Unicode forms (full-width digits, ligatures) and stray spacing; both sides
 * of a comparison must go through the same steps or an exact match would be missed.
 */

// A marker opens after the start, whitespace or punctuation and closes before the end, whitespace or
// punctuation, as WhatsApp itself renders them; `snake_case` words and `2*3` keep their characters.
const WRAPPED = /(^|[\s\p{P}])([*_~])(?=\S)([^\n]*?\S)\2(?=$|[\s\p{P}])/gu;
const MONOSPACE = /```|`/g;
const STRAY_MARKERS = /(^|\s)[*~]+(?=\S)|(?<=\S)[*~]+(?=\s|$)/gu;
// Pictographs, their modifiers and joiners, flags and keycap marks; digits and '#' are left alone so that a
// keycap digit keeps its digit. An alternation, not a class: the class form would mix in combining marks.
const EMOJI =
  /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u{FE0E}|\u{FE0F}|\u{200D}|\u{20E3}|[\u{E0020}-\u{E007F}]/gu;
// Control and format characters (zero-width spaces, bidi marks), lone surrogates and private-use points.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}]/gu;
const SPACES = /[^\S\n]+/g;

/**
 * Cleans a message for parsing while keeping it readable: NFKC, WhatsApp formatting (`*bold*`, `_italic_`,
 * `~strike~`, ```` ```mono``` ````) and emoji removed, runs of spaces collapsed, each line trimmed. Line
 * breaks are kept because they separate list items. Letter case and accents are kept for display.
 *
 * @example
 * ```ts
 * normalizeMessageText('*2x* Café 🍞\u00A0 _grande_'); // '2x Café grande'
 * ```
 */
export function normalizeMessageText(text: string): string {
  let clean = text.normalize('NFKC').replace(/\r\n?/g, '\n');
  clean = clean
    .replace(EMOJI, ' ')
    .replace(INVISIBLE, (char) => (char === '\n' || char === '\t' ? char : ''));
  clean = clean.replace(MONOSPACE, ' ');
  // Nested markers (`*_bold italic_*`) need a second pass once the outer pair is gone.
  for (let pass = 0; pass < 3; pass++) {
    const next = clean.replace(WRAPPED, '$1$3');
    if (next === clean) break;
    clean = next;
  }
  clean = clean.replace(STRAY_MARKERS, '$1');
  return clean
    .split('\n')
    .map((line) => line.replace(SPACES, ' ').trim())
    .join('\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

const MARKS = /\p{M}+/gu;
// Keeps letters and digits of every script; a dot or comma between digits stays ("1.5l"), anything else
// becomes a space ("coca-cola" → "coca cola").
const NON_WORD = /(?<!\d)[.,]|[.,](?!\d)|[^\p{L}\p{N}.,]+/gu;
const MEASURE_GAP = /(\d)\s+(kg|g|gr|mg|l|lt|ml|cl|oz|lb|lbs)\b/g;

/**
 * The matching form of a text: NFKC, accents removed, lower case, "&" read as "and", punctuation turned
 * into spaces, a number
 * and its measure joined ("500 ml" → "500ml"), a decimal comma read as a dot, spaces collapsed. Two texts a
 * customer would call "the same" fold to the same string.
 *
 * @example
 * ```ts
 * foldForMatching('Café  Crème, 1,5 L'); // 'cafe creme 1.5l'
 * ```
 */
export function foldForMatching(text: string): string {
  return text
    .normalize('NFKC')
    .normalize('NFD')
    .replace(MARKS, '')
    .toLowerCase()
    .replaceAll('&', ' and ')
    .replace(/(\d),(\d)/g, '$1.$2')
    .replace(NON_WORD, ' ')
    .replace(MEASURE_GAP, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words of a folded text. */
export function tokenize(folded: string): string[] {
  return folded === '' ? [] : folded.split(' ');
}
