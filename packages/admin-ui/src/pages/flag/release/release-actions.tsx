import { useState } from 'react';
import { problemOf, type Schemas } from '../../../api.js';
import { ConfirmDialog } from '../../../ui/confirm-dialog.js';
import { useReleaseAction, type ReleaseAction } from './release-queries.js';

type Plan = Schemas['ReleasePlan'];

/** What a person may do to a plan in each status (docs/releases.md, "Actions"). */
const ALLOWED: Record<Plan['status'], readonly ReleaseAction[]> = {
  scheduled: ['pause', 'advance', 'abort'],
  running: ['pause', 'advance', 'abort'],
  paused: ['resume', 'abort'],
  completed: [],
  aborted: [],
  killed: [],
};

const VERB: Record<ReleaseAction, string> = { pause: 'Pause', resume: 'Resume', advance: 'Advance', abort: 'Abort' };

/**
 * "Pause / Resume / Advance / Abort release in <env>". Pause and resume act at once; advancing
 * (the next step now) and aborting (for good) ask first, with a reason for the audit log.
 */
export function ReleaseActions({
  plan,
  environment,
  onAborted,
}: {
  plan: Plan;
  environment: string;
  /** The buttons go with an aborted plan: where focus goes instead. */
  onAborted: () => void;
}) {
  const action = useReleaseAction(plan.flag, environment);
  const [asking, setAsking] = useState<'advance' | 'abort' | undefined>();
  const allowed = ALLOWED[plan.status];
  if (allowed.length === 0) return null;
  const run = (name: ReleaseAction, reason?: string) =>
    action.mutate(
      { action: name, reason },
      {
        onSuccess: () => {
          setAsking(undefined);
          if (name === 'abort') onAborted();
        },
      },
    );
  const next = plan.steps[(plan.currentStep ?? -1) + 1];
  return (
    <div className="release-actions">
      {allowed.map((name) => (
        <button
          // Pause and resume share one button, so that focus stays on it as its label changes.
          key={name === 'pause' || name === 'resume' ? 'pause-resume' : name}
          type="button"
          className={name === 'abort' ? 'danger' : undefined}
          // Not `disabled` while a request runs: a disabled button drops the keyboard's focus.
          aria-disabled={action.isPending}
          onClick={() => {
            if (action.isPending) return;
            if (name !== 'advance' && name !== 'abort') return run(name);
            action.reset();
            setAsking(name);
          }}
        >
          {VERB[name]} release in {environment}
        </button>
      ))}
      {action.isError && asking === undefined && (
        <p role="alert" className="error">
          {problemOf(action.error).message}
        </p>
      )}
      <ConfirmDialog
        open={asking === 'advance'}
        title={`Advance release in ${environment}?`}
        confirmLabel="Advance now"
        danger={false}
        askReason
        pending={action.isPending}
        error={action.error}
        onConfirm={(reason) => run('advance', reason)}
        onClose={() => setAsking(undefined)}
      >
        <p>
          {next === undefined
            ? 'This applies the next step now.'
            : `This sets ${plan.flag} to ${next.percentage} % in ${environment} now, without waiting for the rest of the hold.`}
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={asking === 'abort'}
        title={`Abort release in ${environment}?`}
        confirmLabel="Abort plan"
        askReason
        pending={action.isPending}
        error={action.error}
        onConfirm={(reason) => run('abort', reason)}
        onClose={() => setAsking(undefined)}
      >
        <p>
          The plan stops for good. {plan.flag} stays as it is in {environment}: to go back, ramp the rule or kill the
          flag.
        </p>
      </ConfirmDialog>
    </div>
  );
}
