/**
 * Reads a `Retry-After` header (delay-seconds or an HTTP date) as milliseconds from `now`. Returns
 * `undefined` when it is absent or unreadable, and never a negative delay.
 */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const header = Array.isArray(value) ? value[0] : value;
  if (header === undefined) return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP date names its day and month; a bare number that is not delay-seconds is malformed.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
