import { useRef } from 'react';
import { focusSoon } from '../../../ui/focus-soon.js';
import { fieldId } from '../../../ui/field-errors.js';
import { newRule, type RuleDraft } from './draft.js';
import type { FlagType } from './draft-values.js';
import { RuleEditor, type RuleMove } from './rule-editor.js';

/**
 * The rules in order (the first that matches turns the flag on): add, edit, move, remove.
 * Focus follows a moved rule, and lands on the name of a new one.
 */
export function RulesList({
  rules,
  flag,
  type,
  idPrefix,
  onChange,
}: {
  rules: readonly RuleDraft[];
  flag: string;
  type: FlagType;
  idPrefix: string;
  onChange: (rules: RuleDraft[]) => void;
}) {
  const added = useRef(0);
  const move = (index: number, how: RuleMove) => {
    const rule = rules[index];
    if (rule === undefined) return;
    const rest = rules.filter((_, i) => i !== index);
    if (how === 'remove') {
      onChange(rest);
      focusSoon(`${idPrefix}-add-rule`);
      return;
    }
    const to = how === 'up' ? index - 1 : index + 1;
    onChange([...rest.slice(0, to), rule, ...rest.slice(to)]);
    const atEdge = to === 0 || to === rules.length - 1;
    const button = atEdge ? (how === 'up' ? 'down' : 'up') : how;
    focusSoon(`${idPrefix}-rule-${rule.key}-${button}`);
  };
  return (
    <div className="rules">
      <h3>Rules</h3>
      <p className="hint">In order: the first rule that matches turns the flag on. No rule matching: off.</p>
      {rules.length === 0 && <p>No rules: off for everyone, even when the switch is on.</p>}
      {rules.map((rule, i) => (
        <RuleEditor
          key={rule.key}
          rule={rule}
          index={i}
          count={rules.length}
          flag={flag}
          type={type}
          idPrefix={idPrefix}
          onChange={(next) => onChange(rules.map((current, j) => (j === i ? next : current)))}
          onMove={(how) => move(i, how)}
        />
      ))}
      <button
        id={`${idPrefix}-add-rule`}
        type="button"
        onClick={() => {
          added.current += 1;
          onChange([...rules, newRule(`new-${added.current}`)]);
          focusSoon(fieldId(idPrefix, `rules.${rules.length}.name`));
        }}
      >
        Add rule
      </button>
    </div>
  );
}
