import { timingSafeEqual } from 'node:crypto';

/**
 * Compares two strings in time that depends only on their lengths, so a secret (a signature, a verify
 * token) cannot be guessed byte by byte from response times. Lengths are not secret here.
 */
export function constantTimeEquals(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
