import { randomId } from '../base/random.js';
import { RampartError, validationFailed } from '../base/errors.js';
import { applyChange, type Who } from '../change/apply-change.js';
import type { WriteDeps } from '../change/write-deps.js';
import { everyoneRuleIndex, type ConfigTarget } from '../flag-configs/index.js';
import type { FlagConfigRecord, FlagRecord, ReleasePlanRecord, StoreReader } from '../store/store.js';
import { applyIfDue } from './apply-step.js';
import type { CreatePlanInput } from './plan-schemas.js';
import { savePlan } from './plan-record.js';
import { isActive, observeConfig } from './plan-state.js';

/**
 * Creates a release plan for one rule of a flag's configuration (by default its "everyone"
 * rule), audited as `release.created`. Without `startAt`, or with one already past, the first
 * step applies at once. A plan still under way for the same flag and environment is a
 * conflict; a finished one is replaced.
 *
 * @example
 * await createPlan(deps, 'ops', { flag: 'a', environment: 'production' },
 *   { steps: [{ percentage: 5, holdSeconds: 600 }, { percentage: 100 }] });
 */
export async function createPlan(
  deps: WriteDeps,
  actor: Who,
  target: ConfigTarget,
  input: CreatePlanInput,
): Promise<ReleasePlanRecord> {
  const plan = await applyChange(deps, actor, async (change) => {
    const { flag, config } = await readTarget(change.tx, target);
    if (flag.archived)
      throw new RampartError('conflict', `flag '${flag.key}' is archived; restore it before releasing it`);
    const existing = await change.tx.getReleasePlan(target.flag, target.environment);
    if (existing !== undefined && isActive(existing)) {
      throw new RampartError(
        'conflict',
        `release plan '${existing.id}' is ${existing.status} for '${target.flag}' in ${target.environment}; ` +
          'abort it before making another',
      );
    }
    const ruleId = planRule(config, input.ruleId);
    const startAt = input.startAt === undefined ? null : new Date(input.startAt).toISOString();
    const first = startAt !== null && startAt > change.at ? startAt : change.at;
    const created: ReleasePlanRecord = {
      id: randomId(deps.random, 12),
      flag: target.flag,
      environment: target.environment,
      ruleId,
      steps: input.steps.map(({ percentage, holdSeconds }) => ({
        percentage,
        ...(holdSeconds === undefined ? {} : { holdSeconds }),
      })),
      guard: input.guard ?? null,
      guardProgress: null,
      startAt,
      status: first > change.at ? 'scheduled' : 'running',
      stepsApplied: 0,
      nextAt: first,
      observed: observeConfig(config, ruleId),
      pausedReason: null,
      createdBy: change.actor,
      createdAt: change.at,
      updatedAt: change.at,
    };
    return savePlan(change, null, created, 'release.created');
  });
  return applyIfDue(deps, plan);
}

/**
 * The flag and the configuration a plan is for; 404 when either does not exist.
 *
 * @example
 * const { flag, config } = await readTarget(change.tx, { flag: 'a', environment: 'production' });
 */
export async function readTarget(
  tx: StoreReader,
  target: ConfigTarget,
): Promise<{ flag: FlagRecord; config: FlagConfigRecord }> {
  const flag = await tx.getFlag(target.flag);
  if (flag === undefined) throw new RampartError('not_found', `flag '${target.flag}' does not exist`);
  const config = await tx.getFlagConfig(target.flag, target.environment);
  if (config === undefined) throw new RampartError('not_found', `environment '${target.environment}' does not exist`);
  return { flag, config };
}

/** The rule named, which must exist; else the "everyone" rule, or `null` when the first step is to add it. */
function planRule(config: FlagConfigRecord, ruleId: string | undefined): string | null {
  if (ruleId === undefined) {
    const index = everyoneRuleIndex(config.rules);
    return index === undefined ? null : (config.rules[index]?.id ?? null);
  }
  if (config.rules.some((rule) => rule.id === ruleId)) return ruleId;
  throw validationFailed([
    { path: 'ruleId', message: `rule '${ruleId}' does not exist in '${config.flag}' (${config.environment})` },
  ]);
}
