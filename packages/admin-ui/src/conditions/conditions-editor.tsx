import { useContext, useId, useRef } from 'react';
import { FieldErrorsContext, fieldId } from '../ui/field-errors.js';
import { focusSoon } from '../ui/focus-soon.js';
import { NEW_CONDITION, type ConditionDraft } from './condition.js';
import { ConditionRow } from './condition-row.js';
import '../ui/editor.css';
import './conditions.css';

/** Attributes the SDKs know, offered as suggestions (any other attribute works as well). */
const WELL_KNOWN = ['userId', 'sessionId', 'remoteAddress', 'currentTime', 'appName', 'environment', 'email', 'plan'];

/**
 * A list of conditions, all of which must hold: add, edit, remove. `owner` ("rule 2", or
 * nothing for a segment) completes each control's accessible name; `path` is where the
 * server's details name them (`rules.1.conditions`, `conditions`).
 */
export function ConditionsEditor({
  conditions,
  path,
  owner,
  onChange,
}: {
  conditions: readonly ConditionDraft[];
  path: string;
  owner?: string;
  onChange: (conditions: ConditionDraft[]) => void;
}) {
  const listId = `${useId()}-attributes`;
  const addRef = useRef<HTMLButtonElement>(null);
  const { idPrefix } = useContext(FieldErrorsContext);
  const of = owner === undefined ? '' : ` of ${owner}`;
  const replace = (index: number, condition: ConditionDraft) =>
    onChange(conditions.map((current, i) => (i === index ? condition : current)));
  return (
    <fieldset className="conditions">
      <legend>Conditions{of}</legend>
      <datalist id={listId}>
        {WELL_KNOWN.map((attribute) => (
          <option key={attribute} value={attribute} />
        ))}
      </datalist>
      {conditions.length === 0 ? (
        <p className="hint">No conditions{owner === undefined ? ': the segment holds everyone' : ''}.</p>
      ) : (
        <ol className="condition-list">
          {conditions.map((condition, i) => (
            <ConditionRow
              key={i}
              condition={condition}
              path={`${path}.${i}`}
              name={`condition ${i + 1}${of}`}
              attributesListId={listId}
              onChange={(next) => replace(i, next)}
              onRemove={() => {
                onChange(conditions.filter((_, j) => j !== i));
                addRef.current?.focus();
              }}
            />
          ))}
        </ol>
      )}
      <button
        ref={addRef}
        type="button"
        className="small"
        aria-label={`Add condition${owner === undefined ? '' : ` to ${owner}`}`}
        onClick={() => {
          onChange([...conditions, NEW_CONDITION]);
          focusSoon(fieldId(idPrefix, `${path}.${conditions.length}.attribute`));
        }}
      >
        Add condition
      </button>
    </fieldset>
  );
}
