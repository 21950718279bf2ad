/**
 * `@chatcart/core/testing`: the port contract suites every adapter runs, and the kit for testing a bot
 * without a server.
 *
 * @packageDocumentation
 */
export { ManualClock } from './manual-clock.js';
