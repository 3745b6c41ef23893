import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { MailboxEntry, MailboxReader } from '@patron/mail';

/** `/dev/mailbox`: the latest mails, for development (not mounted when NODE_ENV=production). */
@Controller('dev/mailbox')
@ApiExcludeController()
export class DevMailboxController {
  constructor(private readonly mailbox: MailboxReader) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async page(@Query('limit') limit?: string): Promise<string> {
    const { renderMailboxPage } = await import('./mailbox-page'); // Handlebars: loaded by the development mailbox only
    return renderMailboxPage(await this.mailbox.latest(this.limit(limit)), this.mailbox.origin);
  }

  @Get('messages')
  async messages(@Query('limit') limit?: string): Promise<{ data: MailboxEntry[] }> {
    return { data: await this.mailbox.latest(this.limit(limit)) };
  }

  private limit(value?: string): number {
    const n = Number(value ?? 50);
    return Number.isInteger(n) && n > 0 ? Math.min(n, 500) : 50;
  }
}
