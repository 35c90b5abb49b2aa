/**
 * The docker-container driver's setup (see docker-container.ts): pull → image check → GPU probe → spec → boot
 * (volume, container, files, start, readiness), the QEMU installer alongside on the same engine, and
 * BuildKit restarted once when it started before the emulators were registered. A module of its own
 * so that post, which only removes, does not load it.
 */
import { connect } from '../../engine/connect.js';
import { UserError } from '../../util/errors.js';
import { parsePlatform } from '../../util/platforms.js';
import { bootNode, engineFacts, ensureImage, probeGpus, restartNode } from '../builder.js';
import { containerSpec, type EngineFacts } from '../container-spec.js';
import type { Connection, DockerNodeAccess, NodePlan, NodeRecord, NodeResource, RequestBound, SetUpContext } from '../driver.js';
import { checkBuilderImage } from '../image-verify.js';
import { namesTaken } from '../occupants.js';
import type { RunOwner } from '../owner.js';
import { ownerLabels } from '../owner.js';
import { installEmulators, unseenEmulators } from '../qemu.js';

export async function connectNode(plan: NodePlan, owner: RunOwner, bound: RequestBound): Promise<Connection> {
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
