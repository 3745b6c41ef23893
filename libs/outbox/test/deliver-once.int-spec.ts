import { MikroOrmModule } from '@mikro-orm/nestjs';
import { MikroORM } from '@mikro-orm/postgresql';
import { Test, TestingModule } from '@nestjs/testing';
import { Client } from 'pg';
import { mikroOrmOptions } from '@patron/config';
import { OutboxFacade, OutboxModule, OutboxWriter } from '@patron/outbox';
import { KernelModule } from '@patron/shared-kernel';
import { createTestDatabase, TestDatabase } from '../../../test/support/database';

describe('OutboxFacade.deliverOnce (real PostgreSQL)', () => {
  let db: TestDatabase;
  let module: TestingModule;
  let orm: MikroORM;
  let outbox: OutboxFacade;

  beforeAll(async () => {
    db = await createTestDatabase();
    module = await Test.createTestingModule({
      imports: [MikroOrmModule.forRoot(mikroOrmOptions({ databaseUrl: db.url })), KernelModule, OutboxModule.forRoot()],
    }).compile();
    module.useLogger(false);
    await module.init();
    orm = module.get(MikroORM);
    outbox = module.get(OutboxFacade);
  });
  afterAll(async () => {
    await module.close();
    await db.drop();
  });

  const addMessage = async (): Promise<string> => {
    let id = '';
    await orm.em.fork().transactional(async (em) => {
      id = module.get(OutboxWriter).add(em, { type: 'test.message', payload: { to: 'ada@example.com', locale: 'de_DE', firstName: 'Ada', secrets: { token: 'raw' } } }).id;
    });
    return id;
  };
  const row = async (id: string) =>
    (await orm.em.fork().execute('select status, attempts, payload, delivered_at from outbox_message where id = ?', [id]))[0];

  it('delivers once and erases the secrets and personal fields (recipient masked); a second call does not deliver again', async () => {
    const id = await addMessage();
    const sent: string[] = [];
    await expect(outbox.deliverOnce(id, async (m) => void sent.push(m.payload.secrets!.token))).resolves.toBe('delivered');
    await expect(outbox.deliverOnce(id, async () => void sent.push('again'))).resolves.toBe('already-delivered');
    expect(sent).toEqual(['raw']);
    expect(await row(id)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect((await row(id)).payload).toEqual({ to: 'a***@example.com', locale: 'de_DE' });
  });

  it('reads and records payloads with quotes, semicolons and question marks intact', async () => {
    let id = '';
    const payload = { to: "o'brien?@example.com", locale: 'en_US', firstName: "O'Brien; commit; --?", secrets: { token: "a'b;c?d\\e" } };
    await orm.em.fork().transactional(async (em) => {
      id = module.get(OutboxWriter).add(em, { type: 'test.message', payload }).id;
    });
    const seen: unknown[] = [];
    await expect(outbox.deliverOnce(id, async (m) => void seen.push(m.payload))).resolves.toBe('delivered');
    expect(seen).toEqual([payload]);
    expect(await row(id)).toMatchObject({ status: 'delivered', attempts: 1, payload: { to: expect.stringMatching(/@example\.com$/), locale: 'en_US' } });
  });

  it('serializes concurrent deliveries of one message: exactly one send', async () => {
    const id = await addMessage();
    let sends = 0;
    const outcomes = await Promise.all(
      [1, 2, 3].map(() => outbox.deliverOnce(id, async () => {
        sends += 1;
        await new Promise((r) => setTimeout(r, 50));
      })),
    );
    expect(sends).toBe(1);
    expect(outcomes.sort()).toEqual(['already-delivered', 'already-delivered', 'delivered']);
  });

  it('never sends a message cancelled by its subject\'s erasure, even when its job was already queued', async () => {
    let id = '';
    await orm.em.fork().transactional(async (em) => {
      const writer = module.get(OutboxWriter);
      id = writer.add(em, { type: 'test.message', subject: 'DE--77', payload: { to: 'ada@example.com', secrets: { token: 'raw' } } }).id;
    });
    await orm.em.fork().execute(`update outbox_message set status = 'relayed', relayed_at = now() where id = ?`, [id]); // handed to the queue
    await orm.em.fork().transactional((em) => module.get(OutboxWriter).eraseSubject(em, 'DE--77'));
    const sent: string[] = [];
    await expect(outbox.deliverOnce(id, async () => void sent.push(id))).resolves.toBe('already-delivered');
    expect(sent).toEqual([]);
    expect(await row(id)).toMatchObject({ status: 'dead', payload: {}, delivered_at: null });
  });

  it('leaves the message undelivered when sending fails', async () => {
    const id = await addMessage();
    await expect(outbox.deliverOnce(id, async () => { throw new Error('SMTP down'); })).rejects.toThrow('SMTP down');
    expect(await row(id)).toMatchObject({ status: 'pending', delivered_at: null, payload: { secrets: { token: 'raw' } } });
  });

  it('still records the delivery when the database connection dies after the mail was sent', async () => {
    const id = await addMessage();
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    let sends = 0;
    try {
      const outcome = await outbox.deliverOnce(id, async () => {
        sends += 1;
        // Kill the connection holding this transaction (the only one idle in a transaction), as a failover would.
        await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity
                           where datname = current_database() and state = 'idle in transaction' and pid <> pg_backend_pid()`);
      });
      expect(outcome).toBe('delivered');
    } finally {
      await admin.end();
    }
    expect(sends).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect((await row(id)).payload).toEqual({ to: 'a***@example.com', locale: 'de_DE' });
    await expect(outbox.deliverOnce(id, async () => void (sends += 1))).resolves.toBe('already-delivered');
    expect(sends).toBe(1);
  });
});
