import { useState } from 'react';
import { problemOf, type Schemas } from '../../api.js';
import { usePermissions } from '../../auth/permissions.js';
import { describeCondition } from '../../conditions/describe-condition.js';
import { useSegments } from '../../segments/use-segments.js';
import { Dialog } from '../../ui/dialog.js';
import { DeleteSegmentButton } from './delete-segment-button.js';
import { SegmentForm } from './segment-form.js';
import './segments.css';

type Editing = { kind: 'new' } | { kind: 'edit'; segment: Schemas['Segment'] } | undefined;

/** Segments: reusable groups of conditions that rules name; listed, created, edited, deleted. */
export function SegmentsPage() {
  const segments = useSegments();
  const { canEdit } = usePermissions();
  const [editing, setEditing] = useState<Editing>();
  const close = () => setEditing(undefined);
  return (
    <>
      <div className="page-head">
        <h1>Segments</h1>
        {canEdit && (
          <button type="button" className="primary" onClick={() => setEditing({ kind: 'new' })}>
            New segment
          </button>
        )}
      </div>
      <p className="muted">
        Groups of users described by conditions, shared by every flag and environment. A rule that names a segment
        applies to users who meet all its conditions.
      </p>
      {segments.isError && (
        <p role="alert" className="error">
          {problemOf(segments.error).message}
        </p>
      )}
      {segments.isPending && <p className="loading">Loading…</p>}
      {segments.isSuccess &&
        (segments.data.length === 0 ? (
          <p>No segments yet.</p>
        ) : (
          <table className="segments">
            <thead>
              <tr>
                <th scope="col">Segment</th>
                <th scope="col">Conditions</th>
                {canEdit && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {segments.data.map((segment) => (
                <tr key={segment.key}>
                  <th scope="row">
                    <span className="segment-key">{segment.key}</span>
                    {segment.name !== '' && segment.name !== segment.key && <div>{segment.name}</div>}
                    {segment.description !== '' && <div className="muted description">{segment.description}</div>}
                  </th>
                  <td>
                    {segment.conditions.length === 0 ? (
                      <span className="muted">none: everyone</span>
                    ) : (
                      <ul className="condition-summary">
                        {segment.conditions.map((condition, i) => (
                          <li key={i}>{describeCondition(condition)}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                  {canEdit && (
                    <td className="row-actions">
                      <button
                        type="button"
                        className="small"
                        aria-label={`Edit ${segment.key}`}
                        onClick={() => setEditing({ kind: 'edit', segment })}
                      >
                        Edit
                      </button>
                      <DeleteSegmentButton segment={segment.key} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      <Dialog
        open={editing !== undefined}
        title={editing?.kind === 'edit' ? `Edit segment ${editing.segment.key}` : 'New segment'}
        onClose={close}
      >
        {editing !== undefined && (
          <SegmentForm
            key={editing.kind === 'edit' ? editing.segment.key : ''}
            segment={editing.kind === 'edit' ? editing.segment : undefined}
            onDone={close}
          />
        )}
      </Dialog>
    </>
  );
}
