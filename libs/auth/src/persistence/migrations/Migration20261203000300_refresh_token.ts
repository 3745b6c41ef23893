import { Migration } from '@patron/shared-kernel';

export class Migration20261203000300_refresh_token extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "customer_refresh_token" (
      "id" bigserial primary key,
      "token_hash" text not null,
      "customer_reference" text not null,
      "created_at" timestamptz not null default now(),
      "expires_at" timestamptz not null,
      "revoked_at" timestamptz null,
      constraint "customer_refresh_token_token_hash_unique" unique ("token_hash")
    );`);
    this.addSql(`create index "customer_refresh_token_live_idx" on "customer_refresh_token" ("customer_reference") where "revoked_at" is null;`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "customer_refresh_token";');
  }
}
