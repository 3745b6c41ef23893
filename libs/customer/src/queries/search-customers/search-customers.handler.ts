import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { forkJoiningTransaction, InputValidationError, parseIsoTimestamp } from '@patron/shared-kernel';
import { Customer } from '../../domain/customer.entity';
import { toCustomerView } from '../../dto/customer.view';
import { CUSTOMER_SEARCH_FILTER_PLUGINS, CustomerSearchFilterPlugin } from '../../extension/customer-search-filter.plugin';
import { CustomerSearchPage, CustomerSort, SearchCustomersQuery } from './search-customers.query';

/** Sort keys and the column expressions they order by (ties broken by id, so keyset pages are stable). */
const SORT_COLUMNS: Record<CustomerSort, string> = {
  id: 'c.id',
  createdAt: 'c.created_at',
  email: 'c.email_normalized',
  lastName: "coalesce(lower(c.last_name), '')",
  firstName: "coalesce(lower(c.first_name), '')",
  status: '(c.registered_at is not null)',
};
const EXACT_COUNT_LIMIT = 10_000;

const encodeCursor = (value: unknown, id: number) => Buffer.from(JSON.stringify([value, id])).toString('base64url');
const BAD_CURSOR = () => new InputValidationError([{ field: 'after', message: 'is not a cursor from a previous page' }]);
/** A cursor's sort value must have the type of the column it is compared with, or PostgreSQL rejects the query. */
const SORT_VALUE_CHECKS: Record<CustomerSort, (value: unknown) => boolean> = {
  id: (value) => (typeof value === 'string' && /^\d{1,15}$/.test(value)) || (Number.isSafeInteger(value) && (value as number) >= 0),
  createdAt: (value) => typeof value === 'string' && parseIsoTimestamp(value) !== null,
  email: (value) => typeof value === 'string' && value.length <= 500,
  lastName: (value) => typeof value === 'string' && value.length <= 500,
  firstName: (value) => typeof value === 'string' && value.length <= 500,
  status: (value) => typeof value === 'boolean',
};
/** A cursor of `sort` from a previous page; anything else (tampered, or from another sort order) is a 422 on `after`. */
const decodeCursor = (cursor: string, sort: CustomerSort): [unknown, number] => {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw BAD_CURSOR();
  }
  if (!Array.isArray(decoded) || decoded.length !== 2) throw BAD_CURSOR();
  const [value, id] = decoded;
  if (!Number.isSafeInteger(id) || id < 0 || !SORT_VALUE_CHECKS[sort](value)) throw BAD_CURSOR();
  return [value, id];
};
/** A term like "DE--1234": matched against references by prefix (every reference shares the trigrams of "DE--"). */
const REFERENCE_SHAPE = /^[A-Za-z]{1,10}--\d*$/;
const escapeLike = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/** Live customers only; keyset pagination on (sort value, id). */
@QueryHandler(SearchCustomersQuery)
export class SearchCustomersHandler implements IQueryHandler<SearchCustomersQuery> {
  private readonly filters: Map<string, CustomerSearchFilterPlugin>;

  constructor(private readonly em: EntityManager, @Inject(CUSTOMER_SEARCH_FILTER_PLUGINS) plugins: CustomerSearchFilterPlugin[]) {
    this.filters = new Map(plugins.map((plugin) => [plugin.name, plugin]));
  }

  async execute({ search }: SearchCustomersQuery): Promise<CustomerSearchPage> {
    const sort = search.sort ?? 'id';
    const direction = search.direction === 'desc' ? 'desc' : 'asc';
    const limit = Math.min(Math.max(search.limit ?? 25, 1), 200);
    const where: string[] = ['c.anonymized_at is null'];
    const params: unknown[] = [];
    const text = search.text?.trim();
    let substring: string | null = null;
    if (text && REFERENCE_SHAPE.test(text)) {
      where.push(`lower(c.customer_reference) like ?`);
      params.push(`${escapeLike(text.toLowerCase())}%`);
    } else if (text) {
      const id = /^\d{1,15}$/.test(text) ? Number(text) : null;
      where.push(`(c.id in (select s.customer_id from customer_search s where s.search_text like public.patron_fold(?))${id !== null ? ' or c.id = ?' : ''})`);
      params.push(`%${escapeLike(text)}%`, ...(id !== null ? [id] : []));
      if (id === null) substring = `%${escapeLike(text)}%`;
    }
    if (search.status) where.push(search.status === 'verified' ? 'c.registered_at is not null' : 'c.registered_at is null');
    if (search.locale) (where.push('c.locale = ?'), params.push(search.locale));
    if (search.createdFrom) (where.push('c.created_at >= ?'), params.push(search.createdFrom));
    if (search.createdTo) (where.push('c.created_at <= ?'), params.push(search.createdTo));
    for (const [name, value] of Object.entries(search.filters ?? {})) {
      if (value === undefined) continue;
      const plugin = this.filters.get(name);
      if (!plugin) throw new InputValidationError([{ field: name, message: 'is not a known filter' }]);
      const condition = plugin.condition(value);
      where.push(`(${condition.sql})`);
      params.push(...condition.params);
    }
    // A substring term with no other filter is counted in customer_search alone, which holds exactly the live
    // customers' folded text: no lookup of each match in the wide customer table.
    const [counted, filter, filterParams] = substring && where.length === 2
      ? ['customer_search s', 's.search_text like public.patron_fold(?)', [substring]]
      : ['customer c', where.join(' and '), [...params]];
    const column = SORT_COLUMNS[sort];
    if (search.after) {
      const [value, id] = decodeCursor(search.after, sort);
      where.push(`(${column}, c.id) ${direction === 'asc' ? '>' : '<'} (?, ?)`);
      params.push(value, id);
    }
    const em = forkJoiningTransaction(this.em);
    const rows = await em.execute<Record<string, unknown>[]>(
      `select c.*, ${column} as sort_value from customer c where ${where.join(' and ')}
       order by ${column} ${direction}, c.id ${direction} limit ?`,
      [...params, limit + 1],
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    // The planner's estimate first: above the limit it is the answer, and no matching row is counted.
    const plan = await em.execute<{ 'QUERY PLAN': { Plan: { 'Plan Rows': number } }[] }[]>(`explain (format json) select 1 from ${counted} where ${filter}`, filterParams);
    const estimate = plan[0]['QUERY PLAN'][0].Plan['Plan Rows'];
    let total = estimate;
    let totalIsEstimate = true;
    if (estimate <= EXACT_COUNT_LIMIT) {
      const [{ n }] = await em.execute<{ n: string }[]>(`select count(*) as n from (select 1 from ${counted} where ${filter} limit ${EXACT_COUNT_LIMIT + 1}) x`, filterParams);
      totalIsEstimate = Number(n) > EXACT_COUNT_LIMIT;
      total = totalIsEstimate ? EXACT_COUNT_LIMIT + 1 : Number(n);
    }
    return {
      customers: page.map((row) => {
        const customer = em.map(Customer, row);
        return { id: customer.id, ...toCustomerView(customer) };
      }),
      next: rows.length > limit && last ? encodeCursor(normalizeSortValue(last.sort_value), Number(last.id)) : null,
      total,
      totalIsEstimate,
    };
  }
}

/** Cursor values must compare like the column: timestamps as ISO strings. */
const normalizeSortValue = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : value);

