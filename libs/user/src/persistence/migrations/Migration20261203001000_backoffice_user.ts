import { Migration } from '@patron/shared-kernel';

export class Migration20261203001000_backoffice_user extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "backoffice_user" (
      "id" bigserial primary key,
      "email" text not null,
      "email_normalized" text not null,
      "name" text not null,
      "password_hash" text not null,
      "role" text not null check ("role" in ('admin', 'agent')),
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      constraint "backoffice_user_email_normalized_unique" unique ("email_normalized")
    );`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "backoffice_user";');
  }
}
