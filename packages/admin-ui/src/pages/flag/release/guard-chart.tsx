import { useId } from 'react';
import type { Schemas } from '../../../api.js';
import { evidenceGauge, formatCount, formatRate, rateBars } from './guard-scale.js';
import '../../../ui/visually-hidden.css';

// Hand-drawn SVG rather than a chart library: the UI's first load must stay under 200 KiB
// gzipped, and a charting package (with its d3 modules) would weigh more than this whole
// screen for two bars and a gauge. Scaling lives in guard-scale.ts, with its tests.

const LABEL_X = 0;
const BAR_X = 92;
const BAR_MAX = 200;
const GAUGE_LENGTH = 300;
const WIDTH = 640;

const ARM_NAME = { treatment: 'Treatment', control: 'Control' } as const;

/**
 * The guard's figures: each arm's event rate as a bar, and the harm statistic against its
 * threshold as a gauge. The drawing is hidden from screen readers; the caption says what it
 * shows and a table beside it holds every figure.
 */
export function GuardChart({ figures }: { figures: Schemas['ReleaseGuardFigures'] }) {
  const captionId = useId();
  const bars = rateBars(figures, BAR_MAX);
  const gauge = evidenceGauge(figures.statistic, figures.threshold, GAUGE_LENGTH);
  const reached = figures.statistic >= figures.threshold;
  // Past the threshold counts as harm only once each arm has enough exposures to decide.
  const harmful = reached && figures.minExposuresReached;
  const gaugeY = 130;
  const [treatment, control] = bars;
  return (
    <figure className="guard-chart" aria-labelledby={captionId}>
      <svg viewBox={`0 0 ${WIDTH} 176`} aria-hidden="true" focusable="false">
        <text x={LABEL_X} y={12} className="chart-title">
          Event rate
        </text>
        {bars.map((bar, index) => {
          const y = 22 + index * 30;
          return (
            <g key={bar.arm}>
              <text x={LABEL_X} y={y + 14}>
                {ARM_NAME[bar.arm]}
              </text>
              <rect x={BAR_X} y={y} width={BAR_MAX} height={20} className="chart-track" />
              <rect x={BAR_X} y={y} width={bar.length} height={20} className={`chart-bar chart-${bar.arm}`} />
              <text x={BAR_X + BAR_MAX + 8} y={y + 14}>
                {formatRate(bar.rate)} ({formatCount(bar.events)} of {formatCount(bar.exposures)} exposures)
              </text>
            </g>
          );
        })}
        <text x={LABEL_X} y={gaugeY - 30} className="chart-title">
          Evidence of harm
        </text>
        <text x={LABEL_X} y={gaugeY + 14}>
          Statistic
        </text>
        <rect x={BAR_X} y={gaugeY} width={GAUGE_LENGTH} height={20} className="chart-track" />
        <rect
          x={BAR_X + Math.min(gauge.zero, gauge.value)}
          y={gaugeY}
          width={Math.abs(gauge.value - gauge.zero)}
          height={20}
          className={harmful ? 'chart-bar chart-harm' : 'chart-bar chart-evidence'}
        />
        <line x1={BAR_X + gauge.zero} x2={BAR_X + gauge.zero} y1={gaugeY - 4} y2={gaugeY + 24} className="chart-zero" />
        <text x={BAR_X + gauge.zero} y={gaugeY + 38} textAnchor="middle">
          0
        </text>
        <line
          x1={BAR_X + gauge.threshold}
          x2={BAR_X + gauge.threshold}
          y1={gaugeY - 6}
          y2={gaugeY + 26}
          className="chart-threshold"
        />
        <text x={BAR_X + gauge.threshold} y={gaugeY - 10} textAnchor="middle">
          threshold {figures.threshold.toFixed(2)}
        </text>
        <text x={BAR_X + GAUGE_LENGTH + 8} y={gaugeY + 14}>
          {figures.statistic.toFixed(2)}
          {gauge.clipped ? ' (off the scale)' : ''}
        </text>
      </svg>
      <figcaption id={captionId}>
        Event rate: treatment {formatRate(treatment?.rate ?? null)}, control {formatRate(control?.rate ?? null)}.
        Evidence of harm {figures.statistic.toFixed(2)} against a threshold of {figures.threshold.toFixed(2)}
        {reached ? ': reached' : ': not reached'}
        {reached && !figures.minExposuresReached ? ', but too few exposures yet to decide' : ''}, over {figures.batches}{' '}
        {figures.batches === 1 ? 'batch' : 'batches'}.
      </figcaption>
      <FiguresTable figures={figures} />
    </figure>
  );
}

/** Every figure, for screen readers: the chart's text alternative. */
function FiguresTable({ figures }: { figures: Schemas['ReleaseGuardFigures'] }) {
  const share = (value: number | null) => formatRate(value);
  return (
    <table className="visually-hidden">
      <caption>Guard figures over the plan so far</caption>
      <thead>
        <tr>
          <th scope="col">Figure</th>
          <th scope="col">Treatment</th>
          <th scope="col">Control</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">Exposures</th>
          <td>{formatCount(figures.exposures.treatment)}</td>
          <td>{formatCount(figures.exposures.control)}</td>
        </tr>
        <tr>
          <th scope="row">Events</th>
          <td>{formatCount(figures.events.treatment)}</td>
          <td>{formatCount(figures.events.control)}</td>
        </tr>
        <tr>
          <th scope="row">Event rate</th>
          <td>{formatRate(figures.rates.treatment)}</td>
          <td>{formatRate(figures.rates.control)}</td>
        </tr>
        <tr>
          <th scope="row">Share of exposures (observed, expected)</th>
          <td colSpan={2}>
            {share(figures.sampleRatio.treatmentShare.observed)}, {share(figures.sampleRatio.treatmentShare.expected)}
          </td>
        </tr>
        <tr>
          <th scope="row">Evidence of harm (statistic, threshold)</th>
          <td colSpan={2}>
            {figures.statistic.toFixed(2)}, {figures.threshold.toFixed(2)}
          </td>
        </tr>
        <tr>
          <th scope="row">Sample-ratio check (statistic, threshold)</th>
          <td colSpan={2}>
            {figures.sampleRatio.statistic.toFixed(2)}, {figures.sampleRatio.threshold.toFixed(2)}
          </td>
        </tr>
      </tbody>
    </table>
  );
}
