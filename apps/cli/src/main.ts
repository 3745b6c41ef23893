import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Command } from 'commander';
import { join } from 'node:path';
import { loadEnvOrExit, migrateOnStart, migrateWithLock, prepareDatabase, ensureDatabaseExists } from '@patron/config';
import { MikroORM } from '@mikro-orm/postgresql';
import { CustomerFacade } from '@patron/customer';
import { OutboxFacade } from '@patron/outbox';
import { CliModule } from './cli.module';
import { formatImportSummary, ImportFileError, importCustomersFromFile } from './commands/import-customers.command';
import { runMailSink } from './commands/mail-sink.command';

const withApp = async <T>(run: (app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>) => Promise<T>): Promise<T> => {
  const env = loadEnvOrExit();
  await prepareDatabase(env);
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(env), { logger: ['error', 'warn'] });
  try {
    await migrateOnStart(app, env);
    return await run(app);
  } finally {
    await app.close();
  }
};

const program = new Command('patron').description('Patron command line').showHelpAfterError();

program
  .command('migrate')
  .description('apply pending database migrations (under an advisory lock)')
  .action(async () => {
    const env = loadEnvOrExit();
    await ensureDatabaseExists(env.DATABASE_URL);
    const app = await NestFactory.createApplicationContext(CliModule.forRoot(env), { logger: ['error', 'warn'] });
    try {
      const applied = await migrateWithLock(app.get(MikroORM), env.DATABASE_URL);
      console.log(applied.length ? `Applied ${applied.join(', ')}` : 'The database is up to date.');
    } finally {
      await app.close();
    }
  });

program
  .command('import:customers')
  .description("import customers from a CSV file in Spryker's customer import format")
  .argument('<file>', 'CSV with the header customer_reference,locale_name,phone,email,salutation,first_name,last_name,company,gender,date_of_birth,password,registered')
  .option('--skip-invalid', 'import the valid rows and report the invalid ones (default: import nothing when any row is invalid)')
  .action(async (file: string, options: { skipInvalid?: boolean }) => {
    const summary = await withApp((app) => importCustomersFromFile(app.get(CustomerFacade), file, options.skipInvalid ?? false));
    console.log(formatImportSummary(file, summary));
    if (!summary.imported) process.exitCode = 1;
  });

program
  .command('outbox:requeue')
  .description('put dead outbox messages back to pending so the relay sends them again')
  .option('--type <type>', 'only messages of this type, e.g. mail.customer-registration-confirmation')
  .action(async (options: { type?: string }) => {
    const count = await withApp((app) => app.get(OutboxFacade).requeueDead(options.type));
    console.log(`Requeued ${count} dead message(s).`);
  });

program
  .command('mail:sink')
  .description('run a development SMTP server that prints and keeps every mail (for SMTP_URL=smtp://127.0.0.1:1025)')
  .option('--port <port>', 'port to listen on', '1025')
  .option('--dir <dir>', 'where to keep the mails', join('var', 'mail'))
  .action(async (options: { port: string; dir: string }) => {
    await runMailSink(Number(options.port), options.dir);
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
