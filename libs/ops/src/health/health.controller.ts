import { Controller, Get, Header, HttpStatus, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ReadinessChecks } from './readiness';

/**
 * `GET /health/live`: the process answers. `GET /health/ready`: it can serve (database, migrations, Redis, outbox
 * lag); 503 with the failing checks otherwise. Both in terminus' shape, whatever the app's error format.
 */
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessChecks) {}

  @Get('live')
  @Header('Cache-Control', 'no-store')
  live(@Res() response: Response): void {
    response.status(HttpStatus.OK).type('application/json').json({ status: 'ok', info: {}, error: {}, details: {} });
  }

  @Get('ready')
  @Header('Cache-Control', 'no-store')
  async ready(@Res() response: Response): Promise<void> {
    const { ready, report } = await this.readiness.run();
    response.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).type('application/json').json(report);
  }
}
