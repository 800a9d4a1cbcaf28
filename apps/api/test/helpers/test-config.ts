import { formatConfigIssues, loadConfig, type AppConfig, type Env } from '@socialpredict/config';

export const TEST_JWT_KEY = 'test-signing-key-of-at-least-32-bytes!!';

/** The test profile with limits off unless a test turns them on. */
export function testConfig(env: Env = {}): AppConfig {
  const result = loadConfig({
    APP_ENV: 'test',
    JWT_SIGNING_KEY: TEST_JWT_KEY,
    RATE_LIMIT_ENABLED: 'false',
    LOG_LEVEL: 'silent',
    UNDER_PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0',
    ...env,
  });
  if (!result.ok) throw new Error(formatConfigIssues(result.issues));
  return result.config;
}
