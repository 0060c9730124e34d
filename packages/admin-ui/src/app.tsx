import { lazy, Suspense, useMemo } from 'react';
import { Redirect, Route, Switch } from 'wouter';
import { PermissionsContext, permissionsOf } from './auth/permissions.js';
import { InvitationPage } from './auth/invitation-page.js';
import { SignInPage } from './auth/sign-in-page.js';
import { useMe, type Me } from './auth/use-me.js';
import { Shell } from './layout/shell.js';
import { useLiveUpdates } from './live/use-live-updates.js';
import { problemOf } from './api.js';

// Each screen is its own chunk, loaded when first shown, so the first page loads only what it needs.
const FlagsPage = lazy(() => import('./pages/flags/flags-page.js').then((m) => ({ default: m.FlagsPage })));
const FlagPage = lazy(() => import('./pages/flag/flag-page.js').then((m) => ({ default: m.FlagPage })));
const SegmentsPage = lazy(() => import('./pages/segments/segments-page.js').then((m) => ({ default: m.SegmentsPage })));
const AuditPage = lazy(() => import('./pages/audit/audit-page.js').then((m) => ({ default: m.AuditPage })));
const KeysPage = lazy(() => import('./pages/keys/keys-page.js').then((m) => ({ default: m.KeysPage })));
const PeoplePage = lazy(() => import('./pages/people/people-page.js').then((m) => ({ default: m.PeoplePage })));
const EnvironmentsPage = lazy(() =>
  import('./pages/environments/environments-page.js').then((m) => ({ default: m.EnvironmentsPage })),
);
const WebhooksPage = lazy(() => import('./pages/webhooks/webhooks-page.js').then((m) => ({ default: m.WebhooksPage })));

/** Sign-in when nobody is signed in; else the shell and the screen the address names. */
export function App() {
  // An invitation's page needs no one signed in, and is shown whoever is.
  if (window.location.pathname === '/invitation') return <InvitationPage />;
  return <Main />;
}

function Main() {
  const me = useMe();
  if (me.isPending) return <p className="loading">Loading…</p>;
  if (me.isError) {
    return (
      <p role="alert" className="error">
        The server could not be reached: {problemOf(me.error).message}
      </p>
    );
  }
  if (me.data === null) return <SignInPage />;
  return <SignedIn me={me.data} />;
}

function SignedIn({ me }: { me: Me }) {
  const live = useLiveUpdates();
  const permissions = useMemo(() => permissionsOf(me), [me]);
  return (
    <PermissionsContext.Provider value={permissions}>
      <Shell live={live}>
        <Suspense fallback={<p className="loading">Loading…</p>}>
          <Switch>
            <Route path="/flags">
              <FlagsPage />
            </Route>
            <Route path="/flags/:key">{(params) => <FlagPage flagKey={decodeURIComponent(params.key)} />}</Route>
            <Route path="/segments">
              <SegmentsPage />
            </Route>
            <Route path="/audit">
              <AuditPage />
            </Route>
            <Route path="/keys">
              <KeysPage />
            </Route>
            <Route path="/people">
              <PeoplePage />
            </Route>
            <Route path="/environments">
              <EnvironmentsPage />
            </Route>
            <Route path="/webhooks">
              <WebhooksPage />
            </Route>
            <Route>
              <Redirect to="/flags" replace />
            </Route>
          </Switch>
        </Suspense>
      </Shell>
    </PermissionsContext.Provider>
  );
}
