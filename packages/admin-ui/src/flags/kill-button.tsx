import { useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { problemOf, type Schemas } from '../api.js';
import { usePermissions } from '../auth/permissions.js';
import { Dialog } from '../ui/dialog.js';
import { useKillOrRevive } from './flag-actions.js';

/**
 * "Kill <flag> in <environment>": asks for a reason (kept in the audit log), then turns the
 * flag off for everyone there. Shown only to those who may change the environment.
 */
export function KillButton({ flag, environment }: { flag: string; environment: Schemas['Environment'] }) {
  const { canChangeIn } = usePermissions();
  const kill = useKillOrRevive();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const button = useRef<HTMLButtonElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const switchName = `${flag} in ${environment.key}`;
  // This button goes once the flag is off, often while its dialog is still open. If the focus is in
  // either, it moves to the flag's switch, which stays, so that someone on the keyboard goes on from there.
  useLayoutEffect(
    () => () => {
      const active = document.activeElement;
      const held = active !== null && (active === button.current || form.current?.contains(active) === true);
      if (held) requestAnimationFrame(() => switchOf(switchName)?.focus());
    },
    [switchName],
  );
  if (!canChangeIn(environment)) return null;
  const label = `Kill ${flag} in ${environment.key}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    kill.mutate(
      { action: 'kill', flag, environment: environment.key, reason },
      {
        onSuccess: () => {
          setOpen(false);
          setReason('');
        },
      },
    );
  };
  return (
    <>
      <button ref={button} type="button" className="danger small" aria-label={label} onClick={() => setOpen(true)}>
        Kill
      </button>
      <Dialog open={open} title={label} onClose={() => setOpen(false)}>
        <form ref={form} onSubmit={submit}>
          <label>
            Reason
            <input value={reason} onChange={(e) => setReason(e.target.value)} required autoFocus maxLength={1000} />
          </label>
          {kill.isError && (
            <p role="alert" className="error">
              {problemOf(kill.error).message}
            </p>
          )}
          <div className="actions">
            <button type="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button type="submit" className="danger" disabled={kill.isPending}>
              Kill
            </button>
          </div>
        </form>
      </Dialog>
    </>
  );
}

/** The switch named "<flag> in <environment>" on this page. */
function switchOf(name: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[role="switch"][aria-label="${CSS.escape(name)}"]`);
}
