import { useId } from 'react';
import type { ProtectionForm } from './protection.js';

/**
 * The protection of an environment: protected or not, and whether editors may change it too.
 * Errors about either show under the fieldset.
 */
export function ProtectionFields({
  form,
  onChange,
  error,
}: {
  form: ProtectionForm;
  onChange: (form: ProtectionForm) => void;
  error: string | undefined;
}) {
  const id = useId();
  return (
    <fieldset
      className={`choices${error === undefined ? '' : ' invalid'}`}
      aria-describedby={`${id}-hint${error === undefined ? '' : ` ${id}-error`}`}
    >
      <legend>Protection</legend>
      <p id={`${id}-hint`} className="muted hint">
        Flags&apos; configurations in a protected environment (their rules, kills, release plans and triggers) may be
        changed only by admins and the roles it lists.
      </p>
      <label className="check">
        <input
          type="checkbox"
          checked={form.protected}
          onChange={(e) => onChange({ ...form, protected: e.target.checked })}
        />
        Protected
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={form.editors}
          disabled={!form.protected}
          onChange={(e) => onChange({ ...form, editors: e.target.checked })}
        />
        Editors may change it too
      </label>
      {error !== undefined && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
