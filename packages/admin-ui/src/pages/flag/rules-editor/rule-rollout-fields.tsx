import { useField } from '../../../ui/field-errors.js';
import type { RuleDraft } from './draft.js';

/**
 * A rule's rollout: the percentage of those who match, and, folded away, the unit chain and
 * salt that decide who is in (and the unit chain of the rule's variants).
 */
export function RuleRolloutFields({
  rule,
  path,
  number,
  flag,
  onChange,
}: {
  rule: RuleDraft;
  path: string;
  number: number;
  flag: string;
  onChange: (change: Partial<RuleDraft>) => void;
}) {
  const percentage = useField(`${path}.rollout.percentage`);
  const bucketBy = useField(`${path}.rollout.bucketBy`, { hint: true });
  const salt = useField(`${path}.rollout.salt`, { hint: true });
  const variantsBucketBy = useField(`${path}.variantsBucketBy`, { hint: true });
  const advanced = rule.bucketBy !== '' || rule.salt !== null || rule.variantsBucketBy !== '';
  return (
    <div className="rule-rollout">
      <div className="percentage-field">
        <label>
          Rollout percentage
          <input
            {...percentage.control}
            aria-label={`Rollout percentage of rule ${number}`}
            type="number"
            className="percentage"
            min={0}
            max={100}
            step="0.001"
            value={rule.percentage}
            onChange={(e) => onChange({ percentage: e.target.value })}
          />
        </label>
        {percentage.error}
      </div>
      <details open={advanced}>
        <summary>Advanced: bucketing of rule {number}</summary>
        <div className="row">
          <div>
            <label>
              Bucket by
              <input
                {...bucketBy.control}
                aria-label={`Bucket by of rule ${number}`}
                spellCheck={false}
                value={rule.bucketBy}
                onChange={(e) => onChange({ bucketBy: e.target.value })}
              />
            </label>
            <p id={bucketBy.hintId} className="hint">
              Attributes tried in order, comma-separated; blank: userId, sessionId, $random.
            </p>
            {bucketBy.error}
          </div>
          <div>
            <label>
              Salt
              <input
                {...salt.control}
                aria-label={`Salt of rule ${number}`}
                spellCheck={false}
                value={rule.salt ?? ''}
                onChange={(e) => onChange({ salt: e.target.value === '' ? null : e.target.value })}
              />
            </label>
            <p id={salt.hintId} className="hint">
              Blank: the flag key ({flag}). Rules that share a salt and a unit chain put the same users in.
            </p>
            {salt.error}
          </div>
          <div>
            <label>
              Variants bucket by
              <input
                {...variantsBucketBy.control}
                aria-label={`Variants bucket by of rule ${number}`}
                spellCheck={false}
                value={rule.variantsBucketBy}
                onChange={(e) => onChange({ variantsBucketBy: e.target.value })}
              />
            </label>
            <p id={variantsBucketBy.hintId} className="hint">
              For the rule’s variants; blank: the rollout’s unit chain.
            </p>
            {variantsBucketBy.error}
          </div>
        </div>
      </details>
    </div>
  );
}
