import { Migration } from '@patron/shared-kernel';

export class Migration20261203001200_customer_note extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "customer_note" (
      "id" bigserial primary key,
      "customer_reference" text not null,
      "text" text not null,
      "author_id" bigint not null,
      "author_name" text not null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null
    );`);
    this.addSql(`create index "customer_note_customer_idx" on "customer_note" ("customer_reference", "created_at" desc);`);
    this.addSql(`create table "customer_note_revision" (
      "id" bigserial primary key,
      "note_id" bigint not null references "customer_note" ("id") on delete cascade,
      "text" text not null,
      "editor_id" bigint not null,
      "editor_name" text not null,
      "replaced_at" timestamptz not null
    );`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "customer_note_revision";');
    this.addSql('drop table if exists "customer_note";');
  }
}
