import { Queue, Worker } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { redisOptions } from '@patron/config';
import { MAIL_QUEUE, MailQueueDispatcher } from '@patron/mail';
import { TEST_REDIS_URL } from '../../../test/support/stack';
import { waitFor } from '../../../test/support/wait-for';

describe('MailQueueDispatcher (real Redis)', () => {
  const prefix = `patron-test-dispatcher-${randomUUID()}`;
  const connection = redisOptions(TEST_REDIS_URL);
  let dispatcher: MailQueueDispatcher;
  let queue: Queue;

  beforeAll(() => {
    dispatcher = new MailQueueDispatcher({ connection, prefix }, { attempts: 1 });
    queue = new Queue(MAIL_QUEUE, { connection, prefix });
  });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await dispatcher.onApplicationShutdown();
  });

  const message = () => ({ id: randomUUID(), type: 'mail.test' });

  it('adds one job per message with the outbox id as job id, and ignores a repeated dispatch', async () => {
    const m = message();
    await dispatcher.dispatch([m]);
    await dispatcher.dispatch([m]);
    const job = await queue.getJob(m.id);
    expect(job?.data).toEqual({ outboxId: m.id, type: 'mail.test' });
    expect(await queue.getWaitingCount()).toBe(1);
    await queue.drain();
  });

  it('on redispatch: re-adds lost jobs, retries failed ones, leaves waiting ones alone', async () => {
    const lost = message();
    const waiting = message();
    const failed = message();
    await dispatcher.dispatch([failed]);
    const worker = new Worker(MAIL_QUEUE, async () => {
      throw new Error('bookkeeping lost');
    }, { connection: { ...connection, maxRetriesPerRequest: null }, prefix });
    await waitFor(async () => (await queue.getJobState(failed.id)) === 'failed', { what: 'the job to fail' });
    await worker.close();
    await dispatcher.dispatch([waiting]);

    await dispatcher.redispatch([lost, waiting, failed]);

    expect(await queue.getJobState(lost.id)).toBe('waiting');
    expect(await queue.getJobState(waiting.id)).toBe('waiting');
    expect(await queue.getJobState(failed.id)).toBe('waiting');
    expect(await queue.getWaitingCount()).toBe(3);
  });
});
