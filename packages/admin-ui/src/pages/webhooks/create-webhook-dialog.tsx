import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, problemOf, unwrap, type Schemas } from '../../api.js';
import { DialogButton } from '../../ui/dialog-button.js';
import { FormAlert } from '../../ui/fields.js';
import { formErrors } from '../../ui/form-errors.js';
import { SecretResult } from '../../ui/secret-once.js';
import { WEBHOOK_FIELDS, WebhookFields } from './webhook-fields.js';
import { EMPTY_WEBHOOK_FORM, webhookBody } from './webhook-form-rules.js';

/** "New webhook": URL, format, events and environments; then its signing secret, once. */
export function CreateWebhookButton() {
  return (
    <DialogButton className="primary" label="New webhook" title="New webhook">
      {(close) => <CreateWebhookForm onDone={close} />}
    </DialogButton>
  );
}

function CreateWebhookForm({ onDone }: { onDone: () => void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState(EMPTY_WEBHOOK_FORM);
  const create = useMutation({
    mutationFn: (body: Schemas['CreateWebhook']) => unwrap(api.POST('/api/v1/webhooks', { body })),
    // The answer holds the signing secret: dropped from the cache as soon as this form is gone.
    gcTime: 0,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhooks'] }),
  });
  if (create.data !== undefined) {
    return (
      <SecretResult label="Signing secret" value={create.data.secret} onDone={onDone}>
        <p>
          Events go to <strong>{create.data.url}</strong> from now on. The receiver checks each message&apos;s{' '}
          <code>webhook-signature</code> with this secret.
        </p>
      </SecretResult>
    );
  }
  const errors = formErrors(create.isError ? problemOf(create.error) : undefined, WEBHOOK_FIELDS);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(webhookBody(form));
  };
  return (
    <form onSubmit={submit} className="webhook-form">
      <WebhookFields form={form} onChange={setForm} errors={errors} />
      <FormAlert message={errors.message} />
      <div className="actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={create.isPending}>
          Create webhook
        </button>
      </div>
    </form>
  );
}
