import { useField } from '../ui/field-errors.js';
import type { ConditionDraft } from './condition.js';
import { dateTimeInputOf, isoOfDateTimeInput, linesOf } from './operand.js';
import { OPERATOR_INFO } from './operators.js';

const HINTS = {
  list: 'One value per line.',
  cidr: 'One address or CIDR range per line, e.g. 10.0.0.0/8 or 2001:db8::/32; IPv4 and IPv6 never match each other.',
  number: 'Compared as a number.',
  date: 'In UTC. Leave the attribute as currentTime to compare with the time of evaluation.',
  semver: 'A strict SemVer 2.0 version, e.g. 1.4.0 or 2.0.0-beta.1 (no leading v).',
  regex: 'RE2 syntax; matches anywhere in the value unless anchored with ^ and $.',
} as const;

/**
 * The operand of a condition, as its operator reads it: a list (one entry per line), a number,
 * a date and time in UTC, a version, or a pattern; with a hint saying how it is read.
 * `name` completes the accessible name: "Values of condition 1 of rule 2".
 */
export function OperandInput({
  condition,
  path,
  name,
  onChange,
}: {
  condition: ConditionDraft;
  path: string;
  name: string;
  onChange: (values: string[]) => void;
}) {
  const { kind } = OPERATOR_INFO[condition.operator];
  const field = useField(`${path}.values`, { hint: true });
  const first = condition.values[0] ?? '';
  const hint = (
    <p id={field.hintId} className="hint">
      {HINTS[kind]}
    </p>
  );
  if (kind === 'list' || kind === 'cidr') {
    const count = condition.values.filter((value) => value.trim() !== '').length;
    return (
      <div className="operand">
        <label>
          Values <span className="muted">({count})</span>
          <textarea
            {...field.control}
            aria-label={`Values of ${name}`}
            className="code"
            rows={Math.min(6, Math.max(2, condition.values.length))}
            spellCheck={false}
            value={condition.values.join('\n')}
            onChange={(e) => onChange(linesOf(e.target.value))}
          />
        </label>
        {hint}
        {field.error}
      </div>
    );
  }
  const shownDate = kind === 'date' ? dateTimeInputOf(first) : undefined;
  const dateInput = kind === 'date' && (first === '' || shownDate !== undefined);
  return (
    <div className="operand">
      <label>
        {kind === 'date' ? 'Date and time (UTC)' : kind === 'regex' ? 'Pattern' : 'Value'}
        <input
          {...field.control}
          aria-label={`${kind === 'date' ? 'Date and time (UTC)' : kind === 'regex' ? 'Pattern' : 'Value'} of ${name}`}
          type={kind === 'number' ? 'number' : dateInput ? 'datetime-local' : 'text'}
          step={kind === 'number' ? 'any' : dateInput ? 1 : undefined}
          spellCheck={false}
          className={kind === 'regex' || kind === 'semver' ? 'code' : undefined}
          value={dateInput ? (shownDate ?? '') : first}
          onChange={(e) => onChange([dateInput ? isoOfDateTimeInput(e.target.value) : e.target.value])}
        />
      </label>
      {hint}
      {field.error}
    </div>
  );
}
