import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import './fields.css';

/**
 * The attributes that tie a control to its label and to the message under it. The label names
 * the control by `for`, not by wrapping it, so that a select's name is its label alone and not
 * the label followed by the chosen option.
 */
function useField(error: string | undefined, hasHint = false) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hasHint ? hintId : '', error === undefined ? '' : errorId].filter((part) => part !== '');
  return {
    id,
    errorId,
    hintId,
    control: {
      id,
      'aria-invalid': error !== undefined,
      'aria-describedby': describedBy.length === 0 ? undefined : describedBy.join(' '),
    },
  };
}

/** A field's error, under it; `id` is what the control's `aria-describedby` names. */
export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  if (error === undefined) return null;
  return (
    <p id={id} className="field-error">
      {error}
    </p>
  );
}

/** A labelled input with the server's message about it, if any. */
export function TextField({
  label,
  error,
  hint,
  ...input
}: { label: string; error?: string | undefined; hint?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  const field = useField(error, hint !== undefined);
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint !== undefined && (
        <span id={field.hintId} className="hint">
          {hint}
        </span>
      )}
      <input {...input} {...field.control} />
      <FieldError id={field.errorId} error={error} />
    </div>
  );
}

/** A labelled select with the server's message about it, if any. */
export function SelectField({
  label,
  error,
  children,
  ...select
}: { label: string; error?: string | undefined; children: ReactNode } & SelectHTMLAttributes<HTMLSelectElement>) {
  const field = useField(error);
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <select {...select} {...field.control}>
        {children}
      </select>
      <FieldError id={field.errorId} error={error} />
    </div>
  );
}

/** What went wrong that no field shows; nothing when all is well. */
export function FormAlert({ message }: { message: string | undefined }) {
  if (message === undefined) return null;
  return (
    <p role="alert" className="error">
      {message}
    </p>
  );
}
