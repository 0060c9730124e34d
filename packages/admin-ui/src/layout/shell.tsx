import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { api, unwrap } from '../api.js';
import { usePermissions } from '../auth/permissions.js';
import type { LiveState } from '../live/use-live-updates.js';

const SECTIONS = [
  ['/flags', 'Flags'],
  ['/segments', 'Segments'],
  ['/audit', 'Audit log'],
  ['/environments', 'Environments'],
  ['/keys', 'Keys'],
  ['/people', 'People'],
  ['/webhooks', 'Webhooks'],
] as const;

const LIVE_TEXT: Record<LiveState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
};

/** The frame of every screen: the sections, who is signed in, whether changes arrive live. */
export function Shell({ live, children }: { live: LiveState; children: ReactNode }) {
  const { me } = usePermissions();
  const [location] = useLocation();
  const queryClient = useQueryClient();
  const signOut = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/session')),
    onSettled: () => queryClient.resetQueries(),
  });
  return (
    <div className="shell">
      <a className="skip" href="#content">
        Skip to content
      </a>
      <header className="top">
        <Link href="/flags" className="brand">
          Rampart
        </Link>
        <nav aria-label="Main">
          <ul>
            {SECTIONS.map(([href, label]) => (
              <li key={href}>
                <Link
                  href={href}
                  aria-current={location === href || location.startsWith(`${href}/`) ? 'page' : undefined}
                >
                  {label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span className={`live live-${live}`} role="status" aria-label={`Changes: ${LIVE_TEXT[live]}`}>
            {LIVE_TEXT[live]}
          </span>
          <span>
            {me.name} <span className="role">{me.role}</span>
          </span>
          {me.kind === 'person' && (
            <button type="button" onClick={() => signOut.mutate()}>
              Sign out
            </button>
          )}
        </div>
      </header>
      <main id="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
