import { doc, startStack, TestStack } from '../../../test/support/stack';
import { tokenFromMail } from '../../../test/support/smtp-sink';
import { waitFor } from '../../../test/support/wait-for';
import { bearer, glueError, logIn, registerShopper, registrationAttributes, uniqueEmail } from './storefront.helpers';

const INVALID_TOKEN = glueError(422, '423', 'This email confirmation code is invalid or has been already used.');

describe('email change with verification (EMAIL_CHANGE_VERIFICATION=true)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ env: { EMAIL_CHANGE_VERIFICATION: 'true' } });
  });
  afterAll(() => stack.close());

  const patchEmail = (shopper: { reference: string; accessToken: string }, email: string) =>
    stack.http().patch(`/customers/${shopper.reference}`).set(bearer(shopper.accessToken)).send(doc('customers', { email }));
  const confirm = (token: string) => stack.http().post('/customer-email-change-confirmation').send(doc('customer-email-change-confirmation', { token }));

  it('mails a token to the new address and a notice to the old one; the change applies once confirmed', async () => {
    const shopper = await registerShopper(stack);
    const fresh = uniqueEmail('new.address');
    const patched = await patchEmail(shopper, fresh);
    expect(patched.status).toBe(200);
    expect(patched.body.data.attributes.email).toBe(shopper.email);
    expect(patched.body.meta).toEqual({ emailChangePending: true });

    const verification = await stack.smtp.waitForMailTo(fresh);
    expect(verification.subject).toBe('Confirm your new email address');
    expect(verification.text).toContain('http://localhost:3000/email-change/confirm?token=');
    const notice = await waitFor(
      () => stack.smtp.mailsTo(shopper.email).find((m) => m.subject === 'A new email address was requested for your account'),
      { what: 'the notice to the old address' },
    );
    expect(notice.text).toContain(fresh);
    expect((await logIn(stack, fresh, shopper.password)).status).toBe(401);

    const token = tokenFromMail(verification);
    expect((await confirm(token)).status).toBe(204);
    expect((await confirm(token)).body).toEqual(INVALID_TOKEN);
    expect((await logIn(stack, fresh, shopper.password)).status).toBe(201);
    expect((await logIn(stack, shopper.email, shopper.password)).status).toBe(401);
    const profile = await stack.http().get(`/customers/${shopper.reference}`).set(bearer(shopper.accessToken));
    expect(profile.body.data.attributes.email).toBe(fresh);
  });

  it('refuses a token whose address was registered by someone else meanwhile with 422 400', async () => {
    const shopper = await registerShopper(stack);
    const wanted = uniqueEmail('wanted');
    await patchEmail(shopper, wanted);
    const token = tokenFromMail(await stack.smtp.waitForMailTo(wanted));
    expect((await stack.http().post('/customers').send(doc('customers', registrationAttributes({ email: wanted })))).status).toBe(201);
    const response = await confirm(token);
    expect(response.status).toBe(422);
    expect(response.body.errors[0].code).toBe('400');
  });

  it('drops a pending change when the password is changed, as the notice to the old address advises', async () => {
    const shopper = await registerShopper(stack);
    const intruder = uniqueEmail('intruder');
    await patchEmail(shopper, intruder);
    const token = tokenFromMail(await stack.smtp.waitForMailTo(intruder));
    const changed = await stack
      .http()
      .patch(`/customer-password/${shopper.reference}`)
      .set(bearer(shopper.accessToken))
      .send(doc('customer-password', { password: shopper.password, newPassword: 'Other-Horse8!x', confirmPassword: 'Other-Horse8!x' }));
    expect(changed.status).toBe(204);
    expect((await confirm(token)).body).toEqual(INVALID_TOKEN);
    const [row] = await stack.sql('select email, pending_email from customer where customer_reference = ?', [shopper.reference]);
    expect(row).toEqual({ email: shopper.email, pending_email: null });
  });

  it('drops a pending change when the current email is sent again (a mistyped address is taken back)', async () => {
    const shopper = await registerShopper(stack);
    const mistyped = uniqueEmail('mistyped');
    await patchEmail(shopper, mistyped);
    const token = tokenFromMail(await stack.smtp.waitForMailTo(mistyped));
    const back = await patchEmail(shopper, shopper.email.toUpperCase());
    expect(back.status).toBe(200);
    expect(back.body.data.attributes.email).toBe(shopper.email.toUpperCase());
    expect(back.body.meta).toBeUndefined();
    expect((await confirm(token)).body).toEqual(INVALID_TOKEN);
    expect((await logIn(stack, shopper.email, shopper.password)).status).toBe(201);
  });

  it('a restore key mailed to the old address stops working once the email has changed', async () => {
    const shopper = await registerShopper(stack);
    await stack.http().post('/customer-forgotten-password').send(doc('customer-forgotten-password', { email: shopper.email })).expect(204);
    const restoreMail = await waitFor(() => stack.smtp.mailsTo(shopper.email).find((m) => m.text.includes('/password/restore?token=')), {
      what: 'the restore mail',
    });
    const fresh = uniqueEmail('moved.on');
    await patchEmail(shopper, fresh);
    expect((await confirm(tokenFromMail(await stack.smtp.waitForMailTo(fresh)))).status).toBe(204);
    const restore = await stack
      .http()
      .patch('/customer-restore-password/mine')
      .send(doc('customer-restore-password', { restorePasswordKey: tokenFromMail(restoreMail), password: 'Other-Horse8!x', confirmPassword: 'Other-Horse8!x' }));
    expect(restore.body).toEqual(glueError(422, '415', 'Restore password key is not valid.'));
    expect((await logIn(stack, fresh, shopper.password)).status).toBe(201);
  });

  it('refuses unknown and expired tokens with 422 423', async () => {
    const shopper = await registerShopper(stack);
    expect((await confirm('made-up')).body).toEqual(INVALID_TOKEN);
    const wanted = uniqueEmail('late');
    await patchEmail(shopper, wanted);
    const token = tokenFromMail(await stack.smtp.waitForMailTo(wanted));
    await stack.sql(`update customer set email_change_expires_at = now() - interval '1 second' where customer_reference = ?`, [shopper.reference]);
    expect((await confirm(token)).body).toEqual(INVALID_TOKEN);
  });
});

describe('email change without verification (default, as in Glue)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('applies the new email at once, and logins use it', async () => {
    const shopper = await registerShopper(stack);
    const fresh = uniqueEmail('moved');
    const moved = await stack.http().patch(`/customers/${shopper.reference}`).send(doc('customers', { email: fresh })).set(bearer(shopper.accessToken));
    expect(moved.status).toBe(200);
    expect(moved.body.data.attributes.email).toBe(fresh);
    expect(moved.body.meta).toBeUndefined();
    expect((await logIn(stack, fresh, shopper.password)).status).toBe(201);
    expect((await logIn(stack, shopper.email, shopper.password)).status).toBe(401);
    const notice = await waitFor(
      () => stack.smtp.mailsTo(shopper.email).find((m) => m.subject === 'The email address of your account was changed'),
      { what: 'the notice to the former address' },
    );
    expect(notice.text).toContain(fresh);
    expect(stack.smtp.mailsTo(fresh)).toHaveLength(0);
  });
});
