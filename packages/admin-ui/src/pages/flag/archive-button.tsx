import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, problemOf, unwrap, type Schemas } from '../../api.js';
import { Dialog } from '../../ui/dialog.js';

/**
 * "Archive" (asks first: SDKs stop receiving the flag in every environment) or "Restore". A
 * protected environment refuses editors (403), and a flag that others have as a prerequisite
 * cannot be archived (409): the server's message says which.
 */
export function ArchiveButton({ flag }: { flag: Schemas['FlagWithEnvironments'] }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const change = useMutation({
    mutationFn: (archive: boolean) =>
      unwrap(
        archive
          ? api.DELETE('/api/v1/flags/{key}', { params: { path: { key: flag.key } } })
          : api.PATCH('/api/v1/flags/{key}', { params: { path: { key: flag.key } }, body: { archived: false } }),
      ),
    onSuccess: () => setConfirming(false),
    onSettled: () => queryClient.invalidateQueries(),
  });
  const error = change.isError ? problemOf(change.error).message : undefined;
  if (flag.archived) {
    return (
      <>
        <button type="button" onClick={() => change.mutate(false)} disabled={change.isPending}>
          Restore
        </button>
        {error !== undefined && (
          <span role="alert" className="error">
            {error}
          </span>
        )}
      </>
    );
  }
  return (
    <>
      <button type="button" className="danger" onClick={() => setConfirming(true)}>
        Archive
      </button>
      <Dialog open={confirming} title={`Archive ${flag.key}?`} onClose={() => setConfirming(false)}>
        {confirming && (
          <>
            <p>
              SDKs stop receiving {flag.key} in every environment, so applications get their default values. You can
              restore it later.
            </p>
            {error !== undefined && (
              <p role="alert" className="error">
                {error}
              </p>
            )}
            <div className="actions">
              <button type="button" onClick={() => setConfirming(false)} autoFocus>
                Cancel
              </button>
              <button type="button" className="danger" disabled={change.isPending} onClick={() => change.mutate(true)}>
                Archive
              </button>
            </div>
          </>
        )}
      </Dialog>
    </>
  );
}
