import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, problemOf, unwrap } from '../../api.js';
import { Dialog } from '../../ui/dialog.js';

/** "Delete <segment>", asked first; a segment that rules use is refused (409), naming the flags. */
export function DeleteSegmentButton({ segment }: { segment: string }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/segments/{key}', { params: { path: { key: segment } } })),
    onSuccess: () => setOpen(false),
    onSettled: () => queryClient.invalidateQueries(),
  });
  const close = () => {
    setOpen(false);
    remove.reset();
  };
  return (
    <>
      <button type="button" className="small" aria-label={`Delete ${segment}`} onClick={() => setOpen(true)}>
        Delete
      </button>
      <Dialog open={open} title={`Delete segment ${segment}?`} onClose={close}>
        {open && (
          <>
            <p>Rules can no longer name it. A segment that a rule uses cannot be deleted.</p>
            {remove.isError && (
              <p role="alert" className="error">
                {problemOf(remove.error).message}
              </p>
            )}
            <div className="actions">
              <button type="button" onClick={close} autoFocus>
                Cancel
              </button>
              <button type="button" className="danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
                Delete
              </button>
            </div>
          </>
        )}
      </Dialog>
    </>
  );
}
