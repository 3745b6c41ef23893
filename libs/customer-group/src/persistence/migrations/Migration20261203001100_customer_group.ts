import { Migration } from '@patron/shared-kernel';

export class Migration20261203001100_customer_group extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "customer_group" (
      "id" bigserial primary key,
      "name" text not null,
      "description" text null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null
    );`);
    this.addSql(`create unique index "customer_group_name_unique" on "customer_group" (lower("name"));`);
    this.addSql(`create table "customer_group_member" (
      "group_id" bigint not null references "customer_group" ("id") on delete cascade,
      "customer_reference" text not null,
      "added_at" timestamptz not null default now(),
      primary key ("group_id", "customer_reference")
    );`);
    this.addSql(`create index "customer_group_member_customer_idx" on "customer_group_member" ("customer_reference");`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "customer_group_member";');
    this.addSql('drop table if exists "customer_group";');
  }
}
