import { FormEvent, useEffect, useState } from 'react';
import { api, Group, SearchPage } from '../api';
import { Badge, Empty, ErrorMessage, Loading, PageTitle, useLoad } from '../components';
import { CustomerFilters, filtersUrl, hasFilters, readFilters, searchQuery, Sort, toggleSort } from '../customer-search';
import { customerStatus, formatDate, fullName } from '../format';
import { Link, navigate, useLocation } from '../router';
import { useIsAdmin } from '../session';
import { localeChoices, useSettings } from '../settings';

const PAGE_SIZE = 25;

const COLUMNS: { sort: Sort; label: string; className?: string }[] = [
  { sort: 'id', label: 'Reference' },
  { sort: 'lastName', label: 'Name' },
  { sort: 'email', label: 'Email', className: 'optional' },
  { sort: 'status', label: 'Status' },
  { sort: 'createdAt', label: 'Created', className: 'optional' },
];

export const CustomerListPage = () => {
  const { search } = useLocation();
  const filters = readFilters(search);
  const key = filtersUrl(filters);
  const isAdmin = useIsAdmin();
  const page = useLoad(() => api.get<SearchPage>('/api/customers', searchQuery(filters, PAGE_SIZE)), [key]);
  const groups = useLoad(() => api.get<{ data: Group[] }>('/api/customer-groups'), []);
  const settings = useSettings();
  // Cursors of the pages before this one, so "Previous" can go back (keyset paging has no page numbers).
  const [previous, setPrevious] = useState<string[]>([]);
  const [text, setText] = useState(filters.q);
  const [exporting, setExporting] = useState(false);
  useEffect(() => setText(filters.q), [filters.q]);

  const go = (next: CustomerFilters, keepPaging = false) => {
    if (!keepPaging) setPrevious([]);
    navigate(filtersUrl(next));
  };
  const change = (changes: Partial<CustomerFilters>) => go({ ...filters, ...changes, after: '' });
  const searchFor = (event: FormEvent) => {
    event.preventDefault();
    change({ q: text });
  };

  const nextPage = () => {
    if (!page.data?.next) return;
    setPrevious([...previous, filters.after]);
    go({ ...filters, after: page.data.next }, true);
  };
  const previousPage = () => {
    const stack = [...previous];
    const after = stack.pop() ?? '';
    setPrevious(stack);
    go({ ...filters, after }, true);
  };

  const exportCsv = async () => {
    setExporting(true);
    try {
      const { after: _after, limit: _limit, ...query } = searchQuery(filters);
      const blob = await api.blob('/api/customers/export.csv', query);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = 'customers.csv';
      link.click();
      URL.revokeObjectURL(link.href);
    } finally {
      setExporting(false);
    }
  };

  const data = page.data;
  const firstRow = previous.length * PAGE_SIZE + 1;

  return (
    <section>
      <PageTitle
        actions={
          <>
            <button type="button" onClick={exportCsv} disabled={exporting}>
              {exporting ? 'Exporting…' : 'Export CSV'}
            </button>
            {isAdmin && (
              <Link href="/customers/new" className="button primary">
                New customer
              </Link>
            )}
          </>
        }
      >
        Customers
      </PageTitle>

      <form className="search" role="search" onSubmit={searchFor}>
        <div className="search-box">
          <label htmlFor="customer-search" className="visually-hidden">
            Search customers
          </label>
          <input
            id="customer-search"
            type="search"
            placeholder="Name, email or reference"
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoComplete="off"
          />
          <button type="submit" className="primary">
            Search
          </button>
        </div>
        <fieldset className="filters">
          <legend className="visually-hidden">Filters</legend>
          <label>
            Status
            <select value={filters.status} onChange={(e) => change({ status: e.target.value as CustomerFilters['status'] })}>
              <option value="">Any</option>
              <option value="verified">Verified</option>
              <option value="unverified">Unverified</option>
            </select>
          </label>
          <label>
            Group
            <select value={filters.groupId} onChange={(e) => change({ groupId: e.target.value })}>
              <option value="">Any</option>
              {groups.data?.data.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Locale
            <select value={filters.locale} onChange={(e) => change({ locale: e.target.value })}>
              <option value="">Any</option>
              {localeChoices(settings.data?.locales ?? [], filters.locale).map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </label>
          <label>
            Created from
            <input type="date" value={filters.createdFrom} onChange={(e) => change({ createdFrom: e.target.value })} />
          </label>
          <label>
            Created to
            <input type="date" value={filters.createdTo} onChange={(e) => change({ createdTo: e.target.value })} />
          </label>
          {hasFilters(filters) && (
            <button type="button" className="link" onClick={() => go({ ...readFilters(new URLSearchParams()), sort: filters.sort, direction: filters.direction })}>
              Clear filters
            </button>
          )}
        </fieldset>
      </form>

      <ErrorMessage error={page.error} />
      {page.loading && !data && <Loading label="Loading customers…" />}
      {data && (
        <>
          <p className="result-count" aria-live="polite">
            {data.total === 0
              ? 'No customers'
              : filters.after && !previous.length
                ? `${data.data.length} shown of ${data.totalIsEstimate ? 'about ' : ''}${data.total.toLocaleString('en')} customers`
                : `${firstRow}–${firstRow + data.data.length - 1} of ${data.totalIsEstimate ? 'about ' : ''}${data.total.toLocaleString('en')} customers`}
            {page.loading && <span className="muted"> · updating…</span>}
          </p>
          {data.data.length === 0 ? (
            <Empty>
              {hasFilters(filters) ? 'No customer matches this search. Try fewer words or clear the filters.' : 'There are no customers yet.'}
            </Empty>
          ) : (
            <div className="table-wrap">
              <table className="customers" aria-busy={page.loading}>
                <thead>
                  <tr>
                    {COLUMNS.map((c) => (
                      <th
                        key={c.sort}
                        className={c.className}
                        aria-sort={filters.sort === c.sort ? (filters.direction === 'asc' ? 'ascending' : 'descending') : undefined}
                      >
                        <button type="button" className="sort" onClick={() => go(toggleSort(filters, c.sort))}>
                          {c.label}
                          <span aria-hidden="true" className="sort-mark">
                            {filters.sort === c.sort ? (filters.direction === 'asc' ? '▲' : '▼') : ''}
                          </span>
                        </button>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.data.map((c) => (
                    <tr key={c.reference}>
                      <td className="nowrap">
                        <Link href={`/customers/${encodeURIComponent(c.reference)}`}>{c.reference}</Link>
                      </td>
                      <td className="break">
                        {fullName(c)}
                        <span className="phone-only muted">{c.email}</span>
                      </td>
                      <td className="optional break">{c.email}</td>
                      <td>
                        <StatusBadge status={customerStatus(c)} />
                      </td>
                      <td className="optional nowrap">{formatDate(c.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <nav className="pager" aria-label="Pages">
            <button type="button" onClick={previousPage} disabled={!filters.after}>
              {previous.length ? '← Previous' : filters.after ? '← First page' : '← Previous'}
            </button>
            <button type="button" onClick={nextPage} disabled={!data.next}>
              Next →
            </button>
          </nav>
        </>
      )}
    </section>
  );
};

export const StatusBadge = ({ status }: { status: 'verified' | 'unverified' }) =>
  status === 'verified' ? <Badge tone="ok">Verified</Badge> : <Badge tone="warn">Unverified</Badge>;
