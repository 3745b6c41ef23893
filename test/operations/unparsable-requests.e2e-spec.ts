import { Agent } from 'node:http';
import { listen, rawRequest } from '../reliability/support';
import { startStack, TestStack } from '../support/stack';

/** Requests Node's HTTP parser refuses before the application runs still get an answer in each API's error shape. */
describe('Requests refused by the HTTP parser', () => {
  let stack: TestStack;
  let storefront: string;
  let backoffice: string;
  let agent: Agent;

  beforeAll(async () => {
    stack = await startStack({ worker: false, backoffice: true });
    storefront = await listen(stack.app);
    backoffice = await listen(stack.backoffice!);
    agent = new Agent({ keepAlive: false });
  });
  afterAll(async () => {
    agent?.destroy();
    await stack?.close();
  });

  const oversized = { Authorization: `Bearer ${'a'.repeat(20_000)}` };

  it('storefront: headers over the size limit get 431 in the Glue error shape', async () => {
    const response = await rawRequest(storefront, agent, { method: 'GET', path: '/customers', headers: oversized });
    expect(response.status).toBe(431);
    expect(response.headers['content-type']).toBe('application/vnd.api+json');
    expect(response.json).toEqual({ errors: [{ status: 431, code: '000', detail: 'Request Header Fields Too Large.' }] });
  });

  it('back office: headers over the size limit get 431 in its error shape', async () => {
    const response = await rawRequest(backoffice, agent, { method: 'GET', path: '/api/customers', headers: oversized });
    expect(response.status).toBe(431);
    expect(response.json).toEqual({ statusCode: 431, error: 'Request Header Fields Too Large', message: 'Request Header Fields Too Large.' });
  });

  it('answers HEAD without a body', async () => {
    const response = await rawRequest(storefront, agent, { method: 'HEAD', path: '/customers', headers: oversized });
    expect(response.status).toBe(431);
    expect(response.text).toBe('');
  });
});
