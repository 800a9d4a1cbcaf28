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
    destination,
  );
}
