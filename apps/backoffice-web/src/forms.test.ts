import { describe, expect, it } from 'vitest';
import { addressChanges, addressForm, profileChanges, profileForm } from './forms';

const customer = {
  reference: 'DE--1', email: 'ada@example.com', salutation: 'Ms', firstName: 'Ada', lastName: 'Lovelace', gender: null,
  dateOfBirth: null, phone: '+44 1', company: null, locale: 'en_US',
};

describe('customer form bodies', () => {
  it('creates with the filled fields only', () => {
    const form = { ...profileForm(), firstName: 'Ada', lastName: 'Lovelace', email: ' ada@example.com ' };
    expect(profileChanges(form)).toEqual({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' });
  });

  it('keeps blank required fields on create so the API names them', () => {
    expect(profileChanges(profileForm())).toEqual({ firstName: '', lastName: '', email: '' });
  });

  it('patches only what changed, clearing optional fields with null', () => {
    const form = { ...profileForm(customer), lastName: 'King', phone: '', gender: 'Female' };
    expect(profileChanges(form, customer)).toEqual({ lastName: 'King', phone: null, gender: 'Female' });
    expect(profileChanges(profileForm(customer), customer)).toEqual({});
  });
});

describe('address form bodies', () => {
  const address = {
    uuid: 'u', salutation: null, firstName: 'Ada', lastName: 'King', address1: 'Unter den Linden', address2: '77', address3: null,
    zipCode: '10117', city: 'Berlin', iso2Code: 'DE', country: 'Germany', company: null, phone: null, isDefaultBilling: true, isDefaultShipping: false,
  };

  it('takes the name from the customer for a new address and sends every field but empty optional ones', () => {
    const form = { ...addressForm(undefined, customer), address1: 'Main St', address2: '1', zipCode: '10115', city: 'Berlin', iso2Code: 'DE' };
    expect(addressChanges(form)).toEqual({
      salutation: 'Ms', firstName: 'Ada', lastName: 'Lovelace', address1: 'Main St', address2: '1', zipCode: '10115', city: 'Berlin', iso2Code: 'DE',
      isDefaultBilling: false, isDefaultShipping: false,
    });
  });

  it('patches changed fields; a default is only ever set, never unset', () => {
    const form = { ...addressForm(address), city: 'Potsdam', company: 'Engines', isDefaultShipping: true, isDefaultBilling: false };
    expect(addressChanges(form, address)).toEqual({ city: 'Potsdam', company: 'Engines', isDefaultShipping: true });
    expect(addressChanges({ ...addressForm(address), address3: '' }, address)).toEqual({});
  });
});
