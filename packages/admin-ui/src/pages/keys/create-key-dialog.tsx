import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, problemOf, unwrap, type Schemas } from '../../api.js';
import { useEnvironments } from '../../flags/queries.js';
import { DialogButton } from '../../ui/dialog-button.js';
import { FormAlert, SelectField, TextField } from '../../ui/fields.js';
import { formErrors } from '../../ui/form-errors.js';
import { SecretResult } from '../../ui/secret-once.js';
import { createKeyBody, KEY_KINDS, needsEnvironment, type KeyKind } from './key-form.js';

/** "New key": kind, environment and name; then the key itself, once. */
export function CreateKeyButton() {
  return (
    <DialogButton className="primary" label="New key" title="New API key">
      {(close) => <CreateKeyForm onDone={close} />}
    </DialogButton>
  );
}

function CreateKeyForm({ onDone }: { onDone: () => void }) {
  const queryClient = useQueryClient();
  const environments = useEnvironments();
  const [kind, setKind] = useState<KeyKind>('server');
  const [environment, setEnvironment] = useState('');
  const [name, setName] = useState('');
  const chosenEnvironment = environment === '' ? (environments.data?.[0]?.key ?? '') : environment;
  const create = useMutation({
    mutationFn: (body: Schemas['CreateKey']) => unwrap(api.POST('/api/v1/keys', { body })),
    // The answer holds the secret: dropped from the cache as soon as this form is gone.
    gcTime: 0,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['keys'] }),
  });
  if (create.data !== undefined) {
    return (
      <SecretResult label="Key" value={create.data.secret} onDone={onDone}>
        <p>
          The {create.data.kind} key <strong>{create.data.name}</strong>
          {create.data.environment !== null && <> for {create.data.environment}</>} is ready.
        </p>
      </SecretResult>
    );
  }
  const errors = formErrors(create.isError ? problemOf(create.error) : undefined, ['kind', 'environment', 'name']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(createKeyBody({ kind, environment: chosenEnvironment, name }));
  };
  return (
    <form onSubmit={submit}>
      <SelectField
        label="Kind"
        value={kind}
        onChange={(e) => setKind(KEY_KINDS.find((k) => k.kind === e.target.value)?.kind ?? 'server')}
        error={errors.fields.get('kind')}
      >
        {KEY_KINDS.map((k) => (
          <option key={k.kind} value={k.kind}>
            {k.text}
          </option>
        ))}
      </SelectField>
      {needsEnvironment(kind) && (
        <SelectField
          label="Environment"
          value={chosenEnvironment}
          onChange={(e) => setEnvironment(e.target.value)}
          error={errors.fields.get('environment')}
          required
        >
          {(environments.data ?? []).map((env) => (
            <option key={env.key} value={env.key}>
              {env.name}
            </option>
          ))}
        </SelectField>
      )}
      <TextField
        label="Name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errors.fields.get('name')}
        required
        maxLength={200}
      />
      <FormAlert message={errors.message} />
      <div className="actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={create.isPending}>
          Create key
        </button>
      </div>
    </form>
  );
}
