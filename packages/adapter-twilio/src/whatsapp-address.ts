const E164 = /^\+[1-9]\d{6,14}$/;
const WHATSAPP_PREFIX = 'whatsapp:';

/** True for a phone number in E.164 form: `+`, country code, subscriber number, 7 to 15 digits in all. */
export function isE164(phone: string): boolean {
  return E164.test(phone);
}

/** `+14155550100` → `whatsapp:+14155550100`, the address form Twilio's WhatsApp channel expects. */
export function toWhatsAppAddress(phone: string): string {
  return `${WHATSAPP_PREFIX}${phone}`;
}

/**
 * `whatsapp:+14155550100` → `+14155550100`. Returns `undefined` for anything that is not a WhatsApp
 * address with an E.164 number, so an SMS webhook pointed at the WhatsApp route is not mistaken for one.
 */
export function fromWhatsAppAddress(address: string | undefined): string | undefined {
  if (address === undefined || !address.startsWith(WHATSAPP_PREFIX)) return undefined;
  const phone = address.slice(WHATSAPP_PREFIX.length).trim();
  return isE164(phone) ? phone : undefined;
}
