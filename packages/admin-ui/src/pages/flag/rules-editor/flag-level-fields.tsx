import { useField } from '../../../ui/field-errors.js';
import type { ConfigDraft } from './draft.js';
import type { FlagType } from './draft-values.js';
import { PrerequisitesEditor } from './prerequisites-editor.js';
import { VariantsEditor } from './variants-editor.js';

/** What applies to the whole configuration: the flag's own variants, its default variant and prerequisites. */
export function FlagLevelFields({
  draft,
  flag,
  type,
  environment,
  onChange,
}: {
  draft: ConfigDraft;
  flag: string;
  type: FlagType;
  environment: string;
  onChange: (change: Partial<ConfigDraft>) => void;
}) {
  const defaultVariant = useField('defaultVariant', { hint: true });
  const bucketBy = useField('variantsBucketBy', { hint: true });
  const keys = draft.variants.map((variant) => variant.key).filter((key) => key !== '');
  const choices =
    draft.defaultVariant === '' || keys.includes(draft.defaultVariant) ? keys : [draft.defaultVariant, ...keys];
  return (
    <div className="flag-level">
      <VariantsEditor
        variants={draft.variants}
        type={type}
        path="variants"
        onChange={(variants) => onChange({ variants })}
      />
      <div className="row">
        {type !== 'boolean' && (
          <div>
            <label>
              Default variant
              <select
                {...defaultVariant.control}
                value={draft.defaultVariant}
                onChange={(e) => onChange({ defaultVariant: e.target.value })}
              >
                <option value="">None</option>
                {[...new Set(choices)].map((key) => (
                  <option key={key} value={key}>
                    {key}
                  </option>
                ))}
              </select>
            </label>
            <p id={defaultVariant.hintId} className="hint">
              Served, with its value, when no rule matches (the flag stays off).
            </p>
            {defaultVariant.error}
          </div>
        )}
        <div>
          <label>
            Variants bucket by
            <input
              {...bucketBy.control}
              spellCheck={false}
              value={draft.variantsBucketBy}
              onChange={(e) => onChange({ variantsBucketBy: e.target.value })}
            />
          </label>
          <p id={bucketBy.hintId} className="hint">
            Comma-separated; blank: userId, sessionId, remoteAddress, $random.
          </p>
          {bucketBy.error}
        </div>
      </div>
      <PrerequisitesEditor
        prerequisites={draft.prerequisites}
        flag={flag}
        environment={environment}
        onChange={(prerequisites) => onChange({ prerequisites })}
      />
    </div>
  );
}
