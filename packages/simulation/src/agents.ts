// The traders of a run. Each holds a private belief about a market: the hidden true probability seen through noise of
// its own size, so informed traders see it closely and the others loosely. A strategy turns (belief, price, history)
// into at most one action per turn; the run submits it through the real use cases, which may still refuse it.
import type { Prng } from './prng.ts';

export const STRATEGIES = ['informed', 'noise', 'whale', 'momentum', 'profit-taker'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export interface Agent {
  readonly username: string;
  readonly strategy: Strategy;
  /** credits granted at the start; the debt limit of the economics comes on top */
  readonly budget: number;
  /** standard deviation of the belief noise, in log-odds */
  readonly beliefNoise: number;
}

export type Action =
  | { readonly kind: 'buy'; readonly outcome: 'YES' | 'NO'; readonly amount: number }
  | { readonly kind: 'sell'; readonly outcome: 'YES' | 'NO'; readonly amount: number };

/** What an agent sees on its turn. */
export interface TurnView {
  readonly belief: number;
  readonly probability: number;
  /** the probability when this market last traded before, or the start */
  readonly previousProbability: number;
  /** credits this agent has put into each side of this market, net of sales */
  readonly invested: { readonly YES: number; readonly NO: number };
}

const PROFILES: Record<Strategy, { budget: number; beliefNoise: number }> = {
  informed: { budget: 1_000, beliefNoise: 0.3 },
  noise: { budget: 300, beliefNoise: 3 },
  whale: { budget: 5_000, beliefNoise: 0.8 },
  momentum: { budget: 500, beliefNoise: 3 },
  'profit-taker': { budget: 1_000, beliefNoise: 0.5 },
};

/** A population of `count` agents: one whale, and the rest cycling informed, noise, momentum, profit-taker, noise. */
export function makeAgents(count: number): Agent[] {
  const cycle: Strategy[] = ['informed', 'noise', 'momentum', 'profit-taker', 'noise'];
  return Array.from({ length: count }, (_, index) => {
    const strategy: Strategy = index === 0 ? 'whale' : (cycle[(index - 1) % cycle.length] as Strategy);
    return { username: `${strategy}-${index}`, strategy, ...PROFILES[strategy] };
  });
}

/** A noisy view of `truth` on the log-odds scale, kept strictly inside (0, 1). */
export function beliefOf(agent: Agent, truth: number, random: Prng): number {
  const logOdds = Math.log(truth / (1 - truth)) + agent.beliefNoise * random.normal();
  return Math.min(0.99, Math.max(0.01, 1 / (1 + Math.exp(-logOdds))));
}

const EDGE = 0.03;

/** Buy the side the belief favours, more the larger the gap. */
function valueTrade(view: TurnView, scale: number, minimumGap: number): Action | null {
  const gap = view.belief - view.probability;
  if (Math.abs(gap) < minimumGap) return null;
  return { kind: 'buy', outcome: gap > 0 ? 'YES' : 'NO', amount: Math.max(1, Math.round(scale * Math.abs(gap))) };
}

export function decide(agent: Agent, view: TurnView, random: Prng): Action | null {
  switch (agent.strategy) {
    case 'informed':
      return valueTrade(view, 100, EDGE);
    case 'whale':
      return random.next() < 0.3 ? valueTrade(view, 1_000, 0.1) : null;
    case 'noise':
      return { kind: 'buy', outcome: random.next() < 0.5 ? 'YES' : 'NO', amount: random.int(1, 15) };
    case 'momentum': {
      const move = view.probability - view.previousProbability;
      if (Math.abs(move) < 0.005) return null;
      return { kind: 'buy', outcome: move > 0 ? 'YES' : 'NO', amount: random.int(5, 20) };
    }
    case 'profit-taker': {
      // Takes half its stake off a side once the price has gone past its belief on that side; otherwise trades value.
      const held = view.invested.YES >= view.invested.NO ? 'YES' : 'NO';
      const priceOfHeld = held === 'YES' ? view.probability : 1 - view.probability;
      const beliefOfHeld = held === 'YES' ? view.belief : 1 - view.belief;
      const stake = view.invested[held];
      if (stake >= 4 && priceOfHeld > beliefOfHeld + EDGE) return { kind: 'sell', outcome: held, amount: Math.floor(stake / 2) };
      return valueTrade(view, 60, EDGE * 2);
    }
  }
}
