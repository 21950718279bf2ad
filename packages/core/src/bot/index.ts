export type { Bot } from './bot.js';
export {
  type BotAdapters,
  type CommerceStores,
  type ResolvedAdapters,
  resolveAdapters,
} from './bot-adapters.js';
export { type BotConfig, type BotConfigInput, botConfigSchema, parseBotConfig } from './bot-config.js';
export { type CreateBotOptions, createBot } from './create-bot.js';
export { type BotFeature, FeatureDisabledError } from './feature-disabled-error.js';
