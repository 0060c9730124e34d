import { ConditionsEditor } from '../../../conditions/conditions-editor.js';
import { useField } from '../../../ui/field-errors.js';
import type { RuleDraft } from './draft.js';
import type { FlagType } from './draft-values.js';
import { RuleRolloutFields } from './rule-rollout-fields.js';
import { SegmentPicker } from './segment-picker.js';
import { VariantsEditor } from './variants-editor.js';

export type RuleMove = 'up' | 'down' | 'remove';

/** One rule: name, segments, conditions, rollout and its own variants, with its place among the others. */
export function RuleEditor({
  rule,
  index,
  count,
  flag,
  type,
  idPrefix,
  onChange,
  onMove,
}: {
  rule: RuleDraft;
  index: number;
  count: number;
  flag: string;
  type: FlagType;
  idPrefix: string;
  onChange: (rule: RuleDraft) => void;
  onMove: (move: RuleMove) => void;
}) {
  const path = `rules.${index}`;
  const number = index + 1;
  const owner = `rule ${number}`;
  const name = useField(`${path}.name`);
  const set = (change: Partial<RuleDraft>) => onChange({ ...rule, ...change });
  return (
    <fieldset className="rule" id={`${idPrefix}-rule-${rule.key}`}>
      <legend>
        Rule {number}
        {rule.name !== '' && ` “${rule.name}”`}
      </legend>
      <div className="rule-tools">
        <button
          type="button"
          className="small"
          id={`${idPrefix}-rule-${rule.key}-up`}
          aria-label={`Move rule ${number} up`}
          disabled={index === 0}
          onClick={() => onMove('up')}
        >
          Up
        </button>
        <button
          type="button"
          className="small"
          id={`${idPrefix}-rule-${rule.key}-down`}
          aria-label={`Move rule ${number} down`}
          disabled={index === count - 1}
          onClick={() => onMove('down')}
        >
          Down
        </button>
        <button type="button" className="small" aria-label={`Remove rule ${number}`} onClick={() => onMove('remove')}>
          Remove
        </button>
      </div>
      <div className="rule-name">
        <label>
          Name
          <input
            {...name.control}
            aria-label={`Name of rule ${number}`}
            value={rule.name}
            onChange={(e) => set({ name: e.target.value })}
          />
        </label>
        {name.error}
      </div>
      <SegmentPicker
        selected={rule.segments}
        path={`${path}.segments`}
        ruleNumber={number}
        onChange={(segments) => set({ segments })}
      />
      <ConditionsEditor
        conditions={rule.conditions}
        path={`${path}.conditions`}
        owner={owner}
        onChange={(conditions) => set({ conditions })}
      />
      <RuleRolloutFields rule={rule} path={path} number={number} flag={flag} onChange={set} />
      <VariantsEditor
        variants={rule.variants}
        type={type}
        path={`${path}.variants`}
        owner={owner}
        onChange={(variants) => set({ variants })}
      />
    </fieldset>
  );
}
