import { Migration } from '@patron/shared-kernel';

/**
 * Back-office search at a million customers: substring search ignoring case and accents through a trigram index on
 * one folded text (name, email, reference), and (sort value, id) indexes for each sort order so keyset pages read
 * only what they return.
 */
export class Migration20261203001400_customer_search extends Migration {
  override async up(): Promise<void> {
    this.addSql('create extension if not exists pg_trgm with schema public;');
    this.addSql('create extension if not exists unaccent with schema public;');
    // unaccent() is only stable (its dictionary could change); pinning the dictionary makes the fold usable in an index.
    // Qualified names, because index builds run with a search_path of pg_catalog only (PostgreSQL 17, the embedded one).
    this.addSql(`create or replace function public.patron_fold(text) returns text language sql immutable parallel safe as
      $$ select pg_catalog.lower(public.unaccent('public.unaccent'::regdictionary, coalesce($1, ''))) $$;`);
    this.addSql(`alter table "customer" add column "search_text" text generated always as (
      public.patron_fold(coalesce("first_name", '') || ' ' || coalesce("last_name", '') || ' ' || "email" || ' ' || "customer_reference")
    ) stored;`);
    // The trigram index lives on a narrow copy of that text (live customers only): checking its candidate rows then
    // reads a few pages instead of the wide customer rows. Statement triggers keep it in step, in bulk for imports.
    this.addSql(`create table "customer_search" ("customer_id" bigint primary key references "customer" ("id") on delete cascade, "search_text" text not null);`);
    this.addSql(`create index "customer_search_text_trgm" on "customer_search" using gin ("search_text" public.gin_trgm_ops);`);
    this.addSql(`create or replace function public.patron_customer_search_inserted() returns trigger language plpgsql as $$
      begin
        insert into public.customer_search (customer_id, search_text) select id, search_text from inserted where anonymized_at is null;
        return null;
      end $$;`);
    this.addSql(`create or replace function public.patron_customer_search_updated() returns trigger language plpgsql as $$
      begin
        delete from public.customer_search s using changed n where s.customer_id = n.id and n.anonymized_at is not null;
        insert into public.customer_search (customer_id, search_text)
          select n.id, n.search_text from changed n join previous o on o.id = n.id
          where n.anonymized_at is null and (o.search_text is distinct from n.search_text or o.anonymized_at is not null)
          on conflict (customer_id) do update set search_text = excluded.search_text;
        return null;
      end $$;`);
    this.addSql(`create trigger "customer_search_inserted" after insert on "customer" referencing new table as inserted
      for each statement execute function public.patron_customer_search_inserted();`);
    this.addSql(`create trigger "customer_search_updated" after update on "customer" referencing old table as previous new table as changed
      for each statement execute function public.patron_customer_search_updated();`);
    this.addSql(`insert into "customer_search" ("customer_id", "search_text") select "id", "search_text" from "customer" where "anonymized_at" is null;`);
    // References share their prefix ("DE--"), whose trigrams are in every row: a reference is looked up by prefix
    // instead. Not a partial index: the planner uses an expression index's statistics only when it is not partial.
    this.addSql(`create index "customer_search_reference" on "customer" (lower("customer_reference") text_pattern_ops);`);
    this.addSql(`create index "customer_search_created_at" on "customer" ("created_at", "id") where "anonymized_at" is null;`);
    this.addSql(`create index "customer_search_last_name" on "customer" ((coalesce(lower("last_name"), '')), "id") where "anonymized_at" is null;`);
    this.addSql(`create index "customer_search_first_name" on "customer" ((coalesce(lower("first_name"), '')), "id") where "anonymized_at" is null;`);
    this.addSql(`create index "customer_search_email" on "customer" ("email_normalized", "id") where "anonymized_at" is null;`);
    this.addSql(`create index "customer_search_status" on "customer" (("registered_at" is not null), "id") where "anonymized_at" is null;`);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists "customer_search_inserted" on "customer";');
    this.addSql('drop trigger if exists "customer_search_updated" on "customer";');
    this.addSql('drop function if exists public.patron_customer_search_inserted();');
    this.addSql('drop function if exists public.patron_customer_search_updated();');
    this.addSql('drop table if exists "customer_search";');
    for (const index of ['reference', 'created_at', 'last_name', 'first_name', 'email', 'status']) this.addSql(`drop index if exists "customer_search_${index}";`);
    this.addSql('alter table "customer" drop column if exists "search_text";');
    this.addSql('drop function if exists public.patron_fold(text);');
  }
}
