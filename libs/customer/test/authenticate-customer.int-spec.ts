import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuthenticationFailedError, Customer, CustomerFacade } from '@patron/customer';
import { Argon2idPasswordHasher, PASSWORD_HASHER, PasswordConfig, PasswordHasher } from '@patron/password';
import * as bcrypt from 'bcryptjs';
import { CoreContext, startCoreContext } from '../../../test/support/core-context';

/** The real argon2id hasher, recording which hashes it was asked to verify. */
@Injectable()
class RecordingHasher implements PasswordHasher {
  readonly verified: string[] = [];
  private readonly real = new Argon2idPasswordHasher(new PasswordConfig());
  hash(password: string) {
    return this.real.hash(password);
  }
  verify(hash: string, password: string) {
    this.verified.push(hash);
    return this.real.verify(hash, password);
  }
  needsRehash(hash: string, password: string) {
    return this.real.needsRehash(hash, password);
  }
}

describe('CustomerFacade.authenticate', () => {
  let context: CoreContext;
  let customers: CustomerFacade;
  let hasher: RecordingHasher;
  const password = 'Correct-Horse7!';

  beforeAll(async () => {
    hasher = new RecordingHasher();
    context = await startCoreContext({ DOUBLE_OPT_IN: 'false' }, (b) => b.overrideProvider(PASSWORD_HASHER).useValue(hasher));
    customers = context.app.get(CustomerFacade);
  });
  afterAll(() => context.close());

  it('spends a full password verification on unknown emails, so timing does not reveal accounts', async () => {
    hasher.verified.length = 0;
    await expect(customers.authenticate('nobody@example.com', password)).rejects.toBeInstanceOf(AuthenticationFailedError);
    expect(hasher.verified).toHaveLength(1);
    expect(hasher.verified[0]).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('upgrades a bcrypt hash to argon2id after a successful login, and keeps it on a failed one', async () => {
    const view = await customers.register({ email: 'legacy@example.com', password, firstName: 'L', lastName: 'G' });
    const em = context.app.get(EntityManager).fork();
    const legacy = bcrypt.hashSync(password, 4).replace(/^\$2b\$/, '$2y$');
    await em.nativeUpdate(Customer, { customerReference: view.reference }, { passwordHash: legacy });

    await expect(customers.authenticate('LEGACY@example.com', 'Wrong-Horse7!')).rejects.toBeInstanceOf(AuthenticationFailedError);
    expect((await em.fork().findOneOrFail(Customer, { customerReference: view.reference })).passwordHash).toBe(legacy);

    await expect(customers.authenticate('LEGACY@example.com', password)).resolves.toMatchObject({ reference: view.reference });
    const upgraded = (await em.fork().findOneOrFail(Customer, { customerReference: view.reference })).passwordHash!;
    expect(upgraded).toMatch(/^\$argon2id\$/);
    await expect(customers.authenticate('legacy@example.com', password)).resolves.toMatchObject({ reference: view.reference });
  });
});
