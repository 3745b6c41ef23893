import { NestExpressApplication } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The console's screens: index.html is served for each, the single-page app picks the screen from the URL. Listed
 * one by one rather than as a catch-all, so `/api`, `/dev/mailbox`, `/admin/queues` and whatever else the back-office
 * app serves stay untouched.
 */
export const CONSOLE_ROUTES = ['/', '/login', '/customers', '/customers/*rest', '/groups', '/groups/*rest', '/access', '/users'];

/**
 * Where `npm run build` puts the console (dist/backoffice-web): next to dist/apps when running the build, or in dist/
 * of the checkout when running from sources (tests).
 */
export const defaultConsoleDirectory = (): string | null => {
  const candidates = [resolve(__dirname, '../../../../backoffice-web'), resolve(__dirname, '../../../../dist/backoffice-web')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
};

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Patron back office</title>
<p>The back-office console is not built. Run <code>npm run build</code> (or <code>npm start</code>, which builds it) and reload.</p>
<p>The API is at <a href="/api/docs">/api/docs</a>.</p>`;

/**
 * Serves the built console at `/`: hashed assets under `/assets` cached for a year, index.html never cached (so a new
 * build is picked up at the next load). Without a build, the screens answer a page saying how to build it.
 */
export const serveConsole = (app: NestExpressApplication, directory: string | null = defaultConsoleDirectory()): void => {
  const index = directory && existsSync(join(directory, 'index.html')) ? join(directory, 'index.html') : null;
  if (index) app.useStaticAssets(join(directory!, 'assets'), { prefix: '/assets/', immutable: true, maxAge: '365d', index: false, fallthrough: false });
  let html: string | null = null;
  const page = (_request: Request, response: Response) => {
    html ??= index ? readFileSync(index, 'utf8') : NOT_BUILT;
    response
      .status(index ? 200 : 503)
      .type('html')
      .set({ 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff', 'X-Frame-Options': 'DENY', 'Referrer-Policy': 'same-origin' })
      .send(html);
  };
  const http = app.getHttpAdapter().getInstance();
  for (const route of CONSOLE_ROUTES) http.get(route, page);
};
