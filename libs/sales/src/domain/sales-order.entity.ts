import { BigIntType, Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** An order as the customer account shows it (a read model fed by imports, not a shop's order system). */
@Entity({ tableName: 'sales_order' })
export class SalesOrder {
  @PrimaryKey({ type: new BigIntType('number') })
  id!: number;

  @Property({ type: 'text', unique: true })
  orderReference!: string;

  @Property({ type: 'text' })
  customerReference!: string;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'text' })
  status!: string;

  /** ISO 4217 code. */
  @Property({ type: 'text' })
  currency!: string;

  /** In the currency's minor unit (cents), as Spryker stores totals. */
  @Property({ type: 'bigint' })
  grandTotal!: string;

  @Property({ type: 'integer' })
  itemCount!: number;

  /** Snapshot of the address at order time (the customer may change or delete it later). */
  @Property({ type: 'jsonb', nullable: true })
  billingAddress?: Record<string, unknown> | null;

  @Property({ type: 'jsonb', nullable: true })
  shippingAddress?: Record<string, unknown> | null;
}
