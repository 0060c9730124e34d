import { useId, useMemo, useState } from 'react';
import { diffJson, formatJsonValue, type DiffLine } from './json-diff.js';
import './diff-view.css';
import './visually-hidden.css';

/** How many changed fields show before the rest fold away behind "Show all". */
const FOLDED_LINES = 6;

/**
 * What changed between two JSON values, a line per field: `rules[0].rollout.percentage: 5 → 25`,
 * with what was added and removed named in words (colour only repeats them). Long diffs show
 * their first lines and a button for the rest.
 */
export function DiffView({ before, after }: { before: unknown; after: unknown }) {
  const lines = useMemo(() => diffJson(before, after), [before, after]);
  const [expanded, setExpanded] = useState(false);
  const id = useId();
  if (lines.length === 0) return <p className="diff-none">No field changed.</p>;
  const shown = expanded ? lines : lines.slice(0, FOLDED_LINES);
  return (
    <div className="diff">
      <ul className="diff-lines" id={id}>
        {shown.map((line, index) => (
          <DiffLineItem key={index} line={line} />
        ))}
      </ul>
      {lines.length > FOLDED_LINES && (
        <button
          type="button"
          className="link"
          aria-expanded={expanded}
          aria-controls={id}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? 'Show fewer changes' : `Show all ${lines.length} changes`}
        </button>
      )}
    </div>
  );
}

const Path = ({ path }: { path: string }) => <code className="diff-path">{path === '' ? '(value)' : path}</code>;

function DiffLineItem({ line }: { line: DiffLine }) {
  switch (line.kind) {
    case 'changed':
      return (
        <li className="diff-changed">
          <Path path={line.path} />: <span className="diff-before">{formatJsonValue(line.before)}</span>
          <span className="diff-arrow" aria-hidden="true">
            →
          </span>
          <span className="visually-hidden"> changed to </span>
          <span className="diff-after">{formatJsonValue(line.after)}</span>
        </li>
      );
    case 'added':
      return (
        <li className="diff-added">
          <Path path={line.path} />
          <span className="diff-kind">added</span>
          <span className="diff-after">{formatJsonValue(line.after)}</span>
        </li>
      );
    case 'removed':
      return (
        <li className="diff-removed">
          <Path path={line.path} />
          <span className="diff-kind">removed</span>
          <span className="diff-before">{formatJsonValue(line.before)}</span>
        </li>
      );
    case 'moved':
      return (
        <li className="diff-changed">
          <Path path={`${line.path}[${line.from}]`} />
          <span className="diff-kind">moved to</span>
          <Path path={`${line.path}[${line.to}]`} />
        </li>
      );
  }
}
