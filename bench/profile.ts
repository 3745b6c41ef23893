/**
 * `GET /customers/{ref}` with a valid token at 64 connections against a bare baseline in the same process (node:http,
 * jsonwebtoken verify with the same secret, audience and issuer, one `pg` query by reference selecting the same
 * columns, JSON:API out), in alternating rounds; prints requests/s, p99, the ratio of medians (goal ≥ 0.5, p99 ≤ 25 ms)
 * and the database queries per request, counted on `pg`'s client (goal 1, ≤ 2 with `include=addresses`).
 */
import { createSecretKey } from 'node:crypto';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import * as jwt from 'jsonwebtoken';
import { Client, Pool } from 'pg';
import { Argon2idPasswordHasher, PasswordConfig } from '@patron/password';
import { load } from './support/load';
import { median, printTable } from './support/stats';
import { BENCH_JWT_SECRET, importCustomers, JSON_API, startStorefront } from './support/storefront';
import { runBenchmark } from './support/run-benchmark';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const CONNECTIONS = 64;

let queries = 0;
const clientQuery = Client.prototype.query;
(Client.prototype as { query: unknown }).query = function (this: Client, ...args: unknown[]) {
  queries++;
  return (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
};

const SECRET_KEY = createSecretKey(Buffer.from(BENCH_JWT_SECRET));
const COLUMNS = 'customer_reference, salutation, first_name, last_name, email, gender, date_of_birth, phone, locale, created_at, updated_at';

const main = async () => {
  const storefront = await startStorefront('profile', { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const pool = new Pool({ connectionString: storefront.db.url, max: 10 });
  const baseline = createServer(async (req, res) => {
    try {
      const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      const claims = jwt.verify(token, SECRET_KEY, { algorithms: ['HS256'], audience: audience!, issuer: issuer! }) as jwt.JwtPayload;
      const reference = decodeURIComponent((req.url ?? '').split('?')[0].slice('/customers/'.length));
      const { rows } = await pool.query(`select ${COLUMNS} from customer where customer_reference = $1 and anonymized_at is null`, [reference]);
      if (claims.sub !== reference || !rows[0]) {
        res.writeHead(404, JSON_API).end(JSON.stringify({ errors: [{ code: '402', status: 404, detail: 'Customer not found.' }] }));
        return;
      }
      const r = rows[0];
      const attributes = {
        salutation: r.salutation, firstName: r.first_name, lastName: r.last_name, email: r.email, gender: r.gender, dateOfBirth: r.date_of_birth,
        phone: r.phone, locale: r.locale, createdAt: r.created_at, updatedAt: r.updated_at,
      };
      res.writeHead(200, JSON_API).end(JSON.stringify({ data: { type: 'customers', id: reference, attributes, links: { self: `/customers/${reference}` } } }));
    } catch {
      res.writeHead(401, JSON_API).end('{"errors":[{"status":401,"code":"001"}]}');
    }
  });
  let audience: string | undefined;
  let issuer: string | undefined;
  try {
    const hash = await new Argon2idPasswordHasher(new PasswordConfig()).hash('Known-Password1!');
    await importCustomers(storefront.app, 10, hash);
    const login = await fetch(`${storefront.base}/access-tokens`, {
      method: 'POST', headers: JSON_API,
      body: JSON.stringify({ data: { type: 'access-tokens', attributes: { username: 'bench0@bench.test', password: 'Known-Password1!' } } }),
    });
    const token: string = ((await login.json()) as { data: { attributes: { accessToken: string } } }).data.attributes.accessToken;
    const decoded = jwt.decode(token) as jwt.JwtPayload;
    audience = decoded.aud as string;
    issuer = decoded.iss;
    const reference = decoded.sub!;
    await new Promise<void>((resolve) => baseline.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(baseline.address() as AddressInfo).port}`;
    const headers = { authorization: `Bearer ${token}`, accept: 'application/vnd.api+json' };
    const path = `/customers/${encodeURIComponent(reference)}`;

    const perRequest = async (url: string, p: string) => {
      for (let i = 0; i < 5; i++) await (await fetch(url + p, { headers })).arrayBuffer();
      const before = queries;
      let status = 0;
      for (let i = 0; i < 100; i++) {
        const response = await fetch(url + p, { headers });
        status = response.status;
        await response.arrayBuffer();
      }
      return { perRequest: (queries - before) / 100, status };
    };
    const counts = [
      ['profile', await perRequest(storefront.base, path)],
      ['profile?include=addresses', await perRequest(storefront.base, `${path}?include=addresses`)],
      ['baseline', await perRequest(baseUrl, path)],
    ] as const;

    const rows: (string | number)[][] = [['round', 'profile req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'baseline req/s', 'p99 ms', 'ratio']];
    const app: number[] = [];
    const base: number[] = [];
    const p99s: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const a = await load(storefront.base, CONNECTIONS, SECONDS, [{ method: 'GET', path }], headers);
      const b = await load(baseUrl, CONNECTIONS, SECONDS, [{ method: 'GET', path }], headers);
      app.push(a.rps);
      base.push(b.rps);
      p99s.push(a.p99);
      rows.push([String(round), a.rps, a.p50, a.p99, String(a.non2xx + a.errors), b.rps, b.p99, a.rps / b.rps]);
    }
    rows.push(['median', median(app), '', median(p99s), '', median(base), '', median(app) / median(base)]);
    console.log(`GET ${path} at ${CONNECTIONS} connections, ${SECONDS} s each, alternating with the baseline`);
    printTable(rows);
    console.log(`ratio of medians profile/baseline: ${(median(app) / median(base)).toFixed(2)} (goal ≥ 0.5); median p99 ${median(p99s)} ms (goal ≤ 25)`);
    for (const [label, c] of counts) console.log(`database queries per request, ${label}: ${c.perRequest.toFixed(2)} (status ${c.status})`);
  } finally {
    baseline.close();
    await pool.end();
    await storefront.close();
  }
};

runBenchmark(main);
