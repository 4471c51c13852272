import { Command, Option } from 'commander';
import { createApiKey } from '../accounts/api-keys.js';
import { createUser, findUserByEmail } from '../accounts/create-user.js';
import { roles, type Role } from '../accounts/roles.js';
import { loadConfig } from '../config/config.js';
import { serve } from '../server/serve.js';
import { registerIntegrationCommand } from './integration-command.js';
import { registerSimCommand } from './sim-command.js';
import { registerSyncCommand } from './sync-command.js';
import { openContext } from '../server/open-context.js';
import { AppError } from '../shared/errors.js';

const program = new Command('psalink').description('PSA integration hub for MSP documentation').showHelpAfterError();

program
  .command('serve')
  .description('Run the web app and API (PORT, default 3000; PGlite in ./data unless DATABASE_URL is set)')
  .action(async () => {
    await serve(loadConfig());
  });

program
  .command('migrate')
  .description('Apply pending database migrations and exit')
  .action(async () => {
    const ctx = await openContext(loadConfig());
    await ctx.close();
    console.log('Database is up to date.');
  });

program
  .command('user')
  .description('Manage users')
  .command('create')
  .description('Create a user (and the account, if no account has that name yet)')
  .requiredOption('--account <name>', 'account name')
  .requiredOption('--email <email>', 'sign-in email')
  .requiredOption('--password <password>', 'password (at least 10 characters)')
  .addOption(new Option('--role <role>', 'role').choices(roles).default('editor'))
  .action(async (options: { account: string; email: string; password: string; role: Role }) => {
    await withContext(async (ctx) => {
      const { account, user } = await createUser({ db: ctx.database.db, accountName: options.account, email: options.email, password: options.password, role: options.role });
      console.log(`Created ${user.role} ${user.email} in account "${account.name}".`);
    });
  });

program
  .command('api-key')
  .description('Manage API keys')
  .command('create')
  .description('Create an API key acting as the given user; the key is printed once')
  .requiredOption('--email <email>', 'the user the key acts as')
  .option('--name <name>', 'a name to recognise the key by', 'cli')
  .action(async (options: { email: string; name: string }) => {
    await withContext(async (ctx) => {
      const user = await findUserByEmail(ctx.database.db, options.email);
      if (!user) throw new AppError('not_found', `No user has the email ${options.email}.`);
      const created = await createApiKey({ db: ctx.database.db, accountId: user.accountId, userId: user.id, name: options.name });
      console.log(created.key);
    });
  });

registerSimCommand(program);
registerIntegrationCommand(program);
registerSyncCommand(program);

async function withContext(work: (ctx: Awaited<ReturnType<typeof openContext>>) => Promise<void>) {
  const ctx = await openContext(loadConfig());
  try {
    await work(ctx);
  } finally {
    await ctx.close();
  }
}

program.parseAsync().catch((error: unknown) => {
  // Known errors are for the user, in words; anything else is a bug and keeps its stack.
  if (error instanceof AppError) console.error(`psalink: ${error.message} (${error.code})`);
  else if (error instanceof Error && error.message.startsWith('Invalid configuration')) console.error(`psalink: ${error.message}`);
  else console.error(error);
  process.exit(1);
});
