// One simulation run: agents trade over many markets through the domain's real use cases (create market, place bet,
// sell, resolve) on the in-memory adapters, then each market resolves from its hidden truth and the run is measured.
// The in-memory ports come from @socialpredict/persistence's `memory` entry: the fakes every test of the project uses,
// so the run depends on the domain only through its public entry (docs/simulation.md#architecture).
import {
  adminGrantPostings,
  DEFAULT_ECONOMICS,
  makeUseCases,
  newAccount,
  STANDARD_GAME,
  type EconomicsConfig,
  type UseCases,
} from '@socialpredict/domain';
import { createMemoryPorts, memoryIntegrity, type MemoryPorts } from '@socialpredict/persistence/memory';
import { beliefOf, decide, makeAgents, type Agent } from './agents.ts';
import { measure, type MarketOutcome, type SimulationReport, type TradeRecord } from './metrics.ts';
import { Prng } from './prng.ts';

export interface SimulationOptions {
  readonly markets: number;
  readonly agents: number;
  readonly seed: number;
  readonly economics?: EconomicsConfig;
  /** agent turns per market; defaults to the number of agents */
  readonly turnsPerMarket?: number;
  /** called after each market resolves, for a progress display */
  readonly onMarketDone?: (done: number, total: number) => void;
}

/** The economics make the domain refuse the run's own setup, e.g. market seeds it does not accept. */
export class RejectedSettingsError extends Error {}

const SECOND = 1_000;
const YEAR = 365 * 24 * 3_600 * SECOND;
const CREATOR = 'creator';

export async function runSimulation(options: SimulationOptions): Promise<SimulationReport> {
  const economics = options.economics ?? DEFAULT_ECONOMICS;
  const ports = createMemoryPorts({ randomSeed: options.seed });
  const useCases = makeUseCases({ ...ports, economics, game: STANDARD_GAME, probabilityPointsMax: 100_000 });
  const random = new Prng(options.seed);
  const truths = random.fork();
  const beliefs = random.fork();
  const turns = random.fork();

  const agents = makeAgents(options.agents);
  for (const agent of agents) await seedUser(ports, agent.username, agent.budget);
  const creatorGrant = options.markets * economics.marketincentives.createMarketCost;
  await seedUser(ports, CREATOR, creatorGrant);

  const outcomes: MarketOutcome[] = [];
  const trades: TradeRecord[] = [];
  for (let index = 0; index < options.markets; index += 1) {
    const truth = 0.02 + 0.96 * truths.next();
    const resolvesYes = truths.next() < truth;
    const marketId = await createMarket(ports, useCases, index);
    const views = new Map(agents.map((agent) => [agent.username, beliefOf(agent, truth, beliefs)]));
    const path = [await probabilityOf(useCases, marketId)];
    const invested = new Map<string, { YES: number; NO: number }>();
    for (let turn = 0; turn < (options.turnsPerMarket ?? agents.length); turn += 1) {
      const agent = agents[turns.int(0, agents.length - 1)] as Agent;
      const before = path.at(-1) as number;
      const own = invested.get(agent.username) ?? { YES: 0, NO: 0 };
      const action = decide(agent, {
        belief: views.get(agent.username) as number,
        probability: before,
        previousProbability: path.at(-2) ?? before,
        invested: own,
      }, turns);
      if (action === null) continue;
      ports.clock.advance(SECOND);
      const input = { username: agent.username, marketId, outcome: action.outcome, amount: action.amount };
      const result = action.kind === 'buy' ? await useCases.placeBet(input) : await useCases.sell(input);
      if (result.isErr()) {
        trades.push({ ...action, strategy: agent.strategy, accepted: false, impact: 0, refusal: result.error.code });
        continue;
      }
      const after = await probabilityOf(useCases, marketId);
      const moved = action.kind === 'buy' ? action.amount : -action.amount;
      invested.set(agent.username, { ...own, [action.outcome]: own[action.outcome] + moved });
      trades.push({ ...action, strategy: agent.strategy, accepted: true, impact: Math.abs(after - before), refusal: null });
      path.push(after);
    }
    ports.clock.advance(SECOND);
    (await useCases.resolveMarket({
      actor: { kind: 'user', username: CREATOR, role: 'REGULAR' },
      marketId,
      resolution: resolvesYes ? 'YES' : 'NO',
    }))._unsafeUnwrap();
    outcomes.push({ marketId, truth, resolvedYes: resolvesYes, path });
    options.onMarketDone?.(index + 1, options.markets);
  }

  return measure({
    agents,
    grants: new Map([...agents.map((agent) => [agent.username, agent.budget] as const), [CREATOR, creatorGrant]]),
    creator: CREATOR,
    balances: ports.database.accountBalances(),
    entries: ports.database.ledgerEntries(),
    outcomes,
    trades,
    violations: memoryIntegrity(ports.database, economics.user.maximumDebtAllowed),
    settings: { markets: options.markets, agents: options.agents, seed: options.seed, turnsPerMarket: options.turnsPerMarket ?? agents.length },
    economics,
  });
}

/** A user inserted through the repositories with its budget minted as an ADMIN_GRANT, so the books stay closed. */
async function seedUser(ports: MemoryPorts, username: string, budget: number): Promise<void> {
  const now = ports.clock.now();
  const account = newAccount({
    username,
    displayName: username,
    role: 'REGULAR',
    moderatorStatus: 'none',
    personalEmoji: '🤖',
    mustChangePassword: false,
    passwordHash: 'simulated',
  }, now);
  (await ports.unitOfWork.run((tx) =>
    tx.users.insert(account).andThen(() => tx.ledger.post(adminGrantPostings(username, budget), { occurredAt: now, marketId: null })),
  ))._unsafeUnwrap();
}

async function createMarket(ports: MemoryPorts, useCases: UseCases, index: number): Promise<number> {
  const created = await useCases.createMarket({
    username: CREATOR,
    questionTitle: `Simulated question ${index + 1}`,
    description: '',
    resolutionDateTime: ports.clock.now() + YEAR,
  });
  if (created.isErr()) throw new RejectedSettingsError(`the domain refused to create a market: ${created.error.message}`);
  // Creation does not validate the seeds of the economics; the first read does (a subsidy below 1 is refused there).
  const details = await useCases.getMarketDetails({ marketId: created.value.id });
  if (details.isErr()) throw new RejectedSettingsError(`the domain cannot price a market of these settings: ${details.error.message}`);
  return created.value.id;
}

async function probabilityOf(useCases: UseCases, marketId: number): Promise<number> {
  return (await useCases.getMarketDetails({ marketId }))._unsafeUnwrap().lastProbability;
}
