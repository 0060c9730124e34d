import type { Schemas } from '../../../api.js';
import { describePrerequisite, describeRule, describeVariants, ruleTitle } from './describe-config.js';

/**
 * A configuration in words, for those who may not change it and for comparing versions:
 * its rules in order, its variants, its default variant and its prerequisites.
 */
export function ConfigSummary({ config, type }: { config: Schemas['FlagConfig']; type: Schemas['Flag']['type'] }) {
  return (
    <div className="config-summary">
      <h3>Rules</h3>
      {config.rules.length === 0 ? (
        <p>No rules: off for everyone.</p>
      ) : (
        <ol>
          {config.rules.map((rule, i) => (
            <li key={rule.id}>
              <strong>{ruleTitle(rule, i)}</strong>: {describeRule(rule)}
            </li>
          ))}
        </ol>
      )}
      <h3>Variants</h3>
      <p>
        {describeVariants(config.variants)}
        {config.variantsBucketBy !== undefined && `; bucketed by ${config.variantsBucketBy.join(', ')}`}
        {type !== 'boolean' && `; default variant: ${config.defaultVariant ?? 'none'}`}
      </p>
      <h3>Prerequisites</h3>
      <p>{config.prerequisites.length === 0 ? 'None.' : config.prerequisites.map(describePrerequisite).join(', ')}</p>
    </div>
  );
}
