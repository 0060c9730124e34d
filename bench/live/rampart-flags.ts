/** Creates the benchmark's segments and flags (`flag-set.ts`) on a Rampart server, in production. */
import { FLAGS, COUNTRIES, SEGMENTS, type BenchFlag } from './flag-set';
import type { RampartProcess } from './rampart-process';

type Rule = {
  segments?: string[];
  conditions?: { attribute: string; operator: string; values: string[] }[];
  rollout: { percentage: number; bucketBy?: string[] };
};

function rulesOf(flag: BenchFlag): Rule[] {
  const { shape } = flag;
  switch (shape.kind) {
    case 'everyone':
      return [{ rollout: { percentage: 100 } }];
    case 'rollout':
      return [{ rollout: { percentage: shape.percentage, bucketBy: ['userId'] } }];
    case 'staff-then-rollout':
      return [
        { segments: ['internal-users'], rollout: { percentage: 100 } },
        { rollout: { percentage: shape.percentage, bucketBy: ['userId'] } },
      ];
    case 'countries':
      return [
        {
          conditions: [{ attribute: 'country', operator: 'in', values: [...COUNTRIES] }],
          rollout: { percentage: shape.percentage, bucketBy: ['userId'] },
        },
      ];
    case 'paying':
      return [{ segments: ['paying'], rollout: { percentage: shape.percentage, bucketBy: ['userId'] } }];
  }
}

/**
 * @param allClientSide marks every flag client-side, for the like-for-like comparison with
 *   Unleash's frontend API, which evaluates every flag its token can see.
 */
export async function createRampartFlags(server: RampartProcess, { allClientSide = false } = {}): Promise<void> {
  for (const segment of SEGMENTS) {
    const operator = segment.operator === 'ends_with' ? 'str_ends_with' : 'in';
    await server.admin('POST', '/segments', {
      key: segment.key,
      name: segment.key,
      conditions: [{ attribute: segment.attribute, operator, values: segment.values }],
    });
  }
  for (const flag of FLAGS) {
    await server.admin('POST', '/flags', { key: flag.key, clientSide: allClientSide || flag.clientSide });
    await server.admin(
      'PUT',
      `/flags/${flag.key}/environments/production`,
      { enabled: flag.enabled, rules: rulesOf(flag) },
      { 'if-match': '"1"' },
    );
  }
}
