// The CLI's runtime: the API's ports with the same composed use cases the HTTP routes run, whose follow-ups go to
// the snapshot table and, through a producer-only job runner started on first use, to the job queue. Closing it
// waits for the follow-ups in flight, so a command's refresh request or notification is sent before the process
// ends.
import type { AuditedUseCases, Clock, ReadModelSnapshotRepository, UseCaseDeps, WriteFollowUpEffects } from '@socialpredict/domain';
import type { JobLogger, JobRunner } from '@socialpredict/jobs';
import type { Database } from '@socialpredict/persistence';

/** What the commands use of the API's runtime. */
export interface AppRuntime {
  database: Database;
  deps: UseCaseDeps;
  clock: Clock;
  /** the use cases, audited and with their write follow-ups, as the HTTP routes run them */
  useCases: AuditedUseCases;
  /** the follow-up effects themselves, for a bulk writer that runs the plain use cases and marks once at the end */
  followUps: WriteFollowUpEffects;
  /** waits for the follow-ups in flight, stops the job producer and closes the database */
  close(): Promise<void>;
}

export type FollowUpJobs = Pick<JobRunner, 'requestReadModelRefresh' | 'enqueue'>;

/** A job queue the runtime closes once the command ends. */
export interface JobProducer extends FollowUpJobs {
  /** resolves once every send in flight settled and the runner (if it was started) stopped */
  close(): Promise<void>;
}

/** What the API's composition lends the CLI: the one way the use cases and their follow-ups are made. */
export interface UseCaseComposition {
  followUpEffects(snapshots: Pick<ReadModelSnapshotRepository, 'markStale'>, clock: Clock, jobs: FollowUpJobs): WriteFollowUpEffects;
  composeUseCases(deps: UseCaseDeps, effects: WriteFollowUpEffects, logger: JobLogger): AuditedUseCases;
}

export interface RuntimeParts {
  database: Database;
  deps: UseCaseDeps;
  clock: Clock;
  snapshots: Pick<ReadModelSnapshotRepository, 'markStale'>;
}

export function operatorRuntime(parts: RuntimeParts, jobs: JobProducer, composition: UseCaseComposition, logger: JobLogger): AppRuntime {
  const followUps = composition.followUpEffects(parts.snapshots, parts.clock, jobs);
  return {
    database: parts.database,
    deps: parts.deps,
    clock: parts.clock,
    useCases: composition.composeUseCases(parts.deps, followUps, logger),
    followUps,
    close: async () => {
      await jobs.close();
      await parts.database.close();
    },
  };
}

/** Starts the runner on the first send only, so commands that write nothing never touch the queue. */
export function lazyJobProducer(start: () => Promise<JobRunner>, stopTimeoutMs: number): JobProducer {
  let runner: Promise<JobRunner> | undefined;
  const inFlight = new Set<Promise<unknown>>();
  const send = <T>(action: (started: JobRunner) => Promise<T>): Promise<T> => {
    const sent = (runner ??= start()).then(action);
    inFlight.add(sent);
    const settled = () => void inFlight.delete(sent);
    sent.then(settled, settled);
    return sent;
  };
  return {
    requestReadModelRefresh: () => send((started) => started.requestReadModelRefresh()),
    enqueue: (queue, data, options) => send((started) => started.enqueue(queue, data, options)),
    close: async () => {
      await Promise.allSettled(inFlight);
      // A runner that failed to start has nothing to stop; its sends already reported the failure.
      await runner?.then((started) => started.stop(stopTimeoutMs), () => undefined);
    },
  };
}
