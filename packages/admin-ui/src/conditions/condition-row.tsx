import { useField } from '../ui/field-errors.js';
import type { ConditionDraft } from './condition.js';
import { OperandInput } from './operand-input.js';
import { OPERATOR_INFO, OPERATORS, isOperator } from './operators.js';

/**
 * One condition: attribute, operator, operand, negate, case-insensitive. `name` is the
 * condition's name on the page, e.g. "condition 1 of rule 2", which every control's
 * accessible name ends with.
 */
export function ConditionRow({
  condition,
  path,
  name,
  attributesListId,
  onChange,
  onRemove,
}: {
  condition: ConditionDraft;
  path: string;
  name: string;
  attributesListId: string;
  onChange: (condition: ConditionDraft) => void;
  onRemove: () => void;
}) {
  const attribute = useField(`${path}.attribute`);
  const operator = useField(`${path}.operator`);
  const info = OPERATOR_INFO[condition.operator];
  const set = (change: Partial<ConditionDraft>) => onChange({ ...condition, ...change });
  return (
    <li className="condition">
      <div className="condition-main">
        <div>
          <label>
            Attribute
            <input
              {...attribute.control}
              aria-label={`Attribute of ${name}`}
              list={attributesListId}
              spellCheck={false}
              value={condition.attribute}
              onChange={(e) => set({ attribute: e.target.value })}
            />
          </label>
          {attribute.error}
        </div>
        <div>
          <label>
            Operator
            <select
              {...operator.control}
              aria-label={`Operator of ${name}`}
              value={condition.operator}
              onChange={(e) => {
                const next = e.target.value;
                if (isOperator(next)) set({ operator: next });
              }}
            >
              {OPERATORS.map((op) => (
                <option key={op} value={op}>
                  {OPERATOR_INFO[op].label} ({op})
                </option>
              ))}
            </select>
          </label>
          {operator.error}
        </div>
        <OperandInput condition={condition} path={path} name={name} onChange={(values) => set({ values })} />
      </div>
      <div className="condition-options">
        <label className="check">
          <input
            type="checkbox"
            aria-label={`Negate ${name}`}
            checked={condition.negate === true}
            onChange={(e) => set({ negate: e.target.checked })}
          />
          Negate
        </label>
        {info.caseInsensitive && (
          <label className="check">
            <input
              type="checkbox"
              aria-label={`Case-insensitive ${name}`}
              checked={condition.caseInsensitive === true}
              onChange={(e) => set({ caseInsensitive: e.target.checked })}
            />
            Case-insensitive
          </label>
        )}
        <button type="button" className="small" aria-label={`Remove ${name}`} onClick={onRemove}>
          Remove
        </button>
      </div>
    </li>
  );
}
