import { OrderImportRow, OrderImportSummary, SalesFacade } from '@patron/sales';
import { readCsvRows, withFileErrors } from './import-customers.command';

export const ORDER_IMPORT_COLUMNS = ['order_reference', 'customer_reference', 'created_at', 'status', 'currency', 'grand_total', 'item_count'] as const;

export const importOrdersFromFile = (sales: SalesFacade, file: string, skipInvalid: boolean): Promise<OrderImportSummary> =>
  withFileErrors(() => sales.importOrders(readCsvRows<OrderImportRow>(file, ORDER_IMPORT_COLUMNS), skipInvalid));

export const formatOrderImportSummary = (file: string, s: OrderImportSummary): string => {
  const lines = s.problems.map((p) => `  line ${p.line}${p.reference ? ` (${p.reference})` : ''}: ${p.reason}`);
  if (!s.imported) {
    return [`Nothing imported from ${file}: ${s.problems.length} of ${s.rows} row(s) are invalid (use --skip-invalid to import the others):`, ...lines].join('\n');
  }
  return [
    `Imported ${s.created + s.updated} of ${s.rows} order(s) from ${file}: ${s.created} created, ${s.updated} updated, ${s.problems.length} skipped.`,
    ...(lines.length ? ['Skipped rows:', ...lines] : []),
  ].join('\n');
};
