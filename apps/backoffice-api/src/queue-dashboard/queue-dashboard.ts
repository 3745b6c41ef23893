import { INestApplication, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ConnectionOptions, Queue } from 'bullmq';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { MAIL_DEAD_LETTER_QUEUE, MAIL_QUEUE } from '@patron/mail';
import { UserFacade } from '@patron/user';
import { BACKOFFICE_AUDIENCE, currentStaff, StaffClaims } from '../auth/staff-auth';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
/** The cookie a browser sends the staff token in (`POST /api/auth/login` sets it for admins), since a link cannot carry a header. */
export const STAFF_TOKEN_COOKIE = 'patron_staff_token';

const tokenOf = (req: Request): string | null => {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7);
  const cookie = (req.headers.cookie ?? '').split(';').map((c) => c.trim()).find((c) => c.startsWith(`${STAFF_TOKEN_COOKIE}=`));
  return cookie ? decodeURIComponent(cookie.slice(STAFF_TOKEN_COOKIE.length + 1)) : null;
};

const refuse = (res: Response, statusCode: 401 | 403 | 404, message: string) =>
  res.status(statusCode).json({ statusCode, error: { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[statusCode], message });

/**
 * bull-board on the `mail` and `mail-dead-letter` queues at `/admin/queues`, for admins only (a current back-office
 * token of an enabled user who is an admin now, as a bearer token or the `patron_staff_token` cookie). Without Redis
 * there is no queue. bull-board and the queues' Redis connections are set up on the first admin request, not at start.
 */
@Injectable()
export class QueueDashboard implements OnApplicationShutdown {
  private queues: Queue[] = [];
  private router: Promise<RequestHandler> | null = null;

  constructor(
    private readonly jwt: JwtService,
    private readonly users: UserFacade,
    private readonly redis: { connection: ConnectionOptions; prefix: string } | null,
  ) {}

  mount(app: INestApplication): void {
    app.use(QUEUE_DASHBOARD_PATH, async (req: Request, res: Response, next: NextFunction) => {
      const token = tokenOf(req);
      if (!token) return refuse(res, 401, 'A valid back-office access token is required.');
      let payload: { sub?: unknown; tv?: unknown };
      try {
        payload = this.jwt.verify(token, { audience: BACKOFFICE_AUDIENCE, issuer: 'patron' });
      } catch {
        return refuse(res, 401, 'A valid back-office access token is required.');
      }
      // The same checks as the API's guard: the user is enabled, the token is current, the role is the one held now.
      let staff: StaffClaims | null;
      try {
        staff = await currentStaff(this.users, payload);
      } catch (error) {
        return next(error);
      }
      if (!staff) return refuse(res, 401, 'A valid back-office access token is required.');
      if (staff.role !== 'admin') return refuse(res, 403, 'This needs the role admin.');
      if (!this.redis) return refuse(res, 404, 'There is no queue dashboard: mail is sent in-process because REDIS_URL is not set.');
      let router: RequestHandler;
      try {
        router = await (this.router ??= this.createRouter(this.redis));
      } catch (error) {
        this.router = null;
        return next(error);
      }
      return router(req, res, next);
    });
  }

  private async createRouter(redis: { connection: ConnectionOptions; prefix: string }): Promise<RequestHandler> {
    const [{ createBullBoard }, { BullMQAdapter }, { ExpressAdapter }] = await Promise.all([
      import('@bull-board/api'),
      import('@bull-board/api/bullMQAdapter'),
      import('@bull-board/express'),
    ]);
    this.queues = [MAIL_QUEUE, MAIL_DEAD_LETTER_QUEUE].map((name) => new Queue(name, { connection: redis.connection, prefix: redis.prefix }));
    for (const queue of this.queues) queue.on('error', () => undefined); // the dashboard shows it
    const adapter = new ExpressAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({ queues: this.queues.map((q) => new BullMQAdapter(q)), serverAdapter: adapter });
    return adapter.getRouter() as RequestHandler;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close().catch(() => undefined)));
  }
}
