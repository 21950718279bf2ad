import { Campaign } from '../domain/campaign.js';
import type { CampaignSnapshot } from '../domain/campaign-snapshot.js';
import type { CampaignRepository, Page, PageRequest } from '../ports/repositories.js';
import { MemoryAggregateRepository, newestFirst } from './memory-aggregate-repository.js';

const ORDER = newestFirst<CampaignSnapshot>();

/**
 * The embedded `CampaignRepository`: campaigns as snapshots, compare-and-set saves, newest first.
 *
 * @example
 * ```ts
 * const campaigns = new MemoryCampaignRepository();
 * await campaigns.save(campaign);
 * const { items } = await campaigns.list('org_1', { limit: 10 });
 * ```
 */
export class MemoryCampaignRepository
  extends MemoryAggregateRepository<Campaign, CampaignSnapshot>
  implements CampaignRepository
{
  constructor() {
    super({ what: 'Campaign', fromSnapshot: (snapshot) => Campaign.fromSnapshot(snapshot) });
  }

  async list(organizationId: string, query: PageRequest = {}): Promise<Page<Campaign>> {
    return this.page(this.rows(organizationId), ORDER, query);
  }
}
