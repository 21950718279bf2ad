import type { CampaignMessageStatus } from '../domain/campaign-metrics.js';

/**
 * Where one outbound send stands.
 *
 * - `sending`: a worker claimed the send and may have called the transport; if it is found again, the
 *   outcome is unknown and the message is treated as sent (never sent twice).
 * - `sent`: the transport accepted the message.
 * - `failed`: the transport refused it on the last attempt; nothing went out, and nothing will.
 * - `skipped`: the recipient was deliberately given nothing (opted out, unknown customer).
 */
export type SendState = 'sending' | 'sent' | 'failed' | 'skipped';

/** One send the ledger remembers. */
export interface SendRecord {
  readonly organizationId: string;
  /** What is being sent to whom, e.g. `reminder_rem_1` or `campaign_cmp_1_cus_9`; unique per organization. */
  readonly key: string;
  /** What the send is counted under (a campaign id), or `null` for one-off sends. */
  readonly group: string | null;
  readonly state: SendState;
  /** The provider's id once known; `null` before, and for a send whose outcome was never learned. */
  readonly providerMessageId: string | null;
  /** The furthest the message got according to the provider; `null` until sent. */
  readonly progress: CampaignMessageStatus | null;
  /** Why a send failed or was skipped. */
  readonly reason: string | null;
  readonly startedAt: number;
  readonly updatedAt: number;
}

/** How a group's sends stand, as the campaign metrics count them. */
export interface SendCounts {
  /** Messages handed to the provider, including those it failed later and those refused on the last try. */
  readonly sent: number;
  /** Messages delivered (including those later read). */
  readonly delivered: number;
  readonly read: number;
  /** Messages refused on the last try or reported failed/undelivered. */
  readonly failed: number;
  /** Recipients deliberately given nothing. */
  readonly skipped: number;
  /** Recipients whose send is settled: `sent + skipped`. A campaign completes when this reaches its total. */
  readonly accounted: number;
}

/** What {@link SendLedger.begin} answered. */
export type SendClaim = { readonly claimed: true } | { readonly claimed: false; readonly record: SendRecord };

/**
 * Remembers which messages went out, so a job delivered twice (a queue retry, a stalled worker, a re-run
 * campaign fan-out) never sends the same WhatsApp message twice.
 *
 * A send is claimed **before** the transport is called (`begin`) and settled after (`complete`, `fail`,
 * `release`). A claim found unsettled means a worker died or the transport answered ambiguously: the
 * message may have gone out, so it is not sent again (at most once). The ledger also follows each message's
 * delivery statuses and counts them per group, which is where campaign metrics come from.
 *
 * Every method is atomic per key: of two callers racing on `begin`, exactly one claims.
 */
export interface SendLedger {
  /** The record of `key`, or `null`. */
  get(organizationId: string, key: string): Promise<SendRecord | null>;
  /** Claims `key` for a send, or returns the record already there. */
  begin(
    organizationId: string,
    key: string,
    options?: { readonly group?: string | null },
  ): Promise<SendClaim>;
  /**
   * Marks a claimed send as sent with the provider's id (`null` when the outcome was never learned). On a
   * record already sent it only fills in a missing id.
   */
  complete(organizationId: string, key: string, providerMessageId: string | null): Promise<SendRecord>;
  /** Marks a claimed send as refused for good: nothing went out and nothing will. */
  fail(organizationId: string, key: string, reason: string): Promise<SendRecord>;
  /** Drops a `sending` claim because the message surely did not go out, so a retry may send it. */
  release(organizationId: string, key: string): Promise<void>;
  /** Records a recipient deliberately given nothing; `false` (and no change) when `key` already has a record. */
  skip(
    organizationId: string,
    key: string,
    options: { readonly group?: string | null; readonly reason: string },
  ): Promise<boolean>;
  /**
   * Moves the message with this provider id to `progress` when that is further along (sent → delivered →
   * read; failed only after sent). Resolves with the updated record, or `null` for an unknown message or a
   * status that is late, repeated or cannot follow.
   */
  recordProgress(
    organizationId: string,
    providerMessageId: string,
    progress: CampaignMessageStatus,
  ): Promise<SendRecord | null>;
  /** The sends of `group` counted by outcome. */
  counts(organizationId: string, group: string): Promise<SendCounts>;
  /** Records how many recipients `group` has in all (known once a campaign's fan-out has finished). */
  setExpected(organizationId: string, group: string, total: number): Promise<void>;
  /** The total set by {@link setExpected}, or `null` while unknown. */
  expected(organizationId: string, group: string): Promise<number | null>;
}

const RANK: Record<CampaignMessageStatus, number> = { sent: 1, delivered: 2, read: 3, failed: 2 };

/**
 * True when a message whose furthest status is `from` may move to `to`: forward along sent → delivered →
 * read, and to failed only straight from sent (the same rule the campaign metrics follow).
 */
export function progressAdvances(from: CampaignMessageStatus | null, to: CampaignMessageStatus): boolean {
  if (from === null) return true;
  if (from === 'failed' || from === 'read') return false;
  if (to === 'failed') return from === 'sent';
  return RANK[to] > RANK[from];
}

/** The counts one record contributes to its group (internal; shared by ledger implementations). */
export function contributionOf(record: SendRecord): SendCounts {
  const handedOver = record.state === 'sent' || record.state === 'failed' ? 1 : 0;
  const skipped = record.state === 'skipped' ? 1 : 0;
  const progress = record.progress;
  return {
    sent: handedOver,
    delivered: progress === 'delivered' || progress === 'read' ? 1 : 0,
    read: progress === 'read' ? 1 : 0,
    failed: record.state === 'failed' || progress === 'failed' ? 1 : 0,
    skipped,
    accounted: handedOver + skipped,
  };
}

/** Counts with every field 0. */
export const NO_SENDS: SendCounts = Object.freeze({
  sent: 0,
  delivered: 0,
  read: 0,
  failed: 0,
  skipped: 0,
  accounted: 0,
});
