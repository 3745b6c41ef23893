import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CustomerNotFoundError } from './domain/customer.errors';
import { CustomerImportRow, CustomerImportSummary, RegisterCustomerInput, UpdateCustomerInput } from './dto/customer.inputs';
import { CustomerView } from './dto/customer.view';
import { RegisterCustomerCommand } from './commands/register-customer/register-customer.command';
import { ConfirmCustomerRegistrationCommand } from './commands/confirm-customer-registration/confirm-customer-registration.command';
import { AuthenticateCustomerCommand } from './commands/authenticate-customer/authenticate-customer.command';
import { UpdateCustomerCommand } from './commands/update-customer/update-customer.command';
import { AnonymizeCustomerCommand } from './commands/anonymize-customer/anonymize-customer.command';
import { ImportCustomersCommand, ImportCustomersOptions } from './commands/import-customers/import-customers.command';
import { FindCustomerByReferenceQuery } from './queries/find-customer-by-reference/find-customer-by-reference.query';
import { FindCustomerByEmailQuery } from './queries/find-customer-by-email/find-customer-by-email.query';

@Injectable()
export class CustomerFacade {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

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
    return this.commands.execute(new RegisterCustomerCommand(input));
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
   * password stored with an old algorithm (bcrypt) or weaker parameters is rehashed with argon2id.
   * @throws AuthenticationFailedError for an unknown email, a wrong password, a deleted customer, or an
   *   unconfirmed customer while double opt-in is on
   */
  authenticate(email: string, password: string): Promise<CustomerView> {
    return this.commands.execute(new AuthenticateCustomerCommand(email, password));
  }

  /** The live customer with this reference, or null (also for anonymized customers). */
  findByReference(reference: string): Promise<CustomerView | null> {
    return this.queries.execute(new FindCustomerByReferenceQuery(reference));
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

  /** The live customer with this email (ignoring case), or null. */
  findByEmail(email: string): Promise<CustomerView | null> {
    return this.queries.execute(new FindCustomerByEmailQuery(email));
  }

  /**
   * Changes the given profile fields (absent ones stay; null clears optional ones).
   * @throws CustomerNotFoundError, EmailAlreadyRegisteredError, UnsupportedLocaleError
   */
  update(reference: string, changes: UpdateCustomerInput): Promise<CustomerView> {
    return this.commands.execute(new UpdateCustomerCommand(reference, changes));
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
   * Imports Spryker-format customer rows (upsert by reference, password hashes kept as they are), all or nothing
   * unless `skipInvalid`; moves the reference sequence past the highest imported number.
   * @returns counts and the refused rows with their line numbers and reasons
   */
  importCustomers(rows: AsyncIterable<CustomerImportRow> | Iterable<CustomerImportRow>, options: ImportCustomersOptions = {}): Promise<CustomerImportSummary> {
    return this.commands.execute(new ImportCustomersCommand(rows, options));
  }
}
