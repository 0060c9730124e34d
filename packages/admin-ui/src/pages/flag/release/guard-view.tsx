import type { Schemas } from '../../../api.js';
import { GuardChart } from './guard-chart.js';
import { formatCount, formatRate } from './guard-scale.js';

type Guard = Schemas['ReleaseGuard'];

const DECISION: Record<NonNullable<Guard['decision']>, string> = {
  continue: 'Continue: no harm seen so far.',
  harm: 'Harm: the release raises the rate of the event.',
  'sample-ratio-mismatch': 'Sample ratio mismatch: the counts do not match the split, so they cannot be trusted.',
};

const ON_HARM: Record<Guard['action'], string> = {
  kill: 'turns the flag off and ends the plan',
  pause: 'pauses the plan',
};

/** The guard of a plan: what it watches and does, its decision in words, and its figures as a chart. */
export function GuardView({ guard }: { guard: Guard }) {
  const figures = guard.figures;
  return (
    <div className="guard">
      <h4>
        Guard on <code>{guard.event}</code>
      </h4>
      <p className="muted">
        On harm it {ON_HARM[guard.action]}. Alpha {guard.alpha}; no decision before each arm has{' '}
        {formatCount(guard.minExposures)} exposures.
      </p>
      <p className={`decision decision-${guard.decision ?? 'none'}`}>
        <strong>Decision:</strong> {guard.decision === null ? 'none yet: no counts so far.' : DECISION[guard.decision]}
      </p>
      {figures !== null && (
        <>
          <GuardChart figures={figures} />
          <p className="muted">
            Treatment’s share of exposures: {formatRate(figures.sampleRatio.treatmentShare.observed)} observed,{' '}
            {formatRate(figures.sampleRatio.treatmentShare.expected)} expected.
            {!figures.minExposuresReached &&
              ` Waiting for ${formatCount(guard.minExposures)} exposures in each arm before deciding.`}
          </p>
        </>
      )}
    </div>
  );
}
