import { FormEvent, useEffect, useState } from 'react';
import { api, Group, SearchPage } from '../api';
import { asApiError, ConfirmDialog, Empty, ErrorMessage, Field, Loading, Notice, PageTitle, useLoad, useSubmit } from '../components';
import { fullName } from '../format';
import { Link, navigate } from '../router';
import { useIsAdmin } from '../session';
import { customerPath } from './CustomerPage';

type GroupDetail = Group & { members: string[] };

/** Create a group (no `id`), or see and edit one with its members. */
export const GroupPage = ({ id }: { id?: number }) => {
  const isAdmin = useIsAdmin();
  const group = useLoad(() => (id ? api.get<{ data: GroupDetail }>(`/api/customer-groups/${id}`) : Promise.resolve(null)), [id]);
  const g = group.data?.data;
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const { busy, error, fields, submit } = useSubmit();

  useEffect(() => {
    if (g) {
      setName(g.name);
      setDescription(g.description ?? '');
    }
  }, [g]);

  if (id && group.loading && !g) return <Loading />;
  if (id && group.error)
    return (
      <section>
        <PageTitle>Customer group</PageTitle>
        <ErrorMessage error={group.error} />
        <Link href="/groups">Back to the groups</Link>
      </section>
    );

  const save = (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    void submit(async () => {
      const body = { name, description: description.trim() ? description : null };
      if (g) {
        await api.patch(`/api/customer-groups/${g.id}`, body);
        setNotice('Group saved.');
        group.reload();
      } else {
        const created = await api.post<{ data: Group }>('/api/customer-groups', body);
        navigate(`/groups/${created.data.id}`, { replace: true });
      }
    });
  };

  return (
    <section>
      <p className="breadcrumb">
        <Link href="/groups">Groups</Link> / {g ? g.name : 'new'}
      </p>
      <PageTitle
        actions={
          g &&
          isAdmin && (
            <button type="button" className="danger" onClick={() => setDeleting(true)}>
              Delete group
            </button>
          )
        }
      >
        {g ? g.name : 'New customer group'}
      </PageTitle>
      {notice && <Notice onClose={() => setNotice(null)}>{notice}</Notice>}
      {isAdmin ? (
        <form className="card form" onSubmit={save} noValidate>
          <ErrorMessage error={error} shownFields={['name', 'description']} />
          <Field label="Name" error={fields.name} hint="Unique, ignoring case; at most 70 characters.">
            {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} maxLength={70} required />}
          </Field>
          <Field label="Description" error={fields.description}>
            {(p) => <textarea {...p} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={255} />}
          </Field>
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Saving…' : g ? 'Save group' : 'Create group'}
            </button>
            {!g && (
              <Link href="/groups" className="button">
                Cancel
              </Link>
            )}
          </div>
        </form>
      ) : (
        g && <p>{g.description || <span className="muted">No description.</span>}</p>
      )}
      {g && <Members group={g} onChanged={group.reload} />}
      {deleting && g && (
        <ConfirmDialog
          title={`Delete the group ${g.name}?`}
          confirmLabel={`Delete ${g.name}`}
          danger
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            await api.delete(`/api/customer-groups/${g.id}`);
            navigate('/groups');
          }}
        >
          <p>
            Its {g.memberCount.toLocaleString('en')} member(s) stay customers; only the group and the memberships go.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
};

/** The group's members from the customer search (`groupId` filter), a page at a time, with names. */
const MEMBERS_PAGE = 50;

const Members = ({ group, onChanged }: { group: GroupDetail; onChanged: () => void }) => {
  const isAdmin = useIsAdmin();
  const [members, setMembers] = useState<SearchPage | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<SearchPage | null>(null);
  const [memberResults, setMemberResults] = useState<Set<string>>(new Set());
  const [searchedFor, setSearchedFor] = useState('');
  const [references, setReferences] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const action = useSubmit();
  const searching = useSubmit();
  const url = `/api/customer-groups/${group.id}/members`;

  // The first page again whenever the group changes (members added or removed).
  useEffect(() => {
    let current = true;
    api.get<SearchPage>('/api/customers', { groupId: group.id, limit: MEMBERS_PAGE }).then(
      (page) => current && setMembers(page),
      (e) => current && action.setError(asApiError(e)),
    );
    return () => {
      current = false;
    };
  }, [group]);

  const showMore = async () => {
    if (!members?.next) return;
    setLoadingMore(true);
    try {
      const page = await api.get<SearchPage>('/api/customers', { groupId: group.id, limit: MEMBERS_PAGE, after: members.next });
      setMembers({ ...page, data: [...members.data, ...page.data] });
    } catch (e) {
      action.setError(asApiError(e));
    } finally {
      setLoadingMore(false);
    }
  };

  const search = (event: FormEvent) => {
    event.preventDefault();
    void searching.submit(async () => {
      const q = query.trim() || undefined;
      const [found, alreadyIn] = await Promise.all([
        api.get<SearchPage>('/api/customers', { q, limit: 10 }),
        api.get<SearchPage>('/api/customers', { q, groupId: group.id, limit: 10 }),
      ]);
      setResults(found);
      setMemberResults(new Set(alreadyIn.data.map((c) => c.reference)));
      setSearchedFor(query.trim());
    });
  };
  const add = (customerReferences: string[]) =>
    action.submit(async () => {
      const answer = await api.post<{ data: { added: number; unknown: string[] } }>(url, { customerReferences });
      setNotice(`${answer.data.added} added.${answer.data.unknown.length ? ` Not found: ${answer.data.unknown.join(', ')}.` : ''}`);
      setMemberResults(new Set([...memberResults, ...customerReferences]));
      onChanged();
    });
  const addAllFound = () =>
    action.submit(async () => {
      const answer = await api.post<{ data: { added: number } }>(url, { search: { q: searchedFor || undefined } });
      setNotice(`${answer.data.added} added.`);
      setMemberResults(new Set(results?.data.map((c) => c.reference)));
      onChanged();
    });
  const addReferences = (event: FormEvent) => {
    event.preventDefault();
    const list = references.split(/[\s,;]+/).filter(Boolean);
    if (list.length) void add(list).then(() => setReferences(''));
  };
  const remove = (reference: string) =>
    action.submit(async () => {
      await api.delete(url, { customerReferences: [reference] });
      setNotice(`${reference} removed.`);
      setMemberResults(new Set([...memberResults].filter((r) => r !== reference)));
      onChanged();
    });

  return (
    <section className="card" aria-label="Members">
      <div className="card-head">
        <h2>Members ({group.memberCount.toLocaleString('en')})</h2>
      </div>
      {notice && <Notice onClose={() => setNotice(null)}>{notice}</Notice>}
      <ErrorMessage error={action.error} />
      {!members ? (
        <Loading label="Loading members…" />
      ) : members.data.length === 0 ? (
        <Empty>No members yet.</Empty>
      ) : (
        <ul className="results members">
          {members.data.map((c) => (
            <li key={c.reference}>
              <span className="break">
                <Link href={customerPath(c.reference)}>{c.reference}</Link> {fullName(c)} <span className="muted">· {c.email}</span>
              </span>
              {isAdmin && (
                <button type="button" className="small" onClick={() => remove(c.reference)} disabled={action.busy} aria-label={`Remove ${c.reference}`}>
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {members?.next && (
        <button type="button" className="link" onClick={showMore} disabled={loadingMore}>
          {loadingMore ? 'Loading…' : `Show ${Math.min(MEMBERS_PAGE, group.memberCount - members.data.length).toLocaleString('en')} more`}
        </button>
      )}

      {isAdmin && (
        <div className="member-tools">
          <form className="inline-form" role="search" onSubmit={search}>
            <label htmlFor="member-search">Find customers to add</label>
            <input id="member-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Name, email or reference" />
            <button type="submit" disabled={searching.busy}>
              Search
            </button>
          </form>
          <ErrorMessage error={searching.error} />
          {results &&
            (results.data.length === 0 ? (
              <Empty>No customer matches “{searchedFor}”.</Empty>
            ) : (
              <>
                <ul className="results">
                  {results.data.map((c) => (
                    <li key={c.reference}>
                      <span className="break">
                        {fullName(c)} <span className="muted">{c.reference} · {c.email}</span>
                      </span>
                      {memberResults.has(c.reference) ? (
                        <span className="muted">member</span>
                      ) : (
                        <button type="button" className="small" onClick={() => add([c.reference])} disabled={action.busy} aria-label={`Add ${c.reference}`}>
                          Add
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
                {results.total > 0 && (
                  <button type="button" onClick={addAllFound} disabled={action.busy}>
                    Add every customer found ({results.totalIsEstimate ? 'about ' : ''}
                    {results.total.toLocaleString('en')})
                  </button>
                )}
              </>
            ))}
          <form className="inline-form" onSubmit={addReferences}>
            <label htmlFor="member-references">Add by reference</label>
            <input id="member-references" value={references} onChange={(e) => setReferences(e.target.value)} placeholder="DE--1, DE--2" />
            <button type="submit" disabled={action.busy || !references.trim()}>
              Add
            </button>
          </form>
        </div>
      )}
    </section>
  );
};
