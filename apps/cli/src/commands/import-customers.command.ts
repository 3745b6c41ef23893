import { createReadStream, statSync } from 'node:fs';
import { pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import { CustomerFacade, CustomerImportRow, CustomerImportSummary } from '@patron/customer';

export const CUSTOMER_IMPORT_COLUMNS = [
  'customer_reference', 'locale_name', 'phone', 'email', 'salutation', 'first_name', 'last_name', 'company', 'gender',
  'date_of_birth', 'password', 'registered',
] as const;

export class ImportFileError extends Error {}

/** Streams a Spryker customer CSV as rows with their line numbers; checks the header first. */
export const readCustomerCsv = (file: string): AsyncGenerator<CustomerImportRow> =>
  readCsvRows<CustomerImportRow>(file, CUSTOMER_IMPORT_COLUMNS);

/**
 * Streams a CSV file as records keyed by the header's column names, with their line numbers. A row with more or fewer
 * columns than the header comes with `invalid` set: its values cannot be matched to the columns (a missing trailing
 * value must not be taken for an empty one, which would clear that field of an existing customer).
 */
export async function* readCsvRows<T extends { line: number }>(file: string, required: readonly string[]): AsyncGenerator<T> {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat) throw new ImportFileError(`File not found: ${file}`);
  if (stat.isDirectory()) throw new ImportFileError(`Not a file: ${file} is a directory`);
  // pipeline() hands read errors of the file to the parser, so they end the loop below instead of going unhandled.
  const parser = pipeline(createReadStream(file), parse({ bom: true, skip_empty_lines: true, relax_column_count: true, info: true }), () => undefined);
  let columns: string[] | undefined;
  try {
    for await (const { record: fields, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!columns) {
        columns = checkHeader(fields, required);
        continue;
      }
      const record: Record<string, string | number> = {};
      for (let i = 0; i < columns.length && i < fields.length; i++) record[columns[i]] = fields[i];
      record.line = info.lines;
      if (fields.length !== columns.length) record.invalid = wrongColumnCount(fields.length, columns.length);
      yield record as unknown as T;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).syscall) throw new ImportFileError(`Cannot read ${file}: ${(error as Error).message}`);
    throw error;
  }
  if (!columns) throw new ImportFileError(`The file is empty; expected the header ${required.join(',')}`);
}

const wrongColumnCount = (found: number, header: number): string =>
  `has ${found} columns, the header has ${header}` + (found > header ? ' (a value with a comma must be in double quotes)' : '');

const checkHeader = (header: string[], required: readonly string[]): string[] => {
  const columns = header.map((h) => h.trim());
  const missing = required.filter((c) => !columns.includes(c));
  if (missing.length) throw new ImportFileError(`The header lacks the column(s) ${missing.join(', ')}; expected ${required.join(',')}`);
  return columns;
};

export const importCustomersFromFile = (customers: CustomerFacade, file: string, skipInvalid: boolean): Promise<CustomerImportSummary> =>
  withFileErrors(() => customers.importCustomers(readCustomerCsv(file), { skipInvalid }));

/** Runs an import, turning the reader's and csv-parse's errors into `ImportFileError`s. */
export const withFileErrors = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    // csv-parse reports malformed CSV with its own codes.
    if (error instanceof ImportFileError) throw error;
    if ((error as { code?: string }).code?.startsWith('CSV_')) throw new ImportFileError(`Malformed CSV: ${(error as Error).message}`);
    throw error;
  }
};

/** The summary printed after an import; `doubleOptIn` tells whether unconfirmed customers are kept from logging in. */
export const formatImportSummary = (file: string, s: CustomerImportSummary, doubleOptIn: boolean): string => {
  const lines = s.problems.map((p) => `  line ${p.line}${p.reference ? ` (${p.reference})` : ''}: ${p.reason}`);
  if (!s.imported) {
    return [`Nothing imported from ${file}: ${s.problems.length} of ${s.rows} row(s) are invalid (use --skip-invalid to import the others):`, ...lines].join('\n');
  }
  return [
    `Imported ${s.created + s.updated} of ${s.rows} row(s) from ${file}: ${s.created} created, ${s.updated} updated, ${s.skipped} skipped.`,
    ...(s.unconfirmed && doubleOptIn
      ? [
          `${s.unconfirmed} customer(s) have no registration date: they are unconfirmed and must reset their password (or confirm) ` +
            'before they can log in while DOUBLE_OPT_IN is on.',
        ]
      : []),
    ...(lines.length ? ['Skipped rows:', ...lines] : []),
  ].join('\n');
};
