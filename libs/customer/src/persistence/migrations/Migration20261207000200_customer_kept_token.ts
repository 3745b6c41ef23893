import { Migration } from '@patron/shared-kernel';

/** The one access token (by its `jti`) a password change left working: the session that made the change. */
export class Migration20261207000200_customer_kept_token extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "customer" add column "kept_token_id" uuid null;');
  }

  override async down(): Promise<void> {
    this.addSql('alter table "customer" drop column "kept_token_id";');
  }
}
