import {
  type AudienceSegmentSnapshot,
  Campaign,
  type CampaignMetricsSnapshot,
  type CampaignRepository,
  type CampaignSnapshot,
  type CampaignStatus,
  type CampaignType,
  type Page,
  type PageRequest,
} from '@chatcart/core';
import { AggregateTable, type AggregateTableSpec, newestFirst } from './aggregate-table.js';
import { ListFilterBuilder, PostgresAggregateRepository } from './postgres-aggregate-repository.js';
import type { SqlExecutor, SqlRow } from './sql-executor.js';

const SPEC: AggregateTableSpec<Campaign, CampaignSnapshot> = {
  what: 'Campaign',
  table: 'campaigns',
  columns: [
    { name: 'name', kind: 'text', value: (s) => s.name },
    { name: 'type', kind: 'text', value: (s) => s.type },
    { name: 'status', kind: 'text', value: (s) => s.status },
    { name: 'message_template', kind: 'text', value: (s) => s.messageTemplate },
    { name: 'audience', kind: 'jsonb', value: (s) => s.audience },
    { name: 'metrics', kind: 'jsonb', value: (s) => s.metrics },
    { name: 'scheduled_at', kind: 'timestamp', value: (s) => s.scheduledAt },
    { name: 'started_at', kind: 'timestamp', value: (s) => s.startedAt },
    { name: 'paused_at', kind: 'timestamp', value: (s) => s.pausedAt },
    { name: 'completed_at', kind: 'timestamp', value: (s) => s.completedAt },
    { name: 'cancelled_at', kind: 'timestamp', value: (s) => s.cancelledAt },
    { name: 'cancellation_reason', kind: 'text', value: (s) => s.cancellationReason },
    { name: 'created_at', kind: 'timestamp', value: (s) => s.createdAt },
    { name: 'updated_at', kind: 'timestamp', value: (s) => s.updatedAt },
  ],
  toSnapshot: (row: SqlRow): CampaignSnapshot => ({
    id: row.id as string,
    organizationId: row.organization_id as string,
    version: row.version as number,
    name: row.name as string,
    type: row.type as CampaignType,
    messageTemplate: row.message_template as string,
    audience: row.audience as AudienceSegmentSnapshot,
    status: row.status as CampaignStatus,
    metrics: row.metrics as CampaignMetricsSnapshot,
    scheduledAt: row.scheduled_at as number | null,
    startedAt: row.started_at as number | null,
    pausedAt: row.paused_at as number | null,
    completedAt: row.completed_at as number | null,
    cancelledAt: row.cancelled_at as number | null,
    cancellationReason: row.cancellation_reason as string | null,
    createdAt: row.created_at as number,
    updatedAt: row.updated_at as number,
  }),
  fromSnapshot: (snapshot) => Campaign.fromSnapshot(snapshot),
};

const NEWEST_FIRST = newestFirst<CampaignSnapshot>();

/** The campaigns table of a schema (internal; built once per store). */
export function campaignTable(quotedSchema: string): AggregateTable<Campaign, CampaignSnapshot> {
  return new AggregateTable(SPEC, quotedSchema);
}

/**
 * The `CampaignRepository` on PostgreSQL: name, type, status and lifecycle times as columns, the audience
 * segment and the delivery metrics as jsonb; saves compare-and-set on `version`.
 *
 * Get one from {@link createPostgresStores} (`stores.repositories.campaigns`, or `tx.campaigns`).
 */
export class PostgresCampaignRepository
  extends PostgresAggregateRepository<Campaign, CampaignSnapshot>
  implements CampaignRepository
{
  /** @internal Built by `createPostgresStores`. */
  constructor(db: SqlExecutor, table: AggregateTable<Campaign, CampaignSnapshot>) {
    super(db, table);
  }

  async list(organizationId: string, query: PageRequest = {}): Promise<Page<Campaign>> {
    return this.page(organizationId, new ListFilterBuilder(), NEWEST_FIRST, query, 'list campaigns');
  }
}
