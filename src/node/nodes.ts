/**
 * The builder's appended nodes (the append input), each on its own engine: planned from the inputs
 * (pure), connected before anything is created anywhere, set up in parallel (image, QEMU on that
 * node's engine, volume, container, files, start, readiness), and removed all together when any node
 * fails (main) or when the builder goes (post). Node 0, on the runner's side, is main's own.
 */
import type { NodeEntry } from '../buildx/buildx-store.js';
import { optsForBuildx } from '../buildx/buildx-store.js';
import { connect } from '../engine/docker.js';
import type { DockerClient } from '../engine/docker-client.js';
import { type EngineAddress, storedAddress } from '../engine/endpoint.js';
import type { AppendedNode } from '../inputs/append.js';
import type { DriverOpts } from '../inputs/driver-opts.js';
import { type NodeNames, nodeNames } from '../inputs/names.js';
import { DEFAULT_BUILDKIT_IMAGE, type PullPolicy } from '../inputs/values.js';
import type { NodeState, StateRecorder } from '../state.js';
import { Progress } from '../step/progress.js';
import { errorLine, UserError } from '../util/errors.js';
import { bootNode, engineFacts, ensureImage, namesTaken, type NodeStatus, probeGpus, removeNode, restartNode } from './builder.js';
import { buildkitdFlags, containerSpec } from './container-spec.js';
import { type NodeInfo, nodeInfo } from './node-info.js';
import { PROVENANCE_CONTEXT_FILE } from './provenance.js';
import { installEmulators, parseQemuInputs, type QemuInputs, unseenEmulators } from './qemu.js';

export interface NodePlan {
  names: NodeNames;
  engine: EngineAddress;
  image: string;
  opts: DriverOpts;
  /** buildkitd's arguments after the entitlement rule (the store's Flags). */
  flags: string[];
  /** The store's Files: the node's buildkitd.toml and the certificates it names. */
  files: Record<string, Buffer>;
  /** What goes into the container: the files, and the GitHub context for provenance unless turned off. */
  containerFiles: Record<string, Buffer>;
  privateFiles: Set<string>;
  hasConfig: boolean;
  platforms: AppendedNode['platforms'];
  qemu?: QemuInputs;
  /** keep-state: the node's volume stays on its engine when post removes the node. */
  keepVolume: boolean;
}

/** The qemu inputs as given: each node gets its own targets from its declared platforms. */
export interface QemuValues {
  qemu: string;
  platforms: string;
  image: string;
}

/** Each appended node's plan: pure, from the parsed nodes to what is created on each engine. */
export function planNodes(
  builder: string,
  nodes: AppendedNode[],
  qemu: QemuValues,
  keepState: boolean,
  githubContext: () => Buffer | undefined,
): NodePlan[] {
  return nodes.map((node) => {
    const files = node.config?.files ?? {};
    const provenance = node.driverOpts.provenanceAddGha === false ? undefined : githubContext();
    return {
      names: nodeNames(builder, node.name),
      engine: node.engine,
      image: node.driverOpts.image ?? DEFAULT_BUILDKIT_IMAGE,
      opts: node.driverOpts,
      flags: buildkitdFlags(node.buildkitdFlags, node.driverOpts.network === 'host', node.config?.insecureEntitlements),
      files,
      containerFiles: provenance ? { ...files, [PROVENANCE_CONTEXT_FILE]: provenance } : files,
      privateFiles: new Set(node.config?.privateFiles),
      hasConfig: node.config !== undefined,
      platforms: node.platforms,
      qemu: parseQemuInputs(qemu, node.platforms),
      keepVolume: keepState,
    };
  });
}

/** The node as the buildx store holds it. */
export function nodeEntry(plan: NodePlan, buildxVersion: string | undefined): NodeEntry {
  return {
    name: plan.names.node,
    endpoint: plan.engine.endpoint,
    platforms: plan.platforms,
    driverOpts: optsForBuildx(plan.opts.given, buildxVersion),
    flags: plan.flags,
    files: plan.files,
  };
}

export interface SetupOptions {
  pullPolicy: PullPolicy;
  timeoutMs: number;
  mirrors?: string[];
  log(line: string): void;
}

export interface ReadyNode {
  plan: NodePlan;
  status: NodeStatus;
  info: NodeInfo;
}

interface Connected {
  plan: NodePlan;
  docker: DockerClient;
  state: NodeState;
}

/**
 * main's side of the appended nodes. Every resource is recorded in the step's state as soon as it
 * exists, so post (or a signal meanwhile) removes exactly what this run made on each engine.
 */
export class AppendedNodes {
  private connected: Connected[] = [];
  private settled: Promise<unknown> = Promise.resolve();
  /** Set once the removal has begun: a setup still running creates nothing more after it. */
  private stopping = false;

  constructor(
    readonly plans: NodePlan[],
    private readonly recorder: StateRecorder,
  ) {}

  /** Connects to every node's engine; nothing is created before all of them answer. */
  async connect(): Promise<void> {
    this.connected = await Promise.all(
      this.plans.map(async (plan) => {
        try {
          const { docker } = await connect(plan.engine);
          return {
            plan,
            docker,
            state: {
              name: plan.names.node,
              endpoint: plan.engine.endpoint,
              host: plan.engine.host,
              keepVolume: plan.keepVolume,
              created: { volume: false, container: false },
            },
          };
        } catch (err) {
          throw new UserError(`node ${plan.names.node}: ${errorLine(err)}`, { cause: err });
        }
      }),
    );
  }

  /** The nodes as the step's state records them; setUp and removeCreated update these objects. */
  states(): NodeState[] {
    return this.connected.map((c) => c.state);
  }

  /** Sets every node up in parallel; the first failure is thrown once every node has settled. */
  setUp(opts: SetupOptions): Promise<ReadyNode[]> {
    const each = this.connected.map((node, i) =>
      setUpNode(node, opts, 3 + 2 * i, (resource) => {
        this.recorder.update(() => (node.state.created[resource] = true));
        if (this.stopping) throw new UserError('the builder is being removed');
      }),
    );
    const settled = Promise.allSettled(each);
    this.settled = settled;
    return settled.then((results) => {
      const failed = results.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
      return (results as PromiseFulfilledResult<ReadyNode>[]).map((r) => r.value);
    });
  }

  /**
   * Removes what this run created on every appended node's engine. After a failure the setups have
   * settled already. On a signal they may still run: the first pass removes what exists, which makes
   * a setup past its creations fail at once, one between them stops at its next (see setUp); the
   * second pass removes what a creation in flight made meanwhile.
   */
  async removeCreated(warn: (line: string) => void): Promise<void> {
    this.stopping = true;
    await this.removeRecorded(warn);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.settled, new Promise((r) => (timer = setTimeout(r, SETTLE_MS)))]);
    clearTimeout(timer);
    await this.removeRecorded(warn);
  }

  private async removeRecorded(warn: (line: string) => void): Promise<void> {
    const made = this.connected.filter((node) => node.state.created.volume || node.state.created.container);
    await Promise.all(
      made.map(async (node) => {
        for (const p of (await removeNode(node.docker, node.plan.names, { removeVolume: node.state.created.volume })).problems)
          warn(`node ${node.plan.names.node}: ${p}`);
        this.recorder.update(() => (node.state.created = { volume: false, container: false }));
      }),
    );
  }
}

/** How long a signal's cleanup waits for the setups still running to stop. */
const SETTLE_MS = 10000;

async function setUpNode(
  node: Connected,
  opts: SetupOptions,
  progressId: number,
  onCreated: (resource: 'volume' | 'container') => void,
): Promise<ReadyNode> {
  const { plan, docker } = node;
  const progress = new Progress(opts.log, progressId, `[internal] booting buildkit on node ${plan.names.node} (${plan.engine.endpoint})`);
  try {
    const factsAsked = engineFacts(docker);
    const takenAsked = namesTaken(docker, plan.names);
    const emulators =
      plan.qemu &&
      installEmulators(docker, plan.qemu, {
        pullPolicy: opts.pullPolicy,
        mirrors: opts.mirrors,
        builder: plan.names.builder,
        log: opts.log,
        progressId: progressId + 1,
      });
    emulators?.result.catch(() => undefined);
    const [facts, taken] = await Promise.all([
      factsAsked,
      takenAsked,
      ensureImage(docker, plan.image, opts.pullPolicy, progress, opts.mirrors),
    ]);
    const gpus = await probeGpus(docker, plan.image, facts);
    const spec = containerSpec({ names: plan.names, opts: plan.opts, flags: plan.flags, hasConfig: plan.hasConfig, engine: facts, gpus });
    let status = await bootNode(
      docker,
      {
        names: plan.names,
        taken,
        spec,
        files: plan.containerFiles,
        privateFiles: plan.privateFiles,
        timeoutMs: opts.timeoutMs,
        beforeStart: async () => {
          await emulators?.registering;
        },
        onCreated,
      },
      progress,
    );
    const emulated = await emulators?.result;
    if (emulated && unseenEmulators(status.platforms, emulated.installed).length > 0)
      status = await restartNode(docker, plan.names, opts.timeoutMs, progress);
    progress.done();
    const info = nodeInfo({
      name: plan.names.node,
      endpoint: plan.engine.endpoint,
      flags: plan.flags,
      status,
      defaultLoad: plan.opts.defaultLoad ?? false,
    });
    return { plan, status, info };
  } catch (err) {
    progress.error(errorLine(err).split('\n')[0]);
    throw new UserError(`node ${plan.names.node}: ${errorLine(err)}`, { cause: err });
  }
}

/** How long post gives one node: its engine's connection bound, and the removal itself. */
const REMOVE_TIMEOUT_MS = 60000;

export interface NodeRemoval {
  name: string;
  endpoint: string;
  /** What was removed, for the log and the summary. */
  removed: string[];
  /** Why nothing could be removed (the engine did not answer in time); the node stays in the store entry. */
  unreachable?: string;
  problems: string[];
}

/**
 * post's side: each appended node is removed from its own engine, all in parallel, each within a
 * bound. A node whose engine does not answer is reported, never thrown. With keep-state, a node's
 * volume stays on its engine: a warm cache for the next run of the same builder name.
 */
export function removeNodes(builder: string, nodes: NodeState[], timeoutMs = REMOVE_TIMEOUT_MS): Promise<NodeRemoval[]> {
  return Promise.all(
    nodes.map(async (node): Promise<NodeRemoval> => {
      const names = nodeNames(builder, node.name);
      let timer: NodeJS.Timeout | undefined;
      const bound = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
      });
      try {
        const { docker } = await Promise.race([connect(storedAddress(node.endpoint), Math.min(timeoutMs, 30000)), bound]);
        const removeVolume = node.created.volume && !node.keepVolume;
        const result = await Promise.race([removeNode(docker, names, { removeVolume }), bound]);
        const removed: string[] = result.removed.map((r) => (r === 'volume' ? 'state volume' : r));
        if (node.created.volume && node.keepVolume) removed.push(`state volume ${names.volume} kept there (keep-state)`);
        return { name: node.name, endpoint: node.endpoint, removed, problems: result.problems };
      } catch (err) {
        return { name: node.name, endpoint: node.endpoint, removed: [], unreachable: errorLine(err).split('\n')[0], problems: [] };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
}
