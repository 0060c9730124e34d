import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { api, problemOf, unwrap } from '../api.js';

const MIN_LENGTH = 12;

/**
 * Where an invitation or a password reset leads (`/invitation#rpi_…`): the person chooses a
 * password. The token is in the address's fragment, which the browser never sends to a server.
 */
export function InvitationPage() {
  const token = window.location.hash.slice(1);
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const accept = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/invitations/{token}', { params: { path: { token } }, body: { password } })),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMismatch(password !== repeated);
    if (password === repeated) accept.mutate();
  };
  if (accept.isSuccess) {
    return (
      <main className="sign-in">
        <h1>Rampart</h1>
        <p role="status">Your password is set, {accept.data.email}.</p>
        <Link href="/sign-in" className="button primary">
          Sign in
        </Link>
      </main>
    );
  }
  return (
    <main className="sign-in">
      <h1>Rampart</h1>
      <form onSubmit={submit} aria-labelledby="invitation-title">
        <h2 id="invitation-title">Choose your password</h2>
        {token === '' && (
          <p role="alert" className="error">
            This address has no invitation in it: open the whole link you were given.
          </p>
        )}
        <label>
          Password
          <input
            type="password"
            autoComplete="new-password"
            required
            minLength={MIN_LENGTH}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-describedby="password-rule"
          />
        </label>
        <p id="password-rule" className="muted">
          At least {MIN_LENGTH} characters.
        </p>
        <label>
          Repeat the password
          <input
            type="password"
            autoComplete="new-password"
            required
            value={repeated}
            onChange={(e) => setRepeated(e.target.value)}
            aria-invalid={mismatch}
          />
        </label>
        {mismatch && (
          <p role="alert" className="error">
            The two passwords differ.
          </p>
        )}
        {accept.isError && (
          <p role="alert" className="error">
            {accept.error instanceof Error && 'status' in accept.error && accept.error.status === 404
              ? 'This invitation is used or expired: ask an admin for a new one.'
              : problemOf(accept.error).message}
          </p>
        )}
        <button type="submit" className="primary" disabled={accept.isPending || token === ''}>
          Set password
        </button>
      </form>
    </main>
  );
}
