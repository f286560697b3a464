/** A run this process handed to its flow runtime: which workspace's limit it counts against. */
interface InFlightRun {
  workspaceId: string;
  automationId: string;
  /** A test (dry run of a draft) is followed like any run but counts against no limit. */
  test?: boolean;
}

/**
 * The runs this process's flow runtime is working on, kept in memory so that handing a run over,
 * checking a workspace's concurrency limit and checking the run an action names cost no query.
 * The database stays the record (`running` rows); this is the host's own view, rebuilt empty when
 * its runtime restarts (what was in flight is then marked interrupted in the database).
 */
export class RunsInFlight {
  private readonly runs = new Map<string, InFlightRun>();
  private readonly perWorkspace = new Map<string, number>();

  /** `onAdded`: told each workspace's new count, to warn before its limit is reached. */
  constructor(private readonly onAdded: (workspaceId: string, count: number) => void = () => {}) {}

  add(runId: string, run: InFlightRun): void {
    if (this.runs.has(runId)) return;
    this.runs.set(runId, run);
    if (run.test) return;
    const count = this.count(run.workspaceId) + 1;
    this.perWorkspace.set(run.workspaceId, count);
    this.onAdded(run.workspaceId, count);
  }

  remove(runId: string): void {
    const run = this.runs.get(runId);
    if (!run) return;
    this.runs.delete(runId);
    if (run.test) return;
    const left = this.count(run.workspaceId) - 1;
    if (left > 0) this.perWorkspace.set(run.workspaceId, left);
    else this.perWorkspace.delete(run.workspaceId);
  }

  get(runId: string): InFlightRun | undefined {
    return this.runs.get(runId);
  }

  count(workspaceId: string): number {
    return this.perWorkspace.get(workspaceId) ?? 0;
  }

  /** The workspaces with `limit` or more runs in flight. */
  workspacesAt(limit: number): string[] {
    return [...this.perWorkspace].filter(([, count]) => count >= limit).map(([workspaceId]) => workspaceId);
  }

  clear(): void {
    this.runs.clear();
    this.perWorkspace.clear();
  }
}
