import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CustomerAccessView, ListCustomerAccessQuery } from './queries/list-restricted-content-types/list-customer-access.query';
import { UpdateCustomerAccessCommand } from './commands/update-customer-access/update-customer-access.command';

@Injectable()
export class CustomerAccessFacade {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  /** Every content type with its guest restriction and the storefront resource types it hides. */
  list(): Promise<CustomerAccessView[]> {
    return this.queries.execute(new ListCustomerAccessQuery());
  }

  /** The storefront resource types hidden from guests, in a stable order. */
  async restrictedResourceTypes(): Promise<string[]> {
    return (await this.list()).filter((s) => s.isRestricted).flatMap((s) => s.resourceTypes);
  }

  /**
   * Restricts (true) or opens (false) content types for guests; the others stay as they are.
   * @throws UnknownContentTypeError
   */
  update(restrictions: Record<string, boolean>): Promise<void> {
    return this.commands.execute(new UpdateCustomerAccessCommand(restrictions));
  }
}
