import { AsyncLocalStorage } from 'node:async_hooks';

/** Who causes a change: a customer, a back-office user, or the system (imports, jobs). */
export interface Actor {
  type: 'customer' | 'user' | 'system';
  id: string | null;
  name: string | null;
}

/** An actor, or how to derive it when asked (a request's user is known only once its guard has run). */
type ActorSource = Actor | (() => Actor | null);

const storage = new AsyncLocalStorage<ActorSource>();
const SYSTEM: Actor = { type: 'system', id: null, name: null };

/** The actor of the current request or job (set by the apps' guards), the system when none was set. */
export const currentActor = (): Actor => {
  const source = storage.getStore();
  return (typeof source === 'function' ? source() : source) ?? SYSTEM;
};

/** Runs `work` (and everything it starts) as `actor`. */
export const runAsActor = <T>(actor: Actor, work: () => T): T => storage.run(actor, work);

/**
 * Express middleware: runs the rest of each request as the actor `actorOf` derives from `request.user`, derived when
 * asked for, so after the guard has authenticated the request. One context per request, cheaper than an interceptor.
 */
export const actorFromRequest =
  (actorOf: (user: unknown) => Actor | null) =>
  (req: { user?: unknown }, _res: unknown, next: () => void): void =>
    storage.run(() => actorOf(req.user), next);
