import type { ReactNode } from 'react';
import { problemOf } from '../api.js';
import { Dialog } from './dialog.js';
import { FormAlert } from './fields.js';

/**
 * Asks before a destructive action. Cancel has the focus, so Enter alone does no harm; the
 * dialog stays open with the server's refusal when the action fails.
 */
export function ConfirmDialog({
  open,
  title,
  confirmLabel,
  pending,
  error,
  onConfirm,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  confirmLabel: string;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      {open && (
        <>
          {children}
          <FormAlert message={error === null || error === undefined ? undefined : problemOf(error).message} />
          <div className="actions">
            <button type="button" onClick={onClose} autoFocus>
              Cancel
            </button>
            <button type="button" className="danger" disabled={pending} onClick={onConfirm}>
              {confirmLabel}
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
