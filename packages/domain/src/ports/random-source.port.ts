/**
 * Uniform random integers from a cryptographically secure generator (generated passwords, docs/api.md#user-creation).
 * The domain builds passwords and picks emoji from these draws, so the rules live in one tested place.
 */
export interface RandomSource {
  /** An integer in [0, maxExclusive); `maxExclusive` is a positive safe integer. */
  int(maxExclusive: number): number;
}
