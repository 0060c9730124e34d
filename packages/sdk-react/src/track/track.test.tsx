import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { RampartProvider } from '../react/rampart-provider';
import { createFlagStore } from '../store/flag-store';
import { createFakeServer } from '../test-support/fake-server';
import { track, TRACK_TIMEOUT_MS } from './track';
import { useTrack } from './use-track';

afterEach(() => {
  document.body.innerHTML = '';
});

const TRACK = 'https://flags.example/api/v1/client/track';

/** The requests to /client/track so far, as the server would read them. */
function tracked(server: ReturnType<typeof createFakeServer>) {
  return server.platform.requests
    .filter((request) => request.url === TRACK)
    .map(({ method, headers, body }) => ({ method, headers, body: JSON.parse(body ?? 'null') }));
}

describe('track', () => {
  it('posts the event with the client key and the context the store reads flags for, now', () => {
    const server = createFakeServer(() => 202);
    const store = createFlagStore({
      url: 'https://flags.example/',
      clientKey: 'rpc_test',
      context: { userId: '42', plan: 'pro', gone: undefined },
      platform: server.platform,
    });
    track(store, 'checkout-error');
    store.setContext({ userId: '7' });
    track(store, 'checkout-error');
    const headers = { authorization: 'Bearer rpc_test', 'content-type': 'application/json' };
    expect(tracked(server)).toEqual([
      { method: 'POST', headers, body: { event: 'checkout-error', context: { plan: 'pro', userId: '42' } } },
      { method: 'POST', headers, body: { event: 'checkout-error', context: { userId: '7' } } },
    ]);
  });

  it('gives up on a request that has no answer after 10 s', async () => {
    const server = createFakeServer(() => 200); // an answer that never ends
    const store = createFlagStore({ url: 'https://flags.example', clientKey: 'rpc_test', platform: server.platform });
    track(store, 'checkout-error');
    await server.platform.advance(TRACK_TIMEOUT_MS - 1);
    expect(server.platform.last.aborted).toBe(false);
    await server.platform.advance(1);
    expect(server.platform.last.aborted).toBe(true);
    expect(server.platform.pendingTimers).toBe(0);
  });

  it('never throws, and sends nothing without a store or an event', async () => {
    const refused = createFakeServer(() => {
      throw new TypeError('Failed to fetch');
    });
    const store = createFlagStore({ url: 'https://flags.example', clientKey: 'rpc_test', platform: refused.platform });
    expect(() => track(store, 'checkout-error')).not.toThrow();
    await refused.platform.settle();
    expect(refused.platform.pendingTimers).toBe(0);
    const server = createFakeServer(() => 500);
    const other = createFlagStore({ url: 'https://flags.example', clientKey: 'rpc_test', platform: server.platform });
    expect(() => track(null, 'checkout-error')).not.toThrow();
    expect(() => track(other, 42 as unknown as string)).not.toThrow();
    expect(tracked(server)).toEqual([]);
    track(other, 'checkout-error');
    await server.platform.settle();
    expect(tracked(server)).toHaveLength(1);
  });
});

describe('useTrack', () => {
  function Checkout() {
    const send = useTrack();
    return <button onClick={() => send('checkout-error')}>pay</button>;
  }

  it('sends events for the provider’s current context', async () => {
    const server = createFakeServer((request) => (request.url === TRACK ? 202 : 200));
    const { rerender } = render(
      <RampartProvider
        url="https://flags.example"
        clientKey="rpc_test"
        context={{ userId: '1' }}
        platform={server.platform}
      >
        <Checkout />
      </RampartProvider>,
    );
    act(() => screen.getByRole('button').click());
    rerender(
      <RampartProvider
        url="https://flags.example"
        clientKey="rpc_test"
        context={{ userId: '2' }}
        platform={server.platform}
      >
        <Checkout />
      </RampartProvider>,
    );
    act(() => screen.getByRole('button').click());
    await server.platform.settle();
    expect(tracked(server).map(({ body }) => body)).toEqual([
      { event: 'checkout-error', context: { userId: '1' } },
      { event: 'checkout-error', context: { userId: '2' } },
    ]);
  });

  it('does nothing without a provider', () => {
    render(<Checkout />);
    expect(() => act(() => screen.getByRole('button').click())).not.toThrow();
  });
});
