import { INestApplication } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PatronMetrics } from './patron-metrics';

export type RoutedRequest = IncomingMessage & { baseUrl?: string; route?: { path?: string } };

/**
 * The route pattern that handled the request, or undefined when none did: Nest's global middleware matches every
 * path with a wildcard route, which is what `req.route` still names when no controller route matched.
 */
export const matchedRoute = (req: RoutedRequest): string | undefined =>
  req.route?.path && !req.route.path.includes('*') ? `${req.baseUrl ?? ''}${req.route.path}` : undefined;

/**
 * Times every request of `app` into `patron_http_request_duration_seconds`, labelled with the matched route pattern
 * (`/customers/:reference`), so that ids and unknown paths (`unmatched`) do not create a series each.
 */
export const useHttpMetrics = (app: INestApplication, appName: string): void => {
  const metrics = app.get(PatronMetrics);
  app.use((req: RoutedRequest, res: ServerResponse, next: () => void) => {
    const stop = metrics.httpRequestDuration.startTimer();
    res.once('finish', () => {
      const route = matchedRoute(req) ?? 'unmatched';
      stop({ app: appName, method: req.method, route, status: String(res.statusCode) });
    });
    next();
  });
};
