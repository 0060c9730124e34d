import { useField } from '../../../ui/field-errors.js';
import { linesOf } from '../../../conditions/operand.js';
import type { OverrideDraft } from './draft.js';

/**
 * A flag-level variant's overrides: contexts whose attribute is in a list get this variant,
 * whatever the weights. Folded away until there are some or the person opens it.
 */
export function OverridesEditor({
  overrides,
  path,
  name,
  onChange,
}: {
  overrides: readonly OverrideDraft[];
  path: string;
  name: string;
  onChange: (overrides: OverrideDraft[]) => void;
}) {
  const replace = (index: number, override: OverrideDraft) =>
    onChange(overrides.map((current, i) => (i === index ? override : current)));
  return (
    <details className="overrides" open={overrides.length > 0}>
      <summary>
        Overrides of {name} ({overrides.length})
      </summary>
      <p className="hint">Contexts listed here get this variant whatever the weights.</p>
      {overrides.map((override, i) => (
        <OverrideRow
          key={i}
          override={override}
          path={`${path}.${i}`}
          name={`override ${i + 1} of ${name}`}
          onChange={(next) => replace(i, next)}
          onRemove={() => onChange(overrides.filter((_, j) => j !== i))}
        />
      ))}
      <button
        type="button"
        className="small"
        aria-label={`Add override to ${name}`}
        onClick={() => onChange([...overrides, { attribute: 'userId', values: [] }])}
      >
        Add override
      </button>
    </details>
  );
}

function OverrideRow({
  override,
  path,
  name,
  onChange,
  onRemove,
}: {
  override: OverrideDraft;
  path: string;
  name: string;
  onChange: (override: OverrideDraft) => void;
  onRemove: () => void;
}) {
  const attribute = useField(`${path}.attribute`);
  const values = useField(`${path}.values`);
  return (
    <div className="row override">
      <div>
        <label>
          Attribute
          <input
            {...attribute.control}
            aria-label={`Attribute of ${name}`}
            value={override.attribute}
            onChange={(e) => onChange({ ...override, attribute: e.target.value })}
          />
        </label>
        {attribute.error}
      </div>
      <div>
        <label>
          Values
          <textarea
            {...values.control}
            aria-label={`Values of ${name}`}
            className="code"
            rows={2}
            value={override.values.join('\n')}
            onChange={(e) => onChange({ ...override, values: linesOf(e.target.value) })}
          />
        </label>
        <p className="hint">One per line.</p>
        {values.error}
      </div>
      <button type="button" className="small remove" aria-label={`Remove ${name}`} onClick={onRemove}>
        Remove
      </button>
    </div>
  );
}
