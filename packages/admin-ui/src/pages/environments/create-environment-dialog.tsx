import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, problemOf, unwrap } from '../../api.js';
import { DialogButton } from '../../ui/dialog-button.js';
import { FormAlert, TextField } from '../../ui/fields.js';
import { formErrors } from '../../ui/form-errors.js';
import { createEnvironmentBody, type ProtectionForm } from './protection.js';
import { ProtectionFields } from './protection-fields.js';

/** "New environment": a key, a name and its protection; every flag starts off in it. */
export function CreateEnvironmentButton() {
  return (
    <DialogButton className="primary" label="New environment" title="New environment">
      {(close) => <CreateEnvironmentForm onDone={close} />}
    </DialogButton>
  );
}

function CreateEnvironmentForm({ onDone }: { onDone: () => void }) {
  const queryClient = useQueryClient();
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [protection, setProtection] = useState<ProtectionForm>({ protected: false, editors: false });
  const create = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/environments', { body: createEnvironmentBody({ key, name, ...protection }) })),
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      onDone();
    },
  });
  const errors = formErrors(create.isError ? problemOf(create.error) : undefined, [
    'key',
    'name',
    'protected',
    'protectedRoles',
  ]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit}>
      <TextField
        label="Key"
        hint="Letters, digits, “.”, “_” or “-”; SDK keys and the API name it by this."
        value={key}
        onChange={(e) => setKey(e.target.value)}
        error={errors.fields.get('key')}
        required
        maxLength={64}
        autoComplete="off"
        spellCheck={false}
      />
      <TextField
        label="Name"
        hint="Optional: the key when left empty."
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errors.fields.get('name')}
        maxLength={200}
      />
      <ProtectionFields
        form={protection}
        onChange={setProtection}
        error={errors.fields.get('protected') ?? errors.fields.get('protectedRoles')}
      />
      <p className="muted">Every flag starts off in a new environment.</p>
      <FormAlert message={errors.message} />
      <div className="actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={create.isPending}>
          Create environment
        </button>
      </div>
    </form>
  );
}
