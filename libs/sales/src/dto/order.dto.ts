import { SalesOrder } from '../domain/sales-order.entity';

export interface OrderView {
  orderReference: string;
  customerReference: string;
  createdAt: Date;
  status: string;
  currency: string;
  /** Minor units (cents). */
  grandTotal: number;
  itemCount: number;
  billingAddress: Record<string, unknown> | null;
  shippingAddress: Record<string, unknown> | null;
}

export interface OrderPage {
  orders: OrderView[];
  total: number;
  offset: number;
  limit: number;
}

export interface OrderImportRow {
  line: number;
  order_reference: string;
  customer_reference: string;
  created_at: string;
  status: string;
  currency: string;
  grand_total: string;
  item_count: string;
}

export interface OrderImportSummary {
  rows: number;
  created: number;
  updated: number;
  problems: { line: number; reference: string; reason: string }[];
  imported: boolean;
}

export const toOrderView = (o: SalesOrder): OrderView => ({
  orderReference: o.orderReference,
  customerReference: o.customerReference,
  createdAt: o.createdAt,
  status: o.status,
  currency: o.currency,
  grandTotal: Number(o.grandTotal),
  itemCount: o.itemCount,
  billingAddress: o.billingAddress ?? null,
  shippingAddress: o.shippingAddress ?? null,
});
