import { describe, expect, it } from 'vitest';
import { createMetricsRegistry } from './registry.js';

describe('metrics registry', () => {
  it('renders counters per label set, with HELP and TYPE', () => {
    const metrics = createMetricsRegistry();
    const requests = metrics.counter('requests_total', 'Requests served');
    requests.inc({ route: '/a', status: '200' });
    requests.inc({ status: '200', route: '/a' }, 2);
    requests.inc({ route: '/b', status: '404' });
    expect(metrics.render()).toBe(
      '# HELP requests_total Requests served\n# TYPE requests_total counter\nrequests_total{route="/a",status="200"} 3\nrequests_total{route="/b",status="404"} 1\n',
    );
  });

  it('keeps label sets apart however their values are made', () => {
    const metrics = createMetricsRegistry();
    const seen = metrics.counter('seen_total', 'Seen');
    seen.inc({ a: 'x:1:b', b: '' });
    seen.inc({ a: 'x', b: '1:b' });
    seen.inc({ a: 'x:1:b' });
    expect(
      metrics
        .render()
        .split('\n')
        .filter((line) => line.startsWith('seen_total')),
    ).toEqual(['seen_total{a="x:1:b",b=""} 1', 'seen_total{a="x",b="1:b"} 1', 'seen_total{a="x:1:b"} 1']);
  });

  it('counts and observes through a series handle as through the labels', () => {
    const metrics = createMetricsRegistry();
    const requests = metrics.counter('requests_total', 'Requests served');
    const latency = metrics.histogram('latency_seconds', 'Latency', [0.1]);
    const handle = requests.series({ route: '/a' });
    handle.inc();
    requests.inc({ route: '/a' }, 2);
    handle.inc(3);
    latency.series({ route: '/a' }).observe(0.05);
    latency.observe({ route: '/a' }, 0.5);
    const lines = metrics.render().split('\n');
    expect(lines).toContain('requests_total{route="/a"} 6');
    expect(lines).toEqual(
      expect.arrayContaining([
        'latency_seconds_bucket{route="/a",le="0.1"} 1',
        'latency_seconds_count{route="/a"} 2',
        'latency_seconds_sum{route="/a"} 0.55',
      ]),
    );
  });

  it('renders histograms as cumulative buckets with +Inf, sum and count', () => {
    const metrics = createMetricsRegistry();
    const latency = metrics.histogram('latency_seconds', 'Latency', [0.1, 0.01, 1]);
    for (const value of [0.005, 0.05, 0.05, 5]) latency.observe({ route: '/a' }, value);
    const text = metrics.render();
    expect(text).toContain('# TYPE latency_seconds histogram\n');
    expect(text).toContain(
      [
        'latency_seconds_bucket{route="/a",le="0.01"} 1',
        'latency_seconds_bucket{route="/a",le="0.1"} 3',
        'latency_seconds_bucket{route="/a",le="1"} 3',
        'latency_seconds_bucket{route="/a",le="+Inf"} 4',
        'latency_seconds_sum{route="/a"} 5.105',
        'latency_seconds_count{route="/a"} 4',
      ].join('\n'),
    );
  });

  it('reads collected gauges at each scrape', () => {
    const metrics = createMetricsRegistry();
    let open = 2;
    metrics.collected('open_streams', 'Open streams', () => [[{ kind: 'sdk' }, open]]);
    expect(metrics.render()).toContain('open_streams{kind="sdk"} 2\n');
    open = 5;
    expect(metrics.render()).toContain('open_streams{kind="sdk"} 5\n');
  });

  it('escapes label values and refuses bad metric names', () => {
    const metrics = createMetricsRegistry();
    metrics.counter('odd_total', 'Odd').inc({ path: 'a"b\\c\nd' });
    expect(metrics.render()).toContain('odd_total{path="a\\"b\\\\c\\nd"} 1\n');
    expect(() => metrics.counter('bad-name', 'x')).toThrow(/not a metric name/);
  });

  it('scrapes its own series, then every included exposition, each read anew', async () => {
    const metrics = createMetricsRegistry();
    metrics.counter('own_total', 'Own').inc();
    let n = 0;
    metrics.include(() => `other ${++n}\n`);
    metrics.include(async () => 'async_other 7\n');
    expect(await metrics.scrape()).toBe(
      '# HELP own_total Own\n# TYPE own_total counter\nown_total 1\nother 1\nasync_other 7\n',
    );
    expect(await metrics.scrape()).toContain('other 2\n');
    expect(metrics.render()).not.toContain('other');
  });
});
