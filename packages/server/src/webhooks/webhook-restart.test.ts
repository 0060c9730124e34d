import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../test-support/server-process.js';
import { startWebhookReceiver, type WebhookReceiver } from '../test-support/webhook-receiver.js';

const TOKEN = 'webhook-restart-test-admin-token-0123456789';
const HEADERS = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

describe('webhook delivery across SIGKILL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-webhooks-'));
  const env = {
    DATABASE_URL: `file:${join(dir, 'rampart.db')}`,
    RAMPART_ADMIN_TOKEN: TOKEN,
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    // A claim lasts 2 × this + 5 s: the restarted server sends the event again within about 7 s.
    WEBHOOK_TIMEOUT_MS: '1000',
  };
  let server: ServerProcess | undefined;
  let receiver: WebhookReceiver | undefined;
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await receiver?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const api = async (path: string, body?: unknown) => {
    const response = await fetch(`${server?.url ?? ''}/api/v1${path}`, {
      method: 'POST',
      headers: HEADERS,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('delivers a change after the server was killed between the change and its delivery', async () => {
    receiver = await startWebhookReceiver();
    server = await startServerProcess(env);
    expect((await api('/flags', { key: 'checkout' })).status).toBe(201);
    expect((await api('/flags/checkout/environments/production/revive')).status).toBe(200);
    // Subscribed after the setup, so the kill is its first event; the receiver holds that request open.
    const webhook = await api('/webhooks', { url: receiver.url, events: ['config.killed'] });
    expect(webhook.status).toBe(201);
    receiver.answers.push('hang');
    expect((await api('/flags/checkout/environments/production/kill', { reason: 'before the crash' })).status).toBe(
      200,
    );
    const [first] = await receiver.waitFor(1, 5_000);

    server.child.kill('SIGKILL');
    await server.exited;
    server = await startServerProcess(env);

    const [, again] = await receiver.waitFor(2, 15_000);
    expect(again?.headers['webhook-id']).toBe(first?.headers['webhook-id']);
    expect(JSON.parse(again?.body ?? 'null')).toMatchObject({
      type: 'config.killed',
      data: { target: 'checkout', environment: 'production', reason: 'before the crash' },
    });
    // The restarted server records the delivery it made.
    const url = `${server.url}/api/v1/webhooks/${String(webhook.body.id)}/deliveries`;
    const status = async () => {
      const page = (await (await fetch(url, { headers: HEADERS })).json()) as { deliveries: { status: string }[] };
      return page.deliveries.map((delivery) => delivery.status);
    };
    await expect.poll(status, { timeout: 5_000 }).toEqual(['delivered']);
  }, 40_000);
});
