import { INestApplication } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PatronMetrics } from './patron-metrics';

type RoutedRequest = IncomingMessage & { baseUrl?: string; route?: { path?: string } };

/**
 * Times every request of `app` into `patron_http_request_duration_seconds`, labelled with the matched route pattern
 * (`/customers/:reference`), so that ids and unknown paths (`unmatched`) do not create a series each.
 */
export const useHttpMetrics = (app: INestApplication, appName: string): void => {
  const metrics = app.get(PatronMetrics);
  app.use((req: RoutedRequest, res: ServerResponse, next: () => void) => {
    const stop = metrics.httpRequestDuration.startTimer();
    res.once('finish', () => {
      const route = req.route?.path ? `${req.baseUrl ?? ''}${req.route.path}` : 'unmatched';
      stop({ app: appName, method: req.method, route, status: String(res.statusCode) });
    });
    next();
  });
};
