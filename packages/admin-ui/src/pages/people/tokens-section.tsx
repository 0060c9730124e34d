import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, problemOf, unwrap, type Schemas } from '../../api.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { Time } from '../../ui/time.js';
import { CreateTokenButton } from './create-token-dialog.js';
import { sortTokens, tokenStatus } from './people-rules.js';

/** "Your tokens": the signed-in person's personal access tokens, for programs and the CLI. */
export function TokensSection() {
  const tokens = useQuery({
    queryKey: ['tokens'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/me/tokens'))).tokens,
  });
  const now = Date.now();
  return (
    <section aria-labelledby="tokens-title">
      <div className="page-head">
        <h2 id="tokens-title">Your tokens</h2>
        <CreateTokenButton />
      </div>
      <p className="muted">
        Personal access tokens let programs and the CLI act as you, never with more than your role.
      </p>
      {tokens.isPending ? (
        <p className="loading">Loading…</p>
      ) : tokens.isError ? (
        <p role="alert" className="error">
          {problemOf(tokens.error).message}
        </p>
      ) : tokens.data.length === 0 ? (
        <p>You have no tokens.</p>
      ) : (
        <table className="tokens">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {sortTokens(tokens.data, now).map((token) => {
              const status = tokenStatus(token, now);
              return (
                <tr key={token.id} className={status === 'Active' ? undefined : 'inactive'}>
                  <th scope="row">{token.name}</th>
                  <td>{token.role}</td>
                  <td>{status}</td>
                  <td>
                    <Time value={token.createdAt} />
                  </td>
                  <td>
                    <Time value={token.expiresAt} empty="never" />
                  </td>
                  <td>
                    <Time value={token.lastUsedAt} empty="never" />
                  </td>
                  <td>{token.revokedAt === null && <RevokeTokenButton token={token} />}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function RevokeTokenButton({ token }: { token: Schemas['PersonalToken'] }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const revoke = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/me/tokens/{id}', { params: { path: { id: token.id } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['tokens'] });
      setOpen(false);
    },
  });
  return (
    <>
      <button type="button" className="small" aria-label={`Revoke token ${token.name}`} onClick={() => setOpen(true)}>
        Revoke
      </button>
      <ConfirmDialog
        open={open}
        title={`Revoke token ${token.name}?`}
        confirmLabel="Revoke token"
        danger
        askReason={false}
        pending={revoke.isPending}
        error={revoke.isError ? problemOf(revoke.error).message : undefined}
        onConfirm={() => revoke.mutate()}
        onClose={() => {
          setOpen(false);
          revoke.reset();
        }}
      >
        <p>Whatever uses this token is refused from its next request. A revoked token cannot be brought back.</p>
      </ConfirmDialog>
    </>
  );
}
