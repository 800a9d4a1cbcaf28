import { describeRepositoryContract } from './repositories.contract.ts';
import { memoryTarget } from '../support/contract.targets.ts';

describeRepositoryContract(memoryTarget());
