/**
 * What a node is once BuildKit answers, whatever its driver: the status the lifecycle hands back to
 * main for the outputs, the log and the summary.
 */
import type { EngineFacts } from './container-spec.js';
import type { ImageCheckOutcome } from './image-policy.js';

export interface EmulatorsResult {
  /** Platforms now available through emulators, e.g. ["linux/arm64"]. */
  platforms: string[];
  /** Architectures this run registered. */
  installed: string[];
}

/** The node's status once BuildKit answers. */
export interface NodeStatus {
  /** The platforms BuildKit's workers report, e.g. ["linux/amd64", "linux/arm64"]. */
  platforms: string[];
  /** The first worker's snapshotter (overlayfs, native, ...): what the state on disk is made of. */
  snapshotter: string;
  buildkitVersion: string;
  /** The first worker's labels (executor, snapshotter, hostname, network, ...). */
  labels: Record<string, string>;
  /** The first worker's garbage collection rules, as BuildKit reports them. */
  gcPolicy: GcRule[];
  /** The emulators installed for the node (QEMU), when it asked for them. */
  emulated?: EmulatorsResult;
  /** What buildx's builder image check concluded (docker-container nodes). */
  imageCheck?: ImageCheckOutcome;
  /** The node's engine, for the log; absent for drivers that run on none. */
  engine?: EngineFacts;
}

/** One rule of a worker's GC policy, in `buildctl debug workers` JSON (durations in ns, sizes in bytes). */
export interface GcRule {
  all?: boolean;
  filter?: string[] | null;
  keepDuration?: number;
  reservedSpace?: number;
  maxUsedSpace?: number;
  minFreeSpace?: number;
}
