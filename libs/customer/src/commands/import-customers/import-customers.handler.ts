import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CustomerHistory } from '@patron/customer-history';
import { PasswordFacade } from '@patron/password';
import { Clock, forkJoiningTransaction } from '@patron/shared-kernel';
import { CustomerConfig } from '../../customer.config';
import { CustomerImportProblem, CustomerImportSummary } from '../../dto/customer.inputs';
import { ImportCustomersCommand } from './import-customers.command';
import { ImportRecord, parseImportRow } from './import-row';

const BATCH_SIZE = 1000;
const COLUMNS = [
  'customer_reference', 'email', 'email_normalized', 'salutation', 'first_name', 'last_name', 'gender',
  'date_of_birth', 'phone', 'company', 'locale', 'password_hash', 'registered_at', 'created_at', 'updated_at',
];
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
    const summary: CustomerImportSummary = { rows: 0, created: 0, updated: 0, skipped: 0, problems: [], imported: false };
    const seenEmails = new Map<string, number>();
    const seenReferences = new Map<string, number>();
    let highest = 0n;
    const rollback = new Error('import rolled back');

    try {
      await forkJoiningTransaction(this.em).transactional(async (em) => {
        let batch: ImportRecord[] = [];
        const flush = async () => {
          const accepted = await this.dropRowsRefusedByDatabase(em, batch, summary.problems);
          if (accepted.length && (options.skipInvalid || summary.problems.length === 0)) {
            const created = await this.upsert(em, accepted);
            summary.created += created;
            summary.updated += accepted.length - created;
          }
          for (const record of accepted) if (record.referenceNumber > highest) highest = record.referenceNumber;
          batch = [];
        };

        for await (const row of rows) {
          summary.rows += 1;
          const record = parseImportRow(row, this.config);
          const problem = typeof record === 'string' ? record : (this.unreadableHash(record) ?? this.duplicateInFile(record, seenEmails, seenReferences));
          if (problem || typeof record === 'string') {
            summary.problems.push({ line: row.line, reference: row.customer_reference ?? '', reason: problem! });
            continue;
          }
          batch.push(record);
          if (batch.length >= BATCH_SIZE) await flush();
        }
        await flush();

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
   * with another email (a reference taken by a registration since, not the same person).
   */
  private async dropRowsRefusedByDatabase(em: EntityManager, batch: ImportRecord[], problems: CustomerImportProblem[]): Promise<ImportRecord[]> {
    if (batch.length === 0) return batch;
    const existing = new Map(
      (await em.execute<{ customer_reference: string; email_normalized: string; anonymized_at: Date | null }[]>(
        `select customer_reference, email_normalized, anonymized_at from customer where customer_reference in (?)`,
        [batch.map((r) => r.reference)],
      )).map((r) => [r.customer_reference, r]),
    );
    if (existing.size) {
      batch = batch.filter((record) => {
        const current = existing.get(record.reference);
        if (!current) return true;
        if (current.anonymized_at) {
          problems.push({ line: record.line, reference: record.reference, reason: `customer ${record.reference} was deleted (anonymized) and is not restored` });
          return false;
        }
        if (current.email_normalized !== record.emailNormalized) {
          problems.push({
            line: record.line,
            reference: record.reference,
            reason: `customer_reference ${record.reference} belongs to a customer with another email; not overwritten`,
          });
          return false;
        }
        return true;
      });
      if (batch.length === 0) return batch;
    }
    const taken: { email_normalized: string; customer_reference: string }[] = await em.execute(
      `select email_normalized, customer_reference from customer where anonymized_at is null and email_normalized in (?)`,
      [batch.map((r) => r.emailNormalized)],
    );
    if (taken.length === 0) return batch;
    const owner = new Map(taken.map((t) => [t.email_normalized, t.customer_reference]));
    return batch.filter((record) => {
      const existing = owner.get(record.emailNormalized);
      if (existing === undefined || existing === record.reference) return true;
      problems.push({ line: record.line, reference: record.reference, reason: `duplicate email "${record.email}" (used by customer ${existing})` });
      return false;
    });
  }

  /** Inserts or updates the batch; returns how many rows were new. */
  private async upsert(em: EntityManager, records: ImportRecord[]): Promise<number> {
    const now = this.clock.now();
    const params: unknown[] = [];
    const tuples = records.map((r) => {
      params.push(r.reference, r.email, r.emailNormalized, r.salutation, r.firstName, r.lastName, r.gender, r.dateOfBirth,
        r.phone, r.company, r.locale, r.passwordHash, r.registeredAt, now, now);
      return `(${COLUMNS.map(() => '?').join(', ')})`;
    });
    const result: { inserted: boolean; customer_reference: string }[] = await em.execute(
      `insert into customer (${COLUMNS.join(', ')}) values ${tuples.join(', ')}
       on conflict (customer_reference) do update set ${UPDATES.join(', ')}
       returning (xmax = 0) as inserted, customer_reference`,
      params,
    );
    await this.history.record(em, result.map((r) => r.customer_reference), 'imported');
    return result.filter((r) => r.inserted).length;
  }
}
