import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { extensionSlot, loadEnv, PatronCoreModule, PatronExtension, postgresDatabase } from '@patron/config';
import type { CustomerReferenceGenerator } from '@patron/customer';
import type { MailSender, OutgoingMail } from '@patron/mail';
import { Argon2idPasswordHasher, DEFAULT_PASSWORD_POLICIES, PasswordHasher, PasswordPolicy, PasswordRule } from '@patron/password';
import { doc, startStack, TestStack } from '../support/stack';
import { waitFor } from '../support/wait-for';
import { glueError, registrationAttributes } from '../../apps/storefront-api/test/storefront.helpers';

/** The shop's name is too easy to guess. */
@Injectable()
class NoShopNamePolicy implements PasswordPolicy {
  check(password: string): PasswordRule | null {
    return /patron/i.test(password) ? 'common-password' : null;
  }
}

/** argon2id under a version prefix of the shop's own (as a migration to a peppered scheme might start). */
@Injectable()
class PrefixedPasswordHasher implements PasswordHasher {
  constructor(private readonly argon2: Argon2idPasswordHasher) {}
  async hash(password: string): Promise<string> {
    return `shop1:${await this.argon2.hash(password)}`;
  }
  verify(hash: string, password: string): Promise<boolean> {
    return hash.startsWith('shop1:') ? this.argon2.verify(hash.slice(6), password) : Promise.resolve(false);
  }
  needsRehash(hash: string): boolean {
    return !hash.startsWith('shop1:');
  }
}

/** `SHOP-000042` from Patron's reference sequence. */
@Injectable()
class ShopReferenceGenerator implements CustomerReferenceGenerator {
  async next(em: EntityManager): Promise<string> {
    const [{ n }] = await em.execute<{ n: string }[]>(`select nextval('customer_reference_seq') as n`);
    return `SHOP-${n.padStart(6, '0')}`;
  }
}

/** Hands mails to the shop's own mail service (here: a list). */
@Injectable()
class ShopMailSender implements MailSender {
  static readonly sent: OutgoingMail[] = [];
  async send(mail: OutgoingMail): Promise<void> {
    ShopMailSender.sent.push(mail);
  }
}

const shopExtension: PatronExtension = {
  passwordPolicies: [...DEFAULT_PASSWORD_POLICIES, NoShopNamePolicy],
  passwordHasher: PrefixedPasswordHasher,
  customerReferenceGenerator: ShopReferenceGenerator,
  mailSender: ShopMailSender,
};

describe('single slots filled by an extension: password policies and hasher, reference generator, mail sender', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ extensions: [shopExtension] });
  });
  afterAll(() => stack.close());

  it('checks passwords against the extension\'s policy list, the built-in policies included', async () => {
    // The extension's policy, then a built-in one (a common password).
    for (const password of ['Patron-Shopper-2024!', 'Password123!']) {
      const attributes = registrationAttributes({ password, confirmPassword: password });
      const response = await stack.http().post('/customers').send(doc('customers', attributes));
      expect(response.body).toEqual(glueError(400, '422', 'The password is listed as common.'));
      expect(await stack.sql('select 1 from customer where email_normalized = ?', [(attributes.email as string).toLowerCase()])).toEqual([]);
    }
  });

  it('stores the extension\'s hashes under the extension\'s references, logs in with them, and mails through the extension\'s sender', async () => {
    const attributes = registrationAttributes();
    const created = await stack.http().post('/customers').send(doc('customers', attributes));
    expect(created.status).toBe(201);
    const reference = created.body.data.id as string;
    expect(reference).toMatch(/^SHOP-\d{6}$/);
    const [row] = await stack.sql<{ password_hash: string }>('select password_hash from customer where customer_reference = ?', [reference]);
    expect(row.password_hash).toMatch(/^shop1:\$argon2id\$/);

    const mail = await waitFor(() => ShopMailSender.sent.find((m) => m.to === attributes.email), { what: 'the confirmation handed to the shop\'s sender' });
    expect(mail.subject).toBe('Please confirm your email address');
    await waitFor(async () => (await stack.sql<{ status: string }>('select status from outbox_message where subject = ?', [reference]))[0].status === 'delivered', {
      what: 'the confirmation recorded as delivered',
    });
    expect(stack.smtp.mailsTo(attributes.email as string)).toEqual([]);

    const token = /[?&]token=([^\s"&<]+)/.exec(mail.text)![1];
    expect((await stack.http().post('/customer-confirmation').send(doc('customer-confirmation', { registrationKey: decodeURIComponent(token) }))).status).toBe(204);
    const login = await stack.http().post('/access-tokens').send(doc('access-tokens', { username: attributes.email, password: attributes.password }));
    expect(login.status).toBe(201);
  });

  it('refuses to start when two extensions fill the same single slot', () => {
    const env = loadEnv({ NODE_ENV: 'test', DATABASE_URL: stack.db.url, JWT_SECRET: stack.env.JWT_SECRET, DATA_DIR: stack.env.DATA_DIR });
    const other: PatronExtension = { passwordHasher: PrefixedPasswordHasher };
    expect(() => PatronCoreModule.forRoot(env, postgresDatabase(stack.db.url), { extensions: [shopExtension, other] })).toThrow(
      '2 installed extensions fill the single slot passwordHasher; keep one of them',
    );
    expect(extensionSlot([shopExtension, { mailTemplateLoader: undefined }], 'mailSender')).toBe(ShopMailSender);
  });
});
