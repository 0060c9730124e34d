/**
 * The power of a release plan's guard (packages/server/src/release-plans/sequential-test.ts): simulated
 * rollouts in which the treatment's error rate is a multiple of the control's, monitored after every
 * one-minute batch, and how soon the guard stops them. The 1× row is a healthy rollout: its detections are
 * false kills, which alpha bounds.
 *
 * Traffic: `--per-minute` exposures a minute of the rule's contexts (a fixed number), each in treatment with
 * the step's share; every exposure has the guarded event with the arm's rate. The ramp: 5 % for 20 minutes,
 * 10 % for 20 minutes, then 50 % up to `--horizon` minutes.
 * Usage: npm run bench:guard [-- --per-minute 1000 --runs 2000 --horizon 120 --seed 1]
 */
import { parseArgs } from 'node:util';
import { observe, createGuardState, type GuardOptions } from '../packages/server/src/release-plans/sequential-test';
import { sampleBinomial } from '@rampart/core/testing';
import { createRandom } from './contexts';
import { table } from './report';

const { values } = parseArgs({
  options: {
    'per-minute': { type: 'string', default: '1000' },
    runs: { type: 'string', default: '2000' },
    horizon: { type: 'string', default: '120' },
    seed: { type: 'string', default: '1' },
    'base-rate': { type: 'string', default: '0.01' },
    ratios: { type: 'string', default: '1,1.5,2,3' },
    alpha: { type: 'string', default: '0.05' },
    'min-exposures': { type: 'string', default: '500' },
  },
});
const PER_MINUTE = Number(values['per-minute']);
const RUNS = Number(values.runs);
const HORIZON = Number(values.horizon);
const BASE_RATE = Number(values['base-rate']);
const RATIOS = values.ratios.split(',').map(Number);
const OPTIONS: GuardOptions = { alpha: Number(values.alpha), minExposures: Number(values['min-exposures']) };
/** [first minute, share]: the ramp's steps. */
const RAMP: readonly (readonly [number, number])[] = [
  [0, 0.05],
  [20, 0.1],
  [40, 0.5],
];

const shareAt = (minute: number): number => RAMP.filter(([from]) => minute >= from).at(-1)?.[1] ?? 0;

interface Run {
  /** The minute (end of its batch) at which harm was decided; Infinity when it was not within the horizon. */
  harmAt: number;
  sampleRatioMismatch: boolean;
}

function simulate(ratio: number, random: () => number): Run {
  let state = createGuardState();
  let sampleRatioMismatch = false;
  for (let minute = 0; minute < HORIZON; minute++) {
    const share = shareAt(minute);
    const treatmentExposures = sampleBinomial(PER_MINUTE, share, random);
    const controlExposures = PER_MINUTE - treatmentExposures;
    const result = observe(
      state,
      {
        treatment: {
          exposures: treatmentExposures,
          events: sampleBinomial(treatmentExposures, BASE_RATE * ratio, random),
        },
        control: { exposures: controlExposures, events: sampleBinomial(controlExposures, BASE_RATE, random) },
        expectedTreatmentShare: share,
      },
      OPTIONS,
    );
    state = result.state;
    sampleRatioMismatch ||= result.state.sampleRatioMismatch;
    if (result.decision === 'harm') return { harmAt: minute + 1, sampleRatioMismatch };
  }
  return { harmAt: Infinity, sampleRatioMismatch };
}

/** The q-quantile (nearest rank) of sorted values. */
const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
const minutes = (value: number): string => (Number.isFinite(value) ? `${value} min` : `> ${HORIZON} min`);
const percent = (count: number, digits = 1): string => `${((100 * count) / RUNS).toFixed(digits)} %`;

const started = performance.now();
const rows = RATIOS.map((ratio, index) => {
  const random = createRandom(Number(values.seed) * 1_000 + index);
  const runs = Array.from({ length: RUNS }, () => simulate(ratio, random));
  const times = runs.map((run) => run.harmAt).sort((a, b) => a - b);
  return [
    `${ratio}×`,
    percent(times.filter((t) => t <= 60).length),
    percent(times.filter((t) => t <= HORIZON).length),
    minutes(quantile(times, 0.5)),
    minutes(quantile(times, 0.9)),
    percent(runs.filter((run) => run.sampleRatioMismatch).length, 2),
  ];
});

console.log(
  `Guard power: ${PER_MINUTE} exposures a minute, base rate ${BASE_RATE * 100} %, alpha ${OPTIONS.alpha}, ` +
    `minExposures ${OPTIONS.minExposures} per arm, ${RUNS} runs per row, one batch a minute;\n` +
    `ramp 5 % (minutes 0-20), 10 % (20-40), 50 % (40-${HORIZON}). Times are from the start of the plan.\n`,
);
console.log(
  table(
    [
      [
        'treatment rate',
        'harm within 60 min',
        `within ${HORIZON} min`,
        'median time',
        '90th percentile',
        'ratio alarms',
      ],
      ...rows,
    ],
    (column) => column > 0,
  ),
);
console.log(`\n${((performance.now() - started) / 1000).toFixed(1)} s`);
