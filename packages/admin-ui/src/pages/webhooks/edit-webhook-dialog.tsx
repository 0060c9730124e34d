import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, problemOf, unwrap, type Schemas } from '../../api.js';
import { DialogButton } from '../../ui/dialog-button.js';
import { FormAlert } from '../../ui/fields.js';
import { formErrors } from '../../ui/form-errors.js';
import { WEBHOOK_FIELDS, WebhookFields } from './webhook-fields.js';
import { webhookBody, webhookFormOf } from './webhook-form-rules.js';

type Webhook = Schemas['Webhook'];

/** "Edit webhook <url>": its URL, format, events and environments; the secret stays. */
export function EditWebhookButton({ webhook }: { webhook: Webhook }) {
  return (
    <DialogButton className="small" aria-label={`Edit webhook ${webhook.url}`} label="Edit" title="Edit webhook">
      {(close) => <EditWebhookForm webhook={webhook} onDone={close} />}
    </DialogButton>
  );
}

function EditWebhookForm({ webhook, onDone }: { webhook: Webhook; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState(() => webhookFormOf(webhook));
  const save = useMutation({
    mutationFn: () =>
      unwrap(api.PATCH('/api/v1/webhooks/{id}', { params: { path: { id: webhook.id } }, body: webhookBody(form) })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['webhooks'] });
      onDone();
    },
  });
  const errors = formErrors(save.isError ? problemOf(save.error) : undefined, WEBHOOK_FIELDS);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} className="webhook-form">
      <WebhookFields form={form} onChange={setForm} errors={errors} />
      <p className="muted">The signing secret stays the same.</p>
      <FormAlert message={errors.message} />
      <div className="actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={save.isPending}>
          Save webhook
        </button>
      </div>
    </form>
  );
}
