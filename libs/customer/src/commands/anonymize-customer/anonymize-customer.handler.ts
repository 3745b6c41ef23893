import { CustomerHistory } from '@patron/customer-history';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { OutboxWriter } from '@patron/outbox';
import { Clock, forkJoiningTransaction } from '@patron/shared-kernel';
import { CustomerNotFoundError } from '../../domain/customer.errors';
import { toCustomerView } from '../../dto/customer.view';
import { CustomerAnonymized } from '../../events/customer-anonymized.event';
import { CUSTOMER_ANONYMIZER_PLUGINS, CustomerAnonymizerPlugin } from '../../extension/customer-anonymizer.plugin';
import { POST_DELETE_PLUGINS, PostDeletePlugin } from '../../extension/post-delete.plugin';
import { CustomerRepository } from '../../persistence/customer.repository';
import { AnonymizeCustomerCommand } from './anonymize-customer.command';

@CommandHandler(AnonymizeCustomerCommand)
export class AnonymizeCustomerHandler implements ICommandHandler<AnonymizeCustomerCommand> {
  constructor(
    private readonly history: CustomerHistory,
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly outbox: OutboxWriter,
    @Inject(CUSTOMER_ANONYMIZER_PLUGINS) private readonly plugins: CustomerAnonymizerPlugin[],
    @Inject(POST_DELETE_PLUGINS) private readonly afterDelete: PostDeletePlugin[],
  ) {}
  private readonly logger = new Logger('CustomerDeletion');

  async execute({ reference }: AnonymizeCustomerCommand): Promise<void> {
    const deleted = await forkJoiningTransaction(this.em).transactional(async (em) => {
      const customer = await CustomerRepository.findLiveByReference(em, reference, true);
      if (!customer) throw new CustomerNotFoundError(reference);
      const before = toCustomerView(customer);
      for (const plugin of this.plugins) await plugin.anonymize(before);
      customer.anonymize(this.clock.now());
      await this.outbox.eraseSubject(em, reference);
      await this.history.erasePersonalDetails(em, reference);
      await this.history.record(em, reference, 'anonymized');
      return before;
    });
    this.events.publish(new CustomerAnonymized(reference));
    for (const plugin of this.afterDelete) {
      await plugin.afterDelete(deleted).catch((error: Error) => this.logger.error(`post-delete plugin ${plugin.constructor.name} failed for ${reference}: ${error.message}`));
    }
  }
}
