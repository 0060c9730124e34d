import { useId, useRef, useState, type ReactNode } from 'react';
import './fields.css';
import './secret-once.css';

type Copy = 'idle' | 'copied' | 'failed';

const COPY_TEXT: Record<Copy, string> = {
  idle: '',
  copied: 'Copied.',
  failed: 'Could not copy: the text is selected, copy it with your keyboard.',
};

/**
 * A secret the server shows once (a key, a token, a link, a signing secret): selectable text,
 * a Copy button, and the warning that it will not be shown again. The secret lives only as
 * long as this component: close what shows it and it is gone.
 */
export function SecretOnce({ label, value }: { label: string; value: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<Copy>('idle');
  const copyIt = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopy('copied');
    } catch {
      input.current?.select();
      setCopy('failed');
    }
  };
  return (
    <div className="secret-once">
      <div className="secret-row">
        <div className="field">
          <label htmlFor={id}>{label}</label>
          <input
            id={id}
            ref={input}
            className="secret"
            value={value}
            readOnly
            autoFocus
            spellCheck={false}
            autoComplete="off"
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
        <button type="button" onClick={() => void copyIt()}>
          Copy
        </button>
      </div>
      <p role="status" className="copy-status">
        {COPY_TEXT[copy]}
      </p>
      <p className="secret-warning">
        <strong>Copy it now: it will not be shown again.</strong>
      </p>
    </div>
  );
}

/**
 * What a form shows once the server has made the secret: what was made (`children`), the secret
 * with its Copy button, an optional `note` on using it, and Done.
 *
 * @example
 * <SecretResult label="Key" value={key.secret} onDone={onDone}><p>The key is ready.</p></SecretResult>
 */
export function SecretResult({
  label,
  value,
  note,
  onDone,
  children,
}: {
  label: string;
  value: string;
  note?: ReactNode;
  onDone: () => void;
  children: ReactNode;
}) {
  return (
    <div className="secret-result">
      {children}
      <SecretOnce label={label} value={value} />
      {note}
      <div className="actions">
        <button type="button" className="primary" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
