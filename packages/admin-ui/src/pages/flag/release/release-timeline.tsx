import type { Schemas } from '../../../api.js';
import { formatDuration } from '../../../ui/duration.js';
import { Moment } from '../../../ui/moment.js';
import { buildTimeline, type StepState, type TimelineStep } from './timeline.js';

const STATE_TEXT: Record<StepState, string> = {
  applied: 'Applied',
  current: 'Current step',
  next: 'Next',
  waiting: 'Waiting',
  skipped: 'Not applied',
};

/** Markers beside the words, for the eye only: the words carry the meaning. */
const MARKER: Record<StepState, string> = { applied: '✓', current: '▶', next: '○', waiting: '○', skipped: '–' };

/** A plan's steps in order: applied ones with their time, the current one, the next one with when it is due. */
export function ReleaseTimeline({ plan, now }: { plan: Schemas['ReleasePlan']; now: number }) {
  return (
    <ol className="timeline" aria-label="Steps">
      {buildTimeline(plan).map((step) => (
        <li
          key={step.number}
          className={`step step-${step.state}`}
          aria-current={step.state === 'current' ? 'step' : undefined}
        >
          <span className="step-marker" aria-hidden="true">
            {MARKER[step.state]}
          </span>
          <span className="step-percentage">{step.percentage} %</span>
          <span className="step-state">{STATE_TEXT[step.state]}</span>
          <StepDetail step={step} paused={plan.status === 'paused'} now={now} />
        </li>
      ))}
    </ol>
  );
}

function StepDetail({ step, paused, now }: { step: TimelineStep; paused: boolean; now: number }) {
  const hold = step.holdSeconds === undefined ? undefined : formatDuration(step.holdSeconds);
  if (step.appliedAt !== undefined) {
    let holdText = '';
    if (hold !== undefined && step.state === 'current') holdText = `, holds ${hold}`;
    else if (hold !== undefined && !step.cutShort) holdText = `, held ${hold}`;
    return (
      <span className="step-detail">
        applied <Moment iso={step.appliedAt} />
        {holdText}
      </span>
    );
  }
  if (step.dueAt !== undefined) {
    return (
      <span className="step-detail">
        due <Moment iso={step.dueAt} now={now} />
      </span>
    );
  }
  if (step.state === 'next' && paused) return <span className="step-detail">after the plan resumes</span>;
  if (step.state === 'skipped' || hold === undefined) return null;
  return <span className="step-detail">holds {hold}</span>;
}
