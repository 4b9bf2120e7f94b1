/** `npm run db:migrate`: applies the migrations to the configured database (they also run on start). */
import { openDatabase } from '../drizzle/database.ts';
import { loadConfig } from '../lib/config.ts';
import { reportStartupFailure } from '../lib/startupError.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config.database);
  try {
    await database.migrate();
    process.stdout.write(`Migrasi selesai / migrations applied: ${database.location}\n`);
  } finally {
    await database.close();
  }
}

main().catch(reportStartupFailure);
