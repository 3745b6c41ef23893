import { Controller, Get, Header, Res } from '@nestjs/common';
import type { Response } from 'express';
import { PatronMetrics } from './patron-metrics';

/** `GET /metrics`: Prometheus exposition of the process's metrics. */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: PatronMetrics) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async metricsText(@Res() response: Response): Promise<void> {
    const text = await this.metrics.render();
    response.status(200).setHeader('Content-Type', this.metrics.contentType);
    response.end(text);
  }
}
