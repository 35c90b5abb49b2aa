/**
 * The docker-container driver: the node is a BuildKit container with its state volume on a Docker
 * engine, field for field what `docker buildx create --driver docker-container` makes (container-spec.ts),
 * made by builder.ts's engine calls. Setup, the same for every node: pull → image check → GPU probe → spec → boot
 * (volume, container, files, start, readiness), the QEMU installer alongside on the same engine, and
 * BuildKit restarted once when it started before the emulators were registered.
 * Hooks it calls: beforePull (each image it pulls), beforeCreate, beforeStart, afterReady, beforeTearDown.
 */
import { connect } from '../../engine/docker.js';
import { storedAddress } from '../../engine/endpoint.js';
import { nodeNames } from '../../inputs/names.js';
import { errorLine, UserError } from '../../util/errors.js';
import { parsePlatform } from '../../util/platforms.js';
import {
  bootNode,
  engineFacts,
  ensureImage,
  foreignNames,
  namesTaken,
  probeGpus,
  releaseContainer,
  type Removal,
  removeByLabel,
  restartNode,
} from '../builder.js';
import { containerSpec, type EngineFacts } from '../container-spec.js';
import type {
  Connection,
  DockerNodeAccess,
  NodeDriver,
  NodePlan,
  NodeRecord,
  NodeResource,
  NodeStoreFields,
  RequestBound,
  SetUpContext,
  TearDownContext,
  TearDownReport,
} from '../driver.js';
import { checkBuilderImage } from '../image-verify.js';
import type { RunOwner } from '../owner.js';
import { ownerLabels } from '../owner.js';
import { installEmulators, unseenEmulators } from '../qemu.js';

async function connectNode(plan: NodePlan, owner: RunOwner, bound: RequestBound): Promise<Connection> {
  const { docker } = await connect(plan.engine, bound.connectMs, {
    answerMs: bound.requestMs,
    signal: bound.signal,
    engine: plan.engine.endpoint,
  });
  const record: NodeRecord = {
    name: plan.names.node,
    driver: 'docker-container',
    endpoint: plan.engine.endpoint,
    host: plan.engine.host,
    run: owner,
    created: [],
  };
  const setUp = async (ctx: SetUpContext) => {
    const { names } = plan;
    const { hooks, progress, signal, phases } = ctx;
    const labels = ownerLabels(owner);
    const factsAsked = engineFacts(docker);
    const takenAsked = namesTaken(docker, names);
    // Awaited in the boot; this only keeps an early failure from counting as an unhandled rejection meanwhile.
    takenAsked.catch(() => undefined);
    const access = async (): Promise<DockerNodeAccess> => ({ driver: 'docker-container', docker, names, facts: await factsAsked });
    // Emulators are registered while the builder is pulled and created, and BuildKit, which detects the
    // platforms it can run when it starts, is started alongside the installer (see EmulatorsInstall).
    const emulators =
      plan.qemu &&
      installEmulators(docker, plan.qemu, {
        pullPolicy: plan.pullPolicy,
        mirrors: plan.mirrors,
        labels,
        onCreated: (id) => ctx.record({ kind: 'container', name: id }),
        log: ctx.log,
        progressId: ctx.nextProgressId,
        beforePull: hooks.beforePull && (async (ref) => hooks.beforePull!(ref, await access())),
      });
    if (plan.qemu && emulators) {
      const registered = phases.begin(`QEMU ${plan.qemu.image}`);
      emulators.result.then(registered, registered);
    }
    // Awaited below; this only keeps an early failure from counting as an unhandled rejection meanwhile.
    emulators?.result.catch(() => undefined);
    try {
      await phases.time(`pull ${plan.image}`, async () => {
        await hooks.beforePull?.(plan.image, await access());
        await ensureImage(docker, plan.image, plan.pullPolicy, progress, plan.mirrors);
      });
      const facts = await factsAsked;
      // As buildx: the image is checked once pulled and before anything is created; the container runs what was checked.
      const checked = await checkBuilderImage({
        docker,
        image: plan.image,
        enabled: plan.imagePolicy,
        allowUntrusted: plan.opts.allowUntrustedImage ?? false,
        mirrors: plan.mirrors ?? [],
        architecture: engineArchitecture(facts),
        progress,
        signal,
      });
      const gpus = await probeGpus(docker, checked.image, facts, labels);
      const opts = { ...plan.opts, image: checked.image };
      const spec = containerSpec({ names, opts, flags: plan.flags, hasConfig: plan.hasConfig, engine: facts, gpus, labels });
      const keepStorage = (await hooks.beforeCreate?.(await access(), plan))?.keepStorage ?? false;
      signal.throwIfAborted();
      // The phases of the boot: creation (volume, container, files), the start, the readiness probe.
      let phaseEnd = phases.begin('container create');
      let status = await bootNode(
        docker,
        {
          names,
          taken: await takenAsked,
          spec,
          labels,
          files: plan.containerFiles,
          privateFiles: plan.privateFiles,
          timeoutMs: plan.bootTimeoutMs,
          beforeStart: async (container, fresh) => {
            phaseEnd();
            // The saved state is unpacked into the fresh volume while the emulators are registered.
            const beforeStart = hooks.beforeStart;
            const restoring =
              beforeStart && phases.time('state restore', async () => beforeStart({ ...(await access()), container, fresh }, plan));
            await emulators?.registering;
            await restoring;
            phaseEnd = phases.begin('container start');
          },
          onStarted: () => {
            phaseEnd();
            phaseEnd = phases.begin('readiness');
          },
          onCreated: (kind, adopted) => {
            const resource: NodeResource =
              kind === 'volume'
                ? { kind, name: names.volume, keep: keepStorage, ...(adopted ? { adopted } : {}) }
                : { kind, name: names.container };
            ctx.record(resource);
            if (signal.aborted) throw new UserError('the builder is being removed');
          },
        },
        progress,
      );
      phaseEnd();
      const emulated = await emulators?.result;
      const unseen = emulated ? unseenEmulators(status.platforms, emulated.installed) : [];
      if (unseen.length > 0) {
        progress.note(`BuildKit started before the ${unseen.join(', ')} emulators were registered`);
        status = await phases.time('restart after the emulators', () => restartNode(docker, names, plan.bootTimeoutMs, progress));
      }
      status = { ...status, emulated, engine: facts, imageCheck: checked.outcome };
      await hooks.afterReady?.(await access(), status);
      return status;
    } catch (err) {
      // No installer is left running when the setup ends.
      await emulators?.result.catch(() => undefined);
      throw err;
    }
  };
  return { record, setUp };
}

/**
 * The engine's architecture as image indexes name it (/info says x86_64, aarch64, ...): whose
 * manifest's signature counts. When /info failed, the runner's own, as buildx falls back to its own.
 */
function engineArchitecture(facts: EngineFacts | undefined): string {
  const own = process.arch === 'x64' ? 'amd64' : process.arch;
  return parsePlatform(`linux/${facts?.architecture ?? own}`)?.architecture ?? own;
}

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
    await releaseContainer(docker, names);
    return [];
  } catch (err) {
    return [`container ${names.container} could not be marked as released (a later run under this name will refuse it): ${errorLine(err)}`];
  }
}

export const dockerContainer: NodeDriver = { name: 'docker-container', connect: connectNode, storeEntry, tearDown, release };
