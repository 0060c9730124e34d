import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';

/** The attributes that tie a control to the message under it. */
function invalid(error: string | undefined, errorId: string) {
  return { 'aria-invalid': error !== undefined, 'aria-describedby': error === undefined ? undefined : errorId };
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
  ...input
}: { label: string; error?: string | undefined } & InputHTMLAttributes<HTMLInputElement>) {
  const errorId = `${useId()}-error`;
  return (
    <>
      <label>
        {label}
        <input {...input} {...invalid(error, errorId)} />
      </label>
      <FieldError id={errorId} error={error} />
    </>
  );
}

/** A labelled select with the server's message about it, if any. */
export function SelectField({
  label,
  error,
  children,
  ...select
}: { label: string; error?: string | undefined; children: ReactNode } & SelectHTMLAttributes<HTMLSelectElement>) {
  const errorId = `${useId()}-error`;
  return (
    <>
      <label>
        {label}
        <select {...select} {...invalid(error, errorId)}>
          {children}
        </select>
      </label>
      <FieldError id={errorId} error={error} />
    </>
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
