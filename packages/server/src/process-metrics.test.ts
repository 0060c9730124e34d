import { describe, expect, it } from 'vitest';
import { createMetricsRegistry } from './metrics/registry.js';
import { includeProcessMetrics } from './process-metrics.js';
import { createTestApp } from './test-support/test-app.js';

describe('process and runtime metrics', () => {
  it('adds CPU, resident memory, heap, event loop lag and open file descriptors to /metrics', async () => {
    const metrics = createMetricsRegistry();
    includeProcessMetrics(metrics);
    const t = await createTestApp({ metrics });
    try {
      const answer = await t.get('/metrics', null);
      expect(answer.status).toBe(200);
      const text = String(answer.body);
      for (const series of [
        'process_cpu_seconds_total',
        'process_resident_memory_bytes',
        'nodejs_heap_size_used_bytes',
        'nodejs_eventloop_lag_seconds',
        'process_open_fds',
      ]) {
        expect(text).toMatch(new RegExp(`^${series}(\\{[^}]*\\})? [0-9.e+-]+$`, 'm'));
      }
      expect(text).toContain('# TYPE rampart_http_requests_total counter');
    } finally {
      await t.close();
    }
  });
});
