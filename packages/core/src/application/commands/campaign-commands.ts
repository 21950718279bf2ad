import { z } from 'zod';
import { audienceSegment, MAX_SEGMENT_TAGS } from '../../domain/audience-segment.js';
import { Campaign } from '../../domain/campaign.js';
import {
  CAMPAIGN_TYPES,
  type CampaignSnapshot,
  MAX_CAMPAIGN_NAME_LENGTH,
  MAX_CAMPAIGN_TEMPLATE_LENGTH,
} from '../../domain/campaign-snapshot.js';
import { ValidationError } from '../../domain/errors.js';
import type { CommandRunner, CommandScope } from '../command-runner.js';
import {
  clientIdSchema,
  expected,
  idSchema,
  moneySchema,
  optionalTextSchema,
  organizationIdSchema,
  timestampSchema,
} from '../schemas.js';
import { parseInput } from '../validation.js';

const tagsSchema = z
  .array(z.string(expected('must be a tag')), expected('must be a list of tags'))
  .max(MAX_SEGMENT_TAGS, { error: `must hold at most ${MAX_SEGMENT_TAGS} tags` })
  .optional();

/** Which customers a campaign targets; every filter given must match, and only opted-in customers do. */
export const audienceSchema = z
  .object({
    lastOrderFrom: timestampSchema.nullable().optional(),
    lastOrderTo: timestampSchema.nullable().optional(),
    totalSpentMin: moneySchema.nullable().optional(),
    totalSpentMax: moneySchema.nullable().optional(),
    tagsAny: tagsSchema,
    tagsAll: tagsSchema,
  })
  .transform((filters, ctx) => {
    try {
      return audienceSegment({
        lastOrderFrom: filters.lastOrderFrom ?? null,
        lastOrderTo: filters.lastOrderTo ?? null,
        totalSpentMin: filters.totalSpentMin ?? null,
        totalSpentMax: filters.totalSpentMax ?? null,
        tagsAny: filters.tagsAny ?? [],
        tagsAll: filters.tagsAll ?? [],
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      for (const issue of error.issues) {
        ctx.addIssue({ code: 'custom', path: issue.path.split('.'), message: issue.message });
      }
      return z.NEVER;
    }
  });

/** Input of `createCampaign`. */
export const createCampaignSchema = z.object({
  organizationId: organizationIdSchema,
  /** Pick the id to make a retried request return the campaign the first one created. */
  campaignId: clientIdSchema,
  name: z
    .string(expected('must be the campaign name'))
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(MAX_CAMPAIGN_NAME_LENGTH, { error: `must be at most ${MAX_CAMPAIGN_NAME_LENGTH} characters` }),
  type: z.enum(CAMPAIGN_TYPES, { error: `must be one of ${CAMPAIGN_TYPES.join(', ')}` }),
  /** The body, with placeholders such as `{{name}}`. */
  messageTemplate: z
    .string(expected('must be the message text'))
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(MAX_CAMPAIGN_TEMPLATE_LENGTH, {
      error: `must be at most ${MAX_CAMPAIGN_TEMPLATE_LENGTH} characters`,
    }),
  /** Every opted-in customer when omitted. */
  audience: audienceSchema.optional(),
});

/** Input of `startCampaign`, `pauseCampaign` and `resumeCampaign`. */
export const startCampaignSchema = z.object({ organizationId: organizationIdSchema, campaignId: idSchema });
/** @see startCampaignSchema */
export const pauseCampaignSchema = startCampaignSchema;
/** @see startCampaignSchema */
export const resumeCampaignSchema = startCampaignSchema;
/** Input of `cancelCampaign`. */
export const cancelCampaignSchema = startCampaignSchema.extend({ reason: optionalTextSchema(500) });

export type CreateCampaignCommand = z.input<typeof createCampaignSchema>;
export type StartCampaignCommand = z.input<typeof startCampaignSchema>;
export type PauseCampaignCommand = z.input<typeof pauseCampaignSchema>;
export type ResumeCampaignCommand = z.input<typeof resumeCampaignSchema>;
export type CancelCampaignCommand = z.input<typeof cancelCampaignSchema>;

/** The campaign commands; gathered into `CommandHandlers` by `createCommandHandlers`. */
export interface CampaignCommands {
  /** Creates a DRAFT campaign. With `campaignId`, a retry returns the campaign already created. */
  createCampaign(input: CreateCampaignCommand): Promise<CampaignSnapshot>;
  /** DRAFT or SCHEDULED → RUNNING, targeting as many recipients as the audience counts right now. */
  startCampaign(input: StartCampaignCommand): Promise<CampaignSnapshot>;
  /** RUNNING → PAUSED: the fan-out skips sends until resumed. */
  pauseCampaign(input: PauseCampaignCommand): Promise<CampaignSnapshot>;
  /** PAUSED → RUNNING. */
  resumeCampaign(input: ResumeCampaignCommand): Promise<CampaignSnapshot>;
  /** Cancels a campaign that has not completed. */
  cancelCampaign(input: CancelCampaignCommand): Promise<CampaignSnapshot>;
}

/** Builds the campaign commands on a runner. */
export function createCampaignCommands(runner: CommandRunner): CampaignCommands {
  const change =
    <S extends typeof startCampaignSchema | typeof cancelCampaignSchema>(
      name: string,
      schema: S,
      apply: (campaign: Campaign, scope: CommandScope, input: z.output<S>) => void | Promise<void>,
    ) =>
    async (raw: z.input<S>): Promise<CampaignSnapshot> => {
      // Both schemas share the campaign key; the generic output type does not show it, so name it.
      const input = parseInput(schema, raw, name) as z.output<S> & z.output<typeof startCampaignSchema>;
      return runner.run(name, async (scope) => {
        const campaign = await scope.tx.campaigns.getById(input.organizationId, input.campaignId);
        await apply(campaign, scope, input);
        await scope.save(scope.tx.campaigns, campaign);
        return campaign.toSnapshot();
      });
    };

  return {
    createCampaign: async (raw) => {
      const input = parseInput(createCampaignSchema, raw, 'createCampaign');
      return runner.run('createCampaign', async (scope) => {
        if (input.campaignId !== undefined) {
          const existing = await scope.tx.campaigns.findById(input.organizationId, input.campaignId);
          if (existing) return existing.toSnapshot();
        }
        const campaign = Campaign.create({
          id: input.campaignId ?? scope.ids.next('cmp'),
          organizationId: input.organizationId,
          name: input.name,
          type: input.type,
          messageTemplate: input.messageTemplate,
          ...(input.audience === undefined ? {} : { audience: input.audience }),
          now: scope.now,
        });
        await scope.save(scope.tx.campaigns, campaign);
        return campaign.toSnapshot();
      });
    },
    startCampaign: change('startCampaign', startCampaignSchema, async (campaign, scope) => {
      const recipients = await scope.tx.customers.countAudience(campaign.organizationId, campaign.audience);
      campaign.start(scope.now, recipients);
    }),
    pauseCampaign: change('pauseCampaign', pauseCampaignSchema, (campaign, scope) =>
      campaign.pause(scope.now),
    ),
    resumeCampaign: change('resumeCampaign', resumeCampaignSchema, (campaign, scope) =>
      campaign.resume(scope.now),
    ),
    cancelCampaign: change('cancelCampaign', cancelCampaignSchema, (campaign, scope, input) =>
      campaign.cancel(scope.now, input.reason),
    ),
  };
}
