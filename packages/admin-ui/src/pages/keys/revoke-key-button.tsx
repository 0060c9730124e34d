import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, problemOf, unwrap, type Schemas } from '../../api.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';

/** "Revoke key <name>", after a confirmation: programs using it are refused from then on. */
export function RevokeKeyButton({ apiKey }: { apiKey: Schemas['Key'] }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const revoke = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/keys/{id}', { params: { path: { id: apiKey.id } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['keys'] });
      setOpen(false);
    },
  });
  const close = () => {
    setOpen(false);
    revoke.reset();
  };
  return (
    <>
      <button type="button" className="small" aria-label={`Revoke key ${apiKey.name}`} onClick={() => setOpen(true)}>
        Revoke
      </button>
      <ConfirmDialog
        open={open}
        title={`Revoke key ${apiKey.name}?`}
        confirmLabel="Revoke key"
        danger
        askReason={false}
        pending={revoke.isPending}
        error={revoke.isError ? problemOf(revoke.error).message : undefined}
        onConfirm={() => revoke.mutate()}
        onClose={close}
      >
        <p>
          Whatever uses this {apiKey.kind} key
          {apiKey.environment !== null && <> for {apiKey.environment}</>} is refused from its next request, and its open
          streams close. A revoked key cannot be brought back.
        </p>
      </ConfirmDialog>
    </>
  );
}
