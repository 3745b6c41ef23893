import { createReadStream, existsSync } from 'node:fs';
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

/** Streams a CSV file as records keyed by the header's column names, with their line numbers. */
export async function* readCsvRows<T extends { line: number }>(file: string, required: readonly string[]): AsyncGenerator<T> {
  if (!existsSync(file)) throw new ImportFileError(`File not found: ${file}`);
  let headerSeen = false;
  const parser = createReadStream(file).pipe(
    parse({ bom: true, skip_empty_lines: true, relax_column_count: true, info: true, columns: (header: string[]) => {
      headerSeen = true;
      return checkHeader(header, required);
    } }),
  );
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string | number>; info: { lines: number } }>) {
    record.line = info.lines;
    yield record as unknown as T;
  }
  if (!headerSeen) throw new ImportFileError(`The file is empty; expected the header ${required.join(',')}`);
}

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
    // csv-parse wraps errors thrown by the header callback and reports malformed CSV with its own codes.
    if (error instanceof ImportFileError) throw error;
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof ImportFileError) throw cause;
    if ((error as { code?: string }).code?.startsWith('CSV_')) throw new ImportFileError(`Malformed CSV: ${(error as Error).message}`);
    throw error;
  }
};

export const formatImportSummary = (file: string, s: CustomerImportSummary): string => {
  const lines = s.problems.map((p) => `  line ${p.line}${p.reference ? ` (${p.reference})` : ''}: ${p.reason}`);
  if (!s.imported) {
    return [`Nothing imported from ${file}: ${s.problems.length} of ${s.rows} row(s) are invalid (use --skip-invalid to import the others):`, ...lines].join('\n');
  }
  return [
    `Imported ${s.created + s.updated} of ${s.rows} row(s) from ${file}: ${s.created} created, ${s.updated} updated, ${s.skipped} skipped.`,
    ...(lines.length ? ['Skipped rows:', ...lines] : []),
  ].join('\n');
};
