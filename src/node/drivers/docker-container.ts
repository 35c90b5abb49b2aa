/**
 * The docker-container driver: the node is a BuildKit container with its state volume on a Docker
 * engine, field for field what `docker buildx create --driver docker-container` makes (container-spec.ts),
 * made by builder.ts's engine calls. Setup, the same for every node, is docker-container-setup.ts,
 * loaded when a node is set up; removal is removal.ts, so post loads neither the setup nor its
 * pulls, archives and emulators.
 * Hooks it calls: beforePull (each image it pulls), beforeCreate, beforeStart, afterReady, beforeTearDown.
 */
import { connect } from '../../engine/connect.js';
import { storedAddress } from '../../engine/endpoint.js';
import { nodeNames } from '../../inputs/names.js';
import { errorLine } from '../../util/errors.js';
import type { NodeDriver, NodePlan, NodeRecord, NodeStoreFields, TearDownContext, TearDownReport } from '../driver.js';
import { foreignNames, type Removal, removeByLabel } from '../removal.js';

/** How removal names what it removed: the node's own container and volume as post has always said them. */
function removedLines(removal: Removal, record: NodeRecord, container: string, volume: string): string[] {
  const lines = removal.removed.map((r) => (r === `container ${container}` ? 'container' : r === `volume ${volume}` ? 'state volume' : r));
  for (const r of record.created)
    if (r.kind === 'volume' && r.keep && !removal.removed.includes(`volume ${r.name}`))
      lines.push(`state volume ${r.name} kept there (keep-state)`);
  return lines;
}

async function tearDown(record: NodeRecord, ctx: TearDownContext): Promise<TearDownReport> {
  const report: TearDownReport = { name: record.name, endpoint: record.endpoint, removed: [], kept: [], problems: [] };
  const names = nodeNames(record.run.builder, record.name);
  try {
    const { docker } = await connect(storedAddress(record.endpoint), Math.min(ctx.timeoutMs, 30000), {
      answerMs: Math.min(ctx.timeoutMs, 30000),
      engine: record.endpoint,
    });
    if (ctx.hooks.beforeTearDown && record.created.some((r) => r.kind === 'container' && r.name === names.container))
      await ctx.hooks.beforeTearDown({ driver: 'docker-container', docker, names }, record);
    // main's failure path: what this run made goes, kept or not; what it took over stays.
    const keep = new Set(ctx.removeKept ? [] : record.created.filter((r) => r.keep).map((r) => r.name));
    const adopted = ctx.removeKept ? [] : record.created.filter((r) => r.adopted && !r.keep).map((r) => r.name);
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ctx.timeoutMs / 1000} s`)), ctx.timeoutMs);
    });
    try {
      const [removal, foreign] = await Promise.race([
        Promise.all([
          removeByLabel(docker, record.run.run, keep, { builder: record.run.builder, names: adopted }),
          foreignNames(docker, names),
        ]),
        bound,
      ]);
      report.problems.push(...removal.problems, ...foreign);
      const lines = removedLines(removal, record, names.container, names.volume);
      report.removed.push(...lines.filter((l) => !l.endsWith('(keep-state)')));
      report.kept.push(...lines.filter((l) => l.endsWith('(keep-state)')));
    } finally {
      clearTimeout(timer);
    }
  } catch (err) {
    report.unreachable = errorLine(err).split('\n')[0];
  }
  return report;
}

function storeEntry(plan: NodePlan): NodeStoreFields {
  return {
    name: plan.names.node,
    endpoint: plan.engine.endpoint,
    platforms: plan.platforms,
    driverOpts: plan.opts.given,
    flags: plan.flags,
    files: plan.files,
  };
}

async function release(record: NodeRecord, timeoutMs: number): Promise<string[]> {
  const names = nodeNames(record.run.builder, record.name);
  if (!record.created.some((r) => r.kind === 'container' && r.name === names.container)) return [];
  try {
    const { docker } = await connect(storedAddress(record.endpoint), timeoutMs, { answerMs: timeoutMs, engine: record.endpoint });
    // The mark is a file put into the container (an archive, tar-stream): loaded only when cleanup is off.
    await (await import('../builder.js')).releaseContainer(docker, names);
    return [];
  } catch (err) {
    return [`container ${names.container} could not be marked as released (a later run under this name will refuse it): ${errorLine(err)}`];
  }
}

export const dockerContainer: NodeDriver = {
  name: 'docker-container',
  connect: async (plan, owner, bound) => (await import('./docker-container-setup.js')).connectNode(plan, owner, bound),
  storeEntry,
  tearDown,
  release,
};
