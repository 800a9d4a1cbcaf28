// Every port backed by in-memory fakes, ready to hand to the use cases (configuration is the caller's).
import { MemoryDatabase, type MemoryDatabaseOptions } from './memory-database.ts';
import { FakePasswordHasher, FakeTokenIssuer, ManualClock, SeededRandom } from '@socialpredict/adapters/fakes';
import { MemoryUnitOfWork, memoryRepositories } from './unit-of-work.memory.ts';

export interface MemoryPortsOptions extends MemoryDatabaseOptions {
  /** epoch ms the clock starts at */
  readonly now?: number;
  readonly randomSeed?: number;
}

/** 2026-01-01T00:00:00.000Z */
export const DEFAULT_START = Date.UTC(2026, 0, 1);

export function createMemoryPorts(options: MemoryPortsOptions = {}) {
  const database = new MemoryDatabase(options);
  return {
    database,
    ...memoryRepositories(database),
    unitOfWork: new MemoryUnitOfWork(database),
    clock: new ManualClock(options.now ?? DEFAULT_START),
    passwordHasher: new FakePasswordHasher(),
    tokenIssuer: new FakeTokenIssuer(),
    random: new SeededRandom(options.randomSeed),
  };
}

export type MemoryPorts = ReturnType<typeof createMemoryPorts>;
