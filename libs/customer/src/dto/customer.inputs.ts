import { CustomerProfile } from '../domain/customer.entity';

export interface RegisterCustomerInput extends CustomerProfile {
  email: string;
  password: string;
}

/** Fields a customer may change on their profile; absent fields stay as they are. */
export interface UpdateCustomerInput extends CustomerProfile {
  email?: string;
}

/** One row of Spryker's customer import format, already split into fields. */
export interface CustomerImportRow {
  /** 1-based line in the source file, for error reports. */
  line: number;
  customer_reference: string;
  locale_name: string;
  phone: string;
  email: string;
  salutation: string;
  first_name: string;
  last_name: string;
  company: string;
  gender: string;
  date_of_birth: string;
  password: string;
  registered: string;
  /** Set by a reader that cannot use the row as a whole (it has more or fewer columns than the header): the row is refused with this reason. */
  invalid?: string;
}

export interface CustomerImportProblem {
  line: number;
  reference: string;
  reason: string;
}

export interface CustomerImportSummary {
  rows: number;
  created: number;
  updated: number;
  skipped: number;
  problems: CustomerImportProblem[];
  /**
   * Imported customers that are unconfirmed: no `registered` date in the file and none before. While double opt-in
   * is on they cannot log in until they confirm or reset their password.
   */
  unconfirmed: number;
  /** False when problems aborted the import (nothing was written). */
  imported: boolean;
}
