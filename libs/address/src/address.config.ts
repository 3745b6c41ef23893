/** Settings of the address module. */
export class AddressConfig {
  /** Most addresses one customer may keep. */
  maxAddressesPerCustomer = 100;

  static from(overrides: Partial<AddressConfig> = {}): AddressConfig {
    return Object.assign(new AddressConfig(), overrides);
  }
}
