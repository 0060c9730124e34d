import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, problemOf, unwrap, type Schemas } from '../../api.js';
import { DialogButton } from '../../ui/dialog-button.js';
import { FormAlert } from '../../ui/fields.js';
import { formErrors } from '../../ui/form-errors.js';
import { protectionBody, protectionFormOf } from './protection.js';
import { ProtectionFields } from './protection-fields.js';

/** "Change protection of <key>": an admin protects an environment, or lets editors in. */
export function ProtectionButton({ environment }: { environment: Schemas['Environment'] }) {
  return (
    <DialogButton
      className="small"
      aria-label={`Change protection of ${environment.key}`}
      label="Change protection"
      title={`Protection of ${environment.name}`}
    >
      {(close) => <ProtectionForm environment={environment} onDone={close} />}
    </DialogButton>
  );
}

function ProtectionForm({ environment, onDone }: { environment: Schemas['Environment']; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState(() => protectionFormOf(environment));
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH('/api/v1/environments/{key}', {
          params: { path: { key: environment.key } },
          body: protectionBody(form, environment.protectedRoles),
        }),
      ),
    onSuccess: async () => {
      // The flag screens read protection from the same list.
      await queryClient.invalidateQueries({ queryKey: ['environments'] });
      onDone();
    },
  });
  const errors = formErrors(save.isError ? problemOf(save.error) : undefined, ['protected', 'protectedRoles']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit}>
      <ProtectionFields
        form={form}
        onChange={setForm}
        error={errors.fields.get('protected') ?? errors.fields.get('protectedRoles')}
      />
      <FormAlert message={errors.message} />
      <div className="actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={save.isPending}>
          Save protection
        </button>
      </div>
    </form>
  );
}
