import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, problemOf, unwrap, type Schemas } from '../../api.js';
import { Dialog } from '../../ui/dialog.js';
import { FormAlert } from '../../ui/fields.js';
import { SecretOnce } from '../../ui/secret-once.js';
import { InvitationNote } from './invitation-note.js';

/** "Reset password of <email>": a new link to set a password, shown once. */
export function PasswordResetButton({ user }: { user: Schemas['User'] }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="small"
        aria-label={`Reset password of ${user.email}`}
        onClick={() => setOpen(true)}
      >
        Reset password
      </button>
      <Dialog open={open} title={`Reset password of ${user.email}`} onClose={() => setOpen(false)}>
        {/* Mounted only while open: closing forgets the link. */}
        {open && <PasswordReset user={user} onDone={() => setOpen(false)} />}
      </Dialog>
    </>
  );
}

function PasswordReset({ user, onDone }: { user: Schemas['User']; onDone: () => void }) {
  const reset = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/users/{id}/password-reset', { params: { path: { id: user.id } } })),
    // The answer holds the link: dropped from the cache as soon as this dialog is gone.
    gcTime: 0,
  });
  if (reset.data !== undefined) {
    return (
      <div className="secret-result">
        <p>Send {user.name} this link.</p>
        <SecretOnce label="Reset link" value={reset.data.acceptUrl} />
        <InvitationNote expiresAt={reset.data.expiresAt} />
        <p className="muted">Setting a password with it signs them out everywhere; their tokens keep working.</p>
        <div className="actions">
          <button type="button" className="primary" onClick={onDone}>
            Done
          </button>
        </div>
      </div>
    );
  }
  return (
    <>
      <p>This makes a link with which {user.name} sets a new password. Nothing changes until they use it.</p>
      <FormAlert message={reset.isError ? problemOf(reset.error).message : undefined} />
      <div className="actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={reset.isPending} onClick={() => reset.mutate()}>
          Create reset link
        </button>
      </div>
    </>
  );
}
