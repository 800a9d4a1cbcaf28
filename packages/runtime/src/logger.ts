// pino with the fixed field names of LOG-1 and the redaction list of LOG-4. Pretty output is left to the operator's
// terminal tooling (pipe through pino-pretty); the process always writes JSON lines.
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '@socialpredict/config';

const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  '*.JWT_SIGNING_KEY',
  '*.ADMIN_PASSWORD',
  '*.DATABASE_URL',
  '*.REDIS_URL',
  'password',
  'currentPassword',
  'newPassword',
  'token',
];

/**
 * Standard output through pino's asynchronous writer: lines written while one write is under way go out together in
 * the next, off the event loop, instead of one blocking write per line (docs/performance.md#async-logging). pino
 * flushes it synchronously when the process exits.
 */
function asynchronousStdout(): DestinationStream {
  return pino.destination({ dest: 1, sync: false });
}

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      // the process id on every line: under CLUSTER_WORKERS each worker's lines stay apart (docs/operations.md#cluster)
      base: { pid: process.pid },
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: pino.stdSerializers.err },
    },
    destination === process.stdout ? asynchronousStdout() : destination,
  );
}
