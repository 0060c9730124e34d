import { act, render, screen } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeServer, off, on } from '../test-support/fake-server';
import { SdkError, type FlagResults } from '@rampart/core/sdk';
import { RampartProvider, type RampartProviderProps } from './rampart-provider';
import { useFlag } from './use-flag';
import { useFlags } from './use-flags';
import { useVariant } from './use-variant';

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

const renders: Record<string, number> = {};
const count = (name: string) => (renders[name] = (renders[name] ?? 0) + 1);

function Banner() {
  count('banner');
  return useFlag('new-checkout') ? <p>new checkout</p> : <p>classic checkout</p>;
}

function Layout() {
  count('layout');
  const { variant, value } = useVariant('layout');
  return (
    <p>
      layout {variant ?? 'none'} {JSON.stringify(value)}
    </p>
  );
}

function Status() {
  count('status');
  const { ready, status } = useFlags();
  return (
    <p>
      {ready ? 'ready' : 'waiting'} {status}
    </p>
  );
}

const bootstrap: FlagResults = { version: 7, flags: { 'new-checkout': on(), layout: on('compact', 2) } };

function app(
  platform: ReturnType<typeof createFakeServer>['platform'],
  props: Partial<Pick<RampartProviderProps, 'context' | 'bootstrap' | 'onError'>> = {},
  children: ReactNode = (
    <>
      <Banner />
      <Layout />
    </>
  ),
) {
  return (
    <RampartProvider url="https://flags.example" clientKey="rpc_test" platform={platform} {...props}>
      {children}
    </RampartProvider>
  );
}

describe('RampartProvider with useFlag, useVariant and useFlags', () => {
  it('renders bootstrap values in the first render, before any answer from the server', () => {
    const server = createFakeServer();
    render(app(server.platform, { bootstrap }));
    expect(screen.queryByText('new checkout')).not.toBeNull();
    expect(screen.queryByText('layout compact 2')).not.toBeNull();
    expect(renders.banner).toBeGreaterThan(0);
  });

  it('renders defaults until the server answers, then its values', async () => {
    const server = createFakeServer();
    render(
      app(
        server.platform,
        {},
        <>
          <Banner />
          <Layout />
          <Status />
        </>,
      ),
    );
    expect(screen.queryByText('classic checkout')).not.toBeNull();
    expect(screen.queryByText('layout none null')).not.toBeNull();
    expect(screen.queryByText('waiting initializing')).not.toBeNull();
    await act(async () => server.last.sendFlags(bootstrap.flags));
    await screen.findByText('new checkout');
    expect(screen.queryByText('ready ready')).not.toBeNull();
  });

  it('re-renders only the components that read a flag that changed', async () => {
    const server = createFakeServer();
    render(app(server.platform, { bootstrap }));
    await act(async () => server.last.sendFlags(bootstrap.flags));
    for (const name of Object.keys(renders)) renders[name] = 0;

    await act(async () => server.last.sendFlags({ ...bootstrap.flags, 'new-checkout': off() }, 8));
    await screen.findByText('classic checkout');
    expect(renders).toMatchObject({ banner: 1, layout: 0 });

    await act(async () => server.last.sendFlags({ 'new-checkout': off(), layout: on('wide', 3) }, 9));
    await screen.findByText('layout wide 3');
    expect(renders).toMatchObject({ banner: 1, layout: 1 });

    // A new reason alone changes nothing that a component reads.
    await act(async () =>
      server.last.sendFlags({ 'new-checkout': { ...off(), reason: 'DEFAULT' }, layout: on('wide', 3) }, 10),
    );
    expect(renders).toMatchObject({ banner: 1, layout: 1 });
  });

  it("renders a flag's default variant and its value, served off where no rule matched, with its reason", async () => {
    const server = createFakeServer();
    function Reason() {
      const { flags } = useFlags();
      return <p>reason {flags.layout?.reason ?? 'none'}</p>;
    }
    function Enabled() {
      const { enabled } = useVariant('layout');
      return <p>layout {enabled ? 'on' : 'off'}</p>;
    }
    render(
      app(
        server.platform,
        { bootstrap },
        <>
          <Layout />
          <Enabled />
          <Reason />
        </>,
      ),
    );
    const fallback = { enabled: false, variant: 'classic', value: 1, reason: 'DEFAULT' } as const;
    await act(async () => server.last.sendFlags({ layout: fallback }, 8));
    await screen.findByText('layout classic 1');
    expect(screen.queryByText('layout off')).not.toBeNull();
    expect(screen.queryByText('reason DEFAULT')).not.toBeNull();
    await act(async () => server.last.sendFlags({ layout: { ...on('compact', 2), reason: 'STATIC' } }, 9));
    await screen.findByText('layout compact 2');
    expect(screen.queryByText('reason STATIC')).not.toBeNull();
  });

  it('closes the stream when the provider unmounts', () => {
    const server = createFakeServer();
    const { unmount } = render(app(server.platform, { bootstrap }));
    expect(server.requests).toHaveLength(1);
    expect(server.last.aborted).toBe(false);
    unmount();
    expect(server.last.aborted).toBe(true);
  });

  it('re-subscribes once when the context changes, and not when a new object holds the same values', () => {
    const server = createFakeServer();
    const { rerender } = render(app(server.platform, { context: { userId: '1' } }));
    rerender(app(server.platform, { context: { userId: '1' } }));
    expect(server.requests).toHaveLength(1);
    rerender(app(server.platform, { context: { userId: '2' } }));
    rerender(app(server.platform, { context: { userId: '2' } }));
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]?.aborted).toBe(true);
    expect(server.last.context).toEqual({ userId: '2' });
  });

  it('hands its onError the error of a refused key, and keeps rendering the bootstrap values', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const server = createFakeServer(() => 403);
    const onError = vi.fn();
    render(app(server.platform, { bootstrap, onError }));
    await act(() => server.platform.advance(60_000));
    expect(onError).toHaveBeenCalledOnce();
    expect(onError.mock.calls[0]?.[0]).toBeInstanceOf(SdkError);
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'unauthorized', cause: { status: 403 } });
    expect(screen.queryByText('new checkout')).not.toBeNull();
  });

  it('warns once, in development builds, of a flag that the server does not send, naming the likely causes', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const server = createFakeServer();
    const onError = vi.fn();
    function Misspelled() {
      const enabled = useFlag('new-chekout');
      const { variant } = useVariant('new-chekout');
      return (
        <p>
          {enabled ? 'on' : 'off'} {variant}
        </p>
      );
    }
    // Bootstrap values come before the server's: nothing is known to be missing yet.
    render(
      app(
        server.platform,
        { bootstrap: { flags: {} }, onError },
        <>
          <Banner />
          <Misspelled />
        </>,
      ),
    );
    await act(() => server.platform.advance(10_000));
    expect(warn).not.toHaveBeenCalled();

    await act(async () => server.last.sendFlags({ 'new-checkout': on() }));
    await act(async () => server.last.sendFlags({ 'new-checkout': off() }, 2));
    expect(screen.queryByText('classic checkout')).not.toBeNull();
    expect(warn).toHaveBeenCalledOnce();
    const [error] = warn.mock.calls[0] ?? [];
    expect(error).toBeInstanceOf(SdkError);
    expect(error).toMatchObject({ code: 'flag_not_found' });
    expect(String(error)).toMatch(/'new-chekout'.*not clientSide, archived, or misspelled/);
    expect(String(error)).toContain('{"clientSide": true}');
    expect(onError.mock.calls).toEqual([[error]]);
  });

  it('answers defaults and logs one error when there is no provider', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <>
        <Banner />
        <Layout />
        <Status />
      </>,
    );
    expect(screen.queryByText('classic checkout')).not.toBeNull();
    expect(screen.queryByText('layout none null')).not.toBeNull();
    expect(error).toHaveBeenCalledOnce();
    expect(String(error.mock.calls[0]?.[0])).toContain('<RampartProvider>');
  });

  it('renders on the server without connecting and hydrates without a mismatch', async () => {
    const server = createFakeServer();
    const html = renderToString(app(server.platform, { bootstrap }));
    expect(html).toContain('new checkout');
    expect(server.requests).toHaveLength(0);

    const container = document.createElement('div');
    container.innerHTML = html;
    document.body.append(container);
    const error = vi.spyOn(console, 'error');
    const recoverable = vi.fn();
    const root = await act(async () =>
      hydrateRoot(container, <StrictMode>{app(server.platform, { bootstrap })}</StrictMode>, {
        onRecoverableError: recoverable,
      }),
    );
    expect(recoverable).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
    expect(container.textContent).toContain('new checkout');
    expect(server.requests.length).toBeGreaterThan(0);
    act(() => root.unmount());
    expect(server.requests.every((request) => request.aborted)).toBe(true);
  });
});
