import { useState, type FormEvent } from 'react';
import { problemOf, type Schemas } from '../../../api.js';
import { DialogButton } from '../../../ui/dialog-button.js';
import { FormAlert, SelectField, TextField } from '../../../ui/fields.js';
import { useFocusInvalid } from '../../../ui/use-focus-invalid.js';
import { SecretResult } from '../../../ui/secret-once.js';
import { useCreateTrigger } from './trigger-queries.js';

/**
 * "New trigger in <env>": a name and what a call does. The answer's URL is shown once, in
 * the same dialog, to be copied into the alerting tool.
 */
export function CreateTriggerButton({ flag, environment }: { flag: string; environment: string }) {
  const title = `New trigger in ${environment}`;
  return (
    <DialogButton label={title} title={title}>
      {(close) => <CreateTriggerForm flag={flag} environment={environment} onDone={close} />}
    </DialogButton>
  );
}

function CreateTriggerForm({ flag, environment, onDone }: { flag: string; environment: string; onDone: () => void }) {
  const create = useCreateTrigger(flag, environment);
  const [name, setName] = useState('');
  const [action, setAction] = useState<Schemas['CreateTrigger']['action']>('kill');
  const invalid = useFocusInvalid();
  if (create.isSuccess) {
    return (
      <SecretResult label="Trigger URL" value={create.data.url} onDone={onDone}>
        <p>
          Paste this URL into your alerting tool. Anyone with it can{' '}
          {create.data.action === 'kill' ? 'turn off' : 'turn on'} {flag} in {environment} with a POST, so keep it as
          you keep a password.
        </p>
      </SecretResult>
    );
  }
  const problem = create.isError ? problemOf(create.error) : undefined;
  const nameError = problem?.fields.get('name');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name: name.trim(), action }, { onError: invalid.focusLater });
  };
  return (
    <form ref={invalid.formRef} onSubmit={submit}>
      <TextField
        label="Name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
        maxLength={100}
        error={nameError}
      />
      <SelectField
        label="Action"
        value={action}
        onChange={(e) => setAction(e.target.value === 'revive' ? 'revive' : 'kill')}
      >
        <option value="kill">Kill: turn the flag off</option>
        <option value="revive">Revive: turn the flag on</option>
      </SelectField>
      <FormAlert message={problem !== undefined && nameError === undefined ? problem.message : undefined} />
      <div className="actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={create.isPending}>
          Create trigger
        </button>
      </div>
    </form>
  );
}
