import { api, Group } from '../api';
import { Empty, ErrorMessage, Loading, PageTitle, useLoad } from '../components';
import { formatDate } from '../format';
import { Link } from '../router';
import { useIsAdmin } from '../session';

export const GroupListPage = () => {
  const isAdmin = useIsAdmin();
  const groups = useLoad(() => api.get<{ data: Group[] }>('/api/customer-groups'), []);
  return (
    <section>
      <PageTitle
        actions={
          isAdmin && (
            <Link href="/groups/new" className="button primary">
              New group
            </Link>
          )
        }
      >
        Customer groups
      </PageTitle>
      <ErrorMessage error={groups.error} />
      {groups.loading && !groups.data && <Loading label="Loading groups…" />}
      {groups.data &&
        (groups.data.data.length === 0 ? (
          <Empty>There are no customer groups yet.{isAdmin && ' Create one with “New group”.'}</Empty>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Description</th>
                  <th className="num">Members</th>
                  <th className="optional">Created</th>
                </tr>
              </thead>
              <tbody>
                {groups.data.data.map((g) => (
                  <tr key={g.id}>
                    <td>
                      <Link href={`/groups/${g.id}`}>{g.name}</Link>
                    </td>
                    <td>{g.description || <span className="muted">—</span>}</td>
                    <td className="num">{g.memberCount.toLocaleString('en')}</td>
                    <td className="optional nowrap">{formatDate(g.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
};
