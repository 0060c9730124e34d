import { z } from '@hono/zod-openapi';
import { text, timestampSchema } from '../model/common.js';
import { RELEASE_STATUSES } from '../store/store.js';

/** The most steps a plan may have. */
export const MAX_STEPS = 20;
/** The longest hold of one step: 30 days. */
export const MAX_HOLD_SECONDS = 30 * 24 * 60 * 60;
const LAST_TIME = Date.parse('9999-11-30T23:59:59.999Z');

const stepSchema = z
  .strictObject({
    percentage: z
      .number()
      .int('must be a whole number')
      .gt(0, 'must be more than 0')
      .max(100, 'must be at most 100')
      .openapi({ description: "the rule's rollout percentage at this step", example: 5 }),
    holdSeconds: z
      .number()
      .int('must be a whole number of seconds')
      .min(0)
      .max(MAX_HOLD_SECONDS, `must be at most ${MAX_HOLD_SECONDS} (30 days)`)
      .optional()
      .openapi({
        description: 'how long to stay at this percentage before the next step; required on every step but the last',
        example: 600,
      }),
  })
  .openapi('ReleaseStepInput');

export const guardInputSchema = z
  .strictObject({
    event: text(200).min(1).openapi({ description: 'the event the guard watches', example: 'checkout-error' }),
    action: z
      .enum(['kill', 'pause'])
      .default('kill')
      .openapi({ description: 'what the guard does when the release hurts the event; default kill' }),
    alpha: z
      .number()
      .gt(0, 'must be more than 0')
      .max(0.5, 'must be at most 0.5')
      .default(0.05)
      .openapi({ description: 'the significance level, in (0, 0.5]; default 0.05' }),
    minExposures: z
      .number()
      .int('must be a whole number')
      .positive()
      .default(500)
      .openapi({ description: 'exposures needed before the guard judges; default 500' }),
  })
  .openapi('ReleaseGuardInput');

export const createPlanSchema = z
  .strictObject({
    steps: z
      .array(stepSchema)
      .min(1, 'must have at least one step')
      .max(MAX_STEPS, `must have at most ${MAX_STEPS} steps`),
    ruleId: text(64).min(1).optional().openapi({
      description: 'the rule to roll out; default: the "everyone" rule, added by the first step if missing',
    }),
    startAt: z.iso
      .datetime({ offset: true, message: 'must be an ISO 8601 date-time with an offset (Z or +01:00)' })
      // Times are kept as ISO 8601 in UTC and compared as text: past 9999 they grow a sign and two digits.
      .refine((value) => Date.parse(value) <= LAST_TIME, 'must be no later than 9999-11-30 (UTC)')
      .optional()
      .openapi({ description: 'when the first step applies; default now', example: '2030-01-07T09:00:00+01:00' }),
    guard: guardInputSchema.optional(),
  })
  .superRefine(({ steps }, ctx) => {
    steps.forEach((step, i) => {
      const previous = steps[i - 1];
      if (previous !== undefined && step.percentage <= previous.percentage) {
        ctx.addIssue({
          code: 'custom',
          message: `must be more than the previous step's ${previous.percentage}`,
          path: ['steps', i, 'percentage'],
        });
      }
      if (i < steps.length - 1 && step.holdSeconds === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: 'is required on every step but the last',
          path: ['steps', i, 'holdSeconds'],
        });
      }
    });
  })
  .openapi('ReleasePlanInput');

export type CreatePlanInput = z.infer<typeof createPlanSchema>;

/** The optional body of pause, resume, advance and abort. */
export const planActionSchema = z
  .strictObject({ reason: text(1000).optional().openapi({ description: 'kept in the audit entry' }) })
  .openapi('ReleaseActionInput');

const stepOutputSchema = z
  .object({
    percentage: z.number().int(),
    holdSeconds: z.number().int().optional(),
    appliedAt: timestampSchema.optional().openapi({ description: 'when the plan applied this step' }),
  })
  .openapi('ReleaseStep');

const armsSchema = <T extends z.ZodType>(arm: T) => z.object({ treatment: arm, control: arm });

export const guardFiguresSchema = z
  .object({
    batches: z.number().int().openapi({ description: 'how many batches of counts the guard has weighed' }),
    exposures: armsSchema(z.number().int()).openapi({ description: 'exposures per arm, summed over the plan' }),
    events: armsSchema(z.number().int()).openapi({ description: 'events per arm, summed over the plan' }),
    rates: armsSchema(z.number().nullable()).openapi({
      description: 'events per exposure per arm, pooled over the steps (a summary); null before the arm has exposures',
    }),
    statistic: z
      .number()
      .openapi({ description: 'log of the e-value for harm; harm is decided when it reaches threshold' }),
    threshold: z.number().openapi({ description: 'log(1 / alpha)' }),
    minExposuresReached: z
      .boolean()
      .openapi({ description: 'whether each arm has had minExposures exposures, so that harm may be decided' }),
    sampleRatio: z
      .object({
        treatmentShare: z.object({ observed: z.number().nullable(), expected: z.number().nullable() }),
        statistic: z.number(),
        threshold: z.number(),
        minExposuresReached: z.boolean(),
      })
      .openapi({ description: "the check that the treatment's share of exposures is the one the steps assigned" }),
  })
  .openapi('ReleaseGuardFigures', {
    description: 'what the latest decision rests on; see docs/releases-statistics.md',
  });

const guardOutputSchema = z
  .object({
    event: z.string(),
    action: z.enum(['kill', 'pause']),
    alpha: z.number(),
    minExposures: z.number().int(),
    figures: z.union([guardFiguresSchema, z.null()]).openapi({
      description: "the guard's figures over the plan so far; null until the guard has measured any",
    }),
    decision: z.enum(['continue', 'harm', 'sample-ratio-mismatch']).nullable().openapi({
      description:
        "the guard's latest decision: continue, harm (the release raises the event's rate) or sample-ratio-mismatch (the counts cannot be trusted); null until it has measured any",
    }),
  })
  .openapi('ReleaseGuard');

export const planSchema = z
  .object({
    id: z.string(),
    flag: z.string(),
    environment: z.string(),
    ruleId: z.string().nullable().openapi({ description: 'null until the first step adds the "everyone" rule' }),
    status: z.enum(RELEASE_STATUSES),
    steps: z.array(stepOutputSchema),
    currentStep: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'the index in steps of the last step applied; null before the first' }),
    nextStepAt: timestampSchema
      .nullable()
      .openapi({ description: 'when the next step is due; null unless scheduled or running' }),
    startAt: timestampSchema.nullable(),
    pausedReason: z.string().nullable().openapi({ description: 'why the plan is paused; null unless paused' }),
    guard: z.union([guardOutputSchema, z.null()]).openapi({ description: 'null when the plan has no guard' }),
    createdBy: z.string(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .openapi('ReleasePlan');

export type PlanView = z.infer<typeof planSchema>;
export type GuardFiguresView = z.infer<typeof guardFiguresSchema>;
