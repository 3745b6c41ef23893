import { Migration } from '@patron/shared-kernel';

export class Migration20261203000900_sales_order extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "sales_order" (
      "id" bigserial primary key,
      "order_reference" text not null unique,
      "customer_reference" text not null,
      "created_at" timestamptz not null,
      "status" text not null,
      "currency" text not null,
      "grand_total" bigint not null,
      "item_count" integer not null,
      "billing_address" jsonb null,
      "shipping_address" jsonb null
    );`);
    this.addSql(`create index "sales_order_customer_created_idx" on "sales_order" ("customer_reference", "created_at" desc, "id" desc);`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "sales_order";');
  }
}
