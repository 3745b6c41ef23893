import { BigIntType, Entity, PrimaryKey, Property } from '@mikro-orm/core';

export const USER_ROLES = ['admin', 'agent'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** A member of the shop's staff who signs in to the back office. */
@Entity({ tableName: 'backoffice_user' })
export class BackofficeUser {
  @PrimaryKey({ type: new BigIntType('number') })
  id!: number;

  @Property({ type: 'text' })
  email!: string;

  /** Lower-cased; unique. */
  @Property({ type: 'text', unique: true })
  emailNormalized!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', hidden: true })
  passwordHash!: string;

  @Property({ type: 'text' })
  role!: UserRole;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;
}
