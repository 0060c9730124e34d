/*
 * Prometheus metrics without prom-client: prom-client reaches for Node built-ins (process,
 * cluster, perf_hooks), and the app must run on every runtime Hono supports. What the server
 * needs is small: counters, gauges, histograms with fixed buckets, and the text exposition.
 */

export type Labels = Readonly<Record<string, string>>;

export interface Counter {
  inc(labels?: Labels, by?: number): void;
  /** The series of `labels`, to count on without finding it each time (for hot paths). */
  series(labels: Labels): { inc(by?: number): void };
}

export interface Histogram {
  observe(labels: Labels, value: number): void;
  /** The series of `labels`, to observe without finding it each time (for hot paths). */
  series(labels: Labels): { observe(value: number): void };
}

/** Samples read at scrape time, for values that something else already keeps (open streams). */
export type Collect = () => Iterable<readonly [Labels, number]>;

export interface MetricsRegistry {
  counter(name: string, help: string): Counter;
  histogram(name: string, help: string, buckets: readonly number[]): Histogram;
  /** A gauge (or a counter, with `type: 'counter'`) whose samples come from `collect` at each scrape. */
  collected(name: string, help: string, collect: Collect, type?: 'gauge' | 'counter'): void;
  /** The Prometheus text exposition format (version 0.0.4) of this registry's own metrics. */
  render(): string;
  /** Another exposition appended to this one's at each scrape (`main.ts` adds prom-client's process and Node.js series). */
  include(source: () => string | Promise<string>): void;
  /** What `/metrics` answers: {@link render}, then every included exposition. */
  scrape(): Promise<string>;
}

interface Family {
  header: string;
  lines(): string[];
}

interface HistogramSeries {
  labels: Labels;
  counts: number[];
  sum: number;
  count: number;
}

/**
 * A set of metrics and their text exposition for `GET /metrics`.
 *
 * @example
 * const metrics = createMetricsRegistry();
 * const requests = metrics.counter('rampart_http_requests_total', 'HTTP requests');
 * requests.inc({ route: '/health/live', status: '200' });
 * metrics.render(); // '# HELP rampart_http_requests_total HTTP requests\n# TYPE ...'
 */
export function createMetricsRegistry(): MetricsRegistry {
  const families: Family[] = [];
  const included: (() => string | Promise<string>)[] = [];

  function family(name: string, help: string, type: string, lines: () => string[]): void {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) throw new Error(`'${name}' is not a metric name`);
    families.push({
      header: `# HELP ${name} ${help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}\n# TYPE ${name} ${type}\n`,
      lines,
    });
  }

  return {
    counter(name, help) {
      const series = new Map<string, { labels: Labels; value: number }>();
      family(name, help, 'counter', () => [...series.values()].map(({ labels, value }) => sample(name, labels, value)));
      const seriesOf = (labels: Labels) => {
        const key = seriesKey(labels);
        let found = series.get(key);
        if (found === undefined) {
          found = { labels, value: 0 };
          series.set(key, found);
        }
        return found;
      };
      return {
        inc(labels = {}, by = 1) {
          seriesOf(labels).value += by;
        },
        series(labels) {
          const found = seriesOf(labels);
          return {
            inc(by = 1) {
              found.value += by;
            },
          };
        },
      };
    },
    histogram(name, help, buckets) {
      const bounds = [...buckets].sort((a, b) => a - b);
      const series = new Map<string, HistogramSeries>();
      family(name, help, 'histogram', () =>
        [...series.values()].flatMap(({ labels, counts, sum, count }) => {
          let cumulative = 0;
          const lines = bounds.map((bound, i) => {
            cumulative += counts[i] ?? 0;
            return sample(`${name}_bucket`, { ...labels, le: String(bound) }, cumulative);
          });
          lines.push(sample(`${name}_bucket`, { ...labels, le: '+Inf' }, count));
          lines.push(sample(`${name}_sum`, labels, sum), sample(`${name}_count`, labels, count));
          return lines;
        }),
      );
      const seriesOf = (labels: Labels) => {
        const key = seriesKey(labels);
        let found = series.get(key);
        if (found === undefined) {
          found = { labels, counts: bounds.map(() => 0), sum: 0, count: 0 };
          series.set(key, found);
        }
        return found;
      };
      const record = (found: HistogramSeries, value: number) => {
        const index = bounds.findIndex((bound) => value <= bound);
        if (index >= 0) found.counts[index] = (found.counts[index] ?? 0) + 1;
        found.sum += value;
        found.count++;
      };
      return {
        observe(labels, value) {
          record(seriesOf(labels), value);
        },
        series(labels) {
          const found = seriesOf(labels);
          return { observe: (value) => record(found, value) };
        },
      };
    },
    collected(name, help, collect, type = 'gauge') {
      family(name, help, type, () => [...collect()].map(([labels, value]) => sample(name, labels, value)));
    },
    render,
    include(source) {
      included.push(source);
    },
    async scrape() {
      const others = await Promise.all(included.map((source) => source()));
      return [render(), ...others].join('');
    },
  };

  function render(): string {
    return families.map((f) => f.header + f.lines().join('')).join('');
  }
}

/** The same labels in any order give the same key. Called on every request, so no JSON and no arrays of pairs. */
function seriesKey(labels: Labels): string {
  const names = Object.keys(labels);
  if (names.length > 1) names.sort();
  let key = '';
  // Label names cannot hold ':'; each value is prefixed by its length, so keys cannot run together.
  for (const name of names) {
    const value = labels[name] ?? '';
    key += `${name}:${value.length}:${value}`;
  }
  return key;
}

function sample(name: string, labels: Labels, value: number): string {
  const pairs = Object.entries(labels).map(([label, text]) => `${label}="${escapeLabel(text)}"`);
  const rendered = Number.isFinite(value) ? String(value) : value > 0 ? '+Inf' : value < 0 ? '-Inf' : 'NaN';
  return `${name}${pairs.length > 0 ? `{${pairs.join(',')}}` : ''} ${rendered}\n`;
}

function escapeLabel(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
