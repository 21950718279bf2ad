import type { CampaignMessageStatus } from '../domain/campaign-metrics.js';
import { ChatcartError } from '../domain/errors.js';
import { type Clock, systemClock } from '../ports/clock.js';
import {
  contributionOf,
  NO_SENDS,
  progressAdvances,
  type SendClaim,
  type SendCounts,
  type SendLedger,
  type SendRecord,
} from './send-ledger.js';

type Counter = { -readonly [K in keyof SendCounts]: SendCounts[K] };

/**
 * The embedded {@link SendLedger}: records in Maps for one process, with per-group counters kept up to date
 * on every change, so counting a campaign of a million recipients costs O(1). Records are kept for the life
 * of the process; use a shared ledger when jobs run on several instances.
 *
 * @example
 * ```ts
 * const ledger = new MemorySendLedger({ clock });
 * const claim = await ledger.begin('org_1', 'reminder_rem_1');
 * if (claim.claimed) await ledger.complete('org_1', 'reminder_rem_1', (await transport.send(...)).providerMessageId);
 * ```
 */
export class MemorySendLedger implements SendLedger {
  readonly #records = new Map<string, SendRecord>();
  readonly #byMessageId = new Map<string, string>();
  readonly #counters = new Map<string, Counter>();
  readonly #expected = new Map<string, number>();
  readonly #clock: Clock;

  constructor(options: { clock?: Clock } = {}) {
    this.#clock = options.clock ?? systemClock;
  }

  async get(organizationId: string, key: string): Promise<SendRecord | null> {
    return this.#records.get(scoped(organizationId, key)) ?? null;
  }

  async begin(
    organizationId: string,
    key: string,
    options: { group?: string | null } = {},
  ): Promise<SendClaim> {
    const existing = this.#records.get(scoped(organizationId, key));
    if (existing) return { claimed: false, record: existing };
    const now = this.#clock.now();
    this.#put({
      organizationId,
      key,
      group: options.group ?? null,
      state: 'sending',
      providerMessageId: null,
      progress: null,
      reason: null,
      startedAt: now,
      updatedAt: now,
    });
    return { claimed: true };
  }

  async complete(organizationId: string, key: string, providerMessageId: string | null): Promise<SendRecord> {
    const record = this.#require(organizationId, key, 'complete');
    if (record.state === 'sent') {
      if (record.providerMessageId !== null || providerMessageId === null) return record;
      return this.#put({ ...record, providerMessageId, updatedAt: this.#clock.now() });
    }
    if (record.state !== 'sending') return record;
    return this.#put({
      ...record,
      state: 'sent',
      providerMessageId,
      progress: 'sent',
      updatedAt: this.#clock.now(),
    });
  }

  async fail(organizationId: string, key: string, reason: string): Promise<SendRecord> {
    const record = this.#require(organizationId, key, 'fail');
    if (record.state !== 'sending') return record;
    return this.#put({ ...record, state: 'failed', reason, updatedAt: this.#clock.now() });
  }

  async release(organizationId: string, key: string): Promise<void> {
    const id = scoped(organizationId, key);
    const record = this.#records.get(id);
    if (record?.state !== 'sending') return;
    this.#records.delete(id);
    this.#count(record, -1);
  }

  async skip(
    organizationId: string,
    key: string,
    options: { group?: string | null; reason: string },
  ): Promise<boolean> {
    if (this.#records.has(scoped(organizationId, key))) return false;
    const now = this.#clock.now();
    this.#put({
      organizationId,
      key,
      group: options.group ?? null,
      state: 'skipped',
      providerMessageId: null,
      progress: null,
      reason: options.reason,
      startedAt: now,
      updatedAt: now,
    });
    return true;
  }

  async recordProgress(
    organizationId: string,
    providerMessageId: string,
    progress: CampaignMessageStatus,
  ): Promise<SendRecord | null> {
    const key = this.#byMessageId.get(scoped(organizationId, providerMessageId));
    const record = key === undefined ? undefined : this.#records.get(key);
    if (record?.state !== 'sent' || !progressAdvances(record.progress, progress)) return null;
    return this.#put({ ...record, progress, updatedAt: this.#clock.now() });
  }

  async counts(organizationId: string, group: string): Promise<SendCounts> {
    return { ...(this.#counters.get(scoped(organizationId, group)) ?? NO_SENDS) };
  }

  async setExpected(organizationId: string, group: string, total: number): Promise<void> {
    if (!(Number.isSafeInteger(total) && total >= 0)) {
      throw new RangeError(`total must be a whole number ≥ 0, got ${total}`);
    }
    this.#expected.set(scoped(organizationId, group), total);
  }

  async expected(organizationId: string, group: string): Promise<number | null> {
    return this.#expected.get(scoped(organizationId, group)) ?? null;
  }

  #put(record: SendRecord): SendRecord {
    const id = scoped(record.organizationId, record.key);
    const previous = this.#records.get(id);
    if (previous) this.#count(previous, -1);
    const frozen = Object.freeze({ ...record });
    this.#records.set(id, frozen);
    this.#count(frozen, 1);
    if (frozen.providerMessageId !== null) {
      this.#byMessageId.set(scoped(frozen.organizationId, frozen.providerMessageId), id);
    }
    return frozen;
  }

  #count(record: SendRecord, sign: 1 | -1): void {
    if (record.group === null) return;
    const id = scoped(record.organizationId, record.group);
    let counter = this.#counters.get(id);
    if (!counter) {
      counter = { ...NO_SENDS };
      this.#counters.set(id, counter);
    }
    const contribution = contributionOf(record);
    for (const field of Object.keys(contribution) as (keyof SendCounts)[]) {
      counter[field] += sign * contribution[field];
    }
  }

  #require(organizationId: string, key: string, action: string): SendRecord {
    const record = this.#records.get(scoped(organizationId, key));
    if (!record) {
      throw new ChatcartError(
        'SEND_NOT_CLAIMED',
        `Cannot ${action} send ${key}: it was never claimed; call begin() before sending.`,
        { details: { organizationId, key } },
      );
    }
    return record;
  }
}

function scoped(organizationId: string, key: string): string {
  return `${organizationId.length}:${organizationId}:${key}`;
}
