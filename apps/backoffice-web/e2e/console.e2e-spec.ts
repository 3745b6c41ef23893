/// <reference lib="dom" />
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SalesFacade } from '@patron/sales';
import { UserFacade } from '@patron/user';
import { doc, startStack, TestStack } from '../../../test/support/stack';
import { waitFor } from '../../../test/support/wait-for';
import { chromiumAvailable, launchChromium, screenshots } from './browser';

// The back-office console in headless Chromium against the real back-office API on PostgreSQL, served the way
// `npm start` serves it (the console built into dist/backoffice-web by bin/build.js, which the test setup runs).
jest.setTimeout(180_000);

const PASSWORD = 'Staff-Password-9!';
const describeInBrowser = chromiumAvailable() ? describe : describe.skip;

describeInBrowser('back-office console', () => {
  let stack: TestStack;
  let browser: Browser;
  let page: Page;
  let base: string;
  let token: string;
  const people: Record<string, string> = {};
  const shot = screenshots(join(__dirname, '../../..'));
  const api = () => stack.backofficeHttp();
  const as = () => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    // With the postal-code check on, so that the address form shows a field error from the API.
    stack = await startStack({ worker: false, backoffice: true, env: { ADDRESS_POSTAL_CODE_CHECK: 'true' } });
    await stack.app.get(UserFacade).create({ email: 'admin@shop.test', name: 'Ada Admin', role: 'admin', password: PASSWORD });
    token = (await api().post('/api/auth/login').send({ email: 'admin@shop.test', password: PASSWORD })).body.accessToken;
    const customers = [
      { salutation: 'Ms', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', locale: 'en_US' },
      { salutation: 'Dr', firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com', phone: '+1 555 0100' },
      { salutation: 'Mr', firstName: 'Charles', lastName: 'Babbage', email: 'charles@example.com', company: 'Difference Engines Ltd' },
      { salutation: 'Mr', firstName: 'Alan', lastName: 'Turing', email: 'alan@example.com' },
      { firstName: 'Jürgen', lastName: 'Müller', email: 'juergen@example.com', locale: 'de_DE' },
    ];
    for (const customer of customers) {
      const created = await api().post('/api/customers').set(as()).send(customer);
      expect(created.status).toBe(201);
      people[customer.lastName] = created.body.data.reference;
    }
    // One shopper who registered in the storefront and has not confirmed the email yet.
    const registered = await stack.http().post('/customers').send(doc('customers', {
      salutation: 'Ms', firstName: 'Katherine', lastName: 'Johnson', email: 'katherine@example.com', gender: 'Female',
      password: 'Orbital-Mechanics-62!', confirmPassword: 'Orbital-Mechanics-62!', acceptedTerms: true,
    }));
    expect(registered.status).toBe(201);
    const order = (line: number, order_reference: string, created_at: string, status: string, grand_total: string, item_count: string) =>
      ({ line, order_reference, customer_reference: people.Lovelace, created_at, status, currency: 'EUR', grand_total, item_count });
    const orders = await stack.app.get(SalesFacade).importOrders([
      order(2, 'ORD-1001', '2024-03-02T10:00:00Z', 'delivered', '12990', '2'),
      order(3, 'ORD-1002', '2024-05-17T15:30:00Z', 'shipped', '4550', '1'),
    ]);
    expect(orders.imported).toBe(true);
    expect((await api().post('/api/customer-groups').set(as()).send({ name: 'VIP', description: 'Top customers' })).status).toBe(201);
    expect((await api().post('/api/customer-groups').set(as()).send({ name: 'Wholesale' })).status).toBe(201);

    await stack.backoffice!.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(stack.backoffice!.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('serves the console at / and leaves the API, the OpenAPI UI and unknown paths alone', async () => {
    const index = await fetch(`${base}/customers/DE--1`);
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(await index.text()).toContain('<div id="root"></div>');
    expect((await fetch(`${base}/api/status`)).status).toBe(200);
    expect((await fetch(`${base}/api/docs.json`)).status).toBe(200);
    expect((await fetch(`${base}/api/customers`)).status).toBe(401);
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${base}/nothing-here`)).status).toBe(404);
  });

  it('logs in with the keyboard', async () => {
    await page.goto(`${base}/customers`);
    await page.waitForURL(/\/login\?next=%2Fcustomers$/);
    await page.getByRole('heading', { name: 'Patron back office' }).waitFor();
    await page.getByLabel('Email').focus();
    await page.keyboard.type('admin@shop.test');
    await page.keyboard.press('Tab');
    await page.keyboard.type('wrong password');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').getByText('Invalid email or password.').waitFor();
    await shot(page, 'login', false);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Customers' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/customers');
  });

  it('opens the queue dashboard from its link (admins only), which a signed-out browser no longer can', async () => {
    await page.getByRole('link', { name: 'Queues' }).click();
    await page.waitForURL(`${base}/admin/queues`);
    await page.getByText('mail-dead-letter').first().waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: 'Customers' }).waitFor();

    const other = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    try {
      await other.goto(`${base}/login`);
      await other.getByLabel('Email').fill('admin@shop.test');
      await other.getByLabel('Password').fill(PASSWORD);
      await other.keyboard.press('Enter');
      await other.getByRole('heading', { name: 'Customers' }).waitFor();
      expect((await other.request.get(`${base}/admin/queues`)).status()).toBe(200);
      await other.getByRole('button', { name: 'Sign out' }).click();
      await other.getByRole('heading', { name: 'Patron back office' }).waitFor();
      await waitFor(async () => (await other.request.get(`${base}/admin/queues`)).status() === 401, { what: 'the dashboard cookie to be gone' });
    } finally {
      await other.close();
    }
  });

  it('lists, sorts and searches customers', async () => {
    await page.getByText('1–6 of 6 customers').waitFor();
    expect(await page.locator('tbody tr').count()).toBe(6);
    await page.locator('tbody tr', { hasText: 'Katherine Johnson' }).getByText('Unverified').waitFor();
    await page.getByRole('button', { name: 'Email' }).click();
    await page.waitForURL(/sort=email/);
    await page.locator('th[aria-sort="ascending"]', { hasText: 'Email' }).waitFor();
    await page.locator('tbody tr').first().getByRole('cell', { name: 'ada@example.com' }).waitFor();
    await shot(page, 'customers');

    await page.getByRole('searchbox', { name: 'Search customers' }).fill('muller');
    await page.keyboard.press('Enter');
    await page.getByText('1–1 of 1 customers').waitFor();
    await page.locator('tbody tr').getByText('Jürgen Müller').waitFor();

    await page.getByLabel('Status').selectOption('unverified');
    await page.getByText(/No customer matches this search/).waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();

    await page.getByRole('searchbox', { name: 'Search customers' }).fill('lovelace');
    await page.keyboard.press('Enter');
    await page.getByText('1–1 of 1 customers').waitFor();
  });

  it('pages through a search with the keyset cursor', async () => {
    for (let i = 1; i <= 27; i++) {
      const n = String(i).padStart(2, '0');
      expect((await api().post('/api/customers').set(as()).send({ firstName: `Pat ${n}`, lastName: 'Pager', email: `pager${n}@example.com` })).status).toBe(201);
    }
    const search = page.getByRole('searchbox', { name: 'Search customers' });
    const url = page.url();
    await search.fill('pager');
    await page.keyboard.press('Enter');
    await page.getByText('1–25 of 27 customers').waitFor();
    await page.getByRole('button', { name: 'Next →' }).click();
    await page.getByText('26–27 of 27 customers').waitFor();
    expect(new URL(page.url()).searchParams.get('after')).toBeTruthy();
    expect(await page.locator('tbody tr').count()).toBe(2);
    expect(await page.getByRole('button', { name: 'Next →' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: '← Previous' }).click();
    await page.getByText('1–25 of 27 customers').waitFor();
    await page.locator('tbody tr').first().getByText('Pat 01 Pager').waitFor();
    await page.goto(url);
    await page.getByText('1–1 of 1 customers').waitFor();
  });

  it('opens a customer and adds and edits a note', async () => {
    await page.getByRole('link', { name: people.Lovelace, exact: true }).click();
    await page.getByRole('heading', { name: /Ada Lovelace/ }).waitFor();
    await page.getByLabel('New note').fill('Prefers to be called in the morning.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByText('Prefers to be called in the morning.').waitFor();
    await page.getByRole('button', { name: /^Edit note from/ }).click();
    await page.getByLabel('Edit note').fill('Prefers to be called before 10 am.');
    await page.getByRole('button', { name: 'Save note' }).click();
    await page.getByText('Prefers to be called before 10 am.').waitFor();
    await page.locator('.notes').getByText('edited').waitFor();
  });

  it('edits the profile, showing the API\'s field errors next to the fields', async () => {
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await page.getByRole('heading', { name: 'Edit Ada Lovelace' }).waitFor();
    await page.getByLabel('Email').fill('not an email');
    await page.getByLabel('Last name').fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('.field.invalid', { hasText: 'Email' }).getByText('must be a valid email address').waitFor();
    await page.locator('.field.invalid', { hasText: 'Last name' }).getByText('must not be blank').waitFor();
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'customer-edit-errors');
    await page.getByLabel('Email').fill('ada.king@example.com');
    await page.getByLabel('Last name').fill('King');
    await page.getByLabel('Phone').fill('+44 20 7946 0018');
    await page.getByLabel('Date of birth').fill('1815-12-10');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: /Ada King/ }).waitFor();
    await page.getByText('ada.king@example.com').first().waitFor();
  });

  it('adds an address with the country picker', async () => {
    await page.getByRole('link', { name: 'Add address' }).click();
    await page.getByRole('heading', { name: /New address/ }).waitFor();
    await page.getByLabel('Street').fill('Unter den Linden');
    await page.getByLabel('House number').fill('77');
    await page.getByLabel('Postal code').fill('1');
    await page.getByLabel('City').fill('Berlin');
    await page.getByLabel('Country').selectOption({ label: 'Germany' });
    await page.getByRole('button', { name: 'Add address' }).click();
    await page.locator('.field.invalid', { hasText: 'Postal code' }).locator('.field-error').waitFor();
    await page.getByLabel('Postal code').fill('10117');
    await page.getByRole('button', { name: 'Add address' }).click();
    await page.getByRole('heading', { name: /Ada King/ }).waitFor();
    const card = page.locator('.addresses li', { hasText: 'Unter den Linden 77' });
    await card.getByText('10117 Berlin').waitFor();
    await card.getByText('Germany').waitFor();
    await card.getByText('Default billing').waitFor();
  });

  it('puts the customer in a group; the timeline shows it all', async () => {
    await page.getByLabel('Add to group').selectOption({ label: 'VIP' });
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.locator('.chips').getByRole('link', { name: 'VIP' }).waitFor();
    const timeline = page.locator('.timeline');
    await timeline.getByText('Added to a group').waitFor();
    await timeline.getByText('Address added').waitFor();
    await timeline.getByText('Profile updated').first().waitFor();
    await timeline.getByText('Ada Admin (staff)').first().waitFor();
    await shot(page, 'customer');

    const { body } = await api().get(`/api/customers/${people.Lovelace}`).set(as());
    expect(body.data).toMatchObject({ lastName: 'King', email: 'ada.king@example.com', phone: '+44 20 7946 0018', dateOfBirth: '1815-12-10' });
    expect(body.data.addresses).toEqual([expect.objectContaining({ address1: 'Unter den Linden', zipCode: '10117', iso2Code: 'DE' })]);
    expect(body.data.groups.map((g: { name: string }) => g.name)).toEqual(['VIP']);
    expect(body.data.notes).toEqual([expect.objectContaining({ text: 'Prefers to be called before 10 am.', authorName: 'Ada Admin' })]);
  });

  it('deletes another customer after a confirmation that names them', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('searchbox', { name: 'Search customers' }).fill('babbage');
    await page.keyboard.press('Enter');
    await page.getByText('1–1 of 1 customers').waitFor();
    await page.getByRole('link', { name: people.Babbage, exact: true }).click();
    await page.getByRole('heading', { name: /Charles Babbage/ }).waitFor();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Charles Babbage?' });
    await dialog.getByText(/This anonymizes Charles Babbage/).waitFor();
    await shot(page, 'customer-delete', false);
    // Escape cancels and gives the focus back to the button; the customer is still there.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Delete');
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('button', { name: 'Delete Charles Babbage' }).click();
    await page.waitForURL(`${base}/customers`);
    await page.getByRole('searchbox', { name: 'Search customers' }).fill('babbage');
    await page.keyboard.press('Enter');
    await page.getByText(/No customer matches this search/).waitFor();
    expect((await api().get(`/api/customers/${people.Babbage}`).set(as())).status).toBe(404);
  });

  it('creates a customer who gets a mail to set a password', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('link', { name: 'New customer' }).click();
    await page.getByRole('heading', { name: 'New customer' }).waitFor();
    await page.getByLabel('Salutation').selectOption('Mrs');
    await page.getByLabel('First name').fill('Hedy');
    await page.getByLabel('Last name').fill('Lamarr');
    await page.getByLabel('Email').fill('grace@example.com');
    // The locale is a choice of the configured ones (GET /api/settings), starting at the default.
    const locale = page.getByLabel('Locale');
    await locale.locator('option', { hasText: 'de_DE' }).waitFor({ state: 'attached' });
    expect(await locale.inputValue()).toBe('en_US');
    expect(await locale.locator('option').allTextContents()).toEqual(['en_US', 'de_DE']);
    await locale.selectOption('de_DE');
    expect(await page.getByLabel(/Send password token/).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Create customer' }).click();
    await page.locator('.field.invalid', { hasText: 'Email' }).getByText('A customer with this email already exists').waitFor();
    await page.getByLabel('Email').fill('hedy@example.com');
    await page.getByRole('button', { name: 'Create customer' }).click();
    await page.getByRole('heading', { name: /Hedy Lamarr/ }).waitFor();
    const reference = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]);
    const mails = await stack.sql('select 1 from outbox_message where subject = ? and type = ?', [reference, 'mail.customer-account-created']);
    expect(mails).toHaveLength(1);
    expect((await api().get(`/api/customers/${reference}`).set(as())).body.data.locale).toBe('de_DE');
  });

  it('creates a group and assigns members to it', async () => {
    await page.getByRole('link', { name: 'Groups' }).click();
    await page.getByRole('heading', { name: 'Customer groups' }).waitFor();
    await page.locator('tbody tr', { hasText: 'VIP' }).getByText('1', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'New group' }).click();
    await page.getByRole('button', { name: 'Create group' }).click();
    await page.locator('.field.invalid', { hasText: 'Name' }).getByText('must not be blank').waitFor();
    await page.getByLabel('Name').fill('vip');
    await page.getByRole('button', { name: 'Create group' }).click();
    await page.locator('.field.invalid', { hasText: 'Name' }).locator('.field-error').waitFor();
    await page.getByLabel('Name').fill('Newsletter');
    await page.getByLabel('Description').fill('Wants the monthly newsletter');
    await page.getByRole('button', { name: 'Create group' }).click();
    await page.getByRole('heading', { name: 'Newsletter' }).waitFor();
    await page.getByLabel('Find customers to add').fill('hopper');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('button', { name: `Add ${people.Hopper}` }).click();
    await page.getByText('1 added.').waitFor();
    await page.locator('.members li', { hasText: 'Grace Hopper' }).getByRole('link', { name: people.Hopper }).waitFor();
    await page.getByLabel('Add by reference').fill(`${people.Turing}, DE--999999`);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByText('1 added. Not found: DE--999999.').waitFor();
    await page.getByRole('heading', { name: 'Members (2)' }).waitFor();
    await shot(page, 'group');
    await page.getByRole('button', { name: `Remove ${people.Turing}` }).click();
    await page.getByRole('heading', { name: 'Members (1)' }).waitFor();
    await page.getByLabel('Description').fill('Monthly newsletter');
    await page.getByRole('button', { name: 'Save group' }).click();
    await page.getByText('Group saved.').waitFor();
    await page.getByRole('link', { name: 'Groups', exact: true }).first().click();
    await page.locator('tbody tr', { hasText: 'Newsletter' }).getByText('Monthly newsletter').waitFor();
    await shot(page, 'groups');
  });

  it('changes the guest access settings', async () => {
    await page.getByRole('link', { name: 'Guest access' }).click();
    await page.getByRole('heading', { name: 'Guest access' }).waitFor();
    const first = page.locator('.access-row input[type="checkbox"]').first();
    const before = await first.isChecked();
    await first.setChecked(!before);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Guest access saved.').waitFor();
    const { body } = await api().get('/api/customer-access').set(as());
    expect(body.data[0].isRestricted).toBe(!before);
    await shot(page, 'access');
  });

  it('lets admins change staff roles and disable and enable staff, which applies to their sessions at once', async () => {
    await stack.app.get(UserFacade).create({ email: 'agent@shop.test', name: 'Alan Agent', role: 'agent', password: PASSWORD });
    const agentToken = async () => (await api().post('/api/auth/login').send({ email: 'agent@shop.test', password: PASSWORD })).body.accessToken as string;
    const agent = await agentToken();
    const usersAs = (t: string) => api().get('/api/users').set({ Authorization: `Bearer ${t}` });

    // The agent, signed in in another browser, sees no staff screen.
    const agentPage = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await agentPage.goto(`${base}/login`);
    await agentPage.getByLabel('Email').fill('agent@shop.test');
    await agentPage.getByLabel('Password').fill(PASSWORD);
    await agentPage.keyboard.press('Enter');
    await agentPage.getByRole('heading', { name: 'Customers' }).waitFor();
    expect(await agentPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Staff' }).count()).toBe(0);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Staff' }).click();
    await page.getByRole('heading', { name: 'Staff users' }).waitFor();
    const me = page.locator('tbody tr', { hasText: 'Ada Admin' });
    await me.getByText('(you)').waitFor();
    expect(await me.getByRole('combobox', { name: 'Role of Ada Admin' }).isDisabled()).toBe(true);
    expect(await me.getByRole('button').count()).toBe(0);

    const row = page.locator('tbody tr', { hasText: 'Alan Agent' });
    await row.getByRole('combobox', { name: 'Role of Alan Agent' }).selectOption('admin');
    await page.getByText('Alan Agent is now admin.').waitFor();
    expect((await usersAs(agent)).status).toBe(200);
    await row.getByRole('combobox', { name: 'Role of Alan Agent' }).selectOption('agent');
    await page.getByText('Alan Agent is now agent.').waitFor();
    expect((await usersAs(agent)).status).toBe(403);

    await row.getByRole('button', { name: 'Disable Alan Agent' }).click();
    const dialog = page.getByRole('dialog', { name: 'Disable Alan Agent?' });
    await dialog.getByText(/signed out everywhere at once/).waitFor();
    await dialog.getByRole('button', { name: 'Disable Alan Agent' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.getByText('Disabled', { exact: true }).waitFor();
    expect((await api().get('/api/customers').set({ Authorization: `Bearer ${agent}` })).status).toBe(401);
    expect((await api().post('/api/auth/login').send({ email: 'agent@shop.test', password: PASSWORD })).status).toBe(401);
    // The agent's console finds its token refused at the next request and goes back to the login.
    await agentPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Groups' }).click();
    await agentPage.getByRole('heading', { name: 'Patron back office' }).waitFor();
    await agentPage.close();
    await shot(page, 'users');

    await row.getByRole('button', { name: 'Enable Alan Agent' }).click();
    await page.getByText('Alan Agent can log in again.').waitFor();
    await row.getByText('Enabled', { exact: true }).waitFor();
    expect((await usersAs(await agentToken())).status).toBe(403);
    const { body } = await usersAs(token);
    expect(body.data.find((u: { email: string }) => u.email === 'agent@shop.test')).toMatchObject({ role: 'agent', disabled: false });
  });

  it('is readable at phone width, long names included', async () => {
    const long = await api().post('/api/customers').set(as()).send({ firstName: 'Wolfeschlegelsteinhausenbergerdorff', lastName: 'Hubert-Blaine', email: 'hubert.blaine.wolfeschlegelsteinhausenbergerdorff@example.com' });
    expect(long.status).toBe(201);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/customers?q=wolfe`);
    await page.getByText('1–1 of 1 customers').waitFor();
    const tableOverflow = await page.evaluate(() => { const wrap = document.querySelector('.table-wrap')!; return wrap.scrollWidth - wrap.clientWidth; });
    expect(tableOverflow).toBeLessThanOrEqual(0);
    await page.locator('tbody tr').getByText('Verified').waitFor();
    await page.goto(`${base}/customers/${encodeURIComponent(long.body.data.reference)}`);
    await page.getByRole('heading', { name: /Wolfeschlegelsteinhausenbergerdorff/ }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    expect((await api().delete(`/api/customers/${long.body.data.reference}`).set(as())).status).toBe(204);

    await page.goto(`${base}/customers`);
    await page.getByText(/of \d+ customers/).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, 'phone-customers');
    await page.goto(`${base}/customers/${encodeURIComponent(people.Lovelace)}`);
    await page.getByRole('heading', { name: /Ada King/ }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await shot(page, 'phone-customer');
  });
});
