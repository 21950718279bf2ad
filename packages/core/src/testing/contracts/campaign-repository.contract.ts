import { describe } from 'vitest';
import { Campaign } from '../../domain/campaign.js';
import type { CampaignSnapshot } from '../../domain/campaign-snapshot.js';
import { describeAggregateBasics, useRepositoriesHarness } from './aggregate-repository.contract.js';
import { describeNewestFirstListing } from './listing-repository.contract.js';
import { aCampaign, CONTRACT_EPOCH, type RepositoriesHarnessFactory } from './repository-contract-support.js';

/**
 * Registers the behavioural tests every `CampaignRepository` must pass: the shared aggregate-repository rules
 * and `list` (newest first, keyset pages).
 *
 * @example
 * ```ts
 * describeCampaignRepositoryContract('MemoryCampaignRepository', () => createMemoryStores());
 * ```
 */
export function describeCampaignRepositoryContract(
  name: string,
  createHarness: RepositoriesHarnessFactory,
): void {
  describe(`${name} (CampaignRepository contract)`, () => {
    const context = useRepositoriesHarness(createHarness);
    const campaigns = () => context.harness().repositories.campaigns;

    describeAggregateBasics<Campaign>(
      {
        what: 'campaign',
        repository: (repositories) => repositories.campaigns,
        create: (_names, organizationId, id) => aCampaign(organizationId, id),
        change: (campaign, variant) =>
          campaign.updateDraft(CONTRACT_EPOCH + variant, { name: `Renamed ${variant} ✓` }),
        fromSnapshot: (snapshot: CampaignSnapshot) => Campaign.fromSnapshot(snapshot),
      },
      context,
    );

    describeNewestFirstListing<Campaign>(
      {
        what: 'campaign',
        create: (organizationId, id, createdAt) => aCampaign(organizationId, id, { createdAt }),
        save: (campaign) => campaigns().save(campaign),
        list: (organizationId, page) => campaigns().list(organizationId, page),
      },
      context,
    );
  });
}
