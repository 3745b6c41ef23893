import type { JobsOptions } from 'bullmq';
import { DEFAULT_MAIL_JOB_OPTIONS, MAIL_DEAD_LETTER_QUEUE, MAIL_QUEUE } from '@patron/mail';

/** Queue names, attempts and backoff in one place, for ops. */
export const QUEUES = {
  mail: MAIL_QUEUE,
  mailDeadLetter: MAIL_DEAD_LETTER_QUEUE,
} as const;

/** 8 attempts, exponential backoff from 5 s (about 10 minutes in all), bounded retention. */
export const MAIL_JOB_OPTIONS: JobsOptions = DEFAULT_MAIL_JOB_OPTIONS;
