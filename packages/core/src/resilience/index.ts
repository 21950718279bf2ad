export type { CircuitBreakerOptions } from './circuit-breaker.js';
export { CircuitBreaker } from './circuit-breaker.js';
export type {
  CircuitBreakerEvents,
  CircuitBreakerStats,
  CircuitBreakerTotals,
  CircuitState,
  CircuitStateChange,
  CircuitTransitionReason,
} from './circuit-state.js';
export { CallTimeoutError, CircuitOpenError, RateLimitError } from './errors.js';
export type { RateLimiterOptions, RateLimitSubject, RateLimits } from './rate-limiter.js';
export { defaultRateLimits, RateLimiter } from './rate-limiter.js';
export type { TokenBucketState, TokenBucketTake } from './token-bucket.js';
export {
  assertBucketLimit,
  assertCost,
  canPay,
  fullBucket,
  msUntilTokens,
  TOKEN_EPSILON,
  TokenBucket,
  takeTokens,
  tokensAt,
} from './token-bucket.js';
