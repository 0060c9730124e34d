import { useState, type FormEvent, type ReactNode } from 'react';
import { problemOf } from '../api.js';
import { Dialog } from './dialog.js';
import { FormAlert, TextField } from './fields.js';

interface ConfirmProps {
  confirmLabel: string;
  /** A red confirm button, for what cannot be undone; default true. */
  danger?: boolean;
  /** An optional "Reason" field whose text `onConfirm` receives, for the audit log; default false. */
  askReason?: boolean;
  pending: boolean;
  /** The server's refusal: an error from a request, or its message already read. */
  error: unknown;
  onConfirm: (reason: string | undefined) => void;
  onClose: () => void;
  children: ReactNode;
}

/**
 * Asks before a destructive action. Cancel has the focus, so Enter alone does no harm; the
 * dialog stays open with the server's refusal when the action fails.
 */
export function ConfirmDialog({ open, title, ...props }: ConfirmProps & { open: boolean; title: string }) {
  return (
    <Dialog open={open} title={title} onClose={props.onClose}>
      {open && <ConfirmForm {...props} />}
    </Dialog>
  );
}

/** The dialog's content, made afresh at each opening so that a reason typed before is gone. */
function ConfirmForm({
  confirmLabel,
  danger = true,
  askReason = false,
  pending,
  error,
  onConfirm,
  onClose,
  children,
}: ConfirmProps) {
  const [reason, setReason] = useState('');
  const message =
    error === null || error === undefined ? undefined : typeof error === 'string' ? error : problemOf(error).message;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onConfirm(reason.trim() === '' ? undefined : reason.trim());
  };
  return (
    <form onSubmit={submit}>
      {children}
      {askReason && (
        <TextField
          label="Reason (optional)"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={1000}
        />
      )}
      <FormAlert message={message} />
      <div className="actions">
        <button type="button" onClick={onClose} autoFocus>
          Cancel
        </button>
        <button type="submit" className={danger ? 'danger' : 'primary'} disabled={pending}>
          {confirmLabel}
        </button>
      </div>
    </form>
  );
}
