export { CallTimeoutError, CircuitOpenError, RateLimitError } from './errors.js';
