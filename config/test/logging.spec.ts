import pino from 'pino';
import { Writable } from 'node:stream';
import { newSecretToken, runWithRequestId } from '@patron/shared-kernel';
import { loggerOptions } from '../logging';

/** A pino logger with Patron's options writing into an array of parsed lines. */
const capture = (level: 'log' | 'debug' = 'log') => {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { logger: pino(loggerOptions({ LOG_LEVEL: level }), stream), lines };
};

describe('log entries', () => {
  it('carry the request id of the work in progress', () => {
    const { logger, lines } = capture();
    runWithRequestId('trace-0123456789', () => logger.info('inside'));
    logger.info('outside');
    expect(lines.map((l) => [l.msg, l.requestId])).toEqual([['inside', 'trace-0123456789'], ['outside', undefined]]);
  });

  it('mask emails and tokens in messages, and every text of an error (driver errors quote values in detail)', () => {
    const { logger, lines } = capture();
    const token = newSecretToken();
    logger.warn(`Reset for ada@example.com with key ${token}`);
    const error = Object.assign(new Error(`insert into "customer" ("email") values ('ada@example.com') - duplicate key`), {
      detail: 'Key (email_normalized)=(ada@example.com) already exists.',
      code: '23505',
    });
    logger.error({ err: error }, 'failed');
    const text = JSON.stringify(lines);
    expect(text).not.toContain('ada@example.com');
    expect(text).not.toContain(token);
    expect(lines[0].msg).toBe('Reset for a***@example.com with key [redacted]');
    expect((lines[1].err as Record<string, string>).detail).toBe('Key (email_normalized)=(a***@example.com) already exists.');
    expect((lines[1].err as Record<string, string>).code).toBe('23505');
  });

  it('leave out Nest\'s start-up chatter unless LOG_LEVEL is debug', () => {
    const quiet = capture();
    quiet.logger.info({ context: 'RoutesResolver' }, 'Mapped {/customers, POST} route');
    quiet.logger.info({ context: 'Patron' }, 'Storefront API on http://localhost:3000');
    expect(quiet.lines.map((l) => l.msg)).toEqual(['Storefront API on http://localhost:3000']);
    const debug = capture('debug');
    debug.logger.info({ context: 'RoutesResolver' }, 'Mapped {/customers, POST} route');
    expect(debug.lines).toHaveLength(1);
  });
});
