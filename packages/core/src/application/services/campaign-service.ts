import type { CampaignSnapshot } from '../../domain/campaign-snapshot.js';
import type {
  CancelCampaignCommand,
  CreateCampaignCommand,
  PauseCampaignCommand,
  ResumeCampaignCommand,
  StartCampaignCommand,
} from '../commands/campaign-commands.js';
import type { CommandHandlers } from '../commands/command-handlers.js';
import type { CampaignMetricsView, Queries } from '../queries.js';

/**
 * Campaigns: create, start, pause, resume, cancel, and read their metrics. A thin face over the campaign
 * commands and queries.
 *
 * @example
 * ```ts
 * const campaign = await app.campaigns.createCampaign({ organizationId, name: 'Diwali sale', type: 'PROMOTIONAL',
 *   messageTemplate: 'Hi {{name}}, 20% off today!', audience: { tagsAny: ['vip'] } });
 * await app.campaigns.startCampaign({ organizationId, campaignId: campaign.id });
 * (await app.campaigns.getMetrics({ organizationId, campaignId: campaign.id })).deliveryRate;
 * ```
 */
export class CampaignService {
  readonly #commands: CommandHandlers;
  readonly #queries: Queries;

  constructor(commands: CommandHandlers, queries: Queries) {
    this.#commands = commands;
    this.#queries = queries;
  }

  /** @see CommandHandlers.createCampaign */
  createCampaign(input: CreateCampaignCommand): Promise<CampaignSnapshot> {
    return this.#commands.createCampaign(input);
  }
  /** @see CommandHandlers.startCampaign */
  startCampaign(input: StartCampaignCommand): Promise<CampaignSnapshot> {
    return this.#commands.startCampaign(input);
  }
  /** @see CommandHandlers.pauseCampaign */
  pauseCampaign(input: PauseCampaignCommand): Promise<CampaignSnapshot> {
    return this.#commands.pauseCampaign(input);
  }
  /** @see CommandHandlers.resumeCampaign */
  resumeCampaign(input: ResumeCampaignCommand): Promise<CampaignSnapshot> {
    return this.#commands.resumeCampaign(input);
  }
  /** @see CommandHandlers.cancelCampaign */
  cancelCampaign(input: CancelCampaignCommand): Promise<CampaignSnapshot> {
    return this.#commands.cancelCampaign(input);
  }
  /** @see Queries.getCampaignMetrics */
  getMetrics(input: { organizationId: string; campaignId: string }): Promise<CampaignMetricsView> {
    return this.#queries.getCampaignMetrics(input);
  }
}
