import { useState, type FormEvent } from 'react';
import { problemOf, type Schemas } from '../../../api.js';
import { Dialog } from '../../../ui/dialog.js';
import { FormAlert, SelectField, TextField } from '../../../ui/fields.js';
import { useFocusInvalid } from '../../../ui/use-focus-invalid.js';
import { NEW_PLAN_FORM, placeServerErrors, readPlanForm, type PlanField, type PlanForm } from './plan-form.js';
import { useStartRelease } from './release-queries.js';

/** "Start release plan in <env>": steps, hold, an optional start and an optional guard. */
export function StartReleaseButton({
  flag,
  environment,
  onStarted,
}: {
  flag: string;
  environment: Schemas['Environment'];
  /** The button goes once a plan is under way: where focus goes instead. */
  onStarted: () => void;
}) {
  const [open, setOpen] = useState(false);
  const title = `Start release plan in ${environment.key}`;
  return (
    <>
      <button type="button" className="primary" onClick={() => setOpen(true)}>
        {title}
      </button>
      <Dialog open={open} title={title} onClose={() => setOpen(false)}>
        {open && (
          <StartReleaseForm
            flag={flag}
            environment={environment.key}
            onCancel={() => setOpen(false)}
            onStarted={() => {
              setOpen(false);
              onStarted();
            }}
          />
        )}
      </Dialog>
    </>
  );
}

function StartReleaseForm({
  flag,
  environment,
  onCancel,
  onStarted,
}: {
  flag: string;
  environment: string;
  onCancel: () => void;
  onStarted: () => void;
}) {
  const start = useStartRelease(flag, environment);
  const [form, setForm] = useState<PlanForm>(NEW_PLAN_FORM);
  const [local, setLocal] = useState(new Map<PlanField, string>());
  const invalid = useFocusInvalid();
  const server = start.isError ? placeServerErrors(problemOf(start.error).fields) : undefined;
  const errors = local.size > 0 ? local : (server?.fields ?? new Map<PlanField, string>());
  const set = (change: Partial<PlanForm>) => setForm((current) => ({ ...current, ...change }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = readPlanForm(form);
    if (!result.ok) {
      setLocal(result.errors);
      invalid.focusLater();
      return;
    }
    setLocal(new Map());
    start.mutate(result.input, { onSuccess: onStarted, onError: invalid.focusLater });
  };
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const unplaced =
    local.size === 0 && start.isError && server?.fields.size === 0 && server.rest.length === 0
      ? problemOf(start.error).message
      : server?.rest.join('; ');
  return (
    <form ref={invalid.formRef} onSubmit={submit} noValidate>
      <TextField
        label="Steps (%)"
        hint="Whole percentages, each above the one before: 1, 5, 25, 50, 100"
        value={form.steps}
        onChange={(e) => set({ steps: e.target.value })}
        error={errors.get('steps')}
      />
      <TextField
        label="Hold each step"
        hint="How long each step lasts before the next: 90s, 10m, 2h or 1d"
        value={form.hold}
        onChange={(e) => set({ hold: e.target.value })}
        error={errors.get('hold')}
      />
      <TextField
        label="Start at (optional)"
        hint={`In your time zone (${zone}); empty to start now`}
        type="datetime-local"
        step={1}
        value={form.startAt}
        onChange={(e) => set({ startAt: e.target.value })}
        error={errors.get('startAt')}
      />
      <fieldset className="choices">
        <legend>Guard (optional)</legend>
        <TextField
          label="Guard event"
          hint="The event the guard watches, as your code tracks it; empty for no guard"
          value={form.guardEvent}
          onChange={(e) => set({ guardEvent: e.target.value })}
          error={errors.get('guardEvent')}
        />
        <SelectField
          label="Guard action"
          value={form.guardAction}
          onChange={(e) => set({ guardAction: e.target.value === 'pause' ? 'pause' : 'kill' })}
          error={errors.get('guardAction')}
        >
          <option value="kill">Kill: turn the flag off and end the plan</option>
          <option value="pause">Pause the plan</option>
        </SelectField>
        <TextField
          label="Guard alpha"
          hint="The chance of stopping a release that does no harm, over the whole plan"
          inputMode="decimal"
          value={form.guardAlpha}
          onChange={(e) => set({ guardAlpha: e.target.value })}
          error={errors.get('guardAlpha')}
        />
        <TextField
          label="Minimum exposures per arm"
          inputMode="numeric"
          value={form.guardMinExposures}
          onChange={(e) => set({ guardMinExposures: e.target.value })}
          error={errors.get('guardMinExposures')}
        />
      </fieldset>
      <FormAlert message={unplaced === '' ? undefined : unplaced} />
      <FormAlert
        message={
          errors.size === 0
            ? undefined
            : `The plan was not started: see the ${errors.size === 1 ? 'field' : 'fields'} marked above.`
        }
      />
      <div className="actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={start.isPending}>
          Start
        </button>
      </div>
    </form>
  );
}
