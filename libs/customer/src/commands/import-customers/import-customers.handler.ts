import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CustomerHistory } from '@patron/customer-history';
import { PasswordFacade } from '@patron/password';
import { boundQuery, Clock, forkJoiningTransaction } from '@patron/shared-kernel';
import { CustomerConfig } from '../../customer.config';
import { CustomerImportProblem, CustomerImportSummary } from '../../dto/customer.inputs';
import { ImportCustomersCommand } from './import-customers.command';
import { ImportRecord, parseImportRow } from './import-row';

const BATCH_SIZE = 5000;
/** The columns the file fills, with the array type each is sent as (one bound array per column, unnested). */
const COLUMNS: [string, string][] = [
  ['customer_reference', 'text'], ['email', 'text'], ['email_normalized', 'text'], ['salutation', 'text'], ['first_name', 'text'],
  ['last_name', 'text'], ['gender', 'text'], ['date_of_birth', 'date'], ['phone', 'text'], ['company', 'text'], ['locale', 'text'],
  ['password_hash', 'text'], ['registered_at', 'timestamptz'],
];
const INSERT_COLUMNS = [...COLUMNS.map(([name]) => name), 'created_at', 'updated_at'];
/**
 * What an update of an existing customer takes from the file. Kept as they are: the password hash once the customer
 * has one (it may have been changed or upgraded since), and the confirmation when the file has none.
 */
const UPDATES = [
  ...['email', 'email_normalized', 'salutation', 'first_name', 'last_name', 'gender', 'date_of_birth', 'phone', 'company', 'locale', 'updated_at']
    .map((c) => `${c} = excluded.${c}`),
  'password_hash = coalesce(customer.password_hash, excluded.password_hash)',
  'registered_at = coalesce(excluded.registered_at, customer.registered_at)',
];
/** The batch as rows: one bound array per column, and the import time for created_at and updated_at. */
const FILE_ROWS = `select *, ?::timestamptz as created_at, ?::timestamptz as updated_at
  from unnest(${COLUMNS.map(([, type]) => `?::${type}[]`).join(', ')}) as file(${COLUMNS.map(([name]) => name).join(', ')})`;

/**
 * Streams rows into the database in batches inside one transaction, so that a file with bad rows can be rolled
 * back whole. Existing customers (same reference) are updated; the reference sequence is moved past the highest
 * imported number.
 */
@CommandHandler(ImportCustomersCommand)
export class ImportCustomersHandler implements ICommandHandler<ImportCustomersCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly config: CustomerConfig,
    private readonly history: CustomerHistory,
    private readonly clock: Clock,
    private readonly passwords: PasswordFacade,
  ) {}

  async execute({ rows, options }: ImportCustomersCommand): Promise<CustomerImportSummary> {
    const summary: CustomerImportSummary = { rows: 0, created: 0, updated: 0, skipped: 0, problems: [], unconfirmed: 0, imported: false };
    const seenEmails = new Map<string, number>();
    const seenReferences = new Map<string, number>();
    let highest = 0n;
    const rollback = new Error('import rolled back');

    try {
      await forkJoiningTransaction(this.em).transactional(async (em) => {
        let batch: ImportRecord[] = [];
        const flush = async (records: ImportRecord[]) => {
          const { accepted, existing } = await this.dropRowsRefusedByDatabase(em, records, summary.problems);
          if (accepted.length && (options.skipInvalid || summary.problems.length === 0)) {
            await this.save(em, accepted, existing);
            summary.created += accepted.length - existing.size;
            summary.updated += existing.size;
            // A re-imported customer keeps a confirmation it has (see UPDATES).
            summary.unconfirmed += accepted.filter((r) => r.registeredAt === null && !existing.get(r.reference)).length;
          }
          for (const record of accepted) if (record.referenceNumber > highest) highest = record.referenceNumber;
        };
        // One batch is written while the next is read and checked; the reader waits when both are busy.
        let writing: Promise<void> = Promise.resolve();
        const write = async (records: ImportRecord[]) => {
          await writing;
          writing = flush(records);
          writing.catch(() => undefined); // awaited before the next batch or at the end
        };

        try {
          for await (const row of rows) {
            summary.rows += 1;
            const record = parseImportRow(row, this.config);
            const problem = typeof record === 'string' ? record : (this.unreadableHash(record) ?? this.duplicateInFile(record, seenEmails, seenReferences));
            if (problem || typeof record === 'string') {
              summary.problems.push({ line: row.line, reference: row.customer_reference ?? '', reason: problem! });
              continue;
            }
            batch.push(record);
            if (batch.length >= BATCH_SIZE) {
              await write(batch);
              batch = [];
            }
          }
          await write(batch);
        } finally {
          await writing.catch(() => undefined); // a broken file stops the reader while a batch may still be in flight
        }
        await writing;

        if (summary.problems.length > 0 && !options.skipInvalid) throw rollback;
        if (highest > 0n) {
          await em.execute(
            `select setval('customer_reference_seq', greatest(?::bigint, (select last_value from customer_reference_seq)))`,
            [highest.toString()],
          );
        }
      });
      summary.imported = true;
      summary.skipped = summary.problems.length;
      summary.problems.sort((a, b) => a.line - b.line);
    } catch (error) {
      if (error !== rollback) throw error;
      summary.created = 0;
      summary.updated = 0;
      summary.unconfirmed = 0;
      summary.problems.sort((a, b) => a.line - b.line);
    }
    return summary;
  }

  /** A `password` that is not a hash the hasher can read (a plain password, say) is refused, never stored. */
  private unreadableHash(record: ImportRecord): string | null {
    if (record.passwordHash === null || this.passwords.isReadableHash(record.passwordHash)) return null;
    return 'password is not a password hash this installation can read (bcrypt $2y$/$2a$/$2b$ or argon2); plain passwords are not imported';
  }

  private duplicateInFile(record: ImportRecord, emails: Map<string, number>, references: Map<string, number>): string | null {
    const emailLine = emails.get(record.emailNormalized);
    if (emailLine !== undefined) return `duplicate email "${record.email}" (already on line ${emailLine})`;
    const referenceLine = references.get(record.reference);
    if (referenceLine !== undefined) return `duplicate customer_reference "${record.reference}" (already on line ${referenceLine})`;
    emails.set(record.emailNormalized, record.line);
    references.set(record.reference, record.line);
    return null;
  }

  /**
   * Rows whose email belongs to another live customer are problems, not updates; so are rows for a deleted
   * (anonymized) customer, whose personal data must not come back, and rows whose reference belongs to a customer
   * with another email (a reference taken by a registration since, not the same person). Returns the other rows and
   * the references among them that exist (to be updated), each with whether that customer is confirmed.
   */
  private async dropRowsRefusedByDatabase(
    em: EntityManager,
    batch: ImportRecord[],
    problems: CustomerImportProblem[],
  ): Promise<{ accepted: ImportRecord[]; existing: Map<string, boolean> }> {
    const existing = new Map<string, boolean>();
    if (batch.length === 0) return { accepted: batch, existing };
    const found = await boundQuery<{ customer_reference: string; email_normalized: string; anonymized_at: Date | null; confirmed: boolean }>(
      em,
      // One index probe per row: with `= any(…)` of thousands of values the planner expects thousands of matches
      // and scans the whole table, which the import is growing.
      `select found.* from unnest(?::text[], ?::text[]) as file(reference, email_normalized) cross join lateral (
         select customer_reference, email_normalized, anonymized_at, registered_at is not null as confirmed from customer where customer_reference = file.reference
         union all
         select customer_reference, email_normalized, anonymized_at, registered_at is not null from customer where email_normalized = file.email_normalized and anonymized_at is null
       ) as found`,
      [batch.map((r) => r.reference), batch.map((r) => r.emailNormalized)],
    );
    if (found.length === 0) return { accepted: batch, existing };
    const byReference = new Map(found.map((r) => [r.customer_reference, r]));
    const owner = new Map(found.filter((r) => !r.anonymized_at).map((r) => [r.email_normalized, r.customer_reference]));
    const accepted = batch.filter((record) => {
      const current = byReference.get(record.reference);
      if (current?.anonymized_at) {
        problems.push({ line: record.line, reference: record.reference, reason: `customer ${record.reference} was deleted (anonymized) and is not restored` });
        return false;
      }
      if (current && current.email_normalized !== record.emailNormalized) {
        problems.push({
          line: record.line,
          reference: record.reference,
          reason: `customer_reference ${record.reference} belongs to a customer with another email; not overwritten`,
        });
        return false;
      }
      const emailOwner = owner.get(record.emailNormalized);
      if (emailOwner !== undefined && emailOwner !== record.reference) {
        problems.push({ line: record.line, reference: record.reference, reason: `duplicate email "${record.email}" (used by customer ${emailOwner})` });
        return false;
      }
      if (current) existing.set(record.reference, current.confirmed);
      return true;
    });
    return { accepted, existing };
  }

  /**
   * Inserts the new customers and updates the existing ones, each with one statement. New ones with a plain insert
   * (cheaper than `on conflict`): their references were just looked up, and a customer registered under one since
   * fails the import rather than being overwritten. Existing ones through `on conflict … do update`, which finds each
   * by its index (an `update … from` the batch would hash-join the whole table).
   */
  private async save(em: EntityManager, records: ImportRecord[], existing: Map<string, boolean>): Promise<void> {
    const created = existing.size ? records.filter((r) => !existing.has(r.reference)) : records;
    const updated = existing.size ? records.filter((r) => existing.has(r.reference)) : [];
    const now = this.clock.now();
    if (created.length) {
      await boundQuery(em, `insert into customer (${INSERT_COLUMNS.join(', ')}) ${FILE_ROWS}`, [now, now, ...columnArrays(created)]);
    }
    if (updated.length) {
      await boundQuery(
        em,
        `insert into customer (${INSERT_COLUMNS.join(', ')}) ${FILE_ROWS} on conflict (customer_reference) do update set ${UPDATES.join(', ')}`,
        [now, now, ...columnArrays(updated)],
      );
    }
    await this.history.record(em, records.map((r) => r.reference), 'imported');
  }
}

/** The records' values column by column, in the order of COLUMNS. */
const columnArrays = (records: ImportRecord[]): unknown[][] => [
  records.map((r) => r.reference), records.map((r) => r.email), records.map((r) => r.emailNormalized), records.map((r) => r.salutation),
  records.map((r) => r.firstName), records.map((r) => r.lastName), records.map((r) => r.gender), records.map((r) => r.dateOfBirth),
  records.map((r) => r.phone), records.map((r) => r.company), records.map((r) => r.locale), records.map((r) => r.passwordHash),
  records.map((r) => r.registeredAt),
];
