import { doc, TestStack } from '../../../test/support/stack';

export const PASSWORD = 'Correct-Horse7!';

let counter = 0;
export const uniqueEmail = (name = 'shopper') => `${name}.${process.pid}.${Date.now().toString(36)}.${++counter}@example.com`;

export const registrationAttributes = (overrides: Record<string, unknown> = {}) => ({
  salutation: 'Ms',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: uniqueEmail(),
  gender: 'Female',
  password: PASSWORD,
  confirmPassword: PASSWORD,
  acceptedTerms: true,
  ...overrides,
});

/** The raw registration key, read from the pending outbox row (stacks started without the worker keep it). */
export const registrationKeyOf = async (stack: TestStack, reference: string): Promise<string> => {
  const [row] = await stack.sql<{ token: string }>(
    `select payload->'secrets'->>'token' as token from outbox_message where subject = ? and type = 'mail.customer-registration-confirmation'`,
    [reference],
  );
  if (!row?.token) throw new Error(`No registration key for ${reference}`);
  return row.token;
};

export interface Shopper {
  reference: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

export const logIn = async (stack: TestStack, username: string, password = PASSWORD) => {
  const response = await stack.http().post('/access-tokens').send(doc('access-tokens', { username, password }));
  return response;
};

/** Registers, confirms and logs in a customer. */
export const registerShopper = async (stack: TestStack, overrides: Record<string, unknown> = {}): Promise<Shopper> => {
  const attributes = registrationAttributes(overrides);
  const created = await stack.http().post('/customers').send(doc('customers', attributes));
  if (created.status !== 201) throw new Error(`registration failed: ${created.status} ${JSON.stringify(created.body)}`);
  const reference = created.body.data.id as string;
  const key = await registrationKeyOf(stack, reference);
  const confirmed = await stack.http().post('/customer-confirmation').send(doc('customer-confirmation', { registrationKey: key }));
  if (confirmed.status !== 204) throw new Error(`confirmation failed: ${confirmed.status}`);
  const login = await logIn(stack, attributes.email as string, attributes.password as string);
  if (login.status !== 201) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  const { accessToken, refreshToken } = login.body.data.attributes;
  return { reference, email: attributes.email as string, password: attributes.password as string, accessToken, refreshToken };
};

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export const glueError = (status: number, code: string, detail: string) => ({ errors: [{ status, code, detail }] });
