import { ChatcartError } from '../domain/errors.js';

/** A feature that can be switched off in `createBot`'s `features`. */
export type BotFeature = 'campaigns' | 'reminders';

/**
 * A command of a feature switched off in the bot's config was called. Code `FEATURE_DISABLED`.
 *
 * @example
 * ```ts
 * const bot = createBot({ features: { campaigns: false } });
 * await bot.commands.startCampaign(input); // throws FeatureDisabledError
 * ```
 */
export class FeatureDisabledError extends ChatcartError {
  readonly feature: BotFeature;

  constructor(feature: BotFeature, command: string) {
    super(
      'FEATURE_DISABLED',
      `${command} is not available: ${feature} are disabled in this bot (features.${feature}: false). ` +
        `Set features.${feature} to true in createBot's options to use it.`,
      { details: { feature, command } },
    );
    this.feature = feature;
  }
}
