import { useEffect, useRef } from 'react';
import type { Schemas } from '../../../api.js';
import { Dialog } from '../../../ui/dialog.js';
import { ConfigSummary } from './config-summary.js';
import { describeChanges } from './describe-config.js';
import type { DraftField } from './draft.js';

const FIELD_WORDS: Record<DraftField, string> = {
  rules: 'the rules',
  variants: 'the variants',
  variantsBucketBy: 'the variants’ unit chain',
  defaultVariant: 'the default variant',
  prerequisites: 'the prerequisites',
};

/**
 * Someone else saved a newer version while the person edited: what they changed, and the
 * person's choice: redo their own changes on top of it, or discard them. Nothing is saved
 * until the person saves again.
 */
export function ConflictDialog({
  flag,
  environment,
  type,
  base,
  latest,
  mine,
  both,
  onRedo,
  onDiscard,
  onClose,
}: {
  flag: string;
  environment: string;
  type: Schemas['Flag']['type'];
  base: Schemas['FlagConfig'];
  latest: Schemas['FlagConfig'] | undefined;
  mine: readonly DraftField[];
  both: readonly DraftField[];
  onRedo: () => void;
  onDiscard: () => void;
  onClose: () => void;
}) {
  const changes = latest === undefined ? [] : describeChanges(base, latest);
  const redo = useRef<HTMLButtonElement>(null);
  // After the dialog opens (its own effect runs first): the choice that loses nothing.
  useEffect(() => {
    if (latest !== undefined) redo.current?.focus();
  }, [latest]);
  return (
    <Dialog open={latest !== undefined} title={`Someone else changed ${flag} in ${environment}`} onClose={onClose}>
      {latest !== undefined && (
        <div className="conflict">
          <p>
            You started from version {base.version}; version {latest.version} is now saved. Their changes:
          </p>
          {changes.length === 0 ? (
            <p className="muted">Nothing in the rules, variants or prerequisites.</p>
          ) : (
            <ul className="changes">
              {changes.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          )}
          <details>
            <summary>Their version in full</summary>
            <ConfigSummary config={latest} type={type} />
          </details>
          <p>
            Your unsaved changes: {mine.length === 0 ? 'none' : mine.map((field) => FIELD_WORDS[field]).join(', ')}.
          </p>
          {both.length > 0 && (
            <p className="warning">
              You both changed {both.map((field) => FIELD_WORDS[field]).join(' and ')}: redoing yours replaces theirs
              there when you save.
            </p>
          )}
          <div className="actions">
            <button type="button" onClick={onDiscard}>
              Discard my changes
            </button>
            <button ref={redo} type="button" className="primary" onClick={onRedo}>
              Redo my changes on top
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
