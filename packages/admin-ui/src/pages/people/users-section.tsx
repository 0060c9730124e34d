import { useQuery } from '@tanstack/react-query';
import { api, problemOf, unwrap } from '../../api.js';
import { usePermissions } from '../../auth/permissions.js';
import { Time } from '../../ui/time.js';
import { InviteButton } from './invite-dialog.js';
import { userStatus } from './people-rules.js';
import { UserActions } from './user-actions.js';

/** Everyone who may sign in, for admins: invite, change role, disable, reset a password, delete. */
export function UsersSection() {
  const { me } = usePermissions();
  const users = useQuery({
    queryKey: ['users'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/users'))).users,
  });
  return (
    <section aria-labelledby="users-title">
      <div className="page-head">
        <h2 id="users-title">Users</h2>
        <InviteButton />
      </div>
      {users.isPending ? (
        <p className="loading">Loading…</p>
      ) : users.isError ? (
        <p role="alert" className="error">
          {problemOf(users.error).message}
        </p>
      ) : (
        <table className="users">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Single sign-on</th>
              <th scope="col">Last seen</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((user) => {
              const self = me.user?.id === user.id;
              return (
                <tr key={user.id} className={user.disabled ? 'inactive' : undefined}>
                  <th scope="row">
                    {user.email}
                    {self && <span className="badge">you</span>}
                  </th>
                  <td>{user.name}</td>
                  <td>{user.role}</td>
                  <td>{userStatus(user)}</td>
                  <td>{user.singleSignOn ? 'Yes' : 'No'}</td>
                  <td>
                    <Time value={user.lastSeenAt} empty="never" />
                  </td>
                  <td>
                    <UserActions user={user} self={self} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
