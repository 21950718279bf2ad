import { AggregateRoot } from './aggregate-root.js';
import {
  type AudienceSegment,
  audienceSegment,
  segmentFromSnapshot,
  segmentToSnapshot,
} from './audience-segment.js';
import {
  advanceMessageStatus,
  type CampaignMessageStatus,
  type CampaignMetricIncrements,
  CampaignMetricsError,
  type CampaignMetricsSnapshot,
  checkCampaignMetrics,
  EMPTY_CAMPAIGN_METRICS,
} from './campaign-metrics.js';
import {
  CAMPAIGN_TYPES,
  type CampaignSnapshot,
  type CampaignStatus,
  type CampaignType,
  MAX_CAMPAIGN_NAME_LENGTH,
  MAX_CAMPAIGN_RECIPIENTS,
  MAX_CAMPAIGN_TEMPLATE_LENGTH,
  readCampaignSnapshot,
} from './campaign-snapshot.js';
import type { CampaignEventName } from './domain-event.js';
import { DomainError, InvalidTransitionError, ValidationError } from './errors.js';
import { optionalText, requireId, requireInteger, requireText, requireTimestamp } from './guards.js';

/** What {@link Campaign.create} takes. */
export interface CreateCampaignInput {
  readonly id: string;
  readonly organizationId: string;
  readonly name: string;
  readonly type: CampaignType;
  readonly messageTemplate: string;
  /** Built with {@link audienceSegment}; default: every opted-in customer. */
  readonly audience?: AudienceSegment;
  readonly now: number;
}

/** What {@link Campaign.updateDraft} may change. */
export interface CampaignDraftChanges {
  readonly name?: string;
  readonly messageTemplate?: string;
  readonly audience?: AudienceSegment;
}

type CampaignState = Omit<CampaignSnapshot, 'id' | 'organizationId' | 'version' | 'audience'> & {
  audience: AudienceSegment;
};

/**
 * A message sent to a segment of customers. DRAFT → SCHEDULED → RUNNING ⇄ PAUSED → COMPLETED, or CANCELLED
 * before completing; starting straight from DRAFT ("send now") is allowed. Metrics only ever describe
 * something possible: impossible increments are refused with `CAMPAIGN_METRICS_INVALID`, and provider
 * statuses that arrive out of order go through {@link recordMessageStatus}, which ignores late ones.
 *
 * @example
 * ```ts
 * const campaign = Campaign.create({ id: 'cmp_1', organizationId: 'org_1', name: 'Diwali sale', type: 'PROMOTIONAL',
 *   messageTemplate: 'Hi {{name}}, 20% off today!', audience: audienceSegment({ tagsAny: ['vip'] }), now });
 * campaign.start(now, recipients.length);
 * campaign.recordMessageStatus(now, null, 'sent');
 * campaign.recordMessageStatus(now, 'sent', 'read'); // counts delivered and read
 * ```
 */
export class Campaign extends AggregateRoot<CampaignEventName> {
  #state: CampaignState;

  private constructor(id: string, organizationId: string, version: number, state: CampaignState) {
    super(id, organizationId, version);
    this.#state = state;
  }

  /** A new DRAFT campaign; raises `campaign.created`. @throws {ValidationError} */
  static create(input: CreateCampaignInput): Campaign {
    const now = requireTimestamp(input.now, 'now');
    if (!CAMPAIGN_TYPES.includes(input.type)) {
      throw new ValidationError('Invalid campaign.', [
        { path: 'type', message: `must be one of ${CAMPAIGN_TYPES.join(', ')}` },
      ]);
    }
    const campaign = new Campaign(
      requireId(input.id, 'id'),
      requireId(input.organizationId, 'organizationId'),
      0,
      {
        name: requireText(input.name, 'name', { max: MAX_CAMPAIGN_NAME_LENGTH }),
        type: input.type,
        messageTemplate: requireText(input.messageTemplate, 'messageTemplate', {
          max: MAX_CAMPAIGN_TEMPLATE_LENGTH,
        }),
        audience: input.audience ?? audienceSegment(),
        status: 'DRAFT',
        metrics: EMPTY_CAMPAIGN_METRICS,
        scheduledAt: null,
        startedAt: null,
        pausedAt: null,
        completedAt: null,
        cancelledAt: null,
        cancellationReason: null,
        createdAt: now,
        updatedAt: now,
      },
    );
    campaign.raise('campaign.created', now, { name: campaign.name, type: campaign.type });
    return campaign;
  }

  /** Rebuilds a campaign from a stored snapshot, checking every field and invariant. @throws {ValidationError} */
  static fromSnapshot(snapshot: CampaignSnapshot): Campaign {
    const { id, organizationId, version, audience, ...rest } = readCampaignSnapshot(snapshot);
    return new Campaign(id, organizationId, version, { ...rest, audience: segmentFromSnapshot(audience) });
  }

  get name(): string {
    return this.#state.name;
  }
  get type(): CampaignType {
    return this.#state.type;
  }
  get messageTemplate(): string {
    return this.#state.messageTemplate;
  }
  get audience(): AudienceSegment {
    return this.#state.audience;
  }
  get status(): CampaignStatus {
    return this.#state.status;
  }
  get scheduledAt(): number | null {
    return this.#state.scheduledAt;
  }
  get startedAt(): number | null {
    return this.#state.startedAt;
  }
  get metrics(): CampaignMetricsSnapshot {
    return { ...this.#state.metrics };
  }
  /** True while sends may go out (RUNNING). The fan-out checks it before every batch. */
  get isSending(): boolean {
    return this.#state.status === 'RUNNING';
  }

  /** Changes name, template or audience of a DRAFT or SCHEDULED campaign. @throws {DomainError `CAMPAIGN_NOT_EDITABLE`} */
  updateDraft(now: number, changes: CampaignDraftChanges): void {
    requireTimestamp(now, 'now');
    if (this.#state.status !== 'DRAFT' && this.#state.status !== 'SCHEDULED') {
      throw new DomainError(
        'CAMPAIGN_NOT_EDITABLE',
        `Campaign ${this.id} is ${this.#state.status}; only DRAFT or SCHEDULED campaigns can be edited.`,
      );
    }
    const name =
      changes.name === undefined
        ? this.name
        : requireText(changes.name, 'name', { max: MAX_CAMPAIGN_NAME_LENGTH });
    const messageTemplate =
      changes.messageTemplate === undefined
        ? this.messageTemplate
        : requireText(changes.messageTemplate, 'messageTemplate', { max: MAX_CAMPAIGN_TEMPLATE_LENGTH });
    this.#state = {
      ...this.#state,
      name,
      messageTemplate,
      audience: changes.audience ?? this.audience,
      updatedAt: now,
    };
  }

  /** DRAFT or SCHEDULED → SCHEDULED for `at`, which must be after `now`. @throws {InvalidTransitionError | DomainError `CAMPAIGN_SCHEDULE_IN_PAST`} */
  schedule(now: number, at: number): void {
    requireTimestamp(now, 'now');
    requireTimestamp(at, 'at');
    this.assertStatus(['DRAFT', 'SCHEDULED'], 'SCHEDULED');
    if (at <= now) {
      throw new DomainError(
        'CAMPAIGN_SCHEDULE_IN_PAST',
        `Campaign ${this.id} must be scheduled in the future; start it to send now.`,
        {
          details: { at, now },
        },
      );
    }
    this.#state = { ...this.#state, status: 'SCHEDULED', scheduledAt: at, updatedAt: now };
    this.raise('campaign.scheduled', now, { scheduledAt: at });
  }

  /** DRAFT or SCHEDULED → RUNNING, with the number of recipients the audience resolved to. @throws {InvalidTransitionError | ValidationError} */
  start(now: number, totalRecipients: number): void {
    requireTimestamp(now, 'now');
    requireInteger(totalRecipients, 'totalRecipients', 0, MAX_CAMPAIGN_RECIPIENTS);
    this.assertStatus(['DRAFT', 'SCHEDULED'], 'RUNNING');
    const metrics = { ...EMPTY_CAMPAIGN_METRICS, targeted: totalRecipients };
    this.#state = { ...this.#state, status: 'RUNNING', metrics, startedAt: now, updatedAt: now };
    this.raise('campaign.started', now, { totalRecipients });
  }

  /** RUNNING → PAUSED: the fan-out skips sends until resumed. @throws {InvalidTransitionError} */
  pause(now: number): void {
    requireTimestamp(now, 'now');
    this.assertStatus(['RUNNING'], 'PAUSED');
    this.#state = { ...this.#state, status: 'PAUSED', pausedAt: now, updatedAt: now };
    this.raise('campaign.paused', now, {});
  }

  /** PAUSED → RUNNING. @throws {InvalidTransitionError} */
  resume(now: number): void {
    requireTimestamp(now, 'now');
    this.assertStatus(['PAUSED'], 'RUNNING');
    this.#state = { ...this.#state, status: 'RUNNING', pausedAt: null, updatedAt: now };
    this.raise('campaign.resumed', now, {});
  }

  /** RUNNING → COMPLETED, once every recipient was attempted. @throws {InvalidTransitionError} */
  complete(now: number): void {
    requireTimestamp(now, 'now');
    this.assertStatus(['RUNNING'], 'COMPLETED');
    this.#state = { ...this.#state, status: 'COMPLETED', completedAt: now, updatedAt: now };
    this.raise('campaign.completed', now, { metrics: this.metrics });
  }

  /** Cancels a campaign that has not completed. @throws {InvalidTransitionError} */
  cancel(now: number, reason?: string): void {
    requireTimestamp(now, 'now');
    const why = optionalText(reason, 'reason', { max: 500 });
    const previousStatus = this.#state.status;
    this.assertStatus(['DRAFT', 'SCHEDULED', 'RUNNING', 'PAUSED'], 'CANCELLED');
    this.#state = {
      ...this.#state,
      status: 'CANCELLED',
      pausedAt: null,
      cancelledAt: now,
      cancellationReason: why,
      updatedAt: now,
    };
    this.raise('campaign.cancelled', now, { reason: why, previousStatus });
  }

  /**
   * Adds to the counters (for example `{ replied: 1 }`). Allowed once started, in any later status, because
   * receipts keep arriving after a pause or the end.
   *
   * @throws {DomainError `CAMPAIGN_NOT_STARTED` | CampaignMetricsError}
   */
  recordMetrics(now: number, increments: CampaignMetricIncrements): void {
    requireTimestamp(now, 'now');
    const next = { ...this.#state.metrics };
    for (const [key, value] of Object.entries(increments) as [
      keyof CampaignMetricIncrements,
      number | undefined,
    ][]) {
      if (value === undefined) continue;
      if (!(key in next) || !Number.isSafeInteger(value) || value < 0) {
        throw new CampaignMetricsError(
          `${String(key)} must be a known counter and a whole number ≥ 0`,
          this.#state.metrics,
        );
      }
      next[key] += value;
    }
    this.applyMetrics(now, next);
  }

  /**
   * Counts one message moving from `from` (the highest status the store had seen for it, `null` if none) to
   * `to`. Returns `false` when the update is late or cannot follow (delivered after read) and changes nothing.
   *
   * @throws {DomainError `CAMPAIGN_NOT_STARTED` | CampaignMetricsError}
   */
  recordMessageStatus(now: number, from: CampaignMessageStatus | null, to: CampaignMessageStatus): boolean {
    requireTimestamp(now, 'now');
    this.assertStarted();
    const next = advanceMessageStatus(this.#state.metrics, from, to);
    if (next === null) return false;
    this.applyMetrics(now, next);
    return true;
  }

  /** The JSON-safe snapshot stores persist. */
  toSnapshot(): CampaignSnapshot {
    const { audience, metrics, ...rest } = this.#state;
    return {
      id: this.id,
      organizationId: this.organizationId,
      version: this.version,
      ...rest,
      audience: segmentToSnapshot(audience),
      metrics: { ...metrics },
    };
  }

  private applyMetrics(now: number, next: CampaignMetricsSnapshot): void {
    this.assertStarted();
    const problem = checkCampaignMetrics(next);
    if (problem) throw new CampaignMetricsError(problem, next);
    this.#state = { ...this.#state, metrics: Object.freeze(next), updatedAt: now };
  }

  private assertStarted(): void {
    if (this.#state.startedAt === null) {
      throw new DomainError(
        'CAMPAIGN_NOT_STARTED',
        `Campaign ${this.id} has not started; it has no messages to count.`,
      );
    }
  }

  private assertStatus(allowed: readonly CampaignStatus[], to: CampaignStatus): void {
    if (!allowed.includes(this.#state.status)) {
      throw new InvalidTransitionError(
        'Campaign',
        this.#state.status,
        to,
        `allowed only from ${allowed.join(' or ')}`,
      );
    }
  }
}
