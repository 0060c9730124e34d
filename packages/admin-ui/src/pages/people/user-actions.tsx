import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, problemOf, unwrap, type Schemas } from '../../api.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { Dialog } from '../../ui/dialog.js';
import { FormAlert, SelectField } from '../../ui/fields.js';
import { formErrors } from '../../ui/form-errors.js';
import { PasswordResetButton } from './password-reset-dialog.js';
import { ROLES, roleOf, type Role } from './people-rules.js';

type User = Schemas['User'];

/** PATCH a person; every screen refetches after (a disabled person's tokens are gone too). */
function useUpdateUser(user: User) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['UpdateUser']) =>
      unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body })),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

/**
 * What an admin may do to a person: change their role, disable or enable them, give them a
 * password reset link, delete them. Not to themselves: the server refuses, and another admin must.
 */
export function UserActions({ user, self }: { user: User; self: boolean }) {
  if (self) return <span className="muted">Another admin changes your account.</span>;
  return (
    <div className="row-actions">
      <ChangeRoleButton user={user} />
      {user.disabled ? <EnableButton user={user} /> : <DisableButton user={user} />}
      <PasswordResetButton user={user} />
      <DeleteUserButton user={user} />
    </div>
  );
}

function ChangeRoleButton({ user }: { user: User }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="small" aria-label={`Change role of ${user.email}`} onClick={() => setOpen(true)}>
        Change role
      </button>
      <Dialog open={open} title={`Role of ${user.email}`} onClose={() => setOpen(false)}>
        {open && <ChangeRoleForm user={user} onDone={() => setOpen(false)} />}
      </Dialog>
    </>
  );
}

function ChangeRoleForm({ user, onDone }: { user: User; onDone: () => void }) {
  const [role, setRole] = useState<Role>(user.role);
  const update = useUpdateUser(user);
  const errors = formErrors(update.isError ? problemOf(update.error) : undefined, ['role']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ role }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit}>
      <SelectField
        label="Role"
        value={role}
        onChange={(e) => setRole(roleOf(e.target.value) ?? user.role)}
        error={errors.fields.get('role')}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </SelectField>
      {user.singleSignOn && (
        <p className="muted">
          {user.name} signs in with single sign-on: their next sign-in sets their role from their groups again.
        </p>
      )}
      <FormAlert message={errors.message} />
      <div className="actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={update.isPending}>
          Save role
        </button>
      </div>
    </form>
  );
}

function EnableButton({ user }: { user: User }) {
  const update = useUpdateUser(user);
  return (
    <>
      <button
        type="button"
        className="small"
        aria-label={`Enable ${user.email}`}
        disabled={update.isPending}
        onClick={() => update.mutate({ disabled: false })}
      >
        Enable
      </button>
      {update.isError && (
        <span role="alert" className="error">
          {problemOf(update.error).message}
        </span>
      )}
    </>
  );
}

function DisableButton({ user }: { user: User }) {
  const [open, setOpen] = useState(false);
  const update = useUpdateUser(user);
  return (
    <>
      <button type="button" className="small" aria-label={`Disable ${user.email}`} onClick={() => setOpen(true)}>
        Disable
      </button>
      <ConfirmDialog
        open={open}
        title={`Disable ${user.email}?`}
        confirmLabel="Disable"
        danger
        askReason={false}
        pending={update.isPending}
        error={update.isError ? problemOf(update.error).message : undefined}
        onConfirm={() => update.mutate({ disabled: true }, { onSuccess: () => setOpen(false) })}
        onClose={() => {
          setOpen(false);
          update.reset();
        }}
      >
        <p>
          {user.name} is signed out everywhere and cannot sign in until enabled again. Their personal access tokens are
          revoked for good: enabling them does not bring the tokens back.
        </p>
      </ConfirmDialog>
    </>
  );
}

function DeleteUserButton({ user }: { user: User }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/users/{id}', { params: { path: { id: user.id } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      setOpen(false);
    },
  });
  return (
    <>
      <button type="button" className="small" aria-label={`Delete ${user.email}`} onClick={() => setOpen(true)}>
        Delete
      </button>
      <ConfirmDialog
        open={open}
        title={`Delete ${user.email}?`}
        confirmLabel="Delete person"
        danger
        askReason={false}
        pending={remove.isPending}
        error={remove.isError ? problemOf(remove.error).message : undefined}
        onConfirm={() => remove.mutate()}
        onClose={() => {
          setOpen(false);
          remove.reset();
        }}
      >
        <p>
          {user.name}&apos;s account goes, with their sessions, tokens and invitations. The audit log keeps what they
          did.
        </p>
      </ConfirmDialog>
    </>
  );
}
