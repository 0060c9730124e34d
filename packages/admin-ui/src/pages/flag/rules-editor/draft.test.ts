import { describe, expect, it } from 'vitest';
import { configWith } from './config-fixture.js';
import { draftOf, newRule, NEW_VARIANT } from './draft.js';
import { configOfDraft } from './draft-to-config.js';

const rich = configWith({
  rules: [
    {
      id: 'r1',
      name: 'beta',
      segments: ['beta-testers'],
      conditions: [
        { attribute: 'plan', operator: 'in', values: ['pro', 'team'], caseInsensitive: true },
        { attribute: 'version', operator: 'semver_gte', values: ['2.0.0'], negate: true },
      ],
      rollout: { percentage: 12.345, bucketBy: ['accountId'], salt: '' },
      variants: [
        { key: 'a', value: { limit: 1 }, weight: 1 },
        { key: 'b', value: [1, 2], weight: 3 },
      ],
      variantsBucketBy: ['accountId', '$random'],
    },
    { id: 'r2', segments: [], conditions: [], rollout: { percentage: 100 } },
  ],
  variants: [{ key: 'blue', value: null, weight: 500, overrides: [{ attribute: 'userId', values: ['42'] }] }],
  variantsBucketBy: ['userId'],
  defaultVariant: 'blue',
  prerequisites: [
    { flag: 'parent', enabled: false },
    { flag: 'other', enabled: true, variants: ['x', null] },
  ],
});

describe('the editor’s draft', () => {
  it('sends back exactly what it was read from when nothing was edited', () => {
    const { content, problems } = configOfDraft(draftOf(rich, 'json'), 'json');
    expect(problems).toEqual([]);
    const { rules, variants, variantsBucketBy, defaultVariant, prerequisites } = rich;
    expect(content).toEqual({ rules, variants, variantsBucketBy, defaultVariant, prerequisites });
  });

  it('keeps an empty salt apart from none', () => {
    const draft = draftOf(rich, 'json');
    expect(draft.rules[0]?.salt).toBe('');
    expect(draft.rules[1]?.salt).toBeNull();
    expect(configOfDraft(draft, 'json').content.rules?.[1]?.rollout).toEqual({ percentage: 100 });
  });

  it('gives a new rule no id, for the server to assign', () => {
    const draft = { ...draftOf(configWith({}), 'boolean'), rules: [newRule('new-1')] };
    expect(configOfDraft(draft, 'boolean').content.rules).toEqual([
      { segments: [], conditions: [], rollout: { percentage: 100 } },
    ]);
  });

  it('reads values by the flag’s type', () => {
    const draft = {
      ...draftOf(configWith({}), 'number'),
      variants: [
        { ...NEW_VARIANT, key: 'low', value: '1.5' },
        { ...NEW_VARIANT, key: 'none', value: '' },
      ],
    };
    expect(configOfDraft(draft, 'number').content.variants).toEqual([
      { key: 'low', value: 1.5, weight: 1 },
      { key: 'none', weight: 1 },
    ]);
  });

  it('places each problem where the server would', () => {
    const draft = draftOf(rich, 'json');
    const rule = draft.rules[0];
    if (rule === undefined) throw new Error('fixture');
    draft.rules[0] = {
      ...rule,
      percentage: '12.3456',
      conditions: [{ attribute: '', operator: 'num_gt', values: ['x'] }],
      variants: [{ ...NEW_VARIANT, key: 'a', value: '{oops', weight: '-1' }],
    };
    draft.variants = [
      { ...NEW_VARIANT, key: 'blue' },
      { ...NEW_VARIANT, key: 'blue' },
    ];
    draft.defaultVariant = 'green';
    draft.prerequisites = [{ flag: '', enabled: true, variants: [] }];
    const paths = configOfDraft(draft, 'json').problems.map((problem) => problem.path);
    expect(paths).toEqual([
      'rules.0.conditions.0.attribute',
      'rules.0.conditions.0.values',
      'rules.0.rollout.percentage',
      'rules.0.variants.0.value',
      'rules.0.variants.0.weight',
      'variants.1.key',
      'defaultVariant',
      'prerequisites.0.flag',
    ]);
  });

  it('sends no default variant and no values for a boolean flag', () => {
    const draft = {
      ...draftOf(configWith({}), 'boolean'),
      defaultVariant: 'a',
      variants: [{ ...NEW_VARIANT, key: 'a', value: 'x' }],
    };
    expect(configOfDraft(draft, 'boolean')).toEqual({
      content: { rules: [], variants: [{ key: 'a', weight: 1 }], prerequisites: [] },
      problems: [],
    });
  });
});
