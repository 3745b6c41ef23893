/**
 * A further worker process for the mail benchmark (`MAIL_BENCH_PROCESSES`), run with `fork`: the worker's mail queue
 * processor (the outbox path) and a plain BullMQ worker on the baseline's queue, both sending through the worker's
 * sender. It registers the `@patron/*` paths as `bench/run.js` does, then loads `mail-worker-process`.
 */
import { join } from 'node:path';

require('tsconfig-paths').register({
  baseUrl: join(__dirname, '..', '..'),
  paths: { '@patron/config': ['config/index.js'], '@patron/*': ['libs/*/src'], '@patron-examples/*': ['examples/*/src'] },
});
require('./mail-worker-process');
