import { Migration } from '@patron/shared-kernel';

export class Migration20261203000500_refresh_token_version extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "customer_refresh_token" add column "token_version" integer not null default 1;`);
  }

  override async down(): Promise<void> {
    this.addSql('alter table "customer_refresh_token" drop column "token_version";');
  }
}
