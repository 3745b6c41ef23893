import { EntityManager, LockMode, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { Customer } from '../domain/customer.entity';
import { normalizeEmail } from '../domain/email-address';

/** Queries on live (not anonymized) customers, for the module's handlers. */
export const CustomerRepository = {
  findLiveByReference(em: EntityManager, reference: string, lock = false): Promise<Customer | null> {
    return em.findOne(Customer, { customerReference: reference, anonymizedAt: null }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  },

  findLiveByEmail(em: EntityManager, email: string): Promise<Customer | null> {
    return em.findOne(Customer, { emailNormalized: normalizeEmail(email), anonymizedAt: null });
  },

  async isEmailTaken(em: EntityManager, email: string, exceptId?: number): Promise<boolean> {
    const count = await em.count(Customer, {
      emailNormalized: normalizeEmail(email),
      anonymizedAt: null,
      ...(exceptId ? { id: { $ne: exceptId } } : {}),
    });
    return count > 0;
  },

  /** True when `error` is the database refusing a second live customer with the same email. */
  isDuplicateEmail(error: unknown): boolean {
    return error instanceof UniqueConstraintViolationException && /customer_email_normalized_live_unique/.test(error.message);
  },
};
