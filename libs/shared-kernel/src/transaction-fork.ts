import type { EntityManager } from '@mikro-orm/core';

/**
 * A fork with its own identity map that joins the caller's transaction when there is one, so a facade called from
 * a plugin inside another module's transaction works in that transaction. On the single-connection embedded
 * database this is required: a second connection would wait forever for the first.
 */
export const forkJoiningTransaction = <T extends EntityManager>(em: T): T => em.fork({ keepTransactionContext: true }) as T;
