import { Query } from '@nestjs/cqrs';

export interface CustomerAccessView {
  contentType: string;
  isRestricted: boolean;
  /** Storefront resource types hidden from guests while the content type is restricted. */
  resourceTypes: string[];
}

export class ListCustomerAccessQuery extends Query<CustomerAccessView[]> {}
