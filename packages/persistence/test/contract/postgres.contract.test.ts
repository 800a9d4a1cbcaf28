import { describe } from 'vitest';
import { describeRepositoryContract } from './repositories.contract.ts';
import { postgresTarget } from '../support/contract.targets.ts';

describe('PostgreSQL', () => {
  describeRepositoryContract(postgresTarget());
});
