import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { api, problemOf, unwrap } from '../../api.js';
import { usePermissions } from '../../auth/permissions.js';
import { Dialog } from '../../ui/dialog.js';

/** "New flag": a key, a type and a description; then the flag's page. */
export function CreateFlagForm() {
  const { canEdit } = usePermissions();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState('');
  const [type, setType] = useState<'boolean' | 'string' | 'number' | 'json'>('boolean');
  const [description, setDescription] = useState('');
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/flags', { body: { key, type, description } })),
    onSuccess: async (flag) => {
      await queryClient.invalidateQueries({ queryKey: ['flags'] });
      setOpen(false);
      navigate(`/flags/${encodeURIComponent(flag.key)}`);
    },
  });
  if (!canEdit) return null;
  const fields = create.isError ? problemOf(create.error).fields : new Map<string, string>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <>
      <button type="button" className="primary" onClick={() => setOpen(true)}>
        New flag
      </button>
      <Dialog open={open} title="New flag" onClose={() => setOpen(false)}>
        <form onSubmit={submit}>
          <label>
            Key
            <input
              value={key}
              onChange={(e) => setKey(e.target.value)}
              required
              autoFocus
              aria-invalid={fields.has('key')}
              aria-describedby={fields.has('key') ? 'new-flag-key-error' : undefined}
            />
          </label>
          {fields.has('key') && (
            <p id="new-flag-key-error" className="field-error">
              {fields.get('key')}
            </p>
          )}
          <label>
            Type
            <select value={type} onChange={(e) => setType(e.target.value as typeof type)}>
              <option value="boolean">boolean</option>
              <option value="string">string</option>
              <option value="number">number</option>
              <option value="json">json</option>
            </select>
          </label>
          <label>
            Description
            <input value={description} onChange={(e) => setDescription(e.target.value)} />
          </label>
          {create.isError && fields.size === 0 && (
            <p role="alert" className="error">
              {problemOf(create.error).message}
            </p>
          )}
          <div className="actions">
            <button type="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={create.isPending}>
              Create
            </button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
