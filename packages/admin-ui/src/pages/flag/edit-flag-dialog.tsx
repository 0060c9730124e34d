import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, problemOf, unwrap, type Schemas } from '../../api.js';
import { DialogButton } from '../../ui/dialog-button.js';
import { flagFormOf, flagPatch, type FlagForm } from './flag-patch.js';

const TYPES = ['boolean', 'string', 'number', 'json'] as const;

/** "Edit details": the flag's type, description, tags, owner, temporary and client-side, sent as one PATCH of what changed. */
export function EditFlagButton({ flag }: { flag: Schemas['FlagWithEnvironments'] }) {
  return (
    <DialogButton label="Edit details" title={`Edit ${flag.key}`}>
      {(close) => <EditFlagForm flag={flag} onDone={close} />}
    </DialogButton>
  );
}

function EditFlagForm({ flag, onDone }: { flag: Schemas['FlagWithEnvironments']; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState<FlagForm>(() => flagFormOf(flag));
  const set = (change: Partial<FlagForm>) => setForm((current) => ({ ...current, ...change }));
  const save = useMutation({
    mutationFn: (body: Schemas['UpdateFlag']) =>
      unwrap(api.PATCH('/api/v1/flags/{key}', { params: { path: { key: flag.key } }, body })),
    onSuccess: onDone,
    onSettled: () => queryClient.invalidateQueries(),
  });
  const problem = save.isError ? problemOf(save.error) : undefined;
  const fieldError = (field: string) => problem?.fields.get(field);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const patch = flagPatch(flag, form);
    if (Object.keys(patch).length === 0) onDone();
    else save.mutate(patch);
  };
  const describedBy = (field: string) => (fieldError(field) === undefined ? undefined : `edit-flag-${field}-error`);
  const error = (field: string) =>
    fieldError(field) === undefined ? null : (
      <p id={`edit-flag-${field}-error`} className="field-error">
        {fieldError(field)}
      </p>
    );
  return (
    <form onSubmit={submit} className="editor">
      <label>
        Description
        <textarea
          rows={2}
          value={form.description}
          onChange={(e) => set({ description: e.target.value })}
          aria-invalid={fieldError('description') === undefined ? undefined : true}
          aria-describedby={describedBy('description')}
          autoFocus
        />
      </label>
      {error('description')}
      <label>
        Tags
        <input
          value={form.tags}
          onChange={(e) => set({ tags: e.target.value })}
          aria-invalid={fieldError('tags') === undefined ? undefined : true}
          aria-describedby={['edit-flag-tags-hint', describedBy('tags')].filter(Boolean).join(' ')}
        />
      </label>
      <p id="edit-flag-tags-hint" className="hint">
        Comma-separated, e.g. web, checkout.
      </p>
      {error('tags')}
      <label>
        Owner
        <input
          value={form.owner}
          onChange={(e) => set({ owner: e.target.value })}
          aria-invalid={fieldError('owner') === undefined ? undefined : true}
          aria-describedby={describedBy('owner')}
        />
      </label>
      {error('owner')}
      <label>
        Type
        <select
          value={form.type}
          onChange={(e) => set({ type: TYPES.find((type) => type === e.target.value) ?? form.type })}
          aria-describedby="edit-flag-type-hint"
        >
          {TYPES.map((type) => (
            <option key={type}>{type}</option>
          ))}
        </select>
      </label>
      <p id="edit-flag-type-hint" className="hint">
        Every variant value in every environment must fit the new type.
      </p>
      <label className="check">
        <input type="checkbox" checked={form.temporary} onChange={(e) => set({ temporary: e.target.checked })} />
        Temporary (a release flag, to be removed once released)
      </label>
      <label className="check">
        <input type="checkbox" checked={form.clientSide} onChange={(e) => set({ clientSide: e.target.checked })} />
        Client-side (browsers’ client keys receive it)
      </label>
      {problem !== undefined && (
        <p role="alert" className="error">
          {problem.message}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={save.isPending}>
          Save details
        </button>
      </div>
    </form>
  );
}
