import { problemOf } from '../../api.js';
import { usePermissions } from '../../auth/permissions.js';
import { useEnvironments } from '../../flags/queries.js';
import { Time } from '../../ui/time.js';
import { CreateEnvironmentButton } from './create-environment-dialog.js';
import { whoMayChange } from './protection.js';
import { ProtectionButton } from './protection-dialog.js';
import './environments.css';

/** Every environment with its protection; admins create environments and change protection. */
export function EnvironmentsPage() {
  const { isAdmin } = usePermissions();
  const environments = useEnvironments();
  return (
    <>
      <div className="page-head">
        <h1>Environments</h1>
        {isAdmin && <CreateEnvironmentButton />}
      </div>
      {!isAdmin && <p className="muted">Admins create environments and change their protection.</p>}
      {environments.isPending ? (
        <p className="loading">Loading…</p>
      ) : environments.isError ? (
        <p role="alert" className="error">
          {problemOf(environments.error).message}
        </p>
      ) : (
        <table className="environments">
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Name</th>
              <th scope="col">Version</th>
              <th scope="col">Created</th>
              <th scope="col">Protection</th>
              <th scope="col">Who may change configurations</th>
              {isAdmin && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {environments.data.map((environment) => (
              <tr key={environment.key}>
                <th scope="row">
                  <code>{environment.key}</code>
                </th>
                <td>{environment.name}</td>
                <td>{environment.version}</td>
                <td>
                  <Time value={environment.createdAt} />
                </td>
                <td>
                  {environment.protected ? (
                    <span className="badge protected">Protected</span>
                  ) : (
                    <span className="muted">Not protected</span>
                  )}
                </td>
                <td>{whoMayChange(environment)}</td>
                {isAdmin && (
                  <td>
                    <ProtectionButton environment={environment} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
