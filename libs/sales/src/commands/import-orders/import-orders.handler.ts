import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AddressFacade, AddressView } from '@patron/address';
import { CustomerFacade } from '@patron/customer';
import { forkJoiningTransaction, parseIsoTimestamp } from '@patron/shared-kernel';
import { SalesOrder } from '../../domain/sales-order.entity';
import { OrderImportRow, OrderImportSummary } from '../../dto/order.dto';
import { ImportOrdersCommand } from './import-orders.command';

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
const AMOUNT = /^\d{1,13}(\.\d{1,2})?$/;

interface Snapshot {
  billing: Record<string, unknown> | null;
  shipping: Record<string, unknown> | null;
}

const snapshot = (a: AddressView | undefined): Record<string, unknown> | null =>
  a
    ? { salutation: a.salutation, firstName: a.firstName, lastName: a.lastName, address1: a.address1, address2: a.address2, address3: a.address3,
        zipCode: a.zipCode, city: a.city, iso2Code: a.iso2Code, country: a.country, company: a.company, phone: a.phone }
    : null;

/**
 * Imports order rows (upsert by order reference) inside one transaction: all or nothing unless `skipInvalid`.
 * Each order keeps a snapshot of its customer's default billing and shipping address at import time.
 */
@CommandHandler(ImportOrdersCommand)
export class ImportOrdersHandler implements ICommandHandler<ImportOrdersCommand> {
  constructor(private readonly em: EntityManager, private readonly customers: CustomerFacade, private readonly addresses: AddressFacade) {}

  async execute({ rows, skipInvalid }: ImportOrdersCommand): Promise<OrderImportSummary> {
    const summary: OrderImportSummary = { rows: 0, created: 0, updated: 0, problems: [], imported: false };
    const snapshots = new Map<string, Snapshot | null>();
    const seen = new Map<string, number>();
    const rollback = new Error('rolled back');
    try {
      await forkJoiningTransaction(this.em).transactional(async (em) => {
        for await (const row of rows) {
          summary.rows += 1;
          const reference = (row.order_reference ?? '').trim();
          const problem = this.check(row, reference, seen) ?? (await this.customerProblem(row.customer_reference?.trim(), snapshots));
          if (problem) {
            summary.problems.push({ line: row.line, reference, reason: problem });
            continue;
          }
          seen.set(reference, row.line);
          const addresses = snapshots.get(row.customer_reference.trim())!;
          const [major, minor = ''] = row.grand_total.trim().split('.');
          const values = {
            customerReference: row.customer_reference.trim(),
            createdAt: parseIsoTimestamp(row.created_at)!,
            status: row.status.trim(),
            currency: row.currency.trim().toUpperCase(),
            grandTotal: String(BigInt(major) * 100n + BigInt(minor.padEnd(2, '0'))),
            itemCount: Number(row.item_count.trim()),
            billingAddress: addresses.billing,
            shippingAddress: addresses.shipping,
          };
          const existing = await em.findOne(SalesOrder, { orderReference: reference });
          if (existing) {
            Object.assign(existing, values);
            summary.updated += 1;
          } else {
            em.persist(Object.assign(new SalesOrder(), { orderReference: reference, ...values }));
            summary.created += 1;
          }
          if ((summary.created + summary.updated) % 500 === 0) await em.flush();
        }
        if (summary.problems.length && !skipInvalid) throw rollback;
      });
      summary.imported = true;
    } catch (error) {
      if (error !== rollback) throw error;
      summary.created = 0;
      summary.updated = 0;
    }
    summary.problems.sort((a, b) => a.line - b.line);
    return summary;
  }

  private check(row: OrderImportRow, reference: string, seen: Map<string, number>): string | null {
    if (Object.values(row).some((v) => typeof v === 'string' && v.includes('\u0000'))) return 'contains a NUL character';
    if (!reference) return 'missing order_reference';
    if (seen.has(reference)) return `duplicate order_reference "${reference}" (already on line ${seen.get(reference)})`;
    if (!parseIsoTimestamp(row.created_at ?? '')) return `invalid created_at "${row.created_at}" (expected an ISO 8601 date or timestamp)`;
    if (!(row.status ?? '').trim()) return 'missing status';
    if (!CURRENCIES.has((row.currency ?? '').trim().toUpperCase())) return `unknown currency "${row.currency}" (expected an ISO 4217 code)`;
    if (!AMOUNT.test((row.grand_total ?? '').trim())) return `invalid grand_total "${row.grand_total}" (expected an amount like 129.90)`;
    if (!/^\d{1,6}$/.test((row.item_count ?? '').trim())) return `invalid item_count "${row.item_count}"`;
    return null;
  }

  /** Null when the customer exists (its address snapshot is cached), else the reason. */
  private async customerProblem(customerReference: string | undefined, snapshots: Map<string, Snapshot | null>): Promise<string | null> {
    if (!customerReference) return 'missing customer_reference';
    if (!snapshots.has(customerReference)) {
      const customer = await this.customers.findByReference(customerReference);
      if (!customer) snapshots.set(customerReference, null);
      else {
        const addresses = await this.addresses.listForCustomer(customerReference);
        snapshots.set(customerReference, {
          billing: snapshot(addresses.find((a) => a.isDefaultBilling)),
          shipping: snapshot(addresses.find((a) => a.isDefaultShipping)),
        });
      }
    }
    return snapshots.get(customerReference) ? null : `unknown customer "${customerReference}"`;
  }
}
