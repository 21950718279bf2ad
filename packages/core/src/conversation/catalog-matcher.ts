import { ValidationError } from '../domain/errors.js';
import type { ProductSnapshot } from '../domain/product.js';
import { buildCatalogIndex, CatalogIndex, type MatchField, stem } from './catalog-index.js';
import { bestPerProduct, rankFuzzy, type Scored } from './fuzzy-ranking.js';
import type { ParsedItem } from './item-parser.js';
import { COMPACT_CONFIDENCE } from './match-scoring.js';
import { DECIMAL_UNITS } from './quantity-words.js';
import { foldForMatching, tokenize } from './text-normalization.js';

/** Options of {@link matchItems}. */
export interface MatchOptions {
  /** The lowest fuzzy score accepted as a match, 0–1. Default 0.7. */
  readonly threshold?: number;
  /** How far the best fuzzy candidate must lead the runner-up to be taken without asking, 0–1. Default 0.05. */
  readonly margin?: number;
  /** The lowest score worth suggesting for an unknown item, 0–1. Default 0.35. */
  readonly suggestionFloor?: number;
  /** Candidates offered for an ambiguous item, or suggestions for an unknown one: 1–3. Default 3. */
  readonly maxCandidates?: number;
}

/** A product the customer may have meant, with how sure the matcher is. */
export interface MatchCandidate {
  readonly product: ProductSnapshot;
  /** 1 for an exact sku, name or alias; below 1 for a fuzzy match. */
  readonly confidence: number;
  /** False when the product's stock is below the quantity asked for. */
  readonly inStock: boolean;
}

/** What one parsed item matched. */
export type ItemMatch =
  | {
      readonly status: 'matched';
      readonly item: ParsedItem;
      readonly product: ProductSnapshot;
      readonly confidence: number;
      /** The exact field that matched, or `fuzzy`. */
      readonly matchedBy: MatchField | 'fuzzy';
    }
  | {
      readonly status: 'ambiguous';
      readonly item: ParsedItem;
      /** The close candidates to ask the customer about (up to `maxCandidates`), best first. */
      readonly candidates: readonly MatchCandidate[];
    }
  | {
      readonly status: 'unknown';
      readonly item: ParsedItem;
      /** The closest products, best first; may be empty. */
      readonly suggestions: readonly MatchCandidate[];
    }
  | {
      readonly status: 'out_of_stock';
      readonly item: ParsedItem;
      readonly product: ProductSnapshot;
      readonly confidence: number;
      /** Units on hand (0 or more, fewer than asked for). */
      readonly available: number;
    };

interface ResolvedOptions {
  readonly threshold: number;
  readonly margin: number;
  readonly suggestionFloor: number;
  readonly maxCandidates: number;
}

function resolveOptions(options: MatchOptions): ResolvedOptions {
  const resolved = {
    threshold: options.threshold ?? 0.7,
    margin: options.margin ?? 0.05,
    suggestionFloor: options.suggestionFloor ?? 0.35,
    maxCandidates: options.maxCandidates ?? 3,
  };
  const issues = [];
  const unit = (value: number) => Number.isFinite(value) && value >= 0 && value <= 1;
  if (!unit(resolved.threshold) || resolved.threshold === 0)
    issues.push({ path: 'threshold', message: 'must be above 0 and at most 1' });
  if (!unit(resolved.margin)) issues.push({ path: 'margin', message: 'must be from 0 to 1' });
  if (!unit(resolved.suggestionFloor))
    issues.push({ path: 'suggestionFloor', message: 'must be from 0 to 1' });
  if (![1, 2, 3].includes(resolved.maxCandidates))
    issues.push({ path: 'maxCandidates', message: 'must be 1, 2 or 3' });
  if (issues.length > 0) throw new ValidationError('Invalid catalog matcher options.', issues);
  return resolved;
}

/**
 * The product units an item needs: its quantity for plain items and pieces, twelve per dozen. A measured
 * quantity (1.5 kg) or a pack cannot be compared with a unit count, so it needs at least one unit on hand.
 */
export function unitsRequested(item: ParsedItem): number {
  if (item.unit === null || item.unit === 'pcs') return Math.ceil(item.quantity);
  if (item.unit === 'dozen') return Math.ceil(item.quantity * 12);
  return 1;
}

function hasStock(product: ProductSnapshot, item: ParsedItem): boolean {
  return product.stock === null || product.stock >= unitsRequested(item);
}

function candidate(scored: Scored, item: ParsedItem): MatchCandidate {
  return {
    product: scored.product,
    confidence: round(scored.score),
    inStock: hasStock(scored.product, item),
  };
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}

function decide(
  item: ParsedItem,
  ranked: readonly Scored[],
  options: ResolvedOptions,
  exact: boolean,
): ItemMatch {
  const [top, second] = ranked;
  if (top === undefined || top.score < options.threshold) {
    const suggestions = ranked
      .filter((scored) => scored.score >= options.suggestionFloor)
      .slice(0, options.maxCandidates)
      .map((scored) => candidate(scored, item));
    return { status: 'unknown', item, suggestions };
  }
  const isClose = (scored: Scored) => scored.score === top.score || top.score - scored.score < options.margin;
  if (second !== undefined && isClose(second)) {
    const close = ranked.filter(isClose);
    const candidates = close.slice(0, options.maxCandidates).map((scored) => candidate(scored, item));
    return { status: 'ambiguous', item, candidates };
  }
  const confidence = round(top.score);
  if (!hasStock(top.product, item)) {
    return {
      status: 'out_of_stock',
      item,
      product: top.product,
      confidence,
      available: top.product.stock ?? 0,
    };
  }
  return {
    status: 'matched',
    item,
    product: top.product,
    confidence,
    matchedBy: exact ? top.field : 'fuzzy',
  };
}

/**
 * Matches one parsed item against an indexed catalog: an exact sku, name or alias (ignoring case, accents
 * and punctuation) first, with confidence 1; otherwise a fuzzy score (see `scoreEntry`). A fuzzy best above
 * `threshold` that leads the runner-up by `margin` is a match; close candidates are `ambiguous`; nothing
 * good is `unknown` with suggestions. A match short of stock is `out_of_stock`. The same input and catalog
 * always give the same result.
 */
export function matchItem(item: ParsedItem, index: CatalogIndex, options: MatchOptions = {}): ItemMatch {
  return matchOne(item, index, resolveOptions(options));
}

function matchOne(item: ParsedItem, index: CatalogIndex, options: ResolvedOptions): ItemMatch {
  const folded = foldForMatching(item.query);
  const exact = index.exactEntries(folded);
  if (exact !== undefined)
    return decide(
      item,
      bestPerProduct(exact, () => 1),
      options,
      true,
    );
  const compact = index.compactEntries(folded);
  if (compact !== undefined)
    return decide(
      item,
      bestPerProduct(compact, () => COMPACT_CONFIDENCE),
      options,
      false,
    );
  const query = tokenize(folded).map(stem);
  // "1 kg rice" prefers "Rice 1kg" to "Rice 5kg": the measure counts as a word where the name has it.
  const measure = item.unit !== null && DECIMAL_UNITS.has(item.unit) ? `${item.quantity}${item.unit}` : null;
  const ranked = rankFuzzy(index, query, measure, { margin: options.margin, keep: options.maxCandidates });
  return decide(item, ranked, options, false);
}

/**
 * Matches each parsed item of a message against the catalog, in order. Pass a {@link CatalogIndex} built
 * once per catalog version; a plain product list is indexed on every call.
 *
 * @throws {ValidationError} when an option is out of range.
 * @example
 * ```ts
 * const index = buildCatalogIndex(products);
 * for (const match of matchItems(parseProductList(text).items, index)) {
 *   if (match.status === 'matched') console.log(match.item.quantity, match.product.name);
 *   else if (match.status === 'ambiguous') console.log('which one?', match.candidates.map((c) => c.product.name));
 * }
 * ```
 */
export function matchItems(
  items: readonly ParsedItem[],
  catalog: CatalogIndex | readonly ProductSnapshot[],
  options: MatchOptions = {},
): ItemMatch[] {
  const resolved = resolveOptions(options);
  const index = catalog instanceof CatalogIndex ? catalog : buildCatalogIndex(catalog);
  return items.map((item) => matchOne(item, index, resolved));
}
