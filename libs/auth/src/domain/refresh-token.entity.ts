import { BigIntType, Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** A refresh token, stored as a SHA-256 hash; spent on use (rotation) or revoked. */
@Entity({ tableName: 'customer_refresh_token' })
export class RefreshToken {
  @PrimaryKey({ type: new BigIntType('number') })
  id!: number;

  @Property({ type: 'text', unique: true })
  tokenHash!: string;

  @Property({ type: 'text' })
  customerReference!: string;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date | null;

  /** The customer's token version when issued; a later password change makes the token useless. */
  @Property({ type: 'integer' })
  tokenVersion!: number;
}
