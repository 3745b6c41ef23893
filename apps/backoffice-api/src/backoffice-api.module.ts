import { Controller, Get, Module } from '@nestjs/common';

@Controller('api')
class BackofficeStatusController {
  /** Liveness of the back-office API (the customer management endpoints come with the back-office work). */
  @Get('status')
  status() {
    return { status: 'ok', service: 'backoffice-api' };
  }
}

/** Back-office REST API under `/api` (skeleton). */
@Module({ controllers: [BackofficeStatusController] })
export class BackofficeApiModule {}
