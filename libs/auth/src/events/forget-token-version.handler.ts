import { EventsHandler, IEventHandler } from '@nestjs/cqrs';
import { CustomerAnonymized } from '@patron/customer';
import { AuthFacade } from '../auth.facade';

/** A deleted customer's tokens stop working in this process at once, not only when the cached version expires. */
@EventsHandler(CustomerAnonymized)
export class ForgetTokenVersionOnAnonymization implements IEventHandler<CustomerAnonymized> {
  constructor(private readonly auth: AuthFacade) {}

  handle(event: CustomerAnonymized): void {
    this.auth.forgetTokenVersion(event.reference);
  }
}
