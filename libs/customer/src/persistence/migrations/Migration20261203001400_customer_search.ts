import { Migration } from '@mikro-orm/migrations';

/**
 * Back-office search at a million customers: substring search ignoring case and accents through a trigram index on
 * one folded text, and (sort value, id) indexes for each sort order so keyset pages read only what they return.
 */
export class Migration20261203001400_customer_search extends Migration {
  override async up(): Promise<void> {
    this.addSql('create extension if not exists pg_trgm with schema public;');
    this.addSql('create extension if not exists unaccent with schema public;');
    // unaccent() is only stable (its dictionary could change); pinning the dictionary makes the fold usable in an index.
    // Qualified names, because index builds run with a search_path of pg_catalog only (PostgreSQL 17, the embedded one).
    this.addSql(`create or replace function public.patron_fold(text) returns text language sql immutable parallel safe as
      $$ select pg_catalog.lower(public.unaccent('public.unaccent'::regdictionary, coalesce($1, ''))) $$;`);
    this.addSql(`create index "customer_search_text_trgm" on "customer" using gin (
      public.patron_fold(coalesce("first_name", '') || ' ' || coalesce("last_name", '') || ' ' || "email" || ' ' || "customer_reference") gin_trgm_ops
    ) where "anonymized_at" is null;`);
    this.addSql(`create index "customer_search_created_at" on "customer" ("created_at", "id") where "anonymized_at" is null;`);
    this.addSql(`create index "customer_search_last_name" on "customer" ((coalesce(lower("last_name"), '')), "id") where "anonymized_at" is null;`);
    this.addSql(`create index "customer_search_first_name" on "customer" ((coalesce(lower("first_name"), '')), "id") where "anonymized_at" is null;`);
    this.addSql(`create index "customer_search_email" on "customer" ("email_normalized", "id") where "anonymized_at" is null;`);
    this.addSql(`create index "customer_search_status" on "customer" (("registered_at" is not null), "id") where "anonymized_at" is null;`);
  }

  override async down(): Promise<void> {
    for (const index of ['text_trgm', 'created_at', 'last_name', 'first_name', 'email', 'status']) this.addSql(`drop index if exists "customer_search_${index}";`);
    this.addSql('drop function if exists public.patron_fold(text);');
  }
}
