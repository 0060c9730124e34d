import { useQuery } from '@tanstack/react-query';
import { api, problemOf, unwrap } from '../../api.js';
import { usePermissions } from '../../auth/permissions.js';
import { Time } from '../../ui/time.js';
import { CreateKeyButton } from './create-key-dialog.js';
import { sortKeys } from './key-form.js';
import { RevokeKeyButton } from './revoke-key-button.js';
import './keys.css';

/** API keys: admins list, create and revoke them; others are told who manages them. */
export function KeysPage() {
  const { isAdmin } = usePermissions();
  return (
    <>
      <div className="page-head">
        <h1>API keys</h1>
        {isAdmin && <CreateKeyButton />}
      </div>
      {isAdmin ? (
        <KeyTable />
      ) : (
        <p>API keys are managed by admins. Ask an admin for a server or client key for your application.</p>
      )}
    </>
  );
}

function KeyTable() {
  const keys = useQuery({
    queryKey: ['keys'],
    queryFn: async () => sortKeys((await unwrap(api.GET('/api/v1/keys'))).keys),
  });
  if (keys.isPending) return <p className="loading">Loading…</p>;
  if (keys.isError) {
    return (
      <p role="alert" className="error">
        {problemOf(keys.error).message}
      </p>
    );
  }
  return (
    <table className="keys">
      <caption className="count">
        {keys.data.length === 1 ? '1 key' : `${keys.data.length} keys`}, revoked ones last
      </caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Kind</th>
          <th scope="col">Environment</th>
          <th scope="col">Created</th>
          <th scope="col">Revoked</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {keys.data.map((key) => (
          <tr key={key.id} className={key.revokedAt === null ? undefined : 'revoked'}>
            <th scope="row">
              {key.name}
              <div className="key-id">{key.id}</div>
            </th>
            <td>{key.kind}</td>
            <td>{key.environment ?? <span className="muted">none</span>}</td>
            <td>
              <Time value={key.createdAt} />
            </td>
            <td>{key.revokedAt === null ? <span className="muted">no</span> : <Time value={key.revokedAt} />}</td>
            <td>{key.revokedAt === null && <RevokeKeyButton apiKey={key} />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
