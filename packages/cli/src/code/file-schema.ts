import { OPERATORS } from '@rampart/core';
import { z } from 'zod';

// The flags-as-code file (rampart.yaml). Its JSON Schema (dist/rampart.schema.json, also printed by
// `rampart schema`) is generated from this, so editors complete and check what the CLI reads.
// The server validates every value again when the change set arrives.

/** Fields of a configuration that a file can leave to people: `apply` keeps what the server has. */
export const PEOPLE_FIELDS = ['enabled', 'rollout', 'rules'] as const;
export type PeopleField = (typeof PEOPLE_FIELDS)[number];

const key = z.string().min(1).max(200);
const unitChain = z
  .array(z.string().min(1))
  .min(1)
  .meta({ description: 'attributes tried in order, e.g. [userId, sessionId, $random]' });
const leaveToPeople = z.array(z.enum(PEOPLE_FIELDS)).meta({
  description:
    "configuration fields people own in the UI, the API or the CLI: apply keeps what the server has. enabled: the on/off switch; rollout: the rules' rollout percentages; rules: all targeting",
});

const condition = z.strictObject({
  attribute: z.string().min(1),
  operator: z.enum(OPERATORS),
  values: z.array(z.string()),
  negate: z.boolean().optional(),
  caseInsensitive: z.boolean().optional(),
});

const variant = z.strictObject({
  key: z.string().min(1),
  value: z.unknown().optional().meta({ description: "of the flag's type; boolean flags' variants have none" }),
  weight: z.number().int().min(0),
  overrides: z.array(z.strictObject({ attribute: z.string().min(1), values: z.array(z.string()) })).optional(),
});

const rule = z.strictObject({
  name: z
    .string()
    .min(1)
    .optional()
    .meta({ description: "matches the server's rule of the same name (else the one at the same position)" }),
  segments: z.array(key).optional(),
  conditions: z.array(condition).optional(),
  rollout: z.strictObject({
    percentage: z
      .number()
      .min(0)
      .max(100)
      .optional()
      .meta({ description: '0–100, three decimals at most; may be left out when leaveToPeople has rollout' }),
    bucketBy: unitChain.optional(),
    salt: z.string().optional(),
  }),
  variants: z.array(variant.omit({ overrides: true })).optional(),
  variantsBucketBy: unitChain.optional(),
});

export const configSchema = z.strictObject({
  enabled: z.boolean().optional().meta({ description: 'the kill switch; default false' }),
  rules: z.array(rule).optional(),
  variants: z.array(variant).optional(),
  variantsBucketBy: unitChain.optional(),
  defaultVariant: z.string().min(1).optional(),
  prerequisites: z
    .array(
      z.strictObject({
        flag: key,
        enabled: z.boolean().optional(),
        variants: z.array(z.string().nullable()).optional(),
      }),
    )
    .optional(),
});

const flag = z.strictObject({
  key,
  type: z.enum(['boolean', 'string', 'number', 'json']).optional().meta({ description: 'default boolean' }),
  description: z.string().optional(),
  tags: z.array(z.string().min(1)).optional(),
  owner: z.string().optional(),
  temporary: z.boolean().optional().meta({ description: 'a release flag, expected to be removed; default true' }),
  clientSide: z.boolean().optional().meta({ description: 'visible to client (browser) keys; default false' }),
  archived: z.boolean().optional(),
  leaveToPeople: leaveToPeople.optional().meta({ description: 'for this flag, instead of the file-wide list' }),
  environments: z
    .record(z.string(), configSchema)
    .optional()
    .meta({ description: 'the configuration in each environment named; environments left out are not managed' }),
});

const segment = z.strictObject({
  key,
  name: z.string().optional(),
  description: z.string().optional(),
  conditions: z.array(condition).optional(),
});

export const fileSchema = z
  .strictObject({
    version: z.literal(1).meta({ description: 'the format of this file' }),
    leaveToPeople: leaveToPeople.optional(),
    environments: z
      .array(z.strictObject({ key: z.string().min(1), name: z.string().optional() }))
      .optional()
      .meta({ description: 'created when missing (admins only); never deleted' }),
    segments: z.array(segment).optional().meta({ description: 'created or replaced; never deleted' }),
    flags: z
      .array(flag)
      .optional()
      .meta({ description: 'created or updated; flags not listed are left alone (archive with archived: true)' }),
  })
  .meta({ title: 'Rampart flags as code', description: 'rampart export / plan / apply' });

export type FlagsFile = z.infer<typeof fileSchema>;
export type FileFlag = NonNullable<FlagsFile['flags']>[number];
export type FileSegment = NonNullable<FlagsFile['segments']>[number];
export type FileConfig = z.infer<typeof configSchema>;
export type FileRule = NonNullable<FileConfig['rules']>[number];

/** The file's JSON Schema, for editors. */
export function fileJsonSchema(): unknown {
  return z.toJSONSchema(fileSchema, { target: 'draft-2020-12' });
}
