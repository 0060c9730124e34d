import { useId } from 'react';
import { problemOf, type Schemas } from '../../api.js';
import { usePermissions } from '../../auth/permissions.js';
import { Moment } from '../../ui/moment.js';
import { useFocusLater } from '../../ui/use-focus-later.js';
import { useNow } from '../../ui/use-now.js';
import { GuardView } from './release/guard-view.js';
import { ReleaseActions } from './release/release-actions.js';
import { useReleasePlan } from './release/release-queries.js';
import { ReleaseTimeline } from './release/release-timeline.js';
import { isUnderWay } from './release/timeline.js';
import { StartReleaseButton } from './release/start-release-dialog.js';
import '../../ui/visually-hidden.css';
import './release/release.css';

type Plan = Schemas['ReleasePlan'];

const STATUS_TEXT: Record<Plan['status'], string> = {
  scheduled: 'Scheduled',
  running: 'Running',
  paused: 'Paused',
  completed: 'Completed',
  aborted: 'Aborted',
  killed: 'Killed by its guard',
};

/**
 * The release plan of a flag in one environment: its status, its steps as a timeline, its
 * guard's figures; and for those who may change the environment, starting a plan and the
 * actions on one under way. Changes made elsewhere arrive through the live updates.
 */
export function ReleasePanel({ flagKey, environment }: { flagKey: string; environment: Schemas['Environment'] }) {
  const plan = useReleasePlan(flagKey, environment.key);
  const canChange = usePermissions().canChangeIn(environment);
  const headingId = useId();
  const heading = useFocusLater<HTMLHeadingElement>();
  const shown = plan.data ?? undefined;
  return (
    <section className="release" aria-labelledby={headingId}>
      <h3 id={headingId} ref={heading.ref} tabIndex={-1}>
        Release plan
        {/* Each environment has one: the region's name says which. */}
        <span className="visually-hidden"> in {environment.key}</span>
      </h3>
      {plan.isPending && <p className="loading">Loading…</p>}
      {plan.isError && (
        <p role="alert" className="error">
          {problemOf(plan.error).message}
        </p>
      )}
      {plan.data === null && <p className="muted">No release plan in {environment.key} yet.</p>}
      {shown !== undefined && <PlanView plan={shown} />}
      {canChange && shown !== undefined && isUnderWay(shown) && (
        <ReleaseActions plan={shown} environment={environment.key} onAborted={heading.focusLater} />
      )}
      {canChange && plan.isSuccess && (shown === undefined || !isUnderWay(shown)) && (
        <StartReleaseButton flag={flagKey} environment={environment} onStarted={heading.focusLater} />
      )}
    </section>
  );
}

function PlanView({ plan }: { plan: Plan }) {
  const now = useNow();
  const current = plan.currentStep === null ? undefined : plan.steps[plan.currentStep];
  return (
    <>
      <p className="release-status">
        <span className={`release-badge release-${plan.status}`}>{STATUS_TEXT[plan.status]}</span>
        {current !== undefined && plan.status !== 'killed' && <> at {current.percentage} %</>}
        {plan.status === 'scheduled' && plan.nextStepAt !== null && (
          <>
            {' '}
            starts <Moment iso={plan.nextStepAt} now={now} />
          </>
        )}
        <span className="muted">
          {' '}
          · started by {plan.createdBy} on <Moment iso={plan.createdAt} />
        </span>
      </p>
      {plan.pausedReason !== null && (
        <p className="release-paused-reason">
          <strong>Paused:</strong> {plan.pausedReason}
        </p>
      )}
      <ReleaseTimeline plan={plan} now={now} />
      {plan.guard !== null && <GuardView guard={plan.guard} />}
    </>
  );
}
