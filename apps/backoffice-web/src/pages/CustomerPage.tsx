import { FormEvent, ReactNode, useState } from 'react';
import { Address, api, CustomerDetail, Group, HistoryEntry, HistoryPage, Note } from '../api';
import { Badge, ConfirmDialog, Empty, ErrorMessage, Field, Loading, Notice, PageTitle, useLoad, useSubmit } from '../components';
import { actorLabel, customerStatus, detailParts, eventLabel, formatDate, formatDateTime, formatMoney, fullName } from '../format';
import { Link, navigate } from '../router';
import { useIsAdmin, useStaff } from '../session';
import { StatusBadge } from './CustomerListPage';

export const customerPath = (reference: string) => `/customers/${encodeURIComponent(reference)}`;

export const CustomerPage = ({ reference }: { reference: string }) => {
  const isAdmin = useIsAdmin();
  const customer = useLoad(() => api.get<{ data: CustomerDetail }>(`/api/customers/${encodeURIComponent(reference)}`), [reference]);
  const [notice, setNotice] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'delete' | null>(null);
  const actions = useSubmit();

  if (customer.loading && !customer.data) return <Loading label="Loading the customer…" />;
  if (customer.error && !customer.data)
    return (
      <section>
        <PageTitle>Customer {reference}</PageTitle>
        <ErrorMessage error={customer.error} />
        <p>
          <Link href="/customers">Back to the customers</Link>
        </p>
      </section>
    );
  const c = customer.data!.data;
  const base = `/api/customers/${encodeURIComponent(reference)}`;
  const name = fullName(c);

  const sendPasswordToken = () =>
    actions.submit(async () => {
      await api.post(`${base}/password-token`);
      setNotice(`A link to set a password was mailed to ${c.email}.`);
      customer.reload();
    });
  const confirmEmail = () =>
    actions.submit(async () => {
      await api.post(`${base}/confirm`);
      setNotice(`${name}'s email is confirmed.`);
      customer.reload();
    });

  return (
    <section className="customer">
      <p className="breadcrumb">
        <Link href="/customers">Customers</Link> / {c.reference}
      </p>
      <PageTitle
        actions={
          isAdmin && (
            <>
              <Link href={`${customerPath(reference)}/edit`} className="button primary">
                Edit
              </Link>
              <button type="button" onClick={sendPasswordToken} disabled={actions.busy}>
                Send password token
              </button>
              {!c.registeredAt && (
                <button type="button" onClick={confirmEmail} disabled={actions.busy}>
                  Confirm email
                </button>
              )}
              <button type="button" className="danger" onClick={() => setDialog('delete')}>
                Delete
              </button>
            </>
          )
        }
      >
        {name} <StatusBadge status={customerStatus(c)} />
      </PageTitle>
      {notice && <Notice onClose={() => setNotice(null)}>{notice}</Notice>}
      <ErrorMessage error={actions.error} />

      <div className="columns">
        <div>
          <Card title="Profile">
            <dl className="facts">
              <dt>Reference</dt>
              <dd>{c.reference}</dd>
              <dt>Email</dt>
              <dd className="break">
                {c.email}
                {c.pendingEmail && <div className="muted">changing to {c.pendingEmail} (waiting for confirmation)</div>}
              </dd>
              <dt>Name</dt>
              <dd>{fullName(c, true)}</dd>
              <dt>Gender</dt>
              <dd>{c.gender ?? '—'}</dd>
              <dt>Date of birth</dt>
              <dd>{c.dateOfBirth ? formatDate(`${c.dateOfBirth}T00:00:00Z`) : '—'}</dd>
              <dt>Phone</dt>
              <dd>{c.phone || '—'}</dd>
              <dt>Company</dt>
              <dd>{c.company || '—'}</dd>
              <dt>Locale</dt>
              <dd>{c.locale}</dd>
              <dt>Created</dt>
              <dd>{formatDateTime(c.createdAt)}</dd>
              <dt>Email confirmed</dt>
              <dd>{c.registeredAt ? formatDateTime(c.registeredAt) : 'not yet'}</dd>
            </dl>
          </Card>
          <Addresses reference={reference} addresses={c.addresses} onChanged={customer.reload} />
          <Groups reference={reference} groups={c.groups} onChanged={customer.reload} />
          <Card title={`Latest orders${c.orderCount ? ` (${c.orderCount})` : ''}`}>
            {c.latestOrders.length === 0 ? (
              <Empty>No orders yet.</Empty>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th>Order</th>
                      <th>Date</th>
                      <th>Status</th>
                      <th className="num">Items</th>
                      <th className="num">Total</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.latestOrders.map((o) => (
                      <tr key={o.orderReference}>
                        <td className="nowrap">{o.orderReference}</td>
                        <td className="nowrap">{formatDate(o.createdAt)}</td>
                        <td>
                          <Badge tone="info">{o.status}</Badge>
                        </td>
                        <td className="num">{o.itemCount}</td>
                        <td className="num nowrap">{formatMoney(o.grandTotal, o.currency)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {c.orderCount > c.latestOrders.length && <p className="muted">Showing the latest {c.latestOrders.length}.</p>}
          </Card>
        </div>
        <div>
          <Notes reference={reference} notes={c.notes} onChanged={customer.reload} />
          <Timeline key={c.history.total} reference={reference} first={c.history} />
        </div>
      </div>

      {dialog === 'delete' && (
        <ConfirmDialog
          title={`Delete ${name}?`}
          confirmLabel={`Delete ${name}`}
          danger
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.delete(base);
            navigate('/customers');
          }}
        >
          <p>
            This anonymizes <strong>{name}</strong> ({c.reference}, {c.email}): their name, email and addresses are erased, they leave every
            group and can no longer sign in. It cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
};

export const Card = ({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) => (
  <section className="card" aria-label={title}>
    <div className="card-head">
      <h2>{title}</h2>
      {actions}
    </div>
    {children}
  </section>
);

const Addresses = ({ reference, addresses, onChanged }: { reference: string; addresses: Address[]; onChanged: () => void }) => {
  const isAdmin = useIsAdmin();
  const [deleting, setDeleting] = useState<Address | null>(null);
  return (
    <Card
      title="Addresses"
      actions={
        isAdmin && (
          <Link href={`${customerPath(reference)}/addresses/new`} className="button small">
            Add address
          </Link>
        )
      }
    >
      {addresses.length === 0 ? (
        <Empty>No addresses.</Empty>
      ) : (
        <ul className="addresses">
          {addresses.map((a) => (
            <li key={a.uuid}>
              <address>
                {[a.salutation, a.firstName, a.lastName].filter(Boolean).join(' ')}
                {a.company && (
                  <>
                    <br />
                    {a.company}
                  </>
                )}
                <br />
                {a.address1} {a.address2}
                {a.address3 && (
                  <>
                    <br />
                    {a.address3}
                  </>
                )}
                <br />
                {a.zipCode} {a.city}
                <br />
                {a.country}
              </address>
              <div className="badges">
                {a.isDefaultBilling && <Badge tone="info">Default billing</Badge>}
                {a.isDefaultShipping && <Badge tone="info">Default shipping</Badge>}
              </div>
              {isAdmin && (
                <div className="row-actions">
                  <Link href={`${customerPath(reference)}/addresses/${a.uuid}`} aria-label={`Edit address ${a.address1} ${a.address2}`}>
                    Edit
                  </Link>
                  <button type="button" className="link danger" onClick={() => setDeleting(a)} aria-label={`Delete address ${a.address1} ${a.address2}`}>
                    Delete
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {deleting && (
        <ConfirmDialog
          title="Delete this address?"
          confirmLabel="Delete address"
          danger
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await api.delete(`/api/customers/${encodeURIComponent(reference)}/addresses/${deleting.uuid}`);
            setDeleting(null);
            onChanged();
          }}
        >
          <p>
            {deleting.address1} {deleting.address2}, {deleting.zipCode} {deleting.city}, {deleting.country}
          </p>
        </ConfirmDialog>
      )}
    </Card>
  );
};

const Groups = ({ reference, groups, onChanged }: { reference: string; groups: Group[]; onChanged: () => void }) => {
  const isAdmin = useIsAdmin();
  const all = useLoad(() => (isAdmin ? api.get<{ data: Group[] }>('/api/customer-groups') : Promise.resolve({ data: [] })), [isAdmin, groups.length]);
  const [chosen, setChosen] = useState('');
  const { busy, error, submit } = useSubmit();
  const available = (all.data?.data ?? []).filter((g) => !groups.some((m) => m.id === g.id));
  const members = { customerReferences: [reference] };

  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return;
    void submit(async () => {
      await api.post(`/api/customer-groups/${chosen}/members`, members);
      setChosen('');
      onChanged();
    });
  };
  const remove = (group: Group) =>
    submit(async () => {
      await api.delete(`/api/customer-groups/${group.id}/members`, members);
      onChanged();
    });

  return (
    <Card title="Groups">
      {groups.length === 0 ? (
        <Empty>Not in any group.</Empty>
      ) : (
        <ul className="chips">
          {groups.map((g) => (
            <li key={g.id}>
              <Link href={`/groups/${g.id}`}>{g.name}</Link>
              {isAdmin && (
                <button type="button" className="chip-remove" onClick={() => remove(g)} disabled={busy} aria-label={`Remove from ${g.name}`}>
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage error={error} />
      {isAdmin && available.length > 0 && (
        <form className="inline-form" onSubmit={add}>
          <label htmlFor="add-to-group">Add to group</label>
          <select id="add-to-group" value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">Choose a group…</option>
            {available.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
          <button type="submit" disabled={!chosen || busy}>
            Add
          </button>
        </form>
      )}
    </Card>
  );
};

const Notes = ({ reference, notes, onChanged }: { reference: string; notes: Note[]; onChanged: () => void }) => {
  const staff = useStaff();
  const [text, setText] = useState('');
  const [editing, setEditing] = useState<number | null>(null);
  const adding = useSubmit();

  const add = (event: FormEvent) => {
    event.preventDefault();
    void adding.submit(async () => {
      await api.post(`/api/customers/${encodeURIComponent(reference)}/notes`, { text });
      setText('');
      onChanged();
    });
  };

  return (
    <Card title="Notes">
      <form onSubmit={add} className="note-form" noValidate>
        <ErrorMessage error={adding.error} shownFields={['text']} />
        <Field label="New note" error={adding.fields.text}>
          {(p) => <textarea {...p} rows={3} value={text} onChange={(e) => setText(e.target.value)} maxLength={5000} />}
        </Field>
        <button type="submit" className="primary" disabled={adding.busy || !text.trim()}>
          {adding.busy ? 'Adding…' : 'Add note'}
        </button>
      </form>
      {notes.length === 0 ? (
        <Empty>No notes yet.</Empty>
      ) : (
        <ul className="notes">
          {notes.map((n) =>
            editing === n.id ? (
              <li key={n.id}>
                <NoteEditor note={n} onDone={() => setEditing(null)} onSaved={() => (setEditing(null), onChanged())} />
              </li>
            ) : (
              <li key={n.id}>
                <p className="note-text">{n.text}</p>
                <p className="note-meta">
                  {n.authorName} · {formatDateTime(n.createdAt)}
                  {n.revisions.length > 0 && (
                    <span title={`Edited ${n.revisions.length} time(s), last on ${formatDateTime(n.updatedAt)}`}> · edited</span>
                  )}
                  {(n.authorId === staff.userId || staff.role === 'admin') && (
                    <button type="button" className="link" onClick={() => setEditing(n.id)} aria-label={`Edit note from ${formatDateTime(n.createdAt)}`}>
                      Edit
                    </button>
                  )}
                </p>
              </li>
            ),
          )}
        </ul>
      )}
    </Card>
  );
};

const NoteEditor = ({ note, onDone, onSaved }: { note: Note; onDone: () => void; onSaved: () => void }) => {
  const [text, setText] = useState(note.text);
  const { busy, error, fields, submit } = useSubmit();
  const save = (event: FormEvent) => {
    event.preventDefault();
    void submit(async () => {
      await api.patch(`/api/notes/${note.id}`, { text });
      onSaved();
    });
  };
  return (
    <form onSubmit={save} noValidate>
      <ErrorMessage error={error} shownFields={['text']} />
      <Field label="Edit note" error={fields.text}>
        {(p) => (
          <textarea {...p} rows={3} value={text} onChange={(e) => setText(e.target.value)} autoFocus onKeyDown={(e) => e.key === 'Escape' && onDone()} />
        )}
      </Field>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          Save note
        </button>
        <button type="button" onClick={onDone} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
};

const Timeline = ({ reference, first }: { reference: string; first: HistoryPage }) => {
  const [more, setMore] = useState<HistoryEntry[]>([]);
  const [loading, setLoading] = useState(false);
  const entries = [...first.entries, ...more];
  const loadMore = async () => {
    setLoading(true);
    try {
      const page = await api.get<{ data: HistoryPage }>(`/api/customers/${encodeURIComponent(reference)}/history`, { offset: entries.length, limit: 50 });
      setMore([...more, ...page.data.entries]);
    } finally {
      setLoading(false);
    }
  };
  return (
    <Card title="History">
      {entries.length === 0 ? (
        <Empty>Nothing recorded yet.</Empty>
      ) : (
        <ol className="timeline">
          {entries.map((e, i) => (
            <li key={`${e.occurredAt}-${i}`}>
              <div className="event">{eventLabel(e.event)}</div>
              {detailParts(e.details).length > 0 && <div className="details">{detailParts(e.details).join(' · ')}</div>}
              <div className="note-meta">
                {actorLabel(e)} · <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt)}</time>
              </div>
            </li>
          ))}
        </ol>
      )}
      {first.total > entries.length && (
        <button type="button" onClick={loadMore} disabled={loading}>
          {loading ? 'Loading…' : `Show older (${first.total - entries.length} more)`}
        </button>
      )}
    </Card>
  );
};
