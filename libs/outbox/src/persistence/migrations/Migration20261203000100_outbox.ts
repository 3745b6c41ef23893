import { Migration } from '@patron/shared-kernel';

export class Migration20261203000100_outbox extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "outbox_message" (
      "id" uuid primary key,
      "type" text not null,
      "payload" jsonb not null,
      "subject" text null,
      "status" text not null default 'pending' check ("status" in ('pending', 'relayed', 'delivered', 'dead')),
      "attempts" integer not null default 0,
      "last_error" text null,
      "created_at" timestamptz not null default now(),
      "relayed_at" timestamptz null,
      "delivered_at" timestamptz null
    );`);
    this.addSql(`create index "outbox_message_pending_idx" on "outbox_message" ("created_at") where "status" = 'pending';`);
    this.addSql(`create index "outbox_message_relayed_idx" on "outbox_message" ("relayed_at") where "status" = 'relayed';`);
    this.addSql(`create index "outbox_message_subject_idx" on "outbox_message" ("subject") where "subject" is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "outbox_message";');
  }
}
