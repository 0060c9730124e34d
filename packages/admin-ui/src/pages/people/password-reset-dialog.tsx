import { useMutation } from '@tanstack/react-query';
import { api, problemOf, unwrap, type Schemas } from '../../api.js';
import { DialogButton } from '../../ui/dialog-button.js';
import { FormAlert } from '../../ui/fields.js';
import { SecretResult } from '../../ui/secret-once.js';
import { InvitationNote } from './invitation-note.js';

/** "Reset password of <email>": a new link to set a password, shown once. */
export function PasswordResetButton({ user }: { user: Schemas['User'] }) {
  return (
    <DialogButton
      className="small"
      aria-label={`Reset password of ${user.email}`}
      label="Reset password"
      title={`Reset password of ${user.email}`}
    >
      {(close) => <PasswordReset user={user} onDone={close} />}
    </DialogButton>
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
      <SecretResult
        label="Reset link"
        value={reset.data.pageUrl}
        note={
          <>
            <InvitationNote expiresAt={reset.data.expiresAt} />
            <p className="muted">Setting a password with it signs them out everywhere; their tokens keep working.</p>
          </>
        }
        onDone={onDone}
      >
        <p>Send {user.name} this link.</p>
      </SecretResult>
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
