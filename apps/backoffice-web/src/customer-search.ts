// The customer list's state lives in the URL (`/customers?q=ada&status=verified&sort=lastName&direction=desc`), so a
// search can be reloaded, shared and reached with the back button. These helpers turn it into the API's query.

export const SORTS = ['id', 'lastName', 'email', 'status', 'createdAt'] as const;
export type Sort = (typeof SORTS)[number];
export type Direction = 'asc' | 'desc';

export interface CustomerFilters {
  q: string;
  status: '' | 'verified' | 'unverified';
  groupId: string;
  locale: string;
  createdFrom: string;
  createdTo: string;
  sort: Sort;
  direction: Direction;
  after: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const readFilters = (search: URLSearchParams): CustomerFilters => {
  const status = search.get('status');
  const sort = search.get('sort') as Sort | null;
  const day = (key: string) => (DAY.test(search.get(key) ?? '') ? search.get(key)! : '');
  return {
    q: search.get('q') ?? '',
    status: status === 'verified' || status === 'unverified' ? status : '',
    groupId: /^\d+$/.test(search.get('groupId') ?? '') ? search.get('groupId')! : '',
    locale: search.get('locale') ?? '',
    createdFrom: day('createdFrom'),
    createdTo: day('createdTo'),
    sort: sort && SORTS.includes(sort) ? sort : 'id',
    direction: search.get('direction') === 'desc' ? 'desc' : 'asc',
    after: search.get('after') ?? '',
  };
};

/** The console URL for these filters (defaults left out). */
export const filtersUrl = (filters: Partial<CustomerFilters>): string => {
  const params = new URLSearchParams();
  const { sort, direction, ...rest } = filters;
  for (const [key, value] of Object.entries(rest)) if (value) params.set(key, value);
  if (sort && sort !== 'id') params.set('sort', sort);
  if (direction === 'desc') params.set('direction', 'desc');
  const qs = params.toString();
  return qs ? `/customers?${qs}` : '/customers';
};

/** The back-office API's query for `GET /api/customers` (the day filters cover whole days, in UTC). */
export const searchQuery = (f: CustomerFilters, limit = 25): Record<string, string | number | undefined> => ({
  q: f.q.trim() || undefined,
  status: f.status || undefined,
  groupId: f.groupId || undefined,
  locale: f.locale.trim() || undefined,
  createdFrom: f.createdFrom ? `${f.createdFrom}T00:00:00.000Z` : undefined,
  createdTo: f.createdTo ? `${f.createdTo}T23:59:59.999Z` : undefined,
  sort: f.sort,
  direction: f.direction,
  after: f.after || undefined,
  limit,
});

/** Clicking a column: sort by it ascending, or flip the direction when it already sorts; always from the first page. */
export const toggleSort = (f: CustomerFilters, sort: Sort): CustomerFilters => ({
  ...f,
  sort,
  direction: f.sort === sort && f.direction === 'asc' ? 'desc' : 'asc',
  after: '',
});

export const hasFilters = (f: CustomerFilters): boolean => !!(f.q || f.status || f.groupId || f.locale || f.createdFrom || f.createdTo);
