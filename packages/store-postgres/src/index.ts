/**
 * This adapter is being built; its public API lands with its issue. Until then it only re-states which
 * version of `@chatcart/core` it was built against.
 *
 * @packageDocumentation
 */
export const builtForCore = '0.x';
