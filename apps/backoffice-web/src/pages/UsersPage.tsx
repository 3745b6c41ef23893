import { useState } from 'react';
import { api, ApiError, Role, ROLES, StaffUser } from '../api';
import { Badge, ConfirmDialog, ErrorMessage, Loading, Notice, PageTitle, useLoad } from '../components';
import { formatDate } from '../format';
import { useIsAdmin, useStaff } from '../session';

/**
 * Back-office users, for admins: change a user's role, disable and enable them. New users and new passwords come from
 * the command line (`users:create`, `users:set-password`).
 */
export const UsersPage = () => {
  const isAdmin = useIsAdmin();
  const me = useStaff();
  const users = useLoad(() => (isAdmin ? api.get<{ data: StaffUser[] }>('/api/users') : Promise.resolve(null)), [isAdmin]);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState('');
  const [busyId, setBusyId] = useState<number | null>(null);
  const [disabling, setDisabling] = useState<StaffUser | null>(null);

  if (!isAdmin)
    return (
      <section>
        <PageTitle>Staff users</PageTitle>
        <div className="alert error" role="alert">
          <p>Only admins manage staff users.</p>
        </div>
      </section>
    );

  const change = async (user: StaffUser, changes: { role?: Role; disabled?: boolean }, done: string) => {
    setBusyId(user.id);
    setError(null);
    setNotice('');
    try {
      await api.patch(`/api/users/${user.id}`, changes);
      setNotice(done);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'Something went wrong.'));
    } finally {
      setBusyId(null);
      users.reload();
    }
  };

  return (
    <section>
      <PageTitle>Staff users</PageTitle>
      <p className="muted">
        Admins may do everything; agents read customers and add notes. A new role applies at once; disabling a user ends their
        sessions at once. Create users and set passwords on the command line (<code>users:create</code>, <code>users:set-password</code>).
      </p>
      <ErrorMessage error={users.error ?? error} />
      {notice && <Notice onClose={() => setNotice('')}>{notice}</Notice>}
      {users.loading && !users.data && <Loading label="Loading staff users…" />}
      {users.data && (
        <div className="table-wrap">
          <table className="users">
            <thead>
              <tr>
                <th>Name</th>
                <th className="optional">Email</th>
                <th>Role</th>
                <th>Status</th>
                <th className="optional">Created</th>
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data.data.map((u) => {
                const self = u.id === me.userId;
                const busy = busyId === u.id;
                return (
                  <tr key={u.id}>
                    <td>
                      {u.name} {self && <small className="muted">(you)</small>}
                      <div className="phone-only muted">{u.email}</div>
                    </td>
                    <td className="optional">{u.email}</td>
                    <td>
                      <select
                        aria-label={`Role of ${u.name}`}
                        value={u.role}
                        disabled={self || busy}
                        title={self ? 'Another admin has to change your role.' : undefined}
                        onChange={(e) => void change(u, { role: e.target.value as Role }, `${u.name} is now ${e.target.value}.`)}
                      >
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {r}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>{u.disabled ? <Badge tone="muted">Disabled</Badge> : <Badge tone="ok">Enabled</Badge>}</td>
                    <td className="optional nowrap">{formatDate(u.createdAt)}</td>
                    <td className="nowrap">
                      {self ? null : u.disabled ? (
                        <button type="button" disabled={busy} onClick={() => void change(u, { disabled: false }, `${u.name} can log in again.`)}>
                          Enable {u.name}
                        </button>
                      ) : (
                        <button type="button" className="danger" disabled={busy} onClick={() => setDisabling(u)}>
                          Disable {u.name}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {disabling && (
        <ConfirmDialog
          title={`Disable ${disabling.name}?`}
          confirmLabel={`Disable ${disabling.name}`}
          danger
          onClose={() => setDisabling(null)}
          onConfirm={async () => {
            await api.patch(`/api/users/${disabling.id}`, { disabled: true });
            setError(null);
            setNotice(`${disabling.name} is disabled.`);
            setDisabling(null);
            users.reload();
          }}
        >
          <p>
            {disabling.name} ({disabling.email}) is signed out everywhere at once and cannot log in until an admin enables the
            account again. Notes they wrote stay.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
};
