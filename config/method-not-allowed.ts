import { NotFoundException } from '@nestjs/common';
import type { Request } from 'express';

const RESOURCE_METHODS = new Set(['get', 'head', 'post', 'put', 'patch', 'delete', 'options']);

interface RouteLayer {
  route?: { methods: Record<string, boolean> };
  match(path: string): unknown;
}

/**
 * When `exception` is the framework's answer to a request no route took, and routes exist at the request's path for
 * other methods, those methods (for a 405 with `Allow`); otherwise null.
 */
export const methodsAllowedInstead = (exception: unknown, request: Request): string[] | null => {
  if (!(exception instanceof NotFoundException)) return null;
  const stack = (request.app as unknown as { router?: { stack?: RouteLayer[] } }).router?.stack ?? [];
  const methods = new Set<string>();
  for (const layer of stack) {
    if (!layer.route || !layer.match(request.path)) continue;
    const taken = Object.keys(layer.route.methods).filter((method) => layer.route!.methods[method]);
    // Middleware applied to every route is mounted for every method there is; it is not a resource.
    if (taken.some((method) => !RESOURCE_METHODS.has(method))) continue;
    for (const method of taken) methods.add(method.toUpperCase());
  }
  if (methods.has('GET')) methods.add('HEAD');
  return methods.size && !methods.has(request.method) ? [...methods].sort() : null;
};
