import { describeRepositoryContract } from './repositories.contract.ts';
import { pgliteTarget } from '../support/contract.targets.ts';

describeRepositoryContract(pgliteTarget());
