import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { runWithRequestId } from './request-context';

/** Runs each HTTP handler under its request's id (`request.id`, set when the request arrived). */
@Injectable()
export class RequestIdInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const id = context.switchToHttp().getRequest<{ id?: string }>().id;
    if (!id) return next.handle();
    return new Observable((subscriber) => runWithRequestId(id, () => next.handle().subscribe(subscriber)));
  }
}
