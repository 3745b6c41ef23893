import { Migration } from '@patron/shared-kernel';

/** Back-office tokens signed out before they expire (by their `jti`); rows are dropped once the token has expired. */
export class Migration20261207000100_backoffice_signed_out_token extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "backoffice_signed_out_token" (
      "jti" uuid primary key,
      "user_id" bigint not null references "backoffice_user" ("id") on delete cascade,
      "expires_at" timestamptz not null
    );`);
    this.addSql('create index "backoffice_signed_out_token_expires_at_index" on "backoffice_signed_out_token" ("expires_at");');
  }

  override async down(): Promise<void> {
    this.addSql('drop table "backoffice_signed_out_token";');
  }
}
