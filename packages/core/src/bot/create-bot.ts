import { ValidationError } from '../domain/errors.js';
import type { Bot } from './bot.js';
import { BOT_ADAPTER_KEYS, type BotAdapters, resolveAdapters } from './bot-adapters.js';
import { BOT_CONFIG_KEYS, type BotConfigInput, parseBotConfig } from './bot-config.js';
import { ChatcartBot } from './chatcart-bot.js';

/** What `createBot` takes: settings (validated with zod) and adapters (in-memory ones for those left out). */
export type CreateBotOptions = BotConfigInput & BotAdapters;

/**
 * Builds a bot: validates the settings, wires every port (falling back to the in-memory adapters), and
 * returns the commands, queries, services, event bus, inbound pipeline and lifecycle.
 *
 * @throws {ValidationError} naming every bad setting or adapter, e.g. `defaults.currency: must be an ISO 4217 currency code`.
 *
 * @example
 * ```ts
 * const bot = createBot({
 *   transport: new TwilioTransport({ accountSid, authToken }),
 *   defaults: { locale: 'en-IN', currency: 'INR', timeZone: 'Asia/Kolkata', defaultTaxRateBps: 1800 },
 *   features: { campaigns: false },
 * });
 * bot.pipeline.use(myFlow);
 * await bot.start();
 * const ctx = await bot.handle(inboundMessage);
 * process.on('SIGTERM', () => bot.stop());
 * ```
 */
export function createBot(options: CreateBotOptions = {}): Bot {
  if (options === null || typeof options !== 'object') {
    throw new ValidationError('Invalid createBot options', [{ path: '', message: 'must be an object' }]);
  }
  const known = new Set<string>([...BOT_CONFIG_KEYS, ...BOT_ADAPTER_KEYS]);
  const unknown = Object.keys(options).filter((key) => !known.has(key));
  if (unknown.length > 0) {
    throw new ValidationError(
      'Invalid createBot options',
      unknown.map((key) => ({ path: key, message: 'is not an option of createBot' })),
    );
  }
  const settings: Record<string, unknown> = {};
  for (const key of BOT_CONFIG_KEYS) if (options[key] !== undefined) settings[key] = options[key];
  const config = parseBotConfig(settings);
  const adapters = resolveAdapters(options);
  return new ChatcartBot(config, adapters);
}
