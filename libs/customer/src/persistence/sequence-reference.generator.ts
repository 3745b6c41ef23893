import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { CustomerConfig } from '../customer.config';
import { CustomerReferenceGenerator } from '../extension/customer-reference-generator';

/** `{prefix}--{n}` with n from the `customer_reference_seq` database sequence (gap-free enough, never reused). */
@Injectable()
export class SequenceCustomerReferenceGenerator implements CustomerReferenceGenerator {
  constructor(private readonly config: CustomerConfig) {}

  async next(em: EntityManager): Promise<string> {
    const [{ n }] = await em.execute<{ n: string }[]>(`select nextval('customer_reference_seq') as n`);
    return `${this.config.referencePrefix}--${n}`;
  }
}
