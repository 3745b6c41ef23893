import bcrypt from 'bcryptjs';
import { hash as argon2 } from '@node-rs/argon2';
import { randomUUID } from 'node:crypto';
import { maskEmail, maskPersonalData } from '@patron/shared-kernel';
import { newSecretToken } from '@patron/shared-kernel';

describe('maskPersonalData', () => {
  it('masks email addresses down to their first letter and domain', () => {
    expect(maskEmail('ada.lovelace@example.com')).toBe('a***@example.com');
    expect(maskPersonalData('Mail to ada.lovelace@example.com and <Bob.B@mail.example.org> failed')).toBe(
      'Mail to a***@example.com and <B***@mail.example.org> failed',
    );
    expect(maskPersonalData('GET /no-such-page/ada@example.com?to=bob@example.org')).toBe('GET /no-such-page/a***@example.com?to=b***@example.org');
    expect(maskPersonalData('GET /zz/anna.becker%40demo.patron.test 404')).toBe('GET /zz/*** 404');
  });

  it('redacts tokens and JWTs but keeps UUIDs (outbox and request ids) and migration names', () => {
    const token = newSecretToken();
    const jwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJERS0tMSIsInR2IjoxLCJpYXQiOjE3MDAwMDAwMDB9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbi0wMTIzNDU2Nzg5';
    const id = randomUUID();
    const text = maskPersonalData(`key ${token} bearer ${jwt} job ${id} applied Migration20261203000200_customer`);
    expect(text).not.toContain(token);
    for (const part of jwt.split('.')) expect(text).not.toContain(part);
    expect(text).toContain(`job ${id}`);
    expect(text).toContain('Migration20261203000200_customer');
  });

  it('redacts argon2id and bcrypt password hashes', async () => {
    const hashes = [await argon2('Correct-Horse7!'), bcrypt.hashSync('Correct-Horse7!', 4)];
    for (const hash of hashes) {
      const text = maskPersonalData(`update "customer" set "password_hash" = '${hash}' where "id" = 1 - connection terminated`);
      expect(text).not.toContain(hash);
      expect(text).not.toMatch(/\$argon2|\$2[aby]\$/);
    }
    expect(maskPersonalData(`hash ${hashes[0]}, next`)).toBe('hash [redacted], next');
  });

  it('blanks the values an SQL statement quotes (driver errors inline them), and leaves other quotes alone', () => {
    const error = `insert into "customer" ("first_name", "phone") values ('Ada', '+49 30 1234') - Connection terminated unexpectedly`;
    expect(maskPersonalData(error)).toBe(`insert into "customer" ("first_name", "phone") values ('…', '…') - Connection terminated unexpectedly`);
    expect(maskPersonalData(`No mail template for type 'mail.unknown'`)).toBe(`No mail template for type 'mail.unknown'`);
  });

  it('keeps what says where things are: outbox ids, mail file names, migration names, route names', () => {
    expect(maskPersonalData('POST /customer-email-change-confirmation 204')).toBe('POST /customer-email-change-confirmation 204');
    const lowerCaseToken = 'abcdefghijklmnopqrstuvwxyzabcdefghij1';
    expect(maskPersonalData(`token ${lowerCaseToken}`)).toBe('token [redacted]');
    const id = randomUUID();
    const file = `var/mail/2026-12-04T07-24-06-411Z-${id}.eml`;
    expect(maskPersonalData(`Mail ${id} written to ${file}`)).toBe(`Mail ${id} written to ${file}`);
    expect(maskPersonalData('Applied Migration20261203000200_customer, Migration20261203000900_sales_order')).toBe(
      'Applied Migration20261203000200_customer, Migration20261203000900_sales_order',
    );
  });
});
