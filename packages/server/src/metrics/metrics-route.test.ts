import { afterEach, describe, expect, it } from 'vitest';
import { startLiveServer, type LiveServer } from '../test-support/live-server.js';
import { openRawStream } from '../test-support/sse-reader.js';

let server: LiveServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('/metrics', () => {
  it('reports requests by route and status, latency, open streams, versions and changes published', async () => {
    server = await startLiveServer();
    const { secret } = await server.createKey('server', 'production');
    const stream = await openRawStream(`${server.url}/api/v1/sdk/stream`, { authorization: `Bearer ${secret}` });
    await stream.until((s) => s.events().length >= 1);
    await server.admin.post('/api/v1/flags', { key: 'a' });
    await stream.until((s) => s.events().some((event) => event.event === 'patch'));
    await fetch(`${server.url}/api/v1/sdk/flags`, { headers: { authorization: `Bearer ${secret}` } });
    await fetch(`${server.url}/no/such/route`);
    const version = (await server.store.getEnvironment('production'))?.version;

    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain('rampart_http_requests_total{method="GET",route="/api/v1/sdk/flags",status="200"} 1\n');
    expect(text).toContain('rampart_http_requests_total{method="GET",route="/api/v1/sdk/stream",status="200"} 1\n');
    expect(text).toContain('rampart_http_requests_total{method="GET",route="unmatched",status="404"} 1\n');
    expect(text).toMatch(
      /rampart_http_request_duration_seconds_bucket\{method="GET",route="\/api\/v1\/sdk\/flags",le="\+Inf"\} 1\n/,
    );
    expect(text).toContain('rampart_open_streams{kind="sdk"} 1\n');
    expect(text).toContain('rampart_open_streams{kind="client"} 0\n');
    expect(text).toContain(`rampart_environment_version{environment="production"} ${version}\n`);
    expect(text).toContain('rampart_changes_published_total{environment="production"} 1\n');
    expect(text).toContain('# TYPE rampart_streams_closed_total counter\n');
    expect(text).toContain('rampart_bus_state{state="connected"} 1\n');
    expect(text).toContain('rampart_bus_state{state="disconnected"} 0\n');

    stream.close();
    await expect.poll(() => server?.delivery.stats().streams.sdk, { interval: 5 }).toBe(0);
    expect(await (await fetch(`${server.url}/metrics`)).text()).toContain(
      'rampart_streams_closed_total{reason="disconnected"} 1\n',
    );
  });
});
