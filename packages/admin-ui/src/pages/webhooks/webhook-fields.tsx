import { useId } from 'react';
import { useEnvironments } from '../../flags/queries.js';
import { FieldError, SelectField, TextField } from '../../ui/fields.js';
import type { FormErrors } from '../../ui/form-errors.js';
import { EVENT_FAMILIES, FORMATS, toggled, type WebhookForm } from './webhook-form-rules.js';

/** The form's fields the server names in its details. */
export const WEBHOOK_FIELDS = ['url', 'format', 'events', 'environments'] as const;

const FAMILY_ORDER = EVENT_FAMILIES.map((f) => f.family);

/** A webhook's URL, format, events and environments: the fields of both the new and the edit form. */
export function WebhookFields({
  form,
  onChange,
  errors,
}: {
  form: WebhookForm;
  onChange: (form: WebhookForm) => void;
  errors: FormErrors;
}) {
  const set = (change: Partial<WebhookForm>) => onChange({ ...form, ...change });
  return (
    <>
      <TextField
        label="URL"
        type="url"
        value={form.url}
        onChange={(e) => set({ url: e.target.value })}
        error={errors.fields.get('url')}
        required
        maxLength={2000}
        autoComplete="off"
        spellCheck={false}
      />
      <SelectField
        label="Format"
        value={form.format}
        onChange={(e) => set({ format: FORMATS.find((f) => f.format === e.target.value)?.format ?? 'standard' })}
        error={errors.fields.get('format')}
      >
        {FORMATS.map((f) => (
          <option key={f.format} value={f.format}>
            {f.text}
          </option>
        ))}
      </SelectField>
      <EventFields form={form} set={set} error={errors.fields.get('events')} />
      <EnvironmentFields form={form} set={set} error={errors.fields.get('environments')} />
    </>
  );
}

type FieldsetProps = {
  form: WebhookForm;
  set: (change: Partial<WebhookForm>) => void;
  error: string | undefined;
};

function EventFields({ form, set, error }: FieldsetProps) {
  const id = useId();
  return (
    <fieldset
      className={`choices${error === undefined ? '' : ' invalid'}`}
      aria-describedby={error === undefined ? undefined : `${id}-error`}
    >
      <legend>Events</legend>
      <label className="check">
        <input type="radio" name={`${id}-every`} checked={form.everyEvent} onChange={() => set({ everyEvent: true })} />
        Every event
      </label>
      <label className="check">
        <input
          type="radio"
          name={`${id}-every`}
          checked={!form.everyEvent}
          onChange={() => set({ everyEvent: false })}
        />
        Only the events chosen below
      </label>
      <div className="event-choices">
        {EVENT_FAMILIES.map(({ family, text }) => (
          <div className="event-choice" key={family}>
            <label className="check">
              <input
                type="checkbox"
                disabled={form.everyEvent}
                checked={form.families.includes(family)}
                aria-describedby={`${id}-${family}`}
                onChange={(e) => set({ families: toggled(form.families, family, e.target.checked, FAMILY_ORDER) })}
              />
              <code>{family}</code>
            </label>
            <span id={`${id}-${family}`} className="muted">
              {text}
            </span>
          </div>
        ))}
        <TextField
          label="Single event types"
          hint="Separated by commas, for example config.killed, user.created"
          value={form.types}
          disabled={form.everyEvent}
          onChange={(e) => set({ types: e.target.value })}
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <FieldError id={`${id}-error`} error={error} />
    </fieldset>
  );
}

function EnvironmentFields({ form, set, error }: FieldsetProps) {
  const id = useId();
  const environments = useEnvironments();
  const order = (environments.data ?? []).map((env) => env.key);
  return (
    <fieldset
      className={`choices${error === undefined ? '' : ' invalid'}`}
      aria-describedby={`${id}-hint${error === undefined ? '' : ` ${id}-error`}`}
    >
      <legend>Environments</legend>
      <p id={`${id}-hint`} className="muted hint">
        Events of no environment (a new flag, a segment, a key) are sent whichever you choose.
      </p>
      <label className="check">
        <input
          type="radio"
          name={`${id}-every`}
          checked={form.everyEnvironment}
          onChange={() => set({ everyEnvironment: true })}
        />
        All environments
      </label>
      <label className="check">
        <input
          type="radio"
          name={`${id}-every`}
          checked={!form.everyEnvironment}
          onChange={() => set({ everyEnvironment: false })}
        />
        Only the environments chosen below
      </label>
      <div className="environment-choices">
        {(environments.data ?? []).map((env) => (
          <label className="check" key={env.key}>
            <input
              type="checkbox"
              disabled={form.everyEnvironment}
              checked={form.environments.includes(env.key)}
              onChange={(e) => set({ environments: toggled(form.environments, env.key, e.target.checked, order) })}
            />
            {env.key}
          </label>
        ))}
      </div>
      <FieldError id={`${id}-error`} error={error} />
    </fieldset>
  );
}
