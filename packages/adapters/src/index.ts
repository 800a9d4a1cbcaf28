// The real adapters of the clock, randomness, password-hashing and token ports; their fakes are in `./fakes`, which
// loads neither argon2 nor jose.
export { ARGON2_PARAMETERS, createArgon2PasswordHasher } from './argon2-password-hasher.adapter.ts';
export { cryptoRandom } from './crypto-random.adapter.ts';
export { createJoseTokenIssuer, type JoseTokenIssuerOptions } from './jose-token-issuer.adapter.ts';
export { systemClock } from './system-clock.adapter.ts';
