import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, problemOf, unwrap, type Schemas } from '../../api.js';
import { usePermissions } from '../../auth/permissions.js';
import { DialogButton } from '../../ui/dialog-button.js';
import { FormAlert, SelectField, TextField } from '../../ui/fields.js';
import { formErrors } from '../../ui/form-errors.js';
import { SecretResult } from '../../ui/secret-once.js';
import { Time } from '../../ui/time.js';
import { createTokenBody, EXPIRY_CHOICES, roleOf, rolesUpTo } from './people-rules.js';

/** "New token": a personal access token with a name, a role up to one's own and an expiry; then the token, once. */
export function CreateTokenButton() {
  return (
    <DialogButton className="primary" label="New token" title="New personal access token">
      {(close) => <CreateTokenForm onDone={close} />}
    </DialogButton>
  );
}

function CreateTokenForm({ onDone }: { onDone: () => void }) {
  const { me } = usePermissions();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [role, setRole] = useState(me.role);
  const [days, setDays] = useState('90');
  const create = useMutation({
    mutationFn: (body: Schemas['CreatePersonalToken']) => unwrap(api.POST('/api/v1/me/tokens', { body })),
    // The answer holds the token: dropped from the cache as soon as this form is gone.
    gcTime: 0,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tokens'] }),
  });
  if (create.data !== undefined) {
    return (
      <SecretResult label="Token" value={create.data.token} onDone={onDone}>
        <p>
          The token <strong>{create.data.name}</strong> acts as you, at most as {create.data.role}
          {create.data.expiresAt === null ? (
            ', until you revoke it'
          ) : (
            <>
              , until <Time value={create.data.expiresAt} />
            </>
          )}
          . Send it as <code>Authorization: Bearer …</code>.
        </p>
      </SecretResult>
    );
  }
  const errors = formErrors(create.isError ? problemOf(create.error) : undefined, ['name', 'role', 'expiresInDays']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(createTokenBody({ name, role, days }));
  };
  return (
    <form onSubmit={submit}>
      <TextField
        label="Name"
        hint="What uses it, for example “laptop CLI”."
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errors.fields.get('name')}
        required
        maxLength={200}
      />
      <SelectField
        label="Role"
        value={role}
        onChange={(e) => setRole(roleOf(e.target.value) ?? me.role)}
        error={errors.fields.get('role')}
      >
        {rolesUpTo(me.role).map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Expires after"
        value={days}
        onChange={(e) => setDays(e.target.value)}
        error={errors.fields.get('expiresInDays')}
      >
        {EXPIRY_CHOICES.map((choice) => (
          <option key={choice.days} value={choice.days}>
            {choice.text}
          </option>
        ))}
      </SelectField>
      <FormAlert message={errors.message} />
      <div className="actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={create.isPending}>
          Create token
        </button>
      </div>
    </form>
  );
}
