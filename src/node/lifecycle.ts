/**
 * One lifecycle for every node of the builder, node 0 included, whatever its driver (driver.ts):
 * connect all (nothing created) → set all up in parallel, all or nothing → tear down, each within one
 * bound, into one report per node. main and post call these and know no driver.
 */
import type { Progress as ProgressType } from '../step/progress.js';
import { Progress } from '../step/progress.js';
import type { Timeline } from '../step/timeline.js';
import { errorLine, UserError } from '../util/errors.js';
import type { Connection, NodeHooks, NodePlan, NodeRecord, TearDownReport } from './driver.js';
import { driverFor } from './drivers/index.js';
import type { RunOwner } from './owner.js';
import type { NodeStatus } from './status.js';

/** How long an engine has to answer its first request: the docker CLI's ssh ConnectTimeout. */
const CONNECT_MS = 30000;
/** How long an engine has to answer any later request (see RequestBounds): a stalled engine is an error, not a hang. */
const REQUEST_MS = 30000;
/** How long a removal has, per node. */
const TEARDOWN_MS = 60000;
/** How long a failed or cancelled setup waits for the other nodes to stop (a creation in flight to be recorded). */
const SETTLE_MS = 10000;

/** An error of node 0 is the builder's own; another node's names it. */
function nodeError(plan: NodePlan, err: unknown): unknown {
  return plan.index === 0 ? err : new UserError(`node ${plan.names.node}: ${errorLine(err)}`, { cause: err });
}

export interface SetUpOptions {
  /** The hooks of one node (main wires cache-image and keep-state for node 0). */
  hooksFor(plan: NodePlan): NodeHooks;
  log(line: string): void;
  /** Called after each change to a node's record (the step's state is saved). */
  recorded(): void;
  /** Warnings of a removal after a failure. */
  warn(line: string): void;
  /** The step's timeline: each node's phases go on a lane named after the node. */
  timeline: Timeline;
}

/** The builder's nodes, every engine reached; `records` are what the step's state holds. */
export class Nodes {
  readonly records: NodeRecord[];
  private readonly abort: AbortController;
  private setups: Promise<unknown>[] = [];
  /** The first node that failed, and why: what setUp throws. */
  private failure?: { plan: NodePlan; err: unknown };
  private removal?: Promise<void>;

  private constructor(
    readonly plans: NodePlan[],
    private readonly connections: Connection[],
    abort: AbortController,
  ) {
    this.records = connections.map((c) => c.record);
    this.abort = abort;
  }

  /** Reaches every node's engine in parallel; nothing is created before all of them answer. */
  static async connect(plans: NodePlan[], owner: RunOwner): Promise<Nodes> {
    const abort = new AbortController();
    const bound = { connectMs: CONNECT_MS, requestMs: REQUEST_MS, signal: abort.signal };
    const connections = await Promise.all(
      plans.map(async (plan) => {
        try {
          return await (await driverFor(plan.driver)).connect(plan, owner, bound);
        } catch (err) {
          abort.abort();
          throw nodeError(plan, err);
        }
      }),
    );
    return new Nodes(plans, connections, abort);
  }

  /**
   * Sets every node up in parallel. The first failure aborts the others at once (their requests in
   * flight are cut, but a creation, which the engine completes anyway), removes what every node made,
   * and is thrown.
   */
  async setUp(opts: SetUpOptions): Promise<NodeStatus[]> {
    const signal = this.abort.signal;
    this.setups = this.connections.map(async (connection, i) => {
      const plan = this.plans[i];
      const progress = nodeProgress(plan, opts.log);
      try {
        const status = await connection.setUp({
          hooks: opts.hooksFor(plan),
          signal,
          record: (resource) => {
            connection.record.created.push(resource);
            opts.recorded();
          },
          progress,
          log: opts.log,
          nextProgressId: progressId(plan) + 1,
          phases: opts.timeline.lane(plan.names.node),
        });
        progress.done();
        return status;
      } catch (err) {
        if (signal.aborted) progress.note('CANCELED');
        else {
          progress.error(errorLine(err).split('\n')[0]);
          this.failure = { plan, err };
          this.abort.abort(err);
        }
        throw err;
      }
    });
    try {
      return (await Promise.all(this.setups)) as NodeStatus[];
    } catch (err) {
      await this.remove(opts);
      throw this.failure ? nodeError(this.failure.plan, this.failure.err) : err;
    }
  }

  /**
   * Removes what this run made on every node: main's failure path and a signal meanwhile share one
   * removal. The setups still running are aborted first and given SETTLE_MS to stop, so that a
   * creation in flight is recorded (and, carrying the run's label, found) before the removal.
   */
  remove(opts: Pick<SetUpOptions, 'recorded' | 'warn'>): Promise<void> {
    return (this.removal ??= (async () => {
      this.abort.abort();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled(this.setups), new Promise((r) => (timer = setTimeout(r, SETTLE_MS)))]);
      clearTimeout(timer);
      // A failed setup's storage holds nothing worth keeping: kept storage goes too.
      const reports = await tearDownNodes(this.records, () => ({}), true);
      for (const [i, report] of reports.entries()) {
        for (const line of reportProblems(report, i)) opts.warn(line);
        this.records[i].created = [];
      }
      opts.recorded();
    })());
  }
}

/** Node 0's lines are `#1`, its installer's `#2`; node i's `#(1+2i)` and `#(2+2i)`. */
function progressId(plan: NodePlan): number {
  return 1 + 2 * plan.index;
}

function nodeProgress(plan: NodePlan, log: (line: string) => void): ProgressType {
  const title =
    plan.index === 0 ? '[internal] booting buildkit' : `[internal] booting buildkit on node ${plan.names.node} (${plan.engine.endpoint})`;
  return new Progress(log, progressId(plan), title);
}

/** A removal's problems as warnings; node 0's as the builder's own, another node's naming it. */
export function reportProblems(report: TearDownReport, index: number): string[] {
  const lines = report.unreachable ? [...report.problems, `not removed: ${report.unreachable}`] : report.problems;
  return index === 0 ? lines : lines.map((l) => `node ${report.name}: ${l}`);
}

/** Removes every node in parallel, each within TEARDOWN_MS; never throws. */
export function tearDownNodes(
  records: NodeRecord[],
  hooksFor: (record: NodeRecord, index: number) => NodeHooks,
  removeKept = false,
): Promise<TearDownReport[]> {
  return Promise.all(
    records.map(async (record, i) =>
      (await driverFor(record.driver)).tearDown(record, { hooks: hooksFor(record, i), timeoutMs: TEARDOWN_MS, removeKept }),
    ),
  );
}
