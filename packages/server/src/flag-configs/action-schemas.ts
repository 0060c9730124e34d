import { z } from '@hono/zod-openapi';
import { text } from '../model/common.js';
import { percentageSchema } from '../model/flag-config-input.js';

export const rampSchema = z
  .strictObject({
    percentage: percentageSchema,
    ruleId: text(64)
      .min(1)
      .optional()
      .openapi({ description: 'the rule to ramp; default: the "everyone" rule (no segments, no conditions)' }),
    enable: z
      .boolean()
      .optional()
      .openapi({
        description:
          'required when the flag is off in this environment (409 without it): true turns it on with the ramp, ' +
          'false ramps it while it stays off (false never turns a flag off: kill does)',
      }),
  })
  .openapi('Ramp');
