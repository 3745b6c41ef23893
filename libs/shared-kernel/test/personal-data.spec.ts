import { randomBytes, randomUUID } from 'node:crypto';
import { maskPersonalData } from '../src/personal-data';

describe('maskPersonalData', () => {
  it('masks emails and long tokens', () => {
    const token = randomBytes(32).toString('base64url');
    expect(maskPersonalData(`mail to ada.lovelace@example.com with ${token}`)).toBe('mail to a***@example.com with [redacted]');
    const jwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJERS0tMjEiLCJ0diI6MSwiaWF0IjoxNzk2MzY5MjUzfQ.tcK4Stbh18KF4kLgBNrxsRxShMvwZMEm3SdmR4mXMWo';
    expect(maskPersonalData(`token ${jwt}`)).toBe('token [redacted].[redacted].[redacted]');
  });

  it('keeps what says where things are: outbox ids, mail file names, migration names', () => {
    const id = randomUUID();
    const file = `var/mail/2026-12-04T07-24-06-411Z-${id}.eml`;
    expect(maskPersonalData(`Mail ${id} written to ${file}`)).toBe(`Mail ${id} written to ${file}`);
    expect(maskPersonalData('Applied Migration20261203000200_customer, Migration20261203000900_sales_order')).toBe(
      'Applied Migration20261203000200_customer, Migration20261203000900_sales_order',
    );
  });
});
