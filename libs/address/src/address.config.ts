/** Settings of the address module. */
export class AddressConfig {
  /** Most addresses one customer may keep. */
  maxAddressesPerCustomer = 100;
  /** Check postal codes against the country's format where it is known (Glue checks only the length). */
  checkPostalCodes = false;

  static from(overrides: Partial<AddressConfig> = {}): AddressConfig {
    return Object.assign(new AddressConfig(), overrides);
  }
}
