import { INestApplication } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { Agent, request as httpRequest } from 'node:http';
import { doc, TestStack } from '../support/stack';

export const PASSWORD = 'Correct-Horse7!';

let counter = 0;
/** An email no other test of this run uses. */
export const uniqueEmail = (tag: string) => `${tag}.${process.pid}.${Date.now().toString(36)}.${++counter}@example.com`;

export const registration = (email: string, overrides: Record<string, unknown> = {}) =>
  doc('customers', {
    salutation: 'Ms', firstName: 'Ada', lastName: 'Lovelace', email, gender: 'Female',
    password: PASSWORD, confirmPassword: PASSWORD, acceptedTerms: true, ...overrides,
  });

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
  ms: number;
}

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent as is (a string is sent as UTF-8, a Buffer byte for byte). */
  body?: string | Buffer;
  timeoutMs?: number;
}

/**
 * Sends one HTTP request over a real socket, byte for byte what it is given (supertest and fetch would refuse or
 * repair malformed paths and bodies). Rejects only when no answer came within `timeoutMs`.
 */
export const rawRequest = (baseUrl: string, agent: Agent, r: RawRequest): Promise<RawResponse> =>
  new Promise((resolve, reject) => {
    const started = Date.now();
    const url = new URL(baseUrl);
    const body = r.body === undefined ? undefined : Buffer.isBuffer(r.body) ? r.body : Buffer.from(r.body, 'utf8');
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: r.method,
        path: r.path,
        agent,
        headers: { ...(body ? { 'Content-Length': String(body.length) } : {}), ...r.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json, ms: Date.now() - started });
        });
      },
    );
    const timeoutMs = r.timeoutMs ?? 30_000;
    const timer = setTimeout(() => req.destroy(new Error(`${r.method} ${r.path}: no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end(body);
  });

/** Makes the stack's app listen on a loopback port; returns its base URL. */
export const listen = async (app: INestApplication): Promise<string> => {
  await app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
};

/** Runs `task(i)` for i in [0, count) with at most `concurrency` at a time; resolves with the results in order. */
export const pool = async <T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> => {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
};

/** The Glue error shape: `{"errors":[{"code":"<string>","status":<int = HTTP status>,"detail":"<string>"}]}`, nothing else. */
export const isGlueError = (body: unknown, status: number): boolean => {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const { errors, ...rest } = body as { errors?: unknown };
  if (Object.keys(rest).length || !Array.isArray(errors) || errors.length === 0) return false;
  return errors.every((e) => {
    if (typeof e !== 'object' || e === null) return false;
    const keys = Object.keys(e).sort().join(',');
    const { code, status: s, detail } = e as Record<string, unknown>;
    return keys === 'code,detail,status' && typeof code === 'string' && code.length > 0 && s === status && typeof detail === 'string' && detail.length > 0;
  });
};

/** Text that must never reach a client: stack frames, SQL, driver and ORM internals. */
export const LEAK_PATTERNS: RegExp[] = [
  /\bat [\w.<>$]+ \(/, // stack frame "at fn (file:line)"
  /\bat (?:async )?\/?[\w/.-]+\.(?:js|ts):\d+/, // stack frame without a function name
  /node_modules/,
  /\.(?:js|ts):\d+:\d+/,
  /\b(?:select|insert into|update|delete from)\b[\s\S]{0,80}\b(?:from|where|set|values|returning)\b/i,
  /"outbox_message"|"customer"\.|customer_address|refresh_token/i,
  /\b(?:Postgre(?:SQL|s)|pg_|sqlstate|MikroORM|knex|TypeError|ReferenceError|SyntaxError: Unexpected)\b/i,
  /violates (?:unique|foreign key|check|not-null) constraint/i,
  /duplicate key value/i,
];

export const leaks = (text: string): RegExp | undefined => LEAK_PATTERNS.find((p) => p.test(text));

export const registrationAttempt = (stack: TestStack, email: string) => stack.http().post('/customers').send(registration(email));

/**
 * A TCP proxy in front of a server (PostgreSQL) that can be partitioned: while `blackhole` is on, new connections
 * are accepted and then never answered, as when packets to the server are dropped; existing ones are cut.
 */
export class PartitionableProxy {
  blackhole = false;
  private readonly sockets = new Set<import('node:net').Socket>();
  private server?: import('node:net').Server;
  port = 0;

  constructor(private readonly targetHost: string, private readonly targetPort: number) {}

  async start(): Promise<this> {
    const net = await import('node:net');
    this.server = net.createServer((client) => {
      this.sockets.add(client);
      client.on('close', () => this.sockets.delete(client));
      client.on('error', () => undefined);
      if (this.blackhole) return; // accepted, never answered
      const upstream = net.connect(this.targetPort, this.targetHost);
      this.sockets.add(upstream);
      upstream.on('close', () => {
        this.sockets.delete(upstream);
        client.destroy();
      });
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** Drops every open connection and swallows new ones until `heal()`. */
  partition(): void {
    this.blackhole = true;
    for (const s of this.sockets) s.destroy();
  }

  /**
   * The server hangs: open connections stay open but nothing more passes either way, and new ones are never
   * answered, until `heal()`.
   */
  freeze(): void {
    this.blackhole = true;
    for (const s of this.sockets) {
      s.unpipe();
      s.pause();
    }
  }

  heal(): void {
    this.blackhole = false;
    for (const s of this.sockets) s.destroy();
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
