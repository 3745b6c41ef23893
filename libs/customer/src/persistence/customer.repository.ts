import { EntityData, EntityManager, LockMode, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { Customer } from '../domain/customer.entity';
import { normalizeEmail } from '../domain/email-address';

/** The columns a `CustomerView` shows: no password, key material or token version. */
const VIEW_COLUMNS = [
  'customer_reference', 'email', 'salutation', 'first_name', 'last_name', 'gender', 'date_of_birth', 'phone', 'company', 'locale',
  'registered_at', 'created_at', 'updated_at', 'pending_email',
];

/** What a live customer can be looked up by without loading the entity (both columns are unique). */
const LOOKUP_COLUMNS = { customerReference: 'customer_reference', emailNormalized: 'email_normalized' } as const;

/** Queries on live (not anonymized) customers, for the module's handlers. */
export const CustomerRepository = {
  /**
   * The view's columns of a live customer (and the `extra` ones asked for) in one select, mapped to the entity's
   * property names and types by the ORM but without an entity: for reads on hot paths, where a fork, the identity map
   * and hydration cost several times the query. Joins the transaction of `em`, if any.
   */
  async findLiveRow(
    em: EntityManager,
    by: keyof typeof LOOKUP_COLUMNS,
    value: string,
    extra: ('id' | 'password_hash' | 'token_version')[] = [],
  ): Promise<EntityData<Customer> | null> {
    const [row] = await em.execute<Record<string, unknown>[]>(
      `select ${[...VIEW_COLUMNS, ...extra].join(', ')} from customer where ${LOOKUP_COLUMNS[by]} = ? and anonymized_at is null limit 1`,
      [by === 'emailNormalized' ? normalizeEmail(value) : value],
    );
    return row ? (em.getDriver().mapResult(row, em.getMetadata().get(Customer.name)) as EntityData<Customer>) : null;
  },

  findLiveByReference(em: EntityManager, reference: string, lock = false): Promise<Customer | null> {
    return em.findOne(Customer, { customerReference: reference, anonymizedAt: null }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  },

  /** Locks a live customer's row (`for update`) for the rest of the transaction of `em`; false when there is none. */
  async lockLive(em: EntityManager, reference: string): Promise<boolean> {
    const rows = await em.execute('select id from customer where customer_reference = ? and anonymized_at is null for update', [reference]);
    return rows.length > 0;
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
