import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runCli } from '../../../test/support/cli';
import { createTestDatabase, TestDatabase } from '../../../test/support/database';

/** Starts the built all-in-one process (as `npm start` does), waits until it is ready, stops it and returns its output. */
const startAndStop = (env: NodeJS.ProcessEnv): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/run.js', 'all-in-one'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`all-in-one was not ready within 90 s:\n${output}`));
    }, 90_000);
    const read = (chunk: Buffer) => {
      output += chunk;
      // The last line of the ready message names the mail transport.
      if (/Mail: /.test(output) && child.exitCode === null && !child.killed) child.kill('SIGTERM');
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      resolve(output);
    });
  });

describe('npm start', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('suggests the demo customers only while there are no customers', async () => {
    const env = {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: db.url,
      REDIS_URL: '',
      SMTP_URL: '',
      STOREFRONT_PORT: '0',
      BACKOFFICE_PORT: '0',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'patron-start-')),
      JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789',
      LOG_LEVEL: 'log',
    };
    const empty = await startAndStop(env);
    expect(empty).toContain('Back-office API');
    expect(empty).toMatch(/Console +http:\/\/localhost:\d+\//);
    expect(empty).toContain('No customers yet: stop with Ctrl+C and run "npm run demo"');

    const demo = await runCli(['demo', '--count', '2'], env, 60_000);
    expect(demo.stdout).toContain('Demo customers: 2 created');
    const withCustomers = await startAndStop(env);
    expect(withCustomers).toContain('Back-office API');
    expect(withCustomers).not.toContain('npm run demo');
  }, 240_000);
});
