/**
 * The words the product-list parser reads as quantities and units. English by default; a shop that talks to
 * its customers in another language passes its own tables through the parser's options.
 */

/** English number words one to twenty, plus "a" and "an" for one. */
export const ENGLISH_NUMBER_WORDS: Readonly<Record<string, number>> = Object.freeze({
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
});

/**
 * Measures: a quantity given in one of these may be a decimal ("1.5 kg", "2,5 l"), and the parser reports
 * the canonical unit. Keys are folded spellings, values the canonical unit.
 */
export const MEASURE_UNITS: Readonly<Record<string, string>> = Object.freeze({
  kg: 'kg',
  kgs: 'kg',
  kilo: 'kg',
  kilos: 'kg',
  kilogram: 'kg',
  kilograms: 'kg',
  kilogramme: 'kg',
  kilogrammes: 'kg',
  g: 'g',
  gr: 'g',
  grs: 'g',
  gram: 'g',
  grams: 'g',
  gramme: 'g',
  grammes: 'g',
  l: 'l',
  lt: 'l',
  ltr: 'l',
  litre: 'l',
  litres: 'l',
  liter: 'l',
  liters: 'l',
  ml: 'ml',
  millilitre: 'ml',
  millilitres: 'ml',
  milliliter: 'ml',
  milliliters: 'ml',
  lb: 'lb',
  lbs: 'lb',
  pound: 'lb',
  pounds: 'lb',
  oz: 'oz',
  ounce: 'oz',
  ounces: 'oz',
});

/** Counting units: the quantity stays a whole number, the unit says what is counted. */
export const COUNT_UNITS: Readonly<Record<string, string>> = Object.freeze({
  pc: 'pcs',
  pcs: 'pcs',
  piece: 'pcs',
  pieces: 'pcs',
  unit: 'pcs',
  units: 'pcs',
  dozen: 'dozen',
  dozens: 'dozen',
  doz: 'dozen',
  pack: 'pack',
  packs: 'pack',
  packet: 'pack',
  packets: 'pack',
  box: 'box',
  boxes: 'box',
  bottle: 'bottle',
  bottles: 'bottle',
  can: 'can',
  cans: 'can',
  bag: 'bag',
  bags: 'bag',
});

/** Canonical units whose quantity may be a decimal. */
export const DECIMAL_UNITS: ReadonlySet<string> = new Set(Object.values(MEASURE_UNITS));

/** Joining words between a unit and the product ("1 kg of rice", "1 kg de arroz"). */
export const UNIT_LINKS: ReadonlySet<string> = new Set(['of', 'de', 'do', 'da', 'del']);

/** Words that split one line into several items. */
export const ENGLISH_CONJUNCTIONS: readonly string[] = Object.freeze(['and', '&', '+']);

/**
 * Polite framing around a list that is not part of any product ("please", "I want", "can I get"), removed
 * from the start and the end of each item. Folded, as word sequences.
 */
export const ENGLISH_FILLERS: readonly string[] = Object.freeze([
  'please',
  'pls',
  'plz',
  'thanks',
  'thank you',
  'i want',
  'i need',
  'i would like',
  'i d like',
  'id like',
  'can i have',
  'can i get',
  'could i have',
  'could i get',
  'give me',
  'send me',
  'add',
  'also',
]);
