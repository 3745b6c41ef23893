import { Injectable } from '@nestjs/common';
import { CustomerAnonymizerPlugin, CustomerView } from '@patron/customer';
import { AuthFacade } from '../auth.facade';

/** Customer anonymizer plugin: a deleted customer keeps no working refresh token. */
@Injectable()
export class RevokeRefreshTokensOnAnonymizationPlugin implements CustomerAnonymizerPlugin {
  constructor(private readonly auth: AuthFacade) {}

  async anonymize(customer: CustomerView): Promise<void> {
    await this.auth.revokeAll(customer.reference);
  }
}
