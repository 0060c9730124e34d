import { useContext } from 'react';
import { FieldErrorsContext, fieldId, useField } from '../../../ui/field-errors.js';
import { focusSoon } from '../../../ui/focus-soon.js';
import { NEW_VARIANT, type VariantDraft } from './draft.js';
import type { FlagType } from './draft-values.js';
import { OverridesEditor } from './overrides-editor.js';
import { VariantValueInput } from './variant-value-input.js';

/** A weight's share of all the weights, for people: "33.3 %". */
function share(weight: string, variants: readonly VariantDraft[]): string {
  const total = variants.reduce((sum, variant) => sum + (Number(variant.weight) || 0), 0);
  const own = Number(weight) || 0;
  return total === 0 ? '0 %' : `${Math.round((own / total) * 1000) / 10} %`;
}

/**
 * Variants with their keys, values (typed by the flag's type) and relative weights; flag-level
 * ones also with overrides. `owner` ("rule 2", or nothing for the flag's own variants)
 * completes each control's accessible name.
 */
export function VariantsEditor({
  variants,
  type,
  path,
  owner,
  onChange,
}: {
  variants: readonly VariantDraft[];
  type: FlagType;
  path: string;
  owner?: string;
  onChange: (variants: VariantDraft[]) => void;
}) {
  const { idPrefix } = useContext(FieldErrorsContext);
  const of = owner === undefined ? '' : ` of ${owner}`;
  const replace = (index: number, variant: VariantDraft) =>
    onChange(variants.map((current, i) => (i === index ? variant : current)));
  return (
    <fieldset className="variants">
      <legend>Variants{of}</legend>
      <p className="hint">
        {owner === undefined
          ? variants.length === 0
            ? 'No variants: the flag is on or off, with no variant.'
            : 'Served when the matching rule has no variants of its own; weights are relative.'
          : variants.length === 0
            ? 'No variants of its own: the flag’s variants apply.'
            : 'Weights are relative.'}
      </p>
      <ol className="variant-list">
        {variants.map((variant, i) => (
          <VariantRow
            key={i}
            variant={variant}
            type={type}
            path={`${path}.${i}`}
            name={`variant ${i + 1}${of}`}
            share={share(variant.weight, variants)}
            withOverrides={owner === undefined}
            onChange={(next) => replace(i, next)}
            onRemove={() => {
              onChange(variants.filter((_, j) => j !== i));
              focusSoon(`${idPrefix}-${path}-add`);
            }}
          />
        ))}
      </ol>
      <button
        id={`${idPrefix}-${path}-add`}
        type="button"
        className="small"
        aria-label={`Add variant${owner === undefined ? '' : ` to ${owner}`}`}
        onClick={() => {
          onChange([...variants, NEW_VARIANT]);
          focusSoon(fieldId(idPrefix, `${path}.${variants.length}.key`));
        }}
      >
        Add variant
      </button>
    </fieldset>
  );
}

function VariantRow({
  variant,
  type,
  path,
  name,
  share,
  withOverrides,
  onChange,
  onRemove,
}: {
  variant: VariantDraft;
  type: FlagType;
  path: string;
  name: string;
  share: string;
  withOverrides: boolean;
  onChange: (variant: VariantDraft) => void;
  onRemove: () => void;
}) {
  const key = useField(`${path}.key`);
  const weight = useField(`${path}.weight`);
  const set = (change: Partial<VariantDraft>) => onChange({ ...variant, ...change });
  return (
    <li className="variant">
      <div className="row">
        <div className="variant-key">
          <label>
            Key
            <input
              {...key.control}
              aria-label={`Key of ${name}`}
              spellCheck={false}
              value={variant.key}
              onChange={(e) => set({ key: e.target.value })}
            />
          </label>
          {key.error}
        </div>
        <VariantValueInput
          value={variant.value}
          type={type}
          path={`${path}.value`}
          name={name}
          onChange={(value) => set({ value })}
        />
        <div className="variant-weight">
          <label>
            Weight
            <input
              {...weight.control}
              aria-label={`Weight of ${name}`}
              type="number"
              min={0}
              step={1}
              value={variant.weight}
              onChange={(e) => set({ weight: e.target.value })}
            />
          </label>
          <span className="muted share">{share}</span>
          {weight.error}
        </div>
        <button type="button" className="small remove" aria-label={`Remove ${name}`} onClick={onRemove}>
          Remove
        </button>
      </div>
      {withOverrides && (
        <OverridesEditor
          overrides={variant.overrides}
          path={`${path}.overrides`}
          name={name}
          onChange={(overrides) => set({ overrides })}
        />
      )}
    </li>
  );
}
