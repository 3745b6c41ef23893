import { Migration } from '@mikro-orm/migrations';

/**
 * Back-office search at a million customers: substring search ignoring case and accents through a trigram index on
 * one stored, folded text (name, email, reference), and (sort value, id) indexes for each sort order so keyset pages read only what they return.
 */
export class Migration20261203001400_customer_search extends Migration {
  override async up(): Promise<void> {
    this.addSql('create extension if not exists pg_trgm with schema public;');
    this.addSql('create extension if not exists unaccent with schema public;');
    // unaccent() is only stable (its dictionary could change); pinning the dictionary makes the fold usable in an index.
    // Qualified names, because index builds run with a search_path of pg_catalog only (PostgreSQL 17, the embedded one).
    this.addSql(`create or replace function public.patron_fold(text) returns text language sql immutable parallel safe as
      $$ select pg_catalog.lower(public.unaccent('public.unaccent'::regdictionary, coalesce($1, ''))) $$;`);
    // Stored, so that checking a candidate row of the trigram index is a plain LIKE instead of a call to unaccent().
    this.addSql(`alter table "customer" add column "search_text" text generated always as (
      public.patron_fold(coalesce("first_name", '') || ' ' || coalesce("last_name", '') || ' ' || "email" || ' ' || "customer_reference")
    ) stored;`);
    this.addSql(`create index "customer_search_text_trgm" on "customer" using gin ("search_text" gin_trgm_ops) where "anonymized_at" is null;`);
    // References share their prefix ("DE--"), whose trigrams are in every row: a reference is looked up by prefix instead.
    this.addSql(`create index "customer_search_reference" on "customer" (lower("customer_reference") text_pattern_ops) where "anonymized_at" is null;`);
    this.addSql(`create index "customer_search_created_at" on "customer" ("created_at", "id") where "anonymized_at" is null;`);
    this.addSql(`create index "customer_search_last_name" on "customer" ((coalesce(lower("last_name"), '')), "id") where "anonymized_at" is null;`);
    this.addSql(`create index "customer_search_first_name" on "customer" ((coalesce(lower("first_name"), '')), "id") where "anonymized_at" is null;`);
    this.addSql(`create index "customer_search_email" on "customer" ("email_normalized", "id") where "anonymized_at" is null;`);
    this.addSql(`create index "customer_search_status" on "customer" (("registered_at" is not null), "id") where "anonymized_at" is null;`);
  }

  override async down(): Promise<void> {
    for (const index of ['text_trgm', 'reference', 'created_at', 'last_name', 'first_name', 'email', 'status']) this.addSql(`drop index if exists "customer_search_${index}";`);
    this.addSql('alter table "customer" drop column if exists "search_text";');
    this.addSql('drop function if exists public.patron_fold(text);');
  }
}
