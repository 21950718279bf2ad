import { z } from 'zod';
import type { CampaignMetricsSnapshot } from '../domain/campaign-metrics.js';
import type { CampaignStatus } from '../domain/campaign-snapshot.js';
import type { InvoiceSnapshot } from '../domain/invoice-snapshot.js';
import type { OrderSnapshot } from '../domain/order-snapshot.js';
import type { ReminderSnapshot } from '../domain/reminder-snapshot.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Page, type PageRequest } from '../ports/repositories.js';
import type { ApplicationDeps } from './application-deps.js';
import { idSchema, organizationIdSchema, pageRequestShape } from './schemas.js';
import { parseInput } from './validation.js';

/** A campaign's counters with the rates people read them as. Rates are fractions of `sent` (0–1), 0 before any send. */
export interface CampaignMetricsView extends CampaignMetricsSnapshot {
  readonly campaignId: string;
  readonly status: CampaignStatus;
  /** `delivered / sent`. */
  readonly deliveryRate: number;
  /** `read / sent`. */
  readonly readRate: number;
  /** `failed / sent`. */
  readonly failureRate: number;
  /** `replied / sent`. */
  readonly replyRate: number;
  /** `optedOut / sent`. */
  readonly optOutRate: number;
}

/** The read side: snapshots straight from the repositories, never crossing organizations. */
export interface Queries {
  /** @throws {NotFoundError} when the organization has no such order. */
  getOrder(input: { organizationId: string; orderId: string }): Promise<OrderSnapshot>;
  /** The customer's orders, newest first, one page at a time. */
  listCustomerOrders(
    input: { organizationId: string; customerId: string } & PageRequest,
  ): Promise<Page<OrderSnapshot>>;
  /** @throws {NotFoundError} when the organization has no such invoice. */
  getInvoice(input: { organizationId: string; invoiceId: string }): Promise<InvoiceSnapshot>;
  /**
   * ISSUED or PARTIALLY_PAID invoices past their due date (now, by the clock), newest first. Overdue is
   * decided at read time, so a page may hold fewer than `limit` invoices while `nextCursor` is not null:
   * keep paging until it is.
   */
  listOverdueInvoices(input: { organizationId: string } & PageRequest): Promise<Page<InvoiceSnapshot>>;
  /** @throws {NotFoundError} when the organization has no such campaign. */
  getCampaignMetrics(input: { organizationId: string; campaignId: string }): Promise<CampaignMetricsView>;
  /**
   * PENDING reminders of every organization due at `now` (the clock's time when omitted), soonest first,
   * at most `limit` (100 when omitted). The sweeper that re-enqueues lost reminder jobs uses it.
   */
  listDueReminders(input: { now?: number; limit?: number }): Promise<ReminderSnapshot[]>;
}

const getOrderSchema = z.object({ organizationId: organizationIdSchema, orderId: idSchema });
const listCustomerOrdersSchema = z.object({
  organizationId: organizationIdSchema,
  customerId: idSchema,
  ...pageRequestShape,
});
const getInvoiceSchema = z.object({ organizationId: organizationIdSchema, invoiceId: idSchema });
const listOverdueInvoicesSchema = z.object({ organizationId: organizationIdSchema, ...pageRequestShape });
const getCampaignMetricsSchema = z.object({ organizationId: organizationIdSchema, campaignId: idSchema });
const listDueRemindersSchema = z.object({
  now: z.number().int({ error: 'must be epoch milliseconds' }).min(0).optional(),
  limit: pageRequestShape.limit,
});

/** Repository pages an overdue listing reads at most per call, so one call stays bounded. */
const OVERDUE_SCAN_PAGES = 10;

/**
 * Builds the queries over the auto-commit repositories.
 *
 * @example
 * ```ts
 * const queries = createQueries({ repositories, clock });
 * const { items, nextCursor } = await queries.listOverdueInvoices({ organizationId: 'org_1', limit: 50 });
 * ```
 */
export function createQueries(deps: Pick<ApplicationDeps, 'repositories' | 'clock'>): Queries {
  const { repositories, clock } = deps;
  return {
    getOrder: async (raw) => {
      const input = parseInput(getOrderSchema, raw, 'getOrder');
      return (await repositories.orders.getById(input.organizationId, input.orderId)).toSnapshot();
    },

    listCustomerOrders: async (raw) => {
      const { organizationId, customerId, limit, after } = parseInput(
        listCustomerOrdersSchema,
        raw,
        'listCustomerOrders',
      );
      const page = await repositories.orders.list(organizationId, {
        customerId,
        limit,
        after: after ?? null,
      });
      return { items: page.items.map((order) => order.toSnapshot()), nextCursor: page.nextCursor };
    },

    getInvoice: async (raw) => {
      const input = parseInput(getInvoiceSchema, raw, 'getInvoice');
      return (await repositories.invoices.getById(input.organizationId, input.invoiceId)).toSnapshot();
    },

    listOverdueInvoices: async (raw) => {
      const input = parseInput(listOverdueInvoicesSchema, raw, 'listOverdueInvoices');
      const limit = input.limit ?? DEFAULT_PAGE_SIZE;
      const now = clock.now();
      const items: InvoiceSnapshot[] = [];
      let after = input.after ?? null;
      // Each repository page asks only for the room left, and is consumed whole, so its cursor is exactly
      // where the next call resumes.
      for (let scanned = 0; scanned < OVERDUE_SCAN_PAGES; scanned += 1) {
        const page = await repositories.invoices.list(input.organizationId, {
          statuses: ['ISSUED', 'PARTIALLY_PAID'],
          limit: Math.min(MAX_PAGE_SIZE, limit - items.length),
          after,
        });
        for (const invoice of page.items) if (invoice.isOverdue(now)) items.push(invoice.toSnapshot());
        after = page.nextCursor;
        if (after === null || items.length >= limit) break;
      }
      return { items, nextCursor: after };
    },

    getCampaignMetrics: async (raw) => {
      const input = parseInput(getCampaignMetricsSchema, raw, 'getCampaignMetrics');
      const campaign = await repositories.campaigns.getById(input.organizationId, input.campaignId);
      return campaignMetricsView(campaign.id, campaign.status, campaign.metrics);
    },

    listDueReminders: async (raw) => {
      const input = parseInput(listDueRemindersSchema, raw, 'listDueReminders');
      const due = await repositories.reminders.findDue(
        input.now ?? clock.now(),
        input.limit ?? DEFAULT_PAGE_SIZE,
      );
      return due.map((reminder) => reminder.toSnapshot());
    },
  };
}

/** The metrics of a campaign with their rates; every rate is 0 while nothing was sent. */
export function campaignMetricsView(
  campaignId: string,
  status: CampaignStatus,
  metrics: CampaignMetricsSnapshot,
): CampaignMetricsView {
  const share = (count: number): number => (metrics.sent === 0 ? 0 : count / metrics.sent);
  return {
    campaignId,
    status,
    ...metrics,
    deliveryRate: share(metrics.delivered),
    readRate: share(metrics.read),
    failureRate: share(metrics.failed),
    replyRate: share(metrics.replied),
    optOutRate: share(metrics.optedOut),
  };
}
