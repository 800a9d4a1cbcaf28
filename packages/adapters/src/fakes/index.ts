// Deterministic, instant fakes of the ports whose real adapters sit one folder up, for tests across the project.
export * from './manual-clock.fake.ts';
export * from './password-hasher.fake.ts';
export * from './seeded-random.fake.ts';
export * from './token-issuer.fake.ts';
