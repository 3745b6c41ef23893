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

  /** Set while the user is disabled: no login, and every token refused. */
  @Property({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null = null;

  /** Version of the user's credentials: tokens carry it, and a raised version ends every earlier session. */
  @Property({ type: 'integer', hidden: true })
  tokenVersion = 1;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;

  get isEnabledAdmin(): boolean {
    return this.role === 'admin' && this.disabledAt === null;
  }

  rename(name: string, now: Date): void {
    this.name = name.trim();
    this.updatedAt = now;
  }

  /** A new role applies to existing sessions at once (the back office reads it from here on every request). */
  changeRole(role: UserRole, now: Date): void {
    if (role === this.role) return;
    this.role = role;
    this.updatedAt = now;
  }

  /** Ends every session (the token version is raised) and refuses logins until enabled again. */
  disable(now: Date): void {
    if (this.disabledAt) return;
    this.disabledAt = now;
    this.tokenVersion += 1;
    this.updatedAt = now;
  }

  /** Allows logins again; sessions ended by `disable` stay ended. */
  enable(now: Date): void {
    if (!this.disabledAt) return;
    this.disabledAt = null;
    this.updatedAt = now;
  }

  /** Replaces the password hash and ends every session. */
  setPasswordHash(passwordHash: string, now: Date): void {
    this.passwordHash = passwordHash;
    this.tokenVersion += 1;
    this.updatedAt = now;
  }
}
