import type { AddressView } from '@patron/address';
import type { CustomerView } from '@patron/customer';
import type { CustomerNoteView } from '@patron/customer-note';
import type { HistoryEntry } from '@patron/customer-history';
import type { OrderView } from '@patron/sales';

/** Who asks: the customer (storefront) or shop staff (back office, which also sees the notes). */
export type ExportAudience = 'customer' | 'staff';

/** Everything Patron holds about one customer, as one document. */
export interface CustomerDataExport {
  exportedAt: Date;
  /** The profile, with what customer expander plugins add under `extensions`. */
  customer: CustomerView;
  /** With what address expander plugins add under `extensions`. */
  addresses: AddressView[];
  groups: { id: number; name: string; description: string | null }[];
  orders: OrderView[];
  /** Oldest first. */
  history: HistoryEntry[];
  /** Staff exports only. */
  notes?: CustomerNoteView[];
}
