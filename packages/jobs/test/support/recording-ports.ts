// Test doubles of the logger and metrics ports that keep what they were given.
import type { JobLogger, JobMetrics } from '../../src/job-ports.ts';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message: string;
}

export function recordingLogger(): JobLogger & { lines: LogLine[]; events(name: string): LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (fields: Record<string, unknown>, message: string) => {
    lines.push({ level, fields, message });
  };
  return {
    lines,
    events: (name) => lines.filter((line) => line.fields.event === name),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
}

export function recordingMetrics(): JobMetrics & {
  completed: string[];
  failed: string[];
  ages: Map<string, number>;
  violations: number | undefined;
} {
  const recorder = {
    completed: [] as string[],
    failed: [] as string[],
    ages: new Map<string, number>(),
    violations: undefined as number | undefined,
    jobCompleted: (queue: string) => void recorder.completed.push(queue),
    jobFailed: (queue: string) => void recorder.failed.push(queue),
    queueDepth: () => undefined,
    readModelAge: (kind: string, age: number) => void recorder.ages.set(kind, age),
    integrityViolations: (count: number) => {
      recorder.violations = count;
    },
  };
  return recorder;
}
