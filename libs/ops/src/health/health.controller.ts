import { Controller, Get, Header, HttpStatus, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import type { Response } from 'express';
import { ReadinessChecks } from './readiness';

/**
 * `GET /health/live`: the process answers. `GET /health/ready`: it can serve (database, migrations, Redis, outbox
 * lag); 503 with the failing checks otherwise. Both in terminus' shape, whatever the app's error format.
 */
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthCheckService, private readonly readiness: ReadinessChecks) {}

  @Get('live')
  @Header('Cache-Control', 'no-store')
  live(@Res() response: Response): void {
    response.status(HttpStatus.OK).type('application/json').json({ status: 'ok', info: {}, error: {}, details: {} });
  }

  @Get('ready')
  @HealthCheck()
  @Header('Cache-Control', 'no-store')
  async ready(@Res() response: Response): Promise<void> {
    try {
      response.status(HttpStatus.OK).type('application/json').json(await this.health.check(this.readiness.indicators()));
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(HttpStatus.SERVICE_UNAVAILABLE).type('application/json').json(error.getResponse());
    }
  }
}
