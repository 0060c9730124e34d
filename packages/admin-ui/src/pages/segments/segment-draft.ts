import type { Schemas } from '../../api.js';
import {
  conditionDraftOf,
  conditionInputOf,
  conditionProblems,
  type ConditionDraft,
  type FieldProblem,
} from '../../conditions/condition.js';
import { conditionFields } from '../../conditions/condition-fields.js';

/** A segment as its form holds it. */
export interface SegmentDraft {
  key: string;
  name: string;
  description: string;
  conditions: ConditionDraft[];
}

/** The form's fields, as the server's `error.details[].path` names them. */
export const SEGMENT_FIELDS: readonly string[] = ['key', 'name', 'description', ...conditionFields('conditions')];

export const NEW_SEGMENT: SegmentDraft = { key: '', name: '', description: '', conditions: [] };

/** A stored segment as the form's starting point. */
export function segmentDraftOf(segment: Schemas['Segment']): SegmentDraft {
  return {
    key: segment.key,
    name: segment.name,
    description: segment.description,
    conditions: segment.conditions.map(conditionDraftOf),
  };
}

/**
 * The segment to send, or what stops it, at the paths the server would name.
 *
 * @example
 * const { segment, problems } = segmentOfDraft(draft);
 */
export function segmentOfDraft(draft: SegmentDraft): { segment: Schemas['CreateSegment']; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  if (draft.key.trim() === '') problems.push({ path: 'key', message: 'enter a key' });
  else if (/[\s/]/.test(draft.key)) problems.push({ path: 'key', message: 'must not contain whitespace or "/"' });
  draft.conditions.forEach((condition, i) => problems.push(...conditionProblems(condition, `conditions.${i}`)));
  return {
    segment: {
      key: draft.key,
      name: draft.name,
      description: draft.description,
      conditions: draft.conditions.map(conditionInputOf),
    },
    problems,
  };
}
