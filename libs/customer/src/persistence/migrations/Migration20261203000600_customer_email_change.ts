import { Migration } from '@patron/shared-kernel';

export class Migration20261203000600_customer_email_change extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "customer"
      add column "pending_email" text null,
      add column "email_change_token_hash" text null,
      add column "email_change_expires_at" timestamptz null;`);
    this.addSql(`create unique index "customer_email_change_token_hash_unique" on "customer" ("email_change_token_hash") where "email_change_token_hash" is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql('drop index if exists "customer_email_change_token_hash_unique";');
    this.addSql('alter table "customer" drop column "pending_email", drop column "email_change_token_hash", drop column "email_change_expires_at";');
  }
}
