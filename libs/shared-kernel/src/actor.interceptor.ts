import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { Actor, runAsActor } from './actor';

/**
 * Runs each HTTP handler as the actor `actorOf` derives from the authenticated request (`request.user`), so that
 * modules can record who made a change without every command carrying it.
 */
@Injectable()
export class ActorInterceptor implements NestInterceptor {
  constructor(private readonly actorOf: (user: unknown) => Actor | null) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const actor = this.actorOf(context.switchToHttp().getRequest<{ user?: unknown }>().user);
    if (!actor) return next.handle();
    return new Observable((subscriber) => runAsActor(actor, () => next.handle().subscribe(subscriber)));
  }
}
