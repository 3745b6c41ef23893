import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import { INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Command } from 'commander';
import { join } from 'node:path';
import { closeOnSignal, loadEnvOrExit, migrateOnStart, openDatabaseOrExit } from '@patron/config';
import { CustomerConfig, CustomerFacade, isValidEmail, UNPRINTABLE_CHARACTERS } from '@patron/customer';
import { DomainError } from '@patron/shared-kernel';
import { USER_ROLES, UserChanges, UserFacade, UserRole, UserView } from '@patron/user';
import { formatUserList, userByEmail } from './commands/users.command';
import { readPassword } from './commands/read-password';
import { OutboxFacade } from '@patron/outbox';
import { AuthFacade } from '@patron/auth';
import { Argon2idPasswordHasher, PasswordConfig } from '@patron/password';
import { CliModule } from './cli.module';
import { formatImportSummary, ImportFileError, importCustomersFromFile } from './commands/import-customers.command';
import { runMailSink } from './commands/mail-sink.command';
import { formatOutboxStatus, parseSince, sendTestMail } from './commands/outbox-ops.command';
import { DEMO_PASSWORD, demoCustomerRows, demoOrderRows } from './commands/demo-customers';
import { formatOrderImportSummary, importOrdersFromFile } from './commands/import-orders.command';
import { SalesFacade } from '@patron/sales';

/** Runs `work` with the core modules on the configured database (migrated first unless MIGRATE_ON_START=false). */
const withApp = async <T>(work: (app: INestApplicationContext) => Promise<T>, migrate = true): Promise<T> => {
  const env = loadEnvOrExit();
  const database = await openDatabaseOrExit(env, false);
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(env, database), { logger: ['error', 'warn'] });
  try {
    if (migrate) await migrateOnStart(app, env, database);
    return await work(app);
  } finally {
    await app.close();
    await database.close();
  }
};

// Commands print their own results; Nest's log lines only for warnings and errors.
Logger.overrideLogger(['error', 'warn']);

const program = new Command('patron').description('Patron command line').showHelpAfterError();

program
  .command('migrate')
  .description('apply pending database migrations (exclusively: advisory lock, or the embedded directory lock)')
  .action(async () => {
    const env = loadEnvOrExit();
    const database = await openDatabaseOrExit(env, false);
    const app = await NestFactory.createApplicationContext(CliModule.forRoot(env, database), { logger: ['error', 'warn'] });
    try {
      const applied = await database.migrate(app.get(MikroORM));
      console.log(applied.length ? `Applied ${applied.join(', ')}` : `${database.description} is up to date.`);
    } finally {
      await app.close();
      await database.close();
    }
  });

program
  .command('import:customers')
  .description("import customers from a CSV file in Spryker's customer import format")
  .argument('<file>', 'CSV with the header customer_reference,locale_name,phone,email,salutation,first_name,last_name,company,gender,date_of_birth,password,registered')
  .option('--skip-invalid', 'import the valid rows and report the invalid ones (default: import nothing when any row is invalid)')
  .action(async (file: string, options: { skipInvalid?: boolean }) => {
    const [summary, doubleOptIn] = await withApp(
      async (app) => [await importCustomersFromFile(app.get(CustomerFacade), file, options.skipInvalid ?? false), app.get(CustomerConfig).doubleOptIn] as const,
    );
    console.log(formatImportSummary(file, summary, doubleOptIn));
    if (!summary.imported) process.exitCode = 1;
  });

program
  .command('import:orders')
  .description('import order history from a CSV file')
  .argument('<file>', 'CSV with the header order_reference,customer_reference,created_at,status,currency,grand_total,item_count (grand_total like 129.90)')
  .option('--skip-invalid', 'import the valid rows and report the invalid ones (default: import nothing when any row is invalid)')
  .action(async (file: string, options: { skipInvalid?: boolean }) => {
    const summary = await withApp((app) => importOrdersFromFile(app.get(SalesFacade), file, options.skipInvalid ?? false));
    console.log(formatOrderImportSummary(file, summary));
    if (!summary.imported) process.exitCode = 1;
  });

program
  .command('demo')
  .description('import 25 generated, confirmed demo customers (references DEMO--1 …) with a few orders each')
  .option('--count <n>', 'how many', '25')
  .action(async (options: { count: string }) => {
    const count = Math.min(Math.max(Number(options.count) || 25, 1), 1000);
    const hash = await new Argon2idPasswordHasher(new PasswordConfig()).hash(DEMO_PASSWORD);
    const rows = demoCustomerRows(count, hash);
    const [summary, orders] = await withApp(async (app) => {
      const customers = await app.get(CustomerFacade).importCustomers(rows, { skipInvalid: true });
      return [customers, await app.get(SalesFacade).importOrders(demoOrderRows(rows), true)] as const;
    });
    console.log(`Demo customers: ${summary.created} created, ${summary.updated} updated, with ${orders.created + orders.updated} orders.`);
    console.log(`Log in as ${rows[0].email} (or any of`);
    console.log(`${rows.slice(1, 3).map((r) => r.email).join(', ')}, …) with the password ${DEMO_PASSWORD}`);
    if (summary.problems.length) console.log(formatImportSummary('the demo set', summary, true));
  });

program
  .command('users:create')
  .description('create a back-office user; the password is read from standard input or asked for, never taken as an argument')
  .requiredOption('--email <email>', 'login email')
  .requiredOption('--name <name>', 'display name (kept on the notes the user writes)')
  .option('--role <role>', `admin (everything) or agent (read customers, add notes)`, 'agent')
  .action(async (options: { email: string; name: string; role: string }) => {
    if (!(USER_ROLES as readonly string[]).includes(options.role)) {
      console.error(`--role must be one of ${USER_ROLES.join(', ')}`);
      process.exitCode = 2;
      return;
    }
    if (!isValidEmail(options.email) || options.email.length > 255) {
      console.error(`--email "${options.email}" is not a valid email address`);
      process.exitCode = 2;
      return;
    }
    // The rules the back office applies when it renames a user.
    const name = options.name.trim();
    if (!name || name.length > 100 || UNPRINTABLE_CHARACTERS.test(name)) {
      console.error('--name must be 1 to 100 characters, without control characters');
      process.exitCode = 2;
      return;
    }
    const password = await readPassword('Password: ');
    try {
      const user = await withApp((app) => app.get(UserFacade).create({ email: options.email, name, role: options.role as UserRole, password }));
      console.log(`Created ${user.role} ${user.email} (id ${user.id}).`);
    } catch (error) {
      if (error instanceof DomainError) {
        console.error(error.message);
        process.exitCode = 1;
        return;
      }
      throw error;
    }
  });

/** Runs a users:… command: a refused change (unknown email, last admin, weak password) is a message and exit code 1. */
const runUserCommand = async (work: () => Promise<void>): Promise<void> => {
  try {
    await work();
  } catch (error) {
    if (error instanceof DomainError) {
      console.error(error.message);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
};

/** Checks `--email` (exit code 2 when it is not an email address). */
const validEmailOption = (email: string): boolean => {
  if (isValidEmail(email)) return true;
  console.error(`--email "${email}" is not a valid email address`);
  process.exitCode = 2;
  return false;
};

program
  .command('users:list')
  .description('list the back-office users with their role and whether they are disabled')
  .action(async () => {
    console.log(formatUserList(await withApp((app) => app.get(UserFacade).list())));
  });

/** users:set-role, users:disable, users:enable: one change to the user with this email. */
const changeUser = (email: string, changes: UserChanges, done: (user: UserView) => string) =>
  runUserCommand(async () => {
    const user = await withApp(async (app) => {
      const users = app.get(UserFacade);
      return users.update((await userByEmail(users, email)).id, changes);
    });
    console.log(done(user));
  });

program
  .command('users:set-role')
  .description('give a back-office user another role; it applies to their current sessions at once')
  .requiredOption('--email <email>', 'login email of the user')
  .requiredOption('--role <role>', 'admin (everything) or agent (read customers, add notes)')
  .action(async (options: { email: string; role: string }) => {
    if (!(USER_ROLES as readonly string[]).includes(options.role)) {
      console.error(`--role must be one of ${USER_ROLES.join(', ')}`);
      process.exitCode = 2;
      return;
    }
    if (!validEmailOption(options.email)) return;
    await changeUser(options.email, { role: options.role as UserRole }, (u) => `${u.email} is now ${u.role}.`);
  });

program
  .command('users:disable')
  .description('disable a back-office user: their sessions end at once and they cannot log in (the last enabled admin cannot be disabled)')
  .requiredOption('--email <email>', 'login email of the user')
  .action(async (options: { email: string }) => {
    if (!validEmailOption(options.email)) return;
    await changeUser(options.email, { disabled: true }, (u) => `Disabled ${u.email}: their sessions ended and they cannot log in.`);
  });

program
  .command('users:enable')
  .description('let a disabled back-office user log in again')
  .requiredOption('--email <email>', 'login email of the user')
  .action(async (options: { email: string }) => {
    if (!validEmailOption(options.email)) return;
    await changeUser(options.email, { disabled: false }, (u) => `Enabled ${u.email}: they can log in again.`);
  });

program
  .command('users:set-password')
  .description('set a new password for a back-office user, read from standard input or asked for (never an argument); their sessions end')
  .requiredOption('--email <email>', 'login email of the user')
  .action(async (options: { email: string }) => {
    if (!validEmailOption(options.email)) return;
    const password = await readPassword('New password: ');
    await runUserCommand(async () => {
      const user = await withApp(async (app) => {
        const users = app.get(UserFacade);
        const found = await userByEmail(users, options.email);
        await users.setPassword(found.id, password);
        return found;
      });
      console.log(`New password set for ${user.email}; their sessions ended.`);
    });
  });

program
  .command('outbox:status')
  .description('messages by status and type, and the age of the oldest one not yet delivered')
  .action(async () => {
    const report = await withApp((app) => app.get(OutboxFacade).status());
    console.log(formatOutboxStatus(report));
  });

program
  .command('outbox:requeue')
  .description('put dead outbox messages back to pending so the relay sends them again')
  .option('--type <type>', 'only messages of this type, e.g. mail.customer-registration-confirmation')
  .option('--since <when>', 'only messages created since then: an ISO date or time (2026-12-01T08:00Z) or an age (90m, 24h, 7d)')
  .action(async (options: { type?: string; since?: string }) => {
    const since = options.since === undefined ? undefined : parseSince(options.since);
    if (since === null) {
      console.error(`--since "${options.since}" is neither an ISO date or time nor an age like 24h`);
      process.exitCode = 2;
      return;
    }
    const count = await withApp((app) => app.get(OutboxFacade).requeueDead({ type: options.type, since }));
    console.log(`Requeued ${count} dead message(s).`);
  });

program
  .command('outbox:purge')
  .description('delete delivered outbox messages older than the retention period (OUTBOX_RETENTION_DAYS)')
  .option('--days <n>', 'keep this many days instead of OUTBOX_RETENTION_DAYS')
  .action(async (options: { days?: string }) => {
    const env = loadEnvOrExit();
    const days = options.days === undefined ? env.OUTBOX_RETENTION_DAYS : Number(options.days);
    if (!Number.isInteger(days) || days < 0) {
      console.error(`--days must be a whole number of days (0 or more), not "${options.days}"`);
      process.exitCode = 2;
      return;
    }
    const before = new Date(Date.now() - days * 86_400_000);
    const count = await withApp((app) => app.get(OutboxFacade).purgeDelivered(before));
    console.log(`Purged ${count} message(s) delivered before ${before.toISOString()} (kept ${days} day(s)).`);
  });

program
  .command('tokens:purge')
  .description('delete customer refresh tokens that have expired (spent and revoked ones stay until they expire)')
  .action(async () => {
    const now = new Date();
    const count = await withApp((app) => app.get(AuthFacade).purgeExpiredRefreshTokens(now));
    console.log(`Purged ${count} refresh token(s) that expired before ${now.toISOString()}.`);
  });

program
  .command('mail:test')
  .description('send a test mail through the configured sender (SMTP_URL, or a file under DATA_DIR/mail) and report the result')
  .requiredOption('--to <email>', 'recipient')
  .action(async (options: { to: string }) => {
    if (!isValidEmail(options.to)) {
      console.error(`--to "${options.to}" is not a valid email address`);
      process.exitCode = 2;
      return;
    }
    const env = loadEnvOrExit();
    const result = await sendTestMail(env, options.to);
    console.log(result);
  });

program
  .command('mail:sink')
  .description('run a development SMTP server that prints and keeps every mail (for SMTP_URL=smtp://127.0.0.1:1025)')
  .option('--port <port>', 'port to listen on', '1025')
  .option('--dir <dir>', 'where to keep the mails', join(process.env.DATA_DIR || 'var', 'mail'))
  .action(async (options: { port: string; dir: string }) => {
    const port = /^\d{1,5}$/.test(options.port) ? Number(options.port) : NaN;
    if (!Number.isInteger(port) || port > 65535) {
      console.error(`--port "${options.port}" is not a port number (0-65535)`);
      process.exitCode = 2;
      return;
    }
    const server = await runMailSink(port, options.dir).catch((error: NodeJS.ErrnoException) => {
      console.error(error.code === 'EADDRINUSE' ? `Port ${port} is in use: choose another with --port` : `Cannot listen on port ${port}: ${error.message}`);
      process.exitCode = 1;
      return null;
    });
    if (!server) return;
    closeOnSignal({ SHUTDOWN_TIMEOUT_MS: 5_000 }, () => new Promise((resolve) => server.close(() => resolve())));
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ImportFileError) {
    console.error(error.message);
    process.exitCode = 2;
    return;
  }
  // Database errors can quote whole statements: keep the first line, the cause, not the data.
  const message = error instanceof Error ? error.message : String(error);
  console.error(message.split('\n')[0].slice(0, 500));
  process.exitCode = 1;
});
