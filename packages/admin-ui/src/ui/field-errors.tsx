import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import { describePath, fieldOf } from './field-path.js';

export interface FieldErrors {
  /** Unique on the page for each form: a field's control has the id `<idPrefix>-<field>`. */
  idPrefix: string;
  /** By field (`rules.0.rollout.percentage`), the messages to show there. */
  errors: ReadonlyMap<string, readonly string[]>;
}

export const FieldErrorsContext = createContext<FieldErrors>({ idPrefix: 'form', errors: new Map() });

/** The id of a field's control in a form. */
export function fieldId(idPrefix: string, field: string): string {
  return `${idPrefix}-${field}`;
}

/**
 * A field of the form around it: the attributes of its control (id, `aria-invalid`,
 * `aria-describedby` naming its hint and its messages), the id its hint takes, and the
 * messages to show under it.
 */
export function useField(field: string, { hint = false }: { hint?: boolean } = {}) {
  const { idPrefix, errors } = useContext(FieldErrorsContext);
  const id = fieldId(idPrefix, field);
  const messages = errors.get(field);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', messages === undefined ? '' : errorId].filter((part) => part !== '');
  return {
    control: {
      id,
      'aria-invalid': messages === undefined ? undefined : true,
      'aria-describedby': describedBy.length === 0 ? undefined : describedBy.join(' '),
    },
    hintId,
    error:
      messages === undefined ? null : (
        <p id={errorId} className="field-error">
          {messages.join('; ')}
        </p>
      ),
  };
}

/**
 * What stopped a save, at the top of a form: the message, then each detail with a link that
 * moves focus to its field. It takes the focus when it appears and at each new `attempt` to
 * save (never while the person types), so that keyboard and screen reader users start from it.
 */
export function ErrorSummary({
  message,
  details,
  patterns,
  idPrefix,
  attempt,
  children,
}: {
  message: string;
  details: readonly { path: string; message: string }[];
  patterns: readonly string[];
  idPrefix: string;
  attempt: number;
  children?: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [attempt]);
  return (
    <div ref={ref} role="alert" className="error-summary" tabIndex={-1}>
      <p>{message}</p>
      {details.length > 0 && (
        <ul>
          {details.map((detail, i) => {
            const field = fieldOf(detail.path, patterns);
            const where = detail.path === '' ? '' : `${describePath(detail.path)}: `;
            return (
              <li key={i}>
                {field === undefined ? (
                  `${where}${detail.message}`
                ) : (
                  <a
                    href={`#${fieldId(idPrefix, field)}`}
                    onClick={(event) => {
                      event.preventDefault();
                      document.getElementById(fieldId(idPrefix, field))?.focus();
                    }}
                  >
                    {where}
                    {detail.message}
                  </a>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {children}
    </div>
  );
}
