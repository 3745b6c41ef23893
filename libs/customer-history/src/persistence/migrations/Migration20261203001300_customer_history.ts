import { Migration } from '@patron/shared-kernel';

export class Migration20261203001300_customer_history extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "customer_history" (
      "id" bigserial primary key,
      "customer_reference" text not null,
      "event" text not null,
      "actor_type" text not null check ("actor_type" in ('customer', 'user', 'system')),
      "actor_id" text null,
      "actor_name" text null,
      "details" jsonb not null default '{}'::jsonb,
      "occurred_at" timestamptz not null default now()
    );`);
    this.addSql(`create index "customer_history_customer_idx" on "customer_history" ("customer_reference", "id" desc);`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "customer_history";');
  }
}
