import { Migration } from '@patron/shared-kernel';

/** Disabling back-office users, and a token version so that disabling or a new password ends their sessions at once. */
export class Migration20261206000100_backoffice_user_access extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "backoffice_user"
      add column "disabled_at" timestamptz null,
      add column "token_version" integer not null default 1;`);
  }

  override async down(): Promise<void> {
    this.addSql('alter table "backoffice_user" drop column "disabled_at", drop column "token_version";');
  }
}
