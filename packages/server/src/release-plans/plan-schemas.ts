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

const guardOutputSchema = z
  .object({
    event: z.string(),
    action: z.enum(['kill', 'pause']),
    alpha: z.number(),
    minExposures: z.number().int(),
    figures: z.null().openapi({ description: "the guard's figures; null until the guard has measured any" }),
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
