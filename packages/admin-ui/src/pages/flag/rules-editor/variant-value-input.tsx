import { useField } from '../../../ui/field-errors.js';
import type { FlagType } from './draft-values.js';

/**
 * A variant's value, by the flag's type: text, a number, or JSON in a text area (checked when
 * saving, with the parser's message at the field). Boolean flags' variants carry no value.
 */
export function VariantValueInput({
  value,
  type,
  path,
  name,
  onChange,
}: {
  value: string | null;
  type: FlagType;
  path: string;
  name: string;
  onChange: (value: string) => void;
}) {
  const field = useField(path, { hint: type === 'json' });
  if (type === 'boolean') return null;
  const common = {
    ...field.control,
    'aria-label': `Value of ${name}`,
    value: value ?? '',
    spellCheck: false,
    className: type === 'json' ? 'code' : undefined,
  };
  return (
    <div className="variant-value">
      <label>
        Value{type === 'json' ? ' (JSON)' : ''}
        {type === 'json' ? (
          <textarea
            {...common}
            rows={Math.min(8, (value ?? '').split('\n').length + 1)}
            onChange={(e) => onChange(e.target.value)}
          />
        ) : (
          <input
            {...common}
            type={type === 'number' ? 'number' : 'text'}
            step="any"
            onChange={(e) => onChange(e.target.value)}
          />
        )}
      </label>
      {type === 'json' && (
        <p id={field.hintId} className="hint">
          Any JSON: {'{"limit": 3}'}, [1, 2], "text", 42, true or null.
        </p>
      )}
      {field.error}
    </div>
  );
}
