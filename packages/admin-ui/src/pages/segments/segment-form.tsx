import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { api, problemOf, RampartApiError, unwrap, type Schemas } from '../../api.js';
import type { FieldProblem } from '../../conditions/condition.js';
import { ConditionsEditor } from '../../conditions/conditions-editor.js';
import { ErrorSummary, FieldErrorsContext, useField } from '../../ui/field-errors.js';
import { errorsByField } from '../../ui/field-path.js';
import { NEW_SEGMENT, SEGMENT_FIELDS, segmentDraftOf, segmentOfDraft, type SegmentDraft } from './segment-draft.js';

const ID_PREFIX = 'segment';

/** Creates a segment (`segment` absent) or replaces one: key, name, description and conditions. */
export function SegmentForm({ segment, onDone }: { segment?: Schemas['Segment']; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<SegmentDraft>(() =>
    segment === undefined ? NEW_SEGMENT : segmentDraftOf(segment),
  );
  const [checkAsTyped, setCheckAsTyped] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<{ message: string; details: readonly FieldProblem[] } | undefined>();
  const { segment: body, problems } = useMemo(() => segmentOfDraft(draft), [draft]);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        segment === undefined
          ? api.POST('/api/v1/segments', { body })
          : api.PUT('/api/v1/segments/{key}', {
              params: { path: { key: segment.key } },
              body: { name: body.name, description: body.description, conditions: body.conditions },
            }),
      ),
    onSuccess: onDone,
    onError: (error) => {
      const details = error instanceof RampartApiError ? error.details : [];
      const message = details.length > 0 ? 'The server refused these:' : problemOf(error).message;
      setFailure({ message: `Not saved. ${message}`, details });
    },
    onSettled: () => queryClient.invalidateQueries(),
  });
  const shown =
    checkAsTyped && problems.length > 0 ? { message: 'Fix these before saving:', details: problems } : failure;
  const errors = useMemo(() => errorsByField(shown?.details ?? [], SEGMENT_FIELDS), [shown]);
  const set = (change: Partial<SegmentDraft>) => setDraft((current) => ({ ...current, ...change }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCheckAsTyped(true);
    setAttempt((count) => count + 1);
    setFailure(undefined);
    if (problems.length === 0) save.mutate();
  };
  return (
    <FieldErrorsContext.Provider value={{ idPrefix: ID_PREFIX, errors }}>
      <form className="editor segment-form" onSubmit={submit} noValidate>
        {shown !== undefined && (
          <ErrorSummary
            message={shown.message}
            details={shown.details}
            patterns={SEGMENT_FIELDS}
            idPrefix={ID_PREFIX}
            attempt={attempt}
          />
        )}
        {segment === undefined && (
          <TextField label="Key" field="key" value={draft.key} onChange={(key) => set({ key })} autoFocus />
        )}
        <TextField
          label="Name"
          field="name"
          value={draft.name}
          onChange={(name) => set({ name })}
          autoFocus={segment !== undefined}
        />
        <TextField
          label="Description"
          field="description"
          value={draft.description}
          onChange={(description) => set({ description })}
        />
        <ConditionsEditor
          conditions={draft.conditions}
          path="conditions"
          onChange={(conditions) => set({ conditions })}
        />
        <p className="hint">A user is in the segment when every condition holds.</p>
        <div className="actions">
          <button type="button" onClick={onDone}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={save.isPending}>
            {segment === undefined ? 'Create segment' : 'Save segment'}
          </button>
        </div>
      </form>
    </FieldErrorsContext.Provider>
  );
}

function TextField({
  label,
  field,
  value,
  onChange,
  autoFocus = false,
}: {
  label: string;
  field: string;
  value: string;
  onChange: (value: string) => void;
  autoFocus?: boolean;
}) {
  const { control, error } = useField(field);
  return (
    <div>
      <label>
        {label}
        <input {...control} value={value} onChange={(e) => onChange(e.target.value)} autoFocus={autoFocus} />
      </label>
      {error}
    </div>
  );
}
