/** Creates the benchmark's segments and flags (`flag-set.ts`) on an Unleash server, in the default project's production environment. */
import { FLAGS, COUNTRIES, SEGMENTS, type BenchFlag } from './flag-set';

type Constraint = { contextName: string; operator: 'STR_ENDS_WITH' | 'IN'; values: string[] };
type Strategy = {
  name: 'default' | 'flexibleRollout';
  constraints: Constraint[];
  segments: number[];
  parameters: Record<string, string>;
};

export type UnleashAdmin = (method: string, path: string, body?: unknown) => Promise<unknown>;

function rollout(flag: BenchFlag, percentage: number): Record<string, string> {
  return { rollout: String(percentage), stickiness: 'userId', groupId: flag.key };
}

function strategiesOf(flag: BenchFlag, segmentIds: ReadonlyMap<string, number>): Strategy[] {
  const { shape } = flag;
  const segment = (key: string) => [segmentIds.get(key) ?? -1];
  switch (shape.kind) {
    case 'everyone':
      return [{ name: 'default', constraints: [], segments: [], parameters: {} }];
    case 'rollout':
      return [{ name: 'flexibleRollout', constraints: [], segments: [], parameters: rollout(flag, shape.percentage) }];
    case 'staff-then-rollout':
      return [
        { name: 'default', constraints: [], segments: segment('internal-users'), parameters: {} },
        { name: 'flexibleRollout', constraints: [], segments: [], parameters: rollout(flag, shape.percentage) },
      ];
    case 'countries':
      return [
        {
          name: 'flexibleRollout',
          constraints: [{ contextName: 'country', operator: 'IN', values: [...COUNTRIES] }],
          segments: [],
          parameters: rollout(flag, shape.percentage),
        },
      ];
    case 'paying':
      return [
        {
          name: 'flexibleRollout',
          constraints: [],
          segments: segment('paying'),
          parameters: rollout(flag, shape.percentage),
        },
      ];
  }
}

export async function createUnleashFlags(admin: UnleashAdmin): Promise<void> {
  const segmentIds = new Map<string, number>();
  for (const segment of SEGMENTS) {
    const operator = segment.operator === 'ends_with' ? 'STR_ENDS_WITH' : 'IN';
    const created = await admin('POST', '/api/admin/segments', {
      name: segment.key,
      constraints: [{ contextName: segment.attribute, operator, values: segment.values }],
    });
    const id = typeof created === 'object' && created !== null && 'id' in created ? created.id : undefined;
    if (typeof id !== 'number') throw new Error(`Unleash created segment ${segment.key} without an id`);
    segmentIds.set(segment.key, id);
  }
  for (const flag of FLAGS) {
    const base = `/api/admin/projects/default/features`;
    await admin('POST', base, { name: flag.key, type: 'release' });
    for (const strategy of strategiesOf(flag, segmentIds))
      await admin('POST', `${base}/${flag.key}/environments/production/strategies`, strategy);
    if (flag.enabled) await admin('POST', `${base}/${flag.key}/environments/production/on`);
  }
}
