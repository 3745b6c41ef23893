import { doc, JSON_API, startStack, TestStack } from '../../../test/support/stack';
import { tokenFromMail } from '../../../test/support/smtp-sink';

const PASSWORD = 'Correct-Horse7!';

export const registration = (overrides: Record<string, unknown> = {}) => ({
  salutation: 'Ms',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: `ada.${Math.random().toString(36).slice(2)}@example.com`,
  gender: 'Female',
  password: PASSWORD,
  confirmPassword: PASSWORD,
  acceptedTerms: true,
  ...overrides,
});

describe('registration to login', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('registers, mails the confirmation link, confirms, logs in and reads the profile', async () => {
    const attributes = registration({ locale: 'de_DE', dateOfBirth: '1990-12-10', phone: '+49 30 1234' });
    const created = await stack.http().post('/customers').set('Content-Type', JSON_API).send(doc('customers', attributes));
    expect(created.status).toBe(201);
    expect(created.headers['content-type']).toBe('application/vnd.api+json');
    const reference = created.body.data.id;
    expect(reference).toMatch(/^DE--\d+$/);
    expect(created.body.data).toEqual({
      type: 'customers',
      id: reference,
      attributes: {
        salutation: 'Ms', firstName: 'Ada', lastName: 'Lovelace', email: attributes.email, gender: 'Female',
        dateOfBirth: '1990-12-10', phone: '+49 30 1234', locale: 'de_DE',
        createdAt: expect.stringMatching(/Z$/), updatedAt: expect.stringMatching(/Z$/),
      },
      links: { self: `http://localhost:3000/customers/${reference}` },
    });

    const refused = await stack.http().post('/access-tokens').send(doc('access-tokens', { username: attributes.email, password: PASSWORD }));
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ errors: [{ code: '003', status: 401, detail: 'Failed to authenticate user.' }] });

    const mail = await stack.smtp.waitForMailTo(attributes.email as string);
    expect(mail.subject).toBe('Bitte bestätigen Sie Ihre E-Mail-Adresse');
    expect(mail.text).toContain('http://localhost:3000/register/confirm?token=');
    const key = tokenFromMail(mail);

    const confirmed = await stack.http().post('/customer-confirmation').send(doc('customer-confirmation', { registrationKey: key }));
    expect(confirmed.status).toBe(204);

    const login = await stack.http().post('/access-tokens').send(doc('access-tokens', { username: (attributes.email as string).toUpperCase(), password: PASSWORD }));
    expect(login.status).toBe(201);
    expect(login.body.data.attributes).toEqual({
      tokenType: 'Bearer', expiresIn: 28800, accessToken: expect.any(String), refreshToken: expect.any(String), refreshTokenExpiresIn: 2592000,
    });

    const profile = await stack.http().get(`/customers/${reference}`).set('Authorization', `Bearer ${login.body.data.attributes.accessToken}`);
    expect(profile.status).toBe(200);
    expect(profile.body.data.attributes.email).toBe(attributes.email);
  });
});
