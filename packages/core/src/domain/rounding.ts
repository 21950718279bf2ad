/**
 * The one place where chatcart rounds money. Every derived amount (a percentage of a price, a tax, a
 * discount) goes through {@link divideRoundingHalfUp}, so there is exactly one rule to document and test.
 *
 * The rule is **round half away from zero** ("commercial rounding"): 0.5 minor units becomes 1, −0.5 becomes −1.
 * See docs/domain.md for why it beats banker's rounding for invoices.
 */

/**
 * Divides `numerator` by a positive `denominator` and rounds the quotient half away from zero. Works on
 * bigints so that intermediate products (amount × basis points) can never overflow.
 *
 * @example
 * ```ts
 * divideRoundingHalfUp(250n, 100n); // 3n  (2.5 → 3)
 * divideRoundingHalfUp(-250n, 100n); // -3n
 * divideRoundingHalfUp(249n, 100n); // 2n
 * ```
 */
export function divideRoundingHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const quotient = magnitude / denominator;
  const remainder = magnitude % denominator;
  const rounded = remainder * 2n >= denominator ? quotient + 1n : quotient;
  return negative ? -rounded : rounded;
}
