import { useQuery } from '@tanstack/react-query';
import { useContext } from 'react';
import { api, unwrap } from '../../../api.js';
import { useFlagList } from '../../../flags/queries.js';
import { FieldErrorsContext, fieldId, useField } from '../../../ui/field-errors.js';
import { focusSoon } from '../../../ui/focus-soon.js';
import { NEW_PREREQUISITE, type PrerequisiteDraft } from './draft.js';

/**
 * Flags that must be on (or off) for this one to be evaluated at all; optionally, with one of
 * some of their variants. A prerequisite cannot have prerequisites of its own (the server says
 * so when saving).
 */
export function PrerequisitesEditor({
  prerequisites,
  flag,
  environment,
  onChange,
}: {
  prerequisites: readonly PrerequisiteDraft[];
  flag: string;
  environment: string;
  onChange: (prerequisites: PrerequisiteDraft[]) => void;
}) {
  const { idPrefix } = useContext(FieldErrorsContext);
  const flags = useFlagList();
  const others = (flags.data ?? []).map((other) => other.key).filter((key) => key !== flag);
  const replace = (index: number, prerequisite: PrerequisiteDraft) =>
    onChange(prerequisites.map((current, i) => (i === index ? prerequisite : current)));
  return (
    <fieldset className="prerequisites">
      <legend>Prerequisites</legend>
      {prerequisites.length === 0 && <p className="hint">None: the flag depends on no other flag.</p>}
      <ol className="prerequisite-list">
        {prerequisites.map((prerequisite, i) => (
          <PrerequisiteRow
            key={i}
            prerequisite={prerequisite}
            flags={others}
            environment={environment}
            path={`prerequisites.${i}`}
            number={i + 1}
            onChange={(next) => replace(i, next)}
            onRemove={() => {
              onChange(prerequisites.filter((_, j) => j !== i));
              focusSoon(`${idPrefix}-prerequisites-add`);
            }}
          />
        ))}
      </ol>
      <button
        id={`${idPrefix}-prerequisites-add`}
        type="button"
        className="small"
        onClick={() => {
          onChange([...prerequisites, NEW_PREREQUISITE]);
          focusSoon(fieldId(idPrefix, `prerequisites.${prerequisites.length}.flag`));
        }}
      >
        Add prerequisite
      </button>
    </fieldset>
  );
}

function PrerequisiteRow({
  prerequisite,
  flags,
  environment,
  path,
  number,
  onChange,
  onRemove,
}: {
  prerequisite: PrerequisiteDraft;
  flags: readonly string[];
  environment: string;
  path: string;
  number: number;
  onChange: (prerequisite: PrerequisiteDraft) => void;
  onRemove: () => void;
}) {
  const flag = useField(`${path}.flag`);
  const enabled = useField(`${path}.enabled`);
  const choices = prerequisite.flag === '' || flags.includes(prerequisite.flag) ? flags : [prerequisite.flag, ...flags];
  return (
    <li className="prerequisite">
      <div className="row">
        <div>
          <label>
            Flag
            <select
              {...flag.control}
              aria-label={`Flag of prerequisite ${number}`}
              value={prerequisite.flag}
              onChange={(e) => onChange({ ...prerequisite, flag: e.target.value, variants: [] })}
            >
              <option value="">Choose a flag…</option>
              {choices.map((key) => (
                <option key={key} value={key}>
                  {key}
                </option>
              ))}
            </select>
          </label>
          {flag.error}
        </div>
        <div>
          <label>
            Must be
            <select
              {...enabled.control}
              aria-label={`Prerequisite ${number} must be`}
              value={prerequisite.enabled ? 'on' : 'off'}
              onChange={(e) =>
                onChange({
                  ...prerequisite,
                  enabled: e.target.value === 'on',
                  variants: e.target.value === 'on' ? prerequisite.variants : [],
                })
              }
            >
              <option value="on">on</option>
              <option value="off">off</option>
            </select>
          </label>
          {enabled.error}
        </div>
        <button type="button" className="small remove" aria-label={`Remove prerequisite ${number}`} onClick={onRemove}>
          Remove
        </button>
      </div>
      {prerequisite.enabled && prerequisite.flag !== '' && (
        <PrerequisiteVariants
          prerequisite={prerequisite}
          environment={environment}
          path={`${path}.variants`}
          number={number}
          onChange={(variants) => onChange({ ...prerequisite, variants })}
        />
      )}
    </li>
  );
}

/** The variants the prerequisite flag must serve: its own variants in this environment, and "no variant". */
function PrerequisiteVariants({
  prerequisite,
  environment,
  path,
  number,
  onChange,
}: {
  prerequisite: PrerequisiteDraft;
  environment: string;
  path: string;
  number: number;
  onChange: (variants: (string | null)[]) => void;
}) {
  const field = useField(path);
  const parent = useQuery({
    queryKey: ['flag', prerequisite.flag],
    queryFn: () => unwrap(api.GET('/api/v1/flags/{key}', { params: { path: { key: prerequisite.flag } } })),
  });
  const own = (parent.data?.environments[environment]?.variants ?? []).map((variant) => variant.key);
  const listed = prerequisite.variants.filter((key): key is string => key !== null);
  const options: (string | null)[] = [...new Set([...own, ...listed]), null];
  const toggle = (key: string | null, on: boolean) =>
    onChange(on ? [...prerequisite.variants, key] : prerequisite.variants.filter((current) => current !== key));
  return (
    <fieldset
      id={field.control.id}
      tabIndex={-1}
      className="prerequisite-variants"
      aria-describedby={field.control['aria-describedby']}
    >
      <legend>Variants of prerequisite {number}</legend>
      <p className="hint">None ticked: any variant, as long as {prerequisite.flag} is on.</p>
      <div className="checks">
        {options.map((key) => (
          <label key={key ?? '\u0000none'} className="check">
            <input
              type="checkbox"
              checked={prerequisite.variants.includes(key)}
              onChange={(e) => toggle(key, e.target.checked)}
            />
            {key ?? 'on with no variant'}
          </label>
        ))}
      </div>
      {field.error}
    </fieldset>
  );
}
