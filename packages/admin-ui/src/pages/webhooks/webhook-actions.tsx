import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, problemOf, unwrap, type Schemas } from '../../api.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';

type Webhook = Schemas['Webhook'];

/** "Disable webhook <url>" holds its events; "Enable webhook <url>" sends what waited. */
export function EnableWebhookButton({ webhook }: { webhook: Webhook }) {
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH('/api/v1/webhooks/{id}', {
          params: { path: { id: webhook.id } },
          body: { enabled: !webhook.enabled },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhooks'] }),
  });
  const label = webhook.enabled ? 'Disable' : 'Enable';
  return (
    <>
      <button
        type="button"
        className="small"
        aria-label={`${label} webhook ${webhook.url}`}
        disabled={toggle.isPending}
        onClick={() => toggle.mutate()}
      >
        {label}
      </button>
      {toggle.isError && (
        <span role="alert" className="error">
          {problemOf(toggle.error).message}
        </span>
      )}
    </>
  );
}

/** "Delete webhook <url>", after a confirmation, with its deliveries. */
export function DeleteWebhookButton({ webhook }: { webhook: Webhook }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/webhooks/{id}', { params: { path: { id: webhook.id } } })),
    onSuccess: async () => {
      // Its deliveries are gone with it: forgotten, not asked for again.
      queryClient.removeQueries({ queryKey: ['webhooks', webhook.id] });
      await queryClient.invalidateQueries({ queryKey: ['webhooks'], exact: true });
      setOpen(false);
    },
  });
  return (
    <>
      <button
        type="button"
        className="small"
        aria-label={`Delete webhook ${webhook.url}`}
        onClick={() => setOpen(true)}
      >
        Delete
      </button>
      <ConfirmDialog
        open={open}
        title="Delete this webhook?"
        confirmLabel="Delete webhook"
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
        <p className="webhook-url">{webhook.url}</p>
        <p>No more events go there. Its deliveries are deleted with it, those still waiting too.</p>
      </ConfirmDialog>
    </>
  );
}
