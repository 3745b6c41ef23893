import type { JobsOptions } from 'bullmq';

export const MAIL_QUEUE = 'mail';
export const MAIL_DEAD_LETTER_QUEUE = 'mail-dead-letter';

/** Job payload on the mail queue; the job id is the outbox message id too. */
export interface MailJob {
  outboxId: string;
  type: string;
  /** The request that wrote the outbox row, carried into the worker's log lines. */
  requestId?: string | null;
}

export const DEFAULT_MAIL_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { count: 10_000, age: 24 * 3600 },
  removeOnFail: { count: 50_000, age: 14 * 24 * 3600 },
};
