// Every subcommand, in the order the usage text lists them.
import type { CommandDefinition } from '../command.ts';
import { auditCommand } from './audit/audit.command.ts';
import { backupCommand } from './backup/backup.command.ts';
import { createUserCommand } from './create-user/create-user.command.ts';
import { grantCreditsCommand } from './grant-credits/grant-credits.command.ts';
import { integrityCheckCommand } from './integrity-check/integrity-check.command.ts';
import { listUsersCommand } from './list-users/list-users.command.ts';
import { loadSeedCommand } from './load-seed/load-seed.command.ts';
import { tagsCreateCommand, tagsDeactivateCommand, tagsListCommand, tagsUpdateCommand } from './market-tags/market-tags.command.ts';
import { migrateCommand } from './migrate/migrate.command.ts';
import { resetPasswordCommand } from './reset-password/reset-password.command.ts';
import { approveMarketCommand, proposalsCommand, rejectMarketCommand } from './proposals/proposals.command.ts';
import { resolveMarketCommand } from './resolve-market/resolve-market.command.ts';
import { restoreCommand } from './restore/restore.command.ts';
import { seedDevCommand } from './seed-dev/seed-dev.command.ts';
import { seedCommand } from './seed/seed.command.ts';
import { serveCommand } from './serve/serve.command.ts';
import { setRoleCommand } from './set-role/set-role.command.ts';
import { verifyMigrationsCommand } from './verify-migrations/verify-migrations.command.ts';
import { workerCommand } from './worker/worker.command.ts';

export const DEFAULT_COMMAND = 'serve';

export const COMMANDS: readonly CommandDefinition[] = [
  serveCommand,
  workerCommand,
  migrateCommand,
  verifyMigrationsCommand,
  seedCommand,
  seedDevCommand,
  integrityCheckCommand,
  loadSeedCommand,
  createUserCommand,
  resetPasswordCommand,
  setRoleCommand,
  listUsersCommand,
  grantCreditsCommand,
  resolveMarketCommand,
  proposalsCommand,
  approveMarketCommand,
  rejectMarketCommand,
  tagsListCommand,
  tagsCreateCommand,
  tagsUpdateCommand,
  tagsDeactivateCommand,
  auditCommand,
  backupCommand,
  restoreCommand,
];
