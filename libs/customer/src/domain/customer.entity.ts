import { BigIntType, Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { hashSecretToken, newSecretToken } from '@patron/shared-kernel';
import { Gender, Salutation } from '../customer.config';
import { normalizeEmail } from './email-address';
import { InvalidRegistrationKeyError, RestorePasswordKeyExpiredError } from './customer.errors';

export interface CustomerProfile {
  salutation?: Salutation | null;
  firstName?: string | null;
  lastName?: string | null;
  gender?: Gender | null;
  dateOfBirth?: string | null;
  phone?: string | null;
  company?: string | null;
  locale?: string;
}

export interface NewCustomer extends CustomerProfile {
  reference: string;
  email: string;
  locale: string;
  passwordHash: string | null;
}

@Entity({ tableName: 'customer' })
export class Customer {
  @PrimaryKey({ type: new BigIntType('number') })
  id!: number;

  @Property({ type: 'text', unique: true })
  customerReference!: string;

  /** As the customer typed it. */
  @Property({ type: 'text' })
  email!: string;

  /** Lower-cased; unique among live customers (partial unique index). */
  @Property({ type: 'text' })
  emailNormalized!: string;

  @Property({ type: 'text', nullable: true })
  salutation?: Salutation | null;

  @Property({ type: 'text', nullable: true })
  firstName?: string | null;

  @Property({ type: 'text', nullable: true })
  lastName?: string | null;

  @Property({ type: 'text', nullable: true })
  gender?: Gender | null;

  /** `YYYY-MM-DD`. */
  @Property({ type: 'date', nullable: true })
  dateOfBirth?: string | null;

  @Property({ type: 'text', nullable: true })
  phone?: string | null;

  @Property({ type: 'text', nullable: true })
  company?: string | null;

  @Property({ type: 'text' })
  locale!: string;

  @Property({ type: 'text', nullable: true, hidden: true })
  passwordHash?: string | null;

  @Property({ type: 'text', nullable: true, hidden: true })
  registrationKeyHash?: string | null;

  /** When the email was confirmed (Spryker's `registered`); null while unconfirmed. */
  @Property({ type: 'timestamptz', nullable: true })
  registeredAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  anonymizedAt?: Date | null;

  @Property({ type: 'text', nullable: true, hidden: true })
  restorePasswordKeyHash?: string | null;

  @Property({ type: 'timestamptz', nullable: true, hidden: true })
  restorePasswordKeyExpiresAt?: Date | null;

  /** An email change waiting for its verification (single-use token mailed to the new address). */
  @Property({ type: 'text', nullable: true })
  pendingEmail?: string | null;

  @Property({ type: 'text', nullable: true, hidden: true })
  emailChangeTokenHash?: string | null;

  @Property({ type: 'timestamptz', nullable: true, hidden: true })
  emailChangeExpiresAt?: Date | null;

  /** Raised by every password change, reset and deletion; tokens issued under an older version are refused. */
  @Property({ type: 'integer' })
  tokenVersion = 1;

  /** The access token (`jti`) that the last password change left working: the session that made it. */
  @Property({ type: 'uuid', nullable: true })
  keptTokenId?: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;

  /** A new, unconfirmed customer and the raw registration key to mail (only its hash is stored). */
  static register(input: NewCustomer, now: Date, requireConfirmation: boolean): { customer: Customer; registrationKey: string | null } {
    const customer = new Customer();
    customer.customerReference = input.reference;
    customer.setEmail(input.email);
    customer.applyProfile(input);
    customer.locale = input.locale;
    customer.passwordHash = input.passwordHash;
    customer.createdAt = now;
    customer.updatedAt = now;
    if (!requireConfirmation) {
      customer.registeredAt = now;
      return { customer, registrationKey: null };
    }
    const registrationKey = newSecretToken();
    customer.registrationKeyHash = hashSecretToken(registrationKey);
    return { customer, registrationKey };
  }

  get isConfirmed(): boolean {
    return this.registeredAt != null;
  }

  get isAnonymized(): boolean {
    return this.anonymizedAt != null;
  }

  /** Confirms the email with the mailed key; the key works once. */
  confirmRegistration(registrationKey: string, now: Date): void {
    if (this.isAnonymized || this.isConfirmed || this.registrationKeyHash !== hashSecretToken(registrationKey)) {
      throw new InvalidRegistrationKeyError();
    }
    this.registeredAt = now;
    this.registrationKeyHash = null;
    this.updatedAt = now;
  }

  setEmail(email: string): void {
    this.email = email;
    this.emailNormalized = normalizeEmail(email);
  }

  /** Asks for an email change: the new address must be verified with the returned raw token before it applies. */
  requestEmailChange(email: string, now: Date, lifetimeSeconds: number): string {
    const token = newSecretToken();
    this.pendingEmail = email;
    this.emailChangeTokenHash = hashSecretToken(token);
    this.emailChangeExpiresAt = new Date(now.getTime() + lifetimeSeconds * 1000);
    this.updatedAt = now;
    return token;
  }

  /**
   * Moves the account to another mailbox: a restore or registration key mailed to the old address no longer works,
   * and a pending change is over.
   */
  moveToEmail(email: string): void {
    this.setEmail(email);
    // Keys mailed to the former address prove nothing about the new one.
    this.restorePasswordKeyHash = null;
    this.restorePasswordKeyExpiresAt = null;
    this.registrationKeyHash = null;
    this.cancelEmailChange();
  }

  /** Drops a pending email change: its mailed token no longer applies. */
  cancelEmailChange(): void {
    this.pendingEmail = null;
    this.emailChangeTokenHash = null;
    this.emailChangeExpiresAt = null;
  }

  /** Applies the pending email change (the token was checked by the caller). */
  confirmEmailChange(now: Date): void {
    if (this.pendingEmail) this.moveToEmail(this.pendingEmail);
    this.cancelEmailChange();
    this.updatedAt = now;
  }

  /** Changes only the fields present in `changes` (`null` clears an optional one). */
  applyProfile(changes: CustomerProfile, now?: Date): void {
    const fields = ['salutation', 'firstName', 'lastName', 'gender', 'dateOfBirth', 'phone', 'company', 'locale'] as const;
    for (const field of fields) {
      if (changes[field] !== undefined) (this as Record<string, unknown>)[field] = changes[field];
    }
    if (now) this.updatedAt = now;
  }

  /**
   * Sets a new password hash and invalidates every token, restore key and pending email change issued before (the
   * change notice tells a customer who did not ask for it to change the password: that must stop the change); only
   * the access token `keepTokenId`, if given (the session making the change), goes on working.
   */
  changePasswordHash(hash: string, now: Date, keepTokenId: string | null = null): void {
    this.passwordHash = hash;
    this.restorePasswordKeyHash = null;
    this.restorePasswordKeyExpiresAt = null;
    this.cancelEmailChange();
    this.tokenVersion += 1;
    this.keptTokenId = keepTokenId;
    this.updatedAt = now;
  }

  /** A new restore key (its hash replaces any earlier one); returns the raw key to mail. */
  issueRestorePasswordKey(now: Date, lifetimeSeconds: number): string {
    const key = newSecretToken();
    this.restorePasswordKeyHash = hashSecretToken(key);
    this.restorePasswordKeyExpiresAt = new Date(now.getTime() + lifetimeSeconds * 1000);
    return key;
  }

  /**
   * Resets the password with a mailed restore key; the key works once.
   * @throws RestorePasswordKeyExpiredError
   */
  restorePassword(hash: string, now: Date): void {
    if (!this.restorePasswordKeyExpiresAt || this.restorePasswordKeyExpiresAt.getTime() <= now.getTime()) {
      throw new RestorePasswordKeyExpiredError();
    }
    this.changePasswordHash(hash, now);
    // The key came by mail, so the address is proven: an unconfirmed (e.g. imported) customer is confirmed too.
    if (!this.registeredAt) {
      this.registeredAt = now;
      this.registrationKeyHash = null;
    }
  }

  /**
   * Deletion as the contract defines it: the row stays for order history, personal data is cleared, the email is
   * replaced by an unusable unique address so the original can register again, and no password can match.
   */
  anonymize(now: Date): void {
    this.applyProfile({ salutation: null, firstName: null, lastName: null, gender: null, dateOfBirth: null, phone: null, company: null });
    this.setEmail(`anonymized+${newSecretToken()}@anonymized.invalid`);
    this.passwordHash = null;
    this.registrationKeyHash = null;
    this.restorePasswordKeyHash = null;
    this.restorePasswordKeyExpiresAt = null;
    this.pendingEmail = null;
    this.emailChangeTokenHash = null;
    this.emailChangeExpiresAt = null;
    this.tokenVersion += 1;
    this.keptTokenId = null;
    this.anonymizedAt = now;
    this.updatedAt = now;
  }
}
