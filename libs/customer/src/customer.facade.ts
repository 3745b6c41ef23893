import { Inject, Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CustomerConfig } from './customer.config';
import { CustomerNotFoundError } from './domain/customer.errors';
import { CustomerImportRow, CustomerImportSummary, RegisterCustomerInput, UpdateCustomerInput } from './dto/customer.inputs';
import { AuthenticatedCustomer, CustomerView } from './dto/customer.view';
import { CUSTOMER_EXPANDER_PLUGINS, CustomerExpanderPlugin } from './extension/customer-expander.plugin';
import { RegisterCustomerCommand } from './commands/register-customer/register-customer.command';
import { ConfirmCustomerRegistrationCommand } from './commands/confirm-customer-registration/confirm-customer-registration.command';
import { AuthenticateCustomerCommand } from './commands/authenticate-customer/authenticate-customer.command';
import { UpdateCustomerCommand } from './commands/update-customer/update-customer.command';
import { ConfirmEmailChangeCommand } from './commands/confirm-email-change/confirm-email-change.command';
import { AnonymizeCustomerCommand } from './commands/anonymize-customer/anonymize-customer.command';
import { LockLiveCustomerCommand } from './commands/lock-live-customer/lock-live-customer.command';
import { ImportCustomersCommand, ImportCustomersOptions } from './commands/import-customers/import-customers.command';
import { FindCustomerByReferenceQuery } from './queries/find-customer-by-reference/find-customer-by-reference.query';
import { FindCustomerByEmailQuery } from './queries/find-customer-by-email/find-customer-by-email.query';
import { ConfirmCustomerByStaffCommand, CreateCustomerByStaffCommand, SetPasswordByStaffCommand, StaffCreatedCustomer } from './commands/staff/staff-customer.commands';
import { CustomerSearch, CustomerSearchPage, SearchCustomersQuery } from './queries/search-customers/search-customers.query';
import { FindTokenVersionQuery, TokenVersion } from './queries/find-token-version/find-token-version.query';
import { HasCustomersQuery } from './queries/has-customers/has-customers.query';
import { RequestPasswordRestoreCommand } from './commands/request-password-restore/request-password-restore.command';
import { RestorePasswordCommand } from './commands/restore-password/restore-password.command';
import { ChangePasswordCommand } from './commands/change-password/change-password.command';
import { ResendRegistrationConfirmationCommand } from './commands/resend-registration-confirmation/resend-registration-confirmation.command';

@Injectable()
export class CustomerFacade {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CUSTOMER_EXPANDER_PLUGINS) private readonly expanders: CustomerExpanderPlugin[],
    private readonly config: CustomerConfig,
  ) {}

  /** The locales a customer may have and the one new customers get when none is given (configuration, no I/O). */
  locales(): { locales: string[]; defaultLocale: string } {
    return { locales: [...this.config.locales], defaultLocale: this.config.defaultLocale };
  }

  /** Merges what the expander plugins add into `extensions`. */
  private async expand<T extends CustomerView | null>(customer: T): Promise<T> {
    if (!customer || !this.expanders.length) return customer;
    const extensions: Record<string, unknown> = { ...customer.extensions };
    for (const expander of this.expanders) Object.assign(extensions, await expander.expand(customer));
    return { ...customer, extensions };
  }

  /**
   * Registers a shopper account.
   * - checks the password against the password policies and hashes it (argon2id)
   * - takes the next customer reference; with double opt-in, stores the customer unconfirmed and writes the
   *   confirmation mail to the outbox in the same transaction
   * - runs post-registration plugins inside that transaction; publishes `CustomerRegistered` after commit
   * @throws EmailAlreadyRegisteredError (also when two registrations race for one email),
   *   PasswordPolicyViolationError, UnsupportedLocaleError
   */
  register(input: RegisterCustomerInput): Promise<CustomerView> {
    return this.commands.execute(new RegisterCustomerCommand(input)).then((c) => this.expand(c));
  }

  /**
   * Confirms a customer's email with the key from the confirmation mail; the key is spent.
   * @returns the customer reference
   * @throws InvalidRegistrationKeyError for an unknown or already used key
   */
  confirmRegistration(registrationKey: string): Promise<string> {
    return this.commands.execute(new ConfirmCustomerRegistrationCommand(registrationKey));
  }

  /**
   * Checks login credentials (email ignoring case). Unknown emails cost the same time as known ones. A correct
   * password stored with an old algorithm (bcrypt) or weaker parameters is rehashed with argon2id. The answer carries
   * the token version for the tokens to issue.
   * @throws AuthenticationFailedError for an unknown email, a wrong password, a deleted customer, or an
   *   unconfirmed customer while double opt-in is on
   */
  authenticate(email: string, password: string): Promise<AuthenticatedCustomer> {
    return this.commands.execute(new AuthenticateCustomerCommand(email, password));
  }

  /** The live customer with this reference, or null (also for anonymized customers). */
  findByReference(reference: string): Promise<CustomerView | null> {
    return this.queries.execute(new FindCustomerByReferenceQuery(reference)).then((c) => this.expand(c));
  }

  /**
   * The live customer with this reference.
   * @throws CustomerNotFoundError
   */
  async getByReference(reference: string): Promise<CustomerView> {
    const customer = await this.findByReference(reference);
    if (!customer) throw new CustomerNotFoundError(reference);
    return customer;
  }

  /**
   * The credential version of a live customer (raised by password changes and deletion) and the one access token a
   * password change kept, or null. One light query.
   */
  findTokenVersion(reference: string): Promise<TokenVersion | null> {
    return this.queries.execute(new FindTokenVersionQuery(reference));
  }

  /** Whether there is any live (not anonymized) customer at all. One query that stops at the first row. */
  hasCustomers(): Promise<boolean> {
    return this.queries.execute(new HasCustomersQuery());
  }

  /**
   * Starts a password reset: for a live customer, a new restore key (lifetime `restorePasswordKeyTtlSeconds`)
   * replaces any earlier one and the restore mail is written to the outbox, at most `restoreMailLimit` mails per
   * window. Does the same work and returns the same for unknown emails.
   */
  requestPasswordRestore(email: string): Promise<void> {
    return this.commands.execute(new RequestPasswordRestoreCommand(email));
  }

  /**
   * Sets a new password with a restore key (single use), raises the token version (every earlier token stops
   * working) and mails a notice.
   * @returns the customer's reference
   * @throws InvalidRestorePasswordKeyError (unknown or used), RestorePasswordKeyExpiredError, PasswordPolicyViolationError
   */
  restorePassword(restorePasswordKey: string, newPassword: string): Promise<string> {
    return this.commands.execute(new RestorePasswordCommand(restorePasswordKey, newPassword));
  }

  /**
   * Changes the password after checking the current one, raises the token version (earlier tokens stop working but
   * the access token `keepTokenId`, the caller's own session, if given) and mails a notice.
   * @throws CustomerNotFoundError, InvalidCurrentPasswordError, PasswordPolicyViolationError
   */
  changePassword(reference: string, currentPassword: string, newPassword: string, keepTokenId: string | null = null): Promise<void> {
    return this.commands.execute(new ChangePasswordCommand(reference, currentPassword, newPassword, keepTokenId));
  }

  /**
   * Sends the confirmation mail again with a new key (the old one stops working), for an unconfirmed live customer
   * and at most once per `confirmationResendIntervalSeconds`; otherwise does nothing, silently.
   */
  resendRegistrationConfirmation(email: string): Promise<void> {
    return this.commands.execute(new ResendRegistrationConfirmationCommand(email));
  }

  /**
   * Applies a pending email change with the token mailed to the new address (single use, 30 minutes by default).
   * @returns the customer's reference
   * @throws InvalidEmailChangeTokenError (unknown, used or expired), EmailAlreadyRegisteredError (taken meanwhile)
   */
  confirmEmailChange(token: string): Promise<string> {
    return this.commands.execute(new ConfirmEmailChangeCommand(token));
  }

  /**
   * Searches live customers: substring of email, name or reference (ignoring case and accents), filters (plus those of `CustomerSearchFilterPlugin`s), sorting, keyset pages
   * (`next` cursor) and a total that is exact up to 10,000 and estimated above.
   * @throws InputValidationError for a cursor that is not one, or an unknown or invalid plugin filter
   */
  search(search: CustomerSearch): Promise<CustomerSearchPage> {
    return this.queries.execute(new SearchCustomersQuery(search));
  }

  /**
   * Staff create a customer: confirmed, without a password; with `sendPasswordToken` a restore mail lets the customer
   * set the first one.
   * @throws EmailAlreadyRegisteredError, UnsupportedLocaleError
   */
  createByStaff(input: StaffCreatedCustomer): Promise<CustomerView> {
    return this.commands.execute(new CreateCustomerByStaffCommand(input)).then((c) => this.expand(c));
  }

  /** Staff confirm an unconfirmed customer by hand (no-op when confirmed). @throws CustomerNotFoundError */
  confirmByStaff(reference: string): Promise<CustomerView> {
    return this.commands.execute(new ConfirmCustomerByStaffCommand(reference)).then((c) => this.expand(c));
  }

  /**
   * Staff set a new password: the policies apply, the token version is raised (every session ends) and a notice is
   * mailed.
   * @throws CustomerNotFoundError, PasswordPolicyViolationError
   */
  setPasswordByStaff(reference: string, newPassword: string): Promise<void> {
    return this.commands.execute(new SetPasswordByStaffCommand(reference, newPassword));
  }

  /** The live customer with this email (ignoring case), or null. */
  findByEmail(email: string): Promise<CustomerView | null> {
    return this.queries.execute(new FindCustomerByEmailQuery(email)).then((c) => this.expand(c));
  }

  /**
   * Changes the given profile fields (absent ones stay; null clears optional ones). A new email applies at once
   * when `emailChangeVerification` is off; otherwise it becomes `pendingEmail`, a single-use token goes to the new
   * address and a notice to the current one.
   * @throws CustomerNotFoundError, EmailAlreadyRegisteredError, UnsupportedLocaleError
   */
  update(reference: string, changes: UpdateCustomerInput): Promise<CustomerView> {
    return this.commands.execute(new UpdateCustomerCommand(reference, changes)).then((c) => this.expand(c));
  }

  /** As `update`, for staff: a new email applies at once. @throws as `update` */
  updateByStaff(reference: string, changes: UpdateCustomerInput): Promise<CustomerView> {
    return this.commands.execute(new UpdateCustomerCommand(reference, changes, true)).then((c) => this.expand(c));
  }

  /**
   * Deletes a customer by anonymization: runs the anonymizer plugins (refresh tokens, other modules' data) and
   * clears personal data in one transaction; the email becomes free for a new registration.
   * @throws CustomerNotFoundError
   */
  anonymize(reference: string): Promise<void> {
    return this.commands.execute(new AnonymizeCustomerCommand(reference));
  }

  /**
   * For another module's writes of data that an anonymizer plugin erases: called inside the caller's transaction,
   * locks the live customer until that transaction ends, so the writes and a deletion of the customer happen one
   * after the other (a deletion waits for them, or they find the customer deleted and must not happen).
   * @throws CustomerNotFoundError for an unknown or deleted customer
   */
  lockLive(reference: string): Promise<void> {
    return this.commands.execute(new LockLiveCustomerCommand(reference));
  }

  /**
   * Imports Spryker-format customer rows (upsert by reference, password hashes kept as they are), all or nothing
   * unless `skipInvalid`; moves the reference sequence past the highest imported number.
   * @returns counts and the refused rows with their line numbers and reasons
   */
  importCustomers(rows: AsyncIterable<CustomerImportRow> | Iterable<CustomerImportRow>, options: ImportCustomersOptions = {}): Promise<CustomerImportSummary> {
    return this.commands.execute(new ImportCustomersCommand(rows, options));
  }
}
