import { Query } from '@nestjs/cqrs';
import { CustomerView } from '../../dto/customer.view';

export const CUSTOMER_SORTS = ['id', 'createdAt', 'email', 'lastName', 'firstName', 'status'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

export interface CustomerSearch {
  /**
   * Substring of email, full name, or reference, ignoring case and accents; a number also matches the id. A term
   * shaped like a reference ("DE--12") matches the references that start with it.
   */
  text?: string;
  status?: 'verified' | 'unverified';
  /** Values for filters registered as `CustomerSearchFilterPlugin`s, by name (e.g. `groupId`). */
  filters?: Record<string, unknown>;
  locale?: string;
  createdFrom?: Date;
  createdTo?: Date;
  sort?: CustomerSort;
  direction?: 'asc' | 'desc';
  /** Opaque cursor from the previous page. */
  after?: string;
  limit?: number;
}

export interface CustomerSearchPage {
  customers: (CustomerView & { id: number })[];
  /** Cursor of the next page, or null on the last one. */
  next: string | null;
  /** Exact up to 10,000, an estimate above. */
  total: number;
  totalIsEstimate: boolean;
}

export class SearchCustomersQuery extends Query<CustomerSearchPage> {
  constructor(readonly search: CustomerSearch) {
    super();
  }
}
