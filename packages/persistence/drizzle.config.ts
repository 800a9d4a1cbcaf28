// drizzle-kit settings: `pnpm exec drizzle-kit generate` turns src/drizzle/schema.ts into the SQL migrations that
// live at the repository root (DB-3). Generation needs no database.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/drizzle/schema.ts',
  out: '../../drizzle',
  strict: true,
  verbose: true,
});
