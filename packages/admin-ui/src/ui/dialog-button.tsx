import { useState, type ReactNode } from 'react';
import { Dialog } from './dialog.js';

/**
 * A button that opens a dialog. What the dialog holds exists only while it is open, so closing
 * it forgets a half-filled form and any secret it showed.
 *
 * @example
 * <DialogButton label="New key" title="New API key" className="primary">
 *   {(close) => <CreateKeyForm onDone={close} />}
 * </DialogButton>
 */
export function DialogButton({
  label,
  title,
  className,
  'aria-label': ariaLabel,
  children,
}: {
  label: ReactNode;
  title: string;
  className?: string;
  'aria-label'?: string;
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);
  return (
    <>
      <button type="button" className={className} aria-label={ariaLabel} onClick={() => setOpen(true)}>
        {label}
      </button>
      <Dialog open={open} title={title} onClose={close}>
        {children(close)}
      </Dialog>
    </>
  );
}
