import { AsyncLocalStorage } from 'node:async_hooks';

/** Who causes a change: a customer, a back-office user, or the system (imports, jobs). */
export interface Actor {
  type: 'customer' | 'user' | 'system';
  id: string | null;
  name: string | null;
}

const storage = new AsyncLocalStorage<Actor>();
const SYSTEM: Actor = { type: 'system', id: null, name: null };

/** The actor of the current request or job (set by the apps' guards), the system when none was set. */
export const currentActor = (): Actor => storage.getStore() ?? SYSTEM;

/** Runs `work` (and everything it starts) as `actor`. */
export const runAsActor = <T>(actor: Actor, work: () => T): T => storage.run(actor, work);

/** Sets the actor for the rest of the current asynchronous context (a request, after authentication). */
export const enterActor = (actor: Actor): void => storage.enterWith(actor);
