// For tests that boot the whole API process (startApi): a free TCP port and a logger that keeps the event names.
import { createServer as createNetServer } from 'node:net';
import { createLogger } from '../../src/logger.ts';

export async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}

export function recordedLogger() {
  const events: string[] = [];
  const logger = createLogger('info', {
    write: (line: string) => {
      const event = (JSON.parse(line) as { event?: unknown }).event;
      if (typeof event === 'string') events.push(event);
    },
  });
  return { logger, events };
}
