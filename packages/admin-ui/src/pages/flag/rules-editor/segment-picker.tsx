import { Link } from 'wouter';
import { useSegments } from '../../../segments/use-segments.js';
import { useField } from '../../../ui/field-errors.js';

/**
 * The segments a rule requires (all of them), picked among the existing ones: one checkbox
 * each, labelled by the segment's key. A segment the rule names that no longer exists stays
 * listed, so that it can be unticked.
 */
export function SegmentPicker({
  selected,
  path,
  ruleNumber,
  onChange,
}: {
  selected: readonly string[];
  path: string;
  ruleNumber: number;
  onChange: (segments: string[]) => void;
}) {
  const segments = useSegments();
  const field = useField(path);
  const known = segments.data ?? [];
  const missing = selected.filter((key) => !known.some((segment) => segment.key === key));
  const toggle = (key: string, on: boolean) =>
    onChange(on ? [...selected, key] : selected.filter((current) => current !== key));
  return (
    <fieldset
      id={field.control.id}
      tabIndex={-1}
      className="segment-picker"
      aria-describedby={field.control['aria-describedby']}
    >
      <legend>Segments of rule {ruleNumber}</legend>
      {segments.isPending && <p className="hint">Loading segments…</p>}
      {segments.isSuccess && known.length === 0 && missing.length === 0 && (
        <p className="hint">
          No segments yet: <Link href="/segments">create one</Link> to reuse a group of conditions.
        </p>
      )}
      <div className="checks">
        {known.map((segment) => (
          <span key={segment.key} className="check-item">
            <label className="check">
              <input
                type="checkbox"
                checked={selected.includes(segment.key)}
                onChange={(e) => toggle(segment.key, e.target.checked)}
              />
              {segment.key}
            </label>
            {segment.name !== '' && segment.name !== segment.key && <span className="muted"> {segment.name}</span>}
          </span>
        ))}
        {missing.map((key) => (
          <span key={key} className="check-item">
            <label className="check">
              <input type="checkbox" checked onChange={() => toggle(key, false)} />
              {key}
            </label>
            <span className="error"> (does not exist)</span>
          </span>
        ))}
      </div>
      {selected.length > 1 && <p className="hint">A user must be in every segment ticked.</p>}
      {field.error}
    </fieldset>
  );
}
