import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, problemOf, unwrap } from '../api.js';

/** Email and password, and the single sign-on button when the server has one. */
export function SignInPage() {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const methods = useQuery({
    queryKey: ['sign-in-methods'],
    queryFn: () => unwrap(api.GET('/api/v1/session/methods')),
  });
  const signIn = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/session', { body: { email, password } })),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };
  const sso = methods.data?.sso ?? null;
  const returnTo = window.location.pathname === '/sign-in' ? '/flags' : window.location.pathname;
  return (
    <main className="sign-in">
      <h1>Rampart</h1>
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <h2 id="sign-in-title">Sign in</h2>
        <label>
          Email
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {signIn.isError && (
          <p role="alert" className="error">
            {problemOf(signIn.error).message}
          </p>
        )}
        <button type="submit" className="primary" disabled={signIn.isPending}>
          Sign in
        </button>
        {sso !== null && (
          <a className="button" href={`${sso.url}?returnTo=${encodeURIComponent(returnTo)}`}>
            {sso.label}
          </a>
        )}
      </form>
    </main>
  );
}
