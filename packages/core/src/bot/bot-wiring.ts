import type { CommandHandlers } from '../application/commands/command-handlers.js';
import { DEFAULT_OUTBOX_ROUTES, type OutboxRoutes } from '../jobs/job-names.js';
import type { MessagingTransport } from '../ports/messaging-transport.js';
import type { CircuitBreaker } from '../resilience/circuit-breaker.js';
import type { BotConfig } from './bot-config.js';
import { type BotFeature, FeatureDisabledError } from './feature-disabled-error.js';

const FEATURE_COMMANDS: Readonly<Record<BotFeature, readonly (keyof CommandHandlers)[]>> = {
  campaigns: ['createCampaign', 'startCampaign', 'pauseCampaign', 'resumeCampaign', 'cancelCampaign'],
  reminders: ['scheduleReminder', 'cancelReminder'],
};

/** The commands with those of disabled features replaced by ones that throw {@link FeatureDisabledError}. */
export function guardCommands(commands: CommandHandlers, features: BotConfig['features']): CommandHandlers {
  const guarded: Record<string, unknown> = { ...commands };
  for (const feature of Object.keys(FEATURE_COMMANDS) as BotFeature[]) {
    if (features[feature]) continue;
    for (const name of FEATURE_COMMANDS[feature]) {
      guarded[name] = async () => {
        throw new FeatureDisabledError(feature, name);
      };
    }
  }
  return guarded as unknown as CommandHandlers;
}

/**
 * The commands with the organization's settings filled in where the caller left them out: a new order
 * without a currency (and without items to take it from) gets the organization's currency.
 */
export function withOrganizationDefaults(
  commands: CommandHandlers,
  currencyOf: (organizationId: string) => string,
): CommandHandlers {
  return {
    ...commands,
    createOrder: (input) =>
      commands.createOrder(
        input.currency === undefined && !input.items?.length && typeof input.organizationId === 'string'
          ? { ...input, currency: currencyOf(input.organizationId) }
          : input,
      ),
  };
}

/** The outbox routes of the enabled features: a disabled feature's events are relayed to no queue. */
export function routesFor(features: BotConfig['features']): OutboxRoutes {
  const routes: Record<string, OutboxRoutes[string]> = {};
  for (const [topic, route] of Object.entries(DEFAULT_OUTBOX_ROUTES)) {
    if (!features.campaigns && topic.startsWith('campaign.')) continue;
    if (!features.reminders && (topic.startsWith('reminder.') || topic === 'order.delivered')) continue;
    routes[topic] = route;
  }
  return routes;
}

/**
 * The transport with `send` behind the circuit breaker: while the provider keeps failing, sends are refused
 * at once with `CircuitOpenError` (which proves nothing went out, so jobs retry them later) instead of
 * piling up on a dead provider.
 */
export function guardTransport(transport: MessagingTransport, breaker: CircuitBreaker): MessagingTransport {
  const guarded: MessagingTransport = {
    name: transport.name,
    verify: (request) => transport.verify(request),
    parse: (request) => transport.parse(request),
    send: (organizationId, message) => breaker.execute(() => transport.send(organizationId, message)),
  };
  const answer = transport.answerSubscription?.bind(transport);
  return answer ? { ...guarded, answerSubscription: answer } : guarded;
}
