// The scenarios of docs/performance.md#bench-load, modelled on upstream's k6 runs: the request streams each one sends
// at a fixed arrival rate. Bets are 1 credit on the hot markets by pre-authenticated users, sides alternating; reads
// follow upstream's site mix, each page mapped to the route the web app calls for it.
import type { LoadRequest, Stream } from './open-loop.ts';

export const SCENARIOS = ['smoke', 'hot', 'mix', 'soak'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface ScenarioSettings {
  scenario: ScenarioName;
  /** bets per second */
  betRate: number;
  /** reads per second (mix, soak, smoke) */
  readRate: number;
  /** outstanding requests allowed per stream before a due one is dropped */
  connections: number;
}

export interface ScenarioFixture {
  /** bearer tokens of the pre-authenticated traders */
  tokens: readonly string[];
  hotMarkets: readonly number[];
  allMarkets: readonly number[];
  /** the tag of the topic page (load-seed's `load-topic`) */
  topic: string;
}

/** Upstream's read mix: share of the reads per page, and the route behind it here. */
export const READ_MIX: readonly { name: string; share: number; path: (market: number, topic: string) => string }[] = [
  { name: 'market discovery', share: 0.25, path: () => '/v0/read/market-discovery/markets?limit=20' },
  { name: 'topic page', share: 0.15, path: (_market, topic) => `/v0/read/market-discovery/${topic}?limit=20` },
  { name: 'market summary', share: 0.43, path: (market) => `/v0/read/markets/${market}/summary` },
  { name: 'positions page', share: 0.1, path: (market) => `/v0/markets/positions/${market}?limit=20` },
  { name: 'leaderboard page', share: 0.07, path: (market) => `/v0/markets/${market}/leaderboard` },
];

export const DEFAULT_RATES: Record<ScenarioName, { betRate: number; readRate: number; durationSeconds: number }> = {
  smoke: { betRate: 10, readRate: 20, durationSeconds: 5 },
  hot: { betRate: 1000, readRate: 0, durationSeconds: 60 },
  mix: { betRate: 35, readRate: 350, durationSeconds: 60 },
  soak: { betRate: 35, readRate: 350, durationSeconds: 1800 },
};

function pickFrom<T>(items: readonly T[], i: number): T {
  const item = items[i % items.length];
  if (item === undefined) throw new Error('nothing to pick from');
  return item;
}

function betStream(settings: ScenarioSettings, fixture: ScenarioFixture): Stream {
  return {
    name: 'bets',
    group: 'bets',
    rate: settings.betRate,
    maxInFlight: settings.connections,
    next: (i): LoadRequest => ({
      method: 'POST',
      path: '/v0/bet',
      headers: { authorization: `Bearer ${pickFrom(fixture.tokens, i)}` },
      // consecutive bets of one trader land on alternating markets and sides
      body: JSON.stringify({ marketId: pickFrom(fixture.hotMarkets, Math.floor(i / fixture.tokens.length) + i), amount: 1, outcome: i % 2 === 0 ? 'YES' : 'NO' }),
    }),
  };
}

function readStreams(settings: ScenarioSettings, fixture: ScenarioFixture): Stream[] {
  return READ_MIX.map(({ name, share, path }) => ({
    name,
    group: 'reads',
    rate: settings.readRate * share,
    maxInFlight: settings.connections,
    next: (i): LoadRequest => ({ method: 'GET', path: path(pickFrom(fixture.allMarkets, i), fixture.topic) }),
  }));
}

export function scenarioStreams(settings: ScenarioSettings, fixture: ScenarioFixture): Stream[] {
  const streams: Stream[] = [];
  if (settings.betRate > 0) streams.push(betStream(settings, fixture));
  if (settings.scenario !== 'hot' && settings.readRate > 0) streams.push(...readStreams(settings, fixture));
  return streams;
}
