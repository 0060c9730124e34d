import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, problemOf, unwrap, type Schemas } from '../../api.js';
import { DialogButton } from '../../ui/dialog-button.js';
import { FormAlert, SelectField, TextField } from '../../ui/fields.js';
import { formErrors } from '../../ui/form-errors.js';
import { SecretResult } from '../../ui/secret-once.js';
import { InvitationNote } from './invitation-note.js';
import { ROLES, roleOf, type Role } from './people-rules.js';

/** "Invite a person": email, name and role; then their invitation link, once. */
export function InviteButton() {
  return (
    <DialogButton className="primary" label="Invite a person" title="Invite a person">
      {(close) => <InviteForm onDone={close} />}
    </DialogButton>
  );
}

function InviteForm({ onDone }: { onDone: () => void }) {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const invite = useMutation({
    mutationFn: (body: Schemas['CreateUser']) => unwrap(api.POST('/api/v1/users', { body })),
    // The answer holds the invitation: dropped from the cache as soon as this form is gone.
    gcTime: 0,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
  if (invite.data !== undefined) {
    return (
      <SecretResult
        label="Invitation link"
        value={invite.data.invitation.pageUrl}
        note={<InvitationNote expiresAt={invite.data.invitation.expiresAt} />}
        onDone={onDone}
      >
        <p>
          <strong>{invite.data.user.email}</strong> is invited as {invite.data.user.role}. Send them this link.
        </p>
      </SecretResult>
    );
  }
  const errors = formErrors(invite.isError ? problemOf(invite.error) : undefined, ['email', 'name', 'role']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate({ email: email.trim(), name: name.trim(), role });
  };
  return (
    <form onSubmit={submit}>
      <TextField
        label="Email"
        type="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={errors.fields.get('email')}
        required
        maxLength={254}
        autoComplete="off"
      />
      <TextField
        label="Name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errors.fields.get('name')}
        required
        maxLength={200}
        autoComplete="off"
      />
      <SelectField
        label="Role"
        value={role}
        onChange={(e) => setRole(roleOf(e.target.value) ?? 'viewer')}
        error={errors.fields.get('role')}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </SelectField>
      <FormAlert message={errors.message} />
      <div className="actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={invite.isPending}>
          Invite
        </button>
      </div>
    </form>
  );
}
