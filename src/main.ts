/**
 * The main step: inputs → engine → builder node → buildx store entry → outputs. Orchestration only.
 */
import { restoreImage } from './actions-cache/image-cache.js';
import { setBuilderAlias } from './buildx/builder-alias.js';
import type { InstalledBuildx } from './buildx/buildx-install.js';
import { planBuildx, setUpBuildx } from './buildx/buildx-plan.js';
import { buildxDir, optsForBuildx, storeEntry, writeBuilder } from './buildx/buildx-store.js';
import { connect } from './engine/docker.js';
import { writeContext } from './engine/docker-context.js';
import { buildctlAddress, currentEndpointKey, type EngineAddress, temporaryContextName } from './engine/endpoint.js';
import { nodeNames } from './inputs/names.js';
import { readInputs } from './inputs/read.js';
import { DEFAULT_BUILDKIT_IMAGE } from './inputs/values.js';
import { finishRestore } from './keep-state/finish.js';
import { planState, stateCompat, type StatePlan } from './keep-state/plan.js';
import { type RestoreReport, restoreState } from './keep-state/restore.js';
import { bootNode, engineFacts, ensureImage, namesTaken, probeGpus, removeNode, restartNode } from './node/builder.js';
import { buildkitdFlags, containerSpec } from './node/container-spec.js';
import { logGroups } from './node/log-groups.js';
import { nodeInfo } from './node/node-info.js';
import { AppendedNodes, nodeEntry, planNodes } from './node/nodes.js';
import { githubActionsContext, PROVENANCE_CONTEXT_FILE } from './node/provenance.js';
import { type EmulatorsResult, installEmulators, parseQemuInputs, unseenEmulators } from './node/qemu.js';
import { type NodeState, StateRecorder } from './state.js';
import { onCancel } from './step/cancel.js';
import type { Host } from './step/host.js';
import { Progress } from './step/progress.js';
import { emulatorsRow, summaryMarkdown } from './step/summary.js';
import { errorLine, UserError } from './util/errors.js';
import { formatPlatform, platformPair } from './util/platforms.js';

export async function main(host: Host): Promise<void> {
  const recorder = new StateRecorder(host);
  const inputs = readInputs(host);
  const qemuValues = { qemu: host.input('qemu'), platforms: host.input('qemu-platforms'), image: host.input('qemu-image') };
  const qemu = parseQemuInputs(qemuValues, inputs.platforms);
  const buildxPlan = planBuildx(inputs.buildx);
  // Registered before anything can print them.
  for (const node of [inputs, ...inputs.append])
    for (const value of [...Object.values(node.driverOpts.env), ...(node.config?.secrets ?? [])]) host.setSecret(value);
  recorder.update((s) => {
    s.builder = inputs.name;
    s.cleanup = inputs.cleanup;
    s.debug = host.isDebug() || !!inputs.config?.debug;
  });

  const files = inputs.config?.files ?? {};
  // As in buildx: in the container only, never in the store entry.
  const provenance = inputs.driverOpts.provenanceAddGha === false ? undefined : githubActionsContext(process.env);
  const containerFiles = provenance ? { ...files, [PROVENANCE_CONTEXT_FILE]: provenance } : files;

  const engine = storableEngine(inputs.engine, inputs.name, recorder);
  const appended = new AppendedNodes(
    planNodes(inputs.name, inputs.append, qemuValues, inputs.keepState.enabled, () => githubActionsContext(process.env)),
    recorder,
  );
  // Every engine answers before anything is created on any of them.
  const [{ docker }] = await Promise.all([connect(engine), appended.connect()]);
  const names = nodeNames(inputs.name);
  const node0: NodeState = { name: names.node, endpoint: engine.endpoint, host: engine.host, created: { volume: false, container: false } };
  // From here on, post has engines to clean up.
  recorder.update((s) => (s.nodes = [node0, ...appended.states()]));
  const image = inputs.driverOpts.image ?? DEFAULT_BUILDKIT_IMAGE;
  const flags = buildkitdFlags(inputs.buildkitdFlags, inputs.driverOpts.network === 'host', inputs.config?.insecureEntitlements);

  const progress = new Progress((l) => host.info(l), 1, '[internal] booting buildkit');
  // Nothing is left half-created: what this run made goes, a kept state volume stays.
  // One removal, shared by the failure path and a signal arriving meanwhile.
  let removal: Promise<void> | undefined;
  const removeNode0 = async () => {
    for (const p of (await removeNode(docker, names, { removeVolume: node0.created.volume })).problems) host.warning(p);
    recorder.update(() => (node0.created = { volume: false, container: false }));
  };
  const removeCreated = () =>
    (removal ??= (async () => {
      await Promise.all([removeNode0(), appended.removeCreated((l) => host.warning(l))]);
      // On a signal, node 0's setup may have made one more thing while the other engines were cleaned.
      if (node0.created.volume || node0.created.container) await removeNode0();
    })());
  const cancelled = onCancel(removeCreated);
  const factsAsked = engineFacts(docker);
  const takenAsked = namesTaken(docker, names);
  // Awaited in the boot; this only keeps an early failure from counting as an unhandled rejection meanwhile.
  takenAsked.catch(() => undefined);
  // cache-image: a cached copy of each image is loaded before its pull (see image-cache.ts).
  const beforePull = inputs.cacheImage
    ? async (ref: string) => {
        const cached = await restoreImage(docker, { ref, arch: (await factsAsked)?.architecture ?? 'unknown' }, host);
        recorder.update((s) => (s.cachedImages ??= []).push(cached));
      }
    : undefined;
  // Emulators are registered while the builder is pulled and created, and BuildKit, which detects the
  // platforms it can run when it starts, is started alongside the installer (see EmulatorsInstall).
  const emulators =
    qemu &&
    installEmulators(docker, qemu, {
      pullPolicy: inputs.pullPolicy,
      mirrors: inputs.config?.dockerHubMirrors,
      builder: inputs.name,
      log: (l) => host.info(l),
      beforePull,
    });
  // Awaited below; this only keeps an early failure from counting as an unhandled rejection meanwhile.
  emulators?.result.catch(() => undefined);
  // buildx, when the runner has none or buildx-version asks, is installed while the builder boots; a
  // failure removes what was made, as any other. Only the store entry and `install` need it.
  const buildx = setUpBuildx(
    buildxPlan,
    inputs.buildx,
    (l) => host.info(l),
    (dir) => host.addPath(dir),
  );
  const buildxVersion = buildx.version;
  // Awaited below; this only keeps an early failure from counting as an unhandled rejection meanwhile.
  buildxVersion.catch(() => undefined);
  let status;
  let emulated: EmulatorsResult | undefined;
  let statePlan: StatePlan | undefined;
  let restored: RestoreReport | undefined;
  // The appended nodes are set up alongside node 0, each on its own engine.
  const othersReady = appended.setUp({
    pullPolicy: inputs.pullPolicy,
    timeoutMs: inputs.bootstrapTimeoutMs,
    mirrors: inputs.config?.dockerHubMirrors,
    log: (l) => host.info(l),
  });
  // Awaited below; this only keeps an early failure from counting as an unhandled rejection meanwhile.
  othersReady.catch(() => undefined);
  let others;
  try {
    const pulled = (async () => {
      await beforePull?.(image);
      await ensureImage(docker, image, inputs.pullPolicy, progress, inputs.config?.dockerHubMirrors);
    })();
    const [facts] = await Promise.all([factsAsked, pulled]);
    const gpus = await probeGpus(docker, image, facts);
    const spec = containerSpec({ names, opts: inputs.driverOpts, flags, hasConfig: inputs.config !== undefined, engine: facts, gpus });
    if (inputs.keepState.enabled)
      statePlan = await planState(inputs.keepState, () => stateCompat(docker, image, facts, flags, inputs.config?.digest), host);
    status = await bootNode(
      docker,
      {
        names,
        taken: await takenAsked,
        spec,
        files: containerFiles,
        privateFiles: new Set(inputs.config?.privateFiles),
        timeoutMs: inputs.bootstrapTimeoutMs,
        // The saved state is unpacked into the fresh volume while the emulators are registered.
        beforeStart: async (container) => {
          const restoring = statePlan && restoreState(docker, container, statePlan, node0.created.volume, host);
          await emulators?.registering;
          restored = await restoring;
        },
        onCreated: (resource) => {
          recorder.update(() => (node0.created[resource] = true));
          if (removal) throw new UserError('the builder is being removed');
        },
      },
      progress,
    );
    emulated = await emulators?.result;
    const unseen = emulated ? unseenEmulators(status.platforms, emulated.installed) : [];
    if (unseen.length > 0) {
      progress.note(`BuildKit started before the ${unseen.join(', ')} emulators were registered`);
      status = await restartNode(docker, names, inputs.bootstrapTimeoutMs, progress);
    }
    progress.done();
    others = await othersReady;

    const storeDir = buildxDir();
    const installedBuildx = await buildxVersion;
    const entry = storeEntry({
      names,
      endpoint: engine.endpoint,
      platforms: inputs.platforms,
      driverOpts: optsForBuildx(inputs.driverOpts.given, installedBuildx),
      flags,
      files,
      appended: appended.plans.map((plan) => nodeEntry(plan, installedBuildx)),
    });
    const toSave = (await buildx.installed)?.toSave;
    if (toSave) recorder.update((s) => (s.buildxBinary = toSave));
    if (inputs.buildx.install) {
      const alias = setBuilderAlias();
      recorder.update((s) => (s.builderAlias = alias));
    }
    // Last: nothing can fail after the store entry and `current` are written.
    const written = writeBuilder(storeDir, entry, inputs.use ? { key: currentEndpointKey() } : undefined);
    recorder.update((s) => {
      s.storeDir = storeDir;
      s.previousCurrent = written.previousCurrent;
    });
  } catch (err) {
    progress.error(errorLine(err).split('\n')[0]);
    // Nothing is created on the other nodes' engines after the removal.
    await othersReady.catch(() => undefined);
    // No installer container is left running when the step ends.
    await Promise.all([removeCreated(), emulators?.result.catch(() => undefined)]);
    throw err;
  } finally {
    cancelled();
  }

  if (inputs.use) host.exportVariable('BUILDX_BUILDER', inputs.name);
  // As setup-buildx-action: every node's platforms, once each.
  const platforms = [...new Set([...status.platforms, ...others.flatMap((n) => n.status.platforms)])].join(',');
  const node = nodeInfo({
    name: names.node,
    endpoint: engine.endpoint,
    flags,
    status,
    defaultLoad: inputs.driverOpts.defaultLoad ?? false,
  });
  for (const group of logGroups({
    engineEndpoint: engine.endpoint,
    engine: await factsAsked,
    image,
    container: names.container,
    files,
    node,
  }))
    host.group(group.title, group.lines);
  host.setOutput('name', inputs.name);
  host.setOutput('driver', inputs.driver);
  const buildctlAddr = buildctlAddress(names.endpoint, engine.endpoint);
  host.setOutput('endpoint', buildctlAddr);
  host.setOutput('platforms', platforms);
  // For a matrix leg's artifact names: its declared platforms, else the node's native one (BuildKit lists it first).
  host.setOutput(
    'platform-pair',
    platformPair(inputs.platforms.length ? inputs.platforms.map(formatPlatform) : status.platforms.slice(0, 1)),
  );
  host.setOutput('nodes', JSON.stringify([node, ...others.map((n) => n.info)]));
  host.setOutput('buildkit-version', status.buildkitVersion);
  if (emulated) host.setOutput('qemu-platforms', emulated.platforms.join(','));
  await host.summary(
    summaryMarkdown({
      builder: inputs.name,
      node: names.node,
      endpoint: buildctlAddr,
      image,
      buildkitVersion: status.buildkitVersion,
      platforms: status.platforms,
      rows: [
        ...others.map((n): [string, string] => [
          'Node',
          `\`${n.plan.names.node}\` — \`${n.plan.engine.endpoint}\` (BuildKit ${n.status.buildkitVersion}; ${n.info.platforms})`,
        ]),
        ...(emulated ? [emulatorsRow(emulated.platforms, emulated.installed)] : []),
        ...buildxRows(await buildx.installed, inputs.buildx.install),
      ],
    }),
  );
  const keptState = await finishRestore(docker.getContainer(names.container), statePlan, restored, host);
  if (keptState) recorder.update((s) => (s.keptState = keptState));
  host.info(
    `builder ${inputs.name} is ready: BuildKit ${status.buildkitVersion} on ${platforms}${inputs.platforms.length ? ` (declared ${inputs.platforms.map(formatPlatform).join(',')})` : ''}`,
  );
}

/** The summary's buildx row, when this step installed buildx or the builder alias. */
function buildxRows(installed: InstalledBuildx | undefined, alias: boolean): [string, string][] {
  const parts = [
    ...(installed ? [`${installed.tag} from the ${installed.source}`] : []),
    ...(alias ? ['`docker build` runs `docker buildx build`'] : []),
  ];
  return parts.length > 0 ? [['buildx', parts.join('; ')]] : [];
}

/**
 * The node's engine as the store will name it. buildx refuses a node whose TLS comes from the
 * environment (DOCKER_TLS_VERIFY/DOCKER_CERT_PATH): later docker buildx commands, and post, could not
 * reach it from the store entry or the step's state (which holds no key). As setup-buildx-action does,
 * that TLS goes into a context written for the builder and named as the node's endpoint; post removes
 * it after the node.
 */
function storableEngine(address: EngineAddress, builder: string, recorder: StateRecorder): EngineAddress {
  if (!address.tlsFromEnv) return address;
  const name = temporaryContextName(builder);
  writeContext({ name, host: address.host, tls: address.tls });
  recorder.update((s) => (s.temporaryContext = name));
  return { ...address, endpoint: name, context: name };
}
