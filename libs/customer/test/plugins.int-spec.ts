import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { CqrsModule } from '@nestjs/cqrs';
import { mikroOrmOptions } from '@patron/config';
import {
  CustomerAnonymizerPlugin, CustomerExpanderPlugin, CustomerFacade, CustomerModule, CustomerSearchFilterPlugin, CustomerView, PostDeletePlugin,
  PostRegistrationPlugin, PreRegistrationPlugin, PreUpdatePlugin, RegisterCustomerInput, UpdateCustomerInput,
} from '@patron/customer';
import { DomainError } from '@patron/shared-kernel';
import { OutboxModule } from '@patron/outbox';
import { PasswordModule } from '@patron/password';
import { KernelModule } from '@patron/shared-kernel';
import { CustomerHistoryModule } from '@patron/customer-history';
import { createTestDatabase, TestDatabase } from '../../../test/support/database';

const calls: string[] = [];

/** Writes inside the registration transaction through an injected EntityManager. */
@Injectable()
class RecordInAuditTablePlugin implements PostRegistrationPlugin {
  constructor(private readonly em: EntityManager) {}
  async afterRegistration(customer: CustomerView): Promise<void> {
    calls.push(`audit:${customer.reference}`);
    await this.em.execute('insert into plugin_audit (reference) values (?)', [customer.reference]);
  }
}

@Injectable()
class RejectBlockedDomainPlugin implements PostRegistrationPlugin {
  async afterRegistration(customer: CustomerView): Promise<void> {
    calls.push(`reject:${customer.reference}`);
    if (customer.email.endsWith('@blocked.example')) throw new Error('blocked domain');
  }
}

@Injectable()
class ForgetAuditPlugin implements CustomerAnonymizerPlugin {
  constructor(private readonly em: EntityManager) {}
  async anonymize(customer: CustomerView): Promise<void> {
    calls.push(`forget:${customer.email}`);
    await this.em.execute('delete from plugin_audit where reference = ?', [customer.reference]);
  }
}

class NoTestDomainsError extends DomainError {
  readonly code = 'TEST.NO_TEST_DOMAINS';
  readonly kind = 'rejected';
}

@Injectable()
class RejectInvalidTldPlugin implements PreRegistrationPlugin {
  async beforeRegistration(input: Readonly<RegisterCustomerInput>): Promise<void> {
    calls.push(`pre:${input.email}`);
    if (input.email.endsWith('.invalid')) throw new NoTestDomainsError('no .invalid addresses');
  }
}

/** Title-cases last names, and vetoes clearing the phone. */
@Injectable()
class TidyProfilePlugin implements PreUpdatePlugin {
  async beforeUpdate(customer: Readonly<CustomerView>, changes: UpdateCustomerInput): Promise<UpdateCustomerInput> {
    calls.push(`pre-update:${customer.reference}`);
    if (changes.phone === null && customer.phone) throw new NoTestDomainsError('the phone number cannot be removed');
    return changes.lastName ? { ...changes, lastName: changes.lastName[0].toUpperCase() + changes.lastName.slice(1) } : changes;
  }
}

@Injectable()
class AuditStatusExpander implements CustomerExpanderPlugin {
  constructor(private readonly em: EntityManager) {}
  async expand(customer: Readonly<CustomerView>) {
    const rows = await this.em.fork().getConnection().execute('select 1 from plugin_audit where reference = ?', [customer.reference]);
    return { audited: rows.length > 0 };
  }
}

@Injectable()
class FailingPostDeletePlugin implements PostDeletePlugin {
  async afterDelete(customer: Readonly<CustomerView>): Promise<void> {
    calls.push(`post-delete-1:${customer.email}`);
    throw new Error('the CRM is down');
  }
}

@Injectable()
class RecordingPostDeletePlugin implements PostDeletePlugin {
  constructor(private readonly em: EntityManager) {}
  async afterDelete(customer: Readonly<CustomerView>): Promise<void> {
    // Runs after the commit: another connection already sees the customer anonymized.
    const [row] = await this.em.fork().getConnection().execute('select anonymized_at from customer where customer_reference = ?', [customer.reference]);
    calls.push(`post-delete-2:${customer.email}:${row.anonymized_at ? 'committed' : 'not committed'}`);
  }
}

/** Only customers the audit table knows. */
@Injectable()
class AuditedSearchFilterPlugin implements CustomerSearchFilterPlugin {
  readonly name = 'audited';
  condition(value: unknown) {
    return { sql: `${value ? '' : 'not '}exists (select 1 from plugin_audit a where a.reference = c.customer_reference)`, params: [] };
  }
}

describe('customer plugin stacks', () => {
  let db: TestDatabase;
  let customers: CustomerFacade;
  let em: EntityManager;
  let close: () => Promise<void>;
  const password = 'Correct-Horse7!';

  beforeAll(async () => {
    db = await createTestDatabase();
    @Module({
      imports: [
        MikroOrmModule.forRoot(mikroOrmOptions({ databaseUrl: db.url })),
        CqrsModule.forRoot(),
        KernelModule,
        CustomerHistoryModule,
        PasswordModule.forRoot(),
        OutboxModule.forRoot(),
        CustomerModule.forRoot({
          preRegistrationPlugins: [RejectInvalidTldPlugin],
          postRegistrationPlugins: [RecordInAuditTablePlugin, RejectBlockedDomainPlugin],
          expanderPlugins: [AuditStatusExpander],
          preUpdatePlugins: [TidyProfilePlugin],
          anonymizerPlugins: [ForgetAuditPlugin],
          postDeletePlugins: [FailingPostDeletePlugin, RecordingPostDeletePlugin],
          searchFilterPlugins: [AuditedSearchFilterPlugin],
        }),
      ],
    })
    class PluginTestModule {}
    const moduleRef = await Test.createTestingModule({ imports: [PluginTestModule] }).compile();
    const app = await moduleRef.init();
    customers = app.get(CustomerFacade);
    em = app.get(EntityManager);
    await em.fork().getConnection().execute('create table plugin_audit (reference text primary key)');
    close = async () => {
      await app.close();
      await db.drop();
    };
  });
  afterAll(() => close());

  it('runs post-registration plugins in order inside the registration transaction', async () => {
    calls.length = 0;
    const view = await customers.register({ email: 'ok@example.com', password });
    expect(calls).toEqual(['pre:ok@example.com', `audit:${view.reference}`, `reject:${view.reference}`]);
    expect(await em.fork().getConnection().execute('select reference from plugin_audit')).toEqual([{ reference: view.reference }]);
  });

  it('rolls the whole registration back when a plugin throws: no customer, no mail, no plugin writes', async () => {
    calls.length = 0;
    await expect(customers.register({ email: 'mallory@blocked.example', password })).rejects.toThrow('blocked domain');
    const conn = em.fork().getConnection();
    expect(await conn.execute(`select id from customer where email_normalized = 'mallory@blocked.example'`)).toHaveLength(0);
    expect(await conn.execute(`select id from outbox_message where payload->>'to' = 'mallory@blocked.example'`)).toHaveLength(0);
    expect(await conn.execute('select reference from plugin_audit')).toHaveLength(1);
  });

  it('runs anonymizer plugins with the customer as it was, in the anonymization transaction; pre-update plugins do not run', async () => {
    const view = await customers.register({ email: 'forget.me@example.com', password });
    calls.length = 0;
    await customers.anonymize(view.reference);
    expect(calls).toEqual(['forget:forget.me@example.com', 'post-delete-1:forget.me@example.com', 'post-delete-2:forget.me@example.com:committed']);
    const conn = em.fork().getConnection();
    expect(await conn.execute('select reference from plugin_audit where reference = ?', [view.reference])).toHaveLength(0);
    expect(await customers.findByEmail('forget.me@example.com')).toBeNull();
    expect(await customers.findByReference(view.reference)).toBeNull();
  });

  it('applies search filter plugins by name, and refuses filters nobody registered', async () => {
    const audited = await customers.register({ email: 'audited@example.com', password });
    await em.fork().getConnection().execute('delete from plugin_audit where reference <> ?', [audited.reference]);
    const found = await customers.search({ text: 'example.com', filters: { audited: true } });
    expect(found.customers.map((c) => c.reference)).toEqual([audited.reference]);
    expect((await customers.search({ text: 'audited', filters: { audited: false } })).customers).toEqual([]);
    await expect(customers.search({ filters: { colour: 'red' } })).rejects.toMatchObject({ violations: [{ field: 'colour', message: 'is not a known filter' }] });
  });

  it('lets a pre-registration plugin reject before anything is stored', async () => {
    await expect(customers.register({ email: 'x@example.invalid', password })).rejects.toBeInstanceOf(NoTestDomainsError);
    expect(await em.fork().getConnection().execute(`select id from customer where email_normalized = 'x@example.invalid'`)).toEqual([]);
  });

  it('expands single customers with what expander plugins add', async () => {
    const view = await customers.register({ email: 'expanded@example.com', password });
    expect(view.extensions).toEqual({ audited: true });
    expect((await customers.findByReference(view.reference))?.extensions).toEqual({ audited: true });
    await em.fork().getConnection().execute('delete from plugin_audit where reference = ?', [view.reference]);
    expect((await customers.getByReference(view.reference)).extensions).toEqual({ audited: false });
  });

  it('lets pre-update plugins change or veto a customer\'s own update, but not a back-office edit', async () => {
    const view = await customers.register({ email: 'tidy@example.com', password, phone: '+49 30 1' });
    calls.length = 0;
    expect((await customers.update(view.reference, { lastName: 'lovelace' })).lastName).toBe('Lovelace');
    expect(calls).toEqual([`pre-update:${view.reference}`]);
    await expect(customers.update(view.reference, { phone: null, lastName: 'x' })).rejects.toThrow('the phone number cannot be removed');
    const kept = await customers.getByReference(view.reference);
    expect([kept.phone, kept.lastName]).toEqual(['+49 30 1', 'Lovelace']);
    calls.length = 0;
    const staff = await customers.updateByStaff(view.reference, { phone: null, lastName: 'byron' });
    expect([staff.phone, staff.lastName, calls]).toEqual([null, 'byron', []]);
  });
});
