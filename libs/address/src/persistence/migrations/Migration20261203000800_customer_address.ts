import { Migration } from '@patron/shared-kernel';

export class Migration20261203000800_customer_address extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "customer_address" (
      "id" bigserial primary key,
      "uuid" uuid not null unique,
      "customer_reference" text not null,
      "salutation" text null,
      "first_name" text not null,
      "last_name" text not null,
      "address1" text not null,
      "address2" text not null,
      "address3" text null,
      "zip_code" text not null,
      "city" text not null,
      "iso2_code" text not null,
      "region" text null,
      "company" text null,
      "phone" text null,
      "comment" text null,
      "is_default_billing" boolean not null default false,
      "is_default_shipping" boolean not null default false,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null
    );`);
    this.addSql(`create index "customer_address_customer_reference_idx" on "customer_address" ("customer_reference");`);
    this.addSql(`create unique index "customer_address_default_billing_unique" on "customer_address" ("customer_reference") where "is_default_billing";`);
    this.addSql(`create unique index "customer_address_default_shipping_unique" on "customer_address" ("customer_reference") where "is_default_shipping";`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "customer_address";');
  }
}
