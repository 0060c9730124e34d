import type { EngineName } from './engines/index';
import { isEngineName } from './engines/index';
import { FLAG_KEYS, isFlagKey, type FlagKey } from './flags';
import { median, type FlagMeasurement } from './measure';
import type { EngineReport } from './run-engine';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNumberArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'number');
}

function parseMeasurement(value: unknown): FlagMeasurement {
  if (
    !isRecord(value) ||
    typeof value.flag !== 'string' ||
    !isFlagKey(value.flag) ||
    typeof value.nsPerOp !== 'number' ||
    typeof value.rounds !== 'number' ||
    !isNumberArray(value.passesNsPerOp) ||
    typeof value.admitted !== 'number' ||
    typeof value.decisions !== 'string' ||
    typeof value.stable !== 'boolean'
  ) {
    throw new TypeError('malformed measurement from an engine process');
  }
  return {
    flag: value.flag,
    nsPerOp: value.nsPerOp,
    rounds: value.rounds,
    passesNsPerOp: value.passesNsPerOp,
    admitted: value.admitted,
    decisions: value.decisions,
    stable: value.stable,
  };
}

/** Reads the JSON line an engine process printed, checking its shape. */
export function parseEngineReport(line: string): EngineReport {
  const value: unknown = JSON.parse(line);
  if (
    !isRecord(value) ||
    typeof value.engine !== 'string' ||
    !isEngineName(value.engine) ||
    typeof value.contexts !== 'number' ||
    !Array.isArray(value.results)
  ) {
    throw new TypeError('malformed report from an engine process');
  }
  return { engine: value.engine, contexts: value.contexts, results: value.results.map(parseMeasurement) };
}

/**
 * One engine's runs as one report: per flag, the median of the runs' medians, and every
 * timed pass for the spread. Runs of the engines are interleaved, so a slow minute of the
 * machine weighs on one run of each rather than on all runs of one.
 */
export function mergeRuns(runs: readonly EngineReport[]): EngineReport {
  const [first, ...rest] = runs;
  if (first === undefined) throw new RangeError('no runs to merge');
  return {
    ...first,
    results: first.results.map((measurement) => {
      const same = [measurement, ...rest.map((run) => result(run, measurement.flag)).filter((m) => m !== undefined)];
      return {
        ...measurement,
        nsPerOp: median(same.map((m) => m.nsPerOp)),
        runMediansNsPerOp: same.map((m) => m.nsPerOp),
        passesNsPerOp: same.flatMap((m) => m.passesNsPerOp),
        stable: same.every((m) => m.stable && m.decisions === measurement.decisions),
      };
    }),
  };
}

export interface RunInfo {
  date: string;
  environment: string;
  contexts: number;
  warmupPasses: number;
  timedPasses: number;
  minPassMs: number;
  runs: number;
  labels: Readonly<Record<EngineName, string>>;
}

function result(report: EngineReport | undefined, flag: FlagKey): FlagMeasurement | undefined {
  return report?.results.find((r) => r.flag === flag);
}

function share(count: number, total: number): string {
  return `${((100 * count) / total).toFixed(2)} %`;
}

function ns(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

/** (max − min) / median of the timed passes: how much to trust the median on a busy machine. */
function spread(measurement: FlagMeasurement): string {
  const { passesNsPerOp: passes, nsPerOp } = measurement;
  return `±${((50 * (Math.max(...passes) - Math.min(...passes))) / nsPerOp).toFixed(0)} %`;
}

function agreement(a: FlagMeasurement, b: FlagMeasurement): number {
  const x = Buffer.from(a.decisions, 'base64');
  const y = Buffer.from(b.decisions, 'base64');
  let same = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === y[i]) same++;
  return x.length === 0 || x.length !== y.length ? Number.NaN : same / x.length;
}

export function table(rows: readonly (readonly string[])[], rightAligned: (column: number) => boolean): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length))) ?? [];
  const line = (row: readonly string[]) =>
    `| ${row.map((cell, c) => (rightAligned(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, c) => (rightAligned(c) ? `${'-'.repeat(w + 1)}:` : `-${'-'.repeat(w + 1)}`)).join('|')}|`;
  const [header, ...body] = rows;
  return [line(header ?? []), rule, ...body.map(line)].join('\n');
}

function times(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(value >= 10 ? 0 : 2)}×` : 'n/a';
}

/** The figures as a Markdown table plus Rampart's ratios, ready to paste into README.md. */
export function formatReport(
  reports: readonly EngineReport[],
  failures: readonly { engine: EngineName; message: string }[],
  info: RunInfo,
): string {
  const byName = new Map(reports.map((report) => [report.engine, report]));
  const header = ['engine', ...FLAG_KEYS.flatMap((flag) => [`${flag} ns/op`, 'spread', 'admitted'])];
  const rows = reports.map((report) => [
    info.labels[report.engine],
    ...FLAG_KEYS.flatMap((flag) => {
      const m = result(report, flag);
      if (m === undefined) return ['n/a', '', ''];
      return [ns(m.nsPerOp), spread(m), `${share(m.admitted, report.contexts)}${m.stable ? '' : ' (unstable)'}`];
    }),
  ]);
  const out = [
    `Rampart evaluation benchmark, ${info.date}`,
    `${info.environment}`,
    `${info.contexts.toLocaleString('en-US')} contexts; per flag ${info.warmupPasses} warm-up passes, then the median of ${info.timedPasses} timed passes, each going over the contexts as often as it takes to last ${info.minPassMs} ms; one process per engine, run one after another${info.runs > 1 ? `; ${info.runs} such runs, interleaved (each starting one engine further along), and the median of their medians` : ''}`,
    '',
    table([header, ...rows], (c) => c > 0),
    '',
    'spread: (max − min) / 2 / median over the timed passes.',
  ];

  const floor = byName.get('floor');
  if (floor !== undefined) {
    out.push('Same decision as the floor, per context:');
    for (const report of reports) {
      if (report.engine === 'floor') continue;
      const parts = FLAG_KEYS.map((flag) => {
        const a = result(report, flag);
        const b = result(floor, flag);
        return `${flag} ${a && b ? `${(100 * agreement(a, b)).toFixed(2)} %` : 'n/a'}`;
      });
      out.push(`  ${info.labels[report.engine]}: ${parts.join(', ')}`);
    }
  }

  const rampart = byName.get('rampart');
  if (rampart !== undefined) {
    const ratio = (other: EngineReport | undefined, invert: boolean) =>
      FLAG_KEYS.map((flag) => {
        const r = result(rampart, flag)?.nsPerOp ?? Number.NaN;
        const o = result(other, flag)?.nsPerOp ?? Number.NaN;
        return `${flag} ${times(invert ? o / r : r / o)}`;
      }).join(', ');
    out.push('', 'Rampart:');
    if (floor !== undefined) out.push(`  time relative to the floor: ${ratio(floor, false)}`);
    const sdk = byName.get('sdk-node');
    if (sdk !== undefined) {
      const overhead = FLAG_KEYS.map(
        (flag) =>
          `${flag} ${times((result(sdk, flag)?.nsPerOp ?? Number.NaN) / (result(rampart, flag)?.nsPerOp ?? Number.NaN))}`,
      );
      out.push(`  isEnabled through @rampart/sdk-node relative to core evaluate: ${overhead.join(', ')}`);
      if (info.runs > 1) {
        // Run i of each engine came from the same pass through the engines, minutes apart at most.
        const perRun = FLAG_KEYS.map((flag) => {
          const own = result(sdk, flag)?.runMediansNsPerOp ?? [];
          const core = result(rampart, flag)?.runMediansNsPerOp ?? [];
          const ratios = own.map((ns, i) => ns / (core[i] ?? Number.NaN));
          return `${flag} ${ratios.map((r) => times(r).slice(0, -1)).join(' / ')}× (median ${times(median(ratios))})`;
        });
        out.push(`    run by run: ${perRun.join(', ')}`);
      }
    }
    for (const peer of ['flagd-core', 'unleash-client'] as const) {
      const other = byName.get(peer);
      if (other !== undefined) out.push(`  speedup over ${peer}: ${ratio(other, true)}`);
    }
  }

  if (failures.length > 0) {
    out.push('', 'Not measured:');
    for (const { engine, message } of failures) out.push(`  ${engine}: ${message}`);
  }
  return out.join('\n');
}
