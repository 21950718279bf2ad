/**
 * `@chatcart/core`: the engine of a WhatsApp commerce bot. Each layer states its public API in the
 * `index.ts` of its folder; this file gathers them.
 *
 * @packageDocumentation
 */
export * from './application/index.js';
export * from './bot/index.js';
export * from './conversation/index.js';
export * from './domain/index.js';
export * from './jobs/index.js';
export * from './memory/index.js';
export * from './messaging/index.js';
export * from './ports/index.js';
export * from './resilience/index.js';
