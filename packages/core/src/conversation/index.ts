export type { CatalogEntry, CatalogIndexOptions, MatchField } from './catalog-index.js';
export { buildCatalogIndex, CatalogIndex } from './catalog-index.js';
export type { ItemMatch, MatchCandidate, MatchOptions } from './catalog-matcher.js';
export { matchItem, matchItems, unitsRequested } from './catalog-matcher.js';
export { englishMessages } from './english-messages.js';
export type { ParsedItem, RejectedFragment, RejectionReason } from './item-parser.js';
export type {
  CatalogListEntry,
  MessageArgs,
  MessageCatalog,
  MessageFormat,
  MessageKey,
  MessageParams,
  MessageTemplate,
  NoParams,
  OrderSummary,
  OrderSummaryLine,
} from './message-catalog.js';
export type { MessagesOptions } from './messages.js';
export { createMessages, Messages } from './messages.js';
export { MoneyFormatter } from './money-format.js';
export type {
  ParsedProductList,
  ProductListParser,
  ProductListParserOptions,
} from './product-list-parser.js';
export {
  createProductListParser,
  MAX_LIST_INPUT_LENGTH,
  MAX_LIST_ITEMS,
  parseProductList,
} from './product-list-parser.js';
export {
  COUNT_UNITS,
  DECIMAL_UNITS,
  ENGLISH_CONJUNCTIONS,
  ENGLISH_FILLERS,
  ENGLISH_NUMBER_WORDS,
  MEASURE_UNITS,
} from './quantity-words.js';
export { typoDistance } from './string-distance.js';
export { foldForMatching, normalizeMessageText } from './text-normalization.js';
