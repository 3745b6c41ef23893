import { Migration } from '@patron/shared-kernel';

export class Migration20261203000400_customer_password_lifecycle extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "customer"
      add column "restore_password_key_hash" text null,
      add column "restore_password_key_expires_at" timestamptz null,
      add column "token_version" integer not null default 1;`);
    this.addSql(`create unique index "customer_restore_password_key_hash_unique" on "customer" ("restore_password_key_hash") where "restore_password_key_hash" is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql('drop index if exists "customer_restore_password_key_hash_unique";');
    this.addSql('alter table "customer" drop column "restore_password_key_hash", drop column "restore_password_key_expires_at", drop column "token_version";');
  }
}
