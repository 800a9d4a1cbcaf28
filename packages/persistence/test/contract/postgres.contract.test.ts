import { describe } from 'vitest';
import { describeRepositoryContract } from './repositories.contract.ts';
import { postgresTarget } from '../support/contract.targets.ts';
import { postgresServer } from '../support/postgres.harness.ts';

describe.skipIf(postgresServer === null)('PostgreSQL', () => {
  describeRepositoryContract(postgresTarget());
});
