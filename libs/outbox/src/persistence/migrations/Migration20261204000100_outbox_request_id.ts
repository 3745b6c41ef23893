import { Migration } from '@patron/shared-kernel';

/**
 * The id of the request that wrote a message, so that one registration can be followed from HTTP to SMTP; an index
 * for counting dead messages (health checks and metrics).
 */
export class Migration20261204000100_outbox_request_id extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "outbox_message" add column "request_id" text null;');
    this.addSql(`create index "outbox_message_dead_idx" on "outbox_message" ("created_at") where "status" = 'dead';`);
  }

  override async down(): Promise<void> {
    this.addSql('drop index if exists "outbox_message_dead_idx";');
    this.addSql('alter table "outbox_message" drop column if exists "request_id";');
  }
}
