/**
 * Hides a phone number in logs, keeping the last four digits so support can still tell customers apart:
 * `+14155550100` → `+*******0100`. The length is kept; a leading `+` is kept. Anything of four characters
 * or fewer is hidden entirely, since its "last four" would be all of it.
 *
 * @example
 * ```ts
 * logger.info({ phone: redactPhone(message.from) }, 'inbound message');
 * ```
 */
export function redactPhone(phone: string): string {
  const plus = phone.startsWith('+') ? 1 : 0;
  const length = phone.length;
  if (length - plus <= 4) return '*'.repeat(length);
  return `${plus ? '+' : ''}${'*'.repeat(length - plus - 4)}${phone.slice(length - 4)}`;
}
