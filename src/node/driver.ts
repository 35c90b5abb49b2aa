/**
 * The contract every node driver implements: how one node of the builder is reached, made, described
 * to buildx and removed. A driver is one module under src/node/drivers/, registered once in
 * src/node/drivers/index.ts; the node lifecycle (src/node/lifecycle.ts) calls it the same way for
 * every node, node 0 included, and main and post know no driver by name.
 *
 * The four parts, in the order the lifecycle calls them:
 *
 * 1. `connect(plan, bound)` reaches what the node runs on (a Docker engine, a cluster, a BuildKit
 *    daemon) and creates nothing. Every node of the builder is connected before anything is created on
 *    any of them: a node whose engine does not answer fails the step with nothing to undo. Every request
 *    the driver sends from here on is bounded (`bound.requestMs`): a stalled engine is an error naming
 *    the node and its endpoint, not a hang.
 *
 * 2. `setUp(ctx)` on the connection creates the node and waits until BuildKit answers; it returns the
 *    node's status (BuildKit version, platforms). Each resource it creates is handed to `ctx.record`
 *    the moment the engine has acknowledged it and BEFORE anything relies on it (the next request, a
 *    hook): the record is written to the step's state at once, so post, or a signal arriving meanwhile,
 *    removes exactly what exists. Every resource carries the run's owner labels (`ownerLabels`), so it
 *    can also be found by label on its engine. `ctx.signal` aborts the setup: when another node fails or
 *    the job is cancelled, the driver stops at its next request and creates nothing more (a request in
 *    flight may still complete; its resource is recorded and removed like any other). QEMU is part of
 *    the node's plan (`plan.qemu`): the driver installs the emulators where its BuildKit runs
 *    (docker-container: tonistiigi/binfmt on the engine, BuildKit restarted once if it started before
 *    them), or its planner refuses them.
 *
 * 3. `storeEntry(plan)` is the node as buildx's store holds it (endpoint, driver-opts as given, flags,
 *    files); the buildx layer turns it into the store's JSON. Pure.
 *
 * 4. `tearDown(record, ctx)` removes what this run created, from the JSON record alone (post runs in
 *    another process): it reconnects, finds the resources by name and by this run's labels, removes
 *    them but those marked `keep`, never throws and ends within `ctx.timeoutMs` (an engine that does
 *    not answer is reported as unreachable). It never removes what another run made (a different run
 *    label): under a fixed builder name a second job's live node is left alone.
 *
 * A driver that creates nothing (remote: an existing daemon; docker: the engine's own BuildKit)
 * records nothing, and its tearDown returns an empty report.
 *
 * Hooks (`NodeHooks`) are the per-node parts that are not the driver's: cached images (before a pull),
 * state restore (on the created node before BuildKit starts), what keep-state needs once it is up, and
 * the state save before removal. main and post wire them; the lifecycle only calls them at their
 * moment, so it knows nothing of keep-state or the Actions cache. A driver calls the hooks it has a
 * moment for and says which in its header; the `NodeAccess` a hook receives says which driver made it.
 */
import type Docker from 'dockerode';

import type { DockerClient } from '../engine/docker-client.js';
import type { EngineAddress } from '../engine/endpoint.js';
import type { DriverOpts } from '../inputs/driver-opts.js';
import type { NodeNames } from '../inputs/names.js';
import type { PullPolicy } from '../inputs/values.js';
import type { Progress } from '../step/progress.js';
import type { Lane } from '../step/timeline.js';
import type { Platform } from '../util/platforms.js';
import type { EngineFacts } from './container-spec.js';
import type { RunOwner } from './owner.js';
import type { QemuInputs } from './qemu.js';
import type { NodeStatus } from './status.js';

/** buildx's driver names. */
export type DriverName = 'docker-container' | 'kubernetes' | 'remote' | 'docker';

/** Everything about one node decided from the inputs before any engine is asked (pure). */
export interface NodePlan {
  driver: DriverName;
  /** 0 for the node of the builder's own inputs, then the appended nodes in order. */
  index: number;
  names: NodeNames;
  /** Where the node runs, as the store names it and post reconnects: for drivers on a Docker engine, that engine. */
  engine: EngineAddress;
  image: string;
  opts: DriverOpts;
  /** buildkitd's arguments after the entitlement rule (the store's Flags). */
  flags: string[];
  /** The store's Files: the node's buildkitd.toml and the certificates it names. */
  files: Record<string, Buffer>;
  /** What goes into the node: the files, and the GitHub context for provenance unless turned off. */
  containerFiles: Record<string, Buffer>;
  /** Which files hold private keys (written 0600). */
  privateFiles: Set<string>;
  hasConfig: boolean;
  /** The node's declared platforms (the store's Platforms). */
  platforms: Platform[];
  qemu?: QemuInputs;
  /**
   * keep-state is on for the node (a driver that cannot keep state refuses it when planning). Whether
   * its storage outlives it is keep-state's decision, through the beforeCreate hook, by one rule for
   * every node.
   */
  keepState: boolean;
  pullPolicy: PullPolicy;
  /** buildx's builder image check is on (BUILDX_DEFAULT_POLICY; see image-policy.ts). */
  imagePolicy: boolean;
  mirrors?: string[];
  /** How long BuildKit has to answer once started (bootstrap-timeout). */
  bootTimeoutMs: number;
}

/** The bounds of one node's requests. */
export interface RequestBound {
  /** Connecting, including the first answer (ping). */
  connectMs: number;
  /** Any later request that is not a transfer of unbounded size (a pull, an archive, a probe's output). */
  requestMs: number;
  /**
   * Aborts the node's requests in flight (another node failed, the step is cancelled), but a creation
   * the engine may complete anyway: that one is awaited, recorded and removed like any other.
   */
  signal?: AbortSignal;
}

/** One thing a driver created: JSON in the step's state. */
export interface NodeResource {
  /** The driver's kind: 'container', 'volume' for docker-container; 'deployment', 'configmap', ... for others. */
  kind: string;
  name: string;
  /** Left in place by tearDown (keep-state's storage under a fixed name). */
  keep?: boolean;
  /**
   * Not created by this run: made by an earlier run under the same builder name and taken over by
   * this one (a state volume reused). Post removes it by name, unless kept; main's failure path leaves it.
   */
  adopted?: boolean;
}

/** What post needs to remove a node: JSON in the step's state, updated on every `record`. */
export interface NodeRecord {
  name: string;
  driver: DriverName;
  /** What the buildx store names: a context or a host URL (post reconnects there). */
  endpoint: string;
  host: string;
  run: RunOwner;
  created: NodeResource[];
}

/** How a hook reaches the node; one variant per driver that calls hooks. */
export interface DockerNodeAccess {
  driver: 'docker-container';
  docker: DockerClient;
  names: NodeNames;
  /** The engine's facts (/info), undefined when /info failed. */
  facts?: EngineFacts;
}
export type NodeAccess = DockerNodeAccess;

/** The per-node parts that are not the driver's, called at their moment; each may be absent. */
export interface NodeHooks {
  /** Before the driver pulls `ref` onto the node's engine (cache-image loads a cached copy). */
  beforePull?(ref: string, at: NodeAccess): Promise<void>;
  /**
   * The image is there and nothing is created yet (keep-state plans its restore). Returns whether the
   * node's state storage outlives the node: `keepStorage` marks it `keep` in the record.
   */
  beforeCreate?(at: NodeAccess, plan: NodePlan): Promise<{ keepStorage: boolean }>;
  /**
   * The node is created and BuildKit not started: its state storage is attached, `fresh` when this
   * run created it (keep-state restores into it). Runs alongside the emulators' registration.
   */
  beforeStart?(at: NodeAccess & { container: Docker.Container; fresh: boolean }, plan: NodePlan): Promise<void>;
  /** BuildKit answers (keep-state takes its fingerprint). */
  afterReady?(at: NodeAccess, status: NodeStatus): Promise<void>;
  /** post, before removal, when this run created the node (keep-state saves). Never throws. */
  beforeTearDown?(at: NodeAccess, record: NodeRecord): Promise<void>;
}

export interface SetUpContext {
  hooks: NodeHooks;
  signal: AbortSignal;
  /** Writes the resource into the step's state before it returns: call it before relying on the resource. */
  record(resource: NodeResource): void;
  /** The node's progress lines (`#n [internal] booting buildkit ...`), the same for every node. */
  progress: Progress;
  log(line: string): void;
  /** Progress ids the driver may use for parallel parts (the QEMU installer). */
  nextProgressId: number;
  /** The node's lane of the step's timeline (the summary's chart): the driver times its phases on it. */
  phases: Lane;
}

/** A reached node, from connect: the node can be set up. */
export interface Connection {
  /** The node's record before anything is created (`created` empty). */
  record: NodeRecord;
  setUp(ctx: SetUpContext): Promise<NodeStatus>;
}

export interface TearDownContext {
  hooks: NodeHooks;
  /** The connection ends within it, and so does the removal (the beforeTearDown hook, a save, is its own). */
  timeoutMs: number;
  /** main's failure path: what is marked `keep` goes too (a node that never became ready holds nothing worth keeping). */
  removeKept?: boolean;
}

export interface TearDownReport {
  name: string;
  endpoint: string;
  /** What was removed, for the log and the summary ("container", "state volume", ...). */
  removed: string[];
  /** What stays by rule ("state volume x kept there (keep-state)"). */
  kept: string[];
  /** Why nothing could be removed (the engine did not answer in time); the node stays in the buildx entry. */
  unreachable?: string;
  /** Lines for warnings. */
  problems: string[];
}

/** The node as buildx's store holds it; the buildx layer adds the version-dependent opts. */
export interface NodeStoreFields {
  name: string;
  endpoint: string;
  platforms: Platform[];
  /** The driver-opts as given (buildx's store keeps them as typed). */
  driverOpts: Record<string, string>;
  flags: string[];
  files: Record<string, Buffer>;
}

export interface NodeDriver {
  readonly name: DriverName;
  /** Reaches the node; creates nothing. Throws an error naming the node and its endpoint. */
  connect(plan: NodePlan, owner: RunOwner, bound: RequestBound): Promise<Connection>;
  storeEntry(plan: NodePlan): NodeStoreFields;
  /** Removes what the record says this run created, but what is kept. Never throws. */
  tearDown(record: NodeRecord, ctx: TearDownContext): Promise<TearDownReport>;
  /**
   * cleanup off: leaves the node for later runs and marks it as no longer in use by this run, so a
   * later run under the same name may replace it. Returns problems as lines; absent: nothing to mark.
   */
  release?(record: NodeRecord, timeoutMs: number): Promise<string[]>;
}
