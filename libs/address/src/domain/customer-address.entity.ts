import { BigIntType, Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

@Entity({ tableName: 'customer_address' })
export class CustomerAddress {
  @PrimaryKey({ type: new BigIntType('number') })
  id!: number;

  @Property({ type: 'uuid', unique: true })
  uuid: string = randomUUID();

  @Property({ type: 'text' })
  customerReference!: string;

  @Property({ type: 'text', nullable: true }) salutation?: string | null;
  @Property({ type: 'text' }) firstName!: string;
  @Property({ type: 'text' }) lastName!: string;
  @Property({ type: 'text' }) address1!: string;
  @Property({ type: 'text' }) address2!: string;
  @Property({ type: 'text', nullable: true }) address3?: string | null;
  @Property({ type: 'text' }) zipCode!: string;
  @Property({ type: 'text' }) city!: string;
  @Property({ type: 'text', fieldName: 'iso2_code' }) iso2Code!: string;
  @Property({ type: 'text', nullable: true }) region?: string | null;
  @Property({ type: 'text', nullable: true }) company?: string | null;
  @Property({ type: 'text', nullable: true }) phone?: string | null;
  @Property({ type: 'text', nullable: true }) comment?: string | null;
  @Property({ type: 'boolean' }) isDefaultBilling = false;
  @Property({ type: 'boolean' }) isDefaultShipping = false;
  @Property({ type: 'timestamptz' }) createdAt!: Date;
  @Property({ type: 'timestamptz' }) updatedAt!: Date;
}
