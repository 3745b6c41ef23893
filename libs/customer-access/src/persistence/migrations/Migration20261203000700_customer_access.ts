import { Migration } from '@patron/shared-kernel';

export class Migration20261203000700_customer_access extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "customer_access" ("content_type" text primary key, "is_restricted" boolean not null);`);
    this.addSql(`insert into "customer_access" ("content_type", "is_restricted") values
      ('price', false), ('order-place-submit', false), ('add-to-cart', false), ('wishlist', true), ('shopping-list', true);`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "customer_access";');
  }
}
