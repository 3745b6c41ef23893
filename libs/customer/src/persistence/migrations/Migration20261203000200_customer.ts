import { Migration } from '@patron/shared-kernel';

export class Migration20261203000200_customer extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create sequence "customer_reference_seq" as bigint start with 1;`);
    this.addSql(`create table "customer" (
      "id" bigserial primary key,
      "customer_reference" text not null,
      "email" text not null,
      "email_normalized" text not null,
      "salutation" text null,
      "first_name" text null,
      "last_name" text null,
      "gender" text null,
      "date_of_birth" date null,
      "phone" text null,
      "company" text null,
      "locale" text not null,
      "password_hash" text null,
      "registration_key_hash" text null,
      "registered_at" timestamptz null,
      "anonymized_at" timestamptz null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      constraint "customer_customer_reference_unique" unique ("customer_reference")
    );`);
    this.addSql(`create unique index "customer_email_normalized_live_unique" on "customer" ("email_normalized") where "anonymized_at" is null;`);
    this.addSql(`create unique index "customer_registration_key_hash_unique" on "customer" ("registration_key_hash") where "registration_key_hash" is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "customer";');
    this.addSql('drop sequence if exists "customer_reference_seq";');
  }
}
