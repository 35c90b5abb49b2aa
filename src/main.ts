/**
 * The main step: inputs → plan → connect every engine → set up every node in parallel, all or
 * nothing → buildx store entry → report. Orchestration only: how a node is made is its driver's
 * (src/node/drivers), the order of it the node lifecycle's (src/node/lifecycle.ts).
 */
import { restoreImage } from './actions-cache/image-cache.js';
import { setBuilderAlias } from './buildx/builder-alias.js';
import type { InstalledBuildx } from './buildx/buildx-install.js';
import { type BuildxSetup, planBuildx, setUpBuildx } from './buildx/buildx-plan.js';
import { type StoreEntry, storeEntry, writeBuilder } from './buildx/buildx-store.js';
import { nodeEntry } from './buildx/store-options.js';
import { buildxDir } from './engine/credentials.js';
import { writeContext } from './engine/docker-context.js';
import { buildctlAddress, currentEndpointKey, type EngineAddress, temporaryContextName } from './engine/endpoint.js';
import { nodeNames } from './inputs/names.js';
import { type Inputs, readInputs } from './inputs/read.js';
import { appendedState, node0State } from './keep-state/node-hooks.js';
import type { NodeHooks, NodePlan } from './node/driver.js';
import { driverFor } from './node/drivers/index.js';
import { imageCheckRow } from './node/image-policy.js';
import { Nodes } from './node/lifecycle.js';
import { logGroups } from './node/log-groups.js';
import { nodeInfo } from './node/node-info.js';
import { planNodes, runOwner } from './node/plan.js';
import { githubActionsContext } from './node/provenance.js';
import type { NodeStatus } from './node/status.js';
import { StateRecorder } from './state.js';
import { onCancel } from './step/cancel.js';
import type { Host } from './step/host.js';
import { emulatorsRow, summaryMarkdown } from './step/summary.js';
import { Timeline, timelineMermaid } from './step/timeline.js';
import { formatPlatform, platformPair } from './util/platforms.js';

/** The timeline's lane for what the step does once for every node (the engines, buildx). */
const STEP_LANE = 'step';

export async function main(host: Host): Promise<void> {
  // The step's phases, for the summary's chart: the step's own lane, and one per node.
  const timeline = new Timeline();
  const recorder = new StateRecorder(host);
  const inputs = readInputs(host);
  const buildxPlan = planBuildx(inputs.buildx);
  // Registered before anything can print them.
  for (const node of [inputs, ...inputs.append])
    for (const value of [...Object.values(node.driverOpts.env), ...(node.config?.secrets ?? [])]) host.setSecret(value);
  recorder.update((s) => {
    s.builder = inputs.name;
    s.cleanup = inputs.cleanup;
    s.debug = host.isDebug() || !!inputs.config?.debug;
  });
  // The docker driver's builder is the context's own: nothing is written for it, a context neither.
  const engine = inputs.driver === 'docker' ? inputs.engine : storableEngine(inputs.engine, inputs.name, recorder);
  // Registered before anything can print them: a remote node's private key from BUILDER_NODE_0_AUTH_TLS_KEY.
  const remoteKey = inputs.driverOpts.remote?.key && inputs.driverOpts.remote.files[inputs.driverOpts.remote.key];
  if (remoteKey) for (const line of pemBody(remoteKey)) host.setSecret(line);
  const plans = planNodes(
    inputs.name,
    [{ ...inputs, name: inputs.driver === 'docker' ? inputs.name : nodeNames(inputs.name).node, engine }, ...inputs.append],
    { qemu: host.input('qemu'), platforms: host.input('qemu-platforms'), image: host.input('qemu-image') },
    inputs.keepState.enabled,
    () => githubActionsContext(process.env),
    {
      driver: inputs.driver,
      pullPolicy: inputs.pullPolicy,
      imagePolicy: inputs.imagePolicy,
      mirrors: inputs.config?.dockerHubMirrors,
      bootTimeoutMs: inputs.bootstrapTimeoutMs,
    },
  );
  // Every engine answers before anything is created on any of them; from here on, post has engines to clean up.
  const nodes = await timeline.time(STEP_LANE, 'engines answer', () => Nodes.connect(plans, runOwner(inputs.name)));
  recorder.update((s) => (s.nodes = nodes.records));
  const keptState = node0State(inputs.keepState, plans[0].flags, inputs.config?.digest, host);
  const node0Hooks: NodeHooks = { ...keptState.hooks, ...(inputs.cacheImage ? cachedImages(recorder, host) : {}) };
  const appendedHooks = appendedState(inputs.keepState);
  // buildx, when the runner has none or buildx-version asks, is installed while the builders boot; a
  // failure removes what was made, as any other. Only the store entry and `install` need it.
  const buildx = setUpBuildx(
    buildxPlan,
    inputs.buildx,
    (l) => host.info(l),
    (dir) => host.addPath(dir),
  );
  // Awaited later; this only keeps an early failure from counting as an unhandled rejection meanwhile.
  buildx.version.catch(() => undefined);
  const installing = buildxPlan.install;
  if (installing) timeline.time(STEP_LANE, `buildx ${installing}`, () => buildx.installed).catch(() => undefined);
  else buildx.installed.catch(() => undefined);
  const lifecycle = {
    hooksFor: (plan: NodePlan) => (plan.index === 0 ? node0Hooks : appendedHooks),
    log: (l: string) => host.info(l),
    recorded: () => recorder.update(() => undefined),
    warn: (l: string) => host.warning(l),
    timeline,
  };
  // Nothing is left half-created: what this run made goes (a signal meanwhile shares the removal).
  const cancelled = onCancel(() => nodes.remove(lifecycle));
  let statuses: NodeStatus[];
  try {
    statuses = await nodes.setUp(lifecycle);
    await timeline.time(STEP_LANE, 'buildx store entry', () => writeStore(inputs, plans, buildx, recorder));
  } catch (err) {
    await nodes.remove(lifecycle);
    throw err;
  } finally {
    cancelled();
  }
  await report(host, inputs, plans, statuses, await buildx.installed, timeline);
  const kept = await keptState.finish();
  if (kept) recorder.update((s) => (s.keptState = kept));
  const platforms = allPlatforms(statuses);
  host.info(
    `builder ${inputs.name} is ready: BuildKit ${statuses[0].buildkitVersion} on ${platforms}${inputs.platforms.length ? ` (declared ${inputs.platforms.map(formatPlatform).join(',')})` : ''}`,
  );
}

/** cache-image: a cached copy of each image is loaded before its pull (see image-cache.ts). */
function cachedImages(recorder: StateRecorder, host: Host): NodeHooks {
  return {
    beforePull: async (ref, at) => {
      const cached = await restoreImage(at.docker, { ref, arch: at.facts?.architecture ?? 'unknown' }, host);
      recorder.update((s) => (s.cachedImages ??= []).push(cached));
    },
  };
}

/**
 * The buildx store entry (every node, as buildx writes it), the downloaded binary and the builder alias.
 * The docker driver's builder is the context's own: buildx lists it by itself, so no entry is written.
 */
async function writeStore(inputs: Inputs, plans: NodePlan[], buildx: BuildxSetup, recorder: StateRecorder): Promise<void> {
  const storeDir = buildxDir();
  const installedBuildx = await buildx.version;
  const entry = inputs.driver === 'docker' ? undefined : await builderEntry(plans, installedBuildx);
  const toSave = (await buildx.installed)?.toSave;
  if (toSave) recorder.update((s) => (s.buildxBinary = toSave));
  if (inputs.buildx.install) {
    const alias = setBuilderAlias();
    recorder.update((s) => (s.builderAlias = alias));
  }
  if (!entry) return;
  // Last: nothing can fail after the store entry and `current` are written.
  const written = writeBuilder(storeDir, entry, inputs.use ? { key: currentEndpointKey() } : undefined);
  recorder.update((s) => {
    s.storeDir = storeDir;
    s.previousCurrent = written.previousCurrent;
  });
}

async function builderEntry(plans: NodePlan[], installedBuildx: string | undefined): Promise<StoreEntry> {
  const [node0, ...appended] = await Promise.all(
    plans.map(async (plan) => nodeEntry((await driverFor(plan.driver)).storeEntry(plan), installedBuildx)),
  );
  return storeEntry({ ...node0, names: plans[0].names, appended, driver: plans[0].driver });
}

/** As setup-buildx-action: every node's platforms, once each. */
function allPlatforms(statuses: NodeStatus[]): string {
  return [...new Set(statuses.flatMap((s) => s.platforms))].join(',');
}

/** The step's outputs, log groups and summary. */
async function report(
  host: Host,
  inputs: Inputs,
  plans: NodePlan[],
  statuses: NodeStatus[],
  installed: InstalledBuildx | undefined,
  timeline: Timeline,
): Promise<void> {
  if (inputs.use) host.exportVariable('BUILDX_BUILDER', inputs.name);
  const infos = plans.map((plan, i) =>
    nodeInfo({
      name: plan.names.node,
      endpoint: plan.engine.endpoint,
      flags: plan.flags,
      status: statuses[i],
      defaultLoad: plan.opts.defaultLoad ?? false,
    }),
  );
  const [node0, status] = [plans[0], statuses[0]];
  if (inputs.driver === 'docker-container')
    for (const group of logGroups({
      engineEndpoint: node0.engine.endpoint,
      engine: status.engine,
      image: node0.image,
      container: node0.names.container,
      files: node0.files,
      node: infos[0],
    }))
      host.group(group.title, group.lines);
  host.setOutput('name', inputs.name);
  host.setOutput('driver', inputs.driver);
  // buildctl --addr: the container through its engine; a kubernetes node has none of its own, so its
  // output is the store's endpoint, as buildx inspect shows it; a remote daemon's own address; the docker driver's context.
  const buildctlAddr =
    node0.driver === 'docker-container'
      ? buildctlAddress(node0.names.endpoint, node0.engine.endpoint)
      : node0.driver === 'kubernetes'
        ? (await driverFor(node0.driver)).storeEntry(node0).endpoint
        : node0.engine.endpoint;
  host.setOutput('endpoint', buildctlAddr);
  host.setOutput('platforms', allPlatforms(statuses));
  // For a matrix leg's artifact names: its declared platforms, else the node's native one (BuildKit lists it first).
  host.setOutput(
    'platform-pair',
    platformPair(inputs.platforms.length ? inputs.platforms.map(formatPlatform) : status.platforms.slice(0, 1)),
  );
  host.setOutput('nodes', JSON.stringify(infos));
  host.setOutput('buildkit-version', status.buildkitVersion);
  const emulated = status.emulated;
  if (emulated) host.setOutput('qemu-platforms', emulated.platforms.join(','));
  // The chart follows the table after a blank line (a code block must not touch the table).
  const chart = timelineMermaid(timeline.phases(), `main step of ${inputs.name}, seconds since it began`);
  await host.summary(
    summaryMarkdown({
      builder: inputs.name,
      node: node0.names.node,
      endpoint: buildctlAddr,
      image: node0.image,
      buildkitVersion: status.buildkitVersion,
      platforms: status.platforms,
      rows: [
        ...plans
          .slice(1)
          .map((plan, i): [string, string] => [
            'Node',
            `\`${plan.names.node}\` — \`${plan.engine.endpoint}\` (BuildKit ${statuses[i + 1].buildkitVersion}; ${infos[i + 1].platforms})`,
          ]),
        ...statuses.flatMap((s, i): [string, string][] =>
          s.imageCheck ? [imageCheckRow(s.imageCheck, plans.length > 1 ? plans[i].names.node : undefined)] : [],
        ),
        ...(emulated ? [emulatorsRow(emulated.platforms, emulated.installed)] : []),
        ...buildxRows(installed, inputs.buildx.install),
      ],
    }) + `\n${chart}`,
  );
}

/** The base64 lines of a PEM block, each a secret to mask (the BEGIN/END lines are not). */
function pemBody(pem: string): string[] {
  return pem
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('-----'));
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
