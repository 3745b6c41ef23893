import { z } from 'zod';
import { CUSTOMER_SORTS } from '@patron/customer';
import { parseIsoTimestamp } from '@patron/shared-kernel';

/** An instant PostgreSQL can compare with: ISO 8601 (a real day, years 1 to 9999), UTC unless it names a zone. */
const instant = z.string().transform((v, context) => {
  const date = parseIsoTimestamp(v);
  if (date) return date;
  context.addIssue({ code: 'custom', message: 'must be an ISO 8601 date such as 2024-12-31' });
  return z.NEVER;
});

/** What selects customers: the search term and the filters (query parameters of the search, or a JSON object). */
export const CUSTOMER_SEARCH_FILTERS = z.object({
  q: z.string().max(200).optional(),
  status: z.enum(['verified', 'unverified']).optional(),
  groupId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  locale: z.string().max(10).optional(),
  createdFrom: instant.optional(),
  createdTo: instant.optional(),
});

/** The search's query parameters: the filters, the order and the page. */
export const CUSTOMER_SEARCH = CUSTOMER_SEARCH_FILTERS.extend({
  sort: z.enum(CUSTOMER_SORTS).optional(),
  direction: z.enum(['asc', 'desc']).optional(),
  after: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

/** The filters as `CustomerFacade.search` takes them. */
export const toCustomerSearch = ({ q, groupId, ...filters }: z.infer<typeof CUSTOMER_SEARCH_FILTERS>) => ({ text: q, ...filters, filters: { groupId } });
