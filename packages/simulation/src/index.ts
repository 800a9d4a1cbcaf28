// The simulator's public entry (docs/simulation.md).
export * from './agents.ts';
export * from './economics.ts';
export * from './metrics.ts';
export * from './prng.ts';
export * from './run.ts';
export * from './sweep.ts';
export * from './render.ts';
