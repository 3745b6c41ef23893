import { Migration } from '@patron/shared-kernel';

export class Migration20261203001500_loyalty_member extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "loyalty_member" (
      "customer_reference" text primary key,
      "loyalty_number" text not null unique,
      "enrolled_at" timestamptz not null default now()
    );`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "loyalty_member";');
  }
}
