import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

const storage = new AsyncLocalStorage<string>();

/** An incoming `X-Request-Id` worth keeping: short and harmless in logs and headers. */
const ACCEPTABLE_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** The id of the request (or of the request a job came from) being handled, if any. */
export const currentRequestId = (): string | undefined => storage.getStore();

/** Runs `work` (and everything it starts) under the request id `id`. */
export const runWithRequestId = <T>(id: string | null | undefined, work: () => T): T => (id ? storage.run(id, work) : work());

/** The caller's `X-Request-Id` when it is acceptable, otherwise a new one. */
export const requestIdFrom = (header: unknown): string => (typeof header === 'string' && ACCEPTABLE_ID.test(header) ? header : randomUUID());
