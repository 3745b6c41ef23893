/**
 * A filter other modules add to the customer search (`CustomerSearch.filters[name]`), such as group membership.
 * `condition` turns the caller's value into a SQL boolean expression over the customer row, aliased `c`, with `?`
 * placeholders and their values; it runs in the search's query, so the filter pages and counts like the built-in ones.
 * Throw `InputValidationError` (naming the filter) for a value it cannot use.
 */
export interface CustomerSearchFilterPlugin {
  readonly name: string;
  condition(value: unknown): { sql: string; params: unknown[] };
}
export const CUSTOMER_SEARCH_FILTER_PLUGINS = Symbol('customer.search-filter-plugins');
