import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { forkJoiningTransaction } from '@patron/shared-kernel';
import { CONTENT_TYPE_RESOURCES, CustomerAccessSetting } from '../../domain/customer-access.entity';
import { UnknownContentTypeError } from '../../domain/customer-access.errors';
import { UpdateCustomerAccessCommand } from './update-customer-access.command';

@CommandHandler(UpdateCustomerAccessCommand)
export class UpdateCustomerAccessHandler implements ICommandHandler<UpdateCustomerAccessCommand> {
  constructor(private readonly em: EntityManager) {}

  async execute({ restrictions }: UpdateCustomerAccessCommand): Promise<void> {
    for (const contentType of Object.keys(restrictions)) {
      if (!(contentType in CONTENT_TYPE_RESOURCES)) throw new UnknownContentTypeError(contentType);
    }
    await forkJoiningTransaction(this.em).transactional(async (em) => {
      for (const [contentType, isRestricted] of Object.entries(restrictions)) {
        await em.upsert(CustomerAccessSetting, { contentType, isRestricted });
      }
    });
  }
}
