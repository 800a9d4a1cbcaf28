// A separate process running the migration writer against DATABASE_URL (argv[2]), as `pnpm cli migrate` will:
// prints its report as JSON, exits non-zero on failure. Run with `node --conditions=source`.
import { openDatabase } from '../../src/drizzle/database.factory.ts';
import { migrate } from '../../src/drizzle/migrations.migrator.ts';
import { testDatabaseSettings } from './database.settings.ts';

const database = await openDatabase(testDatabaseSettings(process.argv[2]));
const result = await migrate(database);
await database.close();
if (result.isErr()) {
  process.stderr.write(`${result.error.message}\n`);
  process.exit(1);
}
process.stdout.write(JSON.stringify(result.value));
